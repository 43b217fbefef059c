import type { Hono } from 'hono';
import type {
  ControlPlaneConfig,
  FullStatus,
  GlobalInsight,
  IndexResponse,
} from '../../../src/kuma/types';
import { isAtLeast } from '../../../src/kuma/version';
import { json } from '../http';
import {
  byName,
  describePolicy,
  describeType,
  isFederatedZone,
  resourceTypes,
} from '../personality';
import { perRevision } from '../revision-cache';
import type { World } from '../world';

export function indexBody(world: World): IndexResponse {
  const body: IndexResponse = {
    hostname: 'demo-cp',
    product: 'Kuma',
    version: world.version.raw,
    instanceId: world.instanceId,
    clusterId: `${world.instanceId}-cluster`,
    gui: '/gui',
  };
  // The GUI is not mounted on a federated zone: `gui` is "" in 2.14, and left out before.
  if (isFederatedZone(world.personality)) {
    if (isAtLeast(world.version, 2, 14)) body.gui = '';
    else delete body.gui;
  }
  if (!isAtLeast(world.version, 2, 9)) body.tagline = 'Kuma';
  return body;
}

/**
 * The part of kuma-cp's effective config a client reads, with kuma-cp's defaults; the real body
 * is the whole config (~300 settings of a process the demo is not).
 */
export function configBody(world: Pick<World, 'personality' | 'version'>): ControlPlaneConfig {
  const { personality } = world;
  const readOnly = personality.environment === 'kubernetes';
  const federated = isFederatedZone(personality);
  return {
    general: { dnsCacheTTL: '10s', workDir: '/tmp/kuma' },
    environment: personality.environment,
    // A non-federated control plane runs in `zone` mode ("standalone" is its deprecated name).
    mode: personality.mode === 'global' ? 'global' : 'zone',
    store: {
      type: personality.environment === 'kubernetes' ? 'kubernetes' : 'memory',
      cache: { enabled: true, expirationTime: '1s' },
    },
    apiServer: {
      readOnly,
      http: { enabled: true, interface: '0.0.0.0', port: 5681 },
      corsAllowedDomains: isAtLeast(world.version, 2, 14) ? [] : ['.*'],
      authn: { type: 'tokens', localhostIsAdmin: personality.environment !== 'kubernetes' },
      basePath: '/',
      rootUrl: '',
      gui: { enabled: true, rootUrl: '', basePath: '/gui' },
    },
    multizone: {
      global: { kds: { grpcPort: 5685 } },
      zone: {
        name: personality.zoneName,
        ...(federated ? { globalAddress: 'grpcs://global-cp.kuma-system:5685' } : {}),
        ingressUpdateInterval: '1s',
      },
    },
    metrics: {
      dataplane: { subscriptionLimit: 2, idleTimeout: '5m0s' },
      mesh: {
        minResyncTimeout: '0s',
        maxResyncTimeout: '0s',
        bufferSize: 1000,
        minResyncInterval: '1s',
        fullResyncInterval: '20s',
        eventProcessors: 1,
      },
    },
    dnsServer: { domain: 'mesh', CIDR: '240.0.0.0/4', serviceVipEnabled: true, serviceVipPort: 80 },
    ...(isAtLeast(world.version, 2, 14) ? { experimental: { inboundTagsDisabled: false } } : {}),
  };
}

function emptyStatus(): FullStatus {
  return { online: 0, offline: 0, partiallyDegraded: 0, total: 0 };
}

function count(status: FullStatus, state: 'online' | 'offline' | 'partially_degraded'): void {
  status.total += 1;
  if (state === 'online') status.online += 1;
  else if (state === 'offline') status.offline += 1;
  else status.partiallyDegraded += 1;
}

