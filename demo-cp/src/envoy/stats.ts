import {
  type EnvoyClusterCounters,
  type EnvoyListenerSnapshot,
  type EnvoyProxySnapshot,
  kumaBootstrapClusters,
  statusClassCount,
  toStatName,
} from './types';

export interface RenderStatsOptions {
  /** Envoy's `usedonly`: leave out stats that were never written (zero counters, untouched gauges). */
  usedOnly: boolean;
}

export interface EnvoyStatsJson {
  stats: { name: string; value: number }[];
}

interface StatEntry {
  value: number;
  used: boolean;
}

/** Envoy's `GET /stats` text: `name: value` lines sorted by name, counters and gauges only. */
export function renderStatsText(snapshot: EnvoyProxySnapshot, options: RenderStatsOptions): string {
  return renderStatsJson(snapshot, options)
    .stats.map(({ name, value }) => `${name}: ${value}\n`)
    .join('');
}

/** Envoy's `GET /stats?format=json`, without the trailing histograms entry. */
export function renderStatsJson(
  snapshot: EnvoyProxySnapshot,
  { usedOnly }: RenderStatsOptions,
): EnvoyStatsJson {
  const entries = collectStats(snapshot);
  const names = [...entries.keys()].sort(byCodeUnits);
  const stats: EnvoyStatsJson['stats'] = [];
  for (const name of names) {
    const entry = entries.get(name)!;
    if (!usedOnly || entry.used) {
      stats.push({ name, value: entry.value });
    }
  }
  return { stats };
}

function collectStats(snapshot: EnvoyProxySnapshot): Map<string, StatEntry> {
  const stats = new StatSink();
  const bootstrapClusters = kumaBootstrapClusters(snapshot);

  stats.gauge('server.live', 1, true);
  stats.gauge('server.state', 0, true);
  stats.gauge('server.uptime', snapshot.uptimeSeconds, true);
  stats.gauge(
    'server.total_connections',
    snapshot.listeners.reduce((sum, listener) => sum + listener.counters.cxActive, 0),
    true,
  );
  stats.gauge(
    'cluster_manager.active_clusters',
    snapshot.clusters.length + bootstrapClusters.length,
    true,
  );
  stats.gauge('cluster_manager.warming_clusters', 0, true);
  stats.gauge('listener_manager.total_listeners_active', snapshot.listeners.length, true);

  for (const cluster of snapshot.clusters) {
    const healthy = cluster.endpoints.filter((endpoint) => endpoint.healthy).length;
    addClusterStats(stats, cluster.name, cluster.counters, healthy, cluster.endpoints.length);
  }
  for (const cluster of bootstrapClusters) {
    addClusterStats(stats, cluster.name, cluster.counters, 1, 1);
  }
  for (const listener of snapshot.listeners) {
    addListenerStats(stats, listener);
  }
  return stats.entries;
}

function addClusterStats(
  stats: StatSink,
  clusterName: string,
  counters: EnvoyClusterCounters,
  healthyMembers: number,
  totalMembers: number,
): void {
  const scope = `cluster.${toStatName(clusterName)}`;
  // Envoy sets membership gauges when the cluster is created, so `usedonly` keeps them.
  stats.gauge(`${scope}.membership_degraded`, 0, true);
  stats.gauge(`${scope}.membership_healthy`, healthyMembers, true);
  stats.gauge(`${scope}.membership_total`, totalMembers, true);
  stats.gauge(`${scope}.upstream_cx_active`, counters.cxActive, counters.cxTotal > 0);
  stats.counter(`${scope}.upstream_cx_total`, counters.cxTotal);
  stats.counter(`${scope}.upstream_rq_timeout`, counters.rqTimeout);
  stats.counter(`${scope}.upstream_rq_total`, counters.rqTotal);

  let completed = 0;
  for (const [code, count] of Object.entries(counters.rqByCode)) {
    // Per-code and per-class counters are created on first use, so zero ones never exist.
    if (count > 0) {
      stats.counter(`${scope}.upstream_rq_${code}`, count);
      completed += count;
    }
  }
  for (const statusClass of [1, 2, 3, 4, 5]) {
    const count = statusClassCount(counters.rqByCode, statusClass);
    if (count > 0) {
      stats.counter(`${scope}.upstream_rq_${statusClass}xx`, count);
    }
  }
  stats.counter(`${scope}.upstream_rq_completed`, completed);
}

function addListenerStats(stats: StatSink, listener: EnvoyListenerSnapshot): void {
  const { counters } = listener;
  const scope = `listener.${listener.address}_${listener.port}`;
  stats.gauge(`${scope}.downstream_cx_active`, counters.cxActive, counters.cxTotal > 0);
  stats.counter(`${scope}.downstream_cx_total`, counters.cxTotal);
  stats.counter(`${scope}.no_filter_chain_match`, counters.noFilterChainMatch);
  if (listener.tls) {
    stats.counter(`${scope}.ssl.handshake`, counters.sslHandshake);
  }

  const prefix = toStatName(listener.statPrefix);
  if (listener.protocol === 'tcp') {
    stats.counter(`tcp.${prefix}.downstream_cx_total`, counters.cxTotal);
    stats.counter(`tcp.${prefix}.downstream_cx_no_route`, counters.noRoute);
    return;
  }

  const completed = counters.rq2xx + counters.rq4xx + counters.rq5xx;
  const perListener = `${scope}.http.${prefix}`;
  stats.counter(`${perListener}.downstream_rq_2xx`, counters.rq2xx);
  stats.counter(`${perListener}.downstream_rq_4xx`, counters.rq4xx);
  stats.counter(`${perListener}.downstream_rq_5xx`, counters.rq5xx);
  stats.counter(`${perListener}.downstream_rq_completed`, completed);

  const hcm = `http.${prefix}`;
  stats.gauge(`${hcm}.downstream_cx_active`, counters.cxActive, counters.cxTotal > 0);
  stats.counter(`${hcm}.downstream_cx_total`, counters.cxTotal);
  stats.counter(`${hcm}.downstream_rq_total`, counters.rqTotal);
  stats.counter(`${hcm}.downstream_rq_2xx`, counters.rq2xx);
  stats.counter(`${hcm}.downstream_rq_4xx`, counters.rq4xx);
  stats.counter(`${hcm}.downstream_rq_5xx`, counters.rq5xx);
  stats.counter(`${hcm}.downstream_rq_completed`, completed);
  stats.counter(`${hcm}.no_route`, counters.noRoute);
  // Kuma only installs the RBAC filter on inbounds, where MeshTrafficPermission applies.
  if (listener.name.startsWith('inbound:') || counters.rbacDenied > 0) {
    stats.counter(`${hcm}.rbac.denied`, counters.rbacDenied);
  }
}

/** Listeners or clusters that share a stat name share Envoy's counter, so values add up. */
class StatSink {
  readonly entries = new Map<string, StatEntry>();

  counter(name: string, value: number): void {
    this.add(name, value, false);
  }

  /** `touched`: Envoy has set the gauge at least once, even if it is back to zero. */
  gauge(name: string, value: number, touched: boolean): void {
    this.add(name, value, touched);
  }

  private add(name: string, rawValue: number, touched: boolean): void {
    const value = Number.isFinite(rawValue) ? Math.max(0, Math.round(rawValue)) : 0;
    const previous = this.entries.get(name);
    const total = (previous?.value ?? 0) + value;
    this.entries.set(name, {
      value: total,
      used: (previous?.used ?? false) || touched || total > 0,
    });
  }
}

/** Envoy sorts stat names as byte strings, not by locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
