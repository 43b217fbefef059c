/**
 * The dashboard on a real kuma-cp (2.14.3 and 2.6.15 unless REAL_KUMA_VERSIONS says otherwise),
 * seeded through its API with the docs scenarios' resources. No Envoy runs, so every dataplane
 * is offline and never connected: the screens must say so, not invent traffic.
 */
import { httpTarget } from '../../real-cp/api-target';
import { type RunningKumaCp, startKumaCp } from '../../real-cp/control-plane';
import { realVersions } from '../../real-cp/real-versions';
import { scenarioWrites, seed, settle, type Write } from '../../real-cp/seed';
import { expect, presetSettings, test } from '../support/fixtures';
import { block, expectWritten, submitButton, type } from '../support/forms';
import { type RunningProcess, startDashboard } from '../support/processes';

/** A real kuma-cp seeded with a scenario's resources, and a dashboard pointed at it. */
async function startSeeded(version: string, writes: readonly Write[]) {
  const cp = await startKumaCp({ version });
  await seed(httpTarget('kuma-cp', cp.url), writes);
  await settle(cp.url);
  const dashboard = await startDashboard([], { KUMA_CP_URL: cp.url });
  return {
    cp,
    dashboard,
    stop: async () => {
      await dashboard.stop();
      await cp.stop();
    },
  };
}

function dataplanesIn(writes: readonly Write[], mesh: string): string[] {
  return writes
    .filter((write) => write.body.type === 'Dataplane' && write.body.mesh === mesh)
    .map((write) => String(write.body.name));
}

