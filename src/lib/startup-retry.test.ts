import { describe, expect, it } from 'vitest';
import { nextRetryAt, type StartupQueryState, secondsUntil } from './startup-retry';

const failed: StartupQueryState = {
  hasData: false,
  isError: true,
  isFetching: false,
  errorUpdatedAt: 10_000,
};

describe('nextRetryAt', () => {
  it.each<[string, StartupQueryState, number, number | undefined]>([
    ['failed: one interval after the failure', failed, 5_000, 15_000],
    ['failed, 2 s interval', failed, 2_000, 12_000],
    ['a retry under way: none scheduled', { ...failed, isFetching: true }, 5_000, undefined],
    ['loaded: none', { ...failed, hasData: true }, 5_000, undefined],
    ['still loading, no failure yet: none', { ...failed, isError: false }, 5_000, undefined],
  ])('%s', (_name, state, interval, expected) => {
    expect(nextRetryAt(state, interval)).toBe(expected);
  });
});

describe('secondsUntil', () => {
  it.each([
    [15_000, 10_000, 5],
    [15_000, 10_001, 5],
    [15_000, 14_001, 1],
    [15_000, 15_000, 0],
    [15_000, 16_000, 0],
  ])('retry at %i, now %i → %i s', (retryAt, now, expected) => {
    expect(secondsUntil(retryAt, now)).toBe(expected);
  });
});
