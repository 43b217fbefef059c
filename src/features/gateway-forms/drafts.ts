/**
 * Unsaved form values per control plane, mesh and resource, in localStorage: they survive a
 * reload, a failed submit and closing the tab, are found from any tab of this dashboard (other
 * tabs hear of changes through the `storage` event), and are cleared on success. The keys start
 * with the control plane's identity, so two control planes never mix; there are at most
 * `MAX_DRAFTS` of them, none older than `MAX_DRAFT_AGE_MS`, and an entry that does not read as a
 * draft is skipped, never trusted. Inline certificate and key material is never written.
 */
import type { BaseVersion } from '../../kuma/mutations/resource-version';
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
  /** A "Fix: allow <source> → <service>" permission draft: what it was opened to allow. */
  fix?: { source: string; service: string };
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

/** At most this many drafts are kept (all control planes together); the oldest go first. */
export const MAX_DRAFTS = 50;
/** A draft untouched for this long is dropped: the form it was typed in has surely moved on. */
export const MAX_DRAFT_AGE_MS = 30 * 24 * 60 * 60 * 1000;

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Storage can be disabled (privacy settings): the form still works, without drafts.
    return undefined;
  }
}

/** Reads a stored draft; anything else under a draft key (hand-edited, older shape) is none. */
export function parseDraft<Values>(text: string | null | undefined): Draft<Values> | undefined {
  if (!text) return undefined;
  try {
    const draft = JSON.parse(text) as unknown;
    if (typeof draft !== 'object' || draft === null || !('values' in draft)) return undefined;
    const { savedAt, values } = draft as { savedAt?: unknown; values?: unknown };
    if (typeof savedAt !== 'string' || typeof values !== 'object' || values === null) {
      return undefined;
    }
    return draft as Draft<Values>;
  } catch {
    return undefined;
  }
}

function readItem(store: Storage, key: string): string | null {
  try {
    return store.getItem(key);
  } catch {
    return null;
  }
}

export function loadDraft<Values>(key: string): Draft<Values> | undefined {
  const store = storage();
  return store ? parseDraft<Values>(readItem(store, key)) : undefined;
}

/** Every key of the store that is a draft's (of any control plane). */
function draftKeys(store: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(`${DRAFT_PREFIX}:`)) keys.push(key);
  }
  return keys;
}

/**
 * The draft keys to remove so that what is left is within the bounds: entries that are not
 * drafts, drafts older than `maxAgeMs`, then the oldest beyond `max`. Pure, for the tests.
 */
export function draftsToPrune(
  entries: readonly { key: string; text: string | null }[],
  now: number,
  max = MAX_DRAFTS,
  maxAgeMs = MAX_DRAFT_AGE_MS,
): string[] {
  const doomed: string[] = [];
  const kept: { key: string; at: number }[] = [];
  for (const { key, text } of entries) {
    const at = Date.parse(parseDraft(text)?.savedAt ?? '');
    if (Number.isNaN(at) || now - at > maxAgeMs) doomed.push(key);
    else kept.push({ key, at });
  }
  kept.sort((a, b) => b.at - a.at);
  return [...doomed, ...kept.slice(max).map(({ key }) => key)];
}

function prune(store: Storage, now: number): void {
  const entries = draftKeys(store).map((key) => ({ key, text: readItem(store, key) }));
  for (const key of draftsToPrune(entries, now)) store.removeItem(key);
}

/** Listeners in this tab: the `storage` event only reaches the other tabs. */
const localListeners = new Set<() => void>();
let revision = 0;

function changed(): void {
  revision += 1;
  for (const listener of localListeners) listener();
}

export function saveDraft<Values>(key: string, draft: Draft<Values>): void {
  const store = storage();
  if (!store) return;
  try {
    store.setItem(key, JSON.stringify({ ...draft, values: withoutSecrets(draft.values) }));
    // The draft's own time is "now" (the form stamps it as it saves), which keeps this pure.
    prune(store, Date.parse(draft.savedAt) || Date.now());
  } catch {
    // Quota exceeded: keep the form, lose the draft.
  }
  changed();
}

export function clearDraft(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing to clear where storage is refused.
  }
  changed();
}

/**
 * Calls `listener` when a draft changes, in this tab or (through the `storage` event) in
 * another one; returns the unsubscribe. For `useSyncExternalStore` with `draftsRevision`.
 */
export function subscribeDrafts(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    // `key` is null when another tab cleared the whole store.
    if (event.key === null || event.key.startsWith(`${DRAFT_PREFIX}:`)) changed();
  };
  localListeners.add(listener);
  const target = typeof window === 'undefined' ? undefined : window;
  target?.addEventListener('storage', onStorage);
  return () => {
    localListeners.delete(listener);
    target?.removeEventListener('storage', onStorage);
  };
}

/** Moves on with every change `subscribeDrafts` reports. */
export function draftsRevision(): number {
  return revision;
}

/**
 * `<mesh>:<type>:<name>` after the control plane's prefix; mesh, type and resource names hold
 * no colon. The name is `new` for a create, and `new:<source>:<service>` for the create a
 * "Fix: allow <source> → <service>" link opened.
 */
export function parseDraftKey(
  identity: string,
  key: string,
): Pick<DraftEntry, 'mesh' | 'type' | 'name' | 'fix'> | undefined {
  const prefix = `${DRAFT_PREFIX}:${identity}:`;
  if (!key.startsWith(prefix)) return undefined;
  const [mesh = '', type = '', ...name] = key.slice(prefix.length).split(':');
  if (!mesh || !type || name.length === 0 || name.some((part) => !part)) return undefined;
  if (name.length === 1) return { mesh, type, ...(name[0] === 'new' ? {} : { name: name[0] }) };
  const [marker, source = '', service = ''] = name;
  if (name.length === 3 && marker === 'new') return { mesh, type, fix: { source, service } };
  return undefined;
}

/** An address in this app: `/…`, never `//host/…` (another site, for the browser). */
function isAppPath(at: string): boolean {
  return at.startsWith('/') && !at.startsWith('//') && !at.startsWith('/\\');
}

/** Every draft kept for this control plane, newest first. */
export function listDrafts(identity: string): DraftEntry[] {
  const store = storage();
  if (!store) return [];
  const entries: DraftEntry[] = [];
  for (const key of draftKeys(store)) {
    const parsed = parseDraftKey(identity, key);
    if (!parsed) continue;
    const draft = parseDraft<Record<string, unknown>>(readItem(store, key));
    if (!draft) continue;
    const typed = draft.values.name;
    entries.push({
      key,
      ...parsed,
      ...(parsed.name === undefined && typeof typed === 'string' && typed.trim()
        ? { typedName: typed.trim() }
        : {}),
      savedAt: draft.savedAt,
      ...(typeof draft.at === 'string' && isAppPath(draft.at) ? { at: draft.at } : {}),
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
