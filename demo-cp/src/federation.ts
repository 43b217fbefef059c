/**
 * Multi-zone for the demo: what a global control plane holds of its zones, and what a federated
 * zone holds of its global, reached the way kuma-cp reaches it (the zone stores a write, KDS
 * maps it, the other side stores what arrives). Two demo worlds can be federated the same way
 * a real global and zone are, which is how the differential suite compares them.
 */
import { parseKumaVersion } from '../../src/kuma/version';
import {
  globalToZone,
  sentToGlobal,
  sentToZones,
  typesSentToGlobal,
  typesSentToZones,
  ZONE_LABEL,
  zoneToGlobal,
} from './kds';
import type { Personality } from './personality';
import { resourceType, resourceTypes } from './personality';
import { configBody } from './routes/system';
import type { StoredResource } from './store';
import { computedLabels, withDataplaneManagerChanges } from './stored-form';
import type { World, ZoneLink, ZoneState } from './world';

/** The zone's own personality, seen from the global control plane it reports to. */
function zonePersonality(global: Personality, zone: string): Personality {
  return { ...global, mode: 'zone', zoneName: zone };
}

/** A write as a zone control plane of `personality` stores it: its labels, its dataplane manager. */
function storedOnZone(
  world: World,
  personality: Personality,
  typeName: string,
  resource: StoredResource,
): StoredResource {
  const type = resourceType(personality, typeName);
  const labels = computedLabels(personality, type, resource);
  let stored: StoredResource = { ...resource, ...(labels ? { labels } : {}) };
  if (typeName === 'Dataplane') {
    const mesh = world.store.get('Mesh', undefined, resource.mesh ?? '') as
      | { meshServices?: { mode?: string } }
      | undefined;
    stored = withDataplaneManagerChanges(personality, stored, {
      created: true,
      exclusiveMesh: mesh?.meshServices?.mode === 'Exclusive',
    });
  }
  return stored;
}

/**
 * On a global control plane: stores `resource` as if written on zone `zone` and synced from
 * there (hashed name, display name, origin and zone labels). Writing it again under its stored
 * name gives the same result. Returns the name it is stored under.
 */
export function storeFromZone(
  world: World,
  zone: string,
  typeName: string,
  resource: StoredResource,
): string {
  const onZone = storedOnZone(world, zonePersonality(world.personality, zone), typeName, resource);
  const synced = zoneToGlobal(onZone, zone);
  world.receive(typeName, synced);
  return synced.name;
}

function link(
  global: World,
  zone: { name: string; version: string; config: object; instanceId: string },
  types: readonly string[],
): ZoneLink {
  const now = global.timestamp();
  return {
    connected: true,
    connectTime: now,
    subscriptionId: `${zone.instanceId}-${global.instanceId}`,
    globalInstanceId: global.instanceId,
    zoneInstanceId: zone.instanceId,
    zoneVersion: zone.version,
    zoneConfig: zone.config,
    // Each stream starts with one response per type: the initial (possibly empty) snapshot.
    sent: Object.fromEntries(types.map((type) => [type, 1])),
    lastUpdateTime: now,
  };
}

function byName(a: ZoneState, b: ZoneState): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * On a global control plane: zone `name`'s control plane connects. Its first connection creates
 * the Zone, enabled; a Zone created through the API before keeps what was written.
 */
export function connectZone(
  global: World,
  zone: { name: string; version?: string; config?: object; instanceId?: string },
): ZoneState {
  const version = zone.version ?? global.version.raw;
  const config =
    zone.config ??
    configBody({
      personality: zonePersonality(global.personality, zone.name),
      version: parseKumaVersion(version),
    });
  const instanceId = zone.instanceId ?? `${zone.name}-cp`;
  let state = global.zones.find((candidate) => candidate.name === zone.name);
  if (!state) {
    const now = global.timestamp();
    state = { name: zone.name, creationTime: now, modificationTime: now, enabled: true };
    global.zones.push(state);
    global.zones.sort(byName);
  }
  if (!state.link?.connected) {
    state.link = link(
      global,
      { name: zone.name, version, config, instanceId },
      typesSentToZones(global.version),
    );
  }
  return state;
}

/**
 * On a federated zone: its own Zone, as its control plane creates it at start-up (no `enabled`),
 * with the stream it keeps to the global control plane.
 */
