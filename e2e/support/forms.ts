import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Puts the demo control plane behind `base` back to the `mixed` scenario. */
export async function resetDemo(request: APIRequestContext, base = ''): Promise<void> {
  const reply = await request.post(`${base}/api/_demo/reset?scenario=mixed`);
  expect(reply.ok(), `reset: ${reply.status()} ${await reply.text()}`).toBe(true);
}

/** What the page asks of the control plane besides reading it (PUT, POST, DELETE…). */
export function recordWrites(page: Page): string[] {
  const writes: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() !== 'GET' && url.pathname.startsWith('/api/meshes/')) {
      writes.push(`${request.method()} ${url.pathname}`);
    }
  });
  return writes;
}

/** Full page loads (documents) after the first one: a client-side navigation adds none. */
export function recordDocumentLoads(page: Page): string[] {
  const loads: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document' && request.frame() === page.mainFrame()) {
      loads.push(request.url());
    }
  });
  return loads;
}

/**
 * The form holding the field labelled exactly "Name" (the layout's token dialog has a Save
 * button of its own, so buttons are looked up inside this).
 */
export function resourceForm(page: Page): Locator {
  return page.locator('form').filter({ has: page.getByLabel('Name', { exact: true }) });
}

export function submitButton(page: Page, label: 'Create' | 'Save'): Locator {
  return resourceForm(page).getByRole('button', { name: label, exact: true });
}

/** The form's success message ("Created: …" or "Saved: …", a status) after a write. */
export async function expectWritten(page: Page, text: string): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: text })).toBeVisible({
    timeout: 10_000,
  });
}

/** Fills a text field and leaves it, as a user does (messages show once a field was worked on). */
export async function type(field: Locator, value: string): Promise<void> {
  await field.fill(value);
  await field.blur();
}

/** A listener (`listener-N`) or rule (`rule-N`) block of the form, by its 0-based index. */
export function block(page: Page, kind: 'listener' | 'rule', index: number): Locator {
  return page.getByTestId(`${kind}-${index}`);
}

/** Main navigation: moves within the single-page app, never reloading it. */
export async function navigate(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
}

/** Presses Tab until `target` has the focus (keyboard only), failing after `limit` presses. */
export async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The stored resource at `/api/meshes/<mesh>/<segment>/<name>`, or undefined on 404. */
export async function stored<T = Record<string, unknown>>(
  request: APIRequestContext,
  path: string,
  base = '',
): Promise<T | undefined> {
  const reply = await request.get(`${base}/api/meshes/${path}`);
  if (reply.status() === 404) return undefined;
  expect(reply.ok(), `GET ${path}: ${reply.status()}`).toBe(true);
  return (await reply.json()) as T;
}
