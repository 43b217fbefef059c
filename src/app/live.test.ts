import { describe, expect, it } from 'vitest';
import { oldestUpdate } from './live';

describe('oldestUpdate', () => {
  it.each<[number[], number]>([
    [[], 0],
    [[0, 0], 0],
    [[3000, 1000, 2000], 1000],
    [[0, 5000, 4000], 4000],
  ])('%j → %i', (stamps, oldest) => {
    expect(oldestUpdate(stamps.map((dataUpdatedAt) => ({ dataUpdatedAt })))).toBe(oldest);
  });
});
