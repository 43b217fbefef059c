/** Builders for the traffic tests: small, explicit snapshots in the REST API's wire shape. */
import type { ControlPlaneSnapshot, MeshSnapshot } from '../kuma/snapshot';
import type {
  DataplaneInbound,
  DataplaneInsight,
  DataplaneOutbound,
  DataplaneOverview,
  Labels,
  Mesh,
  MeshGateway,
  MeshGatewayListener,
  MeshHTTPRoute,
  MeshHTTPRouteSpec,
  MeshService,
  MeshServiceSpec,
  MeshServicesMode,
  MeshTCPRoute,
  MeshTCPRouteSpec,
  MeshTrafficPermission,
  MeshTrafficPermissionSpec,
  Tags,
} from '../kuma/types';

export const CONNECTED: DataplaneInsight = {
  subscriptions: [
    { id: 's1', controlPlaneInstanceId: 'cp-1', connectTime: '2025-01-01T00:00:00Z' },
  ],
};

export const DISCONNECTED: DataplaneInsight = {
  subscriptions: [
    {
      id: 's1',
      controlPlaneInstanceId: 'cp-1',
      connectTime: '2025-01-01T00:00:00Z',
      disconnectTime: '2025-01-01T01:00:00Z',
    },
  ],
};

interface DpOptions {
  mesh?: string;
  online?: boolean;
  labels?: Labels;
}

function overview(
  name: string,
  networking: DataplaneOverview['dataplane']['networking'],
  options: DpOptions,
): DataplaneOverview {
  return {
    type: 'DataplaneOverview',
    mesh: options.mesh ?? 'default',
    name,
    labels: options.labels,
    dataplane: { networking },
    dataplaneInsight: options.online === false ? DISCONNECTED : CONNECTED,
  };
}

export function builtinGatewayDp(
  name: string,
  tags: Tags,
  options: DpOptions = {},
): DataplaneOverview {
  return overview(name, { address: '10.0.0.10', gateway: { type: 'BUILTIN', tags } }, options);
}

export function delegatedGatewayDp(
  name: string,
  service: string,
  outbound: DataplaneOutbound[] = [],
  options: DpOptions = {},
): DataplaneOverview {
  // No `type`: protojson drops DELEGATED, the enum's zero value.
  return overview(
    name,
    { address: '10.0.0.20', gateway: { tags: { 'kuma.io/service': service } }, outbound },
    options,
  );
}

export interface InboundSpec {
  service: string;
  tags?: Tags;
  port?: number;
  ready?: boolean;
}

export function sidecarDp(
  name: string,
  inbounds: InboundSpec[],
  options: DpOptions = {},
): DataplaneOverview {
  const inbound: DataplaneInbound[] = inbounds.map((spec, index) => ({
    port: spec.port ?? 8080 + index,
    tags: { 'kuma.io/service': spec.service, 'kuma.io/protocol': 'http', ...spec.tags },
    ...(spec.ready === false ? { health: { ready: false } } : {}),
  }));
  return overview(name, { address: '10.0.1.1', inbound }, options);
}

export function meshGateway(
  name: string,
  listeners: MeshGatewayListener[],
  options: { mesh?: string; selectors?: Tags[]; tags?: Tags; creationTime?: string } = {},
): MeshGateway {
  return {
    type: 'MeshGateway',
    mesh: options.mesh ?? 'default',
    name,
    creationTime: options.creationTime,
    selectors: (options.selectors ?? [{ 'kuma.io/service': name }]).map((match) => ({ match })),
    tags: options.tags,
    conf: { listeners },
  };
}

export function httpRoute(name: string, spec: MeshHTTPRouteSpec, mesh = 'default'): MeshHTTPRoute {
  return { type: 'MeshHTTPRoute', mesh, name, spec };
}

export function tcpRoute(name: string, spec: MeshTCPRouteSpec, mesh = 'default'): MeshTCPRoute {
  return { type: 'MeshTCPRoute', mesh, name, spec };
}

export function trafficPermission(
  name: string,
  spec: MeshTrafficPermissionSpec,
  mesh = 'default',
): MeshTrafficPermission {
  return { type: 'MeshTrafficPermission', mesh, name, spec };
}

export function meshService(name: string, spec: MeshServiceSpec, mesh = 'default'): MeshService {
  return { type: 'MeshService', mesh, name, spec };
}

