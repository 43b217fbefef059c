/**
 * Writing what a form produced: which resources to PUT (and which this control plane will not
 * take), whether someone changed them since the form was opened, the PUTs themselves, and
 * whether what we wrote is what stayed.
 *
 * kuma-cp's REST PUT takes no version (it reads the stored resource and updates it with that
 * read's version inside one request; a store conflict there is a 409), and GET shows no version
 * either, only `modificationTime`, which every PUT moves even when nothing changed. So a lost
 * update cannot be refused up front; the save narrows the window instead: tabs of one browser
 * take turns (a Web Lock), each checks the stored content right before its PUT, and re-reads it
 * after a short settle window, reporting content that is not ours as a conflict.
 */
import type { Capabilities } from '../capabilities';
import { KumaApiError, type KumaClient, pathOf } from '../client';
import { anyJsonSchema } from '../schemas';
import { type BaseVersion, changedSinceBase, type Resource, versionOf } from './resource-version';
import { judgeAfterWrite, storedFormOf } from './write-echo';

/**
 * A refusal's `invalid_parameters`, placed: `field` is where the form shows it (the item's
 * `toField`), `kumaPath` the path kuma-cp named. A form's own issue type accepts it as it is.
 */
export interface WriteIssue {
  field: string;
  message: string;
  severity: 'error';
  kumaPath: string;
}

/** REST path segment per resource type (as `/_resources` reports it for 2.6 – 2.14). */
const PATH_SEGMENT: Record<string, string> = {
  MeshGateway: 'meshgateways',
  MeshHTTPRoute: 'meshhttproutes',
  MeshTCPRoute: 'meshtcproutes',
  Dataplane: 'dataplanes',
};

export function resourcePath(
  caps: Capabilities,
  resource: { type: string; mesh?: string; name: string },
): string {
  const segment =
    caps.paths[resource.type] ?? PATH_SEGMENT[resource.type] ?? resource.type.toLowerCase();
  return resource.mesh
    ? pathOf('meshes', resource.mesh, segment, resource.name)
    : pathOf(segment, resource.name);
}

/** Why `type` cannot be written here, or undefined when it can. */
export function readOnlyReasonFor(caps: Capabilities, type: string): string | undefined {
  if (caps.readOnly) {
    return caps.readOnlyReason ?? 'This control plane does not accept writes.';
  }
  if (caps.writable[type] === false) {
    if (caps.mode === 'global') {
      return `${type} resources are written on the zone control planes, not on the global one.`;
    }
    if (caps.mode === 'zone') {
      return `On a federated zone ${type} resources are written on the global control plane.`;
    }
    return `This control plane marks ${type} as read-only.`;
  }
  return undefined;
}

/** One resource a form writes. */
export interface WriteItem {
  resource: Resource;
  label: string;
  path: string;
  /** The version the form was opened against; undefined for a resource the form creates. */
  base?: BaseVersion;
  readOnlyReason?: string;
  /** Where this resource's `invalid_parameters` land on the form. */
  toField: (path: string, message: string) => string;
}

/**
 * When a conflict was found: `before` by the check right before the PUT (nothing was written),
 * `refused` when the control plane answered the PUT with 409 (it saw another write between its
 * own read and update), `after` when the re-read after our PUT found content that is not ours.
 */
export type ConflictWhen = 'before' | 'refused' | 'after';

export interface Conflict {
  item: WriteItem;
  /** What is stored now; undefined when it was deleted since the form was opened. */
  current: Resource | undefined;
  when: ConflictWhen;
}

