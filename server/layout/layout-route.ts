import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { type ElkEngine, layoutElkGraph, placed, rehearsalGraphs } from '../../src/topology/layout';
import { createRequestGuard, type RequestGuardOptions } from '../request-guard';
import { checkLayoutInput, DEFAULT_LAYOUT_LIMITS, type LayoutLimits } from './layout-input';
import {
  type LaidOutNode,
  LayoutFailedError,
  LayoutPool,
  type LayoutRunnerOptions,
  LayoutTimeoutError,
} from './layout-runner';
import { graphShape, withNames } from './layout-shape';
import { LruCache } from './lru';

interface SharedJob {
  result: Promise<LaidOutNode>;
  controller: AbortController;
  /** Requests still waiting for it. */
  waiters: number;
  /** Set while no request waits: when it fires, the job is stopped. */
  abandoned?: ReturnType<typeof setTimeout>;
}

/** The path the SPA posts ELK graphs to: not under `/api/`, which is the control plane's. */
export const LAYOUT_PATH = '/_layout';

/**
 * The path for a whole compound graph laid out level by level (`layoutElkGraph`), each level's
 * jobs through `LAYOUT_PATH`'s own cache: one round trip instead of one per level.
 */
export const LAYOUT_LEVELS_PATH = '/_layout/levels';

/**
 * How much larger a whole graph posted for its levels may be than one job: each level's jobs
 * are still held to the limits, the whole only costs its parsing. Every mesh of 100 expanded
 * (10,000-odd nodes, which the page lays out when asked to) fits.
 */
const LEVELS_FACTOR = 8;

/**
 * How long a job is kept after its last request left. A page posts one request per layout, so
 * a layout that supersedes another (a mesh collapsed while it was laid out) aborts the old
 * request and posts its own, which shares most of the old one's jobs: held this long, a running
 * job is joined rather than killed with its process and started again.
 */
const ABANDONED_JOB_GRACE_MS = 1000;

export interface LayoutServiceOptions {
  limits?: LayoutLimits;
  timeoutMs?: number;
  /** Answers kept, by hash of the graph's shape. */
  cacheEntries?: number;
  cacheBytes?: number;
  createWorker?: LayoutRunnerOptions['createWorker'];
  /** Start the worker at once (see `LayoutRunnerOptions.warm`); on unless a test says not. */
  warm?: boolean;
  /** See `ABANDONED_JOB_GRACE_MS`, the default. */
  abandonedJobGraceMs?: number;
  /** Layout processes side by side (the default: two, or one on a single core). */
  workers?: number;
  /**
   * Graph sets laid out through the route once the processes are warm, one set after the other
   * (see `rehearsalGraphs`); by default a few variants with the real processes, none with a
   * test's stand-in worker.
   */
  rehearsal?: readonly (readonly unknown[])[];
}

export interface LayoutService {
  handle: (request: Request) => Promise<Response>;
  runner: LayoutPool;
  /** Settles once the processes have warmed up and the rehearsal graphs are laid out. */
  ready: Promise<void>;
  /**
   * Layouts run in the worker; cache hits are answers from the cache or from a job of the same
   * shape already running.
   */
  stats: { computed: number; cacheHits: number };
  close: () => void;
}

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...extra },
  });
}

function problem(status: number, title: string, detail: string): Response {
  return json(status, { status, title, detail });
}

/** The body as text, or undefined once it passes `limit` bytes (read no further). */
async function readLimited(request: Request, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return undefined;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The rehearsal by default: one set per graph of `rehearsalGraphs`, each its own variant and
 * turned by one more place, so that laying out a set's graphs side by side (a pool hands them
 * out in turn) gives every process every kind of graph.
 */
function defaultRehearsal(): unknown[][] {
  return rehearsalGraphs().map((_, variant) => {
    const graphs = rehearsalGraphs(variant);
    return [...graphs.slice(variant), ...graphs.slice(0, variant)];
  });
}

