/**
 * A MeshService as kuma-cp's controllers leave it once they have run: the VIP allocator gives
 * it the lowest free address of 241.0.0.0/8 (services without one take turns in (mesh, name)
 * order), the hostname generator `local-universal-mesh-service` names it, and the status
 * updater counts its dataplanes, sets `state` and the TLS status, and (2.12+) its identities.
 * They run on intervals, so a MeshService written through the API shows what was sent until the
 * next tick: a new one with an empty status, an updated one with the status it had.
 */

import { displayNameOf } from '../../src/kuma/display-name';
import type { Dataplane, MeshService } from '../../src/kuma/types';
import { isMtlsEnabled } from '../../src/kuma/validation';
import { isAtLeast } from '../../src/kuma/version';
import type { World } from './world';

const VIP_BASE = 241 << 24;

function vipOf(index: number): string {
  const address = (VIP_BASE + index) >>> 0;
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join('.');
}

/** VIPs already handed out, per world: allocations stick until the service is deleted. */
const allocations = new WeakMap<World, Map<string, number>>();

function allocateVips(world: World): Map<string, number> {
  const byKey = allocations.get(world) ?? new Map<string, number>();
  allocations.set(world, byKey);
  const services = world.store.list('MeshService');
  const live = new Set(services.map((service) => `${service.mesh}/${service.name}`));
  for (const key of [...byKey.keys()]) if (!live.has(key)) byKey.delete(key);
  const used = new Set(byKey.values());
  let next = 0;
  for (const service of services) {
    const key = `${service.mesh}/${service.name}`;
    if (byKey.has(key)) continue;
    while (used.has(next)) next += 1;
    byKey.set(key, next);
    used.add(next);
  }
  return byKey;
}

function tagsMatch(selector: Record<string, string>, tags: Record<string, string> | undefined) {
  return Object.entries(selector).every(([key, value]) => tags?.[key] === value);
}

/** `MatchesDataplane`: by name, by tags (any one inbound holds them all) or by labels. */
function selects(service: MeshService, dataplane: Dataplane): boolean {
  const selector = service.spec?.selector ?? {};
  if (selector.dataplaneRef) return selector.dataplaneRef.name === dataplane.name;
  if (selector.dataplaneTags) {
    const tags = selector.dataplaneTags;
    const sets = dataplane.networking.gateway
      ? [dataplane.networking.gateway.tags]
      : (dataplane.networking.inbound ?? []).map((inbound) => inbound.tags);
    return sets.some((set) => tagsMatch(tags, set));
  }
  if (selector.dataplaneLabels) {
    const labels = selector.dataplaneLabels.matchLabels ?? {};
    return tagsMatch(labels, dataplane.labels);
  }
  return false;
}

/** A port is healthy on a dataplane when a Ready inbound serves its target port. */
function servesPort(
  dataplane: Dataplane,
  port: NonNullable<MeshService['spec']['ports']>[number],
): boolean {
  return (dataplane.networking.inbound ?? []).some((inbound) => {
    if (inbound.state && inbound.state !== 'Ready') return false;
    if (inbound.health?.ready === false) return false;
    const target = port.targetPort ?? port.port;
    return typeof target === 'string' ? inbound.name === target : inbound.port === target;
  });
}

type Unsettled = 'created' | 'updated';

/** Per world, the stored MeshServices the controllers have not seen yet; a tick settles them. */
const unsettled = new WeakMap<World, { marks: WeakMap<object, Unsettled> }>();

/** Records a MeshService just stored through the API (`previous`: what it replaced). */
export function markWritten(world: World, stored: object, previous: object | undefined): void {
  let state = unsettled.get(world);
  if (!state) {
    const fresh = { marks: new WeakMap<object, Unsettled>() };
    world.onTick(() => {
      fresh.marks = new WeakMap();
    });
    unsettled.set(world, fresh);
    state = fresh;
  }
  const before = previous && state.marks.get(previous);
  state.marks.set(stored, !previous || before === 'created' ? 'created' : 'updated');
}

export function meshServiceState(world: World, service: MeshService) {
  const mark = unsettled.get(world)?.marks.get(service);
  if (mark === 'created') return { spec: service.spec, status: { tls: {}, dataplaneProxies: {} } };
  const settled = settledState(world, service);
  return mark === 'updated' ? { ...settled, spec: service.spec } : settled;
}

function settledState(world: World, service: MeshService) {
  const vips = allocateVips(world);
  const dataplanes = world
    .dataplanes(service.mesh)
    .map((dataplane) => world.servedDataplane(dataplane))
    .filter((dataplane) => selects(service, dataplane));
  const ports = service.spec?.ports ?? [];
  let connected = 0;
  let healthy = 0;
  for (const dataplane of dataplanes) {
    if (world.statusOf(dataplane) !== 'offline') connected += 1;
    if (ports.every((port) => servesPort(dataplane, port))) healthy += 1;
  }
  const mesh = world.store.get('Mesh', undefined, service.mesh);
  const mtls = isMtlsEnabled(mesh as never);
  const tlsReady =
    mtls &&
    dataplanes.every(
      (dataplane) => world.insight(dataplane.mesh, dataplane.name)?.mTLS?.issuedBackend,
    );
  const identities = [
    ...new Set(
      dataplanes.flatMap((dataplane) =>
        (dataplane.networking.gateway
          ? [dataplane.networking.gateway.tags]
          : (dataplane.networking.inbound ?? []).map((inbound) => inbound.tags)
        ).flatMap((tags) => (tags?.['kuma.io/service'] ? [tags['kuma.io/service']] : [])),
      ),
    ),
  ].sort();
  const generatorRef = { coreName: 'local-universal-mesh-service' };
  const proxies: Record<string, number> = {};
  if (connected > 0) proxies.connected = connected;
  if (healthy > 0) proxies.healthy = healthy;
  if (dataplanes.length > 0) proxies.total = dataplanes.length;
  const spec = {
    ...service.spec,
    state: healthy > 0 ? 'Available' : 'Unavailable',
    ...(isAtLeast(world.version, 2, 12) && identities.length > 0
      ? { identities: identities.map((value) => ({ type: 'ServiceTag', value })) }
      : {}),
  };
  return {
    spec,
    status: {
      addresses: [
        {
          hostname: `${displayNameOf(service)}.svc.mesh.local`,
          origin: 'HostnameGenerator',
          hostnameGeneratorRef: generatorRef,
        },
      ],
      vips: [{ ip: vipOf(vips.get(`${service.mesh}/${service.name}`) ?? 0) }],
      tls: { status: tlsReady ? 'Ready' : 'NotReady' },
      hostnameGenerators: [
        {
          hostnameGeneratorRef: generatorRef,
          conditions: [{ type: 'Generated', status: 'True', reason: 'Generated', message: '' }],
        },
      ],
      dataplaneProxies: proxies,
    },
  };
}
