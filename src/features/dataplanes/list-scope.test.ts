import { describe, expect, it } from 'vitest';
import { holdsAll, SORT_WHOLE_AT_MOST, serverPage, sortScope } from './list-scope';

describe('sortScope', () => {
  it.each([
    [false, 10, 'page'],
    [false, undefined, 'page'],
    [true, undefined, 'page'],
    [true, 0, 'whole'],
    [true, 24, 'whole'],
    [true, SORT_WHOLE_AT_MOST, 'whole'],
    [true, SORT_WHOLE_AT_MOST + 1, 'page'],
    [true, 50_000, 'page'],
  ] as const)('sorted %s, total %s: %s', (sorted, total, scope) => {
    expect(sortScope(sorted, total)).toBe(scope);
  });
});

describe('serverPage', () => {
  it.each([
    ['page', { page: 3, size: 25 }, { page: 3, size: 25 }],
    ['whole', { page: 3, size: 25 }, { page: 1, size: SORT_WHOLE_AT_MOST }],
  ] as const)('%s of %j asks for %j', (scope, page, expected) => {
    expect(serverPage(scope, page)).toEqual(expected);
  });
});

describe('holdsAll', () => {
  it.each([
    [{ total: 3, items: [1, 2, 3] }, true],
    [{ total: 0, items: [] }, true],
    [{ total: 501, items: Array.from({ length: 500 }) }, false],
  ])('%j', (answer, expected) => {
    expect(holdsAll(answer)).toBe(expected);
  });
});
