import {
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
  useQuery,
} from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { KumaApiError } from '../kuma/client';
import { type ControlPlaneHealth, controlPlaneHealth } from '../kuma/request-watch';
import { useKumaClient } from './api-context';
import { useSettings } from './settings';
import { tokenAdvice } from './token';

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

/** The time, updated every `intervalMs` while `enabled` (and once as it becomes enabled). */
export function useNow(intervalMs = 1000, enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, enabled]);
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

/** What to do about a failed refresh, when the user can do something (a refused token). */
export function adviceFor(error: unknown): string | undefined {
  return error instanceof KumaApiError ? tokenAdvice(error.status, error.refusedToken) : undefined;
}

/** Shown when a refresh failed but earlier data is still on screen. */
export function StaleBanner({ query }: { query: StaleQueryState }) {
  const now = useNow();
  if (!query.isRefetchError || query.data === undefined) return null;
  const advice = adviceFor(query.error);
  return (
    <div className="banner banner--warning" role="status" data-testid="stale-banner">
      <strong>Showing data from {formatAge(now - query.dataUpdatedAt)} ago.</strong> The last
      refresh failed: {query.error instanceof Error ? query.error.message : String(query.error)}.{' '}
      {advice ?? 'Retrying every refresh.'}
    </div>
  );
}

/** The control plane's health as the page's requests see it, second by second. */
export function useControlPlaneHealth(): ControlPlaneHealth {
  const { watch } = useKumaClient();
  const { refreshMs } = useSettings();
  const snapshot = useSyncExternalStore(watch.subscribe, watch.snapshot);
  // The clock runs only while something is waiting or failing: an idle page re-renders nothing.
  const busy = snapshot.oldestSentAt !== undefined || snapshot.unreachableSince !== undefined;
  const now = useNow(500, busy);
  return controlPlaneHealth(snapshot, now, refreshMs);
}

/** The banner's words for a health state; undefined while the control plane answers in time. */
export function healthMessage(
  health: ControlPlaneHealth,
  refreshMs: number,
): { title: string; detail: string } | undefined {
  if (health.state === 'slow') {
    return {
      title: `The control plane is slow: no answer for ${formatAge(health.waitingMs)}.`,
      detail: `A request has waited longer than the ${formatAge(refreshMs)} refresh interval; what is on screen is from the last answer.`,
    };
  }
  if (health.state === 'unreachable') {
    return {
      title: `The control plane is not answering (${formatAge(health.silentMs)}).`,
      detail: `${health.reason ? `${health.reason[0]?.toUpperCase()}${health.reason.slice(1)}. ` : ''}What is on screen is from the last answer; retrying every refresh.`,
    };
  }
  return undefined;
}

/**
 * Says so while the control plane is slow (a request outstanding longer than the refresh
 * interval, before it times out) or not answering (a request timed out or the dashboard's
 * server could not reach it), until it answers again.
 */
export function ControlPlaneHealthBanner() {
  const health = useControlPlaneHealth();
  const { refreshMs } = useSettings();
  const message = healthMessage(health, refreshMs);
  if (!message) return null;
  return (
    <div
      className={`banner ${health.state === 'unreachable' ? 'banner--error' : 'banner--warning'}`}
      role="status"
      data-testid="control-plane-health"
      data-state={health.state}
    >
      <strong>{message.title}</strong> {message.detail}
    </div>
  );
}
