import { describe, expect, it } from 'vitest';
import { pageCount, pageOf, parseJump } from './list-paging';

describe('pageCount', () => {
  it.each([
    [0, 50, 1],
    [1, 50, 1],
    [50, 50, 1],
    [51, 50, 2],
    [50_000, 1000, 50],
  ])('%i rows at %i a page: %i pages', (total, size, pages) => {
    expect(pageCount(total, size)).toBe(pages);
  });
});

describe('pageOf', () => {
  const rows = Array.from({ length: 7 }, (_, index) => index + 1);
  it.each([
    [1, 3, [1, 2, 3]],
    [2, 3, [4, 5, 6]],
    [3, 3, [7]],
    [4, 3, []],
    [0, 3, [1, 2, 3]],
    [1, 50, [1, 2, 3, 4, 5, 6, 7]],
  ])('page %i of %i', (page, size, expected) => {
    expect(pageOf(rows, page, size)).toEqual(expected);
  });
});

describe('parseJump', () => {
  it.each([
    ['3', 10, 3],
    [' 7 ', 10, 7],
    ['0', 10, 1],
    ['99', 10, 10],
    ['2.5', 10, undefined],
    ['-1', 10, undefined],
    ['', 10, undefined],
    ['two', 10, undefined],
    ['5', 0, 1],
  ] as const)('%j with %i pages gives %j', (text, pages, expected) => {
    expect(parseJump(text, pages)).toBe(expected);
  });
});
