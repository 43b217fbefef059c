import { describe, expect, it } from 'vitest';
import { renderStatsJson, renderStatsText } from './stats';
import {
  builtinGatewayStatPrefix,
  type EnvoyListenerCounters,
  type EnvoyProxySnapshot,
  sidecarInboundStatPrefix,
} from './types';

const quietListener: EnvoyListenerCounters = {
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

const sidecar: EnvoyProxySnapshot = {
  mesh: 'default',
  name: 'backend-1',
  address: '10.0.0.5',
  adminPort: 9901,
  kind: 'sidecar',
  uptimeSeconds: 3600,
  listeners: [
    {
      name: 'inbound:10.0.0.5:8080',
      address: '10.0.0.5',
      port: 8080,
      statPrefix: sidecarInboundStatPrefix(8080),
      protocol: 'http',
      tls: true,
      counters: {
        cxTotal: 40,
        cxActive: 3,
        rqTotal: 120,
        rq2xx: 100,
        rq4xx: 15,
        rq5xx: 5,
        noRoute: 0,
        rbacDenied: 10,
        noFilterChainMatch: 2,
        sslHandshake: 38,
      },
    },
  ],
  clusters: [
    {
      name: 'localhost_8080',
      endpoints: [{ address: '127.0.0.1', port: 8080, healthy: true, weight: 1, rqTotal: 110 }],
      counters: {
        rqTotal: 110,
        rqByCode: { 200: 100, 404: 5, 503: 5 },
        cxTotal: 12,
        cxActive: 2,
        rqTimeout: 0,
      },
    },
    {
      name: 'db_kuma-demo_svc_5432',
      endpoints: [
        { address: '10.0.1.7', port: 5432, healthy: true, weight: 1, rqTotal: 0 },
        { address: '10.0.1.8', port: 5432, healthy: false, weight: 1, rqTotal: 0 },
      ],
      counters: { rqTotal: 0, rqByCode: {}, cxTotal: 0, cxActive: 0, rqTimeout: 0 },
    },
  ],
};

function statsOf(snapshot: EnvoyProxySnapshot, usedOnly: boolean): Map<string, number> {
  return new Map(
    renderStatsJson(snapshot, { usedOnly }).stats.map(({ name, value }) => [name, value]),
  );
}

describe('renderStatsJson', () => {
  const all = statsOf(sidecar, false);

  it.each([
    ['server.live', 1],
    ['server.uptime', 3600],
    ['server.total_connections', 3],
    ['cluster_manager.active_clusters', 5],
    ['listener_manager.total_listeners_active', 1],
    ['cluster.localhost_8080.upstream_rq_total', 110],
    ['cluster.localhost_8080.upstream_rq_completed', 110],
    ['cluster.localhost_8080.upstream_rq_200', 100],
    ['cluster.localhost_8080.upstream_rq_404', 5],
    ['cluster.localhost_8080.upstream_rq_503', 5],
    ['cluster.localhost_8080.upstream_rq_2xx', 100],
    ['cluster.localhost_8080.upstream_rq_4xx', 5],
    ['cluster.localhost_8080.upstream_rq_5xx', 5],
    ['cluster.localhost_8080.upstream_cx_total', 12],
    ['cluster.localhost_8080.upstream_cx_active', 2],
    ['cluster.localhost_8080.membership_healthy', 1],
    ['cluster.localhost_8080.membership_total', 1],
    ['cluster.db_kuma-demo_svc_5432.membership_healthy', 1],
    ['cluster.db_kuma-demo_svc_5432.membership_total', 2],
    ['cluster.ads_cluster.upstream_cx_active', 1],
    ['cluster.kuma_envoy_admin.membership_total', 1],
    ['listener.10.0.0.5_8080.downstream_cx_total', 40],
    ['listener.10.0.0.5_8080.downstream_cx_active', 3],
    ['listener.10.0.0.5_8080.no_filter_chain_match', 2],
    ['listener.10.0.0.5_8080.ssl.handshake', 38],
    ['listener.10.0.0.5_8080.http.localhost_8080.downstream_rq_4xx', 15],
    ['http.localhost_8080.downstream_rq_total', 120],
    ['http.localhost_8080.downstream_rq_2xx', 100],
    ['http.localhost_8080.downstream_rq_4xx', 15],
    ['http.localhost_8080.downstream_rq_5xx', 5],
    ['http.localhost_8080.no_route', 0],
    ['http.localhost_8080.rbac.denied', 10],
  ])('%s is %d', (name, value) => {
    expect(all.get(name)).toBe(value);
  });

  it.each([
    ['cluster.localhost_8080.upstream_rq_3xx', 'classes that never happened'],
    ['cluster.localhost_8080.upstream_rq_500', 'codes that never happened'],
    ['tcp.localhost_8080.downstream_cx_total', 'TCP stats of an HTTP listener'],
  ])('leaves out %s (%s)', (name) => {
    expect(all.has(name)).toBe(false);
  });

  it('sorts names as Envoy does, by code units', () => {
    const names = renderStatsJson(sidecar, { usedOnly: false }).stats.map(({ name }) => name);
    expect(names).toEqual([...names].sort());
  });

  describe('usedOnly', () => {
    const used = statsOf(sidecar, true);

    it.each([
      ['cluster.db_kuma-demo_svc_5432.upstream_rq_total', false],
      ['cluster.db_kuma-demo_svc_5432.upstream_cx_active', false],
      ['http.localhost_8080.no_route', false],
      ['cluster.db_kuma-demo_svc_5432.membership_total', true],
      ['cluster.db_kuma-demo_svc_5432.membership_degraded', true],
      ['server.state', true],
      ['cluster.localhost_8080.upstream_rq_timeout', false],
      ['cluster.localhost_8080.upstream_rq_total', true],
    ])('%s kept: %s', (name, kept) => {
      expect(used.has(name)).toBe(kept);
    });

    it('keeps a gauge that fell back to zero once it was set', () => {
      const idle = structuredClone(sidecar);
      idle.clusters[0]!.counters.cxActive = 0;
      expect(statsOf(idle, true).get('cluster.localhost_8080.upstream_cx_active')).toBe(0);
    });
  });
});

describe('renderStatsText', () => {
  it('prints the JSON stats as `name: value` lines', () => {
    const text = renderStatsText(sidecar, { usedOnly: true });
    const lines = text.trimEnd().split('\n');
    expect(lines).toEqual(
      renderStatsJson(sidecar, { usedOnly: true }).stats.map((s) => `${s.name}: ${s.value}`),
    );
    expect(lines).toContain('cluster.localhost_8080.upstream_rq_503: 5');
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('listeners by kind', () => {
  const gateway: EnvoyProxySnapshot = {
    mesh: 'default',
    name: 'edge-gateway-6d9f',
    address: '10.0.0.9',
    adminPort: 9901,
    kind: 'builtin-gateway',
    uptimeSeconds: 10,
    listeners: [
      {
        name: 'edge-gateway:HTTP:8080',
        address: '0.0.0.0',
        port: 8080,
        statPrefix: builtinGatewayStatPrefix('edge-gateway', 8080),
        protocol: 'http',
        counters: { ...quietListener, cxTotal: 2, rqTotal: 7, rq2xx: 4, rq4xx: 3, noRoute: 3 },
      },
      {
        name: 'edge-gateway:TCP:5432',
        address: '0.0.0.0',
        port: 5432,
        statPrefix: 'edge-gateway_5432',
        protocol: 'tcp',
        counters: { ...quietListener, cxTotal: 9, noRoute: 1 },
      },
    ],
    clusters: [],
  };
  const stats = statsOf(gateway, false);

  it.each([
    ['http.edge-gateway_8080.downstream_rq_total', 7],
    ['http.edge-gateway_8080.no_route', 3],
    ['listener.0.0.0.0_8080.downstream_cx_total', 2],
    ['tcp.edge-gateway_5432.downstream_cx_total', 9],
    ['tcp.edge-gateway_5432.downstream_cx_no_route', 1],
    ['listener.0.0.0.0_5432.downstream_cx_total', 9],
  ])('%s is %d', (name, value) => {
    expect(stats.get(name)).toBe(value);
  });

  it.each([
    ['http.edge-gateway_8080.rbac.denied', 'no RBAC filter outside inbounds'],
    ['listener.0.0.0.0_8080.ssl.handshake', 'no TLS configured'],
    ['http.edge-gateway_5432.downstream_rq_total', 'no HTTP stats for TCP'],
  ])('leaves out %s (%s)', (name) => {
    expect(stats.has(name)).toBe(false);
  });

  it('sanitises dots in gateway names so the prefix stays one segment', () => {
    expect(builtinGatewayStatPrefix('edge.kuma-demo', 443)).toBe('edge_kuma-demo_443');
  });

  it('adds up listeners that share a stat prefix, as Envoy shares the counter', () => {
    const shared = structuredClone(gateway);
    shared.listeners[1] = { ...shared.listeners[0]!, name: 'edge-gateway:HTTP:8081', port: 8081 };
    expect(statsOf(shared, false).get('http.edge-gateway_8080.downstream_rq_total')).toBe(14);
  });

  it('never prints negative or fractional counters', () => {
    const odd = structuredClone(gateway);
    odd.uptimeSeconds = 12.6;
    odd.listeners[0]!.counters.rqTotal = -4;
    const oddStats = statsOf(odd, false);
    expect(oddStats.get('server.uptime')).toBe(13);
    expect(oddStats.get('http.edge-gateway_8080.downstream_rq_total')).toBe(0);
  });
});
