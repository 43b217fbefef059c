import type { ResourceMeta } from '../../src/kuma/types';

/** A stored resource: the wire object exactly as a GET returns it (meta fields included). */
export type StoredResource = ResourceMeta & Record<string, unknown>;

const byName = (a: StoredResource, b: StoredResource): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

const meshOrder = (a: string | undefined, b: string | undefined): number =>
  (a ?? '').localeCompare(b ?? '');

/** One type's resources, bucketed by mesh, with sorted views built on demand. */
class Collection {
  readonly byMesh = new Map<string | undefined, Map<string, StoredResource>>();
  size = 0;
  /** Sorted by name, per mesh; dropped when a write touches that mesh. */
  private readonly sortedByMesh = new Map<string | undefined, StoredResource[]>();
  private sortedAll: StoredResource[] | undefined;

  get(mesh: string | undefined, name: string): StoredResource | undefined {
    return this.byMesh.get(mesh)?.get(name);
  }

  put(resource: StoredResource): boolean {
    let bucket = this.byMesh.get(resource.mesh);
    if (!bucket) {
      bucket = new Map();
      this.byMesh.set(resource.mesh, bucket);
    }
    const existed = bucket.has(resource.name);
    bucket.set(resource.name, resource);
    if (!existed) this.size += 1;
    this.changed(resource.mesh, existed ? resource : undefined);
    return existed;
  }

  delete(mesh: string | undefined, name: string): boolean {
    const bucket = this.byMesh.get(mesh);
    if (!bucket?.delete(name)) return false;
    this.size -= 1;
    if (bucket.size === 0) this.byMesh.delete(mesh);
    this.changed(mesh, undefined);
    return true;
  }

  /**
   * A write gives the lists it touches a new identity (callers compare lists by identity to see
   * that something changed). An update keeps the order: the sorted list is copied with the one
   * entry swapped rather than sorted again.
   */
  private changed(mesh: string | undefined, replaced: StoredResource | undefined): void {
    this.sortedAll = undefined;
    const sorted = this.sortedByMesh.get(mesh);
    if (!sorted) return;
    if (!replaced) {
      this.sortedByMesh.delete(mesh);
      return;
    }
    const index = binarySearch(sorted, replaced.name);
    if (index < 0) {
      this.sortedByMesh.delete(mesh);
      return;
    }
    const copy = sorted.slice();
    copy[index] = replaced;
    this.sortedByMesh.set(mesh, copy);
  }

  listMesh(mesh: string | undefined): StoredResource[] {
    let sorted = this.sortedByMesh.get(mesh);
    if (!sorted) {
      sorted = [...(this.byMesh.get(mesh)?.values() ?? [])].sort(byName);
      this.sortedByMesh.set(mesh, sorted);
    }
    return sorted;
  }

  listAll(): StoredResource[] {
    if (this.sortedAll) return this.sortedAll;
    const meshes = [...this.byMesh.keys()].sort(meshOrder);
    // Two mesh keys that compare equal (`undefined` and `''`) interleave by name: sort them all.
    const ambiguous = meshes.some((mesh, i) => i > 0 && meshOrder(meshes[i - 1], mesh) === 0);
    const all = meshes.flatMap((mesh) => this.listMesh(mesh));
    if (ambiguous) all.sort((a, b) => meshOrder(a.mesh, b.mesh) || byName(a, b));
    this.sortedAll = all;
    return all;
  }
}

function binarySearch(sorted: readonly StoredResource[], name: string): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const candidate = sorted[middle]?.name ?? '';
    if (candidate === name) return middle;
    if (candidate < name) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

const EMPTY: StoredResource[] = Object.freeze([]) as unknown as StoredResource[];

/** What a write did to one stored resource: the resource before and after (undefined: none). */
export interface StoreChange {
  type: string;
  mesh: string | undefined;
  name: string;
  before: StoredResource | undefined;
  after: StoredResource | undefined;
}

const changeKey = (type: string, mesh: string | undefined, name: string): string =>
  `${type}\u0000${mesh ?? ''}\u0000${mesh === undefined ? 0 : 1}\u0000${name}`;

