import AxeBuilder from '@axe-core/playwright';
import { EDGE_GATEWAYS_UP, pinProxies, releaseProxies, UP_AND_READY } from './support/demo-pins';
import { expect, test } from './support/fixtures';
import { block, expectWritten, recordDocumentLoads, submitButton, type } from './support/forms';

const CASES = [
  { path: '/', status: '200', kind: 'ok' },
  { path: '/orders', status: '403', kind: 'rbac-denied' },
  { path: '/pay', status: '503', kind: 'no-healthy-upstream' },
  // The admin listener's route serves /status only.
  { url: 'http://admin.example.com:8081/', status: '404', kind: 'no-route' },
  { url: 'http://admin.example.com:8081/status', status: '200', kind: 'ok' },
  { url: 'http://www.example.com:7070/', status: '0', kind: 'connection-refused' },
  { url: 'https://other.example.com/', status: '0', kind: 'tls-failure' },
] as const;

const SERVICES_KEPT_UP = ['frontend-1', 'frontend-2', 'backend-1', 'backend-2', 'orders-1'].map(
  (name) => [name, UP_AND_READY] as const,
);

test.describe('the traffic-path debugger on mixed', () => {
  test.beforeEach(async ({ request }) => {
    await request.post('/api/_demo/reset?scenario=mixed');
    await pinProxies(request, 'default', EDGE_GATEWAYS_UP);
    // A verdict past the health step needs its service up: frontend (/) and backend (admin's
    // /status) for the 200s, orders for the 403. The demo's churn can take every replica of a
    // service down for a tick, and the trace then answers 503 (it did so to checkout in
    // services.spec); pins also change which proxies the seeded churn picks, so all are pinned.
    await pinProxies(request, 'default', SERVICES_KEPT_UP);
  });
  // The specs after this one share the demo: its services churn again.
  test.afterEach(async ({ request }) => releaseProxies(request, 'default', SERVICES_KEPT_UP));

  for (const entry of CASES) {
    const url = 'url' in entry ? entry.url : `http://www.example.com${entry.path}`;
    test(`GET ${url} → ${entry.kind}`, async ({ page, pageErrors, shot }) => {
      await page.goto('/trace');
      const form = page.getByRole('form', { name: 'Request to trace' });
      await form.getByLabel('Mesh').selectOption('default');
      await form.getByLabel('Through').selectOption('builtin:edge-gateway');
      await form.getByLabel('URL').fill(url);
      await form.getByRole('button', { name: 'Trace' }).click();
      const verdict = page.getByTestId('trace-verdict');
      await expect(verdict).toHaveAttribute('data-kind', entry.kind);
      await expect(verdict).toHaveAttribute('data-status', entry.status);
      if (entry.kind !== 'ok')
        await expect(page.getByTestId('trace-steps').locator('[data-outcome="fail"]')).toHaveCount(
          1,
        );
      // The whole trace is in the URL: reload shows the same verdict.
      await page.reload();
      await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-kind', entry.kind);
      await shot(`trace-${entry.kind}`);
      expect(pageErrors).toEqual([]);
    });
  }

  test('legacy-gateway, which kuma-cp cannot build, refuses connections, and its page and node say why', async ({
    page,
    pageErrors,
    shot,
  }) => {
    await page.goto('/trace');
    const form = page.getByRole('form', { name: 'Request to trace' });
    await form.getByLabel('Mesh').selectOption('legacy');
    await form.getByLabel('Through').selectOption('builtin:legacy-gateway');
    await form.getByLabel('URL').fill('http://catalog.example.com:8080/');
    await form.getByRole('button', { name: 'Trace' }).click();
    const verdict = page.getByTestId('trace-verdict');
    await expect(verdict).toHaveAttribute('data-kind', 'connection-refused');
    await expect(verdict).toHaveAttribute('data-status', '0');
    const failing = page.getByTestId('trace-steps').locator('[data-outcome="fail"]');
    await expect(failing).toHaveCount(1);
    await expect(failing).toContainText(
      'kuma-cp cannot build MeshGateway "legacy-gateway": HTTP port 8090 gets no virtual host',
    );
    await shot('trace-legacy-gateway-not-built');

    await page.goto('/meshes/legacy/gateways/legacy-gateway');
    const banner = page.getByRole('alert', { name: 'No configuration for this gateway’s proxies' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('HTTP port 8090 gets no virtual host');
    const reviews = page
      .getByTestId('listener-card')
      .filter({ has: page.getByRole('heading', { name: /reviews\.example\.com/ }) });
    await expect(reviews.getByTestId('listener-problem')).toContainText(
      'No MeshHTTPRoute gives port 8090 a virtual host',
    );
    await shot('gateway-detail-legacy-not-built');

    await page.goto('/topology');
    await expect(page.getByTestId('topology-canvas')).toHaveAttribute('data-layout', 'done', {
      timeout: 30_000,
    });
    const badge = page.locator(
      '[data-id="gateway:builtin:legacy/legacy-gateway"] [data-finding-severity]',
    );
    await expect(badge).toHaveAttribute('data-finding-severity', 'error');
    await expect(badge).toHaveAttribute(
      'aria-label',
      /kuma-cp cannot build MeshGateway "legacy-gateway"/,
    );
    await shot('topology-legacy-not-built');
    expect(pageErrors).toEqual([]);
  });

  test('the traced path shows on the topology, in both views', async ({ page, shot }) => {
    await page.goto(
      `/trace?mesh=default&gateway=edge&method=GET&url=${encodeURIComponent('http://www.example.com/api')}`,
    );
    await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-kind', 'ok');
    await page.getByRole('link', { name: 'Show this path on the topology' }).click();
    await expect(page.getByTestId('traced-banner')).toContainText('HTTP 200');
    await expect(page.getByTestId('topology-canvas')).toHaveAttribute('data-layout', 'done', {
      timeout: 30_000,
    });
    // A straight edge path has no height, so Playwright calls it hidden: count the marked paths.
    await expect
      .poll(() => page.locator('.react-flow__edge-path[data-highlighted="true"]').count())
      .toBeGreaterThanOrEqual(3);
    expect(
      await page.locator('.react-flow__edge-path[data-highlighted="true"]').count(),
    ).toBeGreaterThanOrEqual(3);
    await expect(
      page.locator('[data-id="sidecar:default/backend"] .topo-node--highlighted'),
    ).toBeVisible();
    await shot('trace-on-topology');
    await page.getByRole('tab', { name: 'Mermaid' }).click();
    const diagram = page.getByTestId('mermaid');
    await expect(diagram).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
    expect(await diagram.locator('svg g.node.traced').count()).toBeGreaterThanOrEqual(4);
    await shot('trace-on-mermaid');
  });

  test('the mesh check finds the deliberate faults, and a fix turns a finding green without a reload', async ({
    page,
    request,
    shot,
  }) => {
    const documentLoads = recordDocumentLoads(page);
    await page.goto('/trace?tab=check&mesh=default');
    const findings = page.getByTestId('finding');
    await expect(findings.first()).toBeVisible({ timeout: 20_000 });
    for (const rule of ['no-healthy-backend', 'missing-traffic-permission']) {
      await expect(
        page.locator(`[data-testid="finding"][data-rule="${rule}"]`).first(),
      ).toBeVisible();
    }
    await shot('mesh-check-mixed');
    await page.goto('/trace?tab=check&mesh=legacy');
    const notBuilt = page.locator('[data-testid="finding"][data-rule="gateway-not-built"]');
    await expect(notBuilt).toBeVisible({ timeout: 20_000 });
    await expect(notBuilt).toContainText('HTTP port 8090 has no route');
    await shot('mesh-check-legacy');
    // Fix it through the route form: attach a route to the reviews listener (index 1).
    await page.goto('/meshes/legacy/gateways/legacy-gateway/routes/new?kind=http');
    const loadsBeforeFix = documentLoads.length;
    await type(page.getByLabel('Name', { exact: true }), 'reviews-routes');
    await page.getByLabel('Attach to listeners').selectOption('1');
    await expect(page.getByText(/Attaches to :8090 HTTP reviews\.example\.com/)).toBeVisible();
    await type(block(page, 'rule', 0).getByLabel('Backend 1: service'), 'reviews');
    await submitButton(page, 'Create').click();
    await expectWritten(page, 'Created: MeshHTTPRoute reviews-routes');
    // Back on the check, within the app (no reload): the finding is gone, the others stay.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Trace' })
      .click();
    await page.getByRole('tab', { name: 'Check a mesh' }).click();
    await page
      .getByRole('tabpanel', { name: 'Check a mesh' })
      .getByLabel('Mesh')
      .selectOption('legacy');
    await expect(page.locator('[data-testid="finding"][data-rule="mtls-off"]').first()).toBeVisible(
      { timeout: 20_000 },
    );
    await expect(
      page.locator('[data-testid="finding"][data-rule="gateway-not-built"]'),
    ).toHaveCount(0);
    expect(documentLoads).toHaveLength(loadsBeforeFix);
    await request.delete('/api/meshes/legacy/meshhttproutes/reviews-routes');
  });
});

test.describe('the trace refuses what is not a URL', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`"not a url" gets an error beside the field and no result (${theme})`, async ({
      page,
      pageErrors,
      shot,
    }) => {
      await page.addInitScript(
        (value) => {
          localStorage.setItem('kuma-dashboard:settings', JSON.stringify(value));
        },
        { refreshMs: 60_000, theme },
      );
      await page.goto(
        '/trace?mesh=default&gateway=builtin%3Aedge-gateway&url=http%3A%2F%2Fwww.example.com%2F',
      );
      await expect(page.getByTestId('trace-verdict')).toBeVisible();
      const before = page.url();
      const form = page.getByRole('form', { name: 'Request to trace' });
      const field = form.getByLabel('URL');
      await field.fill('not a url');
      await form.getByRole('button', { name: 'Trace' }).click();
      const error = page.getByTestId('trace-input-error');
      await expect(error).toHaveText(
        'Not a URL the trace can send: it has a space at character 4; a host name cannot have one, and a path or query writes it as %20.',
      );
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toBeFocused();
      // Not traced: the address that holds the trace is unchanged, and the last result (of
      // another request) is not shown under it.
      expect(page.url()).toBe(before);
      await expect(page.getByTestId('trace-verdict')).toHaveCount(0);
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => violation.id),
      ).toEqual([]);
      await shot(`trace-not-a-url-${theme}`);

      // A shared link with it traces nothing either, and says why.
      await page.goto('/trace?mesh=default&gateway=builtin%3Aedge-gateway&url=not+a+url');
      await expect(page.getByTestId('trace-input-error')).toContainText(
        'has a space at character 4',
      );
      await expect(page.getByTestId('trace-verdict')).toHaveCount(0);
      expect(pageErrors).toEqual([]);
    });
  }
});
