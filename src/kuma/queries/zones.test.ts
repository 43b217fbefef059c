import { describe, expect, it } from 'vitest';
import { exactZoneCounts } from './zones';

describe('exactZoneCounts', () => {
  it.each<[string, Record<string, number>, Record<string, number>]>([
    ['distinct names stay as they are', { east: 2, west: 3 }, { east: 2, west: 3 }],
    ['a name inside another loses its count', { east: 5, 'east-2': 3 }, { east: 2, 'east-2': 3 }],
    [
      'nested three deep',
      { a: 6, 'a-b': 3, 'a-b-c': 1, other: 0 },
      { a: 3, 'a-b': 2, 'a-b-c': 1, other: 0 },
    ],
    [
      'two longer names contain the same one',
      { east: 6, northeast: 2, 'east-2': 1 },
      { east: 3, northeast: 2, 'east-2': 1 },
    ],
    ['never below zero', { east: 1, 'east-2': 3 }, { east: 0, 'east-2': 3 }],
  ])('%s', (_, substring, exact) => {
    expect(Object.fromEntries(exactZoneCounts(new Map(Object.entries(substring))))).toEqual(exact);
  });
});
