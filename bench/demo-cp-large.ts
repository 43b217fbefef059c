/**
 * The demo control plane on the `large` scenario (`--meshes`, `--services`, `--dataplanes`;
 * 100 / 5,000 / 50,000 by default), in two phases in one process:
 *
 * 1. The demo in this process: start-up (until it answers), then 20 ticks by hand, RSS after a
 *    GC, and the latency of the heaviest lists over HTTP between ticks (the keys `bench/run.ts`
 *    reads).
 * 2. The dashboard's server (`server/app.ts`) with its embedded demo backend, ticking on its timer
 *    at the default interval: the median latency of the lists and insights a dashboard asks for,
 *    and of `GET /` (index.html), each loop in a worker thread as a browser would ask, all
 *    measured while the ticks run; then index.html again under the same load with the ticks off.
 *
 * Prints one JSON line. Run with `--expose-gc` (as `bench/run.ts` does) so RSS is measured after
 * a collection.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { getRequestListener } from '@hono/node-server';
import { listen } from '../demo-cp/src/listen';
import { DEFAULT_OPTIONS } from '../demo-cp/src/options';
import { startDemo } from '../demo-cp/src/start';
import { createServerApp, startApiBackend } from '../server/app';
import { parseServerOptions } from '../server/options';

const here = dirname(fileURLToPath(import.meta.url));
const TICKS = 20;
const OVERVIEW_REQUESTS = 40;

function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (position - low);
}

const median = (values: number[]) => quantile(values, 0.5);
const round1 = (value: number) => Number(value.toFixed(1));

function rssMb(): number {
  global.gc?.();
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

async function timed(url: string): Promise<{ ms: number; body: string; status: number }> {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  return { ms: performance.now() - started, body, status: response.status };
}

/** Phase 1: the demo in this process, ticked by hand. */
async function inProcess(size: { meshes: number; services: number; dataplanes: number }) {
  // Started as `npm run demo-cp` starts it (with its timer): start-up lasts until it answers.
  const startedAt = performance.now();
  const demo = await startDemo({ ...DEFAULT_OPTIONS, scenario: 'large', seed: 1, large: size });
  const startupMs = performance.now() - startedAt;
  // Then ticked by hand: the timer stops, and the first tick (in slices since start) finishes.
  const firstTickStart = performance.now();
  demo.stop();
  const firstTickMs = performance.now() - firstTickStart;
  const tickTimes: number[] = [];
  // CPU time too: on a shared machine the wall clock also counts other processes' turns.
  const tickCpuTimes: number[] = [];
  for (let i = 0; i < TICKS; i++) {
    const tickStart = performance.now();
    const cpuStart = process.cpuUsage();
    demo.world.tick();
    const cpu = process.cpuUsage(cpuStart);
    tickTimes.push(performance.now() - tickStart);
    tickCpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  const rss = rssMb();
  const heapUsedMb = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
  const server = await listen(demo.fetch, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${portOf(server)}`;
  const mesh = demo.world.meshes()[0]?.name ?? 'mesh-001';
  const latencies: number[] = [];
  let items = 0;
  let bytes = 0;
  for (let i = 0; i < OVERVIEW_REQUESTS + 5; i++) {
    const { ms, body } = await timed(`${base}/meshes/${mesh}/dataplanes/_overview?size=1000`);
    if (i >= 5) latencies.push(ms);
    bytes = body.length;
    items = (JSON.parse(body) as { items: unknown[] }).items.length;
  }
  const crossLatencies: number[] = [];
  for (let i = 0; i < 15; i++) {
    const { ms } = await timed(`${base}/dataplanes/_overview?size=1000`);
    if (i >= 5) crossLatencies.push(ms);
  }
  const result = {
    dataplanes: demo.world.dataplanes().length,
    meshes: demo.world.meshes().length,
    startupMs: Math.round(startupMs),
    firstTickMs: Math.round(firstTickMs),
    medianTickMs: Math.round(median(tickTimes)),
    p95TickMs: Math.round(quantile(tickTimes, 0.95)),
    medianTickCpuMs: Math.round(median(tickCpuTimes)),
    overviewItems: items,
    overviewBytes: bytes,
    medianOverviewMs: round1(median(latencies)),
    medianCrossMeshOverviewMs: round1(median(crossLatencies)),
    rssMb: rss,
    heapUsedMb,
  };
  await new Promise((resolve) => server.close(resolve));
  demo.stop();
  return { result, mesh };
}

/** A static directory with the built SPA's index.html (or a stand-in of the same kind). */
async function staticDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'demo-cp-bench-'));
  let html =
    '<!doctype html><html><head><title>Kuma</title></head><body><div id="root"></div></body></html>';
  try {
    html = await readFile(join(here, '..', 'dist', 'index.html'), 'utf8');
  } catch {
    // No build: the stand-in is as small as the real page.
  }
  await writeFile(join(dir, 'index.html'), html);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Requests each of `paths` in turn for `ms`, pausing `pauseMs` after each round, from a worker
 * thread (as a browser is a process of its own: a client in the server's thread took that thread
 * from the server it measures): the latencies by key, and the failures.
 */
function loopInThread(
  base: string,
  paths: Record<string, string>,
  ms: number,
  pauseMs = 0,
): Promise<{ latencies: Record<string, number[]>; failures: string[] }> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const { base, paths, ms, pauseMs } = workerData;
      const latencies = Object.fromEntries(Object.keys(paths).map((key) => [key, []]));
      const failures = [];
      const until = performance.now() + ms;
      while (performance.now() < until) {
        for (const [key, path] of Object.entries(paths)) {
          const started = performance.now();
          const response = await fetch(base + path);
          await response.text();
          if (response.status !== 200) failures.push(path + ': ' + response.status);
          latencies[key].push(performance.now() - started);
        }
        if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
      parentPort.postMessage({ latencies, failures });
    })();
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { base, paths, ms, pauseMs } });
    worker.once('message', (result) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/**
 * Phase 2: `npm start`'s server with the embedded demo, ticking on its own timer (or, with
 * `tickMs`, seldom enough that no tick runs while it is measured), measured once its first tick
 * has run.
 */
async function underLoad(
  size: { meshes: number; services: number; dataplanes: number },
  mesh: string,
  seconds: number,
  tickMs?: number,
) {
  const options = parseServerOptions(
    [
      '--skip-build',
      '--scenario',
      'large',
      '--meshes',
      String(size.meshes),
      '--services',
      String(size.services),
      '--dataplanes',
      String(size.dataplanes),
      ...(tickMs ? ['--tick-ms', String(tickMs)] : []),
    ],
    {},
  );
  const startedAt = performance.now();
  const { backend, stop, firstTick } = await startApiBackend(options);
  const backendStartupMs = performance.now() - startedAt;
  await firstTick;
  const statics = await staticDir();
  const app = createServerApp(backend, statics.dir, {
    listenHost: '127.0.0.1',
    allowedHosts: [],
  });
  const server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${portOf(server)}`;
  const paths = {
    meshes: '/api/meshes',
    meshInsights: '/api/mesh-insights',
    serviceInsights: `/api/meshes/${mesh}/service-insights`,
    meshOverview: `/api/meshes/${mesh}/dataplanes/_overview?size=1000`,
    gatewayOverview: '/api/dataplanes/_overview?gateway=true&size=1000',
  } as const;
  // The API loop and the index.html loop run side by side, as a browser loading the page would.
  const ms = seconds * 1000;
  const [api, index] = await Promise.all([
    loopInThread(base, paths, ms),
    loopInThread(base, { index: '/' }, ms, 50),
  ]);
  const serverRssMb = rssMb();
  await new Promise((resolve) => server.close(resolve));
  stop();
  await statics.cleanup();
  const latencies = api.latencies;
  const indexLatencies = index.latencies.index ?? [];
  const failures = [...api.failures, ...index.failures];
  return {
    backendStartupMs: Math.round(backendStartupMs),
    tickingSeconds: seconds,
    medianMeshesMs: round1(median(latencies.meshes ?? [])),
    medianMeshInsightsMs: round1(median(latencies.meshInsights ?? [])),
    medianServiceInsightsMs: round1(median(latencies.serviceInsights ?? [])),
    medianMeshOverviewTickingMs: round1(median(latencies.meshOverview ?? [])),
    medianGatewayOverviewMs: round1(median(latencies.gatewayOverview ?? [])),
    p95ApiTickingMs: round1(quantile(Object.values(latencies).flat(), 0.95)),
    apiRequestsTicking: Object.values(latencies).flat().length,
    indexHtmlMs: round1(median(indexLatencies)),
    p95IndexHtmlMs: round1(quantile(indexLatencies, 0.95)),
    indexHtmlRequests: indexLatencies.length,
    serverRssMb,
    ...(failures.length > 0 ? { failures: failures.slice(0, 5) } : {}),
  };
}

/** Longer than any run: the demo ticks once, at start-up, and not while it is measured. */
const NO_TICKS_MS = 3_600_000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      meshes: { type: 'string', default: '100' },
      services: { type: 'string', default: '5000' },
      dataplanes: { type: 'string', default: '50000' },
      seconds: { type: 'string', default: '16' },
    },
  });
  const size = {
    meshes: Number(values.meshes),
    services: Number(values.services),
    dataplanes: Number(values.dataplanes),
  };
  const { result, mesh } = await inProcess(size);
  const seconds = Number(values.seconds);
  const ticking = await underLoad(size, mesh, seconds);
  // The same load with the ticks off: what index.html costs when no simulation runs beside it.
  const still = await underLoad(size, mesh, seconds, NO_TICKS_MS);
  console.log(
    JSON.stringify({
      ...result,
      ...ticking,
      indexHtmlNoTicksMs: still.indexHtmlMs,
      p95IndexHtmlNoTicksMs: still.p95IndexHtmlMs,
      ...(still.failures ? { failuresNoTicks: still.failures } : {}),
    }),
  );
  // A demo worker still winding down must not hold the figures back.
  process.exit(0);
}

void main();
