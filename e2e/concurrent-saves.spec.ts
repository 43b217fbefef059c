/**
 * Two people (or two tabs) saving the same gateway at the same moment. kuma-cp's REST PUT takes
 * no version to compare against (it reads the stored resource and updates it in one request), so
 * the form checks right before writing and re-reads right after: whatever the interleaving, at
 * most one page may say "Saved" without a warning, and a change that was lost is reported.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, presetSettings, test } from './support/fixtures';
import { block, resetDemo, stored, submitButton, type } from './support/forms';

interface StoredGateway {
  conf: { listeners: { port: number; resources?: { connectionLimit?: number } }[] };
}

const EDIT_URL = '/meshes/default/gateways/edge-gateway/edit';

test.beforeEach(async ({ request }) => {
  await resetDemo(request);
});

/** A page on the edit form of edge-gateway, its first listener's connection limit typed in. */
async function openWithLimit(context: BrowserContext, limit: string): Promise<Page> {
  const page = await context.newPage();
  await presetSettings(page, { refreshMs: 60_000 });
  await page.goto(EDIT_URL);
  const field = block(page, 'listener', 0).getByLabel('Connection limit');
  await type(field, limit);
  await expect(page.getByTestId('yaml-diff')).toContainText(`connectionLimit: ${limit}`);
  return page;
}

type Ending = 'saved' | 'conflict';

/** How a save ended on `page`: the success heading, or the conflict dialog. */
async function endingOf(page: Page): Promise<Ending> {
  const saved = page.getByRole('status').filter({ hasText: 'Saved: MeshGateway edge-gateway' });
  const conflict = page.getByTestId('conflict-dialog');
  await expect(saved.or(conflict)).toBeVisible({ timeout: 15_000 });
  return (await conflict.isVisible()) ? 'conflict' : 'saved';
}

/** Clicks Save on every page as close to the same moment as the pages allow. */
async function saveAtOnce(pages: readonly Page[]): Promise<Ending[]> {
  const buttons = pages.map((page) => submitButton(page, 'Save'));
  await Promise.all(buttons.map((button) => expect(button).toBeEnabled()));
  // One evaluate per page, started together: the clicks leave within a millisecond or two,
  // closer than Playwright's actionability checks would let two `click()`s go.
  await Promise.all(
    buttons.map((button) => button.evaluate((element) => (element as HTMLElement).click())),
  );
  return Promise.all(pages.map(endingOf));
}

/**
 * The invariant: a page that says "Saved" without a warning has its value stored, so two pages
 * with different values never both say it; and the change that did not stay is reported.
 */
function expectNoSilentLoss(endings: readonly Ending[], limits: readonly number[], kept: number) {
  endings.forEach((ending, i) => {
    if (ending === 'saved') expect(limits[i], `page ${i} said Saved`).toBe(kept);
  });
  expect(endings.filter((ending) => ending === 'saved').length).toBeLessThanOrEqual(1);
}

test('two tabs of one browser saving the same gateway: one saves, the other sees a conflict with the diff', async ({
  context,
  request,
}) => {
  const first = await openWithLimit(context, '111');
  const second = await openWithLimit(context, '222');

  const endings = await saveAtOnce([first, second]);

  const gateway = await stored<StoredGateway>(request, 'default/meshgateways/edge-gateway');
  const kept = gateway?.conf.listeners[0]?.resources?.connectionLimit;
  expect([111, 222]).toContain(kept);
  expectNoSilentLoss(endings, [111, 222], kept as number);
  // Tabs of one browser take turns (a Web Lock), so the second one's check sees the first one's
  // write before it writes anything: exactly one saves, the other is asked, with the diff.
  expect([...endings].sort()).toEqual(['conflict', 'saved']);
  const loser = endings[0] === 'conflict' ? first : second;
  const loserLimit = endings[0] === 'conflict' ? 111 : 222;
  const dialog = loser.getByTestId('conflict-dialog');
  await expect(dialog).toContainText('MeshGateway edge-gateway was changed');
  await expect(dialog.getByTestId('conflict-diff')).toContainText(`connectionLimit: ${kept}`);
  await expect(dialog.getByTestId('conflict-diff')).toContainText(`connectionLimit: ${loserLimit}`);
  await loser.screenshot({ path: 'test-results/screens/concurrent-saves-conflict.png' });

  // Overwriting from the dialog keeps the loser's value, and says so.
  await dialog.getByRole('button', { name: 'Overwrite' }).click();
  await expect(
    loser.getByRole('status').filter({ hasText: 'Saved: MeshGateway edge-gateway' }),
  ).toBeVisible();
  const after = await stored<StoredGateway>(request, 'default/meshgateways/edge-gateway');
  expect(after?.conf.listeners[0]?.resources?.connectionLimit).toBe(loserLimit);
});

test('two browsers saving the same gateway at the same moment never both say Saved', async ({
  browser,
  request,
}) => {
  // Separate contexts share no storage and no locks: as two people on two machines.
  const contexts = [await browser.newContext(), await browser.newContext()];
  try {
    const [first, second] = [
      await openWithLimit(contexts[0] as BrowserContext, '333'),
      await openWithLimit(contexts[1] as BrowserContext, '444'),
    ];

    const endings = await saveAtOnce([first as Page, second as Page]);

    const gateway = await stored<StoredGateway>(request, 'default/meshgateways/edge-gateway');
    const kept = gateway?.conf.listeners[0]?.resources?.connectionLimit;
    expect([333, 444]).toContain(kept);
    expectNoSilentLoss(endings, [333, 444], kept as number);
    expect(endings).toContain('conflict');
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});
