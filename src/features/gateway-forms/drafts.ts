/**
 * Unsaved form values per control plane, mesh and resource, in sessionStorage: they survive a
 * reload and a failed submit, and are cleared on success. Inline certificate and key material
 * is never written to storage.
 */
import type { CertificateSourceKind } from './model';

export const DRAFT_PREFIX = 'kuma-dashboard:draft';

export function draftKey(
  identity: string,
  mesh: string,
  type: string,
  name: string | undefined,
): string {
  return `${DRAFT_PREFIX}:${identity}:${mesh}:${type}:${name ?? 'new'}`;
}

/** What the form was opened against, so a conflict is still seen after a reload. */
export interface BaseVersion {
  modificationTime?: string;
  /** Hash of the normalised stored resource(s). */
  hash: string;
}

export interface Draft<Values> {
  savedAt: string;
  values: Values;
  /** The stored versions the form was opened against, by REST path. */
  bases?: Record<string, BaseVersion>;
  /**
   * The address of the form it was typed in (path and query), so a list of drafts can send the
   * user back to it: a route's draft key does not name its gateway, nor a Dataplane's its service.
   */
  at?: string;
}

/** A draft as the lists of drafts show it. */
export interface DraftEntry {
  key: string;
  mesh: string;
  type: string;
  /** The stored resource's name; undefined for a resource being created. */
  name?: string;
  /** For a create, the name typed so far (if any). */
  typedName?: string;
  savedAt: string;
  at?: string;
}

const SECRET_SOURCES: readonly CertificateSourceKind[] = ['inline', 'inlineString'];

function isSecretRow(value: unknown): value is { source: string; value: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (SECRET_SOURCES as readonly unknown[]).includes((value as { source?: unknown }).source) &&
    typeof (value as { value?: unknown }).value === 'string'
  );
}

/** A deep copy with every inline certificate row emptied and marked `redacted`. */
export function withoutSecrets<T>(values: T): T {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (isSecretRow(value)) return { ...value, value: '', redacted: true };
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, walk(inner)]));
    }
    return value;
  };
  return walk(values) as T;
}

/**
 * Puts back the inline certificates a draft could not keep, from the freshly loaded values, where
 * the same row still holds the same kind of source; other redacted rows stay flagged.
 */
export function restoreSecrets<T>(draft: T, fresh: T): T {
  const walk = (value: unknown, source: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.map((item, i) => walk(item, Array.isArray(source) ? source[i] : undefined));
    }
    if (
      typeof value === 'object' &&
      value !== null &&
      (value as { redacted?: unknown }).redacted === true
    ) {
      if (isSecretRow(source) && source.source === (value as { source?: unknown }).source) {
        return { source: source.source, value: source.value };
      }
      return value;
    }
    if (typeof value === 'object' && value !== null) {
      const from = typeof source === 'object' && source !== null ? source : {};
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => [
          key,
          walk(inner, (from as Record<string, unknown>)[key]),
        ]),
      );
    }
    return value;
  };
  return walk(draft, fresh) as T;
}

function storage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    // Storage can be disabled (privacy settings): the form still works, without drafts.
    return undefined;
  }
}

export function loadDraft<Values>(key: string): Draft<Values> | undefined {
  const text = storage()?.getItem(key);
  if (!text) return undefined;
  try {
    const draft = JSON.parse(text) as Draft<Values>;
    return typeof draft === 'object' && draft !== null && 'values' in draft ? draft : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft<Values>(key: string, draft: Draft<Values>): void {
  try {
    storage()?.setItem(key, JSON.stringify({ ...draft, values: withoutSecrets(draft.values) }));
  } catch {
    // Quota exceeded: keep the form, lose the draft.
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(key);
}

/** `<mesh>:<type>:<name|new>` after the control plane's prefix; mesh names hold no colon. */
export function parseDraftKey(
  identity: string,
  key: string,
): { mesh: string; type: string; name?: string } | undefined {
  const prefix = `${DRAFT_PREFIX}:${identity}:`;
  if (!key.startsWith(prefix)) return undefined;
  const parts = key.slice(prefix.length).split(':');
  if (parts.length !== 3) return undefined;
  const [mesh = '', type = '', name = ''] = parts;
  if (!mesh || !type || !name) return undefined;
  return { mesh, type, ...(name === 'new' ? {} : { name }) };
}

/** Every draft kept for this control plane in this tab, newest first. */
export function listDrafts(identity: string): DraftEntry[] {
  const store = storage();
  if (!store) return [];
  const entries: DraftEntry[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    const parsed = key ? parseDraftKey(identity, key) : undefined;
    if (!key || !parsed) continue;
    const draft = loadDraft<Record<string, unknown>>(key);
    if (!draft || typeof draft.savedAt !== 'string') continue;
    const typed = draft.values?.name;
    entries.push({
      key,
      ...parsed,
      ...(parsed.name === undefined && typeof typed === 'string' && typed.trim()
        ? { typedName: typed.trim() }
        : {}),
      savedAt: draft.savedAt,
      ...(typeof draft.at === 'string' && draft.at.startsWith('/') ? { at: draft.at } : {}),
    });
  }
  return entries.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/**
 * The newest draft of a new resource of one of `types`, in a mesh that still exists: where the
 * create form should open when the address names no mesh, instead of the first mesh.
 */
export function latestCreateDraft(
  drafts: readonly DraftEntry[],
  types: readonly string[],
  meshes: readonly string[],
): DraftEntry | undefined {
  return drafts.find(
    (draft) =>
      draft.name === undefined && types.includes(draft.type) && meshes.includes(draft.mesh),
  );
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
