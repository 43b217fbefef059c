/**
 * Bodies are read under a limit while they stream in (a huge one is refused after the limit, not
 * buffered whole), and a tick batch is bounded and lets other requests through.
 */
import { describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from './app';
import { MAX_API_BODY_BYTES, MAX_DEMO_BODY_BYTES } from './http';
import { DEFAULT_OPTIONS, type DemoOptions } from './options';
import { MAX_TICKS_PER_REQUEST } from './routes/demo';
import { loadScenario } from './scenarios';
import { World } from './world';

function demo(options: Partial<DemoOptions> = {}): DemoApp {
  const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, ...options });
  loadScenario(world, options.scenario ?? 'mixed');
  return createDemoApp(world);
}

const CHUNK = 64 * 1024;
const HUGE = 200 * 1024 * 1024;

/** A body of `total` bytes made as it is read, counting what was read. */
function endless(total = HUGE) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) {
        controller.close();
        return;
      }
      counter.pulled += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
    },
  });
  return { stream, counter };
}

function send(method: string, path: string, body: ReadableStream | string, headers = {}) {
  return new Request(`http://cp.test${path}`, {
    method,
    body,
    headers: { 'content-type': 'application/json', ...headers },
    duplex: 'half',
  } as RequestInit);
}

const anyProxy = (app: DemoApp) => [...app.world.proxies.keys()][0] ?? '';

describe('request bodies are read under a limit, as they stream', () => {
  const routes: [string, string, (app: DemoApp) => string, number, string][] = [
    [
      'a Kuma API write',
      'PUT',
      () => '/meshes/default/meshgateways/huge',
      MAX_API_BODY_BYTES,
      'Request Entity Too Large',
    ],
    ['PUT /_demo/faults', 'PUT', () => '/_demo/faults', MAX_DEMO_BODY_BYTES, 'Demo control'],
    [
      'PUT /_demo/proxies/…',
      'PUT',
      (app) => `/_demo/proxies/${anyProxy(app)}`,
      MAX_DEMO_BODY_BYTES,
      'Demo control',
    ],
  ];

  it.each(routes)(
    '%s: 413 past the limit, having read no more than it',
    async (_name, method, path, limit, title) => {
      const app = demo();
      const { stream, counter } = endless();
      const reply = await app.fetch(send(method, path(app), stream));
      expect(reply.status).toBe(413);
      const body = await reply.json();
      expect(body).toMatchObject({ status: 413, title });
      expect(body.detail).toContain(`(${limit} bytes)`);
      // The stream was cancelled a chunk or two past the limit: 200 MB were never read.
      expect(counter.pulled).toBeLessThanOrEqual(limit + 2 * CHUNK);
    },
  );

  it.each(routes)(
    '%s: 413 for a declared length past the limit, reading nothing',
    async (_name, method, path, limit) => {
      const app = demo();
      const { stream, counter } = endless();
      const reply = await app.fetch(
        send(method, path(app), stream, { 'content-length': String(limit + 1) }),
      );
      expect(reply.status).toBe(413);
      // A ReadableStream may pull its first chunk as the Request is made; nothing after that.
      expect(counter.pulled).toBeLessThanOrEqual(CHUNK);
    },
  );

  it('takes a control body just under its limit', async () => {
    const app = demo();
    const padded = `{"latencyMs": 0${' '.repeat(MAX_DEMO_BODY_BYTES - 20)}}`;
    const reply = await app.fetch(send('PUT', '/_demo/faults', padded));
    expect(reply.status).toBe(200);
  });
});

describe('POST /_demo/tick', () => {
  it.each(['0', String(MAX_TICKS_PER_REQUEST + 1), '1000', 'x', '1e2', '-1', '2.5', ''])(
    'count=%s → 400 stating the maximum',
    async (count) => {
      const app = demo({ scenario: 'empty' });
      const reply = await app.fetch(send('POST', `/_demo/tick?count=${count}`, ''));
      expect(reply.status).toBe(400);
      expect((await reply.json()).detail).toContain(`from 1 to ${MAX_TICKS_PER_REQUEST}`);
      expect(app.world.ticks).toBe(0);
    },
  );

  it(`runs up to ${MAX_TICKS_PER_REQUEST} ticks`, async () => {
    const app = demo({ scenario: 'empty' });
    const reply = await app.fetch(send('POST', `/_demo/tick?count=${MAX_TICKS_PER_REQUEST}`, ''));
    expect(reply.status).toBe(200);
    expect((await reply.json()).ticks).toBe(MAX_TICKS_PER_REQUEST);
  });

  it('lets a request sent during a batch be answered before the batch ends', async () => {
    const app = demo();
    const order: string[] = [];
    const batch = app
      .fetch(send('POST', '/_demo/tick?count=20', ''))
      .then(() => order.push('batch'));
    const read = app.fetch(new Request('http://cp.test/meshes')).then((reply) => {
      order.push(`read ${reply.status}`);
    });
    await Promise.all([batch, read]);
    expect(order).toEqual(['read 200', 'batch']);
    expect(app.world.ticks).toBe(20);
  });

  it('runs two batches one after the other, every tick of both', async () => {
    const app = demo();
    const replies = await Promise.all([
      app.fetch(send('POST', '/_demo/tick?count=3', '')),
      app.fetch(send('POST', '/_demo/tick?count=4', '')),
    ]);
    const ticks = await Promise.all(replies.map(async (reply) => (await reply.json()).ticks));
    expect(ticks).toEqual([3, 7]);
  });
});
