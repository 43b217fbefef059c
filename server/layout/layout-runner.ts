import { type Serializable, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';

/**
 * The layout process's code, as plain JavaScript run by `node -e`: the same source runs
 * under `npm start` (tsx), inside Vite's bundled config (`npm run dev`) and under vitest, none of
 * which would hand a `.ts` worker file a TypeScript loader. It lays out one graph per message
 * with elkjs's bundled build (no nested Web Worker) and keeps only ids, positions and sizes.
 */
const ELK_WORKER_SOURCE = `
const parentPort = { on: (event, listener) => process.on(event, listener), postMessage: (message) => process.send(message) };
const workerData = JSON.parse(process.env.KUMA_DASHBOARD_ELK);
// The dashboard went away: so does its layout process.
process.on('disconnect', () => process.exit(0));
const ELK = require(workerData.elkPath);
const elk = new ELK();
const strip = (node) => {
  const out = { id: node.id, x: node.x || 0, y: node.y || 0, width: node.width || 0, height: node.height || 0 };
  if (node.children && node.children.length) out.children = node.children.map(strip);
  return out;
};
// Graphs shaped like the topology's, in turns: a call group (services and their sidecars calling
// each other) and the top level of many collapsed meshes (the client, the edge, and a fan-out to
// every mesh, layered by longest path). elkjs runs several times slower until V8 has compiled its
// hot paths, and the first real layout should not pay for that. Small rounds, and only while no
// real job waits: a real job waits for one round at most. Measured in cold processes: ten rounds
// of 20-service call groups warmed a 50-service one as well as four of 50 did (each round
// 0.1-0.3 s where a 50-service round took 1 s and more), but left the first 100-mesh top level
// at 0.3-0.4 s; taking every other round for a 100-mesh fan-out brought that to 0.1-0.15 s.
const WARM_ROUNDS = 10;
const WARM_OPTIONS = {
  'elk.algorithm': 'layered', 'elk.direction': 'RIGHT',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
};
const warmCallGroup = () => {
  const children = [];
  const edges = [];
  for (let i = 0; i < 20; i++) {
    children.push({ id: 's' + i, width: 170, height: 46 }, { id: 'd' + i, width: 170, height: 50 });
    edges.push({ id: 'sd' + i, sources: ['s' + i], targets: ['d' + i] });
    if (i > 0) edges.push({ id: 'dd' + i, sources: ['d' + (i - 1)], targets: ['d' + i] });
    if (i > 1) edges.push({ id: 'dx' + i, sources: ['d' + (i - 2)], targets: ['d' + i] });
  }
  return { id: 'warm-up', layoutOptions: WARM_OPTIONS, children, edges };
};
const warmTopLevel = () => {
  const children = [{ id: 'client', width: 110, height: 44 }, { id: 'edge', width: 160, height: 54 }];
  const edges = [{ id: 'ce', sources: ['client'], targets: ['edge'] }];
  for (let i = 0; i < 100; i++) {
    children.push({ id: 'm' + i, width: 240, height: 96 });
    edges.push({ id: 'em' + i, sources: ['edge'], targets: ['m' + i] });
  }
  return {
    id: 'warm-up',
    layoutOptions: { ...WARM_OPTIONS, 'elk.layered.layering.strategy': 'LONGEST_PATH' },
    children,
    edges,
  };
};
const warmGraph = (round) => (round % 2 ? warmTopLevel() : warmCallGroup());
const jobs = [];
let busy = false;
let warmRounds = 0;
const pump = () => {
  if (busy) return;
  const job = jobs.shift();
  if (job) {
    busy = true;
    elk.layout(job.graph).then(
      (result) => parentPort.postMessage({ id: job.id, ok: true, result: strip(result) }),
      (error) => parentPort.postMessage({ id: job.id, ok: false, error: String((error && error.message) || error).slice(0, 500) }),
    ).then(() => { busy = false; setImmediate(pump); });
    return;
  }
  if (warmRounds === 0) return;
  warmRounds -= 1;
  busy = true;
  elk.layout(warmGraph(warmRounds)).catch(() => {}).then(() => {
    busy = false;
    if (warmRounds === 0) parentPort.postMessage({ warmed: true });
    // After the messages that came in meanwhile: a real job goes before the next round.
    setImmediate(pump);
  });
};
parentPort.on('message', (message) => {
  if (message.warm) warmRounds = WARM_ROUNDS;
  else jobs.push(message);
  pump();
});
`;

/** The layout process seen as a `worker_threads` Worker (what the runner drives; tests substitute it). */
export type WorkerLike = Pick<Worker, 'postMessage' | 'terminate' | 'on' | 'off' | 'unref'>;

/**
 * The same worker as a child process. `npm start` runs Node with GC flags sized for the demo's
 * memory (`SERVER_NODE_FLAGS`), flags a worker thread cannot leave behind; ELK, all short-lived
 * garbage, runs about twice as fast with V8's defaults as under `--optimize-for-size`, which the
 * server once ran with. A plain `node -e` gets none of the parent's flags.
 */
export function createElkProcess(): WorkerLike {
  const elkPath = createRequire(import.meta.url).resolve('elkjs/lib/elk.bundled.js');
  const child = spawn(process.execPath, ['-e', ELK_WORKER_SOURCE], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      KUMA_DASHBOARD_ELK: JSON.stringify({ elkPath }),
    },
  });
  // A child that dies is a crash to the runner, as an uncaught error is in a worker thread.
  const errorListeners = new Map<(error: Error) => void, (code: number | null) => void>();
  const worker = {
    postMessage: (message: unknown) => {
      if (child.connected) child.send(message as Serializable);
    },
    terminate: async () => {
      child.kill();
      return 0;
    },
    on: (event: string, listener: (...args: unknown[]) => void) => {
      if (event === 'error') {
        const onExit = (code: number | null) =>
          (listener as (error: Error) => void)(new Error(`the layout process exited (${code})`));
        errorListeners.set(listener as (error: Error) => void, onExit);
        child.on('exit', onExit);
      }
      child.on(event, listener);
      return worker;
    },
    off: (event: string, listener: (...args: unknown[]) => void) => {
      if (event === 'error') {
        const onExit = errorListeners.get(listener as (error: Error) => void);
        if (onExit) child.off('exit', onExit);
      }
      child.off(event, listener);
      return worker;
    },
    unref: () => {
      child.unref();
      child.channel?.unref();
    },
  };
  return worker as unknown as WorkerLike;
}

