/**
 * The topology screen in Chromium at 100, 1,000 and 5,000 dataplanes (the demo's `large`
 * scenario), and at 5,000 with one mesh expanded: time from data to an interactive graph, layout
 * time, and frame times while panning and zooming. Each figure is the median of LOADS page loads
 * (HTTP cache disabled); progress goes to stderr, one JSON line to stdout at the end.
 *
 * How each figure is taken (all instants on the page's own `performance.now()` clock):
 * - `interactiveMs`: from "data arrived" to "interactive".
 *   "Data arrived" is the latest `responseEnd` (Resource Timing) of the first response of every
 *   API request the first drawing needs: `/meshes` and `/mesh-insights` (the mesh list),
 *   `/meshgateways` and `/dataplanes/_overview?gateway=true` (the gateway list), and for every
 *   expanded mesh `/meshes/<m>/dataplanes/_overview` (each page) and its routes, permissions and
 *   MeshServices. Refetches (same URL again) are ignored.
 *   "Interactive" is the end of the frame that painted the graph: a MutationObserver sees the
 *   canvas report `data-layout="done"` with at least one visible `.react-flow__node`, then the
 *   timestamp of the second `requestAnimationFrame` after that, i.e. once the main thread has
 *   produced the frame showing the nodes and is free to handle input. The first such instant
 *   after "data arrived" counts (at 100 dataplanes a gateway-only layout may be drawn before the
 *   mesh details arrive: it does not count).
 * - `layoutMs`: how long the canvas said `data-layout="pending"` for the layout drawn at
 *   "interactive" (prepare the ELK graph, ELK in its worker, to React Flow, commit). When the
 *   mesh details arrive while an earlier layout is still pending (100 dataplanes), that interval
 *   began before "data arrived"; `elkMs` is then the better figure.
 *   `elkMs` is the part in the worker, for the drawn layout: `postMessage({cmd: 'layout'})` to
 *   its reply, measured by wrapping `window.Worker` in an init script (no change to the app).
 *   On a first layout it includes fetching, compiling and starting elkjs in the worker.
 *   `elkWarmMs` is the same graph laid out again in the then warm worker (ELK's own time);
 *   `elkCalls` counts layouts sent before the drawn one was done (above 1: some were wasted).
 *   `beforeLayoutMs` is "data arrived" → `pending` (parse, validate, build the model, render,
 *   load the canvas chunk); `suspenseMs` is from the bar above the canvas (rendered with the
 *   canvas's Suspense boundary, so with its fallback) to the canvas. `paintMs` is `done` →
 *   "interactive"; `dataMs` is navigation → "data arrived" (network and demo control plane).
 * - `frameMedianMs` / `frameP90Ms`: intervals between consecutive `requestAnimationFrame`
 *   callbacks, over the frames that moved the graph (the viewport's transform changed since
 *   the previous callback), while the mouse drags the pane back and forth (pan) and then while
 *   wheel events zoom in and out over the canvas: at least FRAMES_PER_PHASE such frames per
 *   phase (or PHASE_BUDGET_MS). Input is real (Playwright, through CDP) and sent as fast as
 *   Chromium acknowledges it; frames with no input to draw (`idleFrames`) are left out, they
 *   would flatter the median. Headless Chromium draws at 60 Hz: 16.7 ms is the floor, a frame
 *   that misses it shows as 33.3 ms. `panMedianMs` / `zoomMedianMs` are the two phases apart.
 * - `nodes`: React Flow nodes in the laid-out graph (`data-nodes`); `domNodes`: those mounted
 *   (above 300 nodes only the ones in the viewport are).
 *
 * Flags, for working on one case: `--loads N`, `--only dp5000,dp5000Expanded`, `--verbose`
 * (each load's timeline: states, ELK calls, resources, long tasks).
 */

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type RunningProcess, startDashboard } from '../e2e/support/processes';
import { CHROMIUM_ARGS } from '../playwright.config';
import { ensureBuilt } from '../server/build';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOADS = 3;
/** Frames that moved the graph, per phase (pan, zoom). */
const FRAMES_PER_PHASE = 40;
const PHASE_BUDGET_MS = 6000;
const INTERACTIVE_TIMEOUT_MS = 60_000;
/** After the graph is interactive: no later first response may arrive in this window. */
const SETTLE_MS = 500;
const VIEWPORT = { width: 1280, height: 800 };

interface Case {
  name: string;
  path: string;
  /** Meshes drawn expanded, whose details must have arrived. */
  expandedMeshes: number;
}

interface Size {
  label: string;
  args: string[];
  cases: Case[];
}

