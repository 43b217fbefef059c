import {
  type BootstrapCluster,
  type BootstrapHost,
  type EnvoyClusterSnapshot,
  type EnvoyEndpointSnapshot,
  type EnvoyListenerSnapshot,
  type EnvoyProxySnapshot,
  isInboundClusterName,
  kumaBootstrapClusters,
  listenerRoutes,
  toStatName,
} from './types';

export interface RenderConfigDumpOptions {
  /** Kuma's `include_eds=true`: add the EndpointsConfigDump. */
  includeEds: boolean;
}

const ADMIN_TYPE = 'type.googleapis.com/envoy.admin.v3';
const ADS_SOURCE = { ads: {}, resource_api_version: 'V3' };

/**
 * Envoy's `GET /config_dump` as Kuma's `/xds` pass-through returns it: a subset whose names
 * (clusters, stat prefixes, route configs) match what `/stats` and `/clusters` print.
 */
export function renderConfigDump(
  snapshot: EnvoyProxySnapshot,
  { includeEds }: RenderConfigDumpOptions,
): unknown {
  const version = versionInfo(snapshot);
  const bootstrapClusters = kumaBootstrapClusters(snapshot);
  const httpListeners = snapshot.listeners.filter((listener) => listener.protocol === 'http');
  const staticClusters = snapshot.clusters.filter((cluster) => isInboundClusterName(cluster.name));
  const edsClusters = snapshot.clusters.filter((cluster) => !isInboundClusterName(cluster.name));

  const configs: unknown[] = [
    {
      '@type': `${ADMIN_TYPE}.BootstrapConfigDump`,
      bootstrap: bootstrapConfig(snapshot, bootstrapClusters),
    },
    {
      '@type': `${ADMIN_TYPE}.ClustersConfigDump`,
      version_info: version,
      static_clusters: bootstrapClusters.map((cluster) => ({
        cluster: bootstrapClusterConfig(cluster),
      })),
      dynamic_active_clusters: snapshot.clusters.map((cluster) => ({
        version_info: version,
        cluster: clusterConfig(cluster),
      })),
    },
  ];
  if (includeEds) {
    configs.push({
      '@type': `${ADMIN_TYPE}.EndpointsConfigDump`,
      static_endpoint_configs: staticClusters.map((cluster) => ({
        endpoint_config: loadAssignment(cluster.name, cluster.endpoints),
      })),
      dynamic_endpoint_configs: edsClusters.map((cluster) => ({
        version_info: version,
        endpoint_config: loadAssignment(cluster.name, cluster.endpoints),
      })),
    });
  }
  configs.push(
    {
      '@type': `${ADMIN_TYPE}.ListenersConfigDump`,
      version_info: version,
      dynamic_listeners: snapshot.listeners.map((listener) => ({
        name: listener.name,
        active_state: { version_info: version, listener: listenerConfig(listener, snapshot) },
      })),
    },
    {
      '@type': `${ADMIN_TYPE}.RoutesConfigDump`,
      dynamic_route_configs: httpListeners.map((listener) => ({
        version_info: version,
        route_config: routeConfig(listener, snapshot),
      })),
    },
  );
  return { configs };
}

function bootstrapConfig(
  snapshot: EnvoyProxySnapshot,
  bootstrapClusters: BootstrapCluster[],
): unknown {
  return {
    node: {
      id: `${snapshot.mesh}.${snapshot.name}`,
      cluster: snapshot.service ?? snapshot.name,
      metadata: {
        'dataplane.admin.address': '127.0.0.1',
        'dataplane.admin.port': String(snapshot.adminPort),
        'dataplane.proxyType': 'dataplane',
      },
    },
    static_resources: { clusters: bootstrapClusters.map(bootstrapClusterConfig) },
    dynamic_resources: {
      lds_config: ADS_SOURCE,
      cds_config: ADS_SOURCE,
      ads_config: {
        api_type: 'GRPC',
        transport_api_version: 'V3',
        grpc_services: [{ envoy_grpc: { cluster_name: 'ads_cluster' } }],
      },
    },
    admin: { address: socketAddress('127.0.0.1', snapshot.adminPort) },
  };
}

function bootstrapClusterConfig(cluster: BootstrapCluster): unknown {
  return {
    '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
    name: cluster.name,
    type: cluster.name === 'ads_cluster' ? 'STRICT_DNS' : 'STATIC',
    connect_timeout: '1s',
    load_assignment: {
      cluster_name: cluster.name,
      endpoints: [{ lb_endpoints: [{ endpoint: { address: hostAddress(cluster.host) } }] }],
    },
  };
}

