import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, presetSettings, test } from './support/fixtures';
import { type RunningProcess, startDashboard } from './support/processes';

/**
 * Every screen in both themes at 1280 and 1920 px: the page never scrolls sideways, no text
 * spills out of (or is cut by) its box, axe finds nothing serious. Screenshots go to
 * SCREENS_DIR (default test-results/screens-all) to be looked at.
 */
const SCREENS_DIR = process.env.SCREENS_DIR ?? 'test-results/screens-all';
const WIDTHS = [1280, 1920] as const;
const THEMES = ['light', 'dark'] as const;
/** Text may pass its box by this much (sub-pixel rounding, italic overhang). */
const TOLERANCE_PX = 2;

interface Screen {
  name: string;
  path: string;
  /** What shows once the screen has its data (beyond "no loading state left"). */
  ready: (page: Page) => Promise<void>;
  /** Opens something on the screen first (a dialog). */
  open?: (page: Page) => Promise<void>;
}

const visible = (testId: string) => async (page: Page) => {
  await expect(page.getByTestId(testId).first()).toBeVisible({ timeout: 30_000 });
};
const text = (value: string) => async (page: Page) => {
  await expect(page.getByText(value).first()).toBeVisible({ timeout: 30_000 });
};

const SCREENS: Screen[] = [
  { name: 'meshes', path: '/meshes', ready: visible('mesh-table') },
  { name: 'mesh-overview', path: '/meshes/default', ready: text('edge-gateway') },
  { name: 'gateways', path: '/gateways', ready: text('edge-gateway') },
  {
    name: 'gateway-detail',
    path: '/meshes/default/gateways/edge-gateway',
    ready: text('shop.example.com'),
  },
  {
    name: 'gateway-instances',
    path: '/meshes/default/gateways/edge-gateway?tab=instances',
    ready: text('edge-gateway-1'),
  },
  {
    name: 'delegated-detail',
    path: '/meshes/payments/delegated-gateways/kong-payments',
    ready: text('kong-payments-1'),
  },
  { name: 'dataplanes', path: '/dataplanes', ready: text('frontend-1') },
  {
    name: 'dataplane-detail',
    path: '/meshes/default/dataplanes/frontend-1',
    ready: text('frontend-1'),
  },
  {
    name: 'dataplane-yaml',
    path: '/meshes/default/dataplanes/frontend-1?tab=yaml',
    ready: text('type: Dataplane'),
  },
  { name: 'service', path: '/meshes/default/services/payments', ready: visible('dataplane-table') },
  {
    name: 'topology',
    path: '/topology',
    ready: async (page) => {
      await expect(page.getByTestId('topology-canvas')).toHaveAttribute('data-layout', 'done', {
        timeout: 30_000,
      });
    },
  },
  {
    name: 'topology-mermaid',
    path: '/topology?tab=mermaid&mesh=default',
    ready: async (page) => {
      await expect(page.getByTestId('mermaid')).toHaveAttribute('data-rendered', 'true', {
        timeout: 30_000,
      });
    },
  },
  {
    name: 'trace',
    path: '/trace?mesh=default&gateway=builtin%3Aedge-gateway&method=GET&url=http%3A%2F%2Fwww.example.com%2Forders',
    ready: visible('trace-verdict'),
  },
  { name: 'mesh-check', path: '/trace?tab=check&mesh=default', ready: visible('finding-summary') },
  {
    name: 'create-gateway',
    path: '/gateways/new?mesh=default&kind=builtin',
    ready: visible('yaml-universal'),
  },
  {
    name: 'edit-gateway',
    path: '/meshes/default/gateways/edge-gateway/edit',
    ready: visible('yaml-universal'),
  },
  {
    name: 'create-route',
    path: '/meshes/default/gateways/edge-gateway/routes/new?kind=http',
    ready: visible('yaml-universal'),
  },
  {
    name: 'token-dialog',
    path: '/meshes',
    ready: visible('mesh-table'),
    open: async (page) => {
      await page.getByRole('button', { name: 'Set a control-plane token' }).click();
      await expect(page.getByLabel('User token')).toBeVisible();
    },
  },
];

interface Overflow {
  element: string;
  text: string;
  px: number;
  kind: 'spills' | 'cut';
}