const SIZES: Size[] = [
  {
    label: '100 dataplanes',
    args: ['--meshes', '2', '--services', '10', '--dataplanes', '100'],
    // At most 300 dataplanes: every mesh starts expanded.
    cases: [{ name: 'dp100', path: '/topology', expandedMeshes: 2 }],
  },
  {
    label: '1,000 dataplanes',
    args: ['--meshes', '5', '--services', '100', '--dataplanes', '1000'],
    cases: [{ name: 'dp1000', path: '/topology', expandedMeshes: 0 }],
  },
  {
    label: '5,000 dataplanes',
    args: ['--meshes', '10', '--services', '500', '--dataplanes', '5000'],
    cases: [
      { name: 'dp5000', path: '/topology', expandedMeshes: 0 },
      { name: 'dp5000Expanded', path: '/topology?expand=mesh-01', expandedMeshes: 1 },
    ],
  },
];

/** What the page reports once the graph is interactive (see the top comment). */
interface Milestones {
  /** Also navigation → "data arrived": the page's clock starts at navigation. */
  dataArrived: number;
  pendingAt: number;
  /** When the bar above the canvas (rendered with the canvas's Suspense boundary) appeared. */
  barAt: number;
  doneAt: number;
  interactiveAt: number;
  elkMs: number;
  /** Layouts sent to ELK before the drawn one was done (more than 1: some were thrown away). */
  elkCalls: number;
  nodes: number;
  domNodes: number;
}

interface Frame {
  phase: 'pan' | 'zoom';
  ms: number;
  /** The viewport's transform changed since the previous frame. */
  moved: boolean;
}

/** The page side, installed before any script of the app runs. */
interface PageBench {
  summary: (expandedMeshes: number) => Milestones | null;
  panePoint: () => { x: number; y: number } | null;
  startFrames: (phase: 'pan' | 'zoom' | null) => void;
  stopFrames: () => Frame[];
  /** Frames of that phase that moved the graph. */
  frameCount: (phase: 'pan' | 'zoom') => number;
  /** Runs the drawn layout again in the warm worker: ELK's own time, without its start-up. */
  elkWarm: () => Promise<number>;
  /** What the page saw, for an error message. */
  debug: () => string;
}

declare global {
  interface Window {
    __topologyBench: PageBench;
  }
}

/**
 * Plain JavaScript as a string: tsx compiles with keepNames, and the `__name` helper it would
 * insert into a serialized function does not exist in the page.
 */