export function ownZone(zone: World, globalInstanceId?: string): ZoneState {
  let state = zone.zones.find((candidate) => candidate.name === zone.personality.zoneName);
  if (!state) {
    const now = zone.timestamp();
    state = { name: zone.personality.zoneName, creationTime: now, modificationTime: now };
    zone.zones.push(state);
    zone.zones.sort(byName);
  }
  state.link ??= {
    ...link(
      zone,
      {
        name: state.name,
        version: zone.version.raw,
        config: configBody(zone),
        instanceId: zone.instanceId,
      },
      typesSentToGlobal(zone.version),
    ),
    // Until a global is named, the demo zone reports to a notional one.
    globalInstanceId: 'global-cp',
  };
  if (globalInstanceId) state.link.globalInstanceId = globalInstanceId;
  return state;
}

/** Everything `from` sends over KDS, already mapped for the receiving side, by type. */
function outgoing(
  from: World,
  select: (typeName: string, resource: StoredResource) => StoredResource | undefined,
): Map<string, StoredResource[]> {
  const byType = new Map<string, StoredResource[]>();
  for (const typeName of from.store.types()) {
    const mapped = from.store.list(typeName).flatMap((resource) => {
      const out = select(typeName, resource);
      return out ? [out] : [];
    });
    if (mapped.length > 0) byType.set(typeName, mapped);
  }
  return byType;
}

/**
 * Makes `to` hold exactly what arrived for the types the stream carries: new and changed
 * resources stored, those gone at the source deleted. Counts a response per changed type.
 */
function reconcile(
  to: World,
  arrived: Map<string, StoredResource[]>,
  carried: readonly string[],
  isFromSource: (resource: StoredResource) => boolean,
  sent: Record<string, number> | undefined,
): void {
  for (const typeName of carried) {
    const type = resourceTypes(to.personality).find((candidate) => candidate.name === typeName);
    if (!type) continue;
    const incoming = arrived.get(typeName) ?? [];
    const keep = new Set(incoming.map((resource) => `${resource.mesh ?? ''}/${resource.name}`));
    let changed = false;
    for (const resource of incoming) changed = to.receive(typeName, resource) || changed;
    for (const existing of [...to.store.list(typeName)]) {
      if (!isFromSource(existing) || keep.has(`${existing.mesh ?? ''}/${existing.name}`)) continue;
      if (to.store.get(typeName, existing.mesh, existing.name)) {
        to.remove(type, existing.mesh, existing.name);
        changed = true;
      }
    }
    if (changed && sent && typeName in sent) sent[typeName] = (sent[typeName] ?? 0) + 1;
  }
}

/** What the global control plane streams to a zone: its meshes and everything federated. */
export function syncGlobalToZone(global: World, zone: World): void {
  const onGlobal = global.zones.find((state) => state.name === zone.personality.zoneName);
  const toZone = outgoing(global, (typeName, resource) => {
    const type = resourceType(global.personality, typeName);
    return sentToZones(type, resource) ? globalToZone(global.version, type, resource) : undefined;
  });
  reconcile(
    zone,
    toZone,
    // Meshes first: the rest of a mesh's resources need it.
    ['Mesh', ...typesSentToZones(global.version).filter((name) => name !== 'Mesh')],
    (resource) => resource.labels?.['kuma.io/origin'] === 'global',
    onGlobal?.link?.sent,
  );
  if (onGlobal?.link) onGlobal.link.lastUpdateTime = global.timestamp();
}

/** What a zone streams to the global control plane: what originated in the zone. */
export function syncZoneToGlobal(zone: World, global: World): void {
  const zoneName = zone.personality.zoneName;
  const onZone = zone.zones.find((state) => state.name === zoneName);
  const toGlobal = outgoing(zone, (typeName, resource) => {
    const type = resourceType(zone.personality, typeName);
    return sentToGlobal(type, resource) ? zoneToGlobal(resource, zoneName) : undefined;
  });
  reconcile(
    global,
    toGlobal,
    typesSentToGlobal(zone.version),
    (resource) =>
      resource.labels?.['kuma.io/origin'] === 'zone' && resource.labels[ZONE_LABEL] === zoneName,
    onZone?.link?.sent,
  );
  if (onZone?.link) onZone.link.lastUpdateTime = zone.timestamp();
}

/**
 * One round of KDS between a global demo and a zone demo: the zone connects, receives what the
 * global sends zones, and the global receives what the zone sends. The order is kuma-cp's: a
 * zone learns of a mesh before a dataplane of it can exist.
 */
export function federate(global: World, zone: World): void {
  connectZone(global, {
    name: zone.personality.zoneName,
    version: zone.version.raw,
    config: configBody(zone),
    instanceId: zone.instanceId,
  });
  ownZone(zone, global.instanceId);
  syncGlobalToZone(global, zone);
  syncZoneToGlobal(zone, global);
}
