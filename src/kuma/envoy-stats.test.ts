import { describe, expect, it } from 'vitest';
import { renderStatsJson, renderStatsText } from '../../demo-cp/src/envoy/stats';
import type { EnvoyProxySnapshot } from '../../demo-cp/src/envoy/types';
import {
  type ClusterTraffic,
  clusterTraffic,
  listenerSocketTraffic,
  listenerTraffic,
  parseEnvoyStatsJson,
  parseEnvoyStatsText,
  type RequestCounters,
  trafficRate,
} from './envoy-stats';

// Trimmed from a real Kuma sidecar's `/stats`, histograms and text readouts included.
const RECORDED_STATS = `cluster.ads_cluster.upstream_rq_total: 1
cluster.backend.membership_healthy: 2
cluster.backend.membership_total: 3
cluster.backend.upstream_cx_active: 4
cluster.backend.upstream_cx_total: 9
cluster.backend.upstream_rq_200: 90
cluster.backend.upstream_rq_2xx: 90
cluster.backend.upstream_rq_503: 10
cluster.backend.upstream_rq_5xx: 10
cluster.backend.upstream_rq_timeout: 2
cluster.backend.upstream_rq_total: 100
cluster.backend.circuit_breakers.default.rq_open: 0
cluster.backend.internal.upstream_rq_2xx: 90
cluster.backend.outlier_detection.ejections_active: 0
cluster.kuma_envoy_admin.upstream_rq_total: 3
cluster.access_log_sink.membership_total: 1
cluster.localhost_8080.upstream_rq_total: 5
cluster.outbound_passthrough_ipv4.upstream_cx_total: 7
control_plane.identifier: "kuma-control-plane-7f9"
http.admin.downstream_rq_total: 12
http.localhost_8080.downstream_rq_total: 5
http.localhost_8080.downstream_rq_2xx: 3
http.localhost_8080.downstream_rq_4xx: 2
http.localhost_8080.rbac.denied: 2
http.localhost_8080.rbac.shadow_denied: 4
http.localhost_8080.user_agent.ios.downstream_rq_total: 1
listener.10.0.0.5_8080.downstream_cx_total: 6
listener.10.0.0.5_8080.ssl.handshake: 5
listener.10.0.0.5_8080.no_filter_chain_match: 1
listener.10.0.0.5_8080.http.localhost_8080.downstream_rq_2xx: 3
listener.admin.downstream_cx_total: 12
server.live: 1
server.uptime: 3600
cluster.backend.upstream_rq_time: P0(nan,1.0) P25(nan,2.05) P50(nan,3.05) P99(nan,9.9) P100(nan,10.0)
http.localhost_8080.downstream_rq_time: No recorded values
`;

describe('parseEnvoyStatsText', () => {
  it.each([
    ['a counter', 'server.live: 1', [['server.live', 1]]],
    ['a gauge', 'server.uptime: 3600', [['server.uptime', 3600]]],
    [
      'a dotted listener name',
      'listener.10.0.0.5_8080.downstream_cx_total: 6',
      [['listener.10.0.0.5_8080.downstream_cx_total', 6]],
    ],
    [
      'CRLF line ends',
      'a.b: 1\r\nc.d: 2\r\n',
      [
        ['a.b', 1],
        ['c.d', 2],
      ],
    ],
    ['a histogram', 'cluster.x.upstream_rq_time: P0(nan,1) P100(nan,10)', []],
    ['an empty histogram', 'http.x.downstream_rq_time: No recorded values', []],
    ['a text readout', 'control_plane.identifier: "cp-1"', []],
    ['garbage', 'not a stat\n: 4\nname:5\nname: five\n\n', []],
    ['an empty body', '', []],
  ])('reads %s', (_, text, expected) => {
    expect([...parseEnvoyStatsText(text)]).toEqual(expected);
  });

  it('never throws on input that is not text', () => {
    expect(parseEnvoyStatsText(undefined as unknown as string).size).toBe(0);
  });
});

describe('parseEnvoyStatsJson', () => {
  it.each([
    ['numbers', { stats: [{ name: 'a', value: 1 }] }, [['a', 1]]],
    ['64-bit strings', { stats: [{ name: 'a', value: '12' }] }, [['a', 12]]],
    [
      'the histograms entry',
      { stats: [{ name: 'a', value: 1 }, { histograms: { computed_quantiles: [] } }] },
      [['a', 1]],
    ],
    ['text readouts', { stats: [{ name: 'id', value: 'cp-1' }] }, []],
    ['a raw body', '{"stats":[{"name":"a","value":3}]}', [['a', 3]]],
    ['a broken body', '{"stats":[', []],
    ['no stats array', { stats: 'nope' }, []],
    ['null', null, []],
  ])('reads %s', (_, body, expected) => {
    expect([...parseEnvoyStatsJson(body)]).toEqual(expected);
  });
});

