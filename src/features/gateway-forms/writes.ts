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
import type { QueryClient } from '@tanstack/react-query';
import type { Capabilities } from '../../kuma/capabilities';
import { KumaApiError, type KumaClient, pathOf } from '../../kuma/client';
import { type KumaApi, rootKey } from '../../kuma/queries/api';
import { dataplaneKeys } from '../../kuma/queries/dataplanes';
import { gatewayKeys, routeKeys } from '../../kuma/queries/gateways';
import { meshKeys } from '../../kuma/queries/meshes';
import { anyJsonSchema } from '../../kuma/responses';
import type { ResourceMeta } from '../../kuma/types';
import { admitResource, isAdmittedKind } from '../../kuma/validation';
import { type BaseVersion, hashText } from './drafts';
import type { FormIssue } from './field-paths';
import { canonicalJson, normalizeStored } from './resource-text';

/** Any stored resource: its meta fields, plus whatever its type carries. */
export type Resource = ResourceMeta;

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

/** The check before a write: is what is stored now still what the form was opened on? */
export function changedSinceBase(base: BaseVersion | undefined, current: Resource | undefined) {
  return base ? current === undefined || !sameVersion(base, current) : current !== undefined;
}

/**
 * The resource as kuma-cp will serve it back after storing `resource`: read the way kuma-cp
 * reads a body (Go's JSON decoding, protojson for the legacy kinds: empty maps and zero values
 * dropped, keys in its order). Kinds the shared validation does not know are taken as sent.
 */
export function storedFormOf(
  caps: Pick<Capabilities, 'version' | 'environment'>,
  resource: Resource,
): Resource {
  if (!isAdmittedKind(resource.type)) return resource;
  const admission = admitResource(resource.type, resource, {
    version: caps.version,
    environment: caps.environment,
  });
  return admission.verdict === 'accepted' ? (admission.resource as unknown as Resource) : resource;
}

interface DataplaneTags {
  networking?: {
    gateway?: { tags?: Record<string, string> };
    inbound?: { tags?: Record<string, string>; state?: unknown; health?: unknown }[];
  };
}

/**
 * Labels kuma-cp computes when it stores a resource (`AllComputedLabels` of
 * pkg/core/resources/labels/compute.go, v2.14.3); 2.6 adds `kuma.io/origin` on zones.
 */
const COMPUTED_LABELS = new Set([
  'kuma.io/mesh',
  'kuma.io/origin',
  'kuma.io/zone',
  'kuma.io/env',
  'k8s.kuma.io/namespace',
  'kuma.io/policy-role',
  'kuma.io/proxy-type',
  'kuma.io/listener-zoneingress',
  'kuma.io/listener-zoneegress',
  'k8s.kuma.io/service-account',
]);

/** `stored`'s labels without the computed ones the form did not send itself. */
export function withoutComputedLabels(stored: Resource, ours: Resource): Resource {
  if (!stored.labels) return stored;
  const sent = ours.labels ?? {};
  const labels = Object.fromEntries(
    Object.entries(stored.labels).filter(([key]) => key in sent || !COMPUTED_LABELS.has(key)),
  );
  const { labels: _labels, ...rest } = stored;
  return Object.keys(labels).length > 0 ? { ...rest, labels } : rest;
}

/**
 * `stored` without what kuma-cp's dataplane manager adds to a Dataplane it stores and the form
 * did not send (`setInboundsClusterTag`, `setGatewayClusterTag` and `setHealth` of
 * pkg/core/managers/apis/dataplane/dataplane_manager.go, v2.14.3): the `kuma.io/zone` tag on
 * inbounds and the gateway - in a `tags` map it creates when the body had none, so a gateway sent
 * as `{}` is served as `{tags: {kuma.io/zone: …}}` - and an inbound's `state` / `health` (NotReady
 * until its first probe). Anything else is compared as it is.
 */
