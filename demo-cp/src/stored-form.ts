/**
 * What kuma-cp adds to a resource when it stores it, whether it came through the API or from a
 * scenario: the labels it computes (`kuma.io/origin`, `kuma.io/zone`, …), the zone tag its
 * dataplane manager puts on every inbound and gateway, and the not-ready state of inbounds
 * with a service probe (their first health check has not run yet).
 */

import { displayNameOf } from '../../src/kuma/display-name';
import type { KumaResourceType } from '../../src/kuma/resource-types';
import { isAtLeast } from '../../src/kuma/version';
import type { Personality } from './personality';
import type { StoredResource } from './store';

/** The zone a control plane stamps on what it stores; none on a global control plane. */
export function zoneNameOf(personality: Personality): string {
  return personality.mode === 'global' ? '' : personality.zoneName;
}

/** kuma-cp's `labels.Compute` (2.10+), or 2.6's `kuma.io/origin: zone` on zone control planes. */
export function computedLabels(
  personality: Personality,
  type: KumaResourceType,
  resource: StoredResource,
  existing?: StoredResource,
): Record<string, string> | undefined {
  const labels: Record<string, string> = { ...(resource.labels ?? {}) };
  const zoneMode = personality.mode !== 'global';
  if (!isAtLeast(personality.version, 2, 10)) {
    // 2.6 stamps the origin when it creates a resource, and keeps what an update sends.
    if (zoneMode && !existing) labels['kuma.io/origin'] = 'zone';
    return Object.keys(labels).length > 0 ? labels : undefined;
  }
  const setIfAbsent = (key: string, value: string) => {
    if (!(key in labels)) labels[key] = value;
  };
  if (type.scope === 'Mesh') setIfAbsent('kuma.io/mesh', resource.mesh || 'default');
  if (zoneMode && type.providedByZone) {
    setIfAbsent('kuma.io/origin', 'zone');
    if (labels['kuma.io/origin'] !== 'global') {
      setIfAbsent('kuma.io/zone', personality.zoneName);
      setIfAbsent('kuma.io/env', personality.environment);
    }
  }
  if (type.name === 'Dataplane') {
    // Only a built-in gateway is a "gateway" proxy; a delegated one runs a sidecar kuma-dp.
    const gateway = (resource as { networking?: { gateway?: { type?: string } } }).networking
      ?.gateway;
    labels['kuma.io/proxy-type'] = gateway?.type === 'BUILTIN' ? 'gateway' : 'sidecar';
  }
  return Object.keys(labels).length > 0 ? labels : undefined;
}

interface DataplaneShape {
  networking?: {
    gateway?: { tags?: Record<string, string> };
    inbound?: {
      tags?: Record<string, string>;
      serviceProbe?: unknown;
      state?: string;
      health?: { ready?: boolean };
    }[];
  };
}

/**
 * The dataplane manager's changes: `kuma.io/zone` on every inbound (2.14 skips inbounds without
 * tags in Exclusive meshes) and on the gateway; on create, inbounds with a service probe start
 * NotReady.
 */
export function withDataplaneManagerChanges(
  personality: Personality,
  resource: StoredResource,
  options: { created: boolean; exclusiveMesh: boolean },
): StoredResource {
  const zone = zoneNameOf(personality);
  // Copies only what changes below (the inbounds and the gateway); the rest (outbounds, probes)
  // stays shared with `resource`, as stored objects are never mutated. A deep copy of every
  // dataplane was a second copy of the large scenario's outbounds.
  const copy = { ...resource } as StoredResource & DataplaneShape;
  if (!copy.networking) return copy;
  const networking = { ...copy.networking };
  copy.networking = networking;
  if (networking.inbound)
    networking.inbound = networking.inbound.map((inbound) => ({ ...inbound }));
  if (networking.gateway) networking.gateway = { ...networking.gateway };
  for (const inbound of networking.inbound ?? []) {
    const skip =
      isAtLeast(personality.version, 2, 14) &&
      options.exclusiveMesh &&
      Object.keys(inbound.tags ?? {}).length === 0;
    if (zone && !skip) inbound.tags = { ...(inbound.tags ?? {}), 'kuma.io/zone': zone };
    if (options.created && inbound.serviceProbe) {
      inbound.state = 'NotReady';
      inbound.health = {};
    }
  }
  if (zone && networking.gateway) {
    networking.gateway.tags = { ...(networking.gateway.tags ?? {}), 'kuma.io/zone': zone };
  }
  return sortTags(copy);
}

/** Maps come back from kuma-cp with sorted keys. */
function sortTags<T extends DataplaneShape>(resource: T): T {
  const sorted = (tags: Record<string, string> | undefined) =>
    tags &&
    Object.fromEntries(
      Object.keys(tags)
        .sort()
        .map((key) => [key, tags[key]!] as const),
    );
  for (const inbound of resource.networking?.inbound ?? []) inbound.tags = sorted(inbound.tags);
  if (resource.networking?.gateway) {
    resource.networking.gateway.tags = sorted(resource.networking.gateway.tags);
  }
  return resource;
}

/**
 * `kri_<type>_<mesh>_<zone>_<namespace>_<name>_<section>` (2.14+), for types that have a code.
 * The name is the display name: a resource KDS renamed keeps the identity it was given.
 */
export function kriOf(
  type: KumaResourceType,
  resource: Pick<StoredResource, 'mesh' | 'name' | 'labels'>,
): string | undefined {
  if (!type.shortName) return undefined;
  const zone = resource.labels?.['kuma.io/zone'] ?? '';
  const namespace = resource.labels?.['k8s.kuma.io/namespace'] ?? '';
  const name = displayNameOf(resource);
  return `kri_${type.shortName}_${resource.mesh ?? ''}_${zone}_${namespace}_${name}_`;
}