describe('clusterTraffic', () => {
  const traffic = clusterTraffic(parseEnvoyStatsText(RECORDED_STATS));

  it('leaves out Kuma internal clusters and keeps inbound and passthrough ones', () => {
    expect(traffic.map(({ cluster, direction }) => [cluster, direction])).toEqual([
      ['backend', 'outbound'],
      ['localhost_8080', 'inbound'],
      ['outbound_passthrough_ipv4', 'passthrough'],
    ]);
  });

  it('reads one cluster, ignoring its sub-scoped stats', () => {
    expect(traffic[0]).toEqual({
      cluster: 'backend',
      direction: 'outbound',
      requests: 100,
      responses2xx: 90,
      responses4xx: 0,
      responses5xx: 10,
      byCode: { 200: 90, 503: 10 },
      timeouts: 2,
      connections: 9,
      activeConnections: 4,
      healthyMembers: 2,
      totalMembers: 3,
    } satisfies ClusterTraffic);
  });

  it('rebuilds status classes from codes when a source dropped them', () => {
    const stats = new Map([
      ['cluster.web.upstream_rq_404', 3],
      ['cluster.web.upstream_rq_403', 1],
      ['cluster.web.upstream_rq_204', 2],
    ]);
    expect(clusterTraffic(stats)[0]).toMatchObject({
      responses2xx: 2,
      responses4xx: 4,
      responses5xx: 0,
    });
  });
});

describe('listenerTraffic', () => {
  it('reads HTTP downstream figures and links them to their listener', () => {
    expect(listenerTraffic(parseEnvoyStatsText(RECORDED_STATS))).toEqual([
      {
        statPrefix: 'localhost_8080',
        listener: '10.0.0.5_8080',
        requests: 5,
        responses2xx: 3,
        responses4xx: 2,
        responses5xx: 0,
        noRoute: 0,
        rbacDenied: 2,
        connections: 0,
        activeConnections: 0,
      },
    ]);
  });

  it('reads socket figures per listener, without Envoy admin', () => {
    expect(listenerSocketTraffic(parseEnvoyStatsText(RECORDED_STATS))).toEqual([
      {
        listener: '10.0.0.5_8080',
        connections: 6,
        activeConnections: 0,
        noFilterChainMatch: 1,
        sslHandshakes: 5,
      },
    ]);
  });
});

describe('trafficRate', () => {
  const sample = (
    requests: number,
    responses2xx: number,
    responses4xx: number,
    responses5xx: number,
  ): RequestCounters => ({ requests, responses2xx, responses4xx, responses5xx });

  it.each([
    ['steady traffic', sample(100, 90, 5, 5), sample(200, 170, 15, 15), 10, 10, 0.2],
    ['no traffic', sample(100, 90, 5, 5), sample(100, 90, 5, 5), 10, 0, 0],
    ['only errors', sample(0, 0, 0, 0), sample(4, 0, 1, 3), 2, 2, 1],
    ['late responses', sample(10, 0, 0, 0), sample(11, 0, 0, 3), 1, 1, 1],
  ])('%s', (_, previous, current, seconds, requestsPerSecond, errorShare) => {
    expect(trafficRate(previous, current, seconds)).toEqual({ requestsPerSecond, errorShare });
  });

  it.each([
    ['requests went down (restart)', sample(100, 90, 5, 5), sample(10, 10, 0, 0), 10],
    ['errors went down (restart)', sample(100, 90, 5, 5), sample(120, 110, 4, 6), 10],
    ['no time passed', sample(1, 1, 0, 0), sample(2, 2, 0, 0), 0],
    ['time ran backwards', sample(1, 1, 0, 0), sample(2, 2, 0, 0), -5],
    ['time is not a number', sample(1, 1, 0, 0), sample(2, 2, 0, 0), Number.NaN],
  ])('is undefined when %s', (_, previous, current, seconds) => {
    expect(trafficRate(previous, current, seconds)).toBeUndefined();
  });
});

