/**
 * Watches the control-plane requests in flight, so a hang shows while it lasts. A failed
 * refresh only surfaces when its request gives up (20 s, then react-query's retry: ~41 s for a
 * 20 s hang); a request still waiting after one refresh interval already says the control plane
 * is slow.
 */

/** How a request ended: an answer of the control plane, none, or dropped by the page. */
export type RequestOutcome = 'answered' | 'unreachable' | 'cancelled';

export interface WatchSnapshot {
  /** When the oldest request still waiting was sent; undefined when none waits. */
  oldestSentAt: number | undefined;
  /** When the request that found the control plane unreachable was sent, until one answers. */
  unreachableSince: number | undefined;
  unreachableReason: string | undefined;
}

export type ControlPlaneHealth =
  | { state: 'ok' }
  | { state: 'slow'; waitingMs: number }
  | { state: 'unreachable'; silentMs: number; reason: string };

const IDLE: WatchSnapshot = {
  oldestSentAt: undefined,
  unreachableSince: undefined,
  unreachableReason: undefined,
};

export class RequestWatch {
  private readonly inFlight = new Map<number, number>();
  private nextId = 0;
  private current: WatchSnapshot = IDLE;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A request leaves for the control plane; returns its ticket for `settled`. */
  sent(): number {
    const id = this.nextId++;
    this.inFlight.set(id, this.now());
    this.update(this.current.unreachableSince, this.current.unreachableReason);
    return id;
  }

  settled(id: number, outcome: RequestOutcome, reason = ''): void {
    const sentAt = this.inFlight.get(id);
    if (sentAt === undefined) return;
    this.inFlight.delete(id);
    const { unreachableSince, unreachableReason } = this.current;
    if (outcome === 'answered') this.update(undefined, undefined);
    else if (outcome === 'unreachable') {
      // Silent since the earliest request that got no answer, not since the latest.
      const since = unreachableSince === undefined ? sentAt : Math.min(unreachableSince, sentAt);
      this.update(since, reason);
    } else this.update(unreachableSince, unreachableReason);
  }

  /** Stable between changes, as `useSyncExternalStore` needs. */
  snapshot = (): WatchSnapshot => this.current;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(unreachableSince: number | undefined, unreachableReason: string | undefined) {
    let oldestSentAt: number | undefined;
    for (const sentAt of this.inFlight.values()) {
      if (oldestSentAt === undefined || sentAt < oldestSentAt) oldestSentAt = sentAt;
    }
    const next = { oldestSentAt, unreachableSince, unreachableReason };
    if (
      next.oldestSentAt === this.current.oldestSentAt &&
      next.unreachableSince === this.current.unreachableSince &&
      next.unreachableReason === this.current.unreachableReason
    ) {
      return;
    }
    this.current = next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * What the page says of the control plane at `now`: unreachable once a request got no answer
 * (until one does), slow while a request has waited longer than the refresh interval (the
 * next refresh is due and cannot start), fine otherwise.
 */
export function controlPlaneHealth(
  snapshot: WatchSnapshot,
  now: number,
  intervalMs: number,
): ControlPlaneHealth {
  if (snapshot.unreachableSince !== undefined) {
    return {
      state: 'unreachable',
      silentMs: Math.max(0, now - snapshot.unreachableSince),
      reason: snapshot.unreachableReason ?? '',
    };
  }
  if (snapshot.oldestSentAt !== undefined && now - snapshot.oldestSentAt > intervalMs) {
    return { state: 'slow', waitingMs: now - snapshot.oldestSentAt };
  }
  return { state: 'ok' };
}

/** An HTTP status by which the dashboard's server says the control plane did not answer. */
export function meansUnreachable(status: number): boolean {
  return status === 502 || status === 504;
}
