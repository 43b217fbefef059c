import { describe, expect, it } from 'vitest';
import { counted, plural } from './plural';

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
