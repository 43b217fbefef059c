import { describe, expect, it } from 'vitest';
import { formatCounter, formatTime } from './format';

describe('formatCounter', () => {
  it.each([
    [undefined, '0'],
    [null, '0'],
    ['0', '0'],
    ['7', '7'],
    ['1234', '1,234'],
    ['0001234', '1,234'],
    ['18446744073709551615', '18,446,744,073,709,551,615'],
    [1234567, '1,234,567'],
    [12.7, '12'],
    [-1, '—'],
    [Number.NaN, '—'],
    ['12a', '—'],
    [{}, '—'],
  ])('%j → %s', (input, expected) => {
    expect(formatCounter(input)).toBe(expected);
  });
});

describe('formatTime', () => {
  it.each([
    ['2026-11-01T00:00:00.000Z', '2026-11-01 00:00:00 UTC'],
    ['2026-11-01T10:20:30+02:00', '2026-11-01 08:20:30 UTC'],
    ['', undefined],
    ['not a date', undefined],
    [undefined, undefined],
    [42, undefined],
  ])('%j → %s', (input, expected) => {
    expect(formatTime(input)).toBe(expected);
  });
});
