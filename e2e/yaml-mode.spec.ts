import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, presetSettings, test } from './support/fixtures';
import { block, expectWritten, recordWrites, resetDemo, stored, type } from './support/forms';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
    );
}

const kubernetesRoute = (path: string) => `apiVersion: kuma.io/v1alpha1
kind: MeshHTTPRoute
metadata:
  name: edge-admin
  namespace: kuma-system
  labels:
    kuma.io/mesh: default
spec:
  targetRef:
    kind: MeshGateway
    name: edge-gateway
    tags:
      listener: admin
  to:
    - targetRef:
        kind: Mesh
      rules:
        - matches:
            - path:
                type: Exact
                value: ${path}
          default:
            backendRefs:
              - kind: MeshService
                name: backend
`;

interface StoredRoute {
  spec: { to: { rules: { matches: { path: { value: string } }[] }[] }[] };
}

/** Replaces the editor's text as a paste does (select all, insert). */
async function paste(page: Page, text: string) {
  const editor = page.getByTestId('yaml-editor');
  await editor.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

for (const theme of ['light', 'dark'] as const) {
  test(`YAML mode (${theme}): a pasted Kubernetes MeshHTTPRoute with an error shows it on its line; fixed, diffed, applied, read back`, async ({
    page,
    request,
    pageErrors,
    shot,
  }) => {
    await resetDemo(request);
    await presetSettings(page, { refreshMs: 60_000, theme });
    const writes = recordWrites(page);
    await page.goto('/meshes/default/gateways/edge-gateway/routes/http/edge-admin/edit');
    await page
      .getByTestId('editor-switch')
      .getByRole('button', { name: 'YAML', exact: true })
      .click();
    const editor = page.getByTestId('yaml-editor');
    await expect(editor).toHaveValue(/^type: MeshHTTPRoute$/m);

    const broken = kubernetesRoute('status');
    const line = broken.split('\n').findIndex((text) => text.includes('value: status')) + 1;
    await paste(page, broken);
    const issue = page.getByTestId('yaml-issue').filter({ hasText: 'must be an absolute path' });
    await expect(issue).toHaveAttribute('data-line', String(line));
    await expect(issue).toContainText(`Line ${line}`);
    await expect(issue).toContainText('spec.to[0].rules[0].matches[0].path.value');
    await expect(page.locator(`.gwf-yaml__gutter [data-line="${line}"]`)).toHaveClass(
      /gwf-yaml__line--error/,
    );
    await expect(editor).toHaveAttribute('aria-invalid', 'true');
    // "Line N" puts the caret on that line.
    await issue.getByRole('button', { name: `Line ${line}` }).click();
    expect(
      await editor.evaluate((element: HTMLTextAreaElement) =>
        element.value.slice(element.selectionStart, element.selectionEnd),
      ),
    ).toContain('value: status');
    await shot(`yaml-mode-error-${theme}`);
    expect(await seriousViolations(page)).toEqual([]);

    // Applying with the error writes nothing.
    await page.getByTestId('yaml-apply').click();
    expect(writes).toEqual([]);

    await paste(page, kubernetesRoute('/healthz'));
    await expect(page.getByTestId('yaml-issues')).toHaveCount(0);
    const diff = page.getByTestId('yaml-mode-diff');
    await expect(diff.locator('.gwf-diff__line--removed')).toContainText(['value: /status']);
    await expect(diff.locator('.gwf-diff__line--added')).toContainText(['value: /healthz']);
    await shot(`yaml-mode-diff-${theme}`);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('yaml-apply').click();
    await expectWritten(page, 'Saved: MeshHTTPRoute edge-admin');
    expect(writes).toEqual(['PUT /api/meshes/default/meshhttproutes/edge-admin']);
    const route = await stored<StoredRoute>(request, 'default/meshhttproutes/edge-admin');
    expect(route?.spec.to[0]?.rules[0]?.matches[0]?.path.value).toBe('/healthz');
    expect(pageErrors).toEqual([]);
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`TLS secret picker (${theme}): the mesh's secret names to pick from, a warning for a name it lacks`, async ({
    page,
    request,
    pageErrors,
    shot,
  }) => {
    await resetDemo(request);
    await presetSettings(page, { refreshMs: 60_000, theme });
    await page.goto('/gateways/new?mesh=default');
    await type(page.getByLabel('Name', { exact: true }), 'picker-edge');
    await page.getByRole('button', { name: 'Add listener' }).click();
    const listener = block(page, 'listener', 1);
    await listener.getByLabel('Protocol').selectOption('HTTPS');
    await type(listener.getByLabel('Hostname'), 'shop.example.com');
    await listener.getByRole('button', { name: 'Add certificate secret' }).click();
    const secret = listener.getByRole('combobox', { name: 'Certificate 1: secret name' });
    await expect(secret).toBeVisible();
    const options = await listener
      .getByTestId('secret-options')
      .locator('option')
      .evaluateAll((elements) => elements.map((element) => (element as HTMLOptionElement).value));
    expect(options).toContain('shop-example-com-cert');
    await expect(
      listener.getByText(/secrets? in mesh default: pick one or type a name\./),
    ).toBeVisible();
    // Names only: no secret data anywhere in the page.
    expect(await page.content()).not.toContain('LS0tLS1CRUdJTi');

    await type(secret, 'missing-cert');
    await expect(
      listener.getByText(/no secret named missing-cert in mesh default: the control plane accepts/),
    ).toBeVisible();
    await shot(`secret-picker-warning-${theme}`);
    expect(await seriousViolations(page)).toEqual([]);
    await type(secret, 'shop-example-com-cert');
    await expect(listener.getByText(/no secret named/)).toHaveCount(0);
    expect(pageErrors).toEqual([]);
  });
}

test('a listener naming a secret the mesh lacks is a finding on the mesh check, gone once the secret exists', async ({
  page,
  request,
  shot,
}) => {
  await resetDemo(request);
  await presetSettings(page, { refreshMs: 2_000 });
  const gateway = (await stored<Record<string, unknown>>(
    request,
    'default/meshgateways/edge-gateway',
  )) as { conf: { listeners: { tls?: { certificates?: { secret?: string }[] } }[] } };
  const {
    creationTime: _c,
    modificationTime: _m,
    kri: _k,
    ...body
  } = gateway as Record<string, unknown>;
  const listeners = (body as typeof gateway).conf.listeners;
  const https = listeners.findIndex((listener) => listener.tls?.certificates?.[0]?.secret);
  const certificate = listeners[https]?.tls?.certificates?.[0] as { secret: string };
  certificate.secret = 'missing-cert';
  const put = await request.put('/api/meshes/default/meshgateways/edge-gateway', { data: body });
  expect(put.ok(), await put.text()).toBe(true);

  await page.goto('/trace?tab=check&mesh=default');
  const finding = page.locator('[data-testid="finding"][data-rule="tls-missing-secret"]');
  await expect(finding).toBeVisible({ timeout: 20_000 });
  await expect(finding).toContainText(
    `listener #${https} (:443, hostname shop.example.com) of MeshGateway "edge-gateway" uses secret "missing-cert", missing from mesh "default"`,
  );
  await shot('missing-secret-finding');
  // The gateway's page says it too, and its node on the topology carries the finding's badge.
  await page.goto('/meshes/default/gateways/edge-gateway');
  await expect(page.getByTestId('gateway-missing-secret')).toContainText(
    'names secret missing-cert, which does not exist in mesh default.',
  );
  await page.goto('/topology');
  const canvas = page.getByTestId('topology-canvas');
  await expect(canvas).toHaveAttribute('data-layout', 'done', { timeout: 20_000 });
  await expect(
    canvas.locator('[data-id="gateway:builtin:default/edge-gateway"] .topo-finding'),
  ).toHaveAttribute('aria-label', /uses secret "missing-cert", missing from mesh "default"/, {
    timeout: 20_000,
  });
  await page.goto('/trace?tab=check&mesh=default');

  const existing = (await stored<{ data: string }>(
    request,
    'default/secrets/shop-example-com-cert',
  )) as { data: string };
  const created = await request.put('/api/meshes/default/secrets/missing-cert', {
    data: { type: 'Secret', mesh: 'default', name: 'missing-cert', data: existing.data },
  });
  expect(created.ok(), await created.text()).toBe(true);
  await expect(finding).toHaveCount(0, { timeout: 20_000 });
});