const PAGE_SCRIPT = `(() => {
  const bench = { states: [], painted: [], elk: [], frames: [], phase: null, looping: false };
  window.__topologyBench = bench;
  performance.setResourceTimingBufferSize(10000);

  // ELK's worker: time each layout request to its reply; keep the last one to replay it warm.
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      if (!String(url).includes('elk')) return;
      const started = new Map();
      const replays = new Map();
      const post = this.postMessage.bind(this);
      this.postMessage = (message, transfer) => {
        if (message && message.cmd === 'layout') {
          started.set(message.id, performance.now());
          bench.lastLayout = { post, message };
        }
        return transfer === undefined ? post(message) : post(message, transfer);
      };
      this.addEventListener('message', (event) => {
        const id = event.data && event.data.id;
        const replay = replays.get(id);
        if (replay) {
          replays.delete(id);
          replay(performance.now());
          return;
        }
        const start = started.get(id);
        if (start === undefined) return;
        started.delete(id);
        bench.elk.push({ start, end: performance.now() });
      });
      // The drawn layout again, in the now warm worker (elk-api ignores replies it did not ask for).
      bench.elkWarm = () => {
        const last = bench.lastLayout;
        if (!last) return Promise.resolve(NaN);
        const id = 'bench-' + replays.size + '-' + performance.now();
        const start = performance.now();
        return new Promise((resolve) => {
          replays.set(id, (end) => resolve(end - start));
          last.post({ ...last.message, id });
        });
      };
    }
  };

  bench.longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        bench.longTasks.push(Math.round(entry.startTime) + '+' + Math.round(entry.duration));
    }).observe({ type: 'longtask', buffered: true });
  } catch {}

  // The canvas's data-layout transitions, and when a "done" graph with nodes got painted.
  let last = 'absent';
  let waitingForNodes = false;
  const check = () => {
    const canvas = document.querySelector('[data-testid="topology-canvas"]');
    const state = canvas ? canvas.getAttribute('data-layout') : 'absent';
    const now = performance.now();
    // The bar above the canvas renders with the canvas's Suspense boundary (and its fallback).
    if (bench.barAt === undefined && document.querySelector('.topo-bar')) bench.barAt = now;
    if (state !== last) {
      bench.states.push({ state, t: now });
      last = state;
      waitingForNodes = state === 'done';
    }
    if (waitingForNodes && canvas) {
      const node = canvas.querySelector('.react-flow__node:not([style*="visibility: hidden"])');
      if (!node) return;
      waitingForNodes = false;
      requestAnimationFrame(() =>
        requestAnimationFrame(() => bench.painted.push({ seenAt: now, t: performance.now() })),
      );
    }
  };
  bench.observer = new MutationObserver(check);
  bench.observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-layout'],
  });

  const CORE = ['/api/meshes', '/api/mesh-insights', '/api/meshgateways', '/api/dataplanes/_overview'];
  const DETAIL = /^\\/api\\/meshes\\/([^/]+)\\/(dataplanes\\/_overview|meshhttproutes|meshtcproutes|meshtrafficpermissions|meshservices)$/;

  bench.summary = (expandedMeshes) => {
    const seen = new Set();
    const core = new Set();
    const detailMeshes = new Set();
    let dataArrived = 0;
    for (const entry of performance.getEntriesByType('resource')) {
      if (seen.has(entry.name)) continue;
      const url = new URL(entry.name);
      const isCore = CORE.includes(url.pathname) &&
        (url.pathname !== '/api/dataplanes/_overview' || url.searchParams.get('gateway') === 'true');
      const detail = DETAIL.exec(url.pathname);
      if (!isCore && !detail) continue;
      seen.add(entry.name);
      dataArrived = Math.max(dataArrived, entry.responseEnd);
      if (isCore) core.add(url.pathname);
      if (detail && detail[2] === 'dataplanes/_overview') detailMeshes.add(decodeURIComponent(detail[1]));
    }
    const hasLists = core.has('/api/meshes') && core.has('/api/mesh-insights') &&
      core.has('/api/dataplanes/_overview');
    if (!hasLists || detailMeshes.size < expandedMeshes) return null;
    const painted = bench.painted.find((entry) => entry.seenAt >= dataArrived);
    if (!painted) return null;
    const done = bench.states.filter((s) => s.state === 'done' && s.t <= painted.seenAt).at(-1);
    const pending = done && bench.states.filter((s) => s.state === 'pending' && s.t <= done.t).at(-1);
    const elk = done && bench.elk.filter((e) => e.end <= done.t).at(-1);
    const canvas = document.querySelector('[data-testid="topology-canvas"]');
    return {
      dataArrived,
      pendingAt: pending ? pending.t : NaN,
      barAt: bench.barAt === undefined ? NaN : bench.barAt,
      doneAt: done ? done.t : NaN,
      interactiveAt: painted.t,
      elkMs: elk ? elk.end - elk.start : NaN,
      elkCalls: done ? bench.elk.filter((e) => e.start <= done.t).length : NaN,
      nodes: Number(canvas ? canvas.getAttribute('data-nodes') : NaN),
      domNodes: canvas ? canvas.querySelectorAll('.react-flow__node').length : 0,
    };
  };

  // A point of the canvas on the empty pane (not a node, not the controls), in the viewport.
  bench.panePoint = () => {
    const canvas = document.querySelector('[data-testid="topology-canvas"]');
    if (!canvas) return null;
    const box = canvas.getBoundingClientRect();
    const bottom = Math.min(box.bottom, window.innerHeight);
    for (let fy = 0.2; fy <= 0.8; fy += 0.05) {
      for (let fx = 0.85; fx >= 0.15; fx -= 0.05) {
        const x = box.left + box.width * fx;
        const y = box.top + (bottom - box.top) * fy;
        const element = document.elementFromPoint(x, y);
        if (element && element.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  };

  bench.startFrames = (phase) => {
    bench.phase = phase;
    if (bench.looping) return;
    bench.observer.disconnect();
    bench.looping = true;
    const viewport = document.querySelector('.react-flow__viewport');
    let previous;
    let transform = viewport ? viewport.style.transform : '';
    const loop = (t) => {
      if (!bench.looping) return;
      // Did the last frame move the graph? (An inline style: reading it forces no layout.)
      const now = viewport ? viewport.style.transform : '';
      if (previous !== undefined && bench.phase) {
        bench.frames.push({ phase: bench.phase, ms: t - previous, moved: now !== transform });
      }
      previous = t;
      transform = now;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  };
  bench.stopFrames = () => {
    bench.looping = false;
    bench.phase = null;
    return bench.frames;
  };
  bench.debug = () => JSON.stringify({
    url: location.href,
    states: bench.states,
    painted: bench.painted,
    elk: bench.elk,
    resources: performance.getEntriesByType('resource').map((entry) =>
      Math.round(entry.startTime) + '-' + Math.round(entry.responseEnd) + ' ' +
      entry.name.replace(location.origin, '') + ' ' + Math.round(entry.encodedBodySize / 1024) + 'KiB'),
    longTasks: bench.longTasks,
  });
  bench.frameCount = (phase) =>
    bench.frames.filter((frame) => frame.phase === phase && frame.moved).length;
})();`;

