import { describe, expect, it } from 'vitest';
import { renderConfigDump } from './config-dump';
import type { EnvoyListenerCounters, EnvoyProxySnapshot } from './types';

const quiet: EnvoyListenerCounters = {
  cxTotal: 0,
  cxActive: 0,
  rqTotal: 0,
  rq2xx: 0,
  rq4xx: 0,
  rq5xx: 0,
  noRoute: 0,
  rbacDenied: 0,
  noFilterChainMatch: 0,
  sslHandshake: 0,
};

const idleCounters = { rqTotal: 0, rqByCode: {}, cxTotal: 0, cxActive: 0, rqTimeout: 0 };

const snapshot: EnvoyProxySnapshot = {
  mesh: 'default',
  name: 'web-1',
  address: '10.0.0.5',
  adminPort: 9901,
  kind: 'sidecar',
  service: 'web',
  uptimeSeconds: 60,
  listeners: [
    {
      name: 'inbound:10.0.0.5:8080',
      address: '10.0.0.5',
      port: 8080,
      statPrefix: 'localhost_8080',
      protocol: 'http',
      tls: true,
      counters: quiet,
    },
    {
      name: 'outbound:10.96.0.7:80',
      address: '10.96.0.7',
      port: 80,
      statPrefix: 'backend',
      protocol: 'http',
      counters: quiet,
    },
    {
      name: 'outbound:10.96.0.8:5432',
      address: '10.96.0.8',
      port: 5432,
      statPrefix: 'db',
      protocol: 'tcp',
      counters: quiet,
    },
  ],
  clusters: [
    {
      name: 'localhost_8080',
      endpoints: [{ address: '127.0.0.1', port: 8080, healthy: true, weight: 1, rqTotal: 0 }],
      counters: idleCounters,
    },
    {
      name: 'backend',
      endpoints: [
        { address: '10.0.0.7', port: 8080, healthy: true, weight: 1, rqTotal: 0 },
        {
          address: '10.0.0.8',
          port: 8080,
          healthy: false,
          unhealthyReason: 'eds',
          weight: 3,
          rqTotal: 0,
        },
      ],
      counters: idleCounters,
    },
    {
      name: 'db',
      endpoints: [{ address: '10.0.1.7', port: 5432, healthy: true, weight: 1, rqTotal: 0 }],
      counters: idleCounters,
    },
  ],
};

// biome-ignore lint/suspicious/noExplicitAny: walking loosely typed Envoy JSON in assertions
type Json = any;

function configOf(dump: Json, type: string): Json {
  return dump.configs.find((config: Json) => config['@type'].endsWith(`.${type}`));
}