export function globalInsight(world: World): GlobalInsight {
  const dataplanes = {
    standard: emptyStatus(),
    gatewayBuiltin: emptyStatus(),
    gatewayDelegated: emptyStatus(),
  };
  const services = new Map<
    string,
    { kind: 'internal' | 'gatewayBuiltin' | 'gatewayDelegated'; states: string[] }
  >();
  for (const dataplane of world.dataplanes()) {
    const state = world.statusOf(dataplane);
    const kind = world.kindOf(dataplane);
    const bucket =
      kind === 'builtin'
        ? 'gatewayBuiltin'
        : kind === 'delegated'
          ? 'gatewayDelegated'
          : 'standard';
    count(dataplanes[bucket], state);
    const tags = dataplane.networking.gateway
      ? [dataplane.networking.gateway.tags ?? {}]
      : (dataplane.networking.inbound ?? []).map((inbound) => inbound.tags ?? {});
    for (const tag of tags) {
      const name = tag['kuma.io/service'];
      if (!name) continue;
      const key = `${dataplane.mesh}/${name}`;
      const entry = services.get(key) ?? {
        kind: bucket === 'standard' ? 'internal' : bucket,
        states: [],
      };
      entry.states.push(state);
      services.set(key, entry);
    }
  }
  const serviceStats = {
    internal: emptyStatus(),
    gatewayBuiltin: emptyStatus(),
    gatewayDelegated: emptyStatus(),
  };
  for (const { kind, states } of services.values()) {
    const online = states.filter((state) => state === 'online').length;
    count(
      serviceStats[kind],
      online === states.length ? 'online' : online === 0 ? 'offline' : 'partially_degraded',
    );
  }
  const policies = ['MeshHTTPRoute', 'MeshTCPRoute', 'MeshTrafficPermission'].reduce(
    (sum, type) => sum + world.store.count(type),
    0,
  );
  const resources: Record<string, { total: number }> = {};
  for (const type of resourceTypes(world.personality)) {
    resources[type.name] = { total: world.store.count(type.name) };
  }
  const zonesOnline = world.zones.filter((zone) => zone.link?.connected).length;
  const insight: GlobalInsight = {
    type: 'GlobalInsight',
    createdAt: world.timestamp(),
    services: {
      total: services.size,
      internal: serviceStats.internal,
      external: { total: 0 },
      gatewayBuiltin: serviceStats.gatewayBuiltin,
      gatewayDelegated: serviceStats.gatewayDelegated,
    },
    zones: {
      controlPlanes: { online: zonesOnline, total: world.zones.length },
      zoneEgresses: { online: 0, total: 0 },
      zoneIngresses: { online: world.zones.length, total: world.zones.length },
    },
    dataplanes,
    policies: { total: policies },
    meshes: { total: world.store.count('Mesh') },
    resources,
  };
  // 3.0 removed the built-in gateway and its statistics.
  if (world.version.major >= 3) {
    delete (insight.dataplanes as Partial<GlobalInsight['dataplanes']>).gatewayBuiltin;
    delete (insight.services as Partial<GlobalInsight['services']>).gatewayBuiltin;
  }
  return insight;
}

export function registerSystemRoutes(app: Hono, world: World): void {
  app.get('/', () => json(indexBody(world)));
  app.get('/config', () => json(configBody(world)));
  app.get('/who-am-i', () =>
    json({ name: 'mesh-system:admin', groups: ['mesh-system:admin', 'mesh-system:authenticated'] }),
  );
  app.get('/_resources', () =>
    json({
      resources: resourceTypes(world.personality)
        .map((type) => describeType(world.personality, type))
        .sort(byName),
    }),
  );
  app.get('/global-insight', () =>
    // Zones connect and disconnect outside the store: their state is part of the key.
    json(
      perRevision(
        world,
        `global-insight\u0000${world.zones.map((zone) => (zone.link?.connected ? 1 : 0)).join('')}`,
        () => globalInsight(world),
      ),
    ),
  );
  app.get('/policies', () =>
    json({
      policies: resourceTypes(world.personality)
        .filter((type) => type.policy)
        .map((type) => describePolicy(world.personality, type))
        .sort(byName),
    }),
  );
}
