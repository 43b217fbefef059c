import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, presetSettings, test } from './support/fixtures';
import {
  block,
  expectWritten,
  navigate,
  recordDocumentLoads,
  recordWrites,
  resetDemo,
  resourceForm,
  stored,
  submitButton,
  tabTo,
  type,
} from './support/forms';
import { startDashboard } from './support/processes';

interface StoredGateway {
  conf: {
    listeners: {
      port: number;
      protocol: string;
      hostname?: string;
      tls?: { mode: string; certificates: { secret: string }[] };
    }[];
  };
}

interface StoredHttpRoute {
  spec: {
    targetRef: { kind: string; name: string };
    to: { rules: { default: { backendRefs: { name: string; weight?: number }[] } }[] }[];
  };
}

// Lists refresh on their own only once a minute: what shows up after a save comes from the
// form's own invalidation, not from polling.
test.beforeEach(async ({ page, request }) => {
  await resetDemo(request);
  await presetSettings(page, { refreshMs: 60_000 });
});

/** Opens the topology from the main navigation and waits for its layout. */
async function openTopology(page: Page) {
  await navigate(page, 'Topology');
  const canvas = page.getByTestId('topology-canvas');
  await expect(canvas).toHaveAttribute('data-layout', 'done', { timeout: 20_000 });
  return canvas;
}

/** The node of built-in gateway `mesh/name` on the topology canvas. */
function topologyNode(page: Page, mesh: string, name: string) {
  return page.getByTestId('topology-canvas').locator(`[data-id="gateway:builtin:${mesh}/${name}"]`);
}

