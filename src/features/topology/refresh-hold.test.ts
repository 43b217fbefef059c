import { describe, expect, it } from 'vitest';
import { answerOf, holdsRefresh, type RefreshAnswer, takeRefresh } from './refresh-hold';

const REFRESH_MS = 5_000;
const STRUCTURE = { meshes: ['team-1'] };
const answer = (id: string, answeredAt?: number): RefreshAnswer => ({ id, answeredAt });

/** Taken at 10,000 ms, when the mesh list, the gateways and team-1's aggregates were in. */
const TAKEN = takeRefresh(
  [answer('meshes', 9_000), answer('gateways', 9_500), answer('live team-1', 10_000)],
  STRUCTURE,
  10_000,
);

describe('holdsRefresh', () => {
  it.each<[string, RefreshAnswer[], unknown, number, boolean]>([
    [
      'holds the first answers of the next refresh',
      [answer('meshes', 15_000), answer('gateways', 9_500), answer('live team-1', 10_000)],
      STRUCTURE,
      15_010,
      true,
    ],
    [
      'takes the refresh once every query answered again',
      [answer('meshes', 15_000), answer('gateways', 15_100), answer('live team-1', 15_300)],
      STRUCTURE,
      15_310,
      false,
    ],
    [
      'holds until a query that answered at the moment of the take answers again',
      [answer('meshes', 15_000), answer('gateways', 15_100), answer('live team-1', 10_000)],
      STRUCTURE,
      15_200,
      true,
    ],
    [
      "takes a query's first answer at once",
      [
        answer('meshes', 15_000),
        answer('gateways', 9_500),
        answer('live team-1', 10_000),
        answer('stats team-1/edge-1', 15_050),
      ],
      STRUCTURE,
      15_060,
      false,
    ],
    [
      'waits for no query that has no data yet',
      [
        answer('meshes', 15_000),
        answer('gateways', 15_100),
        answer('live team-1', 15_300),
        answer('stats team-1/edge-1'),
      ],
      STRUCTURE,
      15_310,
      false,
    ],
    [
      'takes the refresh once the queries still there answered again',
      [answer('meshes', 15_000), answer('gateways', 15_100)],
      STRUCTURE,
      15_110,
      false,
    ],
    [
      'takes a new structure at once',
      [answer('meshes', 15_000), answer('gateways', 9_500), answer('live team-1', 10_000)],
      { meshes: ['team-1', 'team-2'] },
      15_010,
      false,
    ],
    [
      'holds for one interval at most',
      [answer('meshes', 15_000), answer('gateways', 9_500), answer('live team-1', 10_000)],
      STRUCTURE,
      15_000 + REFRESH_MS,
      false,
    ],
  ])('%s', (_, answers, structure, now, holds) => {
    expect(holdsRefresh(TAKEN, answers, structure, now, REFRESH_MS)).toBe(holds);
  });

  it('takes nothing for a query gone: the rest still hold', () => {
    const answers = [answer('meshes', 15_000), answer('live team-1', 10_000)];
    expect(holdsRefresh(TAKEN, answers, STRUCTURE, 15_010, REFRESH_MS)).toBe(true);
  });

  it('takes a render that brings no answer (nothing is held)', () => {
    const answers = [
      answer('meshes', 9_000),
      answer('gateways', 9_500),
      answer('live team-1', 10_000),
    ];
    expect(holdsRefresh(TAKEN, answers, STRUCTURE, 12_000, REFRESH_MS)).toBe(false);
  });
});

describe('answerOf', () => {
  it.each([
    [
      'no data yet: not waited for',
      { data: undefined, dataUpdatedAt: 0, errorUpdatedAt: 900 },
      undefined,
    ],
    ['data: when it came', { data: [], dataUpdatedAt: 1_000, errorUpdatedAt: 0 }, 1_000],
    [
      'a failed refetch after data: when it failed',
      { data: [], dataUpdatedAt: 1_000, errorUpdatedAt: 6_000 },
      6_000,
    ],
  ])('%s', (_, query, answeredAt) => {
    expect(answerOf('meshes', query)).toEqual({ id: 'meshes', answeredAt });
  });
});
