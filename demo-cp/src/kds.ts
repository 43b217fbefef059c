/**
 * What kuma-cp's KDS does to a resource on its way between a zone and the global control plane,
 * so a demo in `--mode global` or `--mode zone` stores what a real one would: zone-originated
 * resources reach the global under a hashed name with `kuma.io/display-name`, `kuma.io/origin:
 * zone` and `kuma.io/zone`; global-originated ones reach a zone with `kuma.io/origin: global`,
 * and, apart from Meshes and Secrets, under a hashed name too. Measured on kuma-cp 2.6.15 and
 * 2.14.3 (`pkg/kds/context` and `pkg/kds/hash` at both releases).
 */
import { DISPLAY_NAME_LABEL, displayNameOf } from '../../src/kuma/display-name';
import type { KumaResourceType } from '../../src/kuma/resource-types';
import { resourceTypesFor } from '../../src/kuma/resource-types';
import { isAtLeast, type KumaVersion } from '../../src/kuma/version';
import type { StoredResource } from './store';

export { DISPLAY_NAME_LABEL };
export const ORIGIN_LABEL = 'kuma.io/origin';
export const ZONE_LABEL = 'kuma.io/zone';
const NAMESPACE_LABEL = 'k8s.kuma.io/namespace';
const DELETION_GRACE_LABEL = 'kuma.io/deletion-grace-period-started-at';

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** Go's `hash/fnv` 64-bit FNV-1a over the UTF-8 bytes of the strings, one after the other. */
function fnv64a(parts: readonly string[]): bigint {
  let hash = FNV_OFFSET;
  for (const part of parts) {
    for (const byte of Buffer.from(part, 'utf8')) {
      hash ^= BigInt(byte);
      hash = (hash * FNV_PRIME) & MASK_64;
    }
  }
  return hash;
}

/** k8s' `rand.SafeEncodeString`: each character to one of 27 that never spell a word. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function safeEncode(text: string): string {
  return [...text].map((char) => SAFE_ALPHABET[char.codePointAt(0)! % 27]).join('');
}

/** A k8s name may hold 253 bytes: the name is cut (by bytes, as Go slices strings) to leave room. */
const NAME_LIMIT = 253 - 17;

/**
 * Kuma's `hash.HashedName`: `<name>-<16 safe characters>` from the mesh, the name and the extra
 * values, so two zones' `backend-1` stay apart on the global control plane.
 */
export function hashedName(mesh: string, name: string, extras: readonly string[] = []): string {
  const hex = fnv64a([mesh, name, ...extras])
    .toString(16)
    .padStart(16, '0');
  const bytes = Buffer.from(name, 'utf8');
  const short = bytes.length > NAME_LIMIT ? bytes.subarray(0, NAME_LIMIT).toString('utf8') : name;
  return `${short}-${safeEncode(hex)}`;
}

/** KDS' `WithName`: a renamed resource keeps the name it had as its display name. */
function renamed(resource: StoredResource, name: string): StoredResource {
  if (name === resource.name) return resource;
  const labels = { ...(resource.labels ?? {}) };
  if (!labels[DISPLAY_NAME_LABEL]) labels[DISPLAY_NAME_LABEL] = resource.name;
  return { ...resource, name, labels: sortedLabels(labels) };
}

function sortedLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(labels)
      .sort()
      .map((key) => [key, labels[key]!]),
  );
}

function extrasOf(resource: StoredResource): string[] {
  return [ZONE_LABEL, NAMESPACE_LABEL].flatMap((key) => {
    const value = resource.labels?.[key];
    return value === undefined ? [] : [value];
  });
}

/** Only what travels: KDS carries meta (name, mesh, labels) and spec; the receiver sets times. */
function transportable(resource: StoredResource): StoredResource {
  const { creationTime: _c, modificationTime: _m, kri: _k, ...rest } = resource;
  return rest as StoredResource;
}