async function readCurrent(client: KumaClient, path: string): Promise<Resource | undefined> {
  try {
    return (await client.get(path, anyJsonSchema)) as Resource;
  } catch (error) {
    if (error instanceof KumaApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** Re-reads every resource about to be written and reports those that changed meanwhile. */
export async function findConflicts(
  client: KumaClient,
  items: readonly WriteItem[],
): Promise<Conflict[]> {
  const checked = await Promise.all(
    items.map(async (item) => ({ item, current: await readCurrent(client, item.path) })),
  );
  return checked
    .filter(({ item, current }) => changedSinceBase(item.base, current))
    .map(({ item, current }) => ({ item, current, when: 'before' as const }));
}

export interface WriteOutcome {
  written: { item: WriteItem; created: boolean }[];
  warnings: string[];
  failure?: {
    item: WriteItem;
    message: string;
    issues: WriteIssue[];
    readOnly: boolean;
    /** HTTP status of the refusal (0 when the control plane was not reached). */
    status: number;
  };
}

/** PUTs the items in order and stops at the first failure (later items depend on earlier ones). */
export async function writeItems(
  client: KumaClient,
  items: readonly WriteItem[],
): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { written: [], warnings: [] };
  for (const item of items) {
    try {
      const result = await client.put(item.path, item.resource);
      outcome.written.push({ item, created: result.created });
      outcome.warnings.push(...result.warnings.map((warning) => `${item.label}: ${warning}`));
    } catch (error) {
      const api = error instanceof KumaApiError ? error : undefined;
      outcome.failure = {
        item,
        message: error instanceof Error ? error.message : String(error),
        issues: (api?.invalidParameters ?? []).map((parameter) => ({
          field: item.toField(parameter.field, parameter.reason),
          message: parameter.reason,
          severity: 'error' as const,
          kumaPath: parameter.field,
        })),
        readOnly: api?.isReadOnly ?? false,
        status: api?.status ?? 0,
      };
      break;
    }
  }
  return outcome;
}

/** The Web Locks API where the page has it (secure contexts: https, or http on loopback). */
interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

function browserLocks(): LockManagerLike | undefined {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return typeof locks?.request === 'function' ? locks : undefined;
}

/**
 * Runs `task` while holding the browser-wide lock `name`: two tabs of this browser saving to
 * the same control plane take turns, so the second one's check sees the first one's write.
 * Without the Web Locks API (a plain-http page on another host) the task runs at once.
 */
export function withWriteLock<T>(
  name: string,
  task: () => Promise<T>,
  locks: LockManagerLike | undefined = browserLocks(),
): Promise<T> {
  return locks ? locks.request(name, task) : task();
}

/** How long to wait after our PUT before the re-read, from how long the check and PUT took. */
export function settleWindowMs(elapsedMs: number): number {
  // Another writer that read the old version before our PUT landed sends its PUT about one
  // round trip later; waiting for twice our own check + PUT (at least 250 ms, the round trip of
  // a distant kumactl) lets its write land before our re-read, which then reports it.
  return Math.min(2000, Math.max(250, Math.round(2 * elapsedMs)));
}

export interface SaveOptions {
  /** Identifies the control plane: the lock is per control plane. */
  identity: string;
  caps: Pick<Capabilities, 'version' | 'environment'>;
  /** Overridable for tests. */
  locks?: LockManagerLike | undefined;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Called when the check passed and the PUTs start. */
  onWriting?: () => void;
}

export interface SaveResult {
  /** Conflicts found before, at or after the write; empty when everything we wrote stayed. */
  conflicts: Conflict[];
  /** The PUTs (and a failure other than a conflict). */
  outcome?: WriteOutcome;
  /** What is stored now for every item written and kept, by path: the next save's base. */
  kept: Record<string, BaseVersion>;
  /** Why the re-read after the writes failed (the writes were acknowledged). */
  unverified?: string;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A whole save: (in turn with this browser's other tabs) the check, the PUTs, then after the
 * settle window a re-read of every resource written. A conflict at any stage comes back with
 * what is stored now, for the form's diff.
 */
export function saveItems(
  client: KumaClient,
  items: readonly WriteItem[],
  options: SaveOptions,
): Promise<SaveResult> {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  return withWriteLock(
    `kuma-dashboard:write:${options.identity}`,
    async () => {
      const started = now();
      const before = await findConflicts(client, items);
      if (before.length > 0) return { conflicts: before, kept: {} };
      options.onWriting?.();
      const outcome = await writeItems(client, items);
      const conflicts: Conflict[] = [];
      if (outcome.failure?.status === 409) {
        // kuma-cp's own compare-and-swap (between its read and its update) lost to another write.
        const { item } = outcome.failure;
        const current = await readCurrent(client, item.path).catch(() => undefined);
        conflicts.push({ item, current, when: 'refused' });
      }
      const kept: Record<string, BaseVersion> = {};
      if (outcome.written.length === 0) return { conflicts, outcome, kept };
      await sleep(settleWindowMs(now() - started));
      try {
        const reread = await Promise.all(
          outcome.written.map(async ({ item }) => ({
            item,
            current: await readCurrent(client, item.path),
          })),
        );
        for (const { item, current } of reread) {
          const verdict = judgeAfterWrite(storedFormOf(options.caps, item.resource), current);
          if (verdict === 'kept' && current) kept[item.path] = versionOf(current);
          else conflicts.push({ item, current, when: 'after' });
        }
      } catch (error) {
        // The PUTs were answered 200/201: the save is reported, with what could not be checked.
        const message = error instanceof Error ? error.message : String(error);
        return { conflicts, outcome, kept, unverified: message };
      }
      return { conflicts, outcome, kept };
    },
    options.locks,
  );
}

export async function deleteResources(
  client: KumaClient,
  paths: readonly string[],
): Promise<{ deleted: string[]; failure?: { path: string; message: string } }> {
  const deleted: string[] = [];
  for (const path of paths) {
    try {
      await client.delete(path);
      deleted.push(path);
    } catch (error) {
      // Already gone is what we wanted.
      if (error instanceof KumaApiError && error.status === 404) continue;
      return {
        deleted,
        failure: { path, message: error instanceof Error ? error.message : String(error) },
      };
    }
  }
  return { deleted };
}
