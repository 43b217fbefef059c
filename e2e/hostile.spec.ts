import { EARLY_REQUESTS_ID } from '../build-plugins/early-requests';
import { expect, test } from './support/fixtures';
import { type RunningProcess, startDashboard } from './support/processes';

const NAMES = [
  '<img src=x onerror=alert(1)>',
  '"]; click BG1 call alert(1)',
  '%%{init: {"securityLevel": "loose"}}%%',
  '</script><script>alert(1)</script>',
];

test.describe('hostile resource names', () => {
  let dashboard: RunningProcess;
  test.beforeAll(async () => {
    dashboard = await startDashboard(['--scenario', 'hostile']);
  });
  test.afterAll(async () => {
    await dashboard?.stop();
  });

  for (const path of [
    '/topology?tab=mermaid',
    '/topology',
    '/meshes',
    '/gateways',
    '/dataplanes',
  ]) {
    test(`stay literal text on ${path}`, async ({ page, pageErrors, shot }) => {
      const dialogs: string[] = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      const fetchedImages: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'image' && !request.url().endsWith('favicon.svg'))
          fetchedImages.push(request.url());
      });
      await page.addInitScript(() => {
        (window as unknown as { __injected: number }).__injected = 0;
        window.alert = () => {
          (window as unknown as { __injected: number }).__injected += 1;
        };
      });
      await page.goto(`${dashboard.url}${path}`);
      if (path.includes('mermaid'))
        await expect(page.getByTestId('mermaid')).toHaveAttribute('data-rendered', 'true', {
          timeout: 30_000,
        });
      else if (path === '/topology')
        await expect(page.getByTestId('topology-canvas')).toHaveAttribute('data-layout', 'done', {
          timeout: 30_000,
        });
      // Names appear as text…
      await expect(page.locator('main')).toContainText(NAMES[0] as string);
      // …and never as markup: no element came from a name, nothing ran, nothing was fetched.
      // The page's one inline script is index.html's own (`build-plugins/early-requests.ts`).
      expect(await page.locator(`head > script#${EARLY_REQUESTS_ID}:not([src])`).count()).toBe(1);
      expect(
        await page
          .locator(
            `img[src="x"], body script:not([src]):not([type="application/json"]), head script:not([src]):not(#${EARLY_REQUESTS_ID})`,
          )
          .count(),
      ).toBe(0);
      expect(
        await page.evaluate(() => (window as unknown as { __injected: number }).__injected),
      ).toBe(0);
      expect(dialogs).toEqual([]);
      expect(fetchedImages).toEqual([]);
      await shot(`hostile${path.replace(/[/?=]/g, '-')}`);
      expect(pageErrors).toEqual([]);
    });
  }
});
