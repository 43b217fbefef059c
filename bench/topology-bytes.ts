/**
 * What `/topology` asks of the control plane per refresh, in Chromium, on the demo's `large`
 * scenario at 5,000 dataplanes / 10 meshes and 50,000 dataplanes / 100 meshes, with one mesh
 * expanded (`?expand=mesh-01`) and with every mesh expanded (`?expand=<all>`, as "expand all"
 * writes it). One JSON line on stdout, progress on stderr.
 *
 * How: the page loads; once every expanded mesh's dataplane list (`/meshes/<m>/dataplanes/
 * _overview`, any query) has been answered once, the first load is over. After one more refresh
 * interval, every `/api/*` response that finishes within the window (default 60 s: twelve 5 s
 * refreshes, so the once-a-minute structure backstop is in it) is counted, by its body bytes as
 * the page received them (DevTools protocol; the API is not compressed). One refresh is one
 * refetch of `/mesh-insights`, which every refresh asks for once, before and after alike; the
 * queries keep their own intervals, so the window's total over its refreshes is the average
 * refresh, slow structure refetches included:
 * - `bytesPerRefresh*`, `requestsPerRefresh*`: that average;
 * - `structureBytesPerRefresh*`: its part that grows with dataplanes (the dataplane lists);
 * - `listsRefetchedPerRefresh*`: the dataplane lists answered in the window over refreshes
 *   times expanded meshes: 1 when every list comes every refresh. Bytes per refresh alone
 *   cannot say it when a loaded page refreshes once or twice a minute (every mesh expanded at
 *   50,000): the once-a-minute recheck of one mesh's list then counts as a whole refresh's;
 * - `refreshes*`: refreshes in the window (fewer than 12: refreshes outlast the interval);
 * - `bytesPerMinute*`: the window's bytes per minute, meaningful when refreshes never end;
 * - `firstLoadMs*`: navigation → first load over (WARMUP_MS and `timedOut*` when it never ended).
 * Per case, a breakdown by kind of request goes to stderr (and `--verbose` prints every URL).
 *
 * Flags: `--sizes 5k,50k`, `--cases one,all`, `--window-ms 60000`, `--tab mermaid` (the same
 * data without the interactive canvas and its layouts), `--verbose`.
 */

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { startDashboard } from '../e2e/support/processes';
import { CHROMIUM_ARGS } from '../playwright.config';
import { ensureBuilt } from '../server/build';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The app's default refresh interval (settings.tsx). */
const REFRESH_MS = 5_000;
/** Generous: the demo at 50,000 dataplanes starts in seconds, but a busy machine is slow. */
const START_TIMEOUT_MS = 600_000;
const WARMUP_MS = 180_000;

interface Size {
  key: '5k' | '50k';
  args: string[];
}

const SIZES: Size[] = [
  { key: '5k', args: ['--meshes', '10', '--services', '500', '--dataplanes', '5000'] },
  { key: '50k', args: ['--meshes', '100', '--services', '5000', '--dataplanes', '50000'] },
];

interface Finished {
  url: string;
  bytes: number;
  /** Page clock (ms since the CDP session's epoch), when the response finished. */
  at: number;
}

interface CaseResult {
  bytesPerRefresh: number;
  /** The part that grows with dataplanes: `/meshes/<m>/dataplanes/_overview`. */
  structureBytesPerRefresh: number;
  listsRefetchedPerRefresh: number;
  requestsPerRefresh: number;
  refreshes: number;
  bytesPerMinute: number;
  firstLoadMs: number;
  timedOut: boolean;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** What kind of request a URL is, for the breakdown. */
function kindOf(url: string): string {
  const { pathname, searchParams } = new URL(url);
  const path = pathname.replace(/^\/api/, '');
  if (/\/dataplanes\/[^/]+\/stats$/.test(path)) return 'envoy-stats';
  // All of them, or one mesh's where its insight says they changed.
  if (/(^|\/)dataplanes\/_overview$/.test(path) && searchParams.get('gateway') === 'true')
    return 'gateway-proxies';
  if (/^\/meshes\/[^/]+\/dataplanes\/_overview/.test(path)) return 'mesh-dataplanes';
  if (/^\/meshes\/[^/]+\/service-insights/.test(path)) return 'service-insights';
  if (/^(\/meshes\/[^/]+)?\/mesh(httproutes|tcproutes|trafficpermissions|services)/.test(path))
    return 'policies';
  if (path === '/mesh-insights') return 'mesh-insights';
  if (path === '/meshes') return 'meshes';
  if (path === '/meshgateways') return 'gateways';
  return 'other';
}

async function measure(
  browser: Browser,
  base: string,
  expand: string[],
  windowMs: number,
  verbose: boolean,
  tab: string,
): Promise<CaseResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map<string, string>();
  const bodyBytes = new Map<string, number>();
  const finished: Finished[] = [];
  cdp.on('Network.requestWillBeSent', (event) => {
    if (event.request.url.includes('/api/')) urls.set(event.requestId, event.request.url);
  });
  cdp.on('Network.dataReceived', (event) => {
    if (!urls.has(event.requestId)) return;
    bodyBytes.set(event.requestId, (bodyBytes.get(event.requestId) ?? 0) + event.dataLength);
  });
  cdp.on('Network.loadingFinished', (event) => {
    const url = urls.get(event.requestId);
    if (!url) return;
    finished.push({ url, bytes: bodyBytes.get(event.requestId) ?? 0, at: event.timestamp * 1000 });
  });

