import type { Page } from '@playwright/test';
import { expect, expectNoHorizontalScroll, test } from './support/fixtures';
import { startDashboard } from './support/processes';

interface Personality {
  name: string;
  args: string[];
  chip: RegExp;
  builtin: boolean;
  readOnly: boolean;
}

const PERSONALITIES: Personality[] = [
  {
    name: 'kuma-2.14',
    args: [],
    chip: /Kuma 2\.14\.3.*Universal · standalone/,
    builtin: true,
    readOnly: false,
  },
  {
    name: 'kuma-2.6',
    args: ['--kuma-version', '2.6.15'],
    chip: /Kuma 2\.6\.15/,
    builtin: true,
    readOnly: false,
  },
  {
    name: 'kuma-3.0',
    args: ['--kuma-version', '3.0.0'],
    chip: /Kuma 3\.0\.0/,
    builtin: false,
    readOnly: false,
  },
  {
    name: 'kubernetes',
    args: ['--environment', 'kubernetes'],
    chip: /Kubernetes/,
    builtin: true,
    readOnly: true,
  },
];

async function browse(
  page: Page,
  base: string,
  personality: Personality,
  shot: (name: string) => Promise<void>,
) {
  await page.goto(`${base}/meshes`);
  await expect(page.getByTestId('control-plane')).toContainText(personality.chip);
  if (personality.readOnly)
    await expect(page.getByTestId('control-plane')).toContainText('read-only');
  const meshes = page.getByTestId('mesh-table');
  await expect(meshes.getByRole('link', { name: 'default', exact: true })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(`${personality.name}-1-meshes`);

  await meshes.getByRole('link', { name: 'default', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Mesh default' })).toBeVisible();
  await shot(`${personality.name}-2-mesh`);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Gateways' })
    .click();
  await expect(page).toHaveURL(/\/gateways/);
  if (personality.builtin) {
    await page.getByRole('link', { name: 'edge-gateway', exact: true }).first().click();
    await expect(page.getByRole('heading', { name: /edge-gateway/ })).toBeVisible();
    await expect(page.getByText('shop.example.com').first()).toBeVisible();
  } else {
    await expect(page.getByRole('link', { name: 'edge-gateway', exact: true })).toHaveCount(0);
    await page.getByRole('link', { name: 'kong-payments', exact: true }).first().click();
    await expect(page.getByRole('heading', { name: /kong-payments/ })).toBeVisible();
  }
  await expectNoHorizontalScroll(page);
  await shot(`${personality.name}-3-gateway`);

  if (personality.builtin) await page.getByRole('tab', { name: 'Instances' }).click();
  const instance = page
    .getByRole('link', {
      name: personality.builtin ? 'edge-gateway-1' : 'kong-payments-1',
      exact: true,
    })
    .first();
  await instance.click();
  await expect(page).toHaveURL(/\/dataplanes\//);
  await expect(
    page.getByRole('heading', { name: personality.builtin ? /edge-gateway-1/ : /kong-payments-1/ }),
  ).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(`${personality.name}-4-dataplane`);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Dataplanes' })
    .click();
  await expect(page.getByRole('link', { name: 'frontend-1', exact: true })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await shot(`${personality.name}-5-dataplanes`);

  // Back and forward move through the screens visited.
  await page.goBack();
  await expect(page).toHaveURL(/\/dataplanes\/.+/);
  await page.goForward();
  await expect(page).toHaveURL(/\/dataplanes(\?.*)?$/);
}

for (const personality of PERSONALITIES) {
  test(`browse meshes → gateway → dataplane on ${personality.name}`, async ({
    page,
    pageErrors,
    shot,
  }) => {
    // The default personality is the Playwright web server; the others get their own dashboard.
    const dashboard =
      personality.args.length === 0
        ? undefined
        : await startDashboard(['--scenario', 'mixed', '--seed', '42', ...personality.args]);
    try {
      await browse(page, dashboard?.url ?? '', personality, shot);
    } finally {
      await dashboard?.stop();
    }
    expect(pageErrors).toEqual([]);
  });
}

test('zones are listed on a global control plane', async ({ page, shot }) => {
  const dashboard = await startDashboard(['--scenario', 'mixed', '--mode', 'global']);
  try {
    await page.goto(`${dashboard.url}/zones`);
    await expect(page.getByText('zone-east').first()).toBeVisible();
    await expect(page.getByText('zone-west').first()).toBeVisible();
    await shot('global-zones');
  } finally {
    await dashboard.stop();
  }
});
