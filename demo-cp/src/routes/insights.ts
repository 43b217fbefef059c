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
import { json, nameContains, paginate, parsePage, requestUrl } from '../http';
import { resourceTypes } from '../personality';
import type { World } from '../world';

const SERVICE_TYPES: ServiceType[] = [
  'internal',
  'external',
  'gateway_builtin',
  'gateway_delegated',
];

function counts(): Required<DataplaneCounts> {
  return { total: 0, online: 0, offline: 0, partiallyDegraded: 0 };
}

function addTo(
  byKey: Record<string, Required<DataplaneCounts>>,
  key: string,
  status: string,
): void {
  byKey[key] ??= counts();
  add(byKey[key], status);
}

function add(target: Required<DataplaneCounts>, status: string): void {
  target.total += 1;
  if (status === 'online') target.online += 1;
  else if (status === 'offline') target.offline += 1;
  else target.partiallyDegraded += 1;
}

export function meshInsight(world: World, mesh: Mesh): MeshInsight {
  const all = counts();
  const standard = counts();
  const gateway = counts();
  const builtin = counts();
  const delegated = counts();
  const kumaDp: Record<string, Required<DataplaneCounts>> = {};
  const envoy: Record<string, Required<DataplaneCounts>> = {};
  const issued: Record<string, Required<DataplaneCounts>> = {};
  const services = new Set<string>();
  for (const dataplane of world.dataplanes(mesh.name)) {
    const status = world.statusOf(dataplane);
    const kind = world.kindOf(dataplane);
    add(all, status);
    if (kind === 'standard') add(standard, status);
    else {
      add(gateway, status);
      add(kind === 'builtin' ? builtin : delegated, status);
    }
    const insight = world.insight(dataplane.mesh, dataplane.name);
    const version = insight?.subscriptions?.at(-1)?.version;
    const dpVersion = version?.kumaDp?.version;
    const envoyVersion = version?.envoy?.version;
    if (dpVersion) addTo(kumaDp, dpVersion, status);
    if (envoyVersion) addTo(envoy, envoyVersion, status);
    const backend = insight?.mTLS?.issuedBackend;
    if (backend) addTo(issued, backend, status);
    for (const inbound of dataplane.networking.inbound ?? []) {
      const service = inbound.tags?.['kuma.io/service'];
      if (service) services.add(service);
    }
  }
  const byType: MeshInsight['dataplanesByType'] = {
    standard,
    gateway,
    gatewayDelegated: delegated,
  };
  if (world.version.major < 3) byType.gatewayBuiltin = builtin;
  const insight: MeshInsight = {
    type: 'MeshInsight',
    name: mesh.name,
    creationTime: mesh.creationTime ?? world.timestamp(),
    modificationTime: world.timestamp(),
    lastSync: world.timestamp(),
    dataplanes: all,
    dataplanesByType: byType,
    dpVersions: { kumaDp, envoy },
    mTLS: { issuedBackends: issued, supportedBackends: issued },
    services: { total: services.size, internal: services.size, external: 0 },
  };
  const perType: Record<string, { total: number }> = {};
  for (const type of resourceTypes(world.personality)) {
    if (type.scope === 'Mesh')
      perType[type.name] = { total: world.store.count(type.name, mesh.name) };
  }
  if (world.version.major < 3) {
    insight.policies = Object.fromEntries(
      ['MeshHTTPRoute', 'MeshTCPRoute', 'MeshTrafficPermission'].map((type) => [
        type,
        { total: world.store.count(type, mesh.name) },
      ]),
    );
  }
  if (isAtLeast(world.version, 2, 9)) insight.resources = perType;
  return insight;
}

/** ServiceInsights as 2.6 – 2.14 compute them: one per `kuma.io/service` value in the mesh. */
export function serviceInsights(world: World, meshName: string): ServiceInsight[] {
  const mesh = world.store.get('Mesh', undefined, meshName) as Mesh | undefined;
  if (!mesh) return [];
  // 2.14 no longer computes them for meshes in Exclusive MeshService mode; 2.14.2 brought back
  // the delegated gateways (CHANGELOG), which have no MeshService to stand for them.
  const exclusive = isAtLeast(world.version, 2, 14) && mesh.meshServices?.mode === 'Exclusive';
  const { minor, major, patch } = world.version;
  if (exclusive && major === 2 && minor === 14 && patch < 2) return [];
  const byService = new Map<string, { type: ServiceType; states: string[]; address?: string }>();
  for (const dataplane of world.dataplanes(meshName)) {
    const status = world.statusOf(dataplane);
    const kind = world.kindOf(dataplane);
    if (exclusive && kind !== 'delegated') continue;
    const tagSets = dataplane.networking.gateway
      ? [dataplane.networking.gateway.tags ?? {}]
      : (dataplane.networking.inbound ?? []).map((inbound) => inbound.tags ?? {});
    for (const tags of tagSets) {
      const service = tags['kuma.io/service'];
      if (!service) continue;
      const type: ServiceType =
        kind === 'builtin'
          ? 'gateway_builtin'
          : kind === 'delegated'
            ? 'gateway_delegated'
            : 'internal';
      const entry = byService.get(service) ?? { type, states: [] };
      entry.states.push(status);
      if (kind === 'delegated' && !entry.address)
        entry.address = `${dataplane.networking.address}:8000`;
      byService.set(service, entry);
    }
  }
  return [...byService.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, entry]) => {
      const online = entry.states.filter((state) => state !== 'offline').length;
      const status: ServiceStatus =
        online === 0 ? 'offline' : online === entry.states.length ? 'online' : 'partially_degraded';
      const insight: ServiceInsight = {
        type: 'ServiceInsight',
        mesh: meshName,
        name,
        creationTime: mesh.creationTime ?? world.timestamp(),
        modificationTime: world.timestamp(),
        status,
        dataplanes: { total: entry.states.length, online, offline: entry.states.length - online },
      };
      if (isAtLeast(world.version, 2, 7) || entry.type !== 'internal')
        insight.serviceType = entry.type;
      if (entry.address) insight.addressPort = entry.address;
      return insight;
    });
}

export function registerInsightRoutes(app: Hono, world: World): void {
  app.get('/mesh-insights', (c) => {
    const url = requestUrl(c);
    const page = parsePage(world, url, 'Could not retrieve mesh insights');
    const meshes = nameContains(world.meshes(), url);
    const result = paginate(world, meshes, page, url, 'Could not retrieve mesh insights');
    return json({ ...result, items: result.items.map((mesh) => meshInsight(world, mesh)) });
  });
  app.get('/mesh-insights/:name', (c) => {
    const mesh = world.store.get('Mesh', undefined, c.req.param('name')) as Mesh | undefined;
    if (!mesh) return notFound('Could not retrieve a resource');
    return json(meshInsight(world, mesh));
  });

  // ServiceInsight is gone in 3.0.
  if (world.version.major >= 3) return;
  app.get('/meshes/:mesh/service-insights', (c) => {
    const url = requestUrl(c);
    const title = 'Could not retrieve resources';
    const page = parsePage(world, url, title);
    let items = nameContains(serviceInsights(world, c.req.param('mesh')), url);
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
      items = items.filter((item) => item.serviceType && wanted.includes(item.serviceType));
    }
    return json(paginate(world, items, page, url, title));
  });
  app.get('/meshes/:mesh/service-insights/:name', (c) => {
    const insight = serviceInsights(world, c.req.param('mesh')).find(
      (item) => item.name === c.req.param('name'),
    );
    return insight ? json(insight) : notFound('Could not retrieve a resource');
  });
}
