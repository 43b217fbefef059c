import type { Page } from '@playwright/test';
import { WARM_UP_TEXTS } from '../src/features/topology/mermaid-render';
import { expect, expectNoHorizontalScroll, test } from './support/fixtures';
import { type RunningProcess, startDashboard } from './support/processes';

async function canvasReady(page: Page) {
  const canvas = page.getByTestId('topology-canvas');
  await expect(canvas).toHaveAttribute('data-layout', 'done', { timeout: 30_000 });
  return canvas;
}

/** Node positions as React Flow draws them (its transform), by model id. */
async function positions(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((node) => [
        node.dataset.id ?? '',
        node.style.transform,
      ]),
    ),
  );
}

async function mermaidSvg(page: Page) {
  const diagram = page.getByTestId('mermaid');
  await expect(diagram).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  return diagram;
}

test.describe('on the docs scenarios', () => {
  let builtin: RunningProcess;
  let delegated: RunningProcess;
  test.beforeAll(async () => {
    [builtin, delegated] = await Promise.all([
      startDashboard(['--scenario', 'docs-builtin', '--tick-ms', '1000']),
      startDashboard(['--scenario', 'docs-delegated', '--tick-ms', '1000']),
    ]);
  });
  test.afterAll(async () => {
    await Promise.all([builtin?.stop(), delegated?.stop()]);
  });

  for (const [name, managed, unmanaged] of [
    ['docs-builtin', 9, 11],
    ['docs-delegated', 8, 12],
  ] as const) {
    test(`${name}: the mermaid view renders the docs' flowchart`, async ({
      page,
      shot,
      pageErrors,
    }) => {
      const dashboard = name === 'docs-builtin' ? builtin : delegated;
      const statsReads: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/stats')) statsReads.push(request.url());
      });
      await page.goto(`${dashboard.url}/topology?tab=mermaid`);
      const diagram = await mermaidSvg(page);
      // 20 nodes, 6 subgraphs (2 meshes, 4 call groups), 20 links, as the docs draw them.
      await expect(diagram.locator('svg g.node')).toHaveCount(20);
      await expect(diagram.locator('svg g.cluster')).toHaveCount(6);
      const links = diagram.locator('svg path.flowchart-link');
      await expect(links).toHaveCount(20);
      const dotted = await links.evaluateAll(
        (paths) => paths.filter((path) => path.getAttribute('class')?.includes('dotted')).length,
      );
      expect({ managed: dotted, unmanaged: 20 - dotted }).toEqual({ managed, unmanaged });
      await expect(diagram).toContainText('Kong Gateway');
      await expect(diagram).toContainText(
        name === 'docs-builtin' ? 'Built-in gateway' : 'Delegated gateway',
      );
      await expectNoHorizontalScroll(page);
      await shot(`topology-${name}-mermaid`);

      // Copy mermaid gives the generated text; SVG and PNG exports download.
      await page
        .context()
        .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: dashboard.url });
      await page.getByRole('button', { name: 'Copy mermaid' }).click();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied.startsWith('flowchart LR\n')).toBe(true);
      expect(copied).toContain('linkStyle');
      const [svgDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export SVG' }).click(),
      ]);
      expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
      const [pngDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export PNG' }).click(),
      ]);
      expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);

      // No rate is shown, so no gateway proxy's Envoy stats were read; with the traffic labels
      // they are, and the links get their rates once two samples are in.
      expect(statsReads).toEqual([]);
      await page.getByRole('checkbox', { name: 'Label links with observed traffic' }).check();
      await expect(page.getByText(/A rate takes two samples/)).toBeVisible();
      await expect(diagram).toContainText(/\d rps/, { timeout: 30_000 });
      expect(statsReads.length).toBeGreaterThan(0);
      await expect(page.getByText(/A rate takes two samples/)).toHaveCount(0);
      expect(pageErrors).toEqual([]);
    });

    test(`${name}: the interactive view draws the same graph`, async ({ page, shot }) => {
      const dashboard = name === 'docs-builtin' ? builtin : delegated;
      await page.goto(`${dashboard.url}/topology`);
      const canvas = await canvasReady(page);
      await expect(canvas.locator('[data-kind="gateway"]')).toHaveCount(2);
      await expect(canvas.locator('[data-kind="sidecar"]')).toHaveCount(8);
      const kinds = await canvas.locator('.react-flow__edge-path[data-kind]').evaluateAll((paths) =>
        paths.map((path) => ({
          kind: path.getAttribute('data-kind'),
          // The dash comes from topology.css (dropped when zoomed far out), not an inline style.
          dashed: getComputedStyle(path).strokeDasharray !== 'none',
        })),
      );
      expect(kinds.filter((edge) => edge.kind === 'managed')).toHaveLength(managed);
      expect(kinds.filter((edge) => edge.kind === 'unmanaged')).toHaveLength(unmanaged);
      expect(kinds.every((edge) => edge.dashed === (edge.kind === 'managed'))).toBe(true);
      await expectNoHorizontalScroll(page);
      await shot(`topology-${name}-interactive`);
    });
  }

  test('a dataplane going offline recolours its node without moving anything', async ({
    page,
    request,
  }) => {
    await page.goto(`${builtin.url}/topology`);
    await canvasReady(page);
    const sidecar = page.locator('[data-id="sidecar:team-1/frontend"] [data-health]');
    await expect(sidecar).toHaveAttribute('data-health', 'online');
    const before = await positions(page);
    await request.put(`${builtin.url}/api/_demo/proxies/team-1/frontend-1`, {
      data: { connected: false },
    });
    await request.post(`${builtin.url}/api/_demo/tick`);
    await expect(sidecar).toHaveAttribute('data-health', 'offline', { timeout: 20_000 });
    expect(await positions(page)).toEqual(before);
    await request.put(`${builtin.url}/api/_demo/proxies/team-1/frontend-1`, {
      data: { release: true, connected: true },
    });
  });

  test('a gateway proxy going offline recolours its gateway without moving or measuring a node', async ({
    page,
    request,
  }) => {
    // React Flow measures a node it is given without its size again, and every edge after it.
    await page.addInitScript(() => {
      const observe = ResizeObserver.prototype.observe;
      const counter = window as unknown as { observedNodes: number };
      counter.observedNodes = 0;
      ResizeObserver.prototype.observe = function (target, options) {
        if (target instanceof Element && target.matches('.react-flow__node'))
          counter.observedNodes += 1;
        observe.call(this, target, options);
      };
    });
    const observed = () =>
      page.evaluate(() => (window as unknown as { observedNodes: number }).observedNodes);
    const proxies = await request.get(
      `${builtin.url}/api/meshes/team-1/dataplanes/_overview?gateway=true`,
    );
    const [proxy] = ((await proxies.json()) as { items: { name: string }[] }).items;
    expect(proxy).toBeDefined();
    const proxyUrl = `${builtin.url}/api/_demo/proxies/team-1/${proxy?.name}`;

    await page.goto(`${builtin.url}/topology`);
    await canvasReady(page);
    const gateway = page.locator('[data-id="gateway:builtin:team-1/team-1-gateway"] [data-health]');
    await expect(gateway).toHaveAttribute('data-health', 'online');
    const before = await positions(page);
    const observedBefore = await observed();
    expect(observedBefore).toBeGreaterThanOrEqual(Object.keys(before).length);

    await request.put(proxyUrl, { data: { connected: false } });
    await request.post(`${builtin.url}/api/_demo/tick`);
    try {
      await expect(gateway).toHaveAttribute('data-health', 'offline', { timeout: 20_000 });
      const mesh = page.locator('[data-id="mesh:team-1"] [data-health]').first();
      await expect(mesh).not.toHaveAttribute('data-health', 'online');
      expect(await positions(page)).toEqual(before);
      expect(await observed()).toBe(observedBefore);
    } finally {
      await request.put(proxyUrl, { data: { release: true, connected: true } });
    }
  });

  test('a new service keeps the existing nodes near where they were', async ({ page, request }) => {
    await page.goto(`${builtin.url}/topology`);
    await canvasReady(page);
    const before = await positions(page);
    const dataplane = {
      type: 'Dataplane',
      mesh: 'team-2',
      name: 'audit-1',
      networking: {
        address: '10.2.9.9',
        inbound: [{ port: 18080, servicePort: 8080, tags: { 'kuma.io/service': 'audit' } }],
      },
    };
    expect(
      (
        await request.put(`${builtin.url}/api/meshes/team-2/dataplanes/audit-1`, {
          data: dataplane,
        })
      ).status(),
    ).toBe(201);
    await expect(page.locator('[data-id="sidecar:team-2/audit"]')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('topology-canvas')).toHaveAttribute('data-layout', 'done');
    const after = await positions(page);
    const moved = Object.keys(before)
      .filter((id) => id.startsWith('sidecar:team-1') || id.startsWith('service:team-1'))
      .filter((id) => after[id] !== before[id]);
    // The other mesh is untouched by a service added to team-2.
    expect(moved).toEqual([]);
    await request.delete(`${builtin.url}/api/meshes/team-2/dataplanes/audit-1`);
  });
});

