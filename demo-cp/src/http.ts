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
  /** 0 turns paging off (2.6 takes `size=0` that way). */
  size: number;
  /** Kept as text: the store reads it, and words its errors, only when paging. */
  offset: string;
}

/** Go's `strconv.Atoi`, or the error text it gives. */
function atoi(text: string): number | string {
  if (!/^[+-]?\d+$/.test(text))
    return `strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`;
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    return `strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range`;
  return value;
}

function pageSizeError(title: string, reason: string): KumaHttpError {
  return new KumaHttpError(kumaError(400, title, 'Invalid page size', [{ field: 'size', reason }]));
}

/** Kuma's `pagination()`: `size` defaults to 100 and may not exceed 1000 (nor be < 1 from 2.14). */
export function parsePage(world: World, url: URL, title: string): Page {
  const sizeParam = url.searchParams.get('size') ?? '';
  let size = DEFAULT_PAGE_SIZE;
  if (sizeParam !== '') {
    const parsed = atoi(sizeParam);
    if (typeof parsed === 'string') throw pageSizeError(title, 'invalid format');
    size = parsed;
    if (size <= 0 && isAtLeast(world.version, 2, 14)) {
      throw pageSizeError(title, 'must be greater than 0');
    }
    if (size > MAX_PAGE_SIZE) {
      throw pageSizeError(
        title,
        `invalid page size of ${size}. Maximum page size is ${MAX_PAGE_SIZE}`,
      );
    }
  }
  return { size, offset: url.searchParams.get('offset') ?? '' };
}

/**
 * The paginating store: items sorted by (mesh, name) are the caller's; this takes the page,
 * counts `total` and builds the absolute `next` link from the request.
 */
export function paginate<T>(world: World, items: T[], page: Page, url: URL, title: string) {
  let offset = 0;
  if (page.size !== 0 && page.offset !== '') {
    const parsed = atoi(page.offset);
    if (isAtLeast(world.version, 2, 14)) {
      const reason =
        typeof parsed === 'string' ? parsed : parsed < 0 ? 'must be non-negative' : undefined;
      if (reason !== undefined) {
        throw new KumaHttpError(kumaError(400, title, `invalid: invalid offset: ${reason}`));
      }
    } else if (typeof parsed === 'string' || parsed < 0) {
      // kuma-cp 2.6 panics on a negative offset and drops the connection; a 400 is kinder.
      throw new KumaHttpError(
        kumaError(400, title, 'Invalid offset', [{ field: 'offset', reason: 'Invalid format' }]),
      );
    }
    offset = typeof parsed === 'number' ? parsed : 0;
  }
  const size = page.size === 0 ? items.length : page.size;
  const pageItems = size > 0 ? items.slice(offset, offset + size) : [];
  let next: string | null = null;
  if (page.size !== 0 && offset + size < items.length) {
    const query = new URLSearchParams(url.searchParams);
    query.set('offset', String(offset + page.size));
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
