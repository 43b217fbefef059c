/**
 * Subsets of proxies as Kuma's rules engine reasons about them: a list of tags, each `key=value`
 * or, negated, `key!=value`. A rule's subset is what `_rules` shows as its `matchers`.
 */
import { compareStrings, SERVICE_TAG, type TargetRef } from './model';

export interface Tag {
  key: string;
  value: string;
  not: boolean;
}

export type Subset = Tag[];

export class RulesError extends Error {}

function tagIsSubset(outer: Tag, inner: Tag): boolean {
  if (outer.key !== inner.key) return false;
  if (outer.not === inner.not) return outer.value === inner.value;
  // {k != a} holds {k = b} for every b other than a; {k = a} holds no negation.
  if (outer.not) return outer.value !== inner.value;
  return false;
}

/** Whether every proxy in `inner` is also in `outer` (the empty subset holds everything). */
export function isSubset(outer: Subset, inner: Subset): boolean {
  if (outer.length === 0) return true;
  for (const tag of outer) {
    const sameKey = inner.filter((other) => other.key === tag.key);
    if (sameKey.length === 0) return false;
    if (!sameKey.every((other) => tagIsSubset(tag, other))) return false;
  }
  return true;
}

/** Whether some proxy could be in both: no key carries two different positive values. */
export function intersects(a: Subset, b: Subset): boolean {
  if (a.length === 0 || b.length === 0) return true;
  for (const tag of a) {
    if (tag.not) continue;
    for (const other of b) {
      if (other.not || other.key !== tag.key) continue;
      if (other.value !== tag.value) return false;
    }
  }
  return true;
}

export function numPositive(subset: Subset): number {
  return subset.filter((tag) => !tag.not).length;
}

export function compareTags(a: Tag, b: Tag): number {
  return compareStrings(a.key, b.key) || compareStrings(a.value, b.value);
}

/** Sorted by key, value, positive before negative: the canonical form used to deduplicate. */
export function sortedSubset(subset: Subset): Subset {
  return [...subset].sort((a, b) => compareTags(a, b) || (a.not === b.not ? 0 : a.not ? 1 : -1));
}

export function subsetKey(subset: Subset): string {
  return sortedSubset(subset)
    .map((tag) => `${tag.key}\u0000${tag.value}\u0000${tag.not ? 1 : 0}`)
    .join('\u0001');
}

/** Kinds that existed before policies could target real resources (MeshService objects, …). */
export function isOldKind(kind: string): boolean {
  return [
    'Mesh',
    'MeshSubset',
    'MeshServiceSubset',
    'MeshService',
    'MeshGateway',
    'MeshHTTPRoute',
  ].includes(kind);
}

function tagsOf(tags: Record<string, string> | undefined): Subset {
  return Object.entries(tags ?? {}).map(([key, value]) => ({ key, value, not: false }));
}

/** A `targetRef` as the subset of proxies it names. */
export function asSubset(ref: TargetRef): Subset {
  switch (ref.kind) {
    case 'Mesh':
      return [];
    case 'MeshSubset':
      return tagsOf(ref.tags);
    case 'MeshService':
      return [{ key: SERVICE_TAG, value: ref.name ?? '', not: false }];
    case 'MeshServiceSubset':
      return [{ key: SERVICE_TAG, value: ref.name ?? '', not: false }, ...tagsOf(ref.tags)];
    default:
      throw new RulesError(`can't represent ${ref.kind} as tags`);
  }
}

/**
 * 2.13+: every combination where each key is either exactly one of its values or none of
 * them, in the order kuma-cp enumerates them (a mixed-radix counter, first key fastest).
 */
export function keyedSubsets(tags: readonly Tag[]): Subset[] {
  const dims: { key: string; values: string[] }[] = [];
  for (const tag of tags) {
    let dim = dims.find((candidate) => candidate.key === tag.key);
    if (!dim) {
      dim = { key: tag.key, values: [] };
      dims.push(dim);
    }
    if (!dim.values.includes(tag.value)) dim.values.push(tag.value);
  }
  const counter = dims.map(() => 0);
  const current = (): Subset =>
    dims.flatMap((dim, i): Tag[] =>
      counter[i] === dim.values.length
        ? dim.values.map((value) => ({ key: dim.key, value, not: true }))
        : [{ key: dim.key, value: dim.values[dim.values.length - counter[i]! - 1]!, not: false }],
    );
  const out: Subset[] = [];
  for (;;) {
    let advanced = false;
    for (let i = 0; i < dims.length; i++) {
      counter[i]!++;
      if (counter[i]! < dims[i]!.values.length + 1) {
        advanced = true;
        break;
      }
      counter[i] = 0;
    }
    out.push(current());
    if (!advanced) return out;
  }
}

/**
 * Before 2.13: every tag toggled between positive and negated (a binary counter, first tag
 * fastest), dropping combinations with two positive values for one key and redundant
 * negations next to a positive value. The all-positive combination comes last; when it is
 * contradictory the enumeration just ends.
 */
export function toggledSubsets(tags: readonly Tag[]): Subset[] {
  const current = tags.map((tag) => ({ ...tag, not: false }));
  const simplified = (): Subset | undefined => {
    const byKey = new Map<string, Tag[]>();
    for (const tag of current) byKey.set(tag.key, [...(byKey.get(tag.key) ?? []), { ...tag }]);
    const out: Subset = [];
    for (const group of byKey.values()) {
      const positive = group.filter((tag) => !tag.not);
      if (positive.length >= 2) return undefined;
      out.push(...(positive.length === 1 ? positive : group));
    }
    return out;
  };
  const advance = (): boolean => {
    for (const tag of current) {
      if (tag.not) {
        tag.not = false;
      } else {
        tag.not = true;
        return true;
      }
    }
    return false;
  };
  const out: Subset[] = [];
  for (;;) {
    if (!advance()) {
      const last = simplified();
      if (last) out.push(last);
      return out;
    }
    const next = simplified();
    if (next) out.push(next);
  }
}
