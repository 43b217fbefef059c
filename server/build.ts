import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** What the built SPA comes from: the build's own plugins too (they rewrite index.html and mermaid). */
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'build-plugins', 'package.json'];

async function newestMtime(path: string): Promise<number> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) {
    newest = Math.max(newest, await newestMtime(join(path, entry)));
  }
  return newest;
}

/** Builds the SPA with Vite when `dist/` is missing or older than its sources. */
export async function ensureBuilt(root: string): Promise<'fresh' | 'built'> {
  const builtAt = await newestMtime(join(root, 'dist', 'index.html'));
  const sourcesAt = Math.max(
    ...(await Promise.all(SOURCES.map((source) => newestMtime(join(root, source))))),
  );
  if (builtAt > 0 && builtAt >= sourcesAt) return 'fresh';
  console.log('Building the dashboard (first start, or sources changed)…');
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn' });
  return 'built';
}
