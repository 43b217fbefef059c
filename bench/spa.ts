/**
 * The SPA in Chromium: gzip size of the JavaScript the first route loads, and how many API
 * requests one refresh costs on `mixed` against `large` (it must not grow with dataplanes).
 */

import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { startDashboard } from '../e2e/support/processes';
import { CHROMIUM_ARGS } from '../playwright.config';
import { ensureBuilt } from '../server/build';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const REFRESH_MS = 2000;
const WINDOW_MS = 10_000;

/** Each screen with a request made exactly once per refresh, to count refresh cycles by. */
const SCREENS = [
  { path: '/meshes', ready: '[data-testid="mesh-table"]', anchor: '/api/mesh-insights' },
  { path: '/gateways', ready: 'table', anchor: '/api/meshgateways' },
  { path: '/dataplanes', ready: 'table', anchor: '/api/dataplanes/_overview' },
];

async function firstRouteJs(
  page: Page,
  url: string,
): Promise<{ jsGzipKb: number; files: number; cssGzipKb: number }> {
  const client = await page.context().newCDPSession(page);
  await client.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto(`${url}/meshes`);
  await page.waitForSelector('[data-testid="mesh-table"]');
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => {
      const resource = entry as PerformanceResourceTiming;
      return { name: resource.name, encoded: resource.encodedBodySize };
    }),
  );
  const js = entries.filter((entry) => new URL(entry.name).pathname.endsWith('.js'));
  const css = entries.filter((entry) => new URL(entry.name).pathname.endsWith('.css'));
  const sum = (list: { encoded: number }[]) =>
    Math.round((list.reduce((total, entry) => total + entry.encoded, 0) / 1024) * 10) / 10;
  return { jsGzipKb: sum(js), files: js.length, cssGzipKb: sum(css) };
}

/**
 * Every script a navigation fetches (page and workers), gzip-compressed from `dist/` as the
 * server sends it: the JavaScript cost of a screen, including chunks loaded lazily by it.
 */
async function screenJs(
  page: Page,
  url: string,
  path: string,
  ready: string,
): Promise<{ gzipKb: number; files: number }> {
  const scripts = new Set<string>();
  const watch = (requestUrl: string) => {
    const pathname = new URL(requestUrl).pathname;
    if (pathname.endsWith('.js')) scripts.add(pathname);
  };
  page.context().on('request', (request) => watch(request.url()));
  page.on('worker', (worker) => watch(worker.url()));
  await page.goto(`${url}${path}`);
  await page.waitForSelector(ready, { timeout: 60_000 });
  // Lazy chunks the screen asks for once drawn (canvas, mermaid) come within this window.
  await page.waitForTimeout(3000);
  let bytes = 0;
  for (const script of scripts) {
    bytes += gzipSync(await readFile(join(root, 'dist', script))).length;
  }
  return { gzipKb: Math.round((bytes / 1024) * 10) / 10, files: scripts.size };
}

async function requestsPerRefresh(
  page: Page,
  url: string,
  path: string,
  ready: string,
  anchor: string,
): Promise<number> {
  await page.addInitScript((refreshMs) => {
    localStorage.setItem('kuma-dashboard:settings', JSON.stringify({ refreshMs }));
  }, REFRESH_MS);
  await page.goto(`${url}${path}`);
  await page.waitForSelector(ready);
  await page.waitForTimeout(REFRESH_MS);
  // The API requests in order; whole refresh cycles are the stretches between two requests of
  // the anchor (a query every refresh makes exactly once), so no cycle is counted in part.
  const sequence: string[] = [];
  const onRequest = (request: { url: () => string }) => {
    const pathname = new URL(request.url()).pathname;
    if (pathname.startsWith('/api/')) sequence.push(pathname);
  };
  page.on('request', onRequest);
  await page.waitForTimeout(WINDOW_MS);
  page.off('request', onRequest);
  const anchors = sequence.flatMap((pathname, index) => (pathname === anchor ? [index] : []));
  const first = anchors[0];
  const last = anchors.at(-1);
  const cycles = anchors.length - 1;
  const count = first === undefined || last === undefined ? 0 : last - first;
  return cycles <= 0 ? Number.NaN : Math.round((count / cycles) * 10) / 10;
}

async function main(): Promise<void> {
  await ensureBuilt(root);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const result: Record<string, number> = {};
  try {
    const mixed = await startDashboard(['--scenario', 'mixed']);
    const large = await startDashboard(['--scenario', 'large']);
    try {
      const page = await browser.newPage();
      Object.assign(result, await firstRouteJs(page, mixed.url));
      await page.close();
      for (const [key, path, ready] of [
        ['topologyJs', '/topology', '.react-flow__node'],
        [
          'topologyMermaidJs',
          '/topology?tab=mermaid',
          '[data-testid="mermaid"][data-rendered="true"] svg',
        ],
      ] as const) {
        const screenPage = await browser.newPage();
        const js = await screenJs(screenPage, mixed.url, path, ready);
        result[`${key}GzipKb`] = js.gzipKb;
        result[`${key}Files`] = js.files;
        await screenPage.close();
      }
      for (const [name, dashboard] of [
        ['mixed', mixed],
        ['large', large],
      ] as const) {
        for (const screen of SCREENS) {
          const screenPage = await browser.newPage();
          result[`requests ${name} ${screen.path}`] = await requestsPerRefresh(
            screenPage,
            dashboard.url,
            screen.path,
            screen.ready,
            screen.anchor,
          );
          await screenPage.close();
        }
      }
    } finally {
      await mixed.stop();
      await large.stop();
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
}

void main();