function clusterConfig(cluster: EnvoyClusterSnapshot): unknown {
  const common = {
    '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
    name: cluster.name,
    alt_stat_name: toStatName(cluster.name),
  };
  if (isInboundClusterName(cluster.name)) {
    return {
      ...common,
      type: 'STATIC',
      connect_timeout: '10s',
      load_assignment: loadAssignment(cluster.name, cluster.endpoints),
    };
  }
  return {
    ...common,
    type: 'EDS',
    eds_cluster_config: { eds_config: ADS_SOURCE },
    connect_timeout: '5s',
  };
}

function loadAssignment(clusterName: string, endpoints: EnvoyEndpointSnapshot[]): unknown {
  return {
    '@type': 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
    cluster_name: clusterName,
    endpoints: [
      {
        locality: {},
        lb_endpoints: endpoints.map((endpoint) => ({
          endpoint: { address: socketAddress(endpoint.address, endpoint.port) },
          // Only EDS health travels in the assignment; health-check failures are Envoy's own.
          health_status:
            !endpoint.healthy && endpoint.unhealthyReason === 'eds' ? 'UNHEALTHY' : 'HEALTHY',
          load_balancing_weight: endpoint.weight,
        })),
      },
    ],
  };
}

function listenerConfig(listener: EnvoyListenerSnapshot, snapshot: EnvoyProxySnapshot): unknown {
  const statPrefix = toStatName(listener.statPrefix);
  const direction = trafficDirection(listener, snapshot);
  const networkFilter =
    listener.protocol === 'http'
      ? {
          name: 'envoy.filters.network.http_connection_manager',
          typed_config: {
            '@type':
              'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
            stat_prefix: statPrefix,
            rds: { config_source: ADS_SOURCE, route_config_name: listener.name },
            http_filters: [
              ...(listener.name.startsWith('inbound:')
                ? [
                    {
                      name: 'envoy.filters.http.rbac',
                      typed_config: {
                        '@type': 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC',
                        rules: {},
                      },
                    },
                  ]
                : []),
              {
                name: 'envoy.filters.http.router',
                typed_config: {
                  '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
                },
              },
            ],
          },
        }
      : {
          name: 'envoy.filters.network.tcp_proxy',
          typed_config: {
            '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
            stat_prefix: statPrefix,
            ...tcpUpstream(listener, snapshot),
          },
        };
  return {
    '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener',
    name: listener.name,
    address: socketAddress(listener.address, listener.port),
    ...(direction ? { traffic_direction: direction } : {}),
    filter_chains: [
      {
        filters: [networkFilter],
        ...(listener.tls
          ? {
              transport_socket: {
                name: 'envoy.transport_sockets.tls',
                typed_config: {
                  '@type':
                    'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
                  common_tls_context: {},
                },
              },
            }
          : {}),
      },
    ],
  };
}

function tcpUpstream(
  listener: EnvoyListenerSnapshot,
  snapshot: EnvoyProxySnapshot,
): Record<string, unknown> {
  const routes = listenerRoutes(listener, snapshot);
  if (routes.length <= 1) {
    return { cluster: routes[0]?.cluster ?? listener.statPrefix };
  }
  return {
    weighted_clusters: {
      clusters: routes.map((route) => ({ name: route.cluster, weight: 1 })),
    },
  };
}

function routeConfig(listener: EnvoyListenerSnapshot, snapshot: EnvoyProxySnapshot): unknown {
  return {
    '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
    name: listener.name,
    virtual_hosts: [
      {
        name: toStatName(listener.statPrefix),
        domains: ['*'],
        routes: listenerRoutes(listener, snapshot).map((route) => ({
          match: { prefix: route.pathPrefix },
          route: { cluster: route.cluster },
        })),
      },
    ],
    validate_clusters: false,
  };
}

function trafficDirection(
  listener: EnvoyListenerSnapshot,
  snapshot: EnvoyProxySnapshot,
): 'INBOUND' | 'OUTBOUND' | undefined {
  if (listener.name.startsWith('inbound:') || snapshot.kind === 'builtin-gateway') {
    return 'INBOUND';
  }
  return listener.name.startsWith('outbound:') ? 'OUTBOUND' : undefined;
}

function socketAddress(address: string, port: number): unknown {
  return { socket_address: { address, port_value: port } };
}

function hostAddress(host: BootstrapHost): unknown {
  return host.kind === 'pipe'
    ? { pipe: { path: host.path } }
    : socketAddress(host.address, host.port);
}

/** Stable for an unchanged layout, as Kuma's xDS version only moves when config changes. */
function versionInfo(snapshot: EnvoyProxySnapshot): string {
  const layout = JSON.stringify([
    snapshot.listeners.map((listener) => [listener.name, listenerRoutes(listener, snapshot)]),
    snapshot.clusters.map((cluster) => [
      cluster.name,
      cluster.endpoints.map((endpoint) => [endpoint.address, endpoint.port, endpoint.weight]),
    ]),
  ]);
  let hash = 0x811c9dc5;
  for (let index = 0; index < layout.length; index++) {
    hash = Math.imul(hash ^ layout.charCodeAt(index), 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
