import type { Page } from '@playwright/test';
import { expect, presetSettings, test } from './support/fixtures';

const FAULTS = [
  { name: 'down', body: { down: true } },
  { name: 'failing', body: { errorRate: 1, status: 500 } },
  { name: 'malformed', body: { malformed: 'invalid-json' } },
  { name: 'truncated', body: { malformed: 'truncated' } },
] as const;

test.describe('a control plane in trouble', () => {
  test.afterEach(async ({ request }) => {
    await request.delete('/api/_demo/faults');
  });

  test('keeps the last data with its age and a banner, recovers without a reload', async ({
    page,
    request,
    pageErrors,
    shot,
  }) => {
    await presetSettings(page, { refreshMs: 2000 });
    await page.goto('/meshes');
    const table = page.getByTestId('mesh-table');
    await expect(table.getByRole('link', { name: 'default', exact: true })).toBeVisible();
    for (const fault of FAULTS) {
      expect((await request.put('/api/_demo/faults', { data: fault.body })).ok()).toBe(true);
      const banner = page.getByTestId('stale-banner');
      await expect(banner).toBeVisible({ timeout: 15_000 });
      await expect(banner).toContainText(/Showing data from \d+ s ago/);
      await expect(table.getByRole('link', { name: 'default', exact: true })).toBeVisible();
      await shot(`fault-${fault.name}`);
      expect((await request.delete('/api/_demo/faults')).ok()).toBe(true);
      await expect(banner).toBeHidden({ timeout: 15_000 });
    }
    expect(pageErrors).toEqual([]);
  });

  test('stays on its data while the control plane is slow', async ({ page, request }) => {
    await presetSettings(page, { refreshMs: 2000 });
    await page.goto('/meshes');
    const table = page.getByTestId('mesh-table');
    await expect(table.getByRole('link', { name: 'default', exact: true })).toBeVisible();
    await request.put('/api/_demo/faults', { data: { latencyMs: 4000 } });
    // A refresh that starts now takes 4 s: while it waits, and after, the data stays.
    const slowRefresh = await page.waitForRequest((r) => r.url().includes('/api/meshes?'), {
      timeout: 10_000,
    });
    await expect(table.getByRole('link', { name: 'default', exact: true })).toBeVisible();
    await expect(page.getByTestId('stale-banner')).toBeHidden();
    expect((await slowRefresh.response())?.ok()).toBe(true);
    await expect(table.getByRole('link', { name: 'default', exact: true })).toBeVisible();
    await expect(page.getByTestId('stale-banner')).toBeHidden();
    await request.delete('/api/_demo/faults');
  });

  // Each page starts with the control plane down: the shell is there, the screen says what
  // failed with a retry button and a countdown, and it comes up by itself once the control
  // plane answers again, without a reload.
  const FIRST_LOADS = [
    {
      path: '/meshes',
      ready: (page: Page) =>
        page.getByTestId('mesh-table').getByRole('link', { name: 'default', exact: true }),
    },
    { path: '/topology', ready: (page: Page) => page.getByTestId('topology-canvas') },
    {
      path: '/meshes/default/gateways/edge-gateway',
      ready: (page: Page) => page.getByRole('heading', { level: 1, name: /edge-gateway/ }),
    },
  ];
  for (const { path, ready } of FIRST_LOADS) {
    test(`${path} opened while the control plane is down keeps the shell and recovers by itself`, async ({
      page,
      request,
      pageErrors,
      shot,
    }) => {
      expect((await request.put('/api/_demo/faults', { data: { down: true } })).ok()).toBe(true);
      await presetSettings(page, { refreshMs: 2000 });
      await page.goto(path);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link', { name: 'Gateways' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Set a control-plane token' })).toBeVisible();
      const failure = page.getByTestId('startup-failure');
      await expect(failure.getByRole('alert')).toContainText('Cannot read the control plane');
      await expect(failure.getByRole('alert')).toContainText(
        /could not reach the control plane|could not be reached/i,
      );
      await expect(failure.getByRole('button', { name: 'Try again' })).toBeVisible();
      await expect(page.getByTestId('startup-retry')).toContainText(
        /Trying again automatically in [12] s\./,
      );
      await shot(`startup-down${path.replaceAll('/', '-')}`);
      // A second failed attempt comes by itself: the countdown starts over.
      const attempt = await page.waitForRequest((r) => r.url().endsWith('/api/config'));
      await attempt.response();
      await expect(failure).toBeVisible();
      // Marks this document: a reload would lose it.
      await page.evaluate(() => {
        (window as unknown as { marked: boolean }).marked = true;
      });
      expect((await request.delete('/api/_demo/faults')).ok()).toBe(true);
      const back = Date.now();
      await expect(ready(page)).toBeVisible({ timeout: 20_000 });
      test.info().annotations.push({
        type: 'recovered',
        description: `${path}: on screen ${Date.now() - back} ms after the control plane returned (2 s refresh interval)`,
      });
      await expect(failure).toBeHidden();
      expect(await page.evaluate(() => (window as unknown as { marked?: boolean }).marked)).toBe(
        true,
      );
      expect(pageErrors).toEqual([]);
    });
  }

  test('a control plane that wants a token at first load points to the Token button', async ({
    page,
    request,
  }) => {
    await request.put('/api/_demo/faults', { data: { errorRate: 1, status: 401 } });
    await presetSettings(page, { refreshMs: 2000 });
    await page.goto('/meshes');
    const failure = page.getByTestId('startup-failure');
    await expect(failure).toContainText('set one with the Token button');
    await expect(page.getByRole('button', { name: 'Set a control-plane token' })).toBeVisible();
    await request.delete('/api/_demo/faults');
    await failure.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('mesh-table')).toBeVisible();
  });

  test('flags a control plane that does not answer while the request still waits', async ({
    page,
    request,
    pageErrors,
    shot,
  }) => {
    await presetSettings(page, { refreshMs: 2000 });
    await page.goto('/meshes');
    const table = page.getByTestId('mesh-table');
    await expect(table.getByRole('link', { name: 'default', exact: true })).toBeVisible();
    const health = page.getByTestId('control-plane-health');
    await expect(health).toBeHidden();
    // Every answer now takes 8 s: the next refresh hangs for four refresh intervals.
    await request.put('/api/_demo/faults', { data: { latencyMs: 8000 } });
    const stuck = await page.waitForRequest((r) => r.url().includes('/api/meshes?'), {
      timeout: 10_000,
    });
    let answered = false;
    void stuck.response().then(() => {
      answered = true;
    });
    await expect(health).toHaveAttribute('data-state', 'slow', { timeout: 7_000 });
    // Flagged while the request still waits, not when it gives up.
    expect(answered).toBe(false);
    await expect(health).toContainText(/The control plane is slow: no answer for \d+ s/);
    await expect(health).toContainText('2 s refresh interval');
    await expect(table.getByRole('link', { name: 'default', exact: true })).toBeVisible();
    await shot('fault-slow');
    await request.delete('/api/_demo/faults');
    // The waiting requests are answered (the 8 s pass), and the banner goes.
    await expect(health).toBeHidden({ timeout: 15_000 });
    expect(answered).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  test('says the control plane is not answering when it is down, until it answers', async ({
    page,
    request,
  }) => {
    await presetSettings(page, { refreshMs: 2000 });
    await page.goto('/meshes');
    const table = page.getByTestId('mesh-table');
    await expect(table.getByRole('link', { name: 'default', exact: true })).toBeVisible();
    await request.put('/api/_demo/faults', { data: { down: true } });
    const health = page.getByTestId('control-plane-health');
    await expect(health).toHaveAttribute('data-state', 'unreachable', { timeout: 10_000 });
    await expect(health).toContainText(
      /The control plane is not answering \(\d+ s\)\. The control plane could not be reached\./,
    );
    // The address of the control plane is the server's business.
    await expect(health).not.toContainText(/127\.0\.0\.1|ECONN/);
    await request.delete('/api/_demo/faults');
    await expect(health).toBeHidden({ timeout: 10_000 });
  });

  test('a refused token says what to do', async ({ page, request, shot }) => {
    await presetSettings(page, { refreshMs: 2000 });
    await page.goto('/meshes');
    const table = page.getByTestId('mesh-table');
    await expect(table.getByRole('link', { name: 'default', exact: true })).toBeVisible();
    await request.put('/api/_demo/faults', { data: { errorRate: 1, status: 401 } });
    const banner = page.getByTestId('stale-banner');
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await expect(banner).toContainText(
      'The control plane wants a user token: set one with the Token button, or start the dashboard server with KUMA_CP_TOKEN=<token>',
    );
    await shot('fault-unauthenticated');
    // The advice names a button that is there.
    await expect(page.getByRole('button', { name: 'Set a control-plane token' })).toBeVisible();
    await request.delete('/api/_demo/faults');
    await expect(banner).toBeHidden({ timeout: 15_000 });
  });
});