test('mixed: filters, side panel links and a collapsed mesh', async ({ page, shot }) => {
  await page.goto('/topology');
  const canvas = await canvasReady(page);
  await page.locator('[data-id="gateway:builtin:default/edge-gateway"]').click();
  const panel = page.getByTestId('topology-panel');
  await expect(panel).toContainText('edge-gateway');
  await expect(
    panel.locator('a[href="/meshes/default/gateways/edge-gateway"]').first(),
  ).toBeVisible();
  await expect(panel.locator('a[href="/meshes/default/dataplanes/edge-gateway-1"]')).toBeVisible();
  await expect(page).toHaveURL(/selected=gateway/);
  await shot('topology-mixed-selected');
  // A service's panel leads to its service page.
  await page.locator('[data-id="service:default/backend"]').click();
  await expect(page.getByTestId('topology-panel-service-link')).toHaveAttribute(
    'href',
    '/meshes/default/services/backend',
  );
  await expect(page.getByTestId('topology-panel-dataplanes')).toContainText('backend-');
  await page.goto('/topology?kind=delegated');
  await canvasReady(page);
  await expect(canvas.locator('[data-kind="gateway"]')).toHaveCount(2);
  await page.goto('/topology?collapse=default');
  await canvasReady(page);
  await expect(page.locator('[data-id="mesh:default"] [data-kind="mesh"]')).toBeVisible();
  await expect(page.locator('[data-id="gateway:builtin:default/edge-gateway"]')).toHaveCount(0);
});

