import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import { KumaApiError, KumaClient, RequestLimiter } from './client';
import { controlPlaneHealth } from './request-watch';
import { listOf } from './schemas';

const numbers = listOf(z.number());

/** A control plane holding `total` numbered items, served `size` per page like kuma-cp. */
function pagedFetch(total: number, requested: URL[]): typeof fetch {
  return async (input) => {
    const url = new URL(String(input));
    requested.push(url);
    const size = Number(url.searchParams.get('size') ?? 100);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const items = Array.from(
      { length: Math.max(0, Math.min(size, total - offset)) },
      (_, i) => offset + i,
    );
    const next =
      offset + size < total ? `http://cp/items?offset=${offset + size}&size=${size}` : null;
    return new Response(JSON.stringify({ total, items, next }));
  };
}

function client(fetchImpl: typeof fetch) {
  return new KumaClient({
    baseUrl: 'http://dash/api',
    getToken: () => undefined,
    fetch: fetchImpl,
  });
}

describe('KumaClient.getAll', () => {
  it.each([
    [0, 1],
    [999, 1],
    [1000, 1],
    [1001, 2],
    [2500, 3],
  ])('reads all %i items in %i request(s)', async (total, requests) => {
    const requested: URL[] = [];
    const items = await client(pagedFetch(total, requested)).getAll('/items', numbers, {
      query: { gateway: 'true' },
    });
    expect(items).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(requested).toHaveLength(requests);
    expect(requested.map((url) => url.searchParams.get('gateway'))).toEqual(
      requested.map(() => 'true'),
    );
  });

  it('keeps one copy of a resource that shifted into the next page', async () => {
    const resources = listOf(z.looseObject({ mesh: z.string(), name: z.string() }));
    // The first page was read, then a resource before it was deleted: "dp-999" moves to offset
    // 999 and the second page starts with it again.
    const pages = [
      Array.from({ length: 1000 }, (_, i) => ({ mesh: 'm', name: `dp-${i}` })),
      [
        { mesh: 'm', name: 'dp-999' },
        { mesh: 'm', name: 'dp-1000' },
      ],
    ];
    let call = 0;
    const shifting: typeof fetch = async () => {
      const items = pages[call++] ?? [];
      return new Response(
        JSON.stringify({ total: 1002, items, next: call === 1 ? 'http://cp/next' : null }),
      );
    };
    const items = await client(shifting).getAll('/meshes/m/dataplanes', resources);
    expect(items).toHaveLength(1001);
    expect(items.at(-1)).toEqual({ mesh: 'm', name: 'dp-1000' });
  });

  it('stops on an empty page even if the control plane claims more', async () => {
    let calls = 0;
    const liar: typeof fetch = async () => {
      calls++;
      return new Response(JSON.stringify({ total: 5000, items: [], next: 'http://cp/x' }));
    };
    expect(await client(liar).getAll('/items', numbers)).toEqual([]);
    expect(calls).toBe(1);
  });
});

describe('KumaClient errors', () => {
  it('turns a body cut off mid-transfer into a network error', async () => {
    const cut: typeof fetch = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"total":'));
            controller.error(new Error('socket hang up'));
          },
        }),
      );
    const error = await client(cut)
      .get('/meshes', numbers)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(KumaApiError);
    expect(error).toMatchObject({ kind: 'network', status: 0 });
  });

  it('turns a body that is not JSON into a malformed-response error', async () => {
    const html: typeof fetch = async () => new Response('<html>proxy error</html>');
    await expect(client(html).get('/meshes', numbers)).rejects.toMatchObject({
      kind: 'malformed',
    });
  });
});

/** A fetch whose answers the test releases one by one, recording what was sent. */
function heldFetch() {
  const sent: { url: string; signal: AbortSignal | undefined; answer: () => void }[] = [];
  const impl: typeof fetch = (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init?.signal ?? undefined;
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      sent.push({
        url: String(input),
        signal,
        answer: () => resolve(new Response(JSON.stringify(1))),
      });
    });
  return { impl, sent };
}

