import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
 * with the cache off, the case the benchmarks measure. Names under `assets/` carry their
 * content's hash, so a path never changes content; a rebuild makes new names. A failed
 * compression is not kept.
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

  /**
   * Compresses, ahead of any request, the files directly in `dir` that `compressible` accepts,
   * and resolves to how many. The first visitor after a start otherwise paid for it: 40-odd files
   * at the best level on a `/topology` load, on cores the starting demo and layout engine share.
   * One file at a time, so that zlib's threads leave those cores to them.
   */
  async warm(dir: string, compressible: (file: string) => boolean): Promise<number> {
    const files = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && compressible(entry.name))
      .map((entry) => join(dir, entry.name));
    for (const file of files) await this.get(file, () => readFile(file));
    return files.length;
  }

  get size(): number {
    return this.bodies.size;
  }
}
