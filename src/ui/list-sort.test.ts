import { describe, expect, it } from 'vitest';
import { ariaSortOf, compareSortValues, formatSort, type ListSort, parseSort } from './list-sort';

const SORTABLE = ['name', 'mesh', 'status'];

describe('parseSort / formatSort', () => {
  it.each([
    ['name', { id: 'name', desc: false }],
    ['-status', { id: 'status', desc: true }],
    ['', undefined],
    [null, undefined],
    ['-', undefined],
    ['address', undefined],
    ['--name', undefined],
  ] as const)('reads %j', (value, expected) => {
    expect(parseSort(value, SORTABLE)).toEqual(expected);
  });

  it.each([
    [{ id: 'name', desc: false }, 'name'],
    [{ id: 'mesh', desc: true }, '-mesh'],
    [undefined, ''],
  ] as const)('writes %j as %j, which reads back the same', (sort, expected) => {
    expect(formatSort(sort)).toBe(expected);
    expect(parseSort(formatSort(sort), SORTABLE)).toEqual(sort);
  });
});

describe('ariaSortOf', () => {
  it.each([
    [{ id: 'name', desc: false }, 'name', 'ascending'],
    [{ id: 'name', desc: true }, 'name', 'descending'],
    [{ id: 'name', desc: true }, 'mesh', undefined],
    [undefined, 'name', undefined],
  ] as const)('%j on column %s is %s', (sort, column, expected) => {
    expect(ariaSortOf(sort as ListSort | undefined, column)).toBe(expected);
  });
});

describe('compareSortValues', () => {
  it.each([
    ['gw-2', 'gw-10', -1],
    ['gw-10', 'gw-2', 1],
    ['Alpha', 'alpha', 0],
    ['beta', 'alpha', 1],
    [2, 10, -1],
    [10, 10, 0],
    ['', 'a', -1],
  ] as const)('%j vs %j', (a, b, sign) => {
    expect(Math.sign(compareSortValues(a, b))).toBe(sign);
  });
});