for (const version of realVersions()) {
  test.describe(`on kuma-cp ${version}`, () => {
    let cp: RunningKumaCp;
    let dashboard: RunningProcess;
    let stop: () => Promise<void> = async () => {};
    const writes = scenarioWrites('docs-builtin', version);

    test.beforeAll(async () => {
      test.setTimeout(20 * 60_000);
      ({ cp, dashboard, stop } = await startSeeded(version, writes));
    });

    test.afterAll(async () => {
      await stop();
    });

    test.beforeEach(async ({ page }) => {
      await presetSettings(page, { refreshMs: 60_000 });
    });

    async function fromCp<T>(path: string): Promise<{ status: number; body?: T }> {
      const response = await fetch(`${cp.url}${path}`);
      return {
        status: response.status,
        body: response.ok ? ((await response.json()) as T) : undefined,
      };
    }

    test('meshes, gateways and dataplanes: read from the control plane, all offline', async ({
      page,
      shot,
    }) => {
      await page.goto(`${dashboard.url}/meshes`);
      await expect(page.getByText(`Kuma ${version}`)).toBeVisible();
      for (const mesh of ['team-1', 'team-2']) {
        const count = dataplanesIn(writes, mesh).length;
        const row = page
          .getByRole('row')
          .filter({ has: page.getByRole('link', { name: mesh, exact: true }) });
        await expect(row).toContainText(`0 / ${count} / ${count}`);
      }
      await shot(`real-${version}-meshes`);

      await page.goto(`${dashboard.url}/gateways`);
      const gateways = page.getByTestId('gateway-table');
      for (const name of ['team-1-gateway', 'team-2-gateway']) {
        await expect(gateways.getByRole('link', { name, exact: true })).toBeVisible();
      }

      await page.goto(`${dashboard.url}/meshes/team-1/gateways/team-1-gateway`);
      const listeners = page.getByTestId('listener-card');
      await expect(listeners).toHaveCount(2);
      await expect(listeners.nth(0)).toContainText(':8080');
      await expect(listeners.nth(1)).toContainText(':9080');
      await expect(listeners.nth(0).getByTestId('attached-route')).toContainText(
        'team-1-gateway-routes',
      );
      await expect(page.getByText('0 / 1 online')).toBeVisible();
      await shot(`real-${version}-gateway`);

      await page.goto(`${dashboard.url}/dataplanes?mesh=team-1`);
      const statuses = page.getByRole('row').filter({ hasText: 'team-1' });
      await expect(statuses).toHaveCount(dataplanesIn(writes, 'team-1').length);
      for (const row of await statuses.all()) await expect(row).toContainText('Offline');

      await page.goto(`${dashboard.url}/meshes/team-1/dataplanes/frontend-1`);
      await expect(
        page.getByText('This proxy has never connected to the control plane.'),
      ).toBeVisible();
      await expect(page.getByText('no proxy has connected yet to be issued one')).toBeVisible();
      await shot(`real-${version}-dataplane`);
    });

    test('a gateway and its route: created, edited and deleted through the forms', async ({
      page,
      shot,
    }) => {
      await page.goto(`${dashboard.url}/gateways/new?mesh=team-1&kind=builtin`);
      await type(page.getByLabel('Name', { exact: true }), 'e2e-gateway');
      await submitButton(page, 'Create').click();
      await expectWritten(page, 'Created: MeshGateway e2e-gateway');
      const created = await fromCp<{ conf: { listeners: { port: number }[] } }>(
        '/meshes/team-1/meshgateways/e2e-gateway',
      );
      expect(created.body?.conf.listeners.map((listener) => listener.port)).toEqual([8080]);

      await page.getByRole('link', { name: 'Add an HTTP route' }).click();
      await type(page.getByLabel('Name', { exact: true }), 'e2e-route');
      await type(block(page, 'rule', 0).getByLabel('Backend 1: service'), 'frontend');
      await submitButton(page, 'Create').click();
      await expectWritten(page, 'Created: MeshHTTPRoute e2e-route');
      const route = await fromCp<{ spec: { targetRef: { name: string } } }>(
        '/meshes/team-1/meshhttproutes/e2e-route',
      );
      expect(route.body?.spec.targetRef.name).toBe('e2e-gateway');

      await page.goto(`${dashboard.url}/meshes/team-1/gateways/e2e-gateway/edit`);
      await type(block(page, 'listener', 0).getByLabel('Port'), '8088');
      await submitButton(page, 'Save').click();
      await expectWritten(page, 'Saved: MeshGateway e2e-gateway');
      const edited = await fromCp<{ conf: { listeners: { port: number }[] } }>(
        '/meshes/team-1/meshgateways/e2e-gateway',
      );
      expect(edited.body?.conf.listeners.map((listener) => listener.port)).toEqual([8088]);
      await shot(`real-${version}-form-saved`);

      await page.goto(`${dashboard.url}/meshes/team-1/gateways/e2e-gateway`);
      await page.getByTestId('gateway-actions').getByRole('button', { name: 'Delete' }).click();
      const dialog = page.getByTestId('delete-dialog');
      await expect(dialog.getByTestId('delete-dependents')).toHaveText('MeshHTTPRoute e2e-route');
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
      await expect(page).toHaveURL(/\/gateways\?mesh=team-1$/);
      expect((await fromCp('/meshes/team-1/meshgateways/e2e-gateway')).status).toBe(404);
      expect((await fromCp('/meshes/team-1/meshhttproutes/e2e-route')).status).toBe(404);
    });

    test('a MeshTrafficPermission: opened from a fix, created, edited and deleted through the form', async ({
      page,
      shot,
    }) => {
      await page.goto(
        `${dashboard.url}/meshes/team-1/permissions/new?gateway=team-1-gateway&from=team-1-gateway&to=frontend`,
      );
      await expect(page.getByLabel('Name', { exact: true })).toHaveValue(
        'allow-team-1-gateway-to-frontend',
      );
      await submitButton(page, 'Create').click();
      await expectWritten(page, 'Created: MeshTrafficPermission allow-team-1-gateway-to-frontend');
      const path = '/meshes/team-1/meshtrafficpermissions/allow-team-1-gateway-to-frontend';
      const created = await fromCp<{ spec: { targetRef: unknown; from: unknown[] } }>(path);
      expect(created.body?.spec).toEqual({
        targetRef: { kind: 'MeshService', name: 'frontend' },
        from: [
          {
            targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'team-1-gateway' } },
            default: { action: 'Allow' },
          },
        ],
      });

      await page.goto(`${dashboard.url}/meshes/team-1/permissions`);
      await page.getByRole('link', { name: 'allow-team-1-gateway-to-frontend' }).click();
      await page.getByLabel('Caller 1: action').selectOption('AllowWithShadowDeny');
      await submitButton(page, 'Save').click();
      await expectWritten(page, 'Saved: MeshTrafficPermission allow-team-1-gateway-to-frontend');
      const edited = await fromCp<{ spec: { from: { default: { action: string } }[] } }>(path);
      expect(edited.body?.spec.from[0]?.default.action).toBe('AllowWithShadowDeny');
      await shot(`real-${version}-permission-saved`);

      await page.goto(
        `${dashboard.url}/meshes/team-1/permissions/allow-team-1-gateway-to-frontend/edit`,
      );
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page
        .getByTestId('delete-dialog')
        .getByRole('button', { name: 'Delete', exact: true })
        .click();
      await expect(page).toHaveURL(/\/meshes\/team-1\/permissions$/);
      expect((await fromCp(path)).status).toBe(404);
    });

    test('the control plane refuses what the form predicted it would, on the same fields', async ({
      page,
    }) => {
      await page.goto(`${dashboard.url}/gateways/new?mesh=team-1&kind=builtin`);
      await type(page.getByLabel('Name', { exact: true }), 'refused-gateway');
      const port = block(page, 'listener', 0).getByLabel('Port');
      await type(port, '0');
      await expect(port).toHaveAttribute('aria-invalid', 'true');
      const messages = page.locator(`#${await port.getAttribute('aria-describedby')}`);
      // The same words the control plane gives a PUT of that body.
      const reply = await fetch(`${cp.url}/meshes/team-1/meshgateways/refused-gateway`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'MeshGateway',
          mesh: 'team-1',
          name: 'refused-gateway',
          selectors: [{ match: { 'kuma.io/service': 'refused-gateway' } }],
          conf: { listeners: [{ port: 0, protocol: 'HTTP', hostname: '*' }] },
        }),
      });
      const answer = (await reply.json()) as { invalid_parameters: { reason: string }[] };
      await expect(messages.getByRole('alert')).toHaveText(
        answer.invalid_parameters.map((parameter) => parameter.reason),
      );
    });

    test('a trace through an offline gateway says the connection is refused, and why', async ({
      page,
      shot,
    }) => {
      const query = new URLSearchParams({
        mesh: 'team-1',
        gateway: 'builtin:team-1-gateway',
        method: 'GET',
        url: 'http://shop.example.com/catalog',
      });
      await page.goto(`${dashboard.url}/trace?${query.toString()}`);
      await expect(page.getByText('no HTTP response')).toBeVisible();
      await expect(
        page.getByText('no instance of MeshGateway "team-1-gateway" is online', { exact: false }),
      ).toBeVisible();
      await shot(`real-${version}-trace`);
    });
  });

  // The docs' two flowcharts, drawn from what a real kuma-cp holds (as e2e/topology.spec.ts
  // checks them on the demo): nodes, groups, and managed (dashed) versus unmanaged links.
  for (const [scenario, managed, unmanaged] of [
    ['docs-builtin', 9, 11],
    ['docs-delegated', 8, 12],
  ] as const) {
    test.describe(`on kuma-cp ${version} seeded with ${scenario}`, () => {
      let seeded: Awaited<ReturnType<typeof startSeeded>> | undefined;
      test.beforeAll(async () => {
        test.setTimeout(20 * 60_000);
        seeded = await startSeeded(version, scenarioWrites(scenario, version));
      });
      test.afterAll(async () => {
        await seeded?.stop();
      });

      test('the topology draws the docs flowchart, in both views', async ({ page, shot }) => {
        const url = seeded!.dashboard.url;
        await page.goto(`${url}/topology?tab=mermaid`);
        const diagram = page.getByTestId('mermaid');
        await expect(diagram).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
        await expect(diagram.locator('svg g.node')).toHaveCount(20);
        await expect(diagram.locator('svg g.cluster')).toHaveCount(6);
        const links = diagram.locator('svg path.flowchart-link');
        await expect(links).toHaveCount(20);
        const dotted = await links.evaluateAll(
          (paths) => paths.filter((path) => path.getAttribute('class')?.includes('dotted')).length,
        );
        expect({ managed: dotted, unmanaged: 20 - dotted }).toEqual({ managed, unmanaged });
        await shot(`real-${version}-${scenario}-mermaid`);

        await page.goto(`${url}/topology`);
        const canvas = page.getByTestId('topology-canvas');
        await expect(canvas).toHaveAttribute('data-layout', 'done', { timeout: 30_000 });
        await expect(canvas.locator('[data-kind="gateway"]')).toHaveCount(2);
        await expect(canvas.locator('[data-kind="sidecar"]')).toHaveCount(8);
        await shot(`real-${version}-${scenario}-topology`);
      });
    });
  }
}