test('mixed: a node’s findings explain themselves in the side panel and link to their fix', async ({
  page,
  shot,
}) => {
  await page.goto('/topology');
  await canvasReady(page);
  await page.locator('[data-id="service:default/orders"]').click();
  const findings = page.getByTestId('topology-panel-findings');
  const denied = findings.locator(
    '[data-testid="finding"][data-rule="missing-traffic-permission"]',
  );
  await expect(denied).toBeVisible({ timeout: 20_000 });
  await expect(denied).toContainText('Symptom:');
  await expect(denied).toContainText('Fix:');
  await shot('topology-panel-findings');
  await denied.getByRole('link', { name: 'Fix: allow edge-gateway → orders' }).click();
  await expect(page.getByRole('heading', { name: 'Allow edge-gateway → orders' })).toBeVisible();
  await expect(page).toHaveURL(/\/meshes\/default\/permissions\/new\?/);
});

test('large: meshes start collapsed and the graph is interactive', async ({ page, shot }) => {
  const large = await startDashboard(['--scenario', 'large', '--tick-ms', '60000']);
  try {
    await page.goto(`${large.url}/topology`);
    const canvas = await canvasReady(page);
    const nodes = Number(await canvas.getAttribute('data-nodes'));
    expect(nodes).toBeGreaterThan(10);
    expect(nodes).toBeLessThan(100);
    await shot('topology-large');
    await page.goto(`${large.url}/topology?expand=mesh-01`);
    await canvasReady(page);
    await expect(page.locator('[data-id^="sidecar:mesh-01/"]').first()).toBeVisible({
      timeout: 30_000,
    });
    await shot('topology-large-expanded');
  } finally {
    await large.stop();
  }
});

