import type { Dataplane } from '../../src/kuma/types';
import type { StoreChange } from './store';
import type { SimulatedProxy, World } from './world';

/** Makes planned changes durable (the state file) before they are applied; throws if it cannot. */
export type Persist = (changes: readonly StoreChange[]) => Promise<void>;

/**
 * One at a time, in arrival order. Every change to what the state file keeps (API writes,
 * `/_demo/reset`) runs under it from its existence checks to its answer, so two writes can
 * neither interleave on disk nor both act on what they read before the other committed.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    // The next one waits for this one to settle, whichever way it settles.
    this.tail = result.catch(() => {});
    return result;
  }
}

const locks = new WeakMap<World, WriteLock>();

/** The write lock of one world, shared by every route that changes it. */
export function writeLock(world: World): WriteLock {
  let lock = locks.get(world);
  if (!lock) {
    lock = new WriteLock();
    locks.set(world, lock);
  }
  return lock;
}

export interface PlannedWrite<T> {
  /** What the write returned in the dry run (the objects `changes` holds). */
  result: T;
  changes: StoreChange[];
}

/**
 * Runs `run` with the proxies map read-only: `get` hands out copies (a write that updates a
 * dataplane adjusts its proxy's copy), `set` and `delete` change nothing, so neither the map, nor
 * its order (a tick draws random numbers for proxies in that order), nor any proxy moves.
 */
function withProxiesUntouched<T>(proxies: Map<string, SimulatedProxy>, run: () => T): T {
  const shadowed = {
    get: (key: string) => {
      const proxy = Map.prototype.get.call(proxies, key) as SimulatedProxy | undefined;
      return proxy && { ...proxy };
    },
    set: () => proxies,
    delete: (key: string) => Map.prototype.has.call(proxies, key),
    clear: () => {
      throw new Error('a planned write may not clear the proxies');
    },
  };
  for (const [name, value] of Object.entries(shadowed)) {
    Object.defineProperty(proxies, name, { value, configurable: true, writable: true });
  }
  try {
    return run();
  } finally {
    for (const name of Object.keys(shadowed)) Reflect.deleteProperty(proxies, name);
  }
}

/**
 * Runs a world write (`world.write`, `world.remove`) as a dry run: it returns every stored
 * resource the write changes (with a new mesh's default policies and CA secrets, a removed mesh's
 * contents) and leaves the world as it was: the store holds the same objects, the proxies are
 * the same objects in the same state and order, and the random source has not moved. It is
 * synchronous, so nothing else (a request, a tick's slice) runs in between.
 *
 * Only counters that never go back (store version, proxy revision) move: caches then recompute
 * what they had, from the same state.
 */
export function planWrite<T>(world: World, write: () => T): PlannedWrite<T> {
  const random = world.random;
  // The dry run draws from a copy: connecting a new proxy takes random numbers, and the real
  // draw happens when the write is applied.
  world.random = Object.assign(Object.create(Object.getPrototypeOf(random)), random);
  try {
    return withProxiesUntouched(world.proxies, () => {
      // A write that throws is undone by `track` itself.
      const planned = world.store.track(write);
      world.store.undo(planned.changes);
      return planned;
    });
  } finally {
    world.random = random;
  }
}

/**
 * Applies changes planned by `planWrite` (or read back from a state file): the same objects go
 * into the store in the same order, and a dataplane's proxy is registered or dropped as
 * `world.write` / `world.remove` do, so the world ends as the write itself would have left it.
 */
export function applyChanges(world: World, changes: readonly StoreChange[]): void {
  for (const change of changes) {
    if (change.after) {
      world.store.put(change.after);
      if (change.type === 'Dataplane') world.ensureProxy(change.after as unknown as Dataplane);
    } else {
      world.store.delete(change.type, change.mesh, change.name);
      if (change.type === 'Dataplane' && change.mesh) world.removeProxy(change.mesh, change.name);
    }
  }
}

/**
 * A write that is kept and acknowledged, or refused and not applied: planned, made durable by
 * `persist`, and only then applied. If `persist` throws, the world is untouched and the error
 * goes to the caller (a 500). Callers hold the world's `writeLock`.
 */
export async function commitWrite<T>(
  world: World,
  persist: Persist,
  write: () => T,
): Promise<PlannedWrite<T>> {
  const planned = planWrite(world, write);
  if (planned.changes.length > 0) await persist(planned.changes);
  applyChanges(world, planned.changes);
  return planned;
}
