import { test as base, expect, type Page } from '@playwright/test';

/** Fails the test on any uncaught page error, and keeps a screenshot helper at hand. */
export const test = base.extend<{ pageErrors: string[]; shot: (name: string) => Promise<void> }>({
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
  shot: async ({ page }, use) => {
    await use(async (name: string) => {
      await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
    });
  },
});

export { expect };

/** Sets the dashboard's preferences before the app starts (refresh interval, theme). */
export async function presetSettings(
  page: Page,
  settings: { refreshMs?: number; theme?: 'light' | 'dark' },
): Promise<void> {
  await page.addInitScript((value) => {
    localStorage.setItem('kuma-dashboard:settings', JSON.stringify(value));
  }, settings);
}

/** No horizontal scrolling at the viewport width. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'page scrolls horizontally').toBeLessThanOrEqual(0);
}
