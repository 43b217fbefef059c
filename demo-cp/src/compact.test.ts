import { describe, expect, it } from 'vitest';
import { appended, flatString } from './compact';

describe('flatString', () => {
  it.each([
    ['', ''],
    ['mesh-01/svc-001-1', 'mesh-01/svc-001-1'],
    ['ünïcødé-网关-🚀', 'ünïcødé-网关-🚀'],
  ])('keeps %j as it is', (input, expected) => {
    expect(flatString(`${input.slice(0, 3)}${input.slice(3)}`)).toBe(expected);
  });
});

describe('appended', () => {
  it.each([
    [[], 1, [1]],
    [[1, 2], 3, [1, 2, 3]],
  ])('appends to %j without changing it', (items, item, expected) => {
    const before = [...items];
    const result = appended(items, item);
    expect(result).toEqual(expected);
    expect(items).toEqual(before);
    expect(result).not.toBe(items);
  });
});