describe('round trip through the demo control plane', () => {
  const snapshotAt = (scale: number): EnvoyProxySnapshot => ({
    mesh: 'default',
    name: 'edge-gateway-6d9f',
    address: '10.0.0.9',
    adminPort: 9901,
    kind: 'builtin-gateway',
    uptimeSeconds: 60 * scale,
    listeners: [
      {
        name: 'edge-gateway:HTTP:8080',
        address: '0.0.0.0',
        port: 8080,
        statPrefix: 'edge-gateway_8080',
        protocol: 'http',
        tls: true,
        counters: {
          cxTotal: 30 * scale,
          cxActive: 4,
          rqTotal: 300 * scale,
          rq2xx: 240 * scale,
          rq4xx: 45 * scale,
          rq5xx: 15 * scale,
          noRoute: 20 * scale,
          rbacDenied: 0,
          noFilterChainMatch: scale,
          sslHandshake: 29 * scale,
        },
      },
    ],
    clusters: [
      {
        name: 'backend_kuma-demo_svc_8080',
        endpoints: [
          { address: '10.0.0.7', port: 8080, healthy: true, weight: 1, rqTotal: 150 * scale },
          { address: '10.0.0.8', port: 8080, healthy: false, weight: 1, rqTotal: 130 * scale },
        ],
        counters: {
          rqTotal: 280 * scale,
          rqByCode: { 200: 230 * scale, 201: 10 * scale, 404: 25 * scale, 503: 15 * scale },
          cxTotal: 12 * scale,
          cxActive: 3,
          rqTimeout: 2 * scale,
        },
      },
      {
        name: 'idle_kuma-demo_svc_80',
        endpoints: [{ address: '10.0.2.1', port: 80, healthy: true, weight: 1, rqTotal: 0 }],
        counters: { rqTotal: 0, rqByCode: {}, cxTotal: 0, cxActive: 0, rqTimeout: 0 },
      },
    ],
  });

  const expectedBackend = (scale: number): ClusterTraffic => ({
    cluster: 'backend_kuma-demo_svc_8080',
    direction: 'outbound',
    requests: 280 * scale,
    responses2xx: 240 * scale,
    responses4xx: 25 * scale,
    responses5xx: 15 * scale,
    byCode: { 200: 230 * scale, 201: 10 * scale, 404: 25 * scale, 503: 15 * scale },
    timeouts: 2 * scale,
    connections: 12 * scale,
    activeConnections: 3,
    healthyMembers: 1,
    totalMembers: 2,
  });

  const parsers = [
    [
      'text',
      (s: EnvoyProxySnapshot, usedOnly: boolean) =>
        parseEnvoyStatsText(renderStatsText(s, { usedOnly })),
    ],
    [
      'json',
      (s: EnvoyProxySnapshot, usedOnly: boolean) =>
        parseEnvoyStatsJson(JSON.parse(JSON.stringify(renderStatsJson(s, { usedOnly })))),
    ],
  ] as const;

  describe.each(parsers)('%s', (_, renderAndParse) => {
    it.each([true, false])('gets the cluster figures back (usedOnly %s)', (usedOnly) => {
      const traffic = clusterTraffic(renderAndParse(snapshotAt(1), usedOnly));
      expect(traffic.map((t) => t.cluster)).toEqual([
        'backend_kuma-demo_svc_8080',
        'idle_kuma-demo_svc_80',
      ]);
      expect(traffic[0]).toEqual(expectedBackend(1));
      expect(traffic[1]).toMatchObject({ requests: 0, healthyMembers: 1, totalMembers: 1 });
    });

    it('gets the listener figures back', () => {
      const stats = renderAndParse(snapshotAt(2), true);
      expect(listenerTraffic(stats)).toEqual([
        {
          statPrefix: 'edge-gateway_8080',
          listener: '0.0.0.0_8080',
          requests: 600,
          responses2xx: 480,
          responses4xx: 90,
          responses5xx: 30,
          noRoute: 40,
          rbacDenied: 0,
          connections: 60,
          activeConnections: 4,
        },
      ]);
      expect(listenerSocketTraffic(stats)).toEqual([
        {
          listener: '0.0.0.0_8080',
          connections: 60,
          activeConnections: 4,
          noFilterChainMatch: 2,
          sslHandshakes: 58,
        },
      ]);
    });

    it('turns two samples into a rate, and a restart into no rate', () => {
      const backendAt = (snapshot: EnvoyProxySnapshot) =>
        clusterTraffic(renderAndParse(snapshot, true))[0]!;
      expect(trafficRate(backendAt(snapshotAt(1)), backendAt(snapshotAt(3)), 20)).toEqual({
        requestsPerSecond: 28,
        errorShare: 40 / 280,
      });
      expect(trafficRate(backendAt(snapshotAt(3)), backendAt(snapshotAt(1)), 20)).toBeUndefined();
    });
  });
});
