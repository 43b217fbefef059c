/**
 * The forms' YAML mode on a real kuma-cp (2.14.3 and 2.6.15 unless REAL_KUMA_VERSIONS says
 * otherwise): a MeshGateway and a MeshHTTPRoute pasted in Kubernetes and Universal form, diffed
 * against what kuma-cp stores, saved and read back from its API; and invalid routes whose
 * messages must be kuma-cp's own (the answer it gives a PUT of the same body), each on the line
 * of the field it names.
 */
import type { Page } from '@playwright/test';
import { httpTarget } from '../../real-cp/api-target';
import { type RunningKumaCp, startKumaCp } from '../../real-cp/control-plane';
import { realVersions } from '../../real-cp/real-versions';
import { scenarioWrites, seed, settle } from '../../real-cp/seed';
import { expect, presetSettings, test } from '../support/fixtures';
import { expectWritten } from '../support/forms';
import { type RunningProcess, startDashboard } from '../support/processes';

const MESH = 'team-1';

const kubernetesGateway = (port: number) => `apiVersion: kuma.io/v1alpha1
kind: MeshGateway
mesh: ${MESH}
metadata:
  name: yaml-gateway
spec:
  selectors:
    - match:
        kuma.io/service: yaml-gateway
  conf:
    listeners:
      - port: ${port}
        protocol: HTTP
        hostname: yaml.example.com
`;

const universalGateway = (port: number) => `type: MeshGateway
mesh: ${MESH}
name: yaml-gateway
selectors:
  - match:
      kuma.io/service: yaml-gateway
conf:
  listeners:
    - port: ${port}
      protocol: HTTP
      hostname: yaml.example.com
`;

const routeSpec = (path: string, gateway: string) =>
  `spec:
  targetRef:
    kind: MeshGateway
    name: ${gateway}
  to:
    - targetRef:
        kind: Mesh
      rules:
        - matches:
            - path:
                type: PathPrefix
                value: ${path}
          default:
            backendRefs:
              - kind: MeshService
                name: frontend
`;

const universalRoute = (name: string, path: string, gateway = 'yaml-gateway') =>
  `type: MeshHTTPRoute\nmesh: ${MESH}\nname: ${name}\n${routeSpec(path, gateway)}`;

const kubernetesRoute = (
  name: string,
  path: string,
  gateway = 'yaml-gateway',
) => `apiVersion: kuma.io/v1alpha1
kind: MeshHTTPRoute
metadata:
  name: ${name}
  namespace: kuma-system
  labels:
    kuma.io/mesh: ${MESH}
${routeSpec(path, gateway)}`;

/** The REST body of the routes above, as the API takes it. */
const routeBody = (name: string, path: string, gateway = 'yaml-gateway') => ({
  type: 'MeshHTTPRoute',
  mesh: MESH,
  name,
  spec: {
    targetRef: { kind: 'MeshGateway', name: gateway },
    to: [
      {
        targetRef: { kind: 'Mesh' },
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: path } }],
            default: { backendRefs: [{ kind: 'MeshService', name: 'frontend' }] },
          },
        ],
      },
    ],
  },
});

