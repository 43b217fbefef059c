import {
  type BootstrapHost,
  type EnvoyEndpointSnapshot,
  type EnvoyProxySnapshot,
  type EnvoyUnhealthyReason,
  isInboundClusterName,
  kumaBootstrapClusters,
  toStatName,
} from './types';

interface ClusterStatus {
  name: string;
  addedViaApi: boolean;
  edsServiceName?: string;
  hosts: HostStatus[];
}

interface HostStatus {
  address: BootstrapHost;
  /** `undefined` when healthy. */
  failure?: EnvoyUnhealthyReason;
  weight: number;
  rqTotal: number;
}

/** Envoy's defaults, which Kuma keeps unless a MeshCircuitBreaker says otherwise. */
const CIRCUIT_BREAKER_THRESHOLDS = {
  max_connections: 1024,
  max_pending_requests: 1024,
  max_requests: 1024,
  max_retries: 3,
};

const HEALTH_FLAG: Record<EnvoyUnhealthyReason, string> = {
  'active-health-check': '/failed_active_hc',
  'outlier-detection': '/failed_outlier_check',
  eds: '/failed_eds_health',
};

/** Envoy's `GET /clusters` text: `cluster::host::field::value` lines. */
export function renderClustersText(snapshot: EnvoyProxySnapshot): string {
  const lines: string[] = [];
  for (const cluster of clusterStatuses(snapshot)) {
    const { name } = cluster;
    lines.push(`${name}::observability_name::${toStatName(name)}`);
    for (const priority of ['default_priority', 'high_priority']) {
      for (const [field, value] of Object.entries(CIRCUIT_BREAKER_THRESHOLDS)) {
        lines.push(`${name}::${priority}::${field}::${value}`);
      }
    }
    lines.push(`${name}::added_via_api::${cluster.addedViaApi}`);
    if (cluster.edsServiceName) {
      lines.push(`${name}::eds_service_name::${cluster.edsServiceName}`);
    }
    for (const host of cluster.hosts) {
      const prefix = `${name}::${hostText(host.address)}`;
      lines.push(
        `${prefix}::rq_total::${host.rqTotal}`,
        `${prefix}::hostname::`,
        `${prefix}::health_flags::${host.failure ? HEALTH_FLAG[host.failure] : 'healthy'}`,
        `${prefix}::weight::${host.weight}`,
        `${prefix}::region::`,
        `${prefix}::zone::`,
        `${prefix}::sub_zone::`,
        `${prefix}::canary::false`,
        `${prefix}::priority::0`,
        `${prefix}::success_rate::-1`,
        `${prefix}::local_origin_success_rate::-1`,
      );
    }
  }
  return lines.map((line) => `${line}\n`).join('');
}

/**
 * Envoy's `GET /clusters?format=json`. It is protobuf JSON, so zero counters and `false`
 * flags are left out and 64-bit counters are strings.
 */
export function renderClustersJson(snapshot: EnvoyProxySnapshot): unknown {
  return {
    cluster_statuses: clusterStatuses(snapshot).map((cluster) => ({
      name: cluster.name,
      ...(cluster.addedViaApi ? { added_via_api: true } : {}),
      ...(cluster.edsServiceName ? { eds_service_name: cluster.edsServiceName } : {}),
      observability_name: toStatName(cluster.name),
      circuit_breakers: {
        thresholds: [
          CIRCUIT_BREAKER_THRESHOLDS,
          { priority: 'HIGH', ...CIRCUIT_BREAKER_THRESHOLDS },
        ],
      },
      host_statuses: cluster.hosts.map((host) => ({
        address: hostJson(host.address),
        stats: [{ name: 'rq_total', ...(host.rqTotal > 0 ? { value: String(host.rqTotal) } : {}) }],
        health_status: healthStatusJson(host.failure),
        weight: host.weight,
        locality: {},
      })),
    })),
  };
}

function clusterStatuses(snapshot: EnvoyProxySnapshot): ClusterStatus[] {
  const simulated: ClusterStatus[] = snapshot.clusters.map((cluster) => ({
    name: cluster.name,
    addedViaApi: true,
    ...(isInboundClusterName(cluster.name) ? {} : { edsServiceName: cluster.name }),
    hosts: cluster.endpoints.map(endpointStatus),
  }));
  const bootstrap: ClusterStatus[] = kumaBootstrapClusters(snapshot).map((cluster) => ({
    name: cluster.name,
    addedViaApi: false,
    hosts: [{ address: cluster.host, weight: 1, rqTotal: cluster.counters.rqTotal }],
  }));
  return [...simulated, ...bootstrap].sort((a, b) => (a.name < b.name ? -1 : 1));
}

function endpointStatus(endpoint: EnvoyEndpointSnapshot): HostStatus {
  return {
    address: { kind: 'socket', address: endpoint.address, port: endpoint.port },
    ...(endpoint.healthy ? {} : { failure: endpoint.unhealthyReason ?? 'active-health-check' }),
    weight: endpoint.weight,
    rqTotal: Math.max(0, Math.round(endpoint.rqTotal)),
  };
}

function hostText(address: BootstrapHost): string {
  return address.kind === 'pipe' ? address.path : `${address.address}:${address.port}`;
}

function hostJson(address: BootstrapHost): unknown {
  return address.kind === 'pipe'
    ? { pipe: { path: address.path } }
    : { socket_address: { address: address.address, port_value: address.port } };
}

/** Only EDS failures change `eds_health_status`; Envoy reports its own checks as separate flags. */
function healthStatusJson(failure: EnvoyUnhealthyReason | undefined): unknown {
  switch (failure) {
    case undefined:
      return { eds_health_status: 'HEALTHY' };
    case 'eds':
      return { eds_health_status: 'UNHEALTHY' };
    case 'active-health-check':
      return { failed_active_health_check: true, eds_health_status: 'HEALTHY' };
    case 'outlier-detection':
      return { failed_outlier_check: true, eds_health_status: 'HEALTHY' };
  }
}
