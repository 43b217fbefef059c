import { expect, test } from './support/fixtures';
import { startDashboard, startDemoControlPlane } from './support/processes';

const TOKEN = 'e2e-token-7f3a9c1b';

test('a separate control plane through KUMA_CP_URL: the token reaches it, never the browser', async ({
  page,
}) => {
  const controlPlane = await startDemoControlPlane(['--scenario', 'mixed', '--token', TOKEN]);
  const dashboard = await startDashboard([], {
    KUMA_CP_URL: controlPlane.url,
    KUMA_CP_TOKEN: TOKEN,
  });
  const seenByBrowser: string[] = [];
  page.on('request', (request) =>
    seenByBrowser.push(JSON.stringify(request.headers()), request.url()),
  );
  page.on('response', async (response) => {
    const body = await response.text().catch(() => '');
    seenByBrowser.push(JSON.stringify(await response.allHeaders()), body);
  });
  try {
    await page.goto(`${dashboard.url}/meshes`);
    // The control plane answers 401 without the token: data on screen proves it got there.
    await expect(
      page.getByTestId('mesh-table').getByRole('link', { name: 'default', exact: true }),
    ).toBeVisible();
    await expect(page.getByTestId('control-plane')).toContainText('Kuma 2.14.3');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Dataplanes' })
      .click();
    await expect(page.getByRole('link', { name: 'frontend-1', exact: true })).toBeVisible();
    expect(seenByBrowser.filter((entry) => entry.includes(TOKEN))).toEqual([]);
    expect(
      await page.evaluate(
        () =>
          JSON.stringify({ ...localStorage }) +
          JSON.stringify({ ...sessionStorage }) +
          document.documentElement.outerHTML,
      ),
    ).not.toContain(TOKEN);
  } finally {
    await dashboard.stop();
    await controlPlane.stop();
  }
});

test('without the token the control plane refuses, and the dashboard says why', async ({
  page,
}) => {
  const controlPlane = await startDemoControlPlane(['--scenario', 'mixed', '--token', TOKEN]);
  const dashboard = await startDashboard([], { KUMA_CP_URL: controlPlane.url });
  try {
    await page.goto(`${dashboard.url}/meshes`);
    await expect(page.getByRole('alert')).toContainText(/Unauthenticated/);
    // The user can give a token in the browser instead; it goes with each call.
    await page.getByRole('button', { name: /Set a control-plane token/ }).click();
    await page.getByLabel('User token').fill(TOKEN);
    await page.getByRole('button', { name: 'Save' }).click();
    // Saving a token retries everything at once.
    await expect(page.getByTestId('mesh-table')).toBeVisible();
  } finally {
    await dashboard.stop();
    await controlPlane.stop();
  }
});
