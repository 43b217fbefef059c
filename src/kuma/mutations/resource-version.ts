/**
 * What a stored resource's content is, for comparing: without what the control plane sets on
 * every write (times, kri, computed labels), keys in one order, and a short fingerprint of that.
 * kuma-cp's REST API shows no resource version, so content is the version the forms compare.
 */
import type { ResourceMeta } from '../types';

/** Any stored resource: its meta fields, plus whatever its type carries. */
export type Resource = ResourceMeta;

/** Fields the control plane sets on every stored resource; never part of what the user writes. */
const SERVER_FIELDS = ['creationTime', 'modificationTime', 'kri'] as const;

/** Labels kuma-cp adds to new-style resources it stores (2.9+); kept out of comparisons. */
const COMPUTED_LABELS = ['kuma.io/env', 'kuma.io/mesh', 'kuma.io/zone'] as const;

/** A resource as the user would write it: no server timestamps or kri, no computed labels. */
export function normalizeStored<T extends ResourceMeta>(resource: T): T {
  const copy = { ...resource } as Record<string, unknown>;
  for (const field of SERVER_FIELDS) delete copy[field];
  if (copy.labels && typeof copy.labels === 'object') {
    const labels = Object.fromEntries(
      Object.entries(copy.labels as Record<string, string>).filter(
        ([key]) => !(COMPUTED_LABELS as readonly string[]).includes(key),
      ),
    );
    if (Object.keys(labels).length > 0) copy.labels = labels;
    else delete copy.labels;
  }
  return copy as T;
}

/** Key order does not matter to the control plane; comparisons sort keys first. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      return Object.fromEntries(
        Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
          a < b ? -1 : a > b ? 1 : 0,
        ),
      );
    }
    return inner;
  });
}

/** What the form was opened against, so a conflict is still seen after a reload. */
export interface BaseVersion {
  modificationTime?: string;
  /** Hash of the normalised stored resource(s). */
  hash: string;
}

/** FNV-1a: a short, stable fingerprint of a resource's JSON. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export function versionOf(resource: Resource): BaseVersion {
  return {
    ...(resource.modificationTime ? { modificationTime: resource.modificationTime } : {}),
    hash: hashText(canonicalJson(normalizeStored(resource))),
  };
}

/**
 * Whether `current` holds the content the form was opened on. Content, not `modificationTime`:
 * kuma-cp moves the time on every PUT, also one that writes the same content again, and writing
 * over an identical copy loses nothing.
 */
export function sameVersion(base: BaseVersion, current: Resource): boolean {
  return base.hash === versionOf(current).hash;
}

/** The check before a write: is what is stored now still what the form was opened on? */
export function changedSinceBase(base: BaseVersion | undefined, current: Resource | undefined) {
  return base ? current === undefined || !sameVersion(base, current) : current !== undefined;
}
