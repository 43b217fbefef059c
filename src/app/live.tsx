import {
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
  useQuery,
} from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSettings } from './settings';

/**
 * `useQuery` for what is on screen: refetched on the user's interval, never while the tab is
 * hidden or refresh is paused. A failed refresh keeps the last data (react-query does), and
 * `StaleBanner` says how old it is.
 */
export function useLiveQuery<TData, TError = Error, TKey extends QueryKey = QueryKey>(
  options: UseQueryOptions<TData, TError, TData, TKey>,
): UseQueryResult<TData, TError> {
  const { refreshMs, paused } = useSettings();
  return useQuery({
    ...options,
    refetchInterval: paused ? false : refreshMs,
    refetchIntervalInBackground: false,
  });
}

function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** What the banner needs of a query, or of several combined. */
export interface StaleQueryState {
  error: unknown;
  data: unknown;
  dataUpdatedAt: number;
  isRefetchError: boolean;
}

/** The oldest `dataUpdatedAt` of queries combined on one screen (0 while none has data). */
export function oldestUpdate(queries: readonly { dataUpdatedAt: number }[]): number {
  const stamps = queries.map((query) => query.dataUpdatedAt).filter((stamp) => stamp > 0);
  return stamps.length > 0 ? Math.min(...stamps) : 0;
}

interface CombinableQuery extends StaleQueryState {
  isPending: boolean;
}

/**
 * Several queries one screen builds on, as one: pending while any is, the first error, and as
 * stale as the oldest data among them. The banner's `data` is the first query's.
 */
export function combineQueries(queries: readonly [CombinableQuery, ...CombinableQuery[]]): {
  isPending: boolean;
  error: unknown;
  status: StaleQueryState;
} {
  const error = queries.find((query) => query.error)?.error;
  return {
    isPending: queries.some((query) => query.isPending),
    error,
    status: {
      isRefetchError: queries.some((query) => query.isRefetchError),
      data: queries[0].data,
      dataUpdatedAt: oldestUpdate(queries),
      error,
    },
  };
}

/** Shown when a refresh failed but earlier data is still on screen. */
export function StaleBanner({ query }: { query: StaleQueryState }) {
  const now = useNow();
  if (!query.isRefetchError || query.data === undefined) return null;
  return (
    <div className="banner banner--warning" role="status" data-testid="stale-banner">
      <strong>Showing data from {formatAge(now - query.dataUpdatedAt)} ago.</strong> The last
      refresh failed: {query.error instanceof Error ? query.error.message : String(query.error)}.
      Retrying every refresh.
    </div>
  );
}