test('large, mermaid: a pointer resting on "Only mesh-X" loads its details before the click', async ({
  page,
}) => {
  // 60 collapsed meshes are too many to draw at once: the tab offers one mesh at a time.
  const large = await startDashboard([
    ...['--scenario', 'large', '--meshes', '60', '--services', '600', '--dataplanes', '3000'],
    ...['--tick-ms', '60000'],
  ]);
  try {
    const structures: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/dataplanes/_overview') && url.pathname.startsWith('/api/meshes/'))
        structures.push(url.pathname.split('/')[3] ?? '');
    });
    await page.goto(`${large.url}/topology?tab=mermaid`);
    const only = page.getByRole('button', { name: 'Only mesh-07', exact: true });
    await expect(only).toBeVisible({ timeout: 30_000 });
    // The text of the diagram not drawn (every mesh's gateways, thousands of lines) is there to
    // copy, laid out only when asked for.
    const text = page
      .getByRole('figure')
      .filter({ hasText: "Mermaid (flowchart in the docs' style)" });
    await expect(text.getByText(/^[\d,]+ lines$/)).toBeVisible();
    await expect(text.locator('pre')).toHaveCount(0);
    // Meanwhile, in idle time, mermaid warms up on its pieces of diagram, all of them (each
    // waits for an idle moment, up to 2 s on a busy page).
    await expect
      .poll(
        () =>
          page.evaluate(
            () => performance.getEntriesByName('topology-mermaid-warm-up', 'measure').length,
          ),
        { timeout: 30_000 },
      )
      .toBe(WARM_UP_TEXTS.length);
    await only.hover();
    await expect.poll(() => structures.filter((mesh) => mesh === 'mesh-07').length).toBe(1);
    expect(page.url()).not.toContain('mesh=');
    await only.click();
    await expect(page).toHaveURL(/mesh=mesh-07/);
    const diagram = await mermaidSvg(page);
    await expect(diagram).toContainText('mesh-07 service mesh');
    await expect(text.locator('pre')).toContainText('mesh-07 service mesh');
    // Drawn from what the rest started: the list was not asked for again.
    expect(structures.filter((mesh) => mesh === 'mesh-07')).toHaveLength(1);
  } finally {
    await large.stop();
  }
});

test('3.x: delegated gateways only', async ({ page }) => {
  const dashboard = await startDashboard(['--kuma-version', '3.0.0']);
  try {
    await page.goto(`${dashboard.url}/topology`);
    const canvas = await canvasReady(page);
    const gateways = canvas.locator('[data-kind="gateway"]');
    await expect(gateways.first()).toBeVisible();
    expect(await page.locator('[data-id^="gateway:builtin:"]').count()).toBe(0);
  } finally {
    await dashboard.stop();
  }
});

test('mixed: a health filter dims what does not match and moves nothing', async ({ page }) => {
  await page.goto('/topology');
  const canvas = await canvasReady(page);
  const count = await canvas.getAttribute('data-nodes');
  const before = await positions(page);
  await page.getByRole('combobox', { name: 'Health', exact: true }).selectOption('offline');
  await expect(page).toHaveURL(/health=offline/);
  // An online sidecar dims; the edge Kong Gateway never does.
  await expect(page.locator('[data-id="sidecar:default/frontend"] .topo-node--dimmed')).toHaveCount(
    1,
  );
  await expect(page.locator('[data-id="edge"] .topo-node--dimmed')).toHaveCount(0);
  await expect(canvas).toHaveAttribute('data-layout', 'done');
  expect(await canvas.getAttribute('data-nodes')).toBe(count);
  expect(await positions(page)).toEqual(before);
  await page.getByRole('combobox', { name: 'Health', exact: true }).selectOption('');
  await expect(page.locator('.topo-node--dimmed')).toHaveCount(0);
});

/** Whether a drawn node is dimmed, by model id. */
function nodeDimmed(page: Page, id: string) {
  return page.locator(`[data-id="${id}"] .topo-node--dimmed`);
}

/** The drawn link between two model nodes. */
function link(page: Page, source: string, target: string) {
  return page.locator(`.react-flow__edge-path[data-source="${source}"][data-target="${target}"]`);
}