function withoutManagerAdditions(stored: Resource, ours: Resource): Resource {
  if (stored.type !== 'Dataplane') return stored;
  const copy = structuredClone(stored) as Resource & DataplaneTags;
  const sent = (ours as Resource & DataplaneTags).networking;
  const dropZone = (
    holder: { tags?: Record<string, string> } | undefined,
    sentHolder: { tags?: Record<string, string> } | undefined,
  ) => {
    const tags = holder?.tags;
    if (!holder || !tags || (sentHolder?.tags && 'kuma.io/zone' in sentHolder.tags)) return;
    delete tags['kuma.io/zone'];
    // The map kuma-cp made only to hold the zone tag was not in our body.
    if (Object.keys(tags).length === 0 && sentHolder?.tags === undefined) delete holder.tags;
  };
  dropZone(copy.networking?.gateway, sent?.gateway);
  copy.networking?.inbound?.forEach((inbound, i) => {
    const sentInbound = sent?.inbound?.[i];
    dropZone(inbound, sentInbound);
    if (!sentInbound || !('state' in sentInbound)) delete inbound.state;
    if (!sentInbound || !('health' in sentInbound)) delete inbound.health;
  });
  return copy;
}

/**
 * Whether `stored` (read back right after our PUT) holds what we wrote: `ours` is the stored
 * form of our body (`storedFormOf`). Server fields, computed labels and the dataplane manager's
 * additions are left out on both sides.
 */
export function holdsOurs(stored: Resource, ours: Resource): boolean {
  return (
    canonicalJson(
      normalizeStored(withoutComputedLabels(withoutManagerAdditions(stored, ours), ours)),
    ) === canonicalJson(normalizeStored(ours))
  );
}

/** What the re-read right after our PUT says: ours stayed, or someone else's write followed. */
export type AfterWrite = 'kept' | 'replaced' | 'deleted';

export function judgeAfterWrite(ours: Resource, reread: Resource | undefined): AfterWrite {
  if (reread === undefined) return 'deleted';
  return holdsOurs(reread, ours) ? 'kept' : 'replaced';
}

export interface WriteOutcome {
  written: { item: WriteItem; created: boolean }[];
  warnings: string[];
  failure?: {
    item: WriteItem;
    message: string;
    issues: FormIssue[];
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
          severity: 'error',
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

/** After a write: the gateway lists, details, routes, dataplanes, meshes and topology refetch. */
export async function refreshAfterWrite(queryClient: QueryClient, api: KumaApi): Promise<void> {
  const prefixes = [
    gatewayKeys.all(api),
    routeKeys.all(api),
    dataplaneKeys.all(api),
    meshKeys.all(api),
    [...rootKey(api), 'topology'],
    [...rootKey(api), 'services'],
    [...rootKey(api), 'gateway-forms'],
  ];
  await Promise.all(prefixes.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/** The dialog's title for a set of conflicts. */
export function conflictTitle(conflicts: readonly Conflict[]): string {
  return conflicts.some((conflict) => conflict.when !== 'before')
    ? 'Changed by someone else at the same moment'
    : 'Changed since you opened this form';
}

/** What happened to one resource, and what saving again would do. */
export function conflictText({ item, current, when }: Conflict): string {
  const { label } = item;
  if (when === 'after') {
    return current === undefined
      ? `${label} was deleted right after your save, by someone else at the same moment. Saving again creates it.`
      : `${label} was changed again right after your save, by someone saving at the same moment: what is stored now is not your version. Saving again replaces it with yours:`;
  }
  if (when === 'refused') {
    return current === undefined
      ? `${label} was changed by someone else while your save was being written, and the control plane refused it (409 Conflict); it is gone now. Saving again creates it.`
      : `${label} was changed by someone else while your save was being written, and the control plane refused it (409 Conflict): nothing of yours was stored. Saving again replaces their version with yours:`;
  }
  if (current === undefined) {
    return `${label} was deleted on the control plane since you opened this form. Saving creates it again.`;
  }
  return item.base
    ? `${label} was changed on the control plane since you opened this form. Saving replaces that change with your version:`
    : `${label} already exists on the control plane. Saving replaces it with your version:`;
}