export interface LaidOutNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  children?: LaidOutNode[];
}

/** ELK refused the graph (a 400 for the route), as opposed to a crash or a time-out. */
export class LayoutFailedError extends Error {}
/** The job ran past the time limit; the worker was restarted. */
export class LayoutTimeoutError extends Error {}

function abortError(): Error {
  return new DOMException('The layout was cancelled', 'AbortError');
}

interface Job {
  graph: unknown;
  signal: AbortSignal | undefined;
  resolve: (result: LaidOutNode) => void;
  reject: (error: Error) => void;
  onAbort: () => void;
}

export interface LayoutRunnerOptions {
  /** Longest a single layout may run before its worker is terminated. */
  timeoutMs: number;
  createWorker?: () => WorkerLike;
  /**
   * Start a worker now and again right after each restart: loading elkjs in a fresh thread
   * takes a second or more on a busy machine, which the first layout would otherwise wait for.
   * A restarted worker also warms up (see `warmUp`); the first one waits to be told, so that a
   * pool warms its processes one after the other.
   */
  warm?: boolean;
}

/**
 * One ELK process, one job at a time, first come first served. A cancelled job is dropped
 * from the queue, or, when it is the one running, its worker is terminated (ELK cannot be
 * interrupted) and a fresh one starts with the next job. The server's event loop never lays out.
 */
export class LayoutRunner {
  private worker: WorkerLike | undefined;
  private readonly queue: Job[] = [];
  private running: { job: Job; id: number; timer: NodeJS.Timeout } | undefined;
  private nextId = 1;
  /** Workers started so far (a restart after a cancel or time-out counts). */
  workersStarted = 0;
  private readonly timeoutMs: number;
  private readonly createWorker: () => WorkerLike;
  private readonly warm: boolean;
  private closed = false;
  /** Callers of `warmUp` waiting for the worker's word. */
  private warming: (() => void)[] = [];

  constructor(options: LayoutRunnerOptions) {
    this.timeoutMs = options.timeoutMs;
    this.createWorker = options.createWorker ?? (() => createElkProcess());
    this.warm = options.warm ?? false;
    if (this.warm) this.ensureWorker();
  }

