import { describe, expect, it } from 'vitest';
import type { Tags } from '../kuma/types';
import {
  bindGatewayDataplane,
  compareSelectorRank,
  gatewayInstances,
  listenerTagSet,
  selectGateway,
  selectorRank,
  shadowedGateways,
  tagSelectorMatches,
  unboundGatewayDataplanes,
} from './gateway-binding';
import { builtinGatewayDp, meshGateway, meshSnapshot, sidecarDp } from './test-fixtures';

describe('tagSelectorMatches', () => {
  it.each([
    {
      selector: { 'kuma.io/service': 'edge' },
      tags: { 'kuma.io/service': 'edge' },
      expected: true,
    },
    {
      selector: { 'kuma.io/service': 'edge' },
      tags: { 'kuma.io/service': 'other' },
      expected: false,
    },
    { selector: { 'kuma.io/service': '*' }, tags: { 'kuma.io/service': 'any' }, expected: true },
    { selector: { env: '*' }, tags: { 'kuma.io/service': 'edge' }, expected: false },
    { selector: {}, tags: {}, expected: true },
    { selector: undefined, tags: { a: 'b' }, expected: true },
    { selector: { a: 'b', c: 'd' }, tags: { a: 'b' }, expected: false },
  ] as { selector?: Tags; tags: Tags; expected: boolean }[])(
    '$selector on $tags → $expected',
    ({ selector, tags, expected }) => {
      expect(tagSelectorMatches(selector, tags)).toBe(expected);
    },
  );
});

describe('selector rank', () => {
  it.each([
    { a: { x: '1', y: '2' }, b: { x: '1' }, sign: 1 },
    { a: { x: '1' }, b: { x: '*' }, sign: 1 },
    { a: { x: '*', y: '*' }, b: { x: '1' }, sign: 1 },
    { a: { x: '1' }, b: { y: '2' }, sign: 0 },
  ] as { a: Tags; b: Tags; sign: number }[])(
    'rank($a) vs rank($b) has sign $sign',
    ({ a, b, sign }) => {
      expect(Math.sign(compareSelectorRank(selectorRank(a), selectorRank(b)))).toBe(sign);
    },
  );
});

describe('selectGateway (one MeshGateway per gateway Dataplane)', () => {
  const tags = { 'kuma.io/service': 'edge', env: 'prod' };
  it.each([
    {
      name: 'the selector with the most tags wins',
      gateways: [
        meshGateway('broad', [], {
          selectors: [{ 'kuma.io/service': 'edge' }],
          creationTime: '2025-02-01T00:00:00Z',
        }),
        meshGateway('narrow', [], {
          selectors: [{ 'kuma.io/service': 'edge', env: 'prod' }],
          creationTime: '2025-01-01T00:00:00Z',
        }),
      ],
      expected: 'narrow',
    },
    {
      name: 'on a tie the newest creationTime wins',
      gateways: [
        meshGateway('old', [], {
          selectors: [{ 'kuma.io/service': 'edge' }],
          creationTime: '2025-01-01T00:00:00Z',
        }),
        meshGateway('new', [], {
          selectors: [{ 'kuma.io/service': 'edge' }],
          creationTime: '2025-03-01T00:00:00Z',
        }),
      ],
      expected: 'new',
    },
    {
      name: 'an exact value beats * at equal tag count',
      gateways: [
        meshGateway('wild', [], {
          selectors: [{ 'kuma.io/service': '*' }],
          creationTime: '2025-03-01T00:00:00Z',
        }),
        meshGateway('exact', [], {
          selectors: [{ 'kuma.io/service': 'edge' }],
          creationTime: '2025-01-01T00:00:00Z',
        }),
      ],
      expected: 'exact',
    },
    {
      name: 'a full tie goes to the alphabetically first name',
      gateways: [
        meshGateway('b-gw', [], { selectors: [{ 'kuma.io/service': 'edge' }] }),
        meshGateway('a-gw', [], { selectors: [{ 'kuma.io/service': 'edge' }] }),
      ],
      expected: 'a-gw',
    },
    {
      name: 'the best selector of a gateway counts',
      gateways: [
        meshGateway('multi', [], {
          selectors: [{ 'kuma.io/service': 'other' }, { 'kuma.io/service': 'edge', env: 'prod' }],
        }),
        meshGateway('single', [], {
          selectors: [{ 'kuma.io/service': 'edge' }],
          creationTime: '2030-01-01T00:00:00Z',
        }),
      ],
      expected: 'multi',
    },
    {
      name: 'no matching selector: no gateway',
      gateways: [meshGateway('other', [], { selectors: [{ 'kuma.io/service': 'nope' }] })],
      expected: undefined,
    },
  ])('$name', ({ gateways, expected }) => {
    expect(selectGateway(gateways, tags).gateway?.name).toBe(expected);
  });
});

