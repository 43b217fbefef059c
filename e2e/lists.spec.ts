import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, presetSettings, test } from './support/fixtures';
import { startDashboard } from './support/processes';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
    );
}

async function columnTexts(page: Page, table: string, column: number): Promise<string[]> {
  return page
    .getByTestId(table)
    .locator(`tbody tr:not(.dp-spacer) td:nth-child(${column})`)
    .allInnerTexts();
}

test.describe('lists on a large control plane', () => {
  let dashboard: Awaited<ReturnType<typeof startDashboard>>;
  test.beforeAll(async () => {
    dashboard = await startDashboard(
      ['--scenario', 'large', '--meshes', '40', '--services', '400', '--dataplanes', '2000'],
      {},
      60_000,
    );
  });
  test.afterAll(async () => {
    await dashboard?.stop();
  });

  test('meshes sort from the keyboard across every page, and the URL keeps it', async ({
    page,
    shot,
    pageErrors,
  }) => {
    await presetSettings(page, { refreshMs: 60_000, theme: 'light' });
    await page.goto(`${dashboard.url}/meshes?size=25`);
    await expect(page.getByTestId('mesh-row')).toHaveCount(25);
    const header = page.getByTestId('sort-dataplanes');
    await header.focus();
    await page.keyboard.press('Enter');
    await expect(header.locator('xpath=..')).toHaveAttribute('aria-sort', 'descending');
    await expect(page.getByTestId('sort-note')).toContainText('across all 40 meshes');
    const totals = (await columnTexts(page, 'mesh-table', 3)).map((text) =>
      Number(text.split('/')[2]?.trim().split(' ')[0]),
    );
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    // Page 2 continues the order: no mesh there has more dataplanes than the last of page 1.
    await page.getByTestId('jump-to-page').fill('2');
    await page.getByTestId('jump-to-page').press('Enter');
    await expect(page).toHaveURL(/sort=-dataplanes.*page=2|page=2.*sort=-dataplanes/);
    await expect(page.getByTestId('mesh-row')).toHaveCount(15);
    const second = (await columnTexts(page, 'mesh-table', 3)).map((text) =>
      Number(text.split('/')[2]?.trim().split(' ')[0]),
    );
    expect(Math.max(...second)).toBeLessThanOrEqual(totals.at(-1) ?? 0);
    await page.reload();
    await expect(page.getByTestId('pager-page').first()).toHaveText('Page 2 of 2');
    await expect(page.getByTestId('sort-dataplanes').locator('xpath=..')).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await shot('lists-meshes-sorted-light');
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('dataplanes: a long list sorts within the page and says so, a short search across all', async ({
    page,
    shot,
  }) => {
    await presetSettings(page, { refreshMs: 60_000, theme: 'dark' });
    await page.goto(`${dashboard.url}/dataplanes?size=50`);
    await expect(page.getByTestId('dataplane-row').first()).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('jump-to-page').fill('7');
    await page.getByTestId('jump-to-page').press('Enter');
    await expect(page.getByTestId('pager-range').first()).toHaveText('301–350 of 2000');
    await page.getByTestId('sort-status').click();
    const note = page.getByTestId('sort-note');
    await expect(note).toHaveAttribute('data-scope', 'page');
    await expect(note).toContainText('within the 50 dataplanes of this page only');
    // Sorting a page does not leave it.
    await expect(page).toHaveURL(/page=7/);
    await expect(page.getByTestId('pager-range').first()).toHaveText('301–350 of 2000');
    await shot('lists-dataplanes-page-sort-dark');
    expect(await seriousViolations(page)).toEqual([]);

    // A search with at most 500 matches is read whole, sorted, then paged here.
    await page.goto(`${dashboard.url}/dataplanes?mesh=mesh-01&size=10&sort=-name`);
    await expect(page.getByTestId('sort-note')).toHaveAttribute('data-scope', 'all', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('sort-note')).toContainText(/across all \d+ dataplanes/);
    const names = await columnTexts(page, 'dataplane-table', 1);
    expect(names).toHaveLength(10);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'en', { numeric: true })));
    await shot('lists-dataplanes-whole-sort-dark');
  });
});

test.describe('command palette', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`Ctrl-K finds a gateway by name and opens it (${theme})`, async ({
      page,
      shot,
      pageErrors,
    }) => {
      await presetSettings(page, { refreshMs: 60_000, theme });
      await page.goto('/meshes');
      await expect(page.getByTestId('mesh-table')).toBeVisible();
      await page.keyboard.press('Control+k');
      const input = page.getByTestId('palette-input');
      await expect(input).toBeFocused();
      await input.fill('edge');
      const palette = page.getByTestId('command-palette');
      await expect(palette.getByRole('option', { name: /edge-gateway\s*built-in/ })).toBeVisible();
      await shot(`palette-edge-${theme}`);
      expect(await seriousViolations(page)).toEqual([]);
      // Move down to the gateway with the keyboard, then open it.
      const options = palette.getByRole('option');
      const labels = await options.allInnerTexts();
      const target = labels.findIndex((label) => /edge-gateway\s*built-in/.test(label));
      for (let step = 0; step < target; step++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/meshes\/default\/gateways\/edge-gateway$/);
      await expect(palette).toHaveCount(0);
      expect(pageErrors).toEqual([]);
    });
  }

  test('/ opens it outside fields only; Esc closes it and gives focus back', async ({ page }) => {
    await presetSettings(page, { refreshMs: 60_000 });
    await page.goto('/dataplanes');
    const search = page.getByTestId('dataplane-search');
    await search.click();
    await page.keyboard.press('/');
    await expect(search).toHaveValue('/');
    await expect(page.getByTestId('command-palette')).toHaveCount(0);
    await search.fill('');
    const button = page.getByTestId('open-palette');
    await button.focus();
    await page.keyboard.press('/');
    await expect(page.getByTestId('palette-input')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('command-palette')).toHaveCount(0);
    await expect(button).toBeFocused();
  });
});