/**
 * Elements whose own text runs past their box by more than `tolerance`: spilling over what is
 * next to it, or cut off by `overflow: hidden` without an ellipsis. Scroll boxes (code, wide
 * tables) and ellipsis are meant; the canvases (React Flow, mermaid SVG) have checks of their
 * own.
 */
function textOverflows(tolerance: number): Overflow[] {
  const found: Overflow[] = [];
  const ignored = '.react-flow, svg, [data-testid="mermaid"], .visually-hidden, .skip-link';
  for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
    if (element.closest(ignored)) continue;
    const style = getComputedStyle(element);
    if (['inline', 'contents', 'none'].includes(style.display) || style.visibility !== 'visible')
      continue;
    const texts = [...element.childNodes].filter(
      (node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim(),
    );
    if (texts.length === 0) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    let left = Number.POSITIVE_INFINITY;
    let right = Number.NEGATIVE_INFINITY;
    let bottom = Number.NEGATIVE_INFINITY;
    for (const node of texts) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width === 0) continue;
        left = Math.min(left, rect.left);
        right = Math.max(right, rect.right);
        bottom = Math.max(bottom, rect.bottom);
      }
    }
    if (right === Number.NEGATIVE_INFINITY) continue;
    const px = Math.max(right - box.right, box.left - left, bottom - box.bottom);
    if (px <= tolerance) continue;
    if (['auto', 'scroll'].includes(style.overflowX)) continue;
    const clipped = style.overflowX !== 'visible';
    if (clipped && style.textOverflow === 'ellipsis') continue;
    const id = element.dataset.testid ? `[data-testid=${element.dataset.testid}]` : '';
    const classes = element.classList.length > 0 ? `.${[...element.classList].join('.')}` : '';
    found.push({
      element: `${element.tagName.toLowerCase()}${id}${classes}`,
      text: (element.textContent ?? '').trim().slice(0, 60),
      px: Math.round(px),
      kind: clipped ? 'cut' : 'spills',
    });
  }
  return found;
}

async function checkScreen(page: Page, screen: Screen, theme: string, width: number) {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(screen.path);
  await screen.ready(page);
  await expect(page.locator('.state--loading')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await screen.open?.(page);
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({
    path: join(SCREENS_DIR, `${screen.name}-${theme}-${width}.png`),
    fullPage: true,
  });
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(sideways, 'the page scrolls sideways').toBeLessThanOrEqual(0);
  expect(await page.evaluate(textOverflows, TOLERANCE_PX), 'text out of its box').toEqual([]);
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id}: ${violation.nodes
            .map((node) => node.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      ),
  ).toEqual([]);
}

for (const theme of THEMES) {
  for (const width of WIDTHS) {
    test.describe(`${theme}, ${width} px`, () => {
      for (const screen of SCREENS) {
        test(screen.name, async ({ page, pageErrors }) => {
          await presetSettings(page, { theme, refreshMs: 60_000 });
          await checkScreen(page, screen, theme, width);
          expect(pageErrors).toEqual([]);
        });
      }
    });
  }
}

test.describe('a Kubernetes global control plane', () => {
  let dashboard: RunningProcess;
  test.beforeAll(async () => {
    dashboard = await startDashboard([
      '--scenario',
      'mixed',
      '--seed',
      '42',
      '--environment',
      'kubernetes',
      '--mode',
      'global',
    ]);
  });
  test.afterAll(async () => {
    await dashboard?.stop();
  });

  for (const theme of THEMES) {
    for (const width of WIDTHS) {
      test(`zones (${theme}, ${width} px)`, async ({ page, pageErrors }) => {
        await presetSettings(page, { theme, refreshMs: 60_000 });
        await checkScreen(
          page,
          { name: 'zones-k8s-global', path: `${dashboard.url}/zones`, ready: text('zone-east') },
          theme,
          width,
        );
        expect(pageErrors).toEqual([]);
      });
    }
  }

  // The widest header there is: a read-only Kubernetes chip and the Zones link.
  for (const width of [1280, 1440]) {
    test(`the header is one row at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${dashboard.url}/meshes`);
      await expect(page.getByTestId('control-plane')).toContainText('read-only');
      await expect(page.getByRole('link', { name: 'Zones' })).toBeVisible();
      // Brand, navigation and tools side by side: their middles within a few pixels.
      const spread = await page.evaluate(() => {
        const bar = document.querySelector('.topbar');
        const middles = [...(bar?.children ?? [])]
          .filter((child) => child.getBoundingClientRect().height > 0)
          .map((child) => {
            const box = child.getBoundingClientRect();
            return box.top + box.height / 2;
          });
        return Math.max(...middles) - Math.min(...middles);
      });
      expect(spread).toBeLessThan(10);
    });
  }
});