  const started = Date.now();
  const tabQuery = tab === 'mermaid' ? '&tab=mermaid' : '';
  const path = `/topology?expand=${expand.map(encodeURIComponent).join(',')}${tabQuery}`;
  // At 100 meshes the demo's ticks can hold index.html back for tens of seconds.
  await page.goto(`${base}${path}`, { waitUntil: 'commit', timeout: WARMUP_MS });
  // The first load is over once every expanded mesh's dataplanes have been answered once.
  const wanted = new Set(expand);
  let timedOut = false;
  for (;;) {
    const answered = new Set(
      finished
        .filter((entry) => kindOf(entry.url) === 'mesh-dataplanes')
        .map((entry) => decodeURIComponent(new URL(entry.url).pathname.split('/')[3] ?? '')),
    );
    if ([...wanted].every((mesh) => answered.has(mesh))) break;
    if (Date.now() - started > WARMUP_MS) {
      timedOut = true;
      break;
    }
    await page.waitForTimeout(250);
  }
  const firstLoadMs = Date.now() - started;
  log(`  first load ${timedOut ? 'not over after' : 'over in'} ${firstLoadMs} ms`);
  await page.waitForTimeout(REFRESH_MS);
  const from = finished.length;
  const wallStart = Date.now();
  await page.waitForTimeout(windowMs);
  const wallEnd = Date.now();
  const inWindow = finished.slice(from);
  await context.close();

  // One refresh = one refetch of the mesh list: every refresh of the screen asks for
  // `/mesh-insights` once, before and after this change alike. Each query keeps its own interval,
  // so a window's worth of responses over its refreshes is the average refresh.
  const refreshes = inWindow.filter((entry) => kindOf(entry.url) === 'mesh-insights').length;
  const perRefresh = Math.max(1, refreshes);
  const byKind = new Map<string, { requests: number; bytes: number }>();
  let total = 0;
  const origin = inWindow[0]?.at ?? 0;
  for (const entry of inWindow) {
    total += entry.bytes;
    const kind = kindOf(entry.url);
    const sum = byKind.get(kind) ?? { requests: 0, bytes: 0 };
    sum.requests += 1;
    sum.bytes += entry.bytes;
    byKind.set(kind, sum);
    if (verbose) log(`    ${Math.round(entry.at - origin)} ms ${entry.bytes} B ${entry.url}`);
  }
  const minutes = (wallEnd - wallStart) / 60_000;
  log(
    `  ${inWindow.length} responses, ${total} B, ${refreshes} refreshes in ${Math.round(minutes * 60)} s; per refresh: ${[
      ...byKind.entries(),
    ]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(
        ([kind, sum]) =>
          `${kind} ${(sum.requests / perRefresh).toFixed(1)} req ${Math.round(sum.bytes / perRefresh)} B`,
      )
      .join(', ')}`,
  );
  const structure = byKind.get('mesh-dataplanes') ?? { requests: 0, bytes: 0 };
  return {
    bytesPerRefresh: Math.round(total / perRefresh),
    structureBytesPerRefresh: Math.round(structure.bytes / perRefresh),
    listsRefetchedPerRefresh:
      Math.round((structure.requests / (perRefresh * expand.length)) * 1000) / 1000,
    requestsPerRefresh: Math.round((inWindow.length / perRefresh) * 10) / 10,
    refreshes,
    bytesPerMinute: Math.round(total / minutes),
    firstLoadMs,
    timedOut,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '5k,50k' },
      cases: { type: 'string', default: 'one,all' },
      'window-ms': { type: 'string', default: '60000' },
      verbose: { type: 'boolean', default: false },
      tab: { type: 'string', default: 'interactive' },
    },
  });
  const sizes = SIZES.filter((size) => values.sizes.split(',').includes(size.key));
  const cases = values.cases.split(',');
  const windowMs = Number(values['window-ms']);
  await ensureBuilt(root);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const result: Record<string, number | boolean> = {};
  try {
    for (const size of sizes) {
      log(`large scenario ${size.key}: starting the dashboard…`);
      const t0 = Date.now();
      const server = await startDashboard(
        ['--scenario', 'large', ...size.args],
        {},
        START_TIMEOUT_MS,
      );
      log(`  started in ${Date.now() - t0} ms at ${server.url}`);
      try {
        const response = await fetch(`${server.url}/api/meshes?size=1000`);
        const meshes = ((await response.json()) as { items: { name: string }[] }).items
          .map((mesh) => mesh.name)
          .sort();
        for (const name of cases) {
          const expand = name === 'all' ? meshes : meshes.slice(0, 1);
          const label = name === 'all' ? 'All' : 'One';
          log(`  case ${name}: ${expand.length} mesh(es) expanded`);
          const figures = await measure(
            browser,
            server.url,
            expand,
            windowMs,
            values.verbose,
            values.tab,
          );
          result[`bytesPerRefresh${size.key}${label}`] = figures.bytesPerRefresh;
          result[`structureBytesPerRefresh${size.key}${label}`] = figures.structureBytesPerRefresh;
          result[`listsRefetchedPerRefresh${size.key}${label}`] = figures.listsRefetchedPerRefresh;
          result[`requestsPerRefresh${size.key}${label}`] = figures.requestsPerRefresh;
          result[`refreshes${size.key}${label}`] = figures.refreshes;
          result[`bytesPerMinute${size.key}${label}`] = figures.bytesPerMinute;
          result[`firstLoadMs${size.key}${label}`] = figures.firstLoadMs;
          if (figures.timedOut) result[`timedOut${size.key}${label}`] = true;
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
