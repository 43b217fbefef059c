import { describe, expect, it } from 'vitest';
import { type StructureState, structureDue } from './structure-backstop';

const at = (fetchedAt: number, fetching = false): StructureState => ({ fetchedAt, fetching });
const NOW = 1_000_000;
const MIN = 60_000;

describe('structureDue', () => {
  it.each([
    ['nothing old enough', [at(NOW - 10_000), at(NOW - 59_999)], 0, undefined],
    ['one old enough', [at(NOW - 10_000), at(NOW - MIN)], 0, 1],
    ['the oldest of several', [at(NOW - 70_000), at(NOW - 90_000), at(NOW - 80_000)], 0, 1],
    [
      'none while any structure is being fetched',
      [at(NOW - 90_000), at(NOW - 1, true)],
      0,
      undefined,
    ],
    ['none without data of its own yet', [at(0), at(0)], 0, undefined],
    [
      'none within the spacing of the previous backstop',
      [at(NOW - 90_000)],
      NOW - 59_999,
      undefined,
    ],
    ['one once the spacing has passed', [at(NOW - 90_000)], NOW - MIN, 0],
    ['no meshes', [], 0, undefined],
  ] as const)('%s', (_, states, lastBackstopAt, expected) => {
    expect(structureDue(states, NOW, lastBackstopAt, MIN)).toBe(expected);
  });
});
