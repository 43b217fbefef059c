import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { EDGE_GATEWAYS_UP, pinProxies, UP_AND_READY } from './support/demo-pins';
import { expect, presetSettings, test } from './support/fixtures';
import { expectWritten, recordWrites, resetDemo, stored, submitButton } from './support/forms';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
    );
}

async function traceOrders(page: Page) {
  await page.goto('/trace');
  const form = page.getByRole('form', { name: 'Request to trace' });
  await form.getByLabel('Mesh').selectOption('default');
  await form.getByLabel('Through').selectOption('builtin:edge-gateway');
  await form.getByLabel('URL').fill('http://www.example.com/orders');
  await form.getByRole('button', { name: 'Trace' }).click();
  return page.getByTestId('trace-verdict');
}

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
  // The gateway's proxies and orders' stay up, so the trace gets as far as the permission step.
  await pinProxies(request, 'default', [...EDGE_GATEWAYS_UP, ['orders-1', UP_AND_READY]]);
});

test('a denied gateway is fixed from the trace: the pre-filled MeshTrafficPermission is saved and the 403 is gone', async ({
  page,
  request,
  pageErrors,
  shot,
}) => {
  await presetSettings(page, { refreshMs: 60_000 });
  const writes = recordWrites(page);
  const verdict = await traceOrders(page);
  await expect(verdict).toHaveAttribute('data-kind', 'rbac-denied');
  const traceUrl = page.url();

  const fix = page.getByTestId('permission-fix');
  await expect(fix).toHaveText('Fix: allow edge-gateway → orders');
  await fix.click();
  await expect(page.getByRole('heading', { name: 'Allow edge-gateway → orders' })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(
    'allow-edge-gateway-to-orders',
  );
  const effect = page.getByTestId('fix-effect');
  await expect(effect).toHaveAttribute('data-allowed', 'true');
  await expect(effect).toContainText('denied today; allowed with this policy.');
  await expect(page.getByTestId('yaml-universal')).toContainText('kind: MeshService');
  await shot('permission-fix-form');

  await submitButton(page, 'Create').click();
  await expectWritten(page, 'Created: MeshTrafficPermission allow-edge-gateway-to-orders');
  expect(writes).toEqual([
    'PUT /api/meshes/default/meshtrafficpermissions/allow-edge-gateway-to-orders',
  ]);
  expect(
    await stored(request, 'default/meshtrafficpermissions/allow-edge-gateway-to-orders'),
  ).toMatchObject({
    spec: {
      targetRef: { kind: 'MeshService', name: 'orders' },
      from: [
        {
          targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'edge-gateway' } },
          default: { action: 'Allow' },
        },
      ],
    },
  });

  // The same trace, refreshed: the request gets through, and no step offers a fix any more.
  await page.goto(traceUrl);
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-kind', 'ok');
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-status', '200');
  await expect(page.getByTestId('permission-fix')).toHaveCount(0);
  // …and the mesh check no longer reports edge-gateway kept out of orders.
  await page.goto('/trace?tab=check&mesh=default');
  await expect(page.getByTestId('finding').first()).toBeVisible({ timeout: 20_000 });
  await expect(
    page.locator('[data-testid="finding"][data-rule="missing-traffic-permission"]', {
      hasText: 'orders',
    }),
  ).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('the mesh check offers the same fix, and the Permissions page lists the new policy', async ({
  page,
  shot,
}) => {
  await presetSettings(page, { refreshMs: 60_000 });
  await page.goto('/trace?tab=check&mesh=default');
  const finding = page.locator('[data-testid="finding"][data-rule="missing-traffic-permission"]', {
    hasText: 'orders',
  });
  await expect(finding).toBeVisible({ timeout: 20_000 });
  await finding.getByRole('link', { name: 'Fix: allow edge-gateway → orders' }).click();
  await submitButton(page, 'Create').click();
  await expectWritten(page, 'Created: MeshTrafficPermission allow-edge-gateway-to-orders');
  await page.getByRole('link', { name: 'All permissions in mesh default' }).click();
  const list = page.getByTestId('permission-list');
  await expect(list.getByRole('link', { name: 'allow-edge-gateway-to-orders' })).toBeVisible();
  await expect(list).toContainText('MeshService "orders"');
  await shot('permission-list');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the Permissions screens read in the ${theme} theme with no serious accessibility issue`, async ({
    page,
    shot,
  }) => {
    await presetSettings(page, { theme, refreshMs: 60_000 });
    await page.goto('/meshes/default/permissions');
    await expect(page.getByTestId('permission-list')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(`permission-list-${theme}`);

    await page.goto(
      '/meshes/default/permissions/new?gateway=edge-gateway&from=edge-gateway&to=orders',
    );
    await expect(page.getByTestId('fix-effect')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(`permission-fix-form-${theme}`);

    await page.goto('/meshes/default/permissions/orders-internal-only/edit');
    await expect(page.getByLabel('Caller 2: action')).toHaveValue('Deny');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(`permission-edit-form-${theme}`);
  });
}