/** Replaces the editor's text as a paste does (select all, insert). */
async function paste(page: Page, text: string) {
  const editor = page.getByTestId('yaml-editor');
  await editor.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

async function yamlMode(page: Page) {
  await page
    .getByTestId('editor-switch')
    .getByRole('button', { name: 'YAML', exact: true })
    .click();
  await expect(page.getByTestId('yaml-editor')).toBeVisible();
}

const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex((line) => line.includes(needle)) + 1;

for (const version of realVersions()) {
  test.describe(`YAML mode on kuma-cp ${version}`, () => {
    let cp: RunningKumaCp;
    let dashboard: RunningProcess;

    test.beforeAll(async () => {
      test.setTimeout(20 * 60_000);
      cp = await startKumaCp({ version });
      await seed(httpTarget('kuma-cp', cp.url), scenarioWrites('docs-builtin', version));
      await settle(cp.url);
      dashboard = await startDashboard([], { KUMA_CP_URL: cp.url });
    });

    test.afterAll(async () => {
      await dashboard?.stop();
      await cp?.stop();
    });

    test.beforeEach(async ({ page }) => {
      await presetSettings(page, { refreshMs: 60_000 });
    });

    async function fromCp<T>(path: string): Promise<{ status: number; body?: T }> {
      const response = await fetch(`${cp.url}/meshes/${MESH}/${path}`);
      return {
        status: response.status,
        body: response.ok ? ((await response.json()) as T) : undefined,
      };
    }

    test('a MeshGateway and a MeshHTTPRoute pasted in Kubernetes and Universal form: diffed, saved, read back', async ({
      page,
      pageErrors,
      shot,
    }) => {
      // MeshGateway, Kubernetes form, created.
      await page.goto(`${dashboard.url}/gateways/new?mesh=${MESH}&kind=builtin`);
      await yamlMode(page);
      await paste(page, kubernetesGateway(8090));
      await expect(page.getByTestId('yaml-issues')).toHaveCount(0);
      const diff = page.getByTestId('yaml-mode-diff');
      await expect(diff.locator('.gwf-diff__line--added')).toContainText(['port: 8090']);
      await page.getByTestId('yaml-apply').click();
      await expectWritten(page, 'Created: MeshGateway yaml-gateway');
      type StoredGateway = { conf: { listeners: { port: number; hostname: string }[] } };
      const gateway = await fromCp<StoredGateway>('meshgateways/yaml-gateway');
      expect(gateway.body?.conf.listeners).toEqual([
        expect.objectContaining({ port: 8090, hostname: 'yaml.example.com' }),
      ]);

      // The same gateway edited in Universal form: the diff is the port alone.
      await page.goto(`${dashboard.url}/meshes/${MESH}/gateways/yaml-gateway/edit`);
      await yamlMode(page);
      await paste(page, universalGateway(8091));
      await expect(page.getByTestId('yaml-issues')).toHaveCount(0);
      await expect(diff.locator('.gwf-diff__line--removed')).toHaveText([/port: 8090/]);
      await expect(diff.locator('.gwf-diff__line--added')).toHaveText([/port: 8091/]);
      await page.getByTestId('yaml-apply').click();
      await expectWritten(page, 'Saved: MeshGateway yaml-gateway');
      const edited = await fromCp<StoredGateway>('meshgateways/yaml-gateway');
      expect(edited.body?.conf.listeners.map((listener) => listener.port)).toEqual([8091]);

      // MeshHTTPRoute, Universal form, created on the gateway.
      await page.goto(`${dashboard.url}/meshes/${MESH}/gateways/yaml-gateway/routes/new?kind=http`);
      await yamlMode(page);
      await paste(page, universalRoute('yaml-route', '/yaml'));
      await expect(page.getByTestId('yaml-issues')).toHaveCount(0);
      await expect(diff.locator('.gwf-diff__line--added')).toContainText(['value: /yaml']);
      await page.getByTestId('yaml-apply').click();
      await expectWritten(page, 'Created: MeshHTTPRoute yaml-route');
      type StoredRoute = ReturnType<typeof routeBody>;
      const route = await fromCp<StoredRoute>('meshhttproutes/yaml-route');
      // kuma-cp fills in defaults (a backendRef's weight 1): what was pasted is all there.
      expect(route.body?.spec).toMatchObject(routeBody('yaml-route', '/yaml').spec);

      // The route edited in Kubernetes form.
      await page.goto(
        `${dashboard.url}/meshes/${MESH}/gateways/yaml-gateway/routes/http/yaml-route/edit`,
      );
      await yamlMode(page);
      await paste(page, kubernetesRoute('yaml-route', '/yaml-k8s'));
      await expect(page.getByTestId('yaml-issues')).toHaveCount(0);
      await expect(diff.locator('.gwf-diff__line--removed')).toHaveText([/value: \/yaml\s*$/]);
      await expect(diff.locator('.gwf-diff__line--added')).toHaveText([/value: \/yaml-k8s\s*$/]);
      await shot(`real-${version}-yaml-mode-diff`);
      await page.getByTestId('yaml-apply').click();
      await expectWritten(page, 'Saved: MeshHTTPRoute yaml-route');
      const saved = await fromCp<StoredRoute>('meshhttproutes/yaml-route');
      expect(saved.body?.spec).toMatchObject(routeBody('yaml-route', '/yaml-k8s').spec);
      expect(pageErrors).toEqual([]);

      for (const path of ['meshhttproutes/yaml-route', 'meshgateways/yaml-gateway']) {
        await fetch(`${cp.url}/meshes/${MESH}/${path}`, { method: 'DELETE' });
      }
    });

    for (const flavour of ['universal', 'kubernetes'] as const) {
      test(`an invalid MeshHTTPRoute pasted in ${flavour} form gets kuma-cp's own message on its line, and is not written`, async ({
        page,
        shot,
      }) => {
        const name = `yaml-bad-${flavour}`;
        // What kuma-cp itself answers for this body (nothing is stored: it refuses it).
        const reply = await fetch(`${cp.url}/meshes/${MESH}/meshhttproutes/${name}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(routeBody(name, 'status', 'team-1-gateway')),
        });
        expect(reply.status).toBe(400);
        const answer = (await reply.json()) as {
          invalid_parameters: { field: string; reason: string }[];
        };
        const reasons = answer.invalid_parameters
          .filter((parameter) => parameter.field.endsWith('path.value'))
          .map((parameter) => parameter.reason);
        expect(reasons.length).toBeGreaterThan(0);

        await page.goto(
          `${dashboard.url}/meshes/${MESH}/gateways/team-1-gateway/routes/new?kind=http`,
        );
        await yamlMode(page);
        const text =
          flavour === 'universal'
            ? universalRoute(name, 'status', 'team-1-gateway')
            : kubernetesRoute(name, 'status', 'team-1-gateway');
        const line = lineOf(text, 'value: status');
        await paste(page, text);
        for (const reason of reasons) {
          const issue = page.getByTestId('yaml-issue').filter({ hasText: reason });
          await expect(issue).toHaveAttribute('data-line', String(line));
          await expect(issue).toContainText('spec.to[0].rules[0].matches[0].path.value');
        }
        await expect(page.getByTestId('yaml-editor')).toHaveAttribute('aria-invalid', 'true');
        await shot(`real-${version}-yaml-mode-${flavour}-error`);
        await page.getByTestId('yaml-apply').click();
        expect((await fromCp(`meshhttproutes/${name}`)).status).toBe(404);
      });
    }
  });
}
