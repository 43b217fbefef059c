import type { Hono } from 'hono';
import type {
  DataplaneCounts,
  Mesh,
  MeshInsight,
  ServiceInsight,
  ServiceStatus,
  ServiceType,
} from '../../../src/kuma/types';
import { isAtLeast } from '../../../src/kuma/version';
import { KumaHttpError, kumaError, notFound } from '../errors';
import { json, nameContains, paginate, paginateInMemory, parsePage, requestUrl } from '../http';
import { resourceTypes } from '../personality';
import { perRevision } from '../revision-cache';
import type { World } from '../world';

const SERVICE_TYPES: ServiceType[] = [
  'internal',
  'external',
  'gateway_builtin',
  'gateway_delegated',
];

/** A counter set as protojson prints it: zero counters are left out. */
function counters(source: Required<DataplaneCounts>): DataplaneCounts {
  const out: DataplaneCounts = {};
  for (const key of ['total', 'online', 'offline', 'partiallyDegraded'] as const) {
    if (source[key] !== 0) out[key] = source[key];
  }
  return out;
}

function zeroCounts(): Required<DataplaneCounts> {
  return { total: 0, online: 0, offline: 0, partiallyDegraded: 0 };
}

type Status = 'online' | 'offline' | 'partiallyDegraded';

function statusKey(status: string): Status {
  return status === 'online' ? 'online' : status === 'offline' ? 'offline' : 'partiallyDegraded';
}

/** A map of counter sets as protojson prints it: absent when empty. */
function counterMap(
  byKey: Map<string, Required<DataplaneCounts>>,
): Record<string, DataplaneCounts> | undefined {
  if (byKey.size === 0) return undefined;
  return Object.fromEntries([...byKey].map(([key, value]) => [key, counters(value)]));
}

function count(byKey: Map<string, Required<DataplaneCounts>>, key: string) {
  const entry = byKey.get(key) ?? zeroCounts();
  byKey.set(key, entry);
  return entry;
}

function isExclusive(world: World, mesh: string): boolean {
  const resource = world.store.get('Mesh', undefined, mesh) as Mesh | undefined;
  return isAtLeast(world.version, 2, 9) && resource?.meshServices?.mode === 'Exclusive';
}

/**
 * kuma-cp's MeshInsight, as its resyncer computes it and protojson prints it: dataplanes by
 * status and type, kuma-dp and Envoy versions (`unknown` for a proxy that never connected), mTLS
 * backends, services (none counted in an Exclusive mesh), and every mesh-scoped type that has
 * resources (policies also under `policies`, for older clients).
 */
