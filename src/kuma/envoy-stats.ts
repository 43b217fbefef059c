/**
 * Reads Envoy `/stats` (via Kuma's `GET /meshes/{mesh}/dataplanes/{name}/stats`) into traffic
 * figures. Counters are cumulative since the proxy started: rates need two samples.
 *
 * Kuma sets `alt_stat_name` with dots replaced, so a cluster name or HTTP stat prefix is
 * exactly one dotted segment; listener addresses (`10.0.0.5_8080`) are not.
 */

export type EnvoyStats = Map<string, number>;

export type ClusterDirection = 'inbound' | 'outbound' | 'passthrough';

export interface ClusterTraffic {
  cluster: string;
  /** `localhost_<port>` clusters carry a sidecar's inbound traffic to its application. */
  direction: ClusterDirection;
  requests: number;
  responses2xx: number;
  responses4xx: number;
  responses5xx: number;
  byCode: Record<number, number>;
  timeouts: number;
  connections: number;
  activeConnections: number;
  healthyMembers: number;
  totalMembers: number;
}

/** Downstream figures of one HTTP connection manager (`http.<prefix>.*`). */
export interface ListenerTraffic {
  statPrefix: string;
  /** `<address>_<port>` of the listener, known once it has answered a request. */
  listener?: string;
  requests: number;
  responses2xx: number;
  responses4xx: number;
  responses5xx: number;
  noRoute: number;
  /** 403s from MeshTrafficPermission; they are also counted in `responses4xx`. */
  rbacDenied: number;
  connections: number;
  activeConnections: number;
}

/** Socket-level figures of one listener (`listener.<address>_<port>.*`), HTTP or TCP. */
export interface ListenerSocketTraffic {
  listener: string;
  connections: number;
  activeConnections: number;
  /** Connections no filter chain accepted: usually a TLS / SNI mismatch. */
  noFilterChainMatch: number;
  sslHandshakes: number;
}

export type RequestCounters = Pick<
  ClusterTraffic,
  'requests' | 'responses2xx' | 'responses4xx' | 'responses5xx'
>;

export interface TrafficRate {
  requestsPerSecond: number;
  /** Share of requests answered 4xx or 5xx, 0..1. */
  errorShare: number;
}

/** Kuma's own plumbing: control-plane stream, admin and access-log sink. */
const KUMA_INTERNAL_CLUSTERS = new Set(['kuma_envoy_admin', 'ads_cluster', 'access_log_sink']);

/** Envoy's own connection managers, which never carry mesh traffic. */
const ENVOY_INTERNAL_HTTP_PREFIXES = new Set(['admin', 'async-client']);

const STAT_LINE = /^(\S+): (-?\d+(?:\.\d+)?)$/;
const CLUSTER_STAT = /^cluster\.([^.]+)\.([a-z0-9_]+)$/;
const HTTP_STAT = /^http\.([^.]+)\.(downstream_\w+|no_route|rbac\.denied)$/;
const PER_LISTENER_HTTP_STAT = /^listener\.(.+?)\.http\.([^.]+)\.downstream_rq_\w+$/;
const LISTENER_STAT =
  /^listener\.(.+)\.(downstream_cx_total|downstream_cx_active|no_filter_chain_match|ssl\.handshake)$/;
const RESPONSE_CLASS = /^upstream_rq_([1-5])xx$/;
const RESPONSE_CODE = /^upstream_rq_([1-5]\d\d)$/;

/**
 * Envoy's `/stats` text. Histogram lines (`P0(nan,…)`), text readouts (`name: "…"`) and
 * anything unreadable are skipped, never thrown on.
 */
export function parseEnvoyStatsText(text: string): EnvoyStats {
  const stats: EnvoyStats = new Map();
  if (typeof text !== 'string') {
    return stats;
  }
  for (const line of text.split(/\r?\n/)) {
    const match = STAT_LINE.exec(line.trim());
    if (match) {
      stats.set(match[1]!, Number(match[2]));
    }
  }
  return stats;
}