test('a built-in gateway with HTTP and HTTPS listeners and a weighted route: create, see, edit, delete', async ({
  page,
  request,
  pageErrors,
  shot,
}) => {
  const loads = recordDocumentLoads(page);
  const writes = recordWrites(page);
  await page.goto('/gateways');
  const gateways = page.getByTestId('gateway-table');
  await expect(gateways.getByRole('link', { name: 'edge-gateway', exact: true })).toBeVisible();

  // The list's "Create gateway" opens the built-in form of the first mesh.
  await page.getByRole('link', { name: 'Create gateway' }).click();
  await expect(page).toHaveURL(/\/gateways\/new/);
  await expect(page.getByRole('heading', { name: 'Create a gateway' })).toBeVisible();
  await expect(page.getByLabel('Mesh', { exact: true })).toHaveValue('default');
  await expect(page.getByRole('radio', { name: /^Built-in gateway/ })).toBeChecked();
  await expect(block(page, 'listener', 0).getByLabel('Port')).toHaveValue('8080');
  await expect(resourceForm(page).getByRole('alert')).toHaveCount(0);
  await shot('forms-1-empty-builtin');

  await type(page.getByLabel('Name', { exact: true }), 'shop-gateway');
  await expect(page.getByLabel('Selector 1: tag 1 value')).toHaveValue('shop-gateway');
  await page.getByRole('button', { name: 'Add listener' }).click();
  const https = block(page, 'listener', 1);
  await type(https.getByLabel('Port'), '8443');
  await https.getByLabel('Protocol').selectOption('HTTPS');
  await expect(https.getByLabel('TLS mode')).toHaveValue('TERMINATE');
  await https.getByRole('button', { name: 'Add certificate secret' }).click();
  await type(https.getByLabel('Certificate 1: secret name'), 'shop-example-com-cert');
  await type(https.getByLabel('Hostname'), 'shop.example.com');
  await expect(resourceForm(page).getByRole('alert')).toHaveCount(0);

  const universal = page.getByTestId('yaml-universal');
  await expect(universal).toContainText('type: MeshGateway');
  await expect(universal).toContainText('name: shop-gateway');
  await expect(universal).toContainText('secret: shop-example-com-cert');
  await expect(page.getByTestId('yaml-kubernetes')).toContainText('kind: MeshGateway');
  await expect(page.getByTestId('apply-command')).toContainText('kumactl apply -f -');
  await shot('forms-2-builtin-yaml-preview');

  await submitButton(page, 'Create').click();
  await expectWritten(page, 'Created: MeshGateway shop-gateway');
  expect(writes).toEqual(['PUT /api/meshes/default/meshgateways/shop-gateway']);
  const created = await stored<StoredGateway>(request, 'default/meshgateways/shop-gateway');
  expect(created?.conf.listeners).toEqual([
    expect.objectContaining({ port: 8080, protocol: 'HTTP' }),
    expect.objectContaining({
      port: 8443,
      protocol: 'HTTPS',
      hostname: 'shop.example.com',
      tls: { mode: 'TERMINATE', certificates: [{ secret: 'shop-example-com-cert' }] },
    }),
  ]);

  // A route with two weighted backends, attached to both listeners (no tags: every HTTP(S) one).
  await page.getByRole('link', { name: 'Add an HTTP route' }).click();
  await expect(page.getByRole('heading', { name: 'Add a route to shop-gateway' })).toBeVisible();
  await type(page.getByLabel('Name', { exact: true }), 'shop-route');
  await expect(
    page.getByText('Attaches to :8080 HTTP *, :8443 HTTPS shop.example.com.'),
  ).toBeVisible();
  const rule = block(page, 'rule', 0);
  await type(rule.getByLabel('Backend 1: service'), 'frontend');
  await type(rule.getByLabel('Backend 1: weight'), '80');
  await rule.getByRole('button', { name: 'Add backend' }).click();
  await type(rule.getByLabel('Backend 2: service'), 'backend');
  await type(rule.getByLabel('Backend 2: weight'), '20');
  await expect(rule.getByText('20% of requests')).toBeVisible();
  await expect(page.getByTestId('yaml-universal')).toContainText('type: MeshHTTPRoute');
  await shot('forms-3-route-preview');
  await submitButton(page, 'Create').click();
  await expectWritten(page, 'Created: MeshHTTPRoute shop-route');
  const route = await stored<StoredHttpRoute>(request, 'default/meshhttproutes/shop-route');
  expect(route?.spec.targetRef).toMatchObject({ kind: 'MeshGateway', name: 'shop-gateway' });
  expect(route?.spec.to[0]?.rules[0]?.default.backendRefs).toEqual([
    expect.objectContaining({ name: 'frontend', weight: 80 }),
    expect.objectContaining({ name: 'backend', weight: 20 }),
  ]);

  // Its detail page: both listeners, the route attached with its split.
  await page.getByRole('link', { name: 'Open gateway shop-gateway' }).click();
  await expect(page).toHaveURL(/\/meshes\/default\/gateways\/shop-gateway$/);
  const listeners = page.getByTestId('listener-card');
  await expect(listeners).toHaveCount(2);
  await expect(listeners.nth(0)).toContainText(':8080');
  await expect(listeners.nth(1)).toContainText(':8443');
  await expect(listeners.nth(1)).toContainText('shop-example-com-cert');
  for (const card of [listeners.nth(0), listeners.nth(1)]) {
    const attached = card.getByTestId('attached-route');
    await expect(attached).toContainText('shop-route');
    await expect(attached.getByTestId('backend')).toHaveText([
      /frontend\s*weight 80 \(80%\)/,
      /backend\s*weight 20 \(20%\)/,
    ]);
  }
  await shot('forms-4-gateway-detail');

  // The gateway list has it, without a reload (the topology has its own test below).
  await navigate(page, 'Gateways');
  await expect(gateways.getByRole('link', { name: 'shop-gateway', exact: true })).toBeVisible();

  // Edit: the HTTP listener moves to 8088; the diff says so; the detail page follows.
  await gateways.getByRole('link', { name: 'shop-gateway', exact: true }).click();
  await page.getByTestId('gateway-actions').getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { name: /Edit shop-gateway/ })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('readonly', '');
  await expect(page.getByTestId('yaml-diff')).toContainText('No changes to what is stored yet.');
  await type(block(page, 'listener', 0).getByLabel('Port'), '8088');
  await expect(page.getByTestId('yaml-diff')).toContainText('port: 8088');
  await shot('forms-5-edit-diff');
  await submitButton(page, 'Save').click();
  await expectWritten(page, 'Saved: MeshGateway shop-gateway');
  const edited = await stored<StoredGateway>(request, 'default/meshgateways/shop-gateway');
  expect(edited?.conf.listeners.map((listener) => listener.port)).toEqual([8088, 8443]);
  await page.getByRole('link', { name: 'Open gateway shop-gateway' }).click();
  await expect(page.getByTestId('listener-card').nth(0)).toContainText(':8088');
  await navigate(page, 'Gateways');
  await expect(
    gateways.getByTestId('gateway-row').filter({ hasText: 'shop-gateway' }),
  ).toContainText('8088');

  // Delete: the confirmation names the route, which goes with the gateway.
  await gateways.getByRole('link', { name: 'shop-gateway', exact: true }).click();
  await page.getByTestId('gateway-actions').getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByTestId('delete-dialog');
  await expect(dialog.getByTestId('delete-dependents')).toHaveText('MeshHTTPRoute shop-route');
  await shot('forms-6-delete-dialog');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page).toHaveURL(/\/gateways\?mesh=default$/);
  await expect(gateways.getByRole('link', { name: 'edge-gateway', exact: true })).toBeVisible();
  await expect(gateways.getByRole('link', { name: 'shop-gateway', exact: true })).toHaveCount(0);
  expect(await stored(request, 'default/meshgateways/shop-gateway')).toBeUndefined();
  expect(await stored(request, 'default/meshhttproutes/shop-route')).toBeUndefined();
  expect(writes).toEqual([
    'PUT /api/meshes/default/meshgateways/shop-gateway',
    'PUT /api/meshes/default/meshhttproutes/shop-route',
    'PUT /api/meshes/default/meshgateways/shop-gateway',
    'DELETE /api/meshes/default/meshhttproutes/shop-route',
    'DELETE /api/meshes/default/meshgateways/shop-gateway',
  ]);

  expect(loads, 'the app never reloaded').toHaveLength(1);
  expect(pageErrors).toEqual([]);
});