export function meshInsight(world: World, mesh: Mesh): MeshInsight {
  const all = zeroCounts();
  const byType = {
    standard: zeroCounts(),
    gatewayBuiltin: zeroCounts(),
    gatewayDelegated: zeroCounts(),
  };
  const kumaDp = new Map<string, Required<DataplaneCounts>>();
  const envoy = new Map<string, Required<DataplaneCounts>>();
  const issued = new Map<string, Required<DataplaneCounts>>();
  const supported = new Map<string, Required<DataplaneCounts>>();
  const services = new Set<string>();
  const exclusive = isExclusive(world, mesh.name);
  const dataplanes = world.dataplanes(mesh.name);
  // Kept to plain loops and no per-dataplane arrays: this runs over every dataplane of a mesh.
  const countVersion = (
    versions: Map<string, Required<DataplaneCounts>>,
    value: string,
    status: Status,
  ) => {
    const entry = count(versions, value);
    entry[status] += 1;
    // kuma-cp's `updateTotal` adds online and offline only.
    entry.total = entry.online + entry.offline;
  };
  const countBackend = (
    backends: Map<string, Required<DataplaneCounts>>,
    name: string,
    status: Status,
  ) => {
    const entry = count(backends, name);
    entry[status] += 1;
    entry.total += 1;
  };
  for (const dataplane of dataplanes) {
    const proxy = world.proxyOf(dataplane);
    const status = statusKey(world.statusOf(dataplane, proxy));
    const kind = world.kindOf(dataplane);
    const stat =
      kind === 'builtin'
        ? byType.gatewayBuiltin
        : kind === 'delegated'
          ? byType.gatewayDelegated
          : byType.standard;
    stat.total += 1;
    all[status] += 1;
    stat[status] += 1;
    const version = world.lastSubscription(proxy)?.version;
    countVersion(kumaDp, version?.kumaDp?.version || 'unknown', status);
    countVersion(envoy, version?.envoy?.version || 'unknown', status);
    // The insight's mTLS: issued and supported are the mesh's enabled backend.
    const mtlsBackend = world.mtlsBackendOf(dataplane, proxy);
    if (mtlsBackend !== undefined) {
      countBackend(issued, mtlsBackend, status);
      countBackend(supported, mtlsBackend, status);
    }
    if (!exclusive) {
      const gatewayService = dataplane.networking.gateway?.tags?.['kuma.io/service'];
      if (gatewayService) services.add(gatewayService);
      // An inbound's `kuma.io/service` counts unless it is Ignored.
      for (const inbound of dataplane.networking.inbound ?? []) {
        const service = inbound.tags?.['kuma.io/service'];
        if (inbound.state !== 'Ignored' && service) services.add(service);
      }
    }
  }
  all.total = dataplanes.length;
  const gateway = zeroCounts();
  for (const key of ['total', 'online', 'offline', 'partiallyDegraded'] as const) {
    gateway[key] = byType.gatewayBuiltin[key] + byType.gatewayDelegated[key];
  }
  const dataplanesByType: MeshInsight['dataplanesByType'] = {
    standard: counters(byType.standard),
    gateway: counters(gateway),
    gatewayDelegated: counters(byType.gatewayDelegated),
  };
  if (world.version.major < 3) dataplanesByType.gatewayBuiltin = counters(byType.gatewayBuiltin);
  const resources: Record<string, { total: number }> = {};
  const policies: Record<string, { total: number }> = {};
  for (const type of resourceTypes(world.personality)) {
    if (type.scope !== 'Mesh' || type.name.endsWith('Insight')) continue;
    const total = world.store.count(type.name, mesh.name);
    if (total === 0) continue;
    resources[type.name] = { total };
    if (type.policy) policies[type.name] = { total };
  }
  const mTLS: NonNullable<MeshInsight['mTLS']> = {};
  const issuedBackends = counterMap(issued);
  const supportedBackends = counterMap(supported);
  if (issuedBackends) mTLS.issuedBackends = issuedBackends;
  if (supportedBackends) mTLS.supportedBackends = supportedBackends;
  const dpVersions: NonNullable<MeshInsight['dpVersions']> = {};
  const kumaDpVersions = counterMap(kumaDp);
  const envoyVersions = counterMap(envoy);
  if (kumaDpVersions) dpVersions.kumaDp = kumaDpVersions;
  if (envoyVersions) dpVersions.envoy = envoyVersions;
  const insight: MeshInsight = {
    type: 'MeshInsight',
    name: mesh.name,
    creationTime: mesh.creationTime ?? world.timestamp(),
    modificationTime: world.timestamp(),
    dataplanes: counters(all),
    ...(world.version.major < 3 && Object.keys(policies).length > 0 ? { policies } : {}),
    dpVersions,
    mTLS,
    dataplanesByType,
  };
  if (!exclusive) {
    insight.services = counters({
      total: services.size,
      online: 0,
      offline: 0,
      partiallyDegraded: 0,
    });
    if (services.size > 0) insight.services.internal = services.size;
  }
  if (isAtLeast(world.version, 2, 9) && Object.keys(resources).length > 0) {
    insight.resources = resources;
  }
  return insight;
}

interface ServiceEntry {
  type: ServiceType;
  online: number;
  offline: number;
  issued: Map<string, number>;
  zones: Set<string>;
}

/**
 * ServiceInsights as 2.6 – 2.14 compute them (one per `kuma.io/service` value in the mesh) and
 * serve them: a partially degraded proxy counts as offline, `total` is online + offline, and
 * an internal service gets its `<name>.mesh:80` address.
 */
