import { EDGE_GATEWAYS_UP, pinProxies } from './support/demo-pins';
import { expect, test } from './support/fixtures';

// Issue 12: a route with path regex /(a+)+ and a shared trace link with a run of a's and a
// "!" stalled the page on every refresh (1.8 s at 27 a's with JavaScript's backtracking
// RegExp, doubling with each one more; 40 never finished). Route regexes are RE2 now: linear.
const ROUTE = {
  type: 'MeshHTTPRoute',
  mesh: 'default',
  name: 'edge-regex',
  spec: {
    targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { listener: 'admin' } },
    to: [
      {
        targetRef: { kind: 'Mesh' },
        rules: [
          {
            matches: [{ path: { type: 'RegularExpression', value: '/(a+)+' } }],
            default: { backendRefs: [{ kind: 'MeshService', name: 'backend' }] },
          },
          {
            // kuma-cp stores a regex RE2 refuses; the trace says it matches nothing.
            matches: [{ path: { type: 'RegularExpression', value: '/(b)\\1' } }],
            default: { backendRefs: [{ kind: 'MeshService', name: 'backend' }] },
          },
        ],
      },
    ],
  },
};

function traceLink(url: string): string {
  const params = new URLSearchParams({ mesh: 'default', gateway: 'builtin:edge-gateway', url });
  params.set('method', 'GET');
  return `/trace?${params}`;
}

test.describe('route regexes in the trace (RE2, linear time)', () => {
  test.beforeEach(async ({ request }) => {
    await request.post('/api/_demo/reset?scenario=mixed');
    await pinProxies(request, 'default', EDGE_GATEWAYS_UP);
    const put = await request.put('/api/meshes/default/meshhttproutes/edge-regex', {
      data: ROUTE,
    });
    expect(put.status()).toBe(201);
  });

  test('a shared link with 40 a’s and "!" gets its 404 and the page stays usable', async ({
    page,
    pageErrors,
    shot,
  }) => {
    await page.goto(traceLink(`http://admin.example.com:8081/${'a'.repeat(40)}!`));
    const verdict = page.getByTestId('trace-verdict');
    await expect(verdict).toHaveAttribute('data-kind', 'no-route');
    await expect(verdict).toHaveAttribute('data-status', '404');
    const failing = page.getByTestId('trace-steps').locator('[data-outcome="fail"]');
    await expect(failing).toContainText('is not valid RE2 (error parsing regexp: invalid escape');
    await shot('trace-regex-no-route');
    // The same link without the "!" is taken by the regex rule.
    await page.goto(traceLink(`http://admin.example.com:8081/${'a'.repeat(40)}`));
    await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-kind', 'ok');
    await expect(page.getByTestId('trace-steps')).toContainText('RegularExpression /(a+)+');
    expect(pageErrors).toEqual([]);
  });

  test('a regex too costly for one trace stops it with "not evaluated", not a guess', async ({
    page,
    request,
    pageErrors,
  }) => {
    const costly = structuredClone(ROUTE);
    costly.name = 'edge-costly';
    costly.spec.to[0]?.rules.splice(1);
    const rule = costly.spec.to[0]?.rules[0];
    if (rule) rule.matches = [{ path: { type: 'RegularExpression', value: '(.*a){1000}' } }];
    const put = await request.put('/api/meshes/default/meshhttproutes/edge-costly', {
      data: costly,
    });
    expect(put.status()).toBe(201);
    // 5,002 instructions × 50,000 characters: far over the 8 M steps one trace may spend.
    // Typed, not a link: a URL this long is over Node's 16 KiB request-head limit.
    await page.goto('/trace');
    const form = page.getByRole('form', { name: 'Request to trace' });
    await form.getByLabel('Mesh').selectOption('default');
    await form.getByLabel('Through').selectOption('builtin:edge-gateway');
    await form.getByLabel('URL').fill(`http://admin.example.com:8081/${'a'.repeat(50_000)}`);
    await form.getByRole('button', { name: 'Trace' }).click();
    const verdict = page.getByTestId('trace-verdict');
    await expect(verdict).toHaveAttribute('data-kind', 'not-evaluated');
    await expect(verdict.getByRole('heading')).toHaveText('no prediction (not evaluated)');
    await expect(page.getByTestId('trace-steps').locator('[data-outcome="fail"]')).toContainText(
      'the regex "(.*a){1000}" was not evaluated',
    );
    expect(pageErrors).toEqual([]);
  });
});