/**
 * In-memory resources by type, listed in Kuma's order (mesh, then name) as its paginating
 * store does. Stored objects are replaced on write, never mutated, so a listed array can be
 * served while the simulation writes. Lists are kept sorted per mesh and rebuilt only for the
 * mesh a write touched: the large scenario lists one mesh's dataplanes after every write to it.
 */
export class ResourceStore {
  private readonly byType = new Map<string, Collection>();
  /** Counts every change (never goes back, not even on `clear`): caches compare it. */
  version = 0;
  /** While `track` runs: every resource touched, with its state before the first touch. */
  private tracking: Map<string, StoreChange> | undefined;

  private collection(type: string): Collection {
    let collection = this.byType.get(type);
    if (!collection) {
      collection = new Collection();
      this.byType.set(type, collection);
    }
    return collection;
  }

  get(type: string, mesh: string | undefined, name: string): StoredResource | undefined {
    return this.byType.get(type)?.get(mesh, name);
  }

  /** Creates or replaces; says which, as PUT's 201 / 200 do. */
  put(resource: StoredResource): 'created' | 'updated' {
    this.version += 1;
    this.note(resource.type, resource.mesh, resource.name, resource);
    return this.collection(resource.type).put(resource) ? 'updated' : 'created';
  }

  delete(type: string, mesh: string | undefined, name: string): boolean {
    if (this.tracking && this.get(type, mesh, name)) this.note(type, mesh, name, undefined);
    const removed = this.byType.get(type)?.delete(mesh, name) ?? false;
    if (removed) this.version += 1;
    return removed;
  }

  private note(
    type: string,
    mesh: string | undefined,
    name: string,
    after: StoredResource | undefined,
  ): void {
    if (!this.tracking) return;
    const key = changeKey(type, mesh, name);
    const known = this.tracking.get(key);
    if (known) known.after = after;
    else this.tracking.set(key, { type, mesh, name, before: this.get(type, mesh, name), after });
  }

  /**
   * Runs `fn` (synchronous) and lists every resource it changed, in the order first touched,
   * with its state before and after. A write is planned this way and then undone, so it can be
   * made durable before anyone sees it (see write-transaction.ts).
   */
  track<T>(fn: () => T): { result: T; changes: StoreChange[] } {
    if (this.tracking) throw new Error('store changes are already being tracked');
    const tracking = new Map<string, StoreChange>();
    this.tracking = tracking;
    let result: T;
    try {
      result = fn();
    } catch (error) {
      // A write that failed half-way leaves nothing behind.
      this.tracking = undefined;
      this.undo([...tracking.values()]);
      throw error;
    } finally {
      this.tracking = undefined;
    }
    // A resource put back as it was is no change at all.
    const changes = [...tracking.values()].filter((change) => change.before !== change.after);
    return { result, changes };
  }

  /** Puts back what `changes` replaced: the store holds the same objects as before them. */
  undo(changes: readonly StoreChange[]): void {
    for (const change of [...changes].reverse()) {
      if (change.before) this.put(change.before);
      else this.delete(change.type, change.mesh, change.name);
    }
  }

  /** Makes `changes` (planned by `track`, or read from a state file) in order. */
  apply(changes: readonly StoreChange[]): void {
    for (const change of changes) {
      if (change.after) this.put(change.after);
      else this.delete(change.type, change.mesh, change.name);
    }
  }

  /**
   * Every resource of a type, sorted; `mesh` narrows to one mesh. The array is shared and stays
   * the same object until a write changes it: do not mutate it.
   */
  list(type: string, mesh?: string): StoredResource[] {
    const collection = this.byType.get(type);
    if (!collection) return EMPTY;
    return mesh === undefined ? collection.listAll() : collection.listMesh(mesh);
  }

  count(type: string, mesh?: string): number {
    const collection = this.byType.get(type);
    if (!collection) return 0;
    if (mesh === undefined) return collection.size;
    return collection.byMesh.get(mesh)?.size ?? 0;
  }

  types(): string[] {
    return [...this.byType.keys()];
  }

  clear(): void {
    if (this.tracking) throw new Error('the store cannot be cleared while changes are tracked');
    this.version += 1;
    this.byType.clear();
  }
}
