import type { Page } from '@playwright/test';
import { expect, presetSettings, test } from './support/fixtures';
import { type RunningProcess, startDashboard } from './support/processes';

/** Text smaller than this on screen (CSS px, font-size × zoom) is not readable. */
const READABLE_PX = 11;

interface Box {
  id: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Measures {
  zoom: number;
  nodes: number;
  labels: number;
  /** Pairs of nodes with the same parent whose boxes intersect. */
  nodeOverlaps: string[];
  /** Edge labels intersecting a node (groups aside: a label over a mesh's background is fine). */
  labelOverlaps: string[];
  /** The smallest rendered text, and where. */
  minFont: { px: number; text: string };
  /** Text in a node drawn cut short: wider than its element (CSS ellipsis), or ending in "…". */
  cutText: string[];
  /** Links that run through a node other than their two ends (groups aside), sampled on screen. */
  linksThroughNodes: string[];
}

/**
 * Every drawn node and edge label as it is on screen, and the smallest text a user sees
 * (font-size × the canvas's zoom), read from the DOM after fit-to-view.
 */
async function measure(page: Page): Promise<Measures> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const zoom = viewport ? new DOMMatrix(getComputedStyle(viewport).transform).a : 1;
    const visible = (element: Element) =>
      element.checkVisibility({ opacityProperty: false, visibilityProperty: true }) &&
      element.getBoundingClientRect().width > 0;
    const boxOf = (id: string, element: Element) => {
      const rect = element.getBoundingClientRect();
      return { id, left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
    };
    // Touching is not overlapping: half a pixel of slack for sub-pixel positions.
    const intersects = (a: Box, b: Box) =>
      a.left < b.right - 0.5 &&
      b.left < a.right - 0.5 &&
      a.top < b.bottom - 0.5 &&
      b.top < a.bottom - 0.5;
    const drawn = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].filter(visible);
    const nodes = drawn.map((element) => {
      const inner = element.querySelector<HTMLElement>('[data-kind]');
      // The box as drawn: at the names level a box grows to fit its name, past its slot.
      const shown = element.querySelector<HTMLElement>(':scope > .topo-node') ?? element;
      return {
        box: boxOf(element.dataset.id ?? '', shown),
        parent: inner?.dataset.parent ?? '',
        group:
          inner?.dataset.kind === 'call-group' ||
          (inner?.dataset.kind === 'mesh' && inner.dataset.collapsed !== 'true'),
      };
    });
    const nodeOverlaps: string[] = [];
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i];
        const b = nodes[j];
        if (a && b && a.parent === b.parent && intersects(a.box, b.box))
          nodeOverlaps.push(`${a.box.id} × ${b.box.id}`);
      }
    }
    const labels = [
      ...document.querySelectorAll<HTMLElement>('.topo-edge-label:not(.topo-edge-label--static)'),
    ]
      .filter(visible)
      .map((element) => boxOf(element.dataset.edge ?? '', element));
    const labelOverlaps: string[] = [];
    for (const label of labels) {
      for (const node of nodes) {
        if (!node.group && intersects(label, node.box))
          labelOverlaps.push(`${label.id} × ${node.box.id}`);
      }
    }
    let minFont = { px: Number.POSITIVE_INFINITY, text: '' };
    const walker = document.createTreeWalker(viewport ?? document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const content = text.textContent?.trim();
      const element = text.parentElement;
      if (!content || !element || !visible(element)) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      const rect = range.getBoundingClientRect();
      if (rect.width < 1 || rect.height < 1) continue;
      const px = Number.parseFloat(getComputedStyle(element).fontSize) * zoom;
      if (px < minFont.px) minFont = { px, text: content.slice(0, 40) };
    }
    const cutText: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('.react-flow__node *')) {
      if (element.children.length > 0 || !visible(element)) continue;
      const text = element.textContent?.trim() ?? '';
      if (!text) continue;
      const full = element.title || text;
      if (element.scrollWidth > element.clientWidth + 0.5 || (text.endsWith('…') && full !== text))
        cutText.push(`${text} (${element.scrollWidth} > ${element.clientWidth})`);
      // Shown whole means inside the box it is drawn in too (a box clips what overflows it).
      const box = element.closest('.topo-node')?.getBoundingClientRect();
      const rect = element.getBoundingClientRect();
      if (
        box &&
        (rect.right > box.right + 0.5 ||
          rect.bottom > box.bottom + 0.5 ||
          rect.left < box.left - 0.5 ||
          rect.top < box.top - 0.5)
      )
        cutText.push(`${text} (outside its box)`);
    }
    const linksThroughNodes: string[] = [];
    for (const edge of document.querySelectorAll<SVGGElement>('.react-flow__edge')) {
      const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path');
      const matrix = path?.getScreenCTM();
      if (!path || !matrix || !visible(path)) continue;
      const ends = [path.dataset.source, path.dataset.target];
      const length = path.getTotalLength();
      const crossed = new Set<string>();
      for (let i = 1; i < 60; i++) {
        const point = path.getPointAtLength((length * i) / 60).matrixTransform(matrix);
        for (const node of nodes) {
          if (node.group || ends.includes(node.box.id)) continue;
          // Inside by more than 2 px: grazing a border is not running through.
          if (
            point.x > node.box.left + 2 &&
            point.x < node.box.right - 2 &&
            point.y > node.box.top + 2 &&
            point.y < node.box.bottom - 2
          )
            crossed.add(node.box.id);
        }
      }
      for (const id of crossed) linksThroughNodes.push(`${edge.dataset.id} through ${id}`);
    }
    return {
      zoom,
      nodes: nodes.length,
      labels: labels.length,
      nodeOverlaps,
      labelOverlaps,
      minFont,
      cutText,
      linksThroughNodes,
    };
  });
}