function median(values: number[]): number {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function log(message: string): void {
  process.stderr.write(`[bench:topology] ${message}\n`);
}

/** Waits until the graph is interactive and no later first response of the topology arrives. */
async function waitForInteractive(page: Page, expandedMeshes: number): Promise<Milestones> {
  const deadline = Date.now() + INTERACTIVE_TIMEOUT_MS;
  let previous: Milestones | null = null;
  for (;;) {
    const remaining = deadline - Date.now();
    try {
      if (remaining <= 0) throw new Error('timed out');
      await page.waitForFunction(
        (expected) => window.__topologyBench.summary(expected) !== null,
        expandedMeshes,
        { polling: 50, timeout: remaining },
      );
    } catch (error) {
      const state = await page.evaluate(() => window.__topologyBench.debug()).catch(() => '');
      throw new Error(`the topology did not become interactive in time: ${state}`, {
        cause: error,
      });
    }
    const current = await page.evaluate(
      (expected) => window.__topologyBench.summary(expected),
      expandedMeshes,
    );
    if (current && previous && current.dataArrived === previous.dataArrived) return current;
    previous = current;
    await page.waitForTimeout(SETTLE_MS);
  }
}

/** Drags the pane back and forth, then zooms in and out with the wheel; returns frame times. */
async function panAndZoom(page: Page): Promise<Frame[]> {
  await page.locator('[data-testid="topology-canvas"]').scrollIntoViewIfNeeded();
  const start = await page.evaluate(() => window.__topologyBench.panePoint());
  const box = await page.locator('[data-testid="topology-canvas"]').boundingBox();
  if (!start || !box) throw new Error('no empty point of the pane to drag');
  const center = {
    x: box.x + box.width / 2,
    y: box.y + Math.min(box.height, VIEWPORT.height - box.y) / 2,
  };

  await page.mouse.move(start.x, start.y);
  await page.evaluate(() => window.__topologyBench.startFrames('pan'));
  await page.mouse.down();
  let began = Date.now();
  for (let step = 1; ; step++) {
    const angle = (step / 40) * 2 * Math.PI;
    await page.mouse.move(start.x - 220 * Math.sin(angle), start.y + 120 * Math.sin(2 * angle));
    if (step % 8 !== 0) continue;
    const frames = await page.evaluate(() => window.__topologyBench.frameCount('pan'));
    if (frames >= FRAMES_PER_PHASE || Date.now() - began > PHASE_BUDGET_MS) break;
  }
  await page.mouse.move(start.x, start.y);
  await page.mouse.up();

  await page.evaluate(() => window.__topologyBench.startFrames(null));
  await page.mouse.move(center.x, center.y);
  await page.evaluate(() => window.__topologyBench.startFrames('zoom'));
  began = Date.now();
  for (let step = 0; ; step++) {
    // Ten notches in, ten out: the zoom stays around the fitted view.
    await page.mouse.wheel(0, Math.floor(step / 10) % 2 === 0 ? -100 : 100);
    if (step % 8 !== 7) continue;
    const frames = await page.evaluate(() => window.__topologyBench.frameCount('zoom'));
    if (frames >= FRAMES_PER_PHASE || Date.now() - began > PHASE_BUDGET_MS) break;
  }
  return page.evaluate(() => window.__topologyBench.stopFrames());
}

interface LoadResult {
  interactiveMs: number;
  layoutMs: number;
  elkMs: number;
  elkWarmMs: number;
  elkCalls: number;
  beforeLayoutMs: number;
  suspenseMs: number;
  paintMs: number;
  dataMs: number;
  frameMedianMs: number;
  frameP90Ms: number;
  panMedianMs: number;
  zoomMedianMs: number;
  frames: number;
  idleFrames: number;
  nodes: number;
  domNodes: number;
}

async function measureLoad(browser: Browser, url: string, scenario: Case): Promise<LoadResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({ content: PAGE_SCRIPT });
    const page = await context.newPage();
    const client = await context.newCDPSession(page);
    await client.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(`${url}${scenario.path}`);
    const at = await waitForInteractive(page, scenario.expandedMeshes);
    if (verbose) log(await page.evaluate(() => window.__topologyBench.debug()));
    const frames = await panAndZoom(page);
    const elkWarmMs = await page.evaluate(() => window.__topologyBench.elkWarm());
    for (const phase of ['pan', 'zoom'] as const) {
      if (!frames.some((frame) => frame.phase === phase && frame.moved))
        throw new Error(`${phase}: the viewport never moved (input missed the pane?)`);
    }
    // Only frames that drew a pan or zoom step: idle frames in between would flatter the median.
    const moved = frames.filter((frame) => frame.moved);
    const all = moved.map((frame) => frame.ms);
    const of = (phase: Frame['phase']) =>
      moved.filter((frame) => frame.phase === phase).map((frame) => frame.ms);
    return {
      interactiveMs: at.interactiveAt - at.dataArrived,
      layoutMs: at.doneAt - at.pendingAt,
      elkMs: at.elkMs,
      elkWarmMs,
      elkCalls: at.elkCalls,
      beforeLayoutMs: at.pendingAt - at.dataArrived,
      suspenseMs: at.pendingAt - at.barAt,
      paintMs: at.interactiveAt - at.doneAt,
      dataMs: at.dataArrived,
      frameMedianMs: median(all),
      frameP90Ms: percentile(all, 0.9),
      panMedianMs: median(of('pan')),
      zoomMedianMs: median(of('zoom')),
      frames: all.length,
      idleFrames: frames.length - all.length,
      nodes: at.nodes,
      domNodes: at.domNodes,
    };
  } finally {
    await context.close();
  }
}

