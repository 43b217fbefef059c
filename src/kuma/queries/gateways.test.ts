import { describe, expect, it } from 'vitest';
import { builtinGatewayDp, delegatedGatewayDp, meshGateway } from '../../traffic/test-fixtures';
import { groupDelegated, instancesOf } from './gateways';

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