export function serviceInsights(world: World, meshName: string): ServiceInsight[] {
  const mesh = world.store.get('Mesh', undefined, meshName) as Mesh | undefined;
  if (!mesh) return [];
  // 2.14 no longer computes them for meshes in Exclusive MeshService mode; 2.14.2 brought back
  // the delegated gateways (CHANGELOG), which have no MeshService to stand for them.
  const exclusive = isAtLeast(world.version, 2, 14) && mesh.meshServices?.mode === 'Exclusive';
  const { minor, major, patch } = world.version;
  if (exclusive && major === 2 && minor === 14 && patch < 2) return [];
  const byService = new Map<string, ServiceEntry>();
  const add = (
    service: string | undefined,
    type: ServiceType,
    status: string,
    backend: string | undefined,
    zone: string | undefined,
  ) => {
    if (!service) return;
    const entry = byService.get(service) ?? {
      type,
      online: 0,
      offline: 0,
      issued: new Map<string, number>(),
      zones: new Set<string>(),
    };
    if (status === 'online') entry.online += 1;
    else entry.offline += 1;
    if (backend) entry.issued.set(backend, (entry.issued.get(backend) ?? 0) + 1);
    if (zone) entry.zones.add(zone);
    byService.set(service, entry);
  };
  for (const dataplane of world.dataplanes(meshName)) {
    const proxy = world.proxyOf(dataplane);
    const status = world.statusOf(dataplane, proxy);
    const kind = world.kindOf(dataplane);
    const backend = world.mtlsBackendOf(dataplane, proxy);
    const gateway = dataplane.networking.gateway;
    if (gateway) {
      if (exclusive && kind !== 'delegated') continue;
      const type = kind === 'builtin' ? 'gateway_builtin' : 'gateway_delegated';
      add(gateway.tags?.['kuma.io/service'], type, status, backend, gateway.tags?.['kuma.io/zone']);
      continue;
    }
    if (exclusive) continue;
    for (const inbound of dataplane.networking.inbound ?? []) {
      if (inbound.state === 'Ignored') continue;
      add(
        inbound.tags?.['kuma.io/service'],
        'internal',
        status,
        backend,
        inbound.tags?.['kuma.io/zone'],
      );
    }
  }
  const domain = 'mesh';
  return [...byService.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, entry]) => {
      const total = entry.online + entry.offline;
      const status: ServiceStatus =
        entry.online === 0 ? 'offline' : entry.online === total ? 'online' : 'partially_degraded';
      const dataplanes: ServiceInsight['dataplanes'] = {};
      if (entry.online > 0) dataplanes.online = entry.online;
      if (entry.offline > 0) dataplanes.offline = entry.offline;
      if (total > 0) dataplanes.total = total;
      const insight: ServiceInsight & { issuedBackends?: object; zones?: string[] } = {
        type: 'ServiceInsight',
        mesh: meshName,
        name,
        creationTime: mesh.creationTime ?? world.timestamp(),
        modificationTime: world.timestamp(),
        status,
        dataplanes,
      };
      if (entry.issued.size > 0) insight.issuedBackends = Object.fromEntries(entry.issued);
      // `internal` is the enum's zero value: protojson leaves it out.
      if (entry.type !== 'internal') insight.serviceType = entry.type;
      if (entry.type === 'internal') insight.addressPort = `${name}.${domain}:80`;
      // The zones a service runs in came after 2.6.
      if (entry.zones.size > 0 && isAtLeast(world.version, 2, 7)) {
        insight.zones = [...entry.zones].sort();
      }
      return insight;
    });
}

/** `meshInsight`, made once per state of the world (see `perRevision`). */
function cachedMeshInsight(world: World, mesh: Mesh, ahead = false): MeshInsight {
  return perRevision(world, `mesh-insight\u0000${mesh.name}`, () => meshInsight(world, mesh), {
    ahead,
  });
}

function cachedServiceInsights(world: World, mesh: string, ahead = false): ServiceInsight[] {
  return perRevision(world, `service-insights\u0000${mesh}`, () => serviceInsights(world, mesh), {
    ahead,
  });
}

/** Ticks after the last request for them during which insights are made ahead. */
const PREPARE_FOR_TICKS = 5;