/**
 * The zone's mappers (`ZoneResourceMapper`): origin `zone`, the zone's name, and always a hashed
 * name from the display name, the mesh and the zone (and namespace) labels.
 */
export function zoneToGlobal(resource: StoredResource, zone: string): StoredResource {
  const labels: Record<string, string> = { ...(resource.labels ?? {}) };
  labels[ORIGIN_LABEL] = 'zone';
  labels[ZONE_LABEL] = zone;
  delete labels[DELETION_GRACE_LABEL];
  const labelled = { ...transportable(resource), labels: sortedLabels(labels) };
  const name = hashedName(resource.mesh ?? '', displayNameOf(labelled), extrasOf(labelled));
  return renamed(labelled, name);
}

/** Types whose names KDS keeps from global to zone (`SkipKDSHash` in 2.14). */
const KEEP_NAME_2_14 = new Set(['Mesh', 'Config', 'Secret']);

/**
 * The global's mappers (`GlobalResourceMapper`): origin `global`, status dropped, and a hashed
 * name except for Meshes and Secrets. 2.6 hashes mesh-scoped resources only and without the
 * zone / namespace values; 2.14 hashes every type but a few.
 */
export function globalToZone(
  version: KumaVersion,
  type: KumaResourceType,
  resource: StoredResource,
): StoredResource {
  const labels = sortedLabels({ ...(resource.labels ?? {}), [ORIGIN_LABEL]: 'global' });
  const { status: _status, ...rest } = transportable(resource);
  const labelled = { ...rest, labels } as StoredResource;
  const hashes = isAtLeast(version, 2, 7)
    ? !KEEP_NAME_2_14.has(type.name)
    : type.scope === 'Mesh' && type.name !== 'Secret';
  if (!hashes) return labelled;
  const extras = isAtLeast(version, 2, 7) ? extrasOf(labelled) : [];
  return renamed(labelled, hashedName(resource.mesh ?? '', displayNameOf(labelled), extras));
}

/** Whether the global control plane sends this resource to zones (`GlobalProvidedFilter`). */
export function sentToZones(type: KumaResourceType, resource: StoredResource): boolean {
  const origin = resource.labels?.[ORIGIN_LABEL];
  return Boolean(type.includeInFederation) && (origin === undefined || origin === 'global');
}

/** Whether a zone sends this resource to the global control plane (it originated there). */
export function sentToGlobal(type: KumaResourceType, resource: StoredResource): boolean {
  if (!type.providedByZone || ZONE_ONLY.has(type.name)) return false;
  return resource.labels?.[ORIGIN_LABEL] !== 'global';
}

/** Written on a zone but never synced: each control plane keeps its own. */
const ZONE_ONLY = new Set(['Zone', 'Secret', 'GlobalSecret']);

/** Synced between zones through the global control plane, so the global sends them too. */
const ACROSS_ZONES = ['ZoneIngress', 'MeshService', 'MeshZoneAddress'];

/**
 * The types a global control plane streams to a zone, as the zone's KDS subscription counts
 * them (`stat`): the federated types, the synced `Config` entries, ServiceInsights and what
 * zones share with each other.
 */
export function typesSentToZones(version: KumaVersion): string[] {
  const types = resourceTypesFor(version);
  const names = new Set(types.filter((type) => type.includeInFederation).map((type) => type.name));
  names.add('Config');
  names.add('ServiceInsight');
  for (const name of ACROSS_ZONES) {
    if (types.some((type) => type.name === name)) names.add(name);
  }
  return [...names].sort();
}

/** The types a zone streams to the global: what it may create, and the proxies' insights. */
export function typesSentToGlobal(version: KumaVersion): string[] {
  const types = resourceTypesFor(version);
  const names = new Set(
    types
      .filter((type) => type.providedByZone && !ZONE_ONLY.has(type.name))
      .map((type) => type.name),
  );
  for (const proxy of ['Dataplane', 'ZoneIngress', 'ZoneEgress']) {
    if (names.has(proxy)) names.add(`${proxy}Insight`);
  }
  return [...names].sort();
}