test('a built-in gateway created or deleted with the forms shows on the topology without a reload', async ({
  page,
  pageErrors,
  shot,
}) => {
  const loads = recordDocumentLoads(page);
  await page.goto('/topology');
  await expect(page.getByTestId('topology-canvas')).toHaveAttribute('data-layout', 'done', {
    timeout: 20_000,
  });
  await expect(topologyNode(page, 'default', 'edge-gateway')).toBeVisible();
  await expect(topologyNode(page, 'default', 'map-gateway')).toHaveCount(0);

  // Create one from the Gateways screen.
  await navigate(page, 'Gateways');
  await page.getByRole('link', { name: 'Create gateway' }).click();
  await type(page.getByLabel('Name', { exact: true }), 'map-gateway');
  await submitButton(page, 'Create').click();
  await expectWritten(page, 'Created: MeshGateway map-gateway');

  await openTopology(page);
  await expect(topologyNode(page, 'default', 'map-gateway')).toBeVisible();
  await expect(topologyNode(page, 'default', 'map-gateway')).toContainText('map-gateway');
  await shot('forms-topology-new-gateway');

  // Delete it: the node goes.
  await navigate(page, 'Gateways');
  await page
    .getByTestId('gateway-table')
    .getByRole('link', { name: 'map-gateway', exact: true })
    .click();
  await page.getByTestId('gateway-actions').getByRole('button', { name: 'Delete' }).click();
  await page
    .getByTestId('delete-dialog')
    .getByRole('button', { name: 'Delete', exact: true })
    .click();
  await expect(page).toHaveURL(/\/gateways\?mesh=default$/);
  await openTopology(page);
  await expect(topologyNode(page, 'default', 'edge-gateway')).toBeVisible();
  await expect(topologyNode(page, 'default', 'map-gateway')).toHaveCount(0);
  expect(loads, 'the app never reloaded').toHaveLength(1);
  expect(pageErrors).toEqual([]);
});

