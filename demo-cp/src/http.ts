import type { Context } from 'hono';
import { isAtLeast } from '../../src/kuma/version';
import { errorResponse, KumaHttpError, kumaError } from './errors';
import type { World } from './world';

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

export function text(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain' } });
}

export interface Page {
  size: number;
  offset: number;
}

/** Kuma's `size` / `offset` rules: size defaults to 100, over 1000 is a 400, offset is an index. */
export function parsePage(world: World, url: URL, title: string): Page {
  const sizeParam = url.searchParams.get('size');
  let size = DEFAULT_PAGE_SIZE;
  if (sizeParam !== null && sizeParam !== '') {
    if (!/^-?\d+$/.test(sizeParam)) {
      throw new KumaHttpError(
        kumaError(400, title, 'Invalid page size', [{ field: 'size', reason: 'Invalid format' }]),
      );
    }
    size = Number(sizeParam);
    if (size > MAX_PAGE_SIZE) {
      throw new KumaHttpError(
        kumaError(400, title, 'Invalid page size', [
          {
            field: 'size',
            reason: `Invalid page size of ${size}. Maximum page size is ${MAX_PAGE_SIZE}`,
          },
        ]),
      );
    }
    if (size <= 0 && isAtLeast(world.version, 2, 14)) {
      throw new KumaHttpError(
        kumaError(400, title, 'Invalid page size', [
          { field: 'size', reason: `Invalid page size of ${size}. Minimum page size is 1` },
        ]),
      );
    }
    if (size <= 0) size = DEFAULT_PAGE_SIZE;
  }
  const offsetParam = url.searchParams.get('offset');
  let offset = 0;
  if (offsetParam !== null && offsetParam !== '') {
    if (!/^\d+$/.test(offsetParam)) {
      throw new KumaHttpError(
        isAtLeast(world.version, 2, 14)
          ? kumaError(400, title, `invalid: invalid offset: ${offsetParam}`)
          : kumaError(400, title, 'Invalid offset', [
              { field: 'offset', reason: 'Invalid format' },
            ]),
      );
    }
    offset = Number(offsetParam);
  }
  return { size, offset };
}

/** One page of `items`, with Kuma's `total` and an absolute `next` link built from the request. */
export function paginate<T>(items: T[], page: Page, url: URL) {
  const pageItems = items.slice(page.offset, page.offset + page.size);
  const nextOffset = page.offset + page.size;
  let next: string | null = null;
  if (nextOffset < items.length) {
    // Kuma copies the request's query and sets only `offset` (a default size stays implicit).
    const query = new URLSearchParams(url.searchParams);
    query.set('offset', String(nextOffset));
    // Go's url.Values.Encode sorts by key.
    const sorted = new URLSearchParams(
      [...query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    next = `${url.origin}${url.pathname}?${sorted.toString()}`;
  }
  return { total: items.length, items: pageItems, next };
}

/** `name=`: Kuma lists resources whose name *contains* the value. */
export function nameContains<T extends { name: string }>(items: T[], url: URL): T[] {
  const name = url.searchParams.get('name');
  return name ? items.filter((item) => item.name.includes(name)) : items;
}

export function requestUrl(c: Context): URL {
  return new URL(c.req.url);
}

export function handleError(error: unknown): Response {
  if (error instanceof KumaHttpError) return errorResponse(error.body);
  console.error('demo-cp: unexpected error', error);
  return errorResponse(kumaError(500, 'Internal Server Error', 'Internal Server Error'));
}
