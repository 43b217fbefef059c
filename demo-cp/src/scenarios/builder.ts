// Over 400 lines: the scenarios' vocabulary, one method per thing a scenario declares (mesh, service, gateway, route, policy, ...).
import type {
  BackendRef,
  Dataplane,
  DataplaneOutbound,
  HttpRouteMatch,
  Mesh,
  MeshGateway,
  MeshGatewayListener,
  MeshHTTPRoute,
  MeshService,
  MeshServicesMode,
  MeshTCPRoute,
  MeshTrafficPermission,
  Tags,
  TrafficAction,
} from '../../../src/kuma/types';
import { hasBuiltinGateways, isAtLeast } from '../../../src/kuma/version';
import { flatString } from '../compact';
import { storeFromZone, syncGlobalToZone } from '../federation';
import { DISPLAY_NAME_LABEL, ZONE_LABEL } from '../kds';
import { resourceType } from '../personality';
import type { StoredResource } from '../store';
import { type ProxyPin, World } from '../world';

export interface ServiceOptions {
  replicas?: number;
  port?: number;
  protocol?: 'http' | 'tcp' | 'grpc';
  /** Zones to spread replicas over (multi-zone only). */
  zones?: string[];
  version?: string;
  /** A second inbound (an admin port) served as `<name>-admin`. */
  adminPort?: number;
}

export interface RouteBackend {
  service: string;
  weight?: number;
}

export interface HttpRuleSpec {
  path: string;
  pathType?: 'PathPrefix' | 'Exact' | 'RegularExpression';
  method?: string;
  headers?: HttpRouteMatch['headers'];
  backends: RouteBackend[];
}

interface MeshInfo {
  index: number;
  servicePorts: Map<string, number>;
  nextAddress: number;
  nextOutboundPort: number;
  meshServicesMode: MeshServicesMode;
}

/**
 * Small vocabulary for writing scenarios: meshes, services with sidecars, gateways, routes and
 * permissions, written as a platform team would write them, stored exactly as Kuma stores them.
 * In a multi-zone deployment each write goes where it would go for real: meshes, gateways and
 * policies to the global control plane, dataplanes and MeshServices to their zone, and what a
 * control plane holds of the other side is what KDS brought over.
 */
export class ScenarioBuilder {
  private readonly meshInfo = new Map<string, MeshInfo>();
  /** For a federated zone: the global control plane its global resources come from. */
  private readonly global?: World;

  constructor(private readonly world: World) {
    if (world.options.mode === 'zone') {
      this.global = new World({ ...world.options, mode: 'global', simulateProxies: false });
    }
  }

  get builtinGatewaysSupported(): boolean {
    return hasBuiltinGateways(this.world.version);
  }

  get meshServicesSupported(): boolean {
    return isAtLeast(this.world.version, 2, 9);
  }

  /** Zones of a multi-zone deployment, or none. */
  get zones(): string[] {
    if (this.world.options.mode === 'global') return ['zone-east', 'zone-west'];
    if (this.world.options.mode === 'zone') return [this.world.options.zone];
    return [];
  }

  private meta(type: string, mesh: string | undefined, name: string) {
    const now = this.world.timestamp();
    return {
      type,
      ...(mesh === undefined ? {} : { mesh }),
      name,
      creationTime: now,
      modificationTime: now,
    };
  }

  /** Written on a zone in a multi-zone deployment (its type exists only there). */
  private zoneOriginated(typeName: string): boolean {
    const type = resourceType(this.world.personality, typeName);
    return Boolean(type.providedByZone && !type.providedByGlobal);
  }

  /**
   * Writes a resource where it belongs; `zone` is where a zone-originated one runs. Returns the
   * name the demo's control plane stores it under (hashed on a global).
   */
  private put(resource: object, zone?: string): string {
    const stored = resource as StoredResource;
    const mode = this.world.options.mode;
    if (mode === 'global' && this.zoneOriginated(stored.type)) {
      const origin = zone ?? stored.labels?.[ZONE_LABEL] ?? this.zones[0];
      if (!origin) throw new Error(`no zone for ${stored.type} ${stored.name}`);
      return storeFromZone(this.world, origin, stored.type, stored);
    }
    if (this.global && !this.zoneOriginated(stored.type)) {
      this.global.writeAsApi(stored.type, stored);
      syncGlobalToZone(this.global, this.world);
      return stored.name;
    }
    return this.world.writeAsApi(stored.type, stored).name;
  }