export function meshResource(
  name = 'default',
  options: { mtls?: boolean; mode?: MeshServicesMode } = {},
): Mesh {
  return {
    type: 'Mesh',
    name,
    ...(options.mtls
      ? { mtls: { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin' }] } }
      : {}),
    ...(options.mode ? { meshServices: { mode: options.mode } } : {}),
  };
}

export function meshSnapshot(partial: Partial<MeshSnapshot> & { mesh?: Mesh } = {}): MeshSnapshot {
  return {
    mesh: partial.mesh ?? meshResource(),
    gateways: partial.gateways ?? [],
    dataplanes: partial.dataplanes ?? [],
    httpRoutes: partial.httpRoutes ?? [],
    tcpRoutes: partial.tcpRoutes ?? [],
    trafficPermissions: partial.trafficPermissions ?? [],
    meshServices: partial.meshServices ?? [],
    serviceInsights: partial.serviceInsights ?? [],
  };
}

export function cpSnapshot(...meshes: MeshSnapshot[]): ControlPlaneSnapshot {
  return { meshes };
}

/** A PathPrefix rule forwarding to one legacy (kuma.io/service) backend. */
export function prefixRule(path: string, service: string) {
  return {
    matches: [{ path: { type: 'PathPrefix' as const, value: path } }],
    default: { backendRefs: [{ kind: 'MeshService', name: service }] },
  };
}

/**
 * The Universal example of gateway-semantics.md §1.7: MeshGateway edge-gateway with listeners
 * 8080 `*.example.com` (http-wild), 8080 `foo.example.com` (http-foo), 8443 HTTPS
 * `foo.example.com` (https-foo) and 6379 TCP (tcp-redis); routes edge-http and edge-tcp.
 */
export function edgeExample(
  options: { mtls?: boolean; mode?: MeshServicesMode } = {},
): MeshSnapshot {
  return meshSnapshot({
    mesh: meshResource('default', options),
    gateways: [
      meshGateway(
        'edge-gateway',
        [
          {
            port: 8080,
            protocol: 'HTTP',
            hostname: '*.example.com',
            tags: { listener: 'http-wild' },
          },
          {
            port: 8080,
            protocol: 'HTTP',
            hostname: 'foo.example.com',
            tags: { listener: 'http-foo' },
          },
          {
            port: 8443,
            protocol: 'HTTPS',
            hostname: 'foo.example.com',
            tls: { mode: 'TERMINATE', certificates: [{ secret: 'foo-example-com-cert' }] },
            tags: { listener: 'https-foo' },
          },
          { port: 6379, protocol: 'TCP', tags: { listener: 'tcp-redis' } },
        ],
        { tags: { team: 'edge' } },
      ),
    ],
    dataplanes: [
      builtinGatewayDp('edge-gateway-1', { 'kuma.io/service': 'edge-gateway' }),
      sidecarDp('backend-1', [{ service: 'backend' }]),
      sidecarDp('frontend-1', [{ service: 'frontend', port: 8080 }]),
      sidecarDp('frontend-dev-1', [{ service: 'frontend-dev' }]),
      sidecarDp('redis-1', [{ service: 'redis', tags: { 'kuma.io/protocol': 'tcp' } }]),
    ],
    httpRoutes: [
      httpRoute('edge-http', {
        targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            rules: [prefixRule('/api', 'backend'), prefixRule('/', 'frontend')],
          },
          {
            targetRef: { kind: 'Mesh' },
            hostnames: ['dev.example.com'],
            rules: [prefixRule('/', 'frontend-dev')],
          },
        ],
      }),
    ],
    tcpRoutes: [
      tcpRoute('edge-tcp', {
        targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { listener: 'tcp-redis' } },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            // kuma-cp 2.7+ stores weight 1 when it is left out; without it the gateway
            // cannot be built (gateway-config.ts).
            rules: [
              { default: { backendRefs: [{ kind: 'MeshService', name: 'redis', weight: 1 }] } },
            ],
          },
        ],
      }),
    ],
    trafficPermissions: [
      trafficPermission('allow-edge-gateway', {
        targetRef: { kind: 'Mesh' },
        from: [
          {
            targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'edge-gateway' } },
            default: { action: 'Allow' },
          },
        ],
      }),
    ],
  });
}
