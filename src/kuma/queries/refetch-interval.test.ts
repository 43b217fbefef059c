// @vitest-environment jsdom
// (react-query runs no interval where `window` is undefined: it takes that for a server.)
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import { KumaClient } from '../client';
import { listOf } from '../schemas';

/**
 * The topology refreshes on an interval while a refresh may take longer than the interval (a
 * slow control plane, a paged list). What react-query v5 (5.108) does:
 * - a tick while the query's fetch is running starts nothing (`Query.fetch` hands back the
 *   running promise unless `cancelRefetch`), and cancels nothing;
 * - the interval is re-armed whenever the query's state changes (`onQueryUpdate` →
 *   `#updateTimers`), so the next tick comes one interval after a fetch ends.
 * These tests pin both down: had each tick started (or cancelled and restarted) a fetch, the
 * counts would be higher.
 */

const INTERVAL_MS = 5_000;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

function observe(client: QueryClient, queryFn: (context: { signal: AbortSignal }) => unknown) {
  const observer = new QueryObserver(client, {
    queryKey: ['slow'],
    queryFn,
    refetchInterval: INTERVAL_MS,
    refetchIntervalInBackground: false,
    retry: false,
  });
  return observer.subscribe(() => {});
}

describe('refetchInterval while the previous fetch is running', () => {
  it.each([
    // [fetch takes, watched for, fetches started]
    // 12 s fetches on a 5 s interval: started at 0, 17, 34 and 51 s (the ticks 5 and 10 s after
    // each start fall inside it and are skipped; the interval re-arms when a fetch ends).
    [12_000, 58_000, 4],
    // Faster than the interval: one fetch per interval after the previous one ends (0, 6, … 54 s).
    [1_000, 58_000, 10],
    // 5.5 s: the tick at 5 s is skipped; 0, 10.5, 21, 31.5, 42 and 52.5 s.
    [5_500, 58_000, 6],
  ])(
    'a %i ms fetch, watched %i ms, starts %i fetches, none cancelled',
    async (takes, watched, expected) => {
      const client = new QueryClient();
      let started = 0;
      let cancelled = 0;
      const unsubscribe = observe(client, ({ signal }) => {
        started++;
        signal.addEventListener('abort', () => cancelled++);
        return new Promise((resolve) => setTimeout(() => resolve(started), takes));
      });
      await vi.advanceTimersByTimeAsync(watched);
      const cancelledWhileWatched = cancelled;
      // (Unsubscribing cancels the fetch then running: the last observer went away.)
      unsubscribe();
      expect(started).toBe(expected);
      expect(cancelledWhileWatched).toBe(0);
      client.clear();
    },
  );

  it('skips ticks while a paged getAll is still reading pages', async () => {
    const requested: string[] = [];
    // 2,500 items: three pages of 1,000, each answered after 3 s; one getAll takes 9 s.
    const slowPages: typeof fetch = (input) =>
      new Promise((resolve) => {
        const url = new URL(String(input));
        requested.push(url.searchParams.get('offset') ?? '');
        const offset = Number(url.searchParams.get('offset'));
        const items = Array.from({ length: Math.min(1000, 2500 - offset) }, (_, i) => offset + i);
        const next = offset + 1000 < 2500 ? 'more' : null;
        setTimeout(
          () => resolve(new Response(JSON.stringify({ total: 2500, items, next }))),
          3_000,
        );
      });
    const kuma = new KumaClient({
      baseUrl: 'http://dash/api',
      getToken: () => undefined,
      fetch: slowPages,
      timeoutSignal: () => new AbortController().signal,
    });
    const client = new QueryClient();
    const unsubscribe = observe(client, ({ signal }) =>
      kuma.getAll('/items', listOf(z.number()), { signal }),
    );
    await vi.advanceTimersByTimeAsync(58_000);
    unsubscribe();
    // Runs start at 0, 14, 28, 42 and 56 s (the tick 5 s into each run is skipped), each reading
    // its pages in order: no run is cut short and restarted. The last has sent its first page.
    expect(requested).toEqual([
      ...Array.from({ length: 4 }, () => ['0', '1000', '2000']).flat(),
      '0',
    ]);
    client.clear();
  });
});
