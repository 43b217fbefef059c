import { describe, expect, it } from 'vitest';
import { gatewayRates, sampleOf } from './traffic-rates';

const stats = (backend: number, errors: number) =>
  [
    `cluster.backend.upstream_rq_total: ${backend}`,
    `cluster.backend.upstream_rq_200: ${backend - errors}`,
    `cluster.backend.upstream_rq_503: ${errors}`,
    'cluster.kuma_envoy_admin.upstream_rq_total: 99',
  ].join('\n');

describe('gatewayRates', () => {
  it('computes rates from two samples and adds instances up', () => {
    const rates = gatewayRates([
      {
        gatewayNodeId: 'gw',
        previous: sampleOf(stats(100, 0), 0),
        current: sampleOf(stats(120, 5), 2000),
      },
      {
        gatewayNodeId: 'gw',
        previous: sampleOf(stats(10, 0), 0),
        current: sampleOf(stats(30, 0), 2000),
      },
    ]);
    expect(rates.get('gw -> backend')).toEqual({ requestsPerSecond: 20, errorShare: 0.125 });
    expect(rates.has('gw -> kuma_envoy_admin')).toBe(false);
  });

  it.each([
    ['one sample only', { previous: undefined, current: sampleOf(stats(10, 0), 1000) }],
    [
      'a restart (counters went down)',
      { previous: sampleOf(stats(100, 0), 0), current: sampleOf(stats(5, 0), 2000) },
    ],
    [
      'no time passed',
      { previous: sampleOf(stats(1, 0), 1000), current: sampleOf(stats(5, 0), 1000) },
    ],
  ])('gives no rate with %s', (_case, sample) => {
    expect(gatewayRates([{ gatewayNodeId: 'gw', ...sample }]).size).toBe(0);
  });
});