  /** The stored name of a dataplane a scenario knows by the name it gave it. */
  private storedDataplane(mesh: string, name: string): string {
    if (this.world.store.get('Dataplane', mesh, name)) return name;
    const renamed = this.world
      .dataplanes(mesh)
      .find((dataplane) => dataplane.labels?.[DISPLAY_NAME_LABEL] === name);
    return renamed?.name ?? name;
  }

  private info(mesh: string): MeshInfo {
    const info = this.meshInfo.get(mesh);
    if (!info) throw new Error(`mesh ${mesh} is not in the scenario`);
    return info;
  }

  private nextAddress(mesh: string): string {
    const info = this.info(mesh);
    const n = info.nextAddress++;
    return flatString(`10.${info.index}.${Math.floor(n / 250)}.${(n % 250) + 2}`);
  }

  mesh(name: string, options: { mtls: boolean; meshServices?: MeshServicesMode }): void {
    const meshServicesMode =
      this.meshServicesSupported && options.meshServices ? options.meshServices : 'Disabled';
    const mesh: Mesh = { ...this.meta('Mesh', undefined, name), type: 'Mesh' };
    if (options.mtls) {
      mesh.mtls = { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin' }] };
    }
    if (meshServicesMode !== 'Disabled') mesh.meshServices = { mode: meshServicesMode };
    this.put(mesh);
    this.meshInfo.set(name, {
      index: this.meshInfo.size + 1,
      servicePorts: new Map(),
      nextAddress: 0,
      nextOutboundPort: 10001,
      meshServicesMode,
    });
  }

  /** The zone replica `replica` runs in, if the deployment has zones. */
  private zoneOf(zones: string[] | undefined, replica: number): string | undefined {
    const available = zones?.length ? zones : this.zones;
    return available[replica % Math.max(available.length, 1)];
  }

  private zoneTags(zones: string[] | undefined, replica: number): Tags {
    const zone = this.zoneOf(zones, replica);
    return zone ? { 'kuma.io/zone': zone } : {};
  }

  /** A service with one sidecar per replica; returns the dataplane names. */
  service(mesh: string, name: string, options: ServiceOptions = {}): string[] {
    const port = options.port ?? 8080;
    const replicas = options.replicas ?? 1;
    const info = this.info(mesh);
    info.servicePorts.set(name, port);
    const names: string[] = [];
    const zones = new Set<string>();
    for (let i = 0; i < replicas; i++) {
      const dpName = flatString(replicas === 1 ? `${name}-1` : `${name}-${i + 1}`);
      const zone = this.zoneOf(options.zones, i);
      if (zone) zones.add(zone);
      const tags: Tags = {
        'kuma.io/service': name,
        'kuma.io/protocol': options.protocol ?? 'http',
        ...(options.version ? { version: options.version } : {}),
        ...this.zoneTags(options.zones, i),
      };
      const dataplane: Dataplane = {
        ...this.meta('Dataplane', mesh, dpName),
        type: 'Dataplane',
        mesh,
        networking: {
          address: this.nextAddress(mesh),
          inbound: [
            { port: port + 10000, servicePort: port, tags },
            ...(options.adminPort
              ? [
                  {
                    port: options.adminPort + 10000,
                    servicePort: options.adminPort,
                    tags: { ...tags, 'kuma.io/service': `${name}-admin` },
                  },
                ]
              : []),
          ],
        },
      };
      names.push(this.put(dataplane, zone));
    }
    if (info.meshServicesMode !== 'Disabled') {
      // Each zone has its own MeshService for the replicas it runs.
      for (const zone of zones.size > 0 ? zones : [undefined]) {
        this.meshService(mesh, name, port, zone);
      }
    }
    return names;
  }

  private meshService(mesh: string, name: string, port: number, zone?: string): void {
    const service: MeshService = {
      ...this.meta('MeshService', mesh, name),
      type: 'MeshService',
      mesh,
      spec: {
        selector: { dataplaneTags: { 'kuma.io/service': name } },
        // The service port maps to the sidecar's inbound port, as `service()` lays them out.
        ports: [{ port, targetPort: port + 10000, appProtocol: 'http' }],
        state: 'Available',
      },
    };
    this.put(service, zone);
  }

  private outboundTo(mesh: string, service: string): DataplaneOutbound {
    const info = this.info(mesh);
    const port = info.nextOutboundPort++;
    if (info.meshServicesMode === 'Exclusive') {
      return {
        port,
        address: '127.0.0.1',
        backendRef: { kind: 'MeshService', name: service, port: info.servicePorts.get(service) },
      };
    }
    return { port, address: '127.0.0.1', tags: { 'kuma.io/service': service } };
  }

  private addOutbounds(mesh: string, dataplaneNames: string[], services: string[]): void {
    const outbounds = services.map((service) => this.outboundTo(mesh, service));
    for (const dpName of dataplaneNames) {
      const stored = this.world.store.get('Dataplane', mesh, dpName) as Dataplane | undefined;
      if (!stored) throw new Error(`no dataplane ${mesh}/${dpName}`);
      this.put({
        ...stored,
        networking: {
          ...stored.networking,
          // Replicas without outbounds yet share one array: a spread reserves room for 17
          // elements in each of 50,000 dataplanes (~7 MB); concat makes an exact one.
          outbound: stored.networking.outbound?.length
            ? stored.networking.outbound.concat(outbounds)
            : outbounds,
        },
      });
    }
  }

  /** Every sidecar of `from` gets an outbound to `to`: the first calls the second. */
  calls(mesh: string, from: string, to: string | string[]): void {
    const dataplanes = this.world
      .dataplanes(mesh)
      .filter((dp) => dp.networking.inbound?.some((i) => i.tags?.['kuma.io/service'] === from))
      .map((dp) => dp.name);
    this.addOutbounds(mesh, dataplanes, Array.isArray(to) ? to : [to]);
  }

  /** A MeshGateway with its BUILTIN dataplanes (one per instance). No-op on 3.x. */
  /** A mesh Secret holding `pem` (what `tls.certificates[].secret` names). */
  secret(mesh: string, name: string, pem: string): void {
    this.put({
      ...this.meta('Secret', mesh, name),
      type: 'Secret',
      mesh,
      data: Buffer.from(pem).toString('base64'),
    });
  }

  builtinGateway(
    mesh: string,
    name: string,
    options: { instances?: number; listeners: MeshGatewayListener[]; tags?: Tags },
  ): string[] {
    if (!this.builtinGatewaysSupported) return [];
    const gateway: MeshGateway = {
      ...this.meta('MeshGateway', mesh, name),
      type: 'MeshGateway',
      mesh,
      selectors: [{ match: { 'kuma.io/service': name } }],
      ...(options.tags ? { tags: options.tags } : {}),
      conf: { listeners: options.listeners },
    };
    this.put(gateway);
    return this.gatewayInstances(mesh, name, 'BUILTIN', options.instances ?? 1);
  }

  private gatewayInstances(
    mesh: string,
    service: string,
    type: 'BUILTIN' | 'DELEGATED',
    instances: number,
  ): string[] {
    const names: string[] = [];
    for (let i = 0; i < instances; i++) {
      const dpName = flatString(`${service}-${i + 1}`);
      const zone = this.zoneOf(undefined, i);
      const gateway: Dataplane['networking']['gateway'] = {
        tags: { 'kuma.io/service': service, ...this.zoneTags(undefined, i) },
      };
      // protojson omits the DELEGATED zero value: store it the way the API returns it.
      if (type === 'BUILTIN') gateway.type = 'BUILTIN';
      const dataplane: Dataplane = {
        ...this.meta('Dataplane', mesh, dpName),
        type: 'Dataplane',
        mesh,
        networking: { address: this.nextAddress(mesh), gateway },
      };
      names.push(this.put(dataplane, zone));
    }
    return names;
  }

  /** A delegated gateway (e.g. Kong with a kuma-dp beside it) calling `calls`. */
  delegatedGateway(
    mesh: string,
    service: string,
    options: { instances?: number; calls: string[] },
  ): string[] {
    const names = this.gatewayInstances(mesh, service, 'DELEGATED', options.instances ?? 1);
    this.addOutbounds(mesh, names, options.calls);
    return names;
  }

  private backendRef(mesh: string, backend: RouteBackend): BackendRef {
    const info = this.info(mesh);
    const ref: BackendRef = { kind: 'MeshService', name: backend.service };
    if (info.meshServicesMode === 'Exclusive') ref.port = info.servicePorts.get(backend.service);
    if (backend.weight !== undefined) ref.weight = backend.weight;
    return ref;
  }

  httpRoute(
    mesh: string,
    name: string,
    gateway: string,
    options: { targetTags?: Tags; hostnames?: string[]; rules: HttpRuleSpec[] },
  ): void {
    if (!this.builtinGatewaysSupported) return;
    const route: MeshHTTPRoute = {
      ...this.meta('MeshHTTPRoute', mesh, name),
      type: 'MeshHTTPRoute',
      mesh,
      spec: {
        targetRef: {
          kind: 'MeshGateway',
          name: gateway,
          ...(options.targetTags ? { tags: options.targetTags } : {}),
        },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            ...(options.hostnames ? { hostnames: options.hostnames } : {}),
            rules: options.rules.map((rule) => ({
              matches: [
                {
                  path: { type: rule.pathType ?? 'PathPrefix', value: rule.path },
                  ...(rule.method ? { method: rule.method } : {}),
                  ...(rule.headers ? { headers: rule.headers } : {}),
                },
              ],
              default: { backendRefs: rule.backends.map((b) => this.backendRef(mesh, b)) },
            })),
          },
        ],
      },
    };
    this.put(route);
  }

  tcpRoute(
    mesh: string,
    name: string,
    gateway: string,
    options: { targetTags?: Tags; backends: RouteBackend[] },
  ): void {
    if (!this.builtinGatewaysSupported) return;
    const route: MeshTCPRoute = {
      ...this.meta('MeshTCPRoute', mesh, name),
      type: 'MeshTCPRoute',
      mesh,
      spec: {
        targetRef: {
          kind: 'MeshGateway',
          name: gateway,
          ...(options.targetTags ? { tags: options.targetTags } : {}),
        },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            rules: [
              { default: { backendRefs: options.backends.map((b) => this.backendRef(mesh, b)) } },
            ],
          },
        ],
      },
    };
    this.put(route);
  }

  /** A MeshTrafficPermission on `to` (a service, or the whole mesh) from the listed sources. */
  permission(
    mesh: string,
    name: string,
    options: { to: string | 'Mesh'; from: { service: string | 'Mesh'; action: TrafficAction }[] },
  ): void {
    const permission: MeshTrafficPermission = {
      ...this.meta('MeshTrafficPermission', mesh, name),
      type: 'MeshTrafficPermission',
      mesh,
      spec: {
        targetRef:
          options.to === 'Mesh'
            ? { kind: 'Mesh' }
            : { kind: 'MeshSubset', tags: { 'kuma.io/service': options.to } },
        from: options.from.map(({ service, action }) => ({
          targetRef:
            service === 'Mesh'
              ? { kind: 'Mesh' }
              : { kind: 'MeshSubset', tags: { 'kuma.io/service': service } },
          default: { action },
        })),
      },
    };
    this.put(permission);
  }

  pin(mesh: string, dataplane: string, pin: ProxyPin): void {
    this.world.pin(mesh, this.storedDataplane(mesh, dataplane), pin);
  }
}
