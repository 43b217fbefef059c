import type { World } from './world';

interface Memo {
  revision: string;
  values: Map<string, unknown>;
}

const memos = new WeakMap<World, Memo>();

/**
 * `compute()` once per state of the world: insights summarize every dataplane of a mesh (or of
 * all of them), and a dashboard asks for them on every refresh. Anything that could change the
 * answer (a write, a finished tick, a pinned proxy) changes `world.settledRevision()` and drops
 * every value; while a tick runs in slices, the last finished tick's values are served.
 */
export function perRevision<T>(
  world: World,
  key: string,
  compute: () => T,
  { limit = Number.POSITIVE_INFINITY } = {},
): T {
  const revision = world.settledRevision();
  let memo = memos.get(world);
  if (memo?.revision !== revision) {
    memo = { revision, values: new Map() };
    memos.set(world, memo);
  }
  if (memo.values.has(key)) return memo.values.get(key) as T;
  const value = compute();
  // Past the limit (keys a client makes up, such as every offset of a list), computed each time.
  if (memo.values.size < limit) memo.values.set(key, value);
  return value;
}
