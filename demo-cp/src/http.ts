import type { Context } from 'hono';
import { isAtLeast } from '../../src/kuma/version';
import { errorResponse, KumaHttpError, kumaError } from './errors';
import type { World } from './world';

export const MAX_PAGE_SIZE = 1000;

/**
 * Largest body a Kuma API write takes. kuma-cp itself has no limit (its PUT handler reads the
 * whole body with `io.ReadAll`, bounded only by the server's 10 s read timeout from 2.7); 2 MiB
 * holds any resource a real control plane stores (Kubernetes' etcd refuses objects over
 * 1.5 MiB; a 1 MiB Secret is 1.4 MiB as base64 JSON) while keeping what one request can make
 * the demo hold small.
 */
export const MAX_API_BODY_BYTES = 2 * 1024 * 1024;

/** Largest body a `/_demo/*` control takes: the largest real one (a proxy pin) is a few KB. */
export const MAX_DEMO_BODY_BYTES = 64 * 1024;

/** "2 MiB", "64 KiB", or bytes. */
export function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** A body longer than its limit: declared so, or seen while it streamed in. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body is larger than the limit of ${formatBytes(limit)} (${limit} bytes)`);
  }
}

/**
 * Reads a body up to `limit` bytes, counting as the chunks arrive: a body declared longer is
 * refused unread, and one that turns out longer is cancelled at the first chunk past the limit,
 * so a huge body never sits in memory whole (buffering first and checking after would).
 */
export async function readLimitedBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) {
    await request.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(limit);
  }
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks);
}

/** `readLimitedBody` as UTF-8 text. */
export async function readLimitedText(request: Request, limit: number): Promise<string> {
  return Buffer.from(await readLimitedBody(request, limit)).toString('utf8');
}
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
  const next =
    page.size !== 0 && offset + size < items.length ? nextLink(url, offset + page.size) : null;
  return { total: items.length, items: pageItems, next };
}

/** The request's own URL at another offset, its query sorted as Go's url.Values.Encode does. */
function nextLink(url: URL, offset: number): string {
  const query = new URLSearchParams(url.searchParams);
  query.set('offset', String(offset));
  const sorted = new URLSearchParams(
    [...query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return `${url.origin}${url.pathname}?${sorted.toString()}`;
}

/**
 * kuma-cp's paging of a list it builds in memory (service insights), not the store's: on 2.6 a
 * `size=0` is an empty page with a link to the same offset rather than paging off, and a
 * negative size or offset makes it panic (the demo answers 400 instead).
 */
export function paginateInMemory<T>(world: World, items: T[], url: URL, title: string) {
  const page = parsePage(world, url, title);
  if (page.size < 0) throw pageSizeError(title, 'must be greater than 0');
  if (page.size > 0) return paginate(world, items, page, url, title);
  const parsed = page.offset === '' ? 0 : atoi(page.offset);
  if (typeof parsed === 'string' || parsed < 0) {
    throw new KumaHttpError(
      kumaError(400, title, 'Invalid offset', [{ field: 'offset', reason: 'Invalid format' }]),
    );
  }
  return {
    total: items.length,
    items: [] as T[],
    next: parsed < items.length ? nextLink(url, parsed) : null,
  };
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
