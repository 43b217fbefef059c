import { describe, expect, it } from 'vitest';
import { intersects, isSubset, keyedSubsets, type Subset, toggledSubsets } from './subset';

/** Expected values from Kuma's `pkg/plugins/policies/core/rules/rules_test.go` (2.6.15, 2.14.3). */

const t = (key: string, value: string, not = false) => ({ key, value, not });

describe('isSubset', () => {
  it.each<{ name: string; outer: Subset; inner: Subset; expected: boolean }>([
    {
      name: 'entry 1',
      outer: [t('service', 'backend')],
      inner: [t('service', 'frontend', true), t('version', 'v2')],
      expected: false,
    },
    {
      name: 'entry 2',
      outer: [t('service', 'backend')],
      inner: [t('service', 'backend'), t('version', 'v2')],
      expected: true,
    },
    {
      name: 'entry 3',
      outer: [t('service', 'backend', true)],
      inner: [t('service', 'backend', true), t('version', 'v2')],
      expected: true,
    },
    {
      name: 'entry 4',
      outer: [t('service', 'backend', true), t('version', 'v1', true)],
      inner: [t('service', 'backend', true), t('version', 'v1', true), t('zone', 'east')],
      expected: true,
    },
    {
      name: 'entry 5',
      outer: [],
      inner: [t('service', 'backend', true), t('zone', 'east')],
      expected: true,
    },
    {
      name: 'entry 6',
      outer: [t('service', 'backend'), t('version', 'v1')],
      inner: [],
      expected: false,
    },
    {
      name: 'entry 7',
      outer: [t('key1', 'val1', true)],
      inner: [t('key1', 'val2')],
      expected: true,
    },
    {
      name: 'entry 8',
      outer: [t('key1', 'val1', true)],
      inner: [t('key1', 'val2'), t('key2', 'val3')],
      expected: true,
    },
  ])('$name', ({ outer, inner, expected }) => {
    expect(isSubset(outer, inner)).toBe(expected);
  });
});

describe('intersects', () => {
  it.each<{ name: string; a: Subset; b: Subset; expected: boolean }>([
    {
      name: 'positive, same key and value',
      a: [t('service', 'frontend')],
      b: [t('service', 'frontend')],
      expected: true,
    },
    {
      name: 'positive, same key, different value',
      a: [t('service', 'frontend')],
      b: [t('service', 'backend')],
      expected: false,
    },
    {
      name: 'positive, overlap key but different value',
      a: [t('service', 'frontend')],
      b: [t('service', 'backend'), t('version', 'v1')],
      expected: false,
    },
    {
      name: 'positive, different key',
      a: [t('service', 'frontend')],
      b: [t('version', 'v1')],
      expected: true,
    },
    {
      name: 'positive, superset',
      a: [],
      b: [t('service', 'backend'), t('zone', 'east')],
      expected: true,
    },
    {
      name: 'a part of negation, same key and value',
      a: [t('service', 'frontend', true)],
      b: [t('service', 'frontend')],
      expected: true,
    },
    {
      name: 'negation, same key, different value',
      a: [t('service', 'frontend', true)],
      b: [t('service', 'backend', true)],
      expected: true,
    },
    {
      name: 'negation, superset',
      a: [t('service', 'backend', true), t('version', 'v1', true)],
      b: [],
      expected: true,
    },
  ])('$name', ({ a, b, expected }) => {
    expect(intersects(a, b)).toBe(expected);
  });
});

const sortTags = (subset: Subset) =>
  [...subset].sort((a, b) =>
    `${a.key}${a.value}${a.not}`.localeCompare(`${b.key}${b.value}${b.not}`),
  );

describe('subset enumeration', () => {
  const threeKeys = [t('k1', 'v1'), t('k2', 'v2'), t('k3', 'v3')];
  // Both iterators agree on distinct keys (compared as sets, like Kuma's `ConsistOf`).
  const threeKeysExpected: Subset[] = [
    [t('k1', 'v1', true), t('k2', 'v2'), t('k3', 'v3')],
    [t('k1', 'v1'), t('k2', 'v2', true), t('k3', 'v3')],
    [t('k1', 'v1', true), t('k2', 'v2', true), t('k3', 'v3')],
    [t('k1', 'v1'), t('k2', 'v2'), t('k3', 'v3', true)],
    [t('k1', 'v1', true), t('k2', 'v2'), t('k3', 'v3', true)],
    [t('k1', 'v1'), t('k2', 'v2', true), t('k3', 'v3', true)],
    [t('k1', 'v1', true), t('k2', 'v2', true), t('k3', 'v3', true)],
    [t('k1', 'v1'), t('k2', 'v2'), t('k3', 'v3')],
  ];
  const equalKeys = [t('zone', 'us-east'), t('env', 'dev'), t('env', 'prod')];

  it.each([
    {
      name: '2.13+: distinct keys',
      iterate: keyedSubsets,
      tags: threeKeys,
      expected: threeKeysExpected,
      asSets: true,
    },
    { name: '2.13+: no tags', iterate: keyedSubsets, tags: [], expected: [[]], asSets: false },
    {
      name: '2.13+: equal keys',
      iterate: keyedSubsets,
      tags: equalKeys,
      expected: [
        [t('zone', 'us-east', true), t('env', 'prod')],
        [t('zone', 'us-east'), t('env', 'dev')],
        [t('zone', 'us-east', true), t('env', 'dev')],
        [t('zone', 'us-east'), t('env', 'dev', true), t('env', 'prod', true)],
        [t('zone', 'us-east', true), t('env', 'dev', true), t('env', 'prod', true)],
        [t('zone', 'us-east'), t('env', 'prod')],
      ],
      asSets: false,
    },
    {
      name: 'before 2.13: distinct keys',
      iterate: toggledSubsets,
      tags: threeKeys,
      expected: threeKeysExpected,
      asSets: true,
    },
    {
      name: 'before 2.13: no tags',
      iterate: toggledSubsets,
      tags: [],
      expected: [[]],
      asSets: false,
    },
    {
      name: 'before 2.13: equal keys',
      iterate: toggledSubsets,
      tags: equalKeys,
      expected: [
        [t('zone', 'us-east'), t('env', 'prod')],
        [t('zone', 'us-east', true), t('env', 'prod')],
        [t('zone', 'us-east'), t('env', 'dev')],
        [t('zone', 'us-east', true), t('env', 'dev')],
        [t('zone', 'us-east'), t('env', 'dev', true), t('env', 'prod', true)],
        [t('zone', 'us-east', true), t('env', 'dev', true), t('env', 'prod', true)],
      ],
      asSets: false,
    },
  ])('$name', ({ iterate, tags, expected, asSets }) => {
    const actual = iterate(tags);
    if (asSets) expect(actual.map(sortTags)).toEqual(expected.map(sortTags));
    else expect(actual).toEqual(expected);
  });
});
