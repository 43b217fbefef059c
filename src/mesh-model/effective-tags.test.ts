import { describe, expect, it } from 'vitest';
import type { MeshGateway, Tags } from '../kuma/types';
import { effectiveInstanceTags, tagsKey } from './effective-tags';

describe('effectiveInstanceTags', () => {
  const gateway: Pick<MeshGateway, 'selectors'> = {
    selectors: [{ match: { 'kuma.io/service': 'gw', env: '*' } }, { match: { x: 'y' } }],
  };
  it.each<[string, Tags[], Tags]>([
    ['no instance: the first selector, * included', [], { 'kuma.io/service': 'gw', env: '*' }],
    [
      'one instance: its own tags',
      [{ 'kuma.io/service': 'gw', env: 'prod' }],
      { 'kuma.io/service': 'gw', env: 'prod' },
    ],
    [
      'same value everywhere: kept',
      [
        { 'kuma.io/service': 'gw', env: 'prod' },
        { 'kuma.io/service': 'gw', env: 'prod' },
      ],
      { 'kuma.io/service': 'gw', env: 'prod' },
    ],
    [
      'key on every instance, values differ: any value',
      [
        { 'kuma.io/service': 'gw', 'kuma.io/zone': 'east' },
        { 'kuma.io/service': 'gw', 'kuma.io/zone': 'west' },
      ],
      { 'kuma.io/service': 'gw', 'kuma.io/zone': '*' },
    ],
    [
      'key missing on one instance: left out',
      [{ 'kuma.io/service': 'gw', canary: 'true' }, { 'kuma.io/service': 'gw' }],
      { 'kuma.io/service': 'gw' },
    ],
    [
      'a key named like an Object property is not taken for present',
      [{ 'kuma.io/service': 'gw', constructor: 'x' }, { 'kuma.io/service': 'gw' }],
      { 'kuma.io/service': 'gw' },
    ],
  ])('%s', (_label, instances, expected) => {
    expect(effectiveInstanceTags(instances, gateway)).toEqual(expected);
  });

  it('without selectors and instances: no tags', () => {
    expect(effectiveInstanceTags([], {})).toEqual({});
  });
});

describe('tagsKey', () => {
  it.each<[Tags, Tags, boolean]>([
    [{ a: '1', b: '2' }, { b: '2', a: '1' }, true],
    [{ a: '1' }, { a: '2' }, false],
    [{ a: '1' }, { a: '1', b: '2' }, false],
  ])('%j vs %j: same key %s', (left, right, same) => {
    expect(tagsKey(left) === tagsKey(right)).toBe(same);
  });
});