type CaseResult = Record<keyof LoadResult, number>;

async function measureCase(
  browser: Browser,
  url: string,
  scenario: Case,
  loads: number,
): Promise<CaseResult> {
  const results: LoadResult[] = [];
  for (let load = 1; load <= loads; load++) {
    const result = await measureLoad(browser, url, scenario);
    log(
      `${scenario.name} load ${load}/${loads}: interactive ${Math.round(result.interactiveMs)} ms ` +
        `(before layout ${Math.round(result.beforeLayoutMs)} [suspended ${Math.round(result.suspenseMs)}], layout ${Math.round(result.layoutMs)} ` +
        `[elk ${Math.round(result.elkMs)}, warm ${Math.round(result.elkWarmMs)}, ${result.elkCalls} call(s)], paint ${Math.round(result.paintMs)}), ` +
        `frames median ${round1(result.frameMedianMs)} ms / p90 ${round1(result.frameP90Ms)} ms ` +
        `(${result.frames} frames), ${result.nodes} nodes (${result.domNodes} mounted)`,
    );
    results.push(result);
  }
  const keys = Object.keys(results[0] ?? {}) as (keyof LoadResult)[];
  const summary = {} as CaseResult;
  for (const key of keys) {
    const value = median(results.map((result) => result[key]));
    summary[key] = key.endsWith('Ms') && Math.abs(value) >= 100 ? Math.round(value) : round1(value);
  }
  return summary;
}

let verbose = false;
const running = new Set<RunningProcess>();

async function stopAll(): Promise<void> {
  await Promise.all([...running].map((dashboard) => dashboard.stop()));
  running.clear();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { loads: { type: 'string' }, only: { type: 'string' }, verbose: { type: 'boolean' } },
  });
  verbose = values.verbose ?? false;
  const loads = values.loads ? Math.max(1, Number(values.loads)) : LOADS;
  const only = values.only?.split(',');

  // ensureBuilt announces a build on stdout, which is kept for the JSON line.
  const consoleLog = console.log;
  console.log = console.error;
  try {
    await ensureBuilt(root);
  } finally {
    console.log = consoleLog;
  }

  const result: Record<string, CaseResult> = {};
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    for (const size of SIZES) {
      const cases = size.cases.filter((scenario) => !only || only.includes(scenario.name));
      if (cases.length === 0) continue;
      log(`starting a dashboard on \`large\` with ${size.label}`);
      const dashboard = await startDashboard([
        '--scenario',
        'large',
        ...size.args,
        '--tick-ms',
        '60000',
      ]);
      running.add(dashboard);
      try {
        for (const scenario of cases) {
          result[scenario.name] = await measureCase(browser, dashboard.url, scenario, loads);
        }
      } finally {
        running.delete(dashboard);
        await dashboard.stop();
      }
    }
  } finally {
    await browser.close();
    await stopAll();
  }
  console.log(JSON.stringify(result));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stopAll();
  process.exitCode = 1;
});
