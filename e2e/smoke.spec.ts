import { expect, test } from '@playwright/test';

test('the dashboard shows the embedded demo control plane and its meshes', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await expect(page.getByTestId('control-plane')).toHaveText('Kuma 2.14.3 (universal, standalone)');
  await expect(page.getByRole('listitem').filter({ hasText: 'default' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'payments' })).toBeVisible();
  await page.screenshot({ path: 'test-results/smoke.png', fullPage: true });
  expect(errors).toEqual([]);
});