/**
 * Insights change every tick (counts, `modificationTime`) and summarize every dataplane: made
 * when first asked after a tick, the first request would wait for all of them. While someone
 * reads them (a dashboard refreshing), each tick makes them in its last slices, a mesh per slice
 * (readers get the tick before's meanwhile); when nobody has asked for a while, ticks skip the
 * work.
 */
function prepareInsights(world: World) {
  let meshInsightsAskedAt = Number.NEGATIVE_INFINITY;
  const serviceInsightsAskedAt = new Map<string, number>();
  world.onTick(function* () {
    const recent = (tick: number) => world.ticks - tick <= PREPARE_FOR_TICKS;
    if (recent(meshInsightsAskedAt)) {
      for (const mesh of world.meshes()) {
        cachedMeshInsight(world, mesh, true);
        yield;
      }
    }
    for (const [mesh, tick] of serviceInsightsAskedAt) {
      if (!recent(tick)) {
        serviceInsightsAskedAt.delete(mesh);
        continue;
      }
      if (world.version.major < 3) cachedServiceInsights(world, mesh, true);
      yield;
    }
  });
  return {
    meshInsightsAsked: () => {
      meshInsightsAskedAt = world.ticks;
    },
    serviceInsightsAsked: (mesh: string) => {
      serviceInsightsAskedAt.set(mesh, world.ticks);
    },
  };
}

export function registerInsightRoutes(app: Hono, world: World): void {
  const prepared = prepareInsights(world);
  app.get('/mesh-insights', (c) => {
    prepared.meshInsightsAsked();
    const url = requestUrl(c);
    const page = parsePage(world, url, 'Could not retrieve mesh insights');
    const meshes = nameContains(world.meshes(), url);
    const result = paginate(world, meshes, page, url, 'Could not retrieve mesh insights');
    return json({ ...result, items: result.items.map((mesh) => cachedMeshInsight(world, mesh)) });
  });
  app.get('/mesh-insights/:name', (c) => {
    prepared.meshInsightsAsked();
    const mesh = world.store.get('Mesh', undefined, c.req.param('name')) as Mesh | undefined;
    if (!mesh) return notFound('Could not retrieve a resource');
    return json(cachedMeshInsight(world, mesh));
  });

  // ServiceInsight is gone in 3.0.
  if (world.version.major >= 3) return;
  const listServiceInsights = (url: URL, insights: () => ServiceInsight[]) => {
    const title = 'Could not retrieve resources';
    let items = nameContains(insights(), url);
    const typeParam = url.searchParams.get('type');
    if (typeParam && isAtLeast(world.version, 2, 7)) {
      const wanted = typeParam.split(',').map((value) => value.trim());
      const unsupported = wanted.find((value) => !SERVICE_TYPES.includes(value as ServiceType));
      if (unsupported !== undefined) {
        throw new KumaHttpError(
          kumaError(400, title, 'unsupported service type', [
            { field: 'type', reason: `unsupported service type: ${unsupported}` },
          ]),
        );
      }
      items = items.filter((item) => wanted.includes(item.serviceType ?? 'internal'));
    }
    // Paged after filtering, by the endpoint's own code (service_insight_endpoints.go).
    return json(paginateInMemory(world, items, url, 'Could not paginate resources'));
  };
  app.get('/meshes/:mesh/service-insights', (c) => {
    prepared.serviceInsightsAsked(c.req.param('mesh'));
    return listServiceInsights(requestUrl(c), () =>
      cachedServiceInsights(world, c.req.param('mesh')),
    );
  });
  // Every mesh's services, by mesh then name, as kuma-cp's `/service-insights` (the global
  // search asks it with `name=`); not prepared on ticks, so it costs nothing unless asked.
  app.get('/service-insights', (c) =>
    listServiceInsights(requestUrl(c), () =>
      world.meshes().flatMap((mesh) => cachedServiceInsights(world, mesh.name)),
    ),
  );
  app.get('/meshes/:mesh/service-insights/:name', (c) => {
    const insight = cachedServiceInsights(world, c.req.param('mesh')).find(
      (item) => item.name === c.req.param('name'),
    );
    return insight ? json(insight) : notFound('Could not retrieve a resource');
  });
}