/** Envoy's `/stats?format=json`, as an object or as the raw body text. */
export function parseEnvoyStatsJson(body: unknown): EnvoyStats {
  const stats: EnvoyStats = new Map();
  const parsed = typeof body === 'string' ? parseJson(body) : body;
  if (!isRecord(parsed) || !Array.isArray(parsed.stats)) {
    return stats;
  }
  for (const entry of parsed.stats) {
    if (!isRecord(entry) || typeof entry.name !== 'string') {
      continue;
    }
    const value = toCounterValue(entry.value);
    if (value !== undefined) {
      stats.set(entry.name, value);
    }
  }
  return stats;
}

/** Upstream traffic per cluster, Kuma's internal clusters left out, sorted by name. */
export function clusterTraffic(stats: EnvoyStats): ClusterTraffic[] {
  const byCluster = new Map<string, ClusterTraffic>();
  const classSeen = new Map<string, Set<number>>();

  for (const [name, value] of stats) {
    const match = CLUSTER_STAT.exec(name);
    if (!match || KUMA_INTERNAL_CLUSTERS.has(match[1]!)) {
      continue;
    }
    const cluster = match[1]!;
    const stat = match[2]!;
    const field = CLUSTER_FIELDS[stat];
    const responseClass = RESPONSE_CLASS.exec(stat);
    const responseCode = RESPONSE_CODE.exec(stat);
    if (!field && !responseClass && !responseCode) {
      continue;
    }
    const traffic = getOrCreate(byCluster, cluster, () => emptyClusterTraffic(cluster));
    if (field) {
      traffic[field] = value;
    } else if (responseClass) {
      const statusClass = Number(responseClass[1]);
      getOrCreate(classSeen, cluster, () => new Set()).add(statusClass);
      setResponseClass(traffic, statusClass, value);
    } else if (responseCode) {
      traffic.byCode[Number(responseCode[1])] = value;
    }
  }

  // Envoy prints class and code counters together; should a source drop the classes, rebuild them.
  for (const traffic of byCluster.values()) {
    const seen = classSeen.get(traffic.cluster);
    for (const statusClass of [2, 4, 5]) {
      if (!seen?.has(statusClass)) {
        setResponseClass(traffic, statusClass, codeClassSum(traffic.byCode, statusClass));
      }
    }
  }
  return [...byCluster.values()].sort((a, b) => compareNames(a.cluster, b.cluster));
}

/** Downstream traffic per HTTP connection manager, sorted by stat prefix. */
export function listenerTraffic(stats: EnvoyStats): ListenerTraffic[] {
  const byPrefix = new Map<string, ListenerTraffic>();
  const listenerOfPrefix = new Map<string, string>();

  for (const [name, value] of stats) {
    const perListener = PER_LISTENER_HTTP_STAT.exec(name);
    if (perListener) {
      listenerOfPrefix.set(perListener[2]!, perListener[1]!);
      continue;
    }
    const match = HTTP_STAT.exec(name);
    if (!match || ENVOY_INTERNAL_HTTP_PREFIXES.has(match[1]!)) {
      continue;
    }
    const field = LISTENER_FIELDS[match[2]!];
    if (!field) {
      continue;
    }
    const statPrefix = match[1]!;
    getOrCreate(byPrefix, statPrefix, () => emptyListenerTraffic(statPrefix))[field] = value;
  }

  for (const traffic of byPrefix.values()) {
    const listener = listenerOfPrefix.get(traffic.statPrefix);
    if (listener !== undefined) {
      traffic.listener = listener;
    }
  }
  return [...byPrefix.values()].sort((a, b) => compareNames(a.statPrefix, b.statPrefix));
}

/** Connection figures per listener address, sorted by `<address>_<port>`. */
export function listenerSocketTraffic(stats: EnvoyStats): ListenerSocketTraffic[] {
  const byListener = new Map<string, ListenerSocketTraffic>();
  for (const [name, value] of stats) {
    const match = LISTENER_STAT.exec(name);
    if (!match || match[1] === 'admin' || match[1]!.includes('.http.')) {
      continue;
    }
    const listener = match[1]!;
    const field = SOCKET_FIELDS[match[2]!]!;
    getOrCreate(byListener, listener, () => ({
      listener,
      connections: 0,
      activeConnections: 0,
      noFilterChainMatch: 0,
      sslHandshakes: 0,
    }))[field] = value;
  }
  return [...byListener.values()].sort((a, b) => compareNames(a.listener, b.listener));
}

/**
 * Request rate and error share between two samples of the same cluster or listener.
 * Undefined when no time passed or a counter went down: Envoy restarted in between, and
 * the interval's traffic is unknown.
 */