test('mixed: Find keeps the path from the client to what it finds, the rest dimmed', async ({
  page,
  shot,
}) => {
  await page.goto('/topology');
  const canvas = await canvasReady(page);
  const count = await canvas.getAttribute('data-nodes');
  const before = await positions(page);
  await page.getByTestId('topology-search').fill('catalog');
  await expect(page).toHaveURL(/q=catalog/);
  const kong = 'gateway:delegated:legacy/kong-legacy';
  await expect(nodeDimmed(page, 'gateway:builtin:default/edge-gateway')).toHaveCount(1);
  for (const id of ['client', 'edge', kong, 'service:legacy/catalog', 'sidecar:legacy/catalog'])
    await expect(nodeDimmed(page, id), id).toHaveCount(0);
  // The edge Kong Gateway stays connected: client → edge → the delegated gateway → catalog
  // (a gateway's link ends at the service, which its open line joins to its sidecar).
  for (const [source, target] of [
    ['client', 'edge'],
    ['edge', kong],
    [kong, 'service:legacy/catalog'],
    ['service:legacy/catalog', 'sidecar:legacy/catalog'],
  ] as const) {
    await expect(link(page, source, target)).toHaveAttribute('data-highlighted', 'true');
  }
  await expect(link(page, 'edge', 'gateway:builtin:default/edge-gateway')).toHaveAttribute(
    'data-dimmed',
    'true',
  );
  // Dimmed, not removed: the same nodes at the same places.
  expect(await canvas.getAttribute('data-nodes')).toBe(count);
  expect(await positions(page)).toEqual(before);
  await shot('topology-mixed-find');
  await page.getByTestId('topology-search').fill('no such thing');
  await expect(page.getByTestId('find-none')).toBeVisible();
  await page.getByTestId('topology-search').fill('');
  await expect(page.locator('.topo-node--dimmed')).toHaveCount(0);
});

test('mixed: selecting a node lights its upstream and downstream paths; Escape clears', async ({
  page,
}) => {
  await page.goto('/topology');
  await canvasReady(page);
  await page.locator('[data-id="sidecar:default/backend"]').click();
  await expect(page).toHaveURL(/selected=sidecar/);
  // Upstream: its caller and the gateway back to the client; downstream: redis, which it calls.
  for (const id of [
    'client',
    'edge',
    'gateway:builtin:default/edge-gateway',
    'sidecar:default/frontend',
    'service:default/backend',
    'sidecar:default/redis',
  ])
    await expect(nodeDimmed(page, id), id).toHaveCount(0);
  for (const id of ['gateway:delegated:legacy/kong-legacy', 'sidecar:default/payments'])
    await expect(nodeDimmed(page, id), id).toHaveCount(1);
  await expect(link(page, 'sidecar:default/backend', 'sidecar:default/redis')).toHaveAttribute(
    'data-highlighted',
    'true',
  );
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/selected=/);
  await expect(page.locator('.topo-node--dimmed')).toHaveCount(0);
});

test('mixed: a togglable minimap, and Focus frames a node with its neighbours', async ({
  page,
}) => {
  await page.goto('/topology');
  await canvasReady(page);
  // A graph that fits the screen starts without the minimap; the control shows and hides it.
  const minimap = page.locator('.react-flow__minimap');
  await expect(minimap).toHaveCount(0);
  await page.getByTestId('topology-minimap-toggle').click();
  await expect(minimap).toBeVisible();
  await expect(minimap.locator('.react-flow__minimap-node').first()).toBeAttached();
  await page.getByTestId('topology-minimap-toggle').click();
  await expect(minimap).toHaveCount(0);

  const scale = async () =>
    page
      .locator('.react-flow__viewport')
      .evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);
  const fitted = await scale();
  await page.locator('[data-id="gateway:delegated:payments/kong-payments"]').click();
  await page.getByTestId('topology-focus').click();
  // Closer than fit-to-view, with the gateway, the edge that fronts it and its service in view.
  await expect.poll(scale).toBeGreaterThan(fitted * 1.2);
  const pane = await page.locator('.react-flow').boundingBox();
  for (const id of [
    'gateway:delegated:payments/kong-payments',
    'edge',
    'service:payments/checkout',
  ]) {
    const box = await page.locator(`[data-id="${id}"]`).boundingBox();
    expect(box, id).not.toBeNull();
    if (!box || !pane) continue;
    expect(box.x, id).toBeGreaterThanOrEqual(pane.x - 1);
    expect(box.x + box.width, id).toBeLessThanOrEqual(pane.x + pane.width + 1);
    expect(box.y, id).toBeGreaterThanOrEqual(pane.y - 1);
    expect(box.y + box.height, id).toBeLessThanOrEqual(pane.y + pane.height + 1);
  }
});