/** Lets every settled promise run its callbacks. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RequestLimiter', () => {
  it.each([
    [1, 5],
    [2, 5],
    [4, 3],
  ])('runs at most %i of %i tasks at once, in the order given', async (limit, count) => {
    const limiter = new RequestLimiter(limit);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = Array.from({ length: count }, (_, index) =>
      limiter.run(
        () =>
          new Promise<number>((resolve) => {
            running++;
            most = Math.max(most, running);
            started.push(index);
            releases.push(() => {
              running--;
              resolve(index);
            });
          }),
      ),
    );
    while (releases.length > 0 || started.length < count) {
      await flush();
      releases.shift()?.();
    }
    expect(await Promise.all(tasks)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(most).toBe(Math.min(limit, count));
    expect(started).toEqual(Array.from({ length: count }, (_, i) => i));
  });
  it.each([
    ['background first, then normal', ['b1', 'b2', 'n1', 'n2'], ['n1', 'n2', 'b1', 'b2']],
    ['interleaved', ['n1', 'b1', 'n2', 'b2', 'n3'], ['n1', 'n2', 'n3', 'b1', 'b2']],
    ['background only', ['b1', 'b2'], ['b1', 'b2']],
  ])('grants waiting normal tasks before background ones (%s)', async (_, queued, expected) => {
    const limiter = new RequestLimiter(1);
    let releaseHolder = () => {};
    const holder = limiter.run(() => new Promise<void>((resolve) => (releaseHolder = resolve)));
    const order: string[] = [];
    const tasks = queued.map((name) =>
      limiter.run(
        async () => {
          order.push(name);
        },
        undefined,
        name.startsWith('b') ? 'background' : 'normal',
      ),
    );
    expect(limiter.queued).toBe(queued.length);
    await flush();
    releaseHolder();
    await Promise.all([holder, ...tasks]);
    expect(order).toEqual(expected);
  });

  it.each([
    ['asked, then normal and background', ['b1', 'n1', 'a1', 'a2'], ['a1', 'a2', 'n1', 'b1']],
    ['asked behind normal', ['n1', 'n2', 'a1'], ['a1', 'n1', 'n2']],
  ])('grants waiting asked tasks before all others (%s)', async (_, queued, expected) => {
    const limiter = new RequestLimiter(1);
    let releaseHolder = () => {};
    const holder = limiter.run(() => new Promise<void>((resolve) => (releaseHolder = resolve)));
    const order: string[] = [];
    const priorityOf = (name: string) =>
      name.startsWith('a') ? 'asked' : name.startsWith('b') ? 'background' : 'normal';
    const tasks = queued.map((name) =>
      limiter.run(async () => void order.push(name), undefined, priorityOf(name)),
    );
    await flush();
    releaseHolder();
    await Promise.all([holder, ...tasks]);
    expect(order).toEqual(expected);
  });

  it('lets asked tasks past the limit, up to their own, while the others wait', async () => {
    // The page's queue: 4 for everything, 6 (the browser's connections) for what a user asked.
    const limiter = new RequestLimiter(4, 6);
    const running = new Set<string>();
    const releases = new Map<string, () => void>();
    const start = (name: string, priority: 'asked' | 'normal') =>
      limiter.run(
        () =>
          new Promise<void>((resolve) => {
            running.add(name);
            releases.set(name, () => {
              running.delete(name);
              resolve();
            });
          }),
        undefined,
        priority,
      );
    const tasks = [
      ...['n1', 'n2', 'n3', 'n4', 'n5'].map((name) => start(name, 'normal')),
      ...['a1', 'a2', 'a3'].map((name) => start(name, 'asked')),
    ];
    await flush();
    // Four normal ones fill the limit; two asked ones take the connections kept free.
    expect([...running].sort()).toEqual(['a1', 'a2', 'n1', 'n2', 'n3', 'n4']);
    releases.get('n1')?.();
    await flush();
    // The slot goes to the asked task still waiting, not to n5.
    expect([...running].sort()).toEqual(['a1', 'a2', 'a3', 'n2', 'n3', 'n4']);
    for (const name of ['a1', 'a2']) releases.get(name)?.();
    await flush();
    // Six running before, four now: n5 still waits for the normal limit.
    expect(running.has('n5')).toBe(false);
    releases.get('a3')?.();
    await flush();
    expect(running.has('n5')).toBe(true);
    for (const name of ['n2', 'n3', 'n4', 'n5']) releases.get(name)?.();
    await Promise.all(tasks);
    expect(limiter.queued).toBe(0);
  });

  it('drops an aborted background waiter from its queue', async () => {
    const limiter = new RequestLimiter(1);
    let releaseHolder = () => {};
    const holder = limiter.run(() => new Promise<void>((resolve) => (releaseHolder = resolve)));
    const controller = new AbortController();
    const ran: string[] = [];
    const dropped = limiter
      .run(async () => ran.push('dropped'), controller.signal, 'background')
      .catch(() => 'aborted');
    const kept = limiter.run(async () => ran.push('kept'), undefined, 'background');
    controller.abort();
    expect(await dropped).toBe('aborted');
    expect(limiter.queued).toBe(1);
    await flush();
    releaseHolder();
    await Promise.all([holder, kept]);
    expect(ran).toEqual(['kept']);
  });
});

describe('KumaClient queue', () => {
  function queuedClient(fetchImpl: typeof fetch, timeouts: AbortController[]) {
    return new KumaClient({
      baseUrl: 'http://dash/api',
      getToken: () => undefined,
      fetch: fetchImpl,
      maxConcurrent: 1,
      timeoutSignal: () => {
        const controller = new AbortController();
        timeouts.push(controller);
        return controller.signal;
      },
    });
  }

  it("starts a request's timeout when it is sent, not while it waits for a slot", async () => {
    const { impl, sent } = heldFetch();
    const timeouts: AbortController[] = [];
    const kuma = queuedClient(impl, timeouts);
    const first = kuma.get('/first', z.number()).catch((thrown: unknown) => thrown);
    const second = kuma.get('/second', z.number());
    await flush();
    expect(sent.map((request) => request.url)).toEqual(['http://dash/api/first']);
    // Only the request on the wire has a timeout running.
    expect(timeouts).toHaveLength(1);
    // The first one times out; the second, which waited all along, is sent with a fresh timeout.
    timeouts[0]?.abort(new DOMException('timed out', 'TimeoutError'));
    expect(await first).toMatchObject({ kind: 'timeout' });
    await flush();
    expect(sent.map((request) => request.url)).toEqual([
      'http://dash/api/first',
      'http://dash/api/second',
    ]);
    expect(timeouts).toHaveLength(2);
    expect(timeouts[1]?.signal.aborted).toBe(false);
    sent[1]?.answer();
    await expect(second).resolves.toBe(1);
  });

  it('never sends a request aborted while it waits', async () => {
    const { impl, sent } = heldFetch();
    const kuma = queuedClient(impl, []);
    const first = kuma.get('/first', z.number());
    const controller = new AbortController();
    const second = kuma
      .get('/second', z.number(), { signal: controller.signal })
      .catch((thrown: unknown) => thrown);
    const third = kuma.get('/third', z.number());
    await flush();
    controller.abort();
    expect(await second).toBeInstanceOf(DOMException);
    sent[0]?.answer();
    await expect(first).resolves.toBe(1);
    await flush();
    // The slot went to the third request: the aborted one left the queue unsent.
    expect(sent.map((request) => request.url)).toEqual([
      'http://dash/api/first',
      'http://dash/api/third',
    ]);
    sent[1]?.answer();
    await expect(third).resolves.toBe(1);
  });
});

describe('KumaClient watch: a control plane that hangs is flagged while it hangs', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A client whose timeouts run on (fake) timers, and a fetch answered by `answer`. */
  function watchedClient(answer: (url: string) => Response | undefined, token?: string) {
    return new KumaClient({
      baseUrl: 'http://dash/api',
      getToken: () => token,
      maxConcurrent: 4,
      timeoutMs: 20_000,
      timeoutSignal: (ms) => {
        const controller = new AbortController();
        setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), ms);
        return controller.signal;
      },
      fetch: (input, init) =>
        new Promise<Response>((resolve, reject) => {
          const signal = init?.signal ?? undefined;
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
          const response = answer(String(input));
          if (response) resolve(response);
        }),
    });
  }

  it('slow once a request outlives the refresh interval, unreachable at its timeout, fine after an answer', async () => {
    vi.useFakeTimers();
    let hanging = true;
    const kuma = watchedClient(() => (hanging ? undefined : new Response('1')));
    const start = Date.now();
    const health = () => controlPlaneHealth(kuma.watch.snapshot(), Date.now(), 5000);
    const stuck = kuma.get('/meshes', z.number()).catch((thrown: unknown) => thrown);
    await vi.advanceTimersByTimeAsync(5000);
    expect(health()).toEqual({ state: 'ok' });
    await vi.advanceTimersByTimeAsync(1);
    expect(health()).toEqual({ state: 'slow', waitingMs: 5001 });
    await vi.advanceTimersByTimeAsync(20_000 - 5001 - 1);
    expect(health().state).toBe('slow');
    await vi.advanceTimersByTimeAsync(1);
    expect(await stuck).toMatchObject({ kind: 'timeout' });
    expect(health()).toEqual({
      state: 'unreachable',
      silentMs: Date.now() - start,
      reason: 'the control plane did not answer within 20 s',
    });
    hanging = false;
    await expect(kuma.get('/meshes', z.number())).resolves.toBe(1);
    expect(health()).toEqual({ state: 'ok' });
  });

  it('leaves no request in flight when the page cancels one', async () => {
    vi.useFakeTimers();
    const kuma = watchedClient(() => undefined);
    const controller = new AbortController();
    const cancelled = kuma
      .get('/meshes', z.number(), { signal: controller.signal })
      .catch((thrown: unknown) => thrown);
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort();
    await cancelled;
    expect(kuma.watch.snapshot()).toEqual({
      oldestSentAt: undefined,
      unreachableSince: undefined,
      unreachableReason: undefined,
    });
  });

  it.each<[number, 'unreachable' | 'ok']>([
    [502, 'unreachable'],
    [504, 'unreachable'],
    [500, 'ok'],
    [503, 'ok'],
    [401, 'ok'],
    [404, 'ok'],
  ])('an answer with status %i leaves the control plane %s', async (status, state) => {
    const kuma = watchedClient(
      () => new Response(JSON.stringify({ title: 'T', detail: 'd' }), { status }),
    );
    await kuma.get('/meshes', z.number()).catch(() => undefined);
    const health = controlPlaneHealth(kuma.watch.snapshot(), Date.now(), 5000);
    expect(health.state).toBe(state);
    // The reason is what the dashboard's server said, without the status title.
    if (health.state === 'unreachable') expect(health.reason).toBe('d');
  });

  it.each<[string, string | undefined, Record<string, string>, string | undefined]>([
    ['a token set in the tab', 'tab-token', {}, 'tab'],
    ["the server's token", undefined, { 'x-dashboard-token': 'refused' }, 'server'],
    ['no token at all', undefined, {}, 'none'],
    ["the dashboard's own guard", undefined, { 'x-dashboard-guard': 'refused' }, undefined],
  ])('a 401 names the token refused: %s', async (_, token, headers, refused) => {
    const kuma = watchedClient(
      () => new Response('{"title":"Unauthenticated"}', { status: 401, headers }),
      token,
    );
    const error = await kuma.get('/meshes', z.number()).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(KumaApiError);
    expect((error as KumaApiError).refusedToken).toBe(refused);
  });
});
