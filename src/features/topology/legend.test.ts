import { describe, expect, it } from 'vitest';
import type { TopologyEdge } from '../../topology/types';
import {
  edgeAppearance,
  formatErrorShare,
  formatRate,
  LEGEND,
  observedTraffic,
  trafficLabel,
} from './legend';

const edge = (overrides: Partial<TopologyEdge>): TopologyEdge => ({
  id: 'e',
  source: 'a',
  target: 'b',
  kind: 'unmanaged',
  origin: 'configured',
  relation: 'edge-gateway',
  bidirectional: false,
  ...overrides,
});

describe('edgeAppearance', () => {
  it('draws managed links dashed in the managed colour', () => {
    expect(edgeAppearance(edge({ kind: 'managed', relation: 'gateway-service' }))).toEqual({
      tone: 'managed',
      dashed: true,
      color: 'var(--managed)',
      arrowStart: false,
      arrowEnd: true,
    });
  });

  it('draws unmanaged links solid in the unmanaged colour', () => {
    expect(edgeAppearance(edge({}))).toMatchObject({
      tone: 'unmanaged',
      dashed: false,
      color: 'var(--unmanaged)',
    });
  });

  it('puts arrowheads on both ends of two-way links, none on a service and its sidecar', () => {
    expect(
      edgeAppearance(edge({ kind: 'managed', relation: 'cross-mesh', bidirectional: true })),
    ).toMatchObject({ arrowStart: true, arrowEnd: true });
    expect(edgeAppearance(edge({ relation: 'service-sidecar' }))).toMatchObject({
      arrowStart: false,
      arrowEnd: false,
    });
  });

  it('turns red above 5% errors and keeps the dash of its kind', () => {
    const failing = edgeAppearance(
      edge({ kind: 'managed', traffic: { requestsPerSecond: 20, errorShare: 0.06 } }),
    );
    expect(failing).toMatchObject({ tone: 'error', dashed: true, color: 'var(--offline)' });
    expect(failing.label).toBe('20 rps · 6% errors');
    const fine = edgeAppearance(edge({ traffic: { requestsPerSecond: 20, errorShare: 0.05 } }));
    expect(fine.tone).toBe('unmanaged');
  });

  it('labels only edges with observed traffic', () => {
    expect(edgeAppearance(edge({})).label).toBeUndefined();
    expect(edgeAppearance(edge({ traffic: { requestsPerSecond: 0, errorShare: 0 } })).label).toBe(
      '0 rps',
    );
  });
});

describe('traffic labels', () => {
  it.each([
    [0, '0 rps'],
    [0.04, '<0.1 rps'],
    [2.345, '2.3 rps'],
    [12.5, '13 rps'],
    [1234.4, '1234 rps'],
  ])('%s requests per second → %s', (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });

  it.each([
    [0, '0%'],
    [0.004, '<1%'],
    [0.126, '13%'],
  ])('error share %s → %s', (share, text) => {
    expect(formatErrorShare(share)).toBe(text);
  });

  it('joins rate and errors', () => {
    expect(trafficLabel({ requestsPerSecond: 3, errorShare: 0 })).toBe('3.0 rps');
    expect(trafficLabel({ requestsPerSecond: 3, errorShare: 0.5 })).toBe('3.0 rps · 50% errors');
  });
});

describe('LEGEND', () => {
  it('explains both line kinds, the error colour, every health and the observed label', () => {
    expect(LEGEND.edges.map((item) => [item.id, item.dashed])).toEqual([
      ['managed', true],
      ['unmanaged', false],
      ['errors', false],
    ]);
    expect(LEGEND.edges[2]?.label).toBe('> 5% errors');
    expect(LEGEND.health.map((item) => item.health)).toEqual([
      'online',
      'degraded',
      'offline',
      'unknown',
    ]);
    expect(LEGEND.health.every((item) => item.color.startsWith('var(--'))).toBe(true);
  });
});

describe('observedTraffic (the legend chip)', () => {
  const gatewayLink = (requestsPerSecond: number, errorShare: number) =>
    edge({ relation: 'gateway-service', traffic: { requestsPerSecond, errorShare } });
  it.each<[string, TopologyEdge[], string | undefined, number]>([
    ['nothing sampled yet', [edge({ relation: 'gateway-service' })], undefined, 0],
    ['one gateway link', [gatewayLink(12.5, 0.03)], '13 rps · 3% errors', 1],
    [
      'rates add up, errors weighted by rate',
      [gatewayLink(30, 0.1), gatewayLink(10, 0)],
      '40 rps · 8% errors',
      2,
    ],
    ['no errors: the rate alone', [gatewayLink(2, 0), gatewayLink(1, 0)], '3.0 rps', 2],
    ['idle gateways: 0 rps', [gatewayLink(0, 0)], '0 rps', 1],
    [
      'sidecar hops are not counted again',
      [
        gatewayLink(5, 0),
        edge({ relation: 'sidecar-sidecar', traffic: { requestsPerSecond: 5, errorShare: 1 } }),
      ],
      '5.0 rps',
      1,
    ],
  ])('%s', (_name, edges, label, links) => {
    const observed = observedTraffic(edges);
    expect(observed?.label).toBe(label);
    expect(observed?.links ?? 0).toBe(links);
  });
});
