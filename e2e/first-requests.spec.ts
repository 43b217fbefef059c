import {
  API_BASE_URL,
  CAPABILITY_PATHS,
  firstPageUrl,
  TOPOLOGY_FIRST_LISTS,
} from '../src/kuma/first-requests';
import { TOKEN_SESSION_KEY } from '../src/ui/token';
import { expect, test } from './support/fixtures';
import { startDashboard, startDemoControlPlane } from './support/processes';

const CAPABILITY_URLS = CAPABILITY_PATHS.map((path) => API_BASE_URL + path);
const TOPOLOGY_LIST_URLS = TOPOLOGY_FIRST_LISTS.map(firstPageUrl);

test('index.html asks for the first reads and the app takes those answers: each read once, before the view’s chunks', async ({
  page,
}) => {
  const dashboard = await startDashboard(['--scenario', 'docs-builtin']);
  const asked: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    asked.push(url.pathname + url.search);
  });
  try {
    await page.goto(`${dashboard.url}/topology`);
    await expect(page.getByTestId('topology-canvas')).toHaveAttribute('data-layout', 'done', {
      timeout: 30_000,
    });
    // A preload the page's fetch() did not match would show as a second request (the lists'
    // refresh comes 5 s after their first answer, long after the graph is drawn).
    const drawnAfter = [...asked];
    for (const url of [...CAPABILITY_URLS, ...TOPOLOGY_LIST_URLS])
      expect(drawnAfter.filter((path) => path === url)).toEqual([url]);
    // Asked for while the HTML was parsed, before the app could run: a module script runs once
    // the document is parsed and the script is in, and the app's own request would start after
    // that. (Not "before the entry script arrived": from a warm server it arrives within 80 ms,
    // sometimes before the browser sends what the parser asked for.)
    const timings = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => ({
        path: new URL(entry.name).pathname + new URL(entry.name).search,
        startTime: entry.startTime,
        responseEnd: (entry as PerformanceResourceTiming).responseEnd,
      })),
    );
    const parsedAt = await page.evaluate(
      () =>
        (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
          .domInteractive,
    );
    const entryScript = timings.find((timing) => /^\/assets\/index-.*\.js$/.test(timing.path));
    expect(entryScript).toBeDefined();
    const appCanRunAt = Math.max(parsedAt, entryScript?.responseEnd ?? 0);
    for (const url of [...CAPABILITY_URLS, ...TOPOLOGY_LIST_URLS]) {
      const read = timings.find((timing) => timing.path === url);
      expect(read?.startTime, url).toBeLessThan(appCanRunAt);
    }
    // The view's chunks come after the route's first reads: asked for first, they held the
    // browser's six connections while those reads waited.
    const canvasChunk = timings.find((timing) =>
      /^\/assets\/topology-canvas-.*\.js$/.test(timing.path),
    );
    expect(canvasChunk).toBeDefined();
    for (const path of ['/api/meshes', '/api/meshgateways', '/api/mesh-insights']) {
      const read = timings.find((timing) => timing.path.split('?')[0] === path);
      expect(read?.startTime, path).toBeLessThan(canvasChunk?.startTime ?? 0);
    }
  } finally {
    await dashboard.stop();
  }
});

test('a token kept for the tab goes with the very first reads: index.html leaves them to the app', async ({
  page,
}) => {
  const token = 'e2e-first-reads-4b1d';
  const controlPlane = await startDemoControlPlane(['--scenario', 'mixed', '--token', token]);
  const dashboard = await startDashboard([], { KUMA_CP_URL: controlPlane.url });
  const reads: { path: string; authorization: string | undefined }[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (CAPABILITY_URLS.includes(path))
      reads.push({ path, authorization: request.headers().authorization });
  });
  await page.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [
    TOKEN_SESSION_KEY,
    token,
  ] as const);
  try {
    await page.goto(`${dashboard.url}/meshes`);
    // The control plane answers 401 without the token: the mesh list proves the reads had it.
    await expect(
      page.getByTestId('mesh-table').getByRole('link', { name: 'default', exact: true }),
    ).toBeVisible();
    expect(reads.map((read) => read.path).sort()).toEqual([...CAPABILITY_URLS].sort());
    for (const read of reads) expect(read.authorization).toBe(`Bearer ${token}`);
  } finally {
    await dashboard.stop();
    await controlPlane.stop();
  }
});
