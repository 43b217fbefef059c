import { describe, expect, it } from 'vitest';
import { KumaApiError } from '../kuma/client';
import type { ControlPlaneHealth } from '../kuma/request-watch';
import { adviceFor, combineQueries, healthMessage, oldestUpdate } from './live';

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

describe('healthMessage', () => {
  it.each<[ControlPlaneHealth, RegExp | undefined]>([
    [{ state: 'ok' }, undefined],
    [
      { state: 'slow', waitingMs: 7400 },
      /^The control plane is slow: no answer for 7 s\..*5 s refresh/,
    ],
    [
      {
        state: 'unreachable',
        silentMs: 21_000,
        reason: 'the control plane did not answer within 20 s',
      },
      /^The control plane is not answering \(21 s\)\. The control plane did not answer within 20 s\. /,
    ],
  ])('%j', (health, text) => {
    const message = healthMessage(health, 5000);
    if (text === undefined) expect(message).toBeUndefined();
    else expect(`${message?.title} ${message?.detail}`).toMatch(text);
  });
});

describe('adviceFor', () => {
  const error = (status: number, refusedToken?: 'tab' | 'server' | 'none') =>
    new KumaApiError({ kind: 'http', status, message: 'x', path: '/', refusedToken });
  it.each<[unknown, RegExp | undefined]>([
    [error(401, 'none'), /Token button.*KUMA_CP_TOKEN=<token>/],
    [error(401, 'tab'), /refused the token set in this tab/],
    [error(401, 'server'), /refused the token the dashboard server sends \(KUMA_CP_TOKEN/],
    [error(403, 'tab'), /does not allow this/],
    [error(403, undefined), undefined],
    [error(500, 'none'), undefined],
    [new Error('plain'), undefined],
  ])('%s', (thrown, advice) => {
    const text = adviceFor(thrown);
    if (advice === undefined) expect(text).toBeUndefined();
    else expect(text).toMatch(advice);
  });
});