describe('instances, shadowed and unbound gateways', () => {
  const mesh = meshSnapshot({
    gateways: [
      meshGateway('edge', [], {
        selectors: [{ 'kuma.io/service': 'edge' }],
        creationTime: '2025-01-01T00:00:00Z',
      }),
      meshGateway('edge-v2', [], {
        selectors: [{ 'kuma.io/service': 'edge' }],
        creationTime: '2025-06-01T00:00:00Z',
      }),
      meshGateway('internal', [], { selectors: [{ 'kuma.io/service': 'internal' }] }),
    ],
    dataplanes: [
      builtinGatewayDp('edge-1', { 'kuma.io/service': 'edge' }),
      builtinGatewayDp('edge-2', { 'kuma.io/service': 'edge' }, { online: false }),
      builtinGatewayDp('internal-1', { 'kuma.io/service': 'internal' }),
      builtinGatewayDp('orphan-1', { 'kuma.io/service': 'orphan' }),
      sidecarDp('edge-sidecar', [{ service: 'edge' }]),
    ],
  });

  it.each([
    { gateway: 'edge', expected: [] },
    { gateway: 'edge-v2', expected: ['edge-1:online', 'edge-2:offline'] },
    { gateway: 'internal', expected: ['internal-1:online'] },
  ])('instances of $gateway: $expected', ({ gateway, expected }) => {
    const target = mesh.gateways.find((g) => g.name === gateway);
    if (!target) throw new Error('fixture');
    expect(
      gatewayInstances(mesh, target).map((i) => `${i.name}:${i.online ? 'online' : 'offline'}`),
    ).toEqual(expected);
  });

  it('flags the older gateway as shadowed by the newer one', () => {
    const shadowed = shadowedGateways(mesh);
    expect(shadowed.map((s) => s.gateway.name)).toEqual(['edge']);
    expect(shadowed[0]?.lostTo.map((l) => `${l.dataplane}→${l.boundTo.name}`)).toEqual([
      'edge-1→edge-v2',
      'edge-2→edge-v2',
    ]);
  });

  it('lists BUILTIN Dataplanes no gateway selects, and ignores sidecars', () => {
    expect(unboundGatewayDataplanes(mesh).map((dp) => dp.name)).toEqual(['orphan-1']);
    const sidecar = mesh.dataplanes.find((dp) => dp.name === 'edge-sidecar');
    if (!sidecar) throw new Error('fixture');
    expect(bindGatewayDataplane(mesh, sidecar).gateway).toBeUndefined();
  });
});

describe('listenerTagSet (Dataplane gateway tags ∪ MeshGateway tags ∪ listener tags)', () => {
  it.each([
    {
      dp: { 'kuma.io/service': 'edge', zone: 'a' },
      gateway: { team: 'edge' },
      listener: { port: 'http-8080' },
      expected: { 'kuma.io/service': 'edge', zone: 'a', team: 'edge', port: 'http-8080' },
    },
    {
      dp: { env: 'dp' },
      gateway: { env: 'gateway' },
      listener: { env: 'listener' },
      expected: { env: 'listener' },
    },
    { dp: undefined, gateway: undefined, listener: undefined, expected: {} },
  ] as { dp?: Tags; gateway?: Tags; listener?: Tags; expected: Tags }[])(
    'later sources override earlier ones → $expected',
    ({ dp, gateway, listener, expected }) => {
      expect(listenerTagSet(dp, { tags: gateway }, { tags: listener })).toEqual(expected);
    },
  );
});
