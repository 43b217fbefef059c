import { EventEmitter } from 'node:events';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { afterEach, describe, expect, it } from 'vitest';
import { layoutElkGraph, placed } from '../../src/topology/layout';
import { createLayoutService, LAYOUT_LEVELS_PATH, type LayoutService } from './layout-route';
import type { WorkerLike } from './layout-runner';

const GUARD = { listenHost: '127.0.0.1', allowedHosts: [] };

const GRAPH = {
  id: 'root',
  layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT' },
  children: [
    { id: 'client', width: 110, height: 44 },
    {
      id: 'mesh:a',
      layoutOptions: { 'elk.padding': '[top=44,left=18,bottom=18,right=18]' },
      children: [{ id: 'gateway:a/gw', width: 240, height: 90 }],
    },
  ],
  edges: [{ id: 'e1', sources: ['client'], targets: ['gateway:a/gw'] }],
};

function post(
  body: unknown,
  init: RequestInit & { headers?: Record<string, string> } = {},
  path = '/_layout',
) {
  return new Request(`http://127.0.0.1:8080${path}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
}

/** A graph the stand-in worker never answers (a layout still running); `children` tell two apart. */
function hanging(children = 0) {
  return {
    id: 'hang',
    layoutOptions: { 'elk.direction': 'UP' },
    children: Array.from({ length: children }, (_, index) => ({ id: `c${index}` })),
  };
}

/**
 * A stand-in worker: answers every graph at once with its root at (0, 0), except a `hanging`
 * one. It receives graphs renamed by shape, so it records `hang` for those and the number of
 * children for the others.
 */
class FakeWorker extends EventEmitter {
  terminated = false;
  received: string[] = [];
  /** Told to warm up; it says it is done when `finishWarmUp` is called. */
  warmUps = 0;
  finishWarmUp() {
    this.emit('message', { warmed: true });
  }
  postMessage(message: {
    id: number;
    warm?: boolean;
    graph: { id: string; layoutOptions?: Record<string, string>; children?: unknown[] };
  }) {
    if (message.warm) {
      this.warmUps += 1;
      return;
    }
    const hangs = message.graph.layoutOptions?.['elk.direction'] === 'UP';
    this.received.push(hangs ? 'hang' : `${message.graph.children?.length ?? 0} children`);
    if (hangs) return;
    const children = (message.graph.children ?? []) as { id: string }[];
    queueMicrotask(() =>
      this.emit('message', {
        id: message.id,
        ok: true,
        result: {
          id: message.graph.id,
          x: 0,
          y: 0,
          width: 1,
          height: 1,
          ...(children.length > 0
            ? {
                children: children.map((child, index) => ({
                  id: child.id,
                  x: 100 * index,
                  y: 0,
                  width: 1,
                  height: 1,
                })),
              }
            : {}),
        },
      }),
    );
  }
  terminate() {
    this.terminated = true;
    return Promise.resolve(0);
  }
  unref() {}
}

let services: LayoutService[] = [];
afterEach(() => {
  for (const service of services) service.close();
  services = [];
});

function service(options: Parameters<typeof createLayoutService>[1] = {}) {
  const created = createLayoutService(GUARD, options);
  services.push(created);
  return created;
}

function fakeService(options: Parameters<typeof createLayoutService>[1] = {}) {
  const workers: FakeWorker[] = [];
  const created = service({
    workers: 1,
    // Most tests watch a job stopped the moment its last request leaves.
    abandonedJobGraceMs: 0,
    ...options,
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker as unknown as WorkerLike;
    },
  });
  return { ...created, workers };
}

describe('POST /_layout', () => {
  it('lays out an ELK graph in the worker: ids, positions and sizes, children relative', async () => {
    const layout = service();
    const response = await layout.handle(post(GRAPH));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.id).toBe('root');
    const mesh = body.children.find((child: { id: string }) => child.id === 'mesh:a');
    expect(mesh).toMatchObject({ id: 'mesh:a', x: expect.any(Number), y: expect.any(Number) });
    expect(mesh.width).toBeGreaterThan(240);
    expect(mesh.children[0]).toMatchObject({ id: 'gateway:a/gw', x: 18, width: 240, height: 90 });
    // Only positions and sizes come back, nothing of ELK's internals.
    expect(Object.keys(mesh.children[0]).sort()).toEqual(['height', 'id', 'width', 'x', 'y']);
  }, 30_000);

  it('answers the same body from its cache, without a second layout', async () => {
    const layout = fakeService();
    const first = await layout.handle(post(GRAPH));
    const second = await layout.handle(post(GRAPH));
    expect(first.headers.get('x-layout-cache')).toBe('miss');
    expect(second.headers.get('x-layout-cache')).toBe('hit');
    expect(await second.json()).toEqual(await first.json());
    expect(layout.stats).toEqual({ computed: 1, cacheHits: 1 });
    const other = await layout.handle(
      post({ ...GRAPH, children: [{ ...GRAPH.children[0], width: 120 }, GRAPH.children[1]] }),
    );
    expect(other.headers.get('x-layout-cache')).toBe('miss');
    expect(layout.stats.computed).toBe(2);
  });

  it('answers a graph of a known shape under its own names, without a layout', async () => {
    const layout = fakeService();
    const first = await (await layout.handle(post(GRAPH))).json();
    const renamed = {
      ...GRAPH,
      id: 'other-root',
      children: [
        { id: 'other-client', width: 110, height: 44 },
        {
          ...GRAPH.children[1],
          id: 'mesh:b',
          children: [{ id: 'gateway:b/gw', width: 240, height: 90 }],
        },
      ],
      edges: [{ id: 'other-edge', sources: ['other-client'], targets: ['gateway:b/gw'] }],
    };
    const second = await layout.handle(post(renamed));
    expect(second.headers.get('x-layout-cache')).toBe('hit');
    expect(layout.stats).toEqual({ computed: 1, cacheHits: 1 });
    const body = await second.json();
    expect(body.id).toBe('other-root');
    expect(body.children.map((child: { id: string; x: number }) => [child.id, child.x])).toEqual([
      ['other-client', first.children[0].x],
      ['mesh:b', first.children[1].x],
    ]);
  });

  it.each<[string, (graph: typeof GRAPH) => unknown]>([
    [
      'another size',
      (graph) => ({
        ...graph,
        children: [{ ...graph.children[0], width: 111 }, graph.children[1]],
      }),
    ],
    ['another order', (graph) => ({ ...graph, children: [graph.children[1], graph.children[0]] })],
    [
      'another option',
      (graph) => ({ ...graph, layoutOptions: { ...graph.layoutOptions, 'elk.direction': 'DOWN' } }),
    ],
    [
      'an edge the other way',
      (graph) => ({
        ...graph,
        edges: [{ id: 'e1', sources: ['gateway:a/gw'], targets: ['client'] }],
      }),
    ],
  ])('lays out a graph with %s anew', async (_name, change) => {
    const layout = fakeService();
    await layout.handle(post(GRAPH));
    expect((await layout.handle(post(change(GRAPH)))).headers.get('x-layout-cache')).toBe('miss');
    expect(layout.stats.computed).toBe(2);
  });

  it('lays out one shape asked for twice at once once; one asker leaving does not cancel it', async () => {
    const layout = fakeService();
    const leaving = new AbortController();
    const staying = new AbortController();
    const first = layout.handle(post(hanging(2), { signal: leaving.signal }));
    const second = layout.handle(post({ ...hanging(2), id: 'other' }, { signal: staying.signal }));
    await expect.poll(() => layout.workers[0]?.received).toEqual(['hang']);
    leaving.abort();
    expect((await first).status).toBe(499);
    // Still wanted by the second request: the job runs on in the same process.
    expect(layout.workers[0]?.terminated).toBe(false);
    staying.abort();
    expect((await second).status).toBe(499);
    expect(layout.workers[0]?.terminated).toBe(true);
  });

  it('holds a job its last request left for a moment: a request within it joins, none and it stops', async () => {
    const layout = fakeService({ abandonedJobGraceMs: 300 });
    const superseded = new AbortController();
    const first = layout.handle(post(hanging(2), { signal: superseded.signal }));
    await expect.poll(() => layout.workers[0]?.received).toEqual(['hang']);
    superseded.abort();
    expect((await first).status).toBe(499);
    // The layout that took over asks for the same shape: the running job, not a new one.
    const superseding = new AbortController();
    const second = layout.handle(post({ ...hanging(2), id: 'b' }, { signal: superseding.signal }));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(layout.workers[0]?.received).toEqual(['hang']);
    expect(layout.workers[0]?.terminated).toBe(false);
    // Left by every request for good: stopped with its process once the grace has passed.
    superseding.abort();
    expect((await second).status).toBe(499);
    expect(layout.workers[0]?.terminated).toBe(false);
    await expect.poll(() => layout.workers[0]?.terminated, { timeout: 2000 }).toBe(true);
    expect(layout.workers[0]?.received).toEqual(['hang']);
  });

  it('evicts the least recently used answer', async () => {
    const layout = fakeService({ cacheEntries: 2 });
    const graphs = [1, 2, 3].map((width) => ({
      ...GRAPH,
      children: [{ ...GRAPH.children[0], width }, GRAPH.children[1]],
    }));
    for (const graph of graphs) await layout.handle(post(graph));
    // g1 went when g3 came; g2 and g3 are still there.
    expect((await layout.handle(post(graphs[2]))).headers.get('x-layout-cache')).toBe('hit');
    expect((await layout.handle(post(graphs[1]))).headers.get('x-layout-cache')).toBe('hit');
    expect((await layout.handle(post(graphs[0]))).headers.get('x-layout-cache')).toBe('miss');
  });

  it.each<[string, unknown, RegExp]>([
    ['not JSON', '{"id":', /not JSON/],
    ['an array', [GRAPH], /not an ELK graph/],
    ['no id', { children: [] }, /not an ELK graph/],
    ['a numeric id', { id: 5 }, /not an ELK graph at id/],
    ['a negative width', { id: 'r', children: [{ id: 'a', width: -1 }] }, /children/],
    ['an unknown field', { id: 'r', script: 'x' }, /not an ELK graph/],
    [
      'an option outside the allow-list',
      { id: 'r', layoutOptions: { 'elk.force.iterations': '100000000' } },
      /only these layout options/,
    ],
    [
      'a duplicate id',
      { id: 'r', children: [{ id: 'a' }, { id: 'a' }] },
      /the id "a" is used twice/,
    ],
    [
      'an edge to nowhere',
      { id: 'r', children: [{ id: 'a' }], edges: [{ id: 'e', sources: ['a'], targets: ['zz'] }] },
      /unknown node "zz"/,
    ],
    [
      'an edge with two sources',
      {
        id: 'r',
        children: [{ id: 'a' }, { id: 'b' }],
        edges: [{ id: 'e', sources: ['a', 'b'], targets: ['b'] }],
      },
      /not an ELK graph at edges/,
    ],
  ])('refuses %s with a 400 that says why', async (_name, body, message) => {
    const layout = fakeService();
    const response = await layout.handle(post(body));
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toMatch(message);
    expect(layout.stats.computed).toBe(0);
  });

  it('refuses too many nodes, too many edges and deep nesting with a 400, before ELK', async () => {
    const limits = { maxBodyBytes: 1 << 20, maxNodes: 3, maxEdges: 1, maxDepth: 2 };
    const layout = fakeService({ limits });
    const many = { id: 'r', children: [1, 2, 3, 4].map((n) => ({ id: `n${n}` })) };
    const edges = {
      id: 'r',
      children: [{ id: 'a' }, { id: 'b' }],
      edges: [
        { id: 'e1', sources: ['a'], targets: ['b'] },
        { id: 'e2', sources: ['b'], targets: ['a'] },
      ],
    };
    const deep = {
      id: 'r',
      children: [{ id: 'a', children: [{ id: 'b', children: [{ id: 'c' }] }] }],
    };
    const answers = await Promise.all([many, edges, deep].map((body) => layout.handle(post(body))));
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400]);
    const details = await Promise.all(answers.map(async (answer) => (await answer.json()).detail));
    expect(details[0]).toMatch(/more than 3 nodes/);
    expect(details[1]).toMatch(/more than 1 edges/);
    expect(details[2]).toMatch(/deeper than 2 levels/);
    expect(layout.workers).toHaveLength(0);
  });

  it('answers 413 to a body over the limit, declared or streamed', async () => {
    const limits = { maxBodyBytes: 100, maxNodes: 10, maxEdges: 10, maxDepth: 4 };
    const layout = fakeService({ limits });
    const big = JSON.stringify({ id: 'r', children: [{ id: 'x'.repeat(200) }] });
    expect((await layout.handle(post(big))).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big.slice(0, 60)));
        controller.enqueue(new TextEncoder().encode(big.slice(60)));
        controller.close();
      },
    });
    const streamed = new Request('http://127.0.0.1:8080/_layout', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect((await layout.handle(streamed)).status).toBe(413);
  });

  it.each<[string, Record<string, string>, number]>([
    ['a foreign Host (DNS rebinding)', { host: 'evil.example' }, 403],
    ['another site', { origin: 'https://evil.example' }, 403],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }, 403],
    ['a form post (not JSON)', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['the same origin', { origin: 'http://127.0.0.1:8080' }, 200],
  ])('guards like /api: %s → %i', async (_name, headers, status) => {
    const layout = fakeService();
    expect((await layout.handle(post(GRAPH, { headers }))).status).toBe(status);
  });

  it('answers 405 to anything but POST', async () => {
    const layout = fakeService();
    const response = await layout.handle(new Request('http://127.0.0.1:8080/_layout'));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('drops a queued job whose request was aborted; the running one goes on', async () => {
    const layout = fakeService();
    const running = new AbortController();
    const queued = new AbortController();
    const first = layout.handle(post(hanging(), { signal: running.signal }));
    const second = layout.handle(post({ id: 'queued' }, { signal: queued.signal }));
    await expect.poll(() => layout.runner.queued).toBe(1);
    queued.abort();
    expect((await second).status).toBe(499);
    expect(layout.runner.queued).toBe(0);
    // The worker never saw the dropped graph, and was not restarted.
    expect(layout.workers).toHaveLength(1);
    expect(layout.workers[0]?.received).toEqual(['hang']);
    expect(layout.workers[0]?.terminated).toBe(false);
    running.abort();
    expect((await first).status).toBe(499);
  });

  it('lays out side by side in a pool: each job to the least loaded process', async () => {
    const layout = fakeService({ workers: 2 });
    const first = new AbortController();
    const second = new AbortController();
    const stuck = [
      layout.handle(post(hanging(), { signal: first.signal })),
      layout.handle(post(hanging(1), { signal: second.signal })),
    ];
    await expect.poll(() => layout.workers.map((worker) => worker.received.length)).toEqual([1, 1]);
    // Both busy: the next one waits in the first runner's queue, and runs once that one frees.
    const third = layout.handle(post(GRAPH));
    await expect.poll(() => layout.runner.queued).toBe(1);
    first.abort();
    expect((await third).status).toBe(200);
    expect(layout.workers.at(-1)?.received).toEqual(['2 children']);
    second.abort();
    expect((await Promise.all(stuck)).map((response) => response.status)).toEqual([499, 499]);
  });

  it('terminates the worker of an aborted running job and starts a fresh one for the next', async () => {
    const layout = fakeService();
    const running = new AbortController();
    const first = layout.handle(post(hanging(), { signal: running.signal }));
    const next = layout.handle(post(GRAPH));
    await expect.poll(() => layout.workers[0]?.received.length).toBe(1);
    running.abort();
    expect((await first).status).toBe(499);
    expect(layout.workers[0]?.terminated).toBe(true);
    const answer = await next;
    expect(answer.status).toBe(200);
    expect(layout.workers).toHaveLength(2);
    expect(layout.workers[1]?.received).toEqual(['2 children']);
  });

  it('keeps a worker ready when warm: one at start, a fresh one right after a restart', async () => {
    const layout = fakeService({ warm: true });
    expect(layout.workers).toHaveLength(1);
    const running = new AbortController();
    const first = layout.handle(post(hanging(), { signal: running.signal }));
    await expect.poll(() => layout.workers[0]?.received.length).toBe(1);
    running.abort();
    await first;
    // Started before any request needs it.
    expect(layout.workers).toHaveLength(2);
    expect(layout.workers[1]?.received).toEqual([]);
    expect((await layout.handle(post(GRAPH))).status).toBe(200);
    expect(layout.workers).toHaveLength(2);
  });

  it('warms its processes one after the other, the next once the one before says it is warm', async () => {
    const layout = fakeService({ warm: true, workers: 2 });
    await expect.poll(() => layout.workers.map((worker) => worker.warmUps)).toEqual([1, 0]);
    // A real job is not held back by the warm-up.
    expect((await layout.handle(post(GRAPH))).status).toBe(200);
    layout.workers[0]?.finishWarmUp();
    await expect.poll(() => layout.workers.map((worker) => worker.warmUps)).toEqual([1, 1]);
    let done = false;
    void layout.runner.warmedUp.then(() => {
      done = true;
    });
    await Promise.resolve();
    expect(done).toBe(false);
    layout.workers[1]?.finishWarmUp();
    await layout.runner.warmedUp;
  });

  it('is ready once warm and every rehearsal set is laid out, set after set, over both processes', async () => {
    const graph = (children: number) => ({
      id: 'r',
      children: Array.from({ length: children }, (_, index) => ({ id: `c${index}` })),
    });
    const layout = fakeService({
      warm: true,
      workers: 2,
      rehearsal: [
        [graph(2), graph(3)],
        [graph(4), graph(5)],
      ],
    });
    let ready = false;
    void layout.ready.then(() => {
      ready = true;
    });
    await expect.poll(() => layout.workers[0]?.warmUps).toBe(1);
    layout.workers[0]?.finishWarmUp();
    await expect.poll(() => layout.workers[1]?.warmUps).toBe(1);
    expect(layout.workers.map((worker) => worker.received)).toEqual([[], []]);
    layout.workers[1]?.finishWarmUp();
    await layout.ready;
    expect(ready).toBe(true);
    // A set's graphs side by side (one per process), the sets in turn.
    expect(layout.workers.map((worker) => worker.received)).toEqual([
      ['2 children', '4 children'],
      ['3 children', '5 children'],
    ]);
    // Laid out through the route: cached like any answer.
    expect((await layout.handle(post(graph(3)))).headers.get('x-layout-cache')).toBe('hit');
  });

  it('rehearses nothing by default with a stand-in worker, and is ready once warm', async () => {
    const layout = fakeService({ warm: true });
    await expect.poll(() => layout.workers[0]?.warmUps).toBe(1);
    layout.workers[0]?.finishWarmUp();
    await layout.ready;
    expect(layout.workers[0]?.received).toEqual([]);
  });

  it('ends a job that runs past the time limit with a 503, and restarts the worker', async () => {
    const layout = fakeService({ timeoutMs: 20 });
    const response = await layout.handle(post(hanging()));
    expect(response.status).toBe(503);
    expect((await response.json()).detail).toMatch(/took longer than/);
    expect(layout.workers[0]?.terminated).toBe(true);
    expect((await layout.handle(post(GRAPH))).status).toBe(200);
    expect(layout.workers).toHaveLength(2);
  });

  it('reports a graph ELK refuses as a 400', async () => {
    const layout = service();
    const response = await layout.handle(
      post({
        id: 'r',
        layoutOptions: { 'elk.algorithm': 'no-such-algorithm' },
        children: [{ id: 'a' }],
      }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toMatch(/ELK cannot lay out this graph/);
  }, 30_000);
});

describe('POST /_layout/levels', () => {
  /** Two meshes alike (one call group each) under a top level: three levels of jobs. */
  const meshOf = (name: string): ElkNode => ({
    id: `mesh:${name}`,
    layoutOptions: { 'elk.padding': '[top=44,left=18,bottom=18,right=18]' },
    children: [
      { id: `gateway:${name}/gw`, width: 240, height: 90 },
      {
        id: `group:${name}`,
        layoutOptions: { 'elk.padding': '[top=14,left=12,bottom=12,right=12]' },
        children: [
          { id: `service:${name}/a`, width: 170, height: 46 },
          { id: `sidecar:${name}/a`, width: 170, height: 50 },
        ],
      },
    ],
  });
  const LEVELS: ElkNode = {
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT' },
    children: [{ id: 'client', width: 110, height: 44 }, meshOf('a'), meshOf('b')],
    edges: [
      { id: 'enters-a', sources: ['client'], targets: ['gateway:a/gw'] },
      { id: 'enters-b', sources: ['client'], targets: ['gateway:b/gw'] },
      { id: 'routes-a', sources: ['gateway:a/gw'], targets: ['service:a/a'] },
      { id: 'serves-a', sources: ['service:a/a'], targets: ['sidecar:a/a'] },
      { id: 'routes-b', sources: ['gateway:b/gw'], targets: ['service:b/a'] },
      { id: 'serves-b', sources: ['service:b/a'], targets: ['sidecar:b/a'] },
    ],
  };

  // No rehearsal: its layouts would count in the stats these tests read.
  it('places every node as elkjs does, level after level, in one request', async () => {
    const layout = service({ rehearsal: [] });
    const response = await layout.handle(post(LEVELS, {}, LAYOUT_LEVELS_PATH));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-layout-cache')).toBe('miss');
    // The same jobs run by elkjs in this process, level by level.
    const expected = await layoutElkGraph(structuredClone(LEVELS), new ELK());
    expect(await response.json()).toEqual(
      placed(LEVELS, expected.layout, { width: expected.width, height: expected.height }),
    );
    // Five jobs of three shapes: the meshes (and their call groups) are built alike.
    expect(layout.stats).toEqual({ computed: 3, cacheHits: 2 });
  }, 30_000);

  it('lays out each level through the per-job cache: asked again, nothing is laid out', async () => {
    const layout = service({ rehearsal: [] });
    expect((await layout.handle(post(LEVELS, {}, LAYOUT_LEVELS_PATH))).status).toBe(200);
    const computed = layout.stats.computed;
    const again = await layout.handle(post(structuredClone(LEVELS), {}, LAYOUT_LEVELS_PATH));
    expect(again.status).toBe(200);
    expect(again.headers.get('x-layout-cache')).toBe('hit');
    expect(layout.stats.computed).toBe(computed);
  }, 30_000);

  it('refuses a graph it cannot lay out as /_layout does: checked first, then per level', async () => {
    const layout = service();
    const duplicate = await layout.handle(
      post({ id: 'r', children: [{ id: 'a', children: [{ id: 'a' }] }] }, {}, LAYOUT_LEVELS_PATH),
    );
    expect(duplicate.status).toBe(400);
    expect((await duplicate.json()).detail).toMatch(/used twice/);
    const refused = await layout.handle(
      post(
        {
          id: 'r',
          layoutOptions: { 'elk.algorithm': 'no-such-algorithm' },
          children: [{ id: 'm', children: [{ id: 'a' }] }],
        },
        {},
        LAYOUT_LEVELS_PATH,
      ),
    );
    expect(refused.status).toBe(400);
    expect((await refused.json()).detail).toMatch(/ELK cannot lay out this graph/);
  }, 30_000);

  it('takes a whole graph larger than one job may be, each level still held to the limits', async () => {
    const limits = { maxBodyBytes: 1 << 20, maxNodes: 4, maxEdges: 4, maxDepth: 6 };
    const layout = fakeService({ limits });
    const meshOfThree = (name: string) => ({
      id: name,
      children: [1, 2, 3].map((index) => ({ id: `${name}-${index}`, width: 1, height: 1 })),
    });
    // 12 nodes in all, none of its three jobs over 4.
    const whole = { id: 'root', children: [meshOfThree('a'), meshOfThree('b'), meshOfThree('c')] };
    expect((await layout.handle(post(whole))).status).toBe(400);
    expect((await layout.handle(post(whole, {}, LAYOUT_LEVELS_PATH))).status).toBe(200);
    // A level over the limits is refused as it would be alone.
    const wide = {
      id: 'root',
      children: [{ id: 'm', children: [1, 2, 3, 4, 5].map((i) => ({ id: `x${i}` })) }],
    };
    const refused = await layout.handle(post(wide, {}, LAYOUT_LEVELS_PATH));
    expect(refused.status).toBe(400);
    expect((await refused.json()).detail).toMatch(/more than 4 nodes/);
  });

  it('hands the jobs an aborted request shares with the one that supersedes it over to that one', async () => {
    const layout = fakeService({ abandonedJobGraceMs: 1000 });
    const mesh = (name: string, children: number) => {
      const graph = hanging(children);
      return { ...graph, id: name, children: graph.children.map(({ id }) => ({ id: name + id })) };
    };
    const superseded = new AbortController();
    const first = layout.handle(
      post(
        { id: 'r', children: [mesh('team-1', 2), mesh('team-2', 3)] },
        { signal: superseded.signal },
        LAYOUT_LEVELS_PATH,
      ),
    );
    await expect.poll(() => layout.workers[0]?.received).toEqual(['hang']);
    superseded.abort();
    expect((await first).status).toBe(499);
    const superseding = new AbortController();
    const second = layout.handle(
      post(
        { id: 'r', children: [mesh('team-1', 2), { id: 'team-2' }] },
        { signal: superseding.signal },
        LAYOUT_LEVELS_PATH,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    // team-1's job runs on in its process for the new request; nothing was started again.
    expect(layout.workers).toHaveLength(1);
    expect(layout.workers[0]?.received).toEqual(['hang']);
    expect(layout.workers[0]?.terminated).toBe(false);
    superseding.abort();
    expect((await second).status).toBe(499);
  });

  it('drops its levels when the request is aborted', async () => {
    const layout = fakeService();
    const controller = new AbortController();
    const pending = layout.handle(
      post(
        { id: 'r', children: [{ ...hanging(2), id: 'inner' }, { id: 'x' }] },
        { signal: controller.signal },
        LAYOUT_LEVELS_PATH,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect((await pending).status).toBe(499);
  });
});