test.describe('topology polish', () => {
  let docs: RunningProcess;
  test.beforeAll(async () => {
    docs = await startDashboard([
      '--scenario',
      'docs-builtin',
      '--seed',
      '42',
      '--tick-ms',
      '1000',
    ]);
  });
  test.afterAll(async () => {
    await docs?.stop();
  });

  async function observed(page: Page, base: string) {
    await presetSettings(page, { refreshMs: 2000 });
    await page.goto(`${base}/topology`);
    const chip = page.getByTestId('legend-observed');
    // Rates need two samples of the gateways' counters, one refresh apart.
    await expect(chip).toHaveAttribute('data-rps', /\d/, { timeout: 30_000 });
    return {
      rps: Number(await chip.getAttribute('data-rps')),
      text: (await chip.textContent()) ?? '',
    };
  }

  test('the legend shows the traffic observed in each scenario, not a fixed example', async ({
    page,
  }) => {
    const mixed = await observed(page, '');
    const builtin = await observed(page, docs.url);
    for (const figures of [mixed, builtin]) {
      expect(figures.rps).toBeGreaterThan(0);
      expect(figures.text).toMatch(/rps.*observed at the gateways/);
    }
    expect(mixed.rps).not.toBe(builtin.rps);
    expect(mixed.text).not.toBe(builtin.text);
  });

  test('the PNG export draws × where the diagram says ×, never a character reference', async ({
    page,
  }) => {
    // The SVG handed to the image is serialized last before the PNG is made: record it.
    await page.addInitScript(() => {
      const serialize = XMLSerializer.prototype.serializeToString;
      const seen: string[] = [];
      (window as unknown as { serialized: string[] }).serialized = seen;
      XMLSerializer.prototype.serializeToString = function (node: Node) {
        const markup = serialize.call(this, node);
        seen.push(markup);
        return markup;
      };
    });
    await presetSettings(page, { refreshMs: 60_000 });
    await page.goto('/topology?tab=mermaid&mesh=default');
    const diagram = page.getByTestId('mermaid');
    await expect(diagram).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
    // mixed's default mesh has services with two proxies: "KUMA-DP ×2".
    await expect(diagram).toContainText('KUMA-DP ×2');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export PNG' }).click();
    expect((await download).suggestedFilename()).toBe('topology.png');
    // What the image shows: the text of the SVG handed to it (words sit in tspans of their own).
    const drawn = await page.evaluate(() => {
      const markup = (window as unknown as { serialized: string[] }).serialized.at(-1) ?? '';
      const svg = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
      return {
        root: svg.nodeName,
        foreignObjects: svg.getElementsByTagName('foreignObject').length,
        labels: [...svg.querySelectorAll('.node text')].map((label) => label.textContent ?? ''),
      };
    });
    expect(drawn.root).toBe('svg');
    expect(drawn.foreignObjects).toBe(0);
    expect(drawn.labels).toContain('KUMA-DP ×2');
    expect(drawn.labels.filter((label) => /&#|#\d+;/.test(label))).toEqual([]);
  });

  test('the mermaid diagram is dark in the dark theme and follows a theme change', async ({
    page,
    shot,
  }) => {
    await presetSettings(page, { theme: 'dark', refreshMs: 60_000 });
    await page.goto('/topology?tab=mermaid&mesh=default');
    const diagram = page.getByTestId('mermaid');
    await expect(diagram).toHaveAttribute('data-theme', 'dark', { timeout: 30_000 });
    await expect(diagram).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
    const node = diagram.locator('.node rect').first();
    const fill = () => node.evaluate((element) => getComputedStyle(element).fill);
    expect(await fill()).toBe('rgb(22, 31, 37)');
    expect(await diagram.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      'rgb(22, 31, 37)',
    );
    await shot('mermaid-dark');
    // Playwright's browser prefers light: "system" is light here.
    await page.getByRole('button', { name: 'Theme: dark. Switch to system' }).click();
    await expect(diagram).toHaveAttribute('data-theme', 'light', { timeout: 30_000 });
    await expect(diagram).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
    expect(await fill()).toBe('rgb(255, 255, 255)');
  });
});