/**
 * `POST /_layout`: an ELK graph in, positions and sizes out (the same tree, each node with
 * `id, x, y, width, height` and its children). Guarded like `/api` (host and origin), bounded
 * (body size, node and edge counts, shape, options), cached and shared by the graph's shape
 * (names aside: `graphShape`), laid out in one child process of a small pool, and dropped or interrupted when the browser aborts the request.
 */
export function createLayoutService(
  guardOptions: RequestGuardOptions,
  options: LayoutServiceOptions = {},
): LayoutService {
  const limits = options.limits ?? DEFAULT_LAYOUT_LIMITS;
  const levelLimits: LayoutLimits = {
    ...limits,
    maxBodyBytes: limits.maxBodyBytes * LEVELS_FACTOR,
    maxNodes: limits.maxNodes * LEVELS_FACTOR,
    maxEdges: limits.maxEdges * LEVELS_FACTOR,
  };
  const abandonedJobGraceMs = options.abandonedJobGraceMs ?? ABANDONED_JOB_GRACE_MS;
  const guard = createRequestGuard(guardOptions);
  const runner = new LayoutPool(options.workers ?? Math.min(2, availableParallelism()), {
    timeoutMs: options.timeoutMs ?? 30_000,
    warm: options.warm ?? !options.createWorker,
    ...(options.createWorker ? { createWorker: options.createWorker } : {}),
  });
  const cache = new LruCache<LaidOutNode>(
    options.cacheEntries ?? 64,
    options.cacheBytes ?? 64 << 20,
  );
  /** Jobs running or queued, by shape: a request for the same shape waits for that one. */
  const running = new Map<string, SharedJob>();
  const stats = { computed: 0, cacheHits: 0 };

  /** A graph's answer, `text` as sent: from the cache, from a job of the same shape, or laid out. */
  const layOut = async (text: string, signal: AbortSignal): Promise<Response> => {
    const checked = checkLayoutInput(text, limits);
    if (!checked.ok) return problem(400, 'Bad Request', checked.message);
    // Cached and shared by shape, not by name (see `graphShape`).
    const shape = graphShape(checked.graph);
    const key = createHash('sha256').update(JSON.stringify(shape.graph)).digest('base64url');
    const answer = (laidOut: LaidOutNode, source: 'hit' | 'miss') =>
      new Response(JSON.stringify(withNames(laidOut, shape.names)), {
        headers: {
          'content-type': 'application/json',
          'cache-control': 'no-store',
          'x-layout-cache': source,
        },
      });
    const cached = cache.get(key);
    if (cached !== undefined) {
      stats.cacheHits += 1;
      return answer(cached, 'hit');
    }
    let job = running.get(key);
    const joined = job !== undefined;
    if (!job) {
      const controller = new AbortController();
      const created: SharedJob = {
        controller,
        waiters: 0,
        result: runner.layout(shape.graph, controller.signal).then((laidOut) => {
          stats.computed += 1;
          cache.set(key, laidOut, JSON.stringify(laidOut).length);
          return laidOut;
        }),
      };
      const forget = () => {
        if (running.get(key) === created) running.delete(key);
      };
      created.result.then(forget, forget);
      running.set(key, created);
      job = created;
    }
    const shared = job;
    shared.waiters += 1;
    clearTimeout(shared.abandoned);
    shared.abandoned = undefined;
    // The job goes on while any request still wants it; once the last one has left, it is
    // stopped unless another joins within the grace period.
    const stop = () => {
      if (shared.waiters > 0) return;
      if (running.get(key) === shared) running.delete(key);
      shared.controller.abort();
    };
    const leave = () => {
      shared.waiters -= 1;
      if (shared.waiters > 0) return;
      if (abandonedJobGraceMs <= 0) return stop();
      shared.abandoned = setTimeout(stop, abandonedJobGraceMs);
      shared.abandoned.unref?.();
    };
    signal.addEventListener('abort', leave, { once: true });
    try {
      const laidOut = await Promise.race([
        shared.result,
        new Promise<never>((_, reject) => {
          if (signal.aborted) reject(new Error('cancelled'));
          signal.addEventListener('abort', () => reject(new Error('cancelled')), {
            once: true,
          });
        }),
      ]);
      if (joined) stats.cacheHits += 1;
      return answer(laidOut, joined ? 'hit' : 'miss');
    } catch (error) {
      if (signal.aborted) return problem(499, 'Client Closed Request', 'cancelled');
      if (error instanceof LayoutFailedError)
        return problem(400, 'Bad Request', `ELK cannot lay out this graph: ${error.message}`);
      if (error instanceof LayoutTimeoutError)
        return problem(503, 'Service Unavailable', error.message);
      return problem(500, 'Internal Server Error', (error as Error).message);
    } finally {
      signal.removeEventListener('abort', leave);
    }
  };

  /** A compound graph, laid out as `layoutElkGraph` does, each job as `layOut` lays out one. */
  const layOutLevels = async (text: string, signal: AbortSignal): Promise<Response> => {
    const checked = checkLayoutInput(text, levelLimits);
    if (!checked.ok) return problem(400, 'Bad Request', checked.message);
    // A job's refusal (a graph ELK fails on, the time limit) is the answer, as it would be for
    // the job posted alone.
    let refused: Response | undefined;
    let laidOut = false;
    const engine: ElkEngine = {
      layout: async (graph, { signal: wanted } = {}) => {
        const response = await layOut(JSON.stringify(graph), wanted ?? signal);
        if (response.headers.get('x-layout-cache') === 'miss') laidOut = true;
        if (!response.ok) {
          refused ??= response;
          throw new Error(`a level was refused: ${response.status}`);
        }
        return (await response.json()) as ElkNode;
      },
    };
    const whole = checked.graph as ElkNode;
    try {
      const { layout, width, height } = await layoutElkGraph(whole, engine, signal);
      // A hit when every level was: nothing was laid out for this answer.
      return json(200, placed(whole, layout, { width, height }), {
        'x-layout-cache': laidOut ? 'miss' : 'hit',
      });
    } catch (error) {
      if (refused) return refused;
      if (signal.aborted) return problem(499, 'Client Closed Request', 'cancelled');
      return problem(500, 'Internal Server Error', (error as Error).message);
    }
  };

  const handle = async (request: Request): Promise<Response> => {
    const verdict = guard(request);
    if (!verdict.allowed) return problem(403, 'Forbidden', verdict.reason);
    if (request.method !== 'POST')
      return json(
        405,
        { status: 405, title: 'Method Not Allowed', detail: 'POST an ELK graph' },
        {
          allow: 'POST',
        },
      );
    // JSON only: a cross-site form cannot send it without a preflight the server never approves.
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type))
      return problem(415, 'Unsupported Media Type', 'send the graph as application/json');
    const levels = new URL(request.url).pathname === LAYOUT_LEVELS_PATH;
    const { maxBodyBytes } = levels ? levelLimits : limits;
    const text = await readLimited(request, maxBodyBytes);
    if (text === undefined)
      return problem(413, 'Payload Too Large', `the body is larger than ${maxBodyBytes} bytes`);
    return levels ? layOutLevels(text, request.signal) : layOut(text, request.signal);
  };

  // Each set's graphs side by side (over the pool's processes), the sets one after the other.
  const rehearsal = options.rehearsal ?? (options.createWorker ? [] : defaultRehearsal());
  let closed = false;
  const ready = runner.warmedUp.then(async () => {
    for (const set of rehearsal) {
      if (closed) return;
      const answers = await Promise.all(
        set.map((graph) => layOut(JSON.stringify(graph), new AbortController().signal)),
      );
      const refused = answers.find((response) => !response.ok);
      // Not fatal: the first page's layouts are only slower. Said, since it means a bug.
      if (refused && !closed) {
        console.warn(`warning: a rehearsal layout failed: ${await refused.text()}`);
        return;
      }
    }
  });
  const close = () => {
    closed = true;
    runner.close();
  };
  return { handle, runner, ready, stats, close };
}
