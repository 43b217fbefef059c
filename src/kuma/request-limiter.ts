/**
 * The client's queue of requests: kept out of `client.ts` because the dashboard's own requests
 * (layouts posted to its server) share it too.
 */

/**
 * What waits for a slot first: `background` requests (decorations such as a gateway's Envoy
 * stats) let the ones a screen needs to draw at all go ahead of them.
 */
export type RequestPriority = 'normal' | 'background';

/**
 * At most `limit` tasks at once, first come first served within a priority, every `normal`
 * waiter before any `background` one. A waiter whose signal aborts leaves the queue without
 * ever running.
 */
export class RequestLimiter {
  private active = 0;
  private readonly waiting: Record<RequestPriority, (() => void)[]> = {
    normal: [],
    background: [],
  };

  constructor(readonly limit: number) {}

  /** Tasks waiting for a slot (for tests and diagnostics). */
  get queued(): number {
    return this.waiting.normal.length + this.waiting.background.length;
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

  private acquire(signal: AbortSignal | undefined, priority: RequestPriority): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
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
    });
  }

  private release(): void {
    const next = this.waiting.normal.shift() ?? this.waiting.background.shift();
    // The slot passes straight to the next waiter: `active` stays as it is.
    if (next) next();
    else this.active--;
  }
}
