/**
 * The mermaid tab at 50,000 dataplanes / 100 meshes: everything together is too big to draw, so
 * the tab offers "Only mesh-X"; timed in the page from that click to the frame that drew the
 * diagram (the mesh's details read, the text built, mermaid's layout and SVG). Each load is a
 * fresh page, each on another mesh, so nothing comes from a cache of the page. Prints one JSON
 * line.
 *
 * Flags: `--loads N` (default 3).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startDashboard } from '../e2e/support/processes';
import { CHROMIUM_ARGS } from '../playwright.config';
import { ensureBuilt } from '../server/build';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (message: string) => console.error(`[bench:mermaid] ${message}`);

/**
 * Plain JavaScript as a string (tsx's keepNames would add a helper the page does not have): the
 * click event's time, and the end of the frame after the first one with the drawn SVG.
 */
const MARK_CLICK_AND_DRAWN = `
  document.addEventListener('click', (event) => { window.clickAt ??= event.timeStamp; }, { capture: true });
  const watch = () => {
    if (document.querySelector('[data-testid="mermaid"][data-rendered="true"] svg')) {
      requestAnimationFrame(() => { window.drawnAt = performance.now(); });
      return;
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { loads: { type: 'string' } } });
  const loads = Math.max(1, Number(values.loads ?? 3));
  const consoleLog = console.log;
  console.log = console.error;
  try {
    await ensureBuilt(root);
  } finally {
    console.log = consoleLog;
  }
  const dashboard = await startDashboard(
    ['--scenario', 'large', '--meshes', '100', '--services', '5000', '--dataplanes', '50000'],
    {},
    120_000,
  );
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const times: number[] = [];
  let nodes = 0;
  try {
    for (let load = 0; load < loads; load++) {
      const mesh = `mesh-${String(load + 1).padStart(2, '0')}`;
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(`${dashboard.url}/topology?tab=mermaid`);
      const only = page.getByRole('button', { name: `Only ${mesh}`, exact: true });
      await only.waitFor({ timeout: 60_000 });
      // Timed in the page, as the topology bench times: from the click event to the end of the
      // frame after the one that first had the drawn SVG (Playwright's polling left out).
      await page.evaluate(MARK_CLICK_AND_DRAWN);
      await only.click();
      await page
        .locator('[data-testid="mermaid"][data-rendered="true"] svg')
        .waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => (window as { drawnAt?: number }).drawnAt !== undefined);
      const ms = Math.round(
        await page.evaluate(() => {
          const marks = window as unknown as { clickAt: number; drawnAt: number };
          return marks.drawnAt - marks.clickAt;
        }),
      );
      nodes = await page.locator('[data-testid="mermaid"] svg g.node').count();
      log(`"Only ${mesh}": drawn in ${ms} ms (${nodes} nodes)`);
      times.push(ms);
      await page.close();
    }
  } finally {
    await browser.close();
    await dashboard.stop();
  }
  console.log(
    JSON.stringify({ onlyMeshMedianMs: median(times), onlyMeshMaxMs: Math.max(...times), nodes }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
