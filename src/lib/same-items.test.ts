import { describe, expect, it } from 'vitest';
import { sameItems } from './same-items';

const a = {};
const b = {};
describe('sameItems', () => {
  it.each([
    { x: [], y: [], same: true },
    { x: [a, b], y: [a, b], same: true },
    { x: ['m1', 'm2'], y: ['m1', 'm2'], same: true },
    { x: [a, b], y: [b, a], same: false },
    { x: [a], y: [a, b], same: false },
    { x: [{}], y: [{}], same: false },
    { x: [Number.NaN], y: [Number.NaN], same: true },
  ])('$x vs $y: $same', ({ x, y, same }) => expect(sameItems(x, y)).toBe(same));
});