test('mixed: the mermaid tab loads neither the canvas nor ELK', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script' || request.url().endsWith('.js'))
      scripts.push(new URL(request.url()).pathname);
  });
  page.on('worker', (worker) => scripts.push(new URL(worker.url()).pathname));
  await page.goto('/topology?tab=mermaid');
  await mermaidSvg(page);
  expect(scripts.some((path) => path.includes('mermaid'))).toBe(true);
  // By chunk name, not anywhere in the path: a content hash can spell "elk".
  expect(scripts.filter((path) => /\/assets\/(topology-canvas|elk)[-.]/i.test(path))).toEqual([]);
});

test('large at 20 meshes: links between delegated gateways named, Expand all capped and said', async ({
  page,
}) => {
  const large = await startDashboard([
    '--scenario',
    'large',
    '--meshes',
    '20',
    '--services',
    '1000',
    '--dataplanes',
    '2000',
    '--tick-ms',
    '60000',
  ]);
  try {
    // A delegated gateway's panel says what the drawing leaves out (190 links before).
    await page.goto(`${large.url}/topology?selected=gateway:delegated:mesh-01/mesh-01-kong`);
    await canvasReady(page);
    await expect(page.getByTestId('topology-panel-undrawn')).toHaveText(
      'Reaches delegated gateways of 19 other meshes over plain traffic, not drawn.',
    );
    await expect(page.getByTestId('topology-legend-note')).toContainText(
      'Delegated gateways of 20 meshes reach each other over plain traffic',
    );
    await page.goto(`${large.url}/topology`);
    await canvasReady(page);
    // The most services ever mounted from here on: the new layout is framed from afar, so its
    // services are never mounted (not even for the one render before the frame).
    await page.evaluate(() => {
      const marks = window as unknown as { mostServices: number };
      marks.mostServices = 0;
      new MutationObserver(() => {
        const services = document.querySelectorAll('.react-flow__node-service').length;
        marks.mostServices = Math.max(marks.mostServices, services);
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect(page.getByTestId('expand-all-cap')).toContainText(
      /Expanded \d+ of 20 meshes \([\d,]+ of [\d,]+ services\)/,
    );
    const expanded = new URL(page.url()).searchParams.get('expand')?.split(',') ?? [];
    expect(expanded.length).toBeGreaterThan(1);
    expect(expanded.length).toBeLessThan(20);
    expect(expanded[0]).toBe('mesh-01');

    // Framed from afar, the expanded meshes are their names: services are not mounted, and the
    // canvas says so; zoomed in, they are back.
    await expect(page.getByTestId('topology-canvas')).toHaveAttribute('data-layout', 'done', {
      timeout: 60_000,
    });
    const note = page.getByText(/Zoomed out: [\d,]+ services inside expanded meshes not drawn/);
    await expect(note).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('.topo-far-label').filter({ hasText: 'mesh-01' })).toBeVisible();
    await expect(page.locator('.react-flow__node-service')).toHaveCount(0);
    expect(
      await page.evaluate(() => (window as unknown as { mostServices: number }).mostServices),
    ).toBe(0);
    const pane = page.locator('.react-flow__pane');
    const box = await pane.boundingBox();
    if (!box) throw new Error('no pane');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
    for (let notch = 0; notch < 20 && (await note.isVisible()); notch++) {
      await page.mouse.wheel(0, -200);
      await page.waitForTimeout(100);
    }
    await expect(note).toBeHidden();
    await expect(page.locator('.react-flow__node-service').first()).toBeAttached();
  } finally {
    await large.stop();
  }
});
