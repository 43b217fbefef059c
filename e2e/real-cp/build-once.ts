import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../server/build';

/** The dashboards these specs start skip the build: do it once, before any of them. */
export default async function buildOnce(): Promise<void> {
  await ensureBuilt(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
}
