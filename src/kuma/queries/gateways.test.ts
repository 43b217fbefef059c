import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { builtinGatewayDp, delegatedGatewayDp, meshGateway } from '../../traffic/test-fixtures';
import { sameGatewaysBesidesStatus, withMeshProxies } from './gateway-proxies';
import { type GatewayList, gatewayListOf, groupDelegated, instancesOf } from './gateways';

const listener = [{ port: 8080, protocol: 'HTTP' as const }];
const broad = meshGateway('broad', listener, { selectors: [{ 'kuma.io/service': '*' }] });
const edge = meshGateway('edge', listener, { selectors: [{ 'kuma.io/service': 'edge' }] });
const zoned = meshGateway('zoned', listener, {
  selectors: [{ 'kuma.io/service': 'edge', 'kuma.io/zone': 'east' }],
});
const elsewhere = meshGateway('edge', listener, { mesh: 'other' });

const edgeEast = builtinGatewayDp('edge-east', {
  'kuma.io/service': 'edge',
  'kuma.io/zone': 'east',
});
const edgeWest = builtinGatewayDp('edge-west', {
  'kuma.io/service': 'edge',
  'kuma.io/zone': 'west',
});
const untagged = builtinGatewayDp('untagged', { 'kuma.io/zone': 'east' });
const misc = builtinGatewayDp('misc', { 'kuma.io/service': 'misc' });
const kong = delegatedGatewayDp('kong-1', 'kong');
const dataplanes = [edgeEast, edgeWest, untagged, misc, kong];
const gateways = [broad, edge, zoned, elsewhere];

describe('instancesOf', () => {
  it.each([
    ['the most specific selector wins a dataplane', zoned, ['edge-east']],
    ['an exact value beats *', edge, ['edge-west']],
    ['* matches any value but not a missing tag', broad, ['misc']],
    ['another mesh has its own instances', elsewhere, []],
  ])('%s', (_, gateway, names) => {
    expect(instancesOf(gateway, gateways, dataplanes).map((dp) => dp.name)).toEqual(names);
  });

  it('gives each dataplane to one gateway only', () => {
    const all = gateways.flatMap((gateway) => instancesOf(gateway, gateways, dataplanes));
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('groupDelegated', () => {
  it('groups delegated gateway proxies by mesh and service, ignoring built-in ones', () => {
    const second = delegatedGatewayDp('kong-2', 'kong');
    expect(groupDelegated([...dataplanes, second])).toEqual([
      { mesh: 'default', service: 'kong', dataplanes: [kong, second] },
    ]);
  });
});

describe('withMeshProxies', () => {
  const inMesh = (mesh: string, name: string, online = true) =>
    delegatedGatewayDp(name, `${mesh}-kong`, [], { mesh, online });
  const list = gatewayListOf(
    [edge, elsewhere],
    [edgeWest, inMesh('other', 'o-1'), inMesh('third', 't-1'), inMesh('other', 'o-2')],
  );
  const names = (proxies: readonly { mesh: string; name: string }[]) =>
    proxies.map((proxy) => `${proxy.mesh}/${proxy.name}`);

  it.each([
    [
      "puts a mesh's fresh proxies where its old ones were",
      new Map([['other', [inMesh('other', 'o-1', false), inMesh('other', 'o-3')]]]),
      ['default/edge-west', 'other/o-1', 'other/o-3', 'third/t-1'],
    ],
    [
      'drops the proxies of a mesh that has none left',
      new Map([['third', []]]),
      ['default/edge-west', 'other/o-1', 'other/o-2'],
    ],
    [
      'adds a mesh new to the list last',
      new Map([['fourth', [inMesh('fourth', 'f-1')]]]),
      ['default/edge-west', 'other/o-1', 'third/t-1', 'other/o-2', 'fourth/f-1'],
    ],
  ])('%s', (_, fresh, expected) => {
    expect(names(withMeshProxies(list, fresh).proxies)).toEqual(expected);
  });

  it('groups the fresh proxies as a whole read would', () => {
    const fresh = [inMesh('other', 'o-1', false), inMesh('other', 'o-3')];
    const merged = withMeshProxies(list, new Map([['other', fresh]]));
    expect(merged).toEqual(
      gatewayListOf([edge, elsewhere], [edgeWest, ...fresh, inMesh('third', 't-1')]),
    );
    expect(merged.builtin.map((entry) => names(entry.instances))).toEqual([
      ['default/edge-west'],
      [],
    ]);
    expect(merged.delegated.map((group) => names(group.dataplanes))).toEqual([
      ['other/o-1', 'other/o-3'],
      ['third/t-1'],
    ]);
  });
});

describe('sameGatewaysBesidesStatus', () => {
  const kongOf = (name: string, online: boolean, service = 'kong') =>
    delegatedGatewayDp(name, service, [], { online });
  const read = (
    online: boolean,
    changes: { service?: string; extra?: boolean; port?: number } = {},
  ) =>
    gatewayListOf(
      [meshGateway('edge', [{ port: changes.port ?? 8080, protocol: 'HTTP' }])],
      [
        builtinGatewayDp('edge-1', { 'kuma.io/service': 'edge' }, { online }),
        kongOf('kong-1', true, changes.service),
        ...(changes.extra ? [kongOf('kong-2', true)] : []),
      ],
    );
  /** Each read as the cache keeps it: unchanged parts stay the objects they were. */
  const cached = (first: ReturnType<typeof read>, second: ReturnType<typeof read>) => {
    const client = new QueryClient();
    const before = client.setQueryData<GatewayList>(['gateways'], first);
    const after = client.setQueryData<GatewayList>(['gateways'], second);
    if (!before || !after) throw new Error('not cached');
    return [before, after] as const;
  };

  it.each([
    ['the same read twice', read(true), true],
    ['a proxy disconnected', read(false), true],
    ["a proxy's tags changed", read(true, { service: 'kong-v2' }), false],
    ['a proxy added', read(true, { extra: true }), false],
    ['a MeshGateway changed', read(true, { port: 8081 }), false],
  ])('%s: %s', (_, second, same) => {
    expect(sameGatewaysBesidesStatus(...cached(read(true), second))).toBe(same);
  });

  it('answers false, not a wrong true, for equal parts that are new objects', () => {
    expect(sameGatewaysBesidesStatus(read(true), read(true))).toBe(false);
  });
});
