import { describe, expect, it } from 'vitest';
import { gatewayRates, sampleOf } from '../topology';
import type { GatewaySummary } from './service-model';
import { gatewayRateKey, serviceTraffic } from './service-traffic';

function stats(clusters: Record<string, [number, number, number]>): string {
  return Object.entries(clusters)
    .flatMap(([cluster, [total, ok, errors]]) => [
      `cluster.${cluster}.upstream_rq_total: ${total}`,
      `cluster.${cluster}.upstream_rq_2xx: ${ok}`,
      `cluster.${cluster}.upstream_rq_5xx: ${errors}`,
    ])
    .join('\n');
}

const EDGE: GatewaySummary = {
  kind: 'builtin',
  name: 'edge',
  displayName: 'edge',
  online: 2,
  total: 2,
  connected: ['edge-1', 'edge-2'],
};
const KONG: GatewaySummary = {
  ...EDGE,
  kind: 'delegated',
  name: 'kong',
  displayName: 'kong',
  connected: ['kong-1'],
};

describe('serviceTraffic', () => {
  // Two proxies of edge, 10 s apart: 100 + 50 requests to backend (10 failed), 40 to frontend.
  const rates = gatewayRates([
    {
      gatewayNodeId: gatewayRateKey(EDGE),
      previous: sampleOf(stats({ backend: [0, 0, 0], frontend: [0, 0, 0] }), 0),
      current: sampleOf(stats({ backend: [100, 90, 10], frontend: [40, 40, 0] }), 10_000),
    },
    {
      gatewayNodeId: gatewayRateKey(EDGE),
      previous: sampleOf(stats({ backend: [10, 10, 0] }), 0),
      current: sampleOf(stats({ backend: [60, 60, 0] }), 10_000),
    },
    // One sample only: no rate yet.
    { gatewayNodeId: gatewayRateKey(KONG), current: sampleOf(stats({ backend: [5, 5, 0] }), 0) },
  ]);

  it.each<[string, string[], [string, number | undefined, number | undefined][]]>([
    [
      'adds up the proxies of a gateway',
      ['backend'],
      [
        ['edge', 15, 10 / 150],
        ['kong', undefined, undefined],
      ],
    ],
    [
      'adds up every name the service goes by',
      ['backend', 'frontend'],
      [
        ['edge', 19, 10 / 190],
        ['kong', undefined, undefined],
      ],
    ],
    [
      'nothing for a service no request went to',
      ['orders'],
      [
        ['edge', undefined, undefined],
        ['kong', undefined, undefined],
      ],
    ],
  ])('%s', (_label, names, expected) => {
    const result = serviceTraffic(rates, [EDGE, KONG], { names }).map((entry) => [
      entry.gateway.name,
      entry.traffic?.requestsPerSecond,
      entry.traffic?.errorShare,
    ]);
    expect(result).toEqual(
      expected.map(([name, rps, share]) => [
        name,
        rps === undefined ? undefined : expect.closeTo(rps, 9),
        share === undefined ? undefined : expect.closeTo(share, 9),
      ]),
    );
  });
});