describe('renderConfigDump', () => {
  const dump: Json = renderConfigDump(snapshot, { includeEds: false });

  it('lists the config kinds in Envoy order', () => {
    expect(dump.configs.map((config: Json) => config['@type'])).toEqual([
      'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump',
      'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
      'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
      'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
    ]);
  });

  it('adds endpoints only with includeEds', () => {
    const withEds: Json = renderConfigDump(snapshot, { includeEds: true });
    const endpoints = configOf(withEds, 'EndpointsConfigDump');
    expect(
      endpoints.static_endpoint_configs.map((c: Json) => c.endpoint_config.cluster_name),
    ).toEqual(['localhost_8080']);
    const backend = endpoints.dynamic_endpoint_configs.find(
      (c: Json) => c.endpoint_config.cluster_name === 'backend',
    ).endpoint_config;
    expect(backend.endpoints[0].lb_endpoints).toEqual([
      {
        endpoint: { address: { socket_address: { address: '10.0.0.7', port_value: 8080 } } },
        health_status: 'HEALTHY',
        load_balancing_weight: 1,
      },
      {
        endpoint: { address: { socket_address: { address: '10.0.0.8', port_value: 8080 } } },
        health_status: 'UNHEALTHY',
        load_balancing_weight: 3,
      },
    ]);
  });

  it.each([
    ['node.id', (b: Json) => b.node.id, 'default.web-1'],
    ['node.cluster', (b: Json) => b.node.cluster, 'web'],
    ['admin port', (b: Json) => b.admin.address.socket_address.port_value, 9901],
    [
      'ADS cluster',
      (b: Json) => b.dynamic_resources.ads_config.grpc_services[0].envoy_grpc.cluster_name,
      'ads_cluster',
    ],
    [
      'static clusters',
      (b: Json) => b.static_resources.clusters.map((c: Json) => c.name),
      ['access_log_sink', 'ads_cluster', 'kuma_envoy_admin'],
    ],
  ])('bootstrap %s', (_, pick, expected) => {
    expect(pick(configOf(dump, 'BootstrapConfigDump').bootstrap)).toEqual(expected);
  });

  it.each([
    ['localhost_8080', 'STATIC'],
    ['backend', 'EDS'],
    ['db', 'EDS'],
  ])('cluster %s is %s', (name, type) => {
    const clusters = configOf(dump, 'ClustersConfigDump').dynamic_active_clusters;
    const cluster = clusters.find((c: Json) => c.cluster.name === name).cluster;
    expect(cluster.type).toBe(type);
    expect(cluster.alt_stat_name).toBe(name);
  });

  const listeners = configOf(dump, 'ListenersConfigDump').dynamic_listeners;
  const listenerNamed = (name: string) =>
    listeners.find((l: Json) => l.name === name).active_state.listener;

  it.each([
    ['inbound:10.0.0.5:8080', 'localhost_8080', 'INBOUND'],
    ['outbound:10.96.0.7:80', 'backend', 'OUTBOUND'],
    ['outbound:10.96.0.8:5432', 'db', 'OUTBOUND'],
  ])('listener %s has stat prefix %s and direction %s', (name, statPrefix, direction) => {
    const listener = listenerNamed(name);
    expect(listener.filter_chains[0].filters[0].typed_config.stat_prefix).toBe(statPrefix);
    expect(listener.traffic_direction).toBe(direction);
  });

  it('puts RBAC and TLS on the inbound only', () => {
    const filterNames = (name: string) =>
      listenerNamed(name).filter_chains[0].filters[0].typed_config.http_filters.map(
        (f: Json) => f.name,
      );
    expect(filterNames('inbound:10.0.0.5:8080')).toEqual([
      'envoy.filters.http.rbac',
      'envoy.filters.http.router',
    ]);
    expect(filterNames('outbound:10.96.0.7:80')).toEqual(['envoy.filters.http.router']);
    expect(listenerNamed('inbound:10.0.0.5:8080').filter_chains[0].transport_socket.name).toBe(
      'envoy.transport_sockets.tls',
    );
    expect(
      listenerNamed('outbound:10.96.0.7:80').filter_chains[0].transport_socket,
    ).toBeUndefined();
  });

  it('sends TCP straight to its cluster', () => {
    const tcp = listenerNamed('outbound:10.96.0.8:5432').filter_chains[0].filters[0];
    expect(tcp.name).toBe('envoy.filters.network.tcp_proxy');
    expect(tcp.typed_config.cluster).toBe('db');
  });

  it('routes every HTTP listener to existing clusters through its own route config', () => {
    const clusterNames = new Set(
      configOf(dump, 'ClustersConfigDump').dynamic_active_clusters.map((c: Json) => c.cluster.name),
    );
    const routeConfigs = configOf(dump, 'RoutesConfigDump').dynamic_route_configs;
    expect(routeConfigs.map((r: Json) => r.route_config.name)).toEqual([
      'inbound:10.0.0.5:8080',
      'outbound:10.96.0.7:80',
    ]);
    for (const { route_config: routeConfig } of routeConfigs) {
      const rdsName = listenerNamed(routeConfig.name).filter_chains[0].filters[0].typed_config.rds
        .route_config_name;
      expect(rdsName).toBe(routeConfig.name);
      for (const route of routeConfig.virtual_hosts[0].routes) {
        expect(clusterNames.has(route.route.cluster)).toBe(true);
      }
    }
  });

  it('uses explicit routes when the listener has them', () => {
    const gateway = structuredClone(snapshot);
    gateway.kind = 'builtin-gateway';
    gateway.listeners = [
      {
        name: 'edge:HTTP:8080',
        address: '0.0.0.0',
        port: 8080,
        statPrefix: 'edge_8080',
        protocol: 'http',
        routes: [
          { pathPrefix: '/api', cluster: 'backend' },
          { pathPrefix: '/', cluster: 'localhost_8080' },
        ],
        counters: quiet,
      },
    ];
    const routes = configOf(renderConfigDump(gateway, { includeEds: false }), 'RoutesConfigDump')
      .dynamic_route_configs[0].route_config.virtual_hosts[0].routes;
    expect(routes).toEqual([
      { match: { prefix: '/api' }, route: { cluster: 'backend' } },
      { match: { prefix: '/' }, route: { cluster: 'localhost_8080' } },
    ]);
  });

  it('keeps version_info stable while the layout stays the same', () => {
    const busier = structuredClone(snapshot);
    busier.clusters[1]!.counters.rqTotal = 99;
    const versionOf = (value: Json) => configOf(value, 'ClustersConfigDump').version_info;
    expect(versionOf(renderConfigDump(busier, { includeEds: false }))).toBe(versionOf(dump));

    const scaled = structuredClone(snapshot);
    scaled.clusters[1]!.endpoints.pop();
    expect(versionOf(renderConfigDump(scaled, { includeEds: false }))).not.toBe(versionOf(dump));
  });
});
