import { describe, expect, it } from 'vitest';
import { counted, formatCount, plural } from './plural';

describe('counted', () => {
  it.each<[number, string, string | undefined, string]>([
    [0, 'error', undefined, '0 errors'],
    [1, 'error', undefined, '1 error'],
    [2, 'warning', undefined, '2 warnings'],
    [4, 'error', undefined, '4 errors'],
    [1, 'proxy', 'proxies', '1 proxy'],
    [3, 'proxy', 'proxies', '3 proxies'],
    [1, 'mesh', 'meshes', '1 mesh'],
    [1204, 'dataplane', undefined, '1,204 dataplanes'],
    [1.5, 'rps', 'rps', '1.5 rps'],
    [-1, 'degree', undefined, '-1 degree'],
  ])('%d %s → %s', (count, one, other, expected) => {
    expect(counted(count, one, other)).toBe(expected);
  });
});

describe('plural', () => {
  it.each<[number, string, string, string]>([
    [1, 'is', 'are', 'is'],
    [0, 'is', 'are', 'are'],
    [2, 'its', 'their', 'their'],
    [1, 'its', 'their', 'its'],
  ])('%d: %s/%s → %s', (count, one, other, expected) => {
    expect(plural(count, one, other)).toBe(expected);
  });
});

describe('formatCount', () => {
  // Against Intl itself: the whole-number path must write what en-US's formatter writes.
  const numbers = new Intl.NumberFormat('en-US');
  const rules = new Intl.PluralRules('en-US');
  it.each([
    0,
    1,
    -1,
    7,
    12,
    999,
    1000,
    -1000,
    1204,
    12_345,
    999_999,
    1_000_000,
    -54_321_987,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    1.5,
    -0.25,
    2 ** 60,
    1e21,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ])('%d as en-US writes it, in the form en-US picks', (count) => {
    expect(formatCount(count)).toBe(numbers.format(count));
    expect(plural(count, 'one', 'other')).toBe(rules.select(count) === 'one' ? 'one' : 'other');
  });

  it('agrees with Intl on every whole number of a sweep across magnitudes', () => {
    for (let count = -20_000; count <= 2_000_000; count += 997) {
      expect(formatCount(count)).toBe(numbers.format(count));
    }
  });
});