test("invalid input shows the control plane's messages next to the fields and sends nothing", async ({
  page,
  pageErrors,
  shot,
}) => {
  const writes = recordWrites(page);
  await page.goto('/gateways/new?mesh=default&kind=builtin');
  await type(page.getByLabel('Name', { exact: true }), 'bad-gateway');
  const first = block(page, 'listener', 0);

  // Listener 1, HTTPS without a certificate: on its Certificates group.
  await first.getByLabel('Protocol').selectOption('HTTPS');
  const certificates = first.getByRole('group', { name: 'Certificates' });
  await expect(certificates.getByRole('alert')).toHaveText(
    'cannot be empty in TLS termination mode',
  );

  // Listener 1, port 0: on its Port field, which points at the message.
  const port = first.getByLabel('Port');
  await type(port, '0');
  await expect(port).toHaveAttribute('aria-invalid', 'true');
  const portMessages = page.locator(`#${await port.getAttribute('aria-describedby')}`);
  await expect(portMessages.getByRole('alert')).toHaveText('port must be in the range [1, 65535]');

  // Listener 2, cross-mesh on HTTPS: on its Protocol field, and only there.
  await page.getByRole('button', { name: 'Add listener' }).click();
  const second = block(page, 'listener', 1);
  await second.getByLabel('Protocol').selectOption('HTTPS');
  await second.getByRole('button', { name: 'Add certificate secret' }).click();
  await type(second.getByLabel('Certificate 1: secret name'), 'shop-example-com-cert');
  await second.getByLabel('Cross-mesh: reachable from other meshes').check();
  const protocol = second.getByLabel('Protocol');
  await expect(protocol).toHaveAttribute('aria-invalid', 'true');
  const protocolMessages = page.locator(`#${await protocol.getAttribute('aria-describedby')}`);
  await expect(protocolMessages.getByRole('alert')).toHaveText(
    'protocol is not supported with crossMesh',
  );
  await expect(first.getByLabel('Protocol')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(first.getByText('protocol is not supported with crossMesh')).toHaveCount(0);
  await expect(second.getByText('port must be in the range [1, 65535]')).toHaveCount(0);
  await shot('forms-7-errors-while-typing');

  // Create: a summary of every problem, focused, and no request.
  await submitButton(page, 'Create').click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('4 problems to fix before creating');
  await expect(summary.getByRole('listitem')).toHaveText([
    'conf.listeners[0].port: port must be in the range [1, 65535]',
    'conf.listeners[0].tls.certificates: cannot be empty in TLS termination mode',
    'conf.listeners[1].protocol: protocol is not supported with crossMesh',
    'conf.listeners[1].tls: must be empty with crossMesh',
  ]);
  await shot('forms-8-error-summary');

  // A summary entry leads to its field.
  await summary.getByRole('link', { name: /port must be in the range/ }).click();
  await expect(port).toBeFocused();
  expect(writes).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('on Kubernetes the form ends with the YAML and kubectl apply, and writes nothing', async ({
  page,
  pageErrors,
  shot,
}) => {
  const dashboard = await startDashboard([
    '--scenario',
    'mixed',
    '--seed',
    '42',
    '--environment',
    'kubernetes',
  ]);
  try {
    const writes = recordWrites(page);
    await page.goto(`${dashboard.url}/gateways/new?mesh=default&kind=builtin`);
    await type(page.getByLabel('Name', { exact: true }), 'edge-k8s');
    const end = page.getByTestId('read-only-end');
    await expect(end).toContainText('Apply it yourself');
    await expect(end).toContainText('read-only');
    await expect(end.getByTestId('read-only-command')).toContainText("kubectl apply -f - <<'EOF'");
    await expect(end.getByTestId('read-only-command')).toContainText('kind: MeshGateway');
    const yaml = page.getByTestId('yaml-kubernetes');
    await expect(yaml).toContainText('kind: MeshGateway');
    await expect(yaml).toContainText('name: edge-k8s');
    await expect(yaml).toContainText('kind: MeshGatewayInstance');
    await expect(resourceForm(page).getByRole('button', { name: 'Create' })).toHaveCount(0);
    await expect(resourceForm(page).getByRole('button', { name: 'Save' })).toHaveCount(0);
    await shot('forms-9-kubernetes-end');

    // Enter in a field submits nothing either.
    await page.getByLabel('Name', { exact: true }).press('Enter');
    await page.waitForTimeout(300);
    expect(writes).toEqual([]);
    expect(pageErrors).toEqual([]);
  } finally {
    await dashboard.stop();
  }
});

test('a delegated gateway is created on Universal and shows on its page', async ({
  page,
  request,
  pageErrors,
  shot,
}) => {
  const loads = recordDocumentLoads(page);
  const writes = recordWrites(page);
  await page.goto('/gateways?mesh=payments');
  await page.getByRole('link', { name: 'Create gateway' }).click();
  await expect(page).toHaveURL(/\/gateways\/new\?mesh=payments$/);
  // The kind lives in the address: the radio shows checked once the URL changed, not at once.
  const delegated = page.getByRole('radio', { name: /^Delegated gateway/ });
  await delegated.click();
  await expect(delegated).toBeChecked();
  await expect(page).toHaveURL(/kind=delegated/);
  await expect(page.getByRole('heading', { name: 'Delegated gateway Dataplane' })).toBeVisible();
  await shot('forms-10-empty-delegated');

  await type(page.getByLabel('Name', { exact: true }), 'kong-shop-1');
  await type(page.getByLabel('Address'), '10.1.0.40');
  await type(page.getByLabel('Service (kuma.io/service)'), 'kong-shop');
  await page.getByRole('button', { name: 'Add outbound' }).click();
  await page.getByLabel('Outbound 1: target').selectOption('MeshService');
  await type(page.getByLabel('Outbound 1: MeshService'), 'checkout');
  await type(page.getByLabel('Outbound 1: service port'), '80');
  await expect(resourceForm(page).getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('yaml-universal')).toContainText('kuma.io/service: kong-shop');
  await expect(page.getByTestId('kuma-dp-commands')).toContainText(
    'kumactl generate dataplane-token --mesh payments --tag kuma.io/service=kong-shop',
  );
  await submitButton(page, 'Create').click();
  await expectWritten(page, 'Created: Dataplane kong-shop-1');
  expect(writes).toEqual(['PUT /api/meshes/payments/dataplanes/kong-shop-1']);
  expect(await stored(request, 'payments/dataplanes/kong-shop-1')).toMatchObject({
    networking: { address: '10.1.0.40', gateway: { tags: { 'kuma.io/service': 'kong-shop' } } },
  });

  await page.getByRole('link', { name: 'Open delegated gateway kong-shop' }).click();
  await expect(page).toHaveURL(/\/meshes\/payments\/delegated-gateways\/kong-shop$/);
  await expect(page.getByRole('heading', { name: /kong-shop/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'kong-shop-1', exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('outbound-table')).toContainText('checkout');
  await shot('forms-11-delegated-detail');
  await navigate(page, 'Gateways');
  await expect(
    page.getByTestId('gateway-table').getByRole('link', { name: 'kong-shop', exact: true }),
  ).toBeVisible();
  expect(loads, 'the app never reloaded').toHaveLength(1);
  expect(pageErrors).toEqual([]);
});

test('Kuma 3.0 offers no built-in gateway form, only the delegated one', async ({
  page,
  pageErrors,
  shot,
}) => {
  const dashboard = await startDashboard([
    '--scenario',
    'mixed',
    '--seed',
    '42',
    '--kuma-version',
    '3.0.0',
  ]);
  try {
    await page.goto(`${dashboard.url}/gateways/new?mesh=default&kind=builtin`);
    await expect(page.getByTestId('no-builtin-note')).toContainText('no built-in gateways');
    await expect(page.getByRole('heading', { name: 'Delegated gateway Dataplane' })).toBeVisible();
    await expect(page.getByTestId('gateway-kind')).toHaveCount(0);
    await expect(page.getByRole('radio')).toHaveCount(0);
    await expect(page.getByTestId('listener-0')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add listener' })).toHaveCount(0);
    await shot('forms-12-kuma-3-delegated-only');

    // The edit and route screens of a built-in gateway say it does not exist here.
    await page.goto(`${dashboard.url}/meshes/default/gateways/edge-gateway/edit`);
    await expect(
      page.getByText('Built-in gateways do not exist on this control plane.'),
    ).toBeVisible();
    await page.goto(`${dashboard.url}/meshes/default/gateways/edge-gateway/routes/new?kind=http`);
    await expect(
      page.getByText('Built-in gateways do not exist on this control plane.'),
    ).toBeVisible();
    await expect(page.getByTestId('listener-0')).toHaveCount(0);
    expect(pageErrors).toEqual([]);
  } finally {
    await dashboard.stop();
  }
});

test('a TCP route is created with the keyboard only', async ({ page, request, pageErrors }) => {
  const writes = recordWrites(page);
  await page.goto('/meshes/default/gateways/edge-gateway/routes/new?kind=tcp');
  const name = page.getByLabel('Name', { exact: true });
  await expect(name).toBeVisible();
  await tabTo(page, name);
  await page.keyboard.type('redis-by-keyboard');
  // The only TCP listener of edge-gateway takes it without tags.
  await expect(page.getByText('Attaches to :6379 TCP *.')).toBeVisible();
  const service = page.getByLabel('Backend 1: service');
  await tabTo(page, service, 10);
  await page.keyboard.type('redis');
  await page.keyboard.press('Enter');
  await expectWritten(page, 'Created: MeshTCPRoute redis-by-keyboard');
  expect(writes).toEqual(['PUT /api/meshes/default/meshtcproutes/redis-by-keyboard']);
  expect(await stored(request, 'default/meshtcproutes/redis-by-keyboard')).toMatchObject({
    spec: {
      targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
      to: [{ rules: [{ default: { backendRefs: [expect.objectContaining({ name: 'redis' })] } }] }],
    },
  });

  // Nothing typed survives as a draft, even a change made just before Enter: wait out the
  // form's draft debounce (250 ms), then look.
  await page.waitForTimeout(400);
  expect(
    await page.evaluate(() =>
      Object.keys(localStorage).filter((key) => key.endsWith(':MeshTCPRoute:new')),
    ),
  ).toEqual([]);

  // "Add another route" gives a fresh, empty form (it links to the address already shown).
  await tabTo(page, page.getByRole('link', { name: 'Add another route' }));
  await page.keyboard.press('Enter');
  await expect(name).toHaveValue('');
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
  await expect(page.getByLabel('Backend 1: service')).toHaveValue('');

  // On to the gateway by keyboard: the new route is attached to the TCP listener, and as its
  // name sorts after edge-redis's, it is the one that carries the connections.
  await tabTo(page, resourceForm(page).getByRole('link', { name: 'edge-gateway', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/meshes\/default\/gateways\/edge-gateway$/);
  const routes = page
    .getByTestId('listener-card')
    .filter({ hasText: ':6379' })
    .getByTestId('attached-route');
  await expect(routes.filter({ hasText: 'MeshTCPRoute redis-by-keyboard' })).toBeVisible();
  await expect(routes.filter({ hasText: 'MeshTCPRoute edge-redis' })).toContainText('overridden');
  expect(pageErrors).toEqual([]);
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
    );
}

/**
 * The same screen in the dark theme: settings live in localStorage (an init script added later
 * runs later, so it wins over the one in beforeEach), drafts in localStorage.
 */
async function inDarkTheme(page: Page, check: () => Promise<void>) {
  await presetSettings(page, { refreshMs: 60_000, theme: 'dark' });
  await page.reload();
  await check();
}

test('a create form refuses an existing name while typing, before any submit', async ({
  page,
  pageErrors,
  shot,
}) => {
  const writes = recordWrites(page);
  await page.goto('/gateways/new?mesh=default');
  const name = page.getByLabel('Name', { exact: true });
  await name.pressSequentially('edge-gateway');
  const taken = resourceForm(page).getByRole('alert').filter({
    hasText: 'MeshGateway "edge-gateway" already exists in mesh "default"',
  });
  await expect(taken).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(submitButton(page, 'Create')).toBeDisabled();
  const link = taken.getByRole('link', { name: 'Open MeshGateway edge-gateway' });
  await expect(link).toHaveAttribute('href', '/meshes/default/gateways/edge-gateway/edit');
  expect(await seriousViolations(page)).toEqual([]);
  await shot('form-name-taken-light');

  // Another letter and it is free again.
  await name.press('End');
  await name.pressSequentially('-2');
  await expect(taken).toHaveCount(0);
  await expect(submitButton(page, 'Create')).toBeEnabled();

  // Back to the taken name, in the dark theme (the typed name comes back with the draft).
  await name.fill('edge-gateway');
  await page.waitForTimeout(400);
  await inDarkTheme(page, async () => {
    await expect(
      resourceForm(page)
        .getByRole('alert')
        .filter({ hasText: 'MeshGateway "edge-gateway" already exists in mesh "default"' })
        .first(),
    ).toBeVisible();
    await expect(submitButton(page, 'Create')).toBeDisabled();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('form-name-taken-dark');
  });

  await page.getByRole('link', { name: 'Open MeshGateway edge-gateway' }).click();
  await expect(page).toHaveURL(/\/meshes\/default\/gateways\/edge-gateway\/edit$/);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('edge-gateway');
  expect(writes).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('a draft left on a non-default mesh is found again from the gateway list', async ({
  page,
  pageErrors,
  shot,
}) => {
  await page.goto('/gateways');
  await page.getByRole('link', { name: 'Create gateway' }).click();
  await expect(page).toHaveURL(/\/gateways\/new\?mesh=default/);
  await resourceForm(page).getByLabel('Mesh', { exact: true }).selectOption('payments');
  await expect(page).toHaveURL(/mesh=payments/);
  await type(page.getByLabel('Name', { exact: true }), 'pay-gw');
  await type(block(page, 'listener', 0).getByLabel('Port'), '8090');
  await page.waitForTimeout(400);

  // Away and back through the list (all meshes), as the user does.
  await navigate(page, 'Gateways');
  const drafts = page.getByTestId('draft-list');
  await expect(drafts).toContainText(
    /new MeshGateway pay-gw in mesh payments: Draft from .+ — Restore/,
  );
  expect(await seriousViolations(page)).toEqual([]);
  await shot('gateway-list-drafts-light');
  await inDarkTheme(page, async () => {
    await expect(page.getByTestId('draft-list')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('gateway-list-drafts-dark');
  });

  await page.getByRole('link', { name: 'Create gateway' }).click();
  await expect(page.getByTestId('draft-notice')).toBeVisible();
  await expect(page).toHaveURL(/mesh=payments/);
  await expect(resourceForm(page).getByLabel('Mesh', { exact: true })).toHaveValue('payments');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('pay-gw');
  await expect(block(page, 'listener', 0).getByLabel('Port')).toHaveValue('8090');

  // The list's own Restore leads to the same form; Discard removes the draft.
  await navigate(page, 'Gateways');
  await page.getByRole('link', { name: 'Restore draft: new MeshGateway pay-gw' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('pay-gw');
  await navigate(page, 'Gateways');
  await page.getByRole('button', { name: 'Discard draft: new MeshGateway pay-gw' }).click();
  await expect(page.getByTestId('draft-list')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('a draft typed in one tab is found from a second tab, and its discard reaches the first', async ({
  page,
  pageErrors,
}) => {
  await page.goto('/gateways/new?mesh=payments');
  await type(page.getByLabel('Name', { exact: true }), 'two-tabs-gw');
  // Past the form's draft debounce (250 ms).
  await page.waitForTimeout(400);

  // A second tab of the same browser (same context: same localStorage).
  const second = await page.context().newPage();
  await second.goto('/gateways');
  await expect(second.getByTestId('draft-list')).toContainText(
    /new MeshGateway two-tabs-gw in mesh payments: Draft from .+ — Restore/,
  );
  await second.getByRole('link', { name: 'Restore draft: new MeshGateway two-tabs-gw' }).click();
  await expect(second.getByTestId('draft-notice')).toBeVisible();
  await expect(second.getByLabel('Name', { exact: true })).toHaveValue('two-tabs-gw');

  // The first tab shows the list; a discard in the second one takes the draft off it, live.
  await navigate(page, 'Gateways');
  await expect(page.getByTestId('draft-list')).toBeVisible();
  await second.goto('/gateways');
  await second.getByRole('button', { name: 'Discard draft: new MeshGateway two-tabs-gw' }).click();
  await expect(page.getByTestId('draft-list')).toHaveCount(0);
  await second.close();
  expect(pageErrors).toEqual([]);
});