export function trafficRate(
  previous: RequestCounters,
  current: RequestCounters,
  elapsedSeconds: number,
): TrafficRate | undefined {
  if (!Number.isFinite(elapsedSeconds) || elapsedSeconds <= 0) {
    return undefined;
  }
  const requests = current.requests - previous.requests;
  const responses2xx = current.responses2xx - previous.responses2xx;
  const errors =
    current.responses4xx - previous.responses4xx + (current.responses5xx - previous.responses5xx);
  const restarted =
    requests < 0 ||
    responses2xx < 0 ||
    current.responses4xx < previous.responses4xx ||
    current.responses5xx < previous.responses5xx;
  if (restarted) {
    return undefined;
  }
  return {
    requestsPerSecond: requests / elapsedSeconds,
    // Responses can complete requests counted in the previous interval, so cap at 1.
    errorShare: requests === 0 ? 0 : Math.min(1, errors / requests),
  };
}

type ClusterNumberField =
  | 'requests'
  | 'timeouts'
  | 'connections'
  | 'activeConnections'
  | 'healthyMembers'
  | 'totalMembers';

const CLUSTER_FIELDS: Partial<Record<string, ClusterNumberField>> = {
  upstream_rq_total: 'requests',
  upstream_rq_timeout: 'timeouts',
  upstream_cx_total: 'connections',
  upstream_cx_active: 'activeConnections',
  membership_healthy: 'healthyMembers',
  membership_total: 'totalMembers',
};

type ListenerNumberField = Exclude<keyof ListenerTraffic, 'statPrefix' | 'listener'>;

const LISTENER_FIELDS: Partial<Record<string, ListenerNumberField>> = {
  downstream_rq_total: 'requests',
  downstream_rq_2xx: 'responses2xx',
  downstream_rq_4xx: 'responses4xx',
  downstream_rq_5xx: 'responses5xx',
  no_route: 'noRoute',
  'rbac.denied': 'rbacDenied',
  downstream_cx_total: 'connections',
  downstream_cx_active: 'activeConnections',
};

const SOCKET_FIELDS: Partial<Record<string, Exclude<keyof ListenerSocketTraffic, 'listener'>>> = {
  downstream_cx_total: 'connections',
  downstream_cx_active: 'activeConnections',
  no_filter_chain_match: 'noFilterChainMatch',
  'ssl.handshake': 'sslHandshakes',
};

function emptyClusterTraffic(cluster: string): ClusterTraffic {
  return {
    cluster,
    direction: clusterDirection(cluster),
    requests: 0,
    responses2xx: 0,
    responses4xx: 0,
    responses5xx: 0,
    byCode: {},
    timeouts: 0,
    connections: 0,
    activeConnections: 0,
    healthyMembers: 0,
    totalMembers: 0,
  };
}

function emptyListenerTraffic(statPrefix: string): ListenerTraffic {
  return {
    statPrefix,
    requests: 0,
    responses2xx: 0,
    responses4xx: 0,
    responses5xx: 0,
    noRoute: 0,
    rbacDenied: 0,
    connections: 0,
    activeConnections: 0,
  };
}

function clusterDirection(cluster: string): ClusterDirection {
  if (cluster.startsWith('localhost_')) {
    return 'inbound';
  }
  // `outbound:passthrough:ipv4` and friends: traffic to or from outside the mesh.
  return /^(inbound|outbound)[_:]passthrough[_:]ipv[46]$/.test(cluster)
    ? 'passthrough'
    : 'outbound';
}

function setResponseClass(traffic: ClusterTraffic, statusClass: number, value: number): void {
  if (statusClass === 2) {
    traffic.responses2xx = value;
  } else if (statusClass === 4) {
    traffic.responses4xx = value;
  } else if (statusClass === 5) {
    traffic.responses5xx = value;
  }
}

function codeClassSum(byCode: Record<number, number>, statusClass: number): number {
  let sum = 0;
  for (const [code, count] of Object.entries(byCode)) {
    if (Math.floor(Number(code) / 100) === statusClass) {
      sum += count;
    }
  }
  return sum;
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

function toCounterValue(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : undefined;
  }
  // Some Envoy builds and proxies in between send 64-bit counters as strings.
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value)) {
    return Number(value);
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
