import type { ResourceMeta } from '../../src/kuma/types';

/** A stored resource: the wire object exactly as a GET returns it (meta fields included). */
export type StoredResource = ResourceMeta & Record<string, unknown>;

function keyOf(mesh: string | undefined, name: string): string {
  return `${mesh ?? ''}\u0000${name}`;
}

function compareResources(a: StoredResource, b: StoredResource): number {
  const byMesh = (a.mesh ?? '').localeCompare(b.mesh ?? '');
  return byMesh !== 0 ? byMesh : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * In-memory resources by type, listed in Kuma's order (mesh, then name) as its paginating
 * store does. Stored objects are replaced on write, never mutated, so a listed array can be
 * served while the simulation writes.
 */
export class ResourceStore {
  private readonly byType = new Map<string, Map<string, StoredResource>>();
  private readonly sortedCache = new Map<string, StoredResource[]>();

  private collection(type: string): Map<string, StoredResource> {
    let collection = this.byType.get(type);
    if (!collection) {
      collection = new Map();
      this.byType.set(type, collection);
    }
    return collection;
  }

  get(type: string, mesh: string | undefined, name: string): StoredResource | undefined {
    return this.byType.get(type)?.get(keyOf(mesh, name));
  }

  /** Creates or replaces; says which, as PUT's 201 / 200 do. */
  put(resource: StoredResource): 'created' | 'updated' {
    const collection = this.collection(resource.type);
    const key = keyOf(resource.mesh, resource.name);
    const existed = collection.has(key);
    collection.set(key, resource);
    this.sortedCache.delete(resource.type);
    return existed ? 'updated' : 'created';
  }

  delete(type: string, mesh: string | undefined, name: string): boolean {
    const removed = this.byType.get(type)?.delete(keyOf(mesh, name)) ?? false;
    if (removed) this.sortedCache.delete(type);
    return removed;
  }

  /** Every resource of a type, sorted; `mesh` narrows to one mesh. */
  list(type: string, mesh?: string): StoredResource[] {
    let sorted = this.sortedCache.get(type);
    if (!sorted) {
      sorted = [...(this.byType.get(type)?.values() ?? [])].sort(compareResources);
      this.sortedCache.set(type, sorted);
    }
    return mesh === undefined ? sorted : sorted.filter((resource) => resource.mesh === mesh);
  }

  count(type: string, mesh?: string): number {
    if (mesh === undefined) return this.byType.get(type)?.size ?? 0;
    return this.list(type, mesh).length;
  }

  types(): string[] {
    return [...this.byType.keys()];
  }

  clear(): void {
    this.byType.clear();
    this.sortedCache.clear();
  }
}
