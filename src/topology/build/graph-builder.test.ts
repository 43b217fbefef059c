import { describe, expect, it } from 'vitest';
import { GraphBuilder, healthOf, mergeTraffic } from './graph-builder';

const ref = (status: 'online' | 'offline' | 'partially_degraded') => ({
  mesh: 'm',
  name: status,
  displayName: status,
  status,
});

describe('healthOf', () => {
  it.each([
    [[], 'unknown'],
    [[ref('online'), ref('online')], 'online'],
    [[ref('offline')], 'offline'],
    [[ref('online'), ref('offline')], 'degraded'],
    [[ref('partially_degraded')], 'degraded'],
  ] as const)('%j → %s', (refs, health) => expect(healthOf(refs)).toBe(health));
});

describe('mergeTraffic', () => {
  it.each([
    { a: undefined, b: undefined, merged: undefined },
    {
      a: { requestsPerSecond: 2, errorShare: 0.5 },
      b: undefined,
      merged: { requestsPerSecond: 2, errorShare: 0.5 },
    },
    {
      a: { requestsPerSecond: 1, errorShare: 1 },
      b: { requestsPerSecond: 3, errorShare: 0 },
      merged: { requestsPerSecond: 4, errorShare: 0.25 },
    },
    {
      a: { requestsPerSecond: 0, errorShare: 0 },
      b: { requestsPerSecond: 0, errorShare: 0 },
      merged: { requestsPerSecond: 0, errorShare: 0 },
    },
  ])('$a + $b', ({ a, b, merged }) => expect(mergeTraffic(a, b)).toEqual(merged));
});

describe('GraphBuilder.edge', () => {
  const base = {
    kind: 'managed',
    origin: 'configured',
    relation: 'sidecar-sidecar',
    bidirectional: false,
  } as const;
  it.each([
    {
      why: 'the opposite direction makes the first two-way',
      edges: [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'a' },
      ],
      expected: [{ id: 'sidecar-sidecar:a->b', bidirectional: true }],
    },
    {
      why: 'the same pair again adds its vias and the keys of its rates',
      edges: [
        {
          source: 'a',
          target: 'b',
          via: [{ type: 'Dataplane', mesh: 'm', name: 'x' }],
          rate: 'a -> x',
        },
        {
          source: 'a',
          target: 'b',
          via: [{ type: 'Dataplane', mesh: 'm', name: 'y' }],
          rate: 'a -> y',
        },
      ],
      expected: [
        {
          id: 'sidecar-sidecar:a->b',
          via: [
            { type: 'Dataplane', mesh: 'm', name: 'x' },
            { type: 'Dataplane', mesh: 'm', name: 'y' },
          ],
          trafficKeys: ['a -> x', 'a -> y'],
        },
      ],
    },
  ])('$why', ({ edges, expected }) => {
    const graph = new GraphBuilder();
    for (const edge of edges as {
      source: string;
      target: string;
      via?: { type: string; mesh: string; name: string }[];
      rate?: string;
    }[]) {
      const { rate, ...rest } = edge;
      graph.edge({ ...base, ...rest }, rate);
    }
    expect([...graph.edges.values()]).toMatchObject(expected);
  });
});
