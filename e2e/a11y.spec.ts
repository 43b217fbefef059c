import AxeBuilder from '@axe-core/playwright';
import { expect, presetSettings, test } from './support/fixtures';

const SCREENS = [
  { path: '/meshes', ready: 'mesh-table' },
  { path: '/meshes/default', ready: 'Mesh default' },
  { path: '/gateways', ready: 'edge-gateway' },
  { path: '/meshes/default/gateways/edge-gateway', ready: 'shop.example.com' },
  { path: '/meshes/default/gateways/edge-gateway?tab=instances', ready: 'edge-gateway-1' },
  { path: '/meshes/payments/delegated-gateways/kong-payments', ready: 'kong-payments-1' },
  { path: '/dataplanes', ready: 'frontend-1' },
  { path: '/meshes/default/dataplanes/frontend-1', ready: 'frontend-1' },
  { path: '/meshes/default/dataplanes/frontend-1?tab=yaml', ready: 'type: Dataplane' },
  { path: '/topology', ready: 'layout-done' },
  { path: '/topology?tab=mermaid', ready: 'testid:mermaid' },
  {
    path: '/trace?mesh=default&gateway=builtin%3Aedge-gateway&method=GET&url=http%3A%2F%2Fwww.example.com%2Forders',
    ready: 'testid:trace-verdict',
  },
  { path: '/trace?tab=check&mesh=default', ready: 'testid:finding-summary' },
  { path: '/gateways/new?mesh=default&kind=builtin', ready: 'testid:yaml-universal' },
];

for (const theme of ['light', 'dark'] as const) {
  for (const screen of SCREENS) {
    test(`${screen.path} has no serious or critical accessibility violation (${theme})`, async ({
      page,
    }) => {
      await presetSettings(page, { theme, refreshMs: 60_000 });
      await page.goto(screen.path);
      if (screen.ready === 'mesh-table') await expect(page.getByTestId('mesh-table')).toBeVisible();
      // Before the layout lands, nodes sit on top of each other and colours blend.
      else if (screen.ready === 'layout-done')
        await expect(page.getByTestId('topology-canvas')).toHaveAttribute('data-layout', 'done', {
          timeout: 30_000,
        });
      else if (screen.ready.startsWith('testid:'))
        await expect(page.getByTestId(screen.ready.slice('testid:'.length)).first()).toBeVisible({
          timeout: 30_000,
        });
      else await expect(page.getByText(screen.ready).first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const results = await new AxeBuilder({ page }).analyze();
      const blocking = results.violations.filter(
        (violation) => violation.impact === 'serious' || violation.impact === 'critical',
      );
      expect(
        blocking.map(
          (violation) =>
            `${violation.id}: ${violation.nodes
              .map((node) => node.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
        ),
      ).toEqual([]);
    });
  }
}

// The shell while the control plane cannot be read: header, navigation, the failure, its
// retry button and countdown.
for (const theme of ['light', 'dark'] as const) {
  test(`the start-up failure screen has no serious or critical violation (${theme})`, async ({
    page,
    request,
  }) => {
    expect((await request.put('/api/_demo/faults', { data: { down: true } })).ok()).toBe(true);
    try {
      await presetSettings(page, { theme, refreshMs: 60_000 });
      await page.goto('/meshes');
      await expect(page.getByTestId('startup-failure')).toBeVisible();
      await expect(page.getByTestId('startup-retry')).toContainText('Trying again automatically');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => violation.id),
      ).toEqual([]);
    } finally {
      await request.delete('/api/_demo/faults');
    }
  });
}
