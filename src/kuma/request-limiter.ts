/**
 * The client's queue of requests: kept out of `client.ts` because the dashboard's own requests
 * (layouts posted to its server) share it too.
 */

/**
 * What waits for a slot first: `asked` requests (what a user just clicked, or rests a pointer
 * on) go ahead of every other; `background` requests (decorations such as a gateway's Envoy
 * stats) let the ones a screen needs to draw at all go ahead of them.
 */
export type RequestPriority = 'asked' | 'normal' | 'background';

const PRIORITIES: readonly RequestPriority[] = ['asked', 'normal', 'background'];

/**
 * At most `limit` tasks at once, and `askedLimit` when the extra ones are `asked`: first come
 * first served within a priority, every `asked` waiter before any `normal` one, every `normal`
 * one before any `background` one. A waiter whose signal aborts leaves the queue without ever
 * running.
 */
export class RequestLimiter {
  private active = 0;
  private readonly waiting: Record<RequestPriority, (() => void)[]> = {
    asked: [],
    normal: [],
    background: [],
  };

  constructor(
    readonly limit: number,
    readonly askedLimit = limit,
  ) {}

  /** Tasks waiting for a slot (for tests and diagnostics). */
  get queued(): number {
    return PRIORITIES.reduce((sum, priority) => sum + this.waiting[priority].length, 0);
  }

  async run<T>(
    task: () => Promise<T>,
    signal?: AbortSignal,
    priority: RequestPriority = 'normal',
  ): Promise<T> {
    await this.acquire(signal, priority);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private limitOf(priority: RequestPriority): number {
    return priority === 'asked' ? Math.max(this.limit, this.askedLimit) : this.limit;
  }

  private acquire(signal: AbortSignal | undefined, priority: RequestPriority): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const queue = this.waiting[priority];
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = queue.indexOf(grant);
        if (index >= 0) queue.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(grant);
      // Granted at once when there is room: one rule for who runs, in `grantWaiting`.
      this.grantWaiting();
    });
  }

  private release(): void {
    this.active--;
    this.grantWaiting();
  }

  /** Grants the first waiters in priority order, while the first one has room. */
  private grantWaiting(): void {
    for (;;) {
      const priority = PRIORITIES.find((candidate) => this.waiting[candidate].length > 0);
      if (!priority || this.active >= this.limitOf(priority)) return;
      this.active++;
      this.waiting[priority].shift()?.();
    }
  }
}
