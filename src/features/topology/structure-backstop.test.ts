import { describe, expect, it } from 'vitest';
import { type StructureState, structureDue, structureStep } from './structure-backstop';

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

describe('structureStep', () => {
  it.each([
    ['no aggregates yet', undefined, undefined, true, 'keep'],
    ['no structure yet: wait for it', undefined, 's1', false, 'keep'],
    [
      'the structure fetched with the first aggregates answers them',
      undefined,
      's1',
      true,
      'record',
    ],
    ['a refetched structure answers the aggregates now', undefined, 's2', true, 'record'],
    ['the same signature again', 's1', 's1', true, 'keep'],
    ['a new signature', 's1', 's2', true, 'refetch'],
    ['no services any more (an empty signature is one)', 's1', '', true, 'refetch'],
    ['aggregates failing: the structure stays', 's1', undefined, true, 'keep'],
  ] as const)('%s', (_, recorded, signature, hasData, expected) => {
    expect(structureStep(recorded, signature, hasData)).toBe(expected);
  });
});
