/**
 * Input model of the Envoy admin renderers: one data plane proxy's simulated state.
 *
 * Every counter is cumulative since the proxy started, as Envoy's are; the simulation resets
 * them (and `uptimeSeconds`) to model a restart. Gauges (`cxActive`) are current values.
 */

export type EnvoyProxyKind = 'sidecar' | 'builtin-gateway' | 'delegated-gateway';

export interface EnvoyListenerCounters {
  cxTotal: number;
  cxActive: number;
  rqTotal: number;
  rq2xx: number;
  rq4xx: number;
  rq5xx: number;
  noRoute: number;
  /** 403s from MeshTrafficPermission; they are also part of `rq4xx`. */
  rbacDenied: number;
  noFilterChainMatch: number;
  sslHandshake: number;
}

export interface EnvoyRouteSnapshot {
  pathPrefix: string;
  cluster: string;
}

export interface EnvoyListenerSnapshot {
  /** Envoy listener name, e.g. `inbound:10.0.0.5:8080`, `outbound:10.96.0.7:80`, `edge:HTTP:8080`. */
  name: string;
  address: string;
  port: number;
  /** Stat prefix of the HTTP connection manager or TCP proxy; see `sidecarInboundStatPrefix`. */
  statPrefix: string;
  protocol: 'http' | 'tcp';
  tls?: boolean;
  /** Defaults to one `/` route to the cluster named like `statPrefix`, Kuma's sidecar layout. */
  routes?: EnvoyRouteSnapshot[];
  counters: EnvoyListenerCounters;
}

export type EnvoyUnhealthyReason = 'active-health-check' | 'outlier-detection' | 'eds';

export interface EnvoyEndpointSnapshot {
  address: string;
  port: number;
  healthy: boolean;
  /** Ignored while `healthy`; defaults to `active-health-check` (MeshHealthCheck). */
  unhealthyReason?: EnvoyUnhealthyReason;
  weight: number;
  rqTotal: number;
}

export interface EnvoyClusterCounters {
  rqTotal: number;
  /** Completed requests by HTTP status; the 2xx/4xx/5xx classes are derived from it. */
  rqByCode: Record<number, number>;
  cxTotal: number;
  cxActive: number;
  rqTimeout: number;
}

export interface EnvoyClusterSnapshot {
  /** Outbound: the `kuma.io/service` value (`backend`, `backend_kuma-demo_svc_8080`); inbound: `localhost_<port>`. */
  name: string;
  endpoints: EnvoyEndpointSnapshot[];
  counters: EnvoyClusterCounters;
}

export interface EnvoyProxySnapshot {
  mesh: string;
  name: string;
  /** The data plane's own address, as in `networking.address`. */
  address: string;
  adminPort: number;
  kind: EnvoyProxyKind;
  /** `kuma.io/service` of the proxy; defaults to `name`. */
  service?: string;
  /** Where `ads_cluster` points; defaults to `127.0.0.1:5678` (universal, CP on the same host). */
  controlPlane?: { address: string; port: number };
  uptimeSeconds: number;
  listeners: EnvoyListenerSnapshot[];
  /** Application clusters only: Kuma's bootstrap clusters are added by the renderers. */
  clusters: EnvoyClusterSnapshot[];
}

/** The HTTP stat prefix Kuma gives a sidecar's inbound, named after its `localhost_<port>` cluster. */
export function sidecarInboundStatPrefix(port: number): string {
  return `localhost_${port}`;
}

/** Our convention for built-in gateway listeners: `<gateway-name>_<port>`, sanitised like any stat name. */
export function builtinGatewayStatPrefix(gatewayName: string, port: number): string {
  return toStatName(`${gatewayName}_${port}`);
}

/**
 * Kuma sets `alt_stat_name` with `.` and `:` replaced, so a cluster or prefix never adds a
 * segment to a dotted stat name; parsers rely on that.
 */
export function toStatName(name: string): string {
  return name.replace(/[.:]/g, '_');
}

export const KUMA_BOOTSTRAP_CLUSTER_NAMES = [
  'access_log_sink',
  'ads_cluster',
  'kuma_envoy_admin',
] as const;

export type KumaBootstrapClusterName = (typeof KUMA_BOOTSTRAP_CLUSTER_NAMES)[number];

/** A host of a bootstrap cluster; `access_log_sink` talks to kuma-dp over a Unix socket. */
export type BootstrapHost =
  | { kind: 'socket'; address: string; port: number }
  | { kind: 'pipe'; path: string };

export interface BootstrapCluster {
  name: KumaBootstrapClusterName;
  host: BootstrapHost;
  counters: EnvoyClusterCounters;
}

const DEFAULT_CONTROL_PLANE = { address: '127.0.0.1', port: 5678 };

/**
 * The static clusters every Kuma bootstrap defines. The ADS stream is one long-lived gRPC
 * request on one connection, which is what Envoy counts for it.
 */
export function kumaBootstrapClusters(snapshot: EnvoyProxySnapshot): BootstrapCluster[] {
  const idle = { rqTotal: 0, rqByCode: {}, cxTotal: 0, cxActive: 0, rqTimeout: 0 };
  const controlPlane = snapshot.controlPlane ?? DEFAULT_CONTROL_PLANE;
  const all: BootstrapCluster[] = [
    {
      name: 'access_log_sink',
      host: { kind: 'pipe', path: `/tmp/kuma-al-${snapshot.name}-${snapshot.mesh}.sock` },
      counters: idle,
    },
    {
      name: 'ads_cluster',
      host: { kind: 'socket', ...controlPlane },
      counters: { rqTotal: 1, rqByCode: {}, cxTotal: 1, cxActive: 1, rqTimeout: 0 },
    },
    {
      name: 'kuma_envoy_admin',
      host: { kind: 'socket', address: '127.0.0.1', port: snapshot.adminPort },
      counters: idle,
    },
  ];
  const simulated = new Set(snapshot.clusters.map((cluster) => cluster.name));
  return all.filter((cluster) => !simulated.has(cluster.name));
}

/** Kuma's inbound clusters are static ones pointing at the application on loopback. */
export function isInboundClusterName(name: string): boolean {
  return name.startsWith('localhost_');
}

/** Kuma's sidecar listeners route to the cluster their stat prefix is named after. */
export function listenerRoutes(
  listener: EnvoyListenerSnapshot,
  snapshot: EnvoyProxySnapshot,
): EnvoyRouteSnapshot[] {
  if (listener.routes) {
    return listener.routes;
  }
  const namesake = snapshot.clusters.find((cluster) => cluster.name === listener.statPrefix);
  return namesake ? [{ pathPrefix: '/', cluster: namesake.name }] : [];
}

export function statusClassCount(rqByCode: Record<number, number>, statusClass: number): number {
  let sum = 0;
  for (const [code, count] of Object.entries(rqByCode)) {
    if (Math.floor(Number(code) / 100) === statusClass) {
      sum += count;
    }
  }
  return sum;
}
