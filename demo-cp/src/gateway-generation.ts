import type { MeshSnapshot } from '../../src/kuma/snapshot';
import type {
  Dataplane,
  Mesh,
  MeshGateway,
  MeshHTTPRoute,
  MeshTCPRoute,
} from '../../src/kuma/types';
import { buildGatewayModel, type GatewayModel } from '../../src/mesh-model/mesh-model';
import { selectGateway } from '../../src/traffic/gateway-binding';
import type { ConfigFailure } from '../../src/traffic/gateway-config';
import type { ResourceStore } from './store';

/** The stored lists a gateway's generation depends on; each is replaced on any write. */
const INPUTS = ['Mesh', 'Dataplane', 'MeshGateway', 'MeshHTTPRoute', 'MeshTCPRoute'] as const;

/**
 * Which built-in gateway proxies kuma-cp cannot generate any configuration for (the rule lives in
 * src/traffic/gateway-config.ts). A real kuma-cp keeps such a proxy connected and online but sends
 * it no Listener, Cluster or RouteConfiguration: its DataplaneInsight counts no responses and its
 * Envoy has no gateway listener (seen on kuma-cp 2.6.15 and 2.14.3). Recomputed only when one of
 * the inputs is written, so a tick of the large scenario costs nothing here.
 */
export class GatewayGeneration {
  private inputs: readonly unknown[] = [];
  /** The store's version the failures were checked at: a tick asks once per proxy. */
  private checkedAt = -1;
  private failures = new Map<string, ConfigFailure>();

  constructor(private readonly store: ResourceStore) {}

  /** Why kuma-cp sends this Dataplane no configuration, if it sends none. */
  failureOf(mesh: string, dataplane: string): ConfigFailure | undefined {
    this.refresh();
    // Asked of every connected proxy each tick: no key to build when nothing fails.
    if (this.failures.size === 0) return undefined;
    return this.failures.get(`${mesh}/${dataplane}`);
  }

  private refresh(): void {
    if (this.store.version === this.checkedAt) return;
    this.checkedAt = this.store.version;
    const inputs = INPUTS.map((type) => this.store.list(type));
    if (inputs.every((list, index) => list === this.inputs[index])) return;
    this.inputs = inputs;
    this.failures = new Map();
    const meshes = new Map<string, MeshSnapshot | undefined>();
    const models = new Map<MeshSnapshot, GatewayModel>();
    for (const stored of this.store.list('Dataplane')) {
      const dataplane = stored as unknown as Dataplane;
      const gatewayTags = dataplane.networking?.gateway;
      if (gatewayTags?.type !== 'BUILTIN') continue;
      if (!meshes.has(dataplane.mesh))
        meshes.set(dataplane.mesh, this.routeSnapshot(dataplane.mesh));
      const mesh = meshes.get(dataplane.mesh);
      if (!mesh) continue;
      const gateway = selectGateway(mesh.gateways, gatewayTags.tags).gateway;
      if (!gateway) continue;
      // The mesh model's routing for this proxy's own tags (computed once per tag set).
      let model = models.get(mesh);
      if (!model) {
        model = buildGatewayModel(mesh);
        models.set(mesh, model);
      }
      const failure = model
        .builtinGateway(gateway.name)
        ?.routingFor({ tags: gatewayTags.tags ?? {} }).failure;
      if (failure) this.failures.set(`${dataplane.mesh}/${dataplane.name}`, failure);
    }
  }

  /** What route attachment reads of a mesh: its gateways and routes, nothing per proxy. */
  private routeSnapshot(meshName: string): MeshSnapshot | undefined {
    const mesh = this.store.get('Mesh', undefined, meshName) as Mesh | undefined;
    if (!mesh) return undefined;
    const list = <T>(type: string) => this.store.list(type, meshName) as unknown as T[];
    return {
      mesh,
      gateways: list<MeshGateway>('MeshGateway'),
      dataplanes: [],
      httpRoutes: list<MeshHTTPRoute>('MeshHTTPRoute'),
      tcpRoutes: list<MeshTCPRoute>('MeshTCPRoute'),
      trafficPermissions: [],
      meshServices: [],
      serviceInsights: [],
    };
  }
}
