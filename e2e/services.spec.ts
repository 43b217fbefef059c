import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { UP, UP_AND_READY, whilePinned } from './support/demo-pins';
import { expect, presetSettings, test } from './support/fixtures';
import { type RunningProcess, startDashboard } from './support/processes';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`);
}

test.describe('service page on mixed', () => {
  test('a route backend leads to its service, and its trace to the verdict', async ({
    page,
    shot,
  }) => {
    await presetSettings(page, { refreshMs: 60_000 });
    await page.goto('/meshes/default/gateways/edge-gateway');
    await page.getByTestId('backend').getByRole('link', { name: 'payments' }).first().click();
    await expect(page).toHaveURL(/\/meshes\/default\/services\/payments$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('payments');
    const ways = page.getByTestId('entry-table');
    await expect(ways.getByTestId('entry-row')).toHaveCount(2);
    await expect(ways).toContainText('PathPrefix /pay');
    await expect(page.getByTestId('dataplane-table')).toContainText('payments-1');
    await expect(page.getByTestId('dataplane-table')).toContainText('Offline');
    await expect(
      page.locator('[data-testid="service-finding"][data-rule="no-healthy-backend"]'),
    ).toBeVisible();
    await shot('service-payments');
    await ways.getByTestId('trace-link').first().click();
    await expect(page).toHaveURL(/\/trace\?/);
    await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-status', '503');
  });

  test('the dataplane list links each service', async ({ page, request }) => {
    // The 403 is orders' permission, which a request meets past its health: the gateway's
    // proxies and orders' own stay up while it runs (the demo's churn took orders down in about
    // one run in twenty, and the trace answered 503).
    await whilePinned(
      request,
      'default',
      [
        ['edge-gateway-1', UP],
        ['edge-gateway-2', UP],
        ['orders-1', UP_AND_READY],
      ],
      async () => {
        await presetSettings(page, { refreshMs: 60_000 });
        await page.goto('/dataplanes?mesh=default&q=service:orders');
        await page.getByRole('link', { name: 'orders', exact: true }).first().click();
        await expect(page).toHaveURL(/\/meshes\/default\/services\/orders$/);
        const trace = page.getByTestId('entry-table').getByTestId('trace-link').first();
        await expect(trace).toBeVisible();
        await trace.click();
        await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-status', '403');
      },
    );
  });

  test('a MeshService behind a delegated gateway traces through it', async ({
    page,
    request,
    shot,
  }) => {
    // A 200 needs kong-payments' proxies and a checkout endpoint up: the demo's churn took both
    // of checkout's down in a CI run, and the trace answered 503 (no healthy upstream).
    await whilePinned(
      request,
      'payments',
      [
        ['kong-payments-1', UP],
        ['kong-payments-2', UP],
        ['checkout-1', UP_AND_READY],
        ['checkout-2', UP_AND_READY],
      ],
      async () => {
        await presetSettings(page, { refreshMs: 60_000 });
        await page.goto('/meshes/payments/delegated-gateways/kong-payments');
        await page.getByTestId('outbound-table').getByRole('link', { name: 'checkout' }).click();
        await expect(page.getByText('MeshService', { exact: true }).first()).toBeVisible();
        await expect(page.getByTestId('entry-table')).toContainText('kong-payments');
        await shot('service-checkout');
        await page.getByTestId('trace-link').click();
        await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-status', '200');
      },
    );
  });

  test('measures what each gateway sends it, from two samples of its proxies', async ({
    page,
    shot,
  }) => {
    await presetSettings(page, { refreshMs: 2000 });
    await page.goto('/meshes/default/services/frontend');
    await expect(page.getByTestId('service-traffic')).toContainText(/edge-gateway: [\d.]+ req\/s/, {
      timeout: 30_000,
    });
    await shot('service-frontend-traffic');
  });

  test('an unknown service says so and leads back', async ({ page }) => {
    await page.goto('/meshes/default/services/no-such-service');
    await expect(page.getByTestId('service-not-found')).toBeVisible();
    await page.getByRole('link', { name: 'Services of mesh default' }).click();
    await expect(page.getByRole('heading', { name: 'Mesh default' })).toBeVisible();
  });

  test('a control plane that is down shows the error state, then the page', async ({
    page,
    request,
  }) => {
    await presetSettings(page, { refreshMs: 2000 });
    expect((await request.put('/api/_demo/faults', { data: { down: true } })).ok()).toBe(true);
    try {
      await page.goto('/meshes/default/services/frontend');
      await expect(page.getByRole('alert').first()).toBeVisible({ timeout: 30_000 });
    } finally {
      await request.delete('/api/_demo/faults');
    }
    await page.reload();
    await expect(page.getByTestId('entry-table')).toBeVisible({ timeout: 30_000 });
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const path of ['/meshes/default/services/backend', '/meshes/payments/services/checkout']) {
      test(`${path} has no serious accessibility violation (${theme})`, async ({ page, shot }) => {
        await presetSettings(page, { theme, refreshMs: 60_000 });
        await page.goto(path);
        await expect(page.getByTestId('entry-table')).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        expect(await seriousViolations(page)).toEqual([]);
        await shot(`service-${path.split('/').at(-1)}-${theme}`);
      });
    }
  }
});

test.describe('service page on other scenarios', () => {
  let docs: RunningProcess;
  let hostile: RunningProcess;
  test.beforeAll(async () => {
    [docs, hostile] = await Promise.all([
      startDashboard(['--scenario', 'docs-builtin']),
      startDashboard(['--scenario', 'hostile']),
    ]);
  });
  test.afterAll(async () => {
    await Promise.all([docs?.stop(), hostile?.stop()]);
  });

  test('docs-builtin: the gateway route and its trace', async ({ page, shot }) => {
    await presetSettings(page, { refreshMs: 60_000 });
    await page.goto(`${docs.url}/meshes/team-1/services/catalog`);
    const ways = page.getByTestId('entry-table');
    await expect(ways).toContainText('team-1-gateway');
    await expect(ways).toContainText('PathPrefix /catalog');
    await expect(page.getByTestId('dataplane-table')).toContainText('catalog-1');
    await shot('service-docs-catalog');
    await ways.getByTestId('trace-link').first().click();
    await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-status', '200');
  });

  test('docs-builtin: a service no gateway reaches', async ({ page }) => {
    await page.goto(`${docs.url}/meshes/team-1/services/inventory`);
    await expect(page.getByText('No gateway sends traffic to inventory.')).toBeVisible();
    await expect(page.getByTestId('dataplane-table')).toContainText('inventory-1');
  });

  test('hostile names stay literal text', async ({ page, shot }) => {
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(
      `${hostile.url}/meshes/${encodeURIComponent('<img src=x onerror=alert(1)>')}/services/${encodeURIComponent('%%{init: {"securityLevel": "loose"}}%%')}`,
    );
    await expect(page.getByTestId('entry-table')).toContainText('"]; click BG1 call alert(1)');
    await expect(page.locator('main')).toContainText('<img src=x onerror=alert(1)>');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await shot('service-hostile');
  });
});
