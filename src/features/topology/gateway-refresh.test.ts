import { describe, expect, it } from 'vitest';
import type { MeshEntry } from '../../kuma/queries/meshes';
import type { MeshInsight } from '../../kuma/types';
import {
  type GatewaySignature,
  gatewayRefresh,
  gatewaySignatures,
  MAX_MESH_REREADS,
} from './gateway-refresh';

const entry = (name: string, insight?: Partial<MeshInsight>): MeshEntry => ({
  mesh: { type: 'Mesh', name },
  insight: insight ? ({ type: 'MeshInsight', name, ...insight } as MeshInsight) : undefined,
});

describe('gatewaySignatures', () => {
  const signatureOf = (insight: Partial<MeshInsight>) =>
    gatewaySignatures([entry('m', insight)])?.get('m');

  it('reads counts by type and status, missing counts as 0 (protojson drops zeros)', () => {
    expect(
      signatureOf({
        dataplanesByType: {
          gateway: { total: 3, online: 2, offline: 1 },
          gatewayBuiltin: { total: 1, online: 1 },
          gatewayDelegated: { total: 2, online: 1, offline: 1 },
        },
        resources: { MeshGateway: { total: 1 } },
      }),
    ).toEqual({ proxies: '3/2/1/0 1/1/0/0 2/1/1/0', gateways: '1' });
    expect(signatureOf({})).toEqual({ proxies: '0/0/0/0 0/0/0/0 0/0/0/0', gateways: '0' });
  });

  it('counts MeshGateways from `policies` where there is no `resources` (before 2.9)', () => {
    expect(signatureOf({ policies: { MeshGateway: { total: 2 } } })?.gateways).toBe('2');
  });

  it('tells nothing while a mesh has no insight', () => {
    expect(gatewaySignatures([entry('a', {}), entry('b')])).toBeUndefined();
    expect(gatewaySignatures([])).toEqual(new Map());
  });

  it('changes with a proxy going offline, not with sidecars', () => {
    const before = signatureOf({
      dataplanesByType: { gateway: { total: 2, online: 2 }, standard: { total: 9, online: 9 } },
    });
    const sidecarDown = signatureOf({
      dataplanesByType: { gateway: { total: 2, online: 2 }, standard: { total: 9, online: 8 } },
    });
    const gatewayDown = signatureOf({
      dataplanesByType: { gateway: { total: 2, online: 1, offline: 1 } },
    });
    expect(sidecarDown).toEqual(before);
    expect(gatewayDown).not.toEqual(before);
  });
});

describe('gatewayRefresh', () => {
  const sig = (proxies: string, gateways = '1'): GatewaySignature => ({ proxies, gateways });
  const of = (entries: [string, GatewaySignature][]) => new Map(entries);
  const base = of([
    ['a', sig('2/2')],
    ['b', sig('1/1')],
    ['c', sig('0/0', '0')],
  ]);

  it.each([
    ['nothing changed', base, { read: 'none' }],
    [
      'proxy counts changed in two meshes',
      of([
        ['a', sig('2/1')],
        ['b', sig('1/0')],
        ['c', sig('0/0', '0')],
      ]),
      { read: 'meshes', meshes: ['a', 'b'] },
    ],
    [
      'a MeshGateway was created',
      of([
        ['a', sig('2/2')],
        ['b', sig('1/1')],
        ['c', sig('0/0', '1')],
      ]),
      { read: 'all' },
    ],
    ['a mesh was created', of([...base, ['d', sig('0/0', '0')]]), { read: 'all' }],
    [
      'a mesh was replaced by another',
      of([
        ['a', sig('2/2')],
        ['b', sig('1/1')],
        ['d', sig('0/0', '0')],
      ]),
      { read: 'all' },
    ],
  ] as const)('%s', (_, now, expected) => {
    expect(gatewayRefresh(base, now)).toEqual(expected);
  });

  it(`reads the whole list when more than ${MAX_MESH_REREADS} meshes changed at once`, () => {
    const names = Array.from({ length: MAX_MESH_REREADS + 1 }, (_, index) => `m${index}`);
    const before = of(names.map((name) => [name, sig('1/1')]));
    const changed = (count: number) =>
      of(names.map((name, index) => [name, sig(index < count ? '1/0' : '1/1')]));
    expect(gatewayRefresh(before, changed(MAX_MESH_REREADS)).read).toBe('meshes');
    expect(gatewayRefresh(before, changed(MAX_MESH_REREADS + 1)).read).toBe('all');
  });
});
