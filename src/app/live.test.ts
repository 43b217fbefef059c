import { describe, expect, it } from 'vitest';
import { combineQueries, oldestUpdate } from './live';

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

describe('combineQueries', () => {
  const fresh = {
    data: 'meshes',
    error: null,
    isPending: false,
    isRefetchError: false,
    dataUpdatedAt: 3000,
  };
  const failing = {
    ...fresh,
    data: 'detail',
    error: new Error('down'),
    isRefetchError: true,
    dataUpdatedAt: 1000,
  };
  const loading = { ...fresh, data: undefined, isPending: true, dataUpdatedAt: 0 };

  it('is as stale as its oldest data, with the first error, and the first query data', () => {
    expect(combineQueries([fresh, failing, loading])).toEqual({
      isPending: true,
      error: failing.error,
      status: { isRefetchError: true, data: 'meshes', dataUpdatedAt: 1000, error: failing.error },
    });
  });

  it('has no error while none failed', () => {
    expect(combineQueries([fresh, fresh]).error).toBeUndefined();
  });
});
