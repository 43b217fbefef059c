/**
 * When the dashboard retries reading the control plane after a failed start-up: one refresh
 * interval after the last failure, so a control plane that comes back is found within one
 * interval, without hammering one that is down.
 */
export interface StartupQueryState {
  hasData: boolean;
  isError: boolean;
  isFetching: boolean;
  /** When the last failure was recorded (react-query's `errorUpdatedAt`). */
  errorUpdatedAt: number;
}

/** The time of the next automatic retry; undefined when none is due (loaded, or under way). */
export function nextRetryAt(state: StartupQueryState, intervalMs: number): number | undefined {
  if (state.hasData || !state.isError || state.isFetching) return undefined;
  return state.errorUpdatedAt + intervalMs;
}

/** Whole seconds left before `retryAt`, rounded up so "0 s" never shows before the retry. */
export function secondsUntil(retryAt: number, now: number): number {
  return Math.max(0, Math.ceil((retryAt - now) / 1000));
}
