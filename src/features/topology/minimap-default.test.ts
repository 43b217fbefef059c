import { describe, expect, it } from 'vitest';
import { minimapByDefault } from './minimap-default';

describe('minimapByDefault', () => {
  it.each([
    [0, false],
    [60, false],
    [61, true],
    [500, true],
    [501, false],
    [1235, false],
  ])('%i drawn nodes: %s', (nodes, shown) => {
    expect(minimapByDefault(nodes)).toBe(shown);
  });
});