async function fitted(page: Page) {
  const canvas = page.getByTestId('topology-canvas');
  await expect(canvas).toHaveAttribute('data-layout', 'done', { timeout: 60_000 });
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  // Fit-to-view runs in the frame after the layout; then the zoom stays.
  await expect
    .poll(async () => page.locator('.react-flow__viewport').getAttribute('style'), {
      timeout: 10_000,
    })
    .toContain('scale');
  await page.locator('.react-flow__controls-fitview').click();
  await page.waitForFunction(() => !document.querySelector('.topo-canvas--moving'));
  return canvas;
}

const SCENARIOS = [
  { name: 'docs-builtin', args: ['--scenario', 'docs-builtin'] },
  { name: 'docs-delegated', args: ['--scenario', 'docs-delegated'] },
  { name: 'mixed', args: ['--scenario', 'mixed'] },
  {
    name: 'large',
    args: ['--scenario', 'large', '--meshes', '10', '--services', '200', '--dataplanes', '2000'],
  },
] as const;

for (const scenario of SCENARIOS) {
  test.describe(`${scenario.name} at fit-to-view`, () => {
    let dashboard: RunningProcess;
    test.beforeAll(async () => {
      dashboard = await startDashboard([...scenario.args, '--tick-ms', '60000', '--seed', '3']);
    });
    test.afterAll(async () => {
      await dashboard?.stop();
    });

    for (const theme of ['light', 'dark'] as const) {
      test(`${theme}: no node or label overlaps another, no text below ${READABLE_PX} px`, async ({
        page,
        shot,
      }, info) => {
        await presetSettings(page, { theme });
        await page.setViewportSize({ width: 1440, height: 900 });
        await page.goto(`${dashboard.url}/topology`);
        await fitted(page);
        const measures = await measure(page);
        info.annotations.push({ type: 'measures', description: JSON.stringify(measures) });
        await shot(`graph-${scenario.name}-${theme}`);
        expect(measures.nodes).toBeGreaterThan(2);
        // Names are drawn whole at fit-to-view (the names level), never "Kong Ga…".
        expect(measures.cutText).toEqual([]);
        expect(measures.nodeOverlaps).toEqual([]);
        expect(measures.labelOverlaps).toEqual([]);
        // Links go round the nodes they would cross (mixed had 13 such crossings).
        expect(measures.linksThroughNodes).toEqual([]);
        expect(measures.minFont.px, measures.minFont.text).toBeGreaterThanOrEqual(
          READABLE_PX - 0.05,
        );
      });
    }
  });
}

test.describe('mixed: one node per dataplane', () => {
  let dashboard: RunningProcess;
  test.beforeAll(async () => {
    dashboard = await startDashboard(['--scenario', 'mixed', '--tick-ms', '60000', '--seed', '3']);
  });
  test.afterAll(async () => {
    await dashboard?.stop();
  });

  test('search-1, serving search and search-admin, is one KUMA-DP node both services link to', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${dashboard.url}/topology`);
    await fitted(page);
    const sidecars = page.locator('.react-flow__node[data-id^="sidecar:legacy/"]', {
      hasText: 'search-1',
    });
    await expect(sidecars).toHaveCount(1);
    await expect(sidecars).toHaveAttribute('data-id', 'sidecar:legacy/search');
    for (const service of ['search', 'search-admin'])
      await expect(
        page.locator(`.react-flow__node[data-id="service:legacy/${service}"]`),
      ).toBeVisible();
    await expect(
      page.locator(
        '.react-flow__edge[data-id="service-sidecar:service:legacy/search-admin->sidecar:legacy/search"]',
      ),
    ).toHaveCount(1);
  });
});

test.describe('mixed zoomed in to full detail', () => {
  let dashboard: RunningProcess;
  test.beforeAll(async () => {
    // Ticking, so the gateways' links carry observed rates and their labels are drawn.
    dashboard = await startDashboard(['--scenario', 'mixed', '--tick-ms', '1000', '--seed', '3']);
  });
  test.afterAll(async () => {
    await dashboard?.stop();
  });

  test('rate labels sit where no node is; no text below the threshold', async ({
    page,
    shot,
  }, info) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${dashboard.url}/topology`);
    const canvas = await fitted(page);
    for (let step = 0; step < 6; step++) {
      if ((await canvas.getAttribute('data-zoom-level')) === 'full') break;
      await page.locator('.react-flow__controls-zoomin').click();
    }
    await expect(canvas).toHaveAttribute('data-zoom-level', 'full');
    await page.waitForFunction(() => !document.querySelector('.topo-canvas--moving'));
    // Rates arrive with the first samples of the simulated proxies.
    await expect(
      page.locator('.topo-edge-label:not(.topo-edge-label--static)').first(),
    ).toBeAttached({
      timeout: 20_000,
    });
    const measures = await measure(page);
    info.annotations.push({ type: 'measures', description: JSON.stringify(measures) });
    await shot('graph-mixed-full-detail');
    expect(measures.labels).toBeGreaterThan(0);
    expect(measures.nodeOverlaps).toEqual([]);
    expect(measures.labelOverlaps).toEqual([]);
    expect(measures.linksThroughNodes).toEqual([]);
    expect(measures.minFont.px, measures.minFont.text).toBeGreaterThanOrEqual(READABLE_PX - 0.05);
  });
});