  /**
   * Has the worker lay out small graphs until V8 has compiled ELK's hot paths, a round at a
   * time and only while no real job waits (a real job waits for one small round at most).
   * Settles when the worker says it is done, or when that worker is gone.
   */
  warmUp(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.warming.push(resolve);
      this.ensureWorker().postMessage({ warm: true });
    });
  }

  private warmed(): void {
    for (const resolve of this.warming.splice(0)) resolve();
  }

  /** Jobs waiting (not counting the running one). */
  get queued(): number {
    return this.queue.length;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  layout(graph: unknown, signal?: AbortSignal): Promise<LaidOutNode> {
    if (this.closed) return Promise.reject(new Error('the layout service is closed'));
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const job: Job = { graph, signal, resolve, reject, onAbort: () => this.cancel(job) };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      this.next();
    });
  }

  /** Ends the worker; queued jobs fail. */
  close(): void {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, () => job.reject(abortError()));
    if (this.running) this.abortRunning(abortError());
    void this.worker?.terminate();
    this.worker = undefined;
    this.warmed();
  }

  private cancel(job: Job): void {
    const index = this.queue.indexOf(job);
    if (index >= 0) {
      this.queue.splice(index, 1);
      this.settle(job, () => job.reject(abortError()));
      return;
    }
    if (this.running?.job === job) {
      this.abortRunning(abortError());
      this.next();
    }
  }

  /** ELK cannot be interrupted: the worker goes, the next job gets a new one. */
  private abortRunning(error: Error): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    clearTimeout(running.timer);
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      worker.off('message', this.onMessage);
      worker.off('error', this.onError);
      void worker.terminate();
    }
    this.settle(running.job, () => running.job.reject(error));
    // Whoever waited for the old worker to warm up waits no longer.
    this.warmed();
    if (this.warm && !this.closed) void this.warmUp();
  }

  private settle(job: Job, finish: () => void): void {
    job.signal?.removeEventListener('abort', job.onAbort);
    finish();
  }

  private readonly onMessage = (message: {
    id?: number;
    ok?: boolean;
    result?: LaidOutNode;
    error?: string;
    warmed?: boolean;
  }): void => {
    if (message.warmed) {
      this.warmed();
      return;
    }
    const running = this.running;
    if (!running || message.id !== running.id) return;
    this.running = undefined;
    clearTimeout(running.timer);
    this.settle(running.job, () =>
      message.ok && message.result
        ? running.job.resolve(message.result)
        : running.job.reject(new LayoutFailedError(message.error ?? 'the layout failed')),
    );
    this.next();
  };

  private readonly onError = (error: Error): void => {
    this.warmed();
    this.abortRunning(new Error(`the layout worker crashed: ${error.message}`));
    this.next();
  };

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    this.workersStarted += 1;
    // A waiting worker never keeps the process alive (tests, shutdown).
    worker.unref();
    worker.on('message', this.onMessage);
    worker.on('error', this.onError);
    this.worker = worker;
    return worker;
  }

  private next(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.abortRunning(
        new LayoutTimeoutError(
          `the layout took longer than ${Math.round(this.timeoutMs / 1000)} s`,
        ),
      );
      this.next();
    }, this.timeoutMs);
    this.running = { job, id, timer };
    this.ensureWorker().postMessage({ id, graph: job.graph });
  }
}

/**
 * Several runners, each with its own process: a job goes to the least loaded one (ties to the
 * first), so the meshes of an "Expand all" are laid out side by side, not one after another.
 */
export class LayoutPool {
  readonly runners: LayoutRunner[];

  constructor(size: number, options: LayoutRunnerOptions) {
    this.runners = Array.from({ length: Math.max(1, size) }, () => new LayoutRunner(options));
    // One process warms up at a time: two at once on a two-core machine took both cores from
    // the first page load (and its first layout) right after start-up.
    if (options.warm) {
      this.warmedUp = this.runners.reduce<Promise<void>>(
        (previous, runner) => previous.then(() => runner.warmUp()),
        Promise.resolve(),
      );
    }
  }

  /** Settles once every process has warmed up (at once when the pool does not warm). */
  readonly warmedUp: Promise<void> = Promise.resolve();

  /** Jobs waiting in any runner (not counting running ones). */
  get queued(): number {
    return this.runners.reduce((sum, runner) => sum + runner.queued, 0);
  }

  /** Processes started so far, restarts included. */
  get workersStarted(): number {
    return this.runners.reduce((sum, runner) => sum + runner.workersStarted, 0);
  }

  layout(graph: unknown, signal?: AbortSignal): Promise<LaidOutNode> {
    const load = (runner: LayoutRunner) => runner.queued + (runner.busy ? 1 : 0);
    const [first, ...rest] = this.runners as [LayoutRunner, ...LayoutRunner[]];
    const idlest = rest.reduce(
      (best, runner) => (load(runner) < load(best) ? runner : best),
      first,
    );
    return idlest.layout(graph, signal);
  }

  close(): void {
    for (const runner of this.runners) runner.close();
  }
}
