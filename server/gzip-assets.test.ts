import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, GzipAssets } from './gzip-assets';

describe('acceptsGzip', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['gzip', true],
    ['gzip, deflate, br, zstd', true],
    ['br;q=1.0, GZIP;q=0.5', true],
    ['deflate', false],
    ['gzip;q=0', false],
    ['gzip; q=0.0', false],
    ['*', true],
    ['*;q=0', false],
    ['*, gzip;q=0', false],
    ['identity', false],
    ['x-gzip', false],
  ])('%j → %s', (header, accepted) => {
    expect(acceptsGzip(header)).toBe(accepted);
  });
});

describe('GzipAssets', () => {
  const text = new TextEncoder().encode('console.log("hello");\n'.repeat(200));

  it('compresses a file once, however often it is asked for', async () => {
    const assets = new GzipAssets();
    let reads = 0;
    const read = async () => {
      reads += 1;
      return text;
    };
    const [first, second] = await Promise.all([
      assets.get('/a.js', read),
      assets.get('/a.js', read),
    ]);
    const third = await assets.get('/a.js', read);
    expect(reads).toBe(1);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(new Uint8Array(gunzipSync(first))).toEqual(text);
    expect(first.byteLength).toBeLessThan(text.byteLength / 10);
  });

  it('compresses as far as gzip goes: a body made once is worth the best level', async () => {
    const varied = new TextEncoder().encode(
      Array.from({ length: 2000 }, (_, i) => `const v${i} = ${(i * 7919) % 10007};`).join('\n'),
    );
    const body = await new GzipAssets().get('/c.js', async () => varied);
    const best = gzipSync(varied, { level: constants.Z_BEST_COMPRESSION });
    expect(body.byteLength).toBe(best.byteLength);
    expect(body.byteLength).toBeLessThan(gzipSync(varied).byteLength);
  });

  it('keeps no failure: a file that could not be read is read again next time', async () => {
    const assets = new GzipAssets();
    await expect(assets.get('/b.js', () => Promise.reject(new Error('ENOENT')))).rejects.toThrow(
      'ENOENT',
    );
    expect(assets.size).toBe(0);
    expect(new Uint8Array(gunzipSync(await assets.get('/b.js', async () => text)))).toEqual(text);
  });

  it('warms ahead the files of a directory it is told to compress, and only those', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gzip-warm-'));
    try {
      await writeFile(join(dir, 'app-1a2b.js'), text);
      await writeFile(join(dir, 'app-1a2b.css'), text);
      await writeFile(join(dir, 'logo.png'), text);
      await mkdir(join(dir, 'nested.js'));
      const assets = new GzipAssets();
      const warmed = await assets.warm(dir, (file) => /\.(?:js|css)$/.test(file));
      expect(warmed).toBe(2);
      expect(assets.size).toBe(2);
      // The request then finds the body made ahead: nothing is read again.
      const read = () => Promise.reject(new Error('read again'));
      const body = await assets.get(join(dir, 'app-1a2b.js'), read);
      expect(new Uint8Array(gunzipSync(body))).toEqual(text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
