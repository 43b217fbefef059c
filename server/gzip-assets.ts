import { promisify } from 'node:util';
import { constants, gzip as gzipCallback } from 'node:zlib';

const gzip = promisify(gzipCallback);

/**
 * Whether an `Accept-Encoding` header accepts gzip: named (or `*`) without `q=0`. Without the
 * header nothing is compressed.
 */
export function acceptsGzip(header: string | undefined | null): boolean {
  if (!header) return false;
  let wildcard = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const refused = q !== undefined && Number(q.slice(2)) === 0;
    if (name.trim() === 'gzip') return !refused;
    if (name.trim() === '*') wildcard = !refused;
  }
  return wildcard;
}

/**
 * Gzipped bodies of the SPA's hashed assets, made once per file, as small as gzip makes them.
 * Compressing on every request (the `compress` middleware) cost ~320 ms of the server's CPU for
 * the 164 files of a build (~75 ms for the 36 a `/topology` navigation loads) on each page load
 * with the cache off, the case the benchmarks measure. Names under `assets/` carry their content's hash, so a path
 * never changes content; a rebuild makes new names. A failed compression is not kept.
 */
export class GzipAssets {
  private readonly bodies = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

  /** The gzipped `content` of `path`, compressed on the first request for it. */
  get(
    path: string,
    content: () => Promise<Uint8Array<ArrayBuffer>>,
  ): Promise<Uint8Array<ArrayBuffer>> {
    let body = this.bodies.get(path);
    if (!body) {
      // The best compression: made once per file, its cost is paid once (off the main thread).
      body = content().then((raw) => gzip(raw, { level: constants.Z_BEST_COMPRESSION }));
      this.bodies.set(path, body);
      body.catch(() => this.bodies.delete(path));
    }
    return body;
  }

  get size(): number {
    return this.bodies.size;
  }
}
