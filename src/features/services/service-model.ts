/**
 * What the service page shows about one service of a mesh: what it is (a `kuma.io/service` tag
 * value, a MeshService, or both), the proxies that serve it, and every way traffic enters the
 * mesh towards it. The rules are `src/traffic/*`'s (what kuma-cp generates for each gateway,
 * how backend refs resolve); this module only picks out what concerns the one service.
 */

import {
  type DataplaneStatus,
  dataplaneKind,
  dataplaneStatus,
  isConnected,
} from '../../kuma/dataplane-status';
import { displayNameOf } from '../../kuma/display-name';
import type { MeshSnapshot } from '../../kuma/snapshot';
import type {
  BackendRef,
  DataplaneOverview,
  HttpRouteMatch,
  MeshGateway,
  MeshService,
  ServiceInsight,
} from '../../kuma/types';
import {
  describeBackendRef,
  isInboundReady,
  type ResolvedBackend,
  resolveBackendRef,
  SERVICE_TAG,
} from '../../traffic/backends';
import { gatewayInstances, isDelegatedGatewayDataplane } from '../../traffic/gateway-binding';
import { type GatewayRouting, gatewayRouting } from '../../traffic/gateway-config';
import { describeListener, type IndexedListener } from '../../traffic/listener-selection';
import { routesForListener, routeTargetsGateway } from '../../traffic/route-attachment';
import { describeMatch } from '../../traffic/route-matching';
import { sharedInstanceTags } from '../gateways';

/** What names the service answers to, and the resources that describe it. */
export interface ServiceIdentity {
  mesh: string;
  /** The name in the address: a tag value or a MeshService's stored name. */
  name: string;
  /** The MeshService of that name (stored or display name), 2.9+. */
  meshService?: MeshService;
  insight?: ServiceInsight;
  /**
   * Every name a backend ref or outbound may use for it: the name, the MeshService's stored and
   * display names, and the `kuma.io/service` value its selector picks.
   */
  names: string[];
}

export interface ServiceDataplane {
  name: string;
  displayName: string;
  kind: 'standard' | 'builtin' | 'delegated';
  status: DataplaneStatus;
  zone?: string;
  /** The inbounds serving this service, `port (ready|not ready)`. */
  inbounds: { port?: number; ready: boolean }[];
}

export interface ListenerRef {
  index: number;
  port?: number;
  protocol: string;
  hostname: string;
  /** "listener #1 (HTTPS :443, hostname shop.example.com)". */
  title: string;
  /** Takes only mesh proxies of other meshes (over mTLS), never an outside client. */
  crossMesh: boolean;
}

/** One rule of a built-in gateway that sends requests (or connections) to the service. */
export interface BuiltinEntry {
  key: string;
  gateway: string;
  gatewayDisplayName: string;
  listener: ListenerRef;
  /** HTTP(S): the virtual host the rule lives in; undefined on TCP. */
  virtualHost?: string;
  route: { type: 'MeshHTTPRoute' | 'MeshTCPRoute'; name: string };
  /** "PathPrefix /api, GET" or "every connection". */
  match: string;
  /** For building a request that takes this rule. */
  matchSpec?: HttpRouteMatch;
  /** Share of the rule's requests the service receives, whole percent. */
  percent: number;
  backend: string;
  resolution: Pick<ResolvedBackend, 'resolved' | 'status' | 'summary' | 'healthSummary'>;
  /** Set when kuma-cp cannot build the gateway at all: nothing it routes works. */
  gatewayBroken?: string;
}

export interface GatewaySummary {
  kind: 'builtin' | 'delegated';
  /** MeshGateway name, or the delegated gateway's `kuma.io/service`. */
  name: string;
  displayName: string;
  online: number;
  total: number;
  /** Names of its connected proxies, whose Envoy counters measure what it sends. */
  connected: string[];
}

/** A delegated gateway (Kong beside a kuma-dp) whose outbounds include the service. */
export interface DelegatedEntry {
  key: string;
  gateway: string;
  /** How the outbound names the service: `kuma.io/service tag` or a backendRef. */
  via: string;
  /** The name the outbound uses (the trace's `x-kuma-service`). */
  outboundService: string;
  /** Local addresses the proxy calls. */
  listeners: string[];
}

/** A route that names the service but sends it nothing, with why. */
export interface InactiveRoute {
  type: 'MeshHTTPRoute' | 'MeshTCPRoute';
  name: string;
  gateway?: string;
  reason: string;
}

export interface ServiceModel {
  identity: ServiceIdentity;
  /** Something in the mesh knows the service: a resource, a proxy, or a route or outbound. */
  known: boolean;
  dataplanes: ServiceDataplane[];
  gateways: GatewaySummary[];
  builtin: BuiltinEntry[];
  delegated: DelegatedEntry[];
  inactive: InactiveRoute[];
}

function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

export function serviceIdentity(mesh: MeshSnapshot, name: string): ServiceIdentity {
  const meshName = mesh.mesh?.name ?? '';
  const meshService =
    (mesh.meshServices ?? []).find((service) => service.name === name) ??
    (mesh.meshServices ?? []).find((service) => displayNameOf(service) === name);
  const insight = (mesh.serviceInsights ?? []).find((entry) => entry.name === name);
  const names = new Set([name]);
  if (meshService) {
    names.add(meshService.name);
    names.add(displayNameOf(meshService));
    const tag = meshService.spec?.selector?.dataplaneTags?.[SERVICE_TAG];
    if (tag) names.add(tag);
  }
  return {
    mesh: meshName,
    name,
    ...(meshService ? { meshService } : {}),
    ...(insight ? { insight } : {}),
    names: [...names],
  };
}

/** Does a resolved backend (or a trace's backend report) stand for this service? */
export function isThisService(
  identity: ServiceIdentity,
  backend: Pick<ResolvedBackend, 'service' | 'resource'>,
): boolean {
  if (backend.resource?.type === 'MeshService') {
    return identity.meshService
      ? backend.resource.name === identity.meshService.name
      : backend.resource.name === identity.name;
  }
  return identity.names.includes(backend.service);
}

function servesTag(dataplane: DataplaneOverview, names: ReadonlySet<string>): boolean {
  const networking = dataplane.dataplane?.networking;
  if (!networking) return false;
  if (networking.gateway) return names.has(networking.gateway.tags?.[SERVICE_TAG] ?? '');
  return (networking.inbound ?? []).some((inbound) => names.has(inbound.tags?.[SERVICE_TAG] ?? ''));
}

/**
 * The proxies that serve the service: those with an inbound (or gateway tags) carrying one of
 * its tag values, and those its MeshService's selector picks on any of its ports.
 */
export function serviceDataplanes(
  mesh: MeshSnapshot,
  identity: ServiceIdentity,
): ServiceDataplane[] {
  const names = new Set(identity.names);
  const selected = new Set<string>();
  const service = identity.meshService;
  for (const port of service?.spec?.ports ?? []) {
    const resolved = resolveBackendRef(mesh, {
      kind: 'MeshService',
      name: service?.name,
      port: port.port,
    });
    for (const endpoint of resolved.endpoints) selected.add(endpoint.dataplane);
  }
  return (mesh.dataplanes ?? [])
    .filter((dataplane) => selected.has(dataplane.name) || servesTag(dataplane, names))
    .map((dataplane): ServiceDataplane => {
      const networking = dataplane.dataplane?.networking ?? {};
      const inbounds = (networking.inbound ?? [])
        .filter(
          (inbound) =>
            inbound.state !== 'Ignored' &&
            (selected.has(dataplane.name) || names.has(inbound.tags?.[SERVICE_TAG] ?? '')),
        )
        .map((inbound) => ({
          ...(inbound.port !== undefined ? { port: inbound.port } : {}),
          ready: isInboundReady(inbound),
        }));
      const zone =
        networking.gateway?.tags?.['kuma.io/zone'] ??
        networking.inbound?.[0]?.tags?.['kuma.io/zone'];
      return {
        name: dataplane.name,
        displayName: displayNameOf(dataplane),
        kind: dataplaneKind(networking),
        status: dataplaneStatus(networking, dataplane.dataplaneInsight),
        ...(zone ? { zone } : {}),
        inbounds,
      };
    })
    .sort((a, b) => compareText(a.displayName, b.displayName));
}

function listenerRef(entry: IndexedListener): ListenerRef {
  return {
    index: entry.index,
    ...(entry.port !== undefined ? { port: entry.port } : {}),
    protocol: entry.protocol || 'NONE',
    hostname: entry.hostname,
    title: describeListener(entry),
    crossMesh: Boolean(entry.listener.crossMesh),
  };
}

function percentOf(refs: readonly BackendRef[], index: number): number {
  const weights = refs.map((ref) => Math.max(0, Number(ref?.weight ?? 1) || 0));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return total > 0 ? Math.round(((weights[index] ?? 0) / total) * 100) : 0;
}

/** The instance tags `gatewayRouting` evaluates with: the ones every instance shares. */
function routingOf(mesh: MeshSnapshot, gateway: MeshGateway): GatewayRouting {
  const instances = gatewayInstances(mesh, gateway).map((instance) => instance.dataplane);
  return gatewayRouting(mesh, gateway, sharedInstanceTags(instances, gateway));
}

/** The rules of one built-in gateway, as kuma-cp generates them, that send to the service. */
function builtinEntries(
  mesh: MeshSnapshot,
  gateway: MeshGateway,
  routing: GatewayRouting,
  identity: ServiceIdentity,
): BuiltinEntry[] {
  const entries: BuiltinEntry[] = [];
  const broken = routing.failure?.summary;
  const common = {
    gateway: gateway.name,
    gatewayDisplayName: displayNameOf(gateway),
    ...(broken ? { gatewayBroken: broken } : {}),
  };
  const add = (
    keyParts: (string | number)[],
    listener: IndexedListener,
    refs: readonly BackendRef[],
    rest: Pick<BuiltinEntry, 'route' | 'match'> & Partial<BuiltinEntry>,
  ) => {
    refs.forEach((ref, index) => {
      const resolved = resolveBackendRef(mesh, ref);
      if (!isThisService(identity, resolved)) return;
      entries.push({
        key: [gateway.name, listener.index, ...keyParts, index].join('\u0000'),
        ...common,
        listener: listenerRef(listener),
        percent: percentOf(refs, index),
        backend: describeBackendRef(ref),
        resolution: {
          resolved: resolved.resolved,
          status: resolved.status,
          summary: resolved.summary,
          healthSummary: resolved.healthSummary,
        },
        ...rest,
      });
    });
  };
  for (const listener of routing.listeners) {
    for (const host of listener.virtualHosts) {
      for (const entry of host.entries) {
        // Kuma adds an exact-path twin for each PathPrefix: the same rule, listed once.
        if (entry.derived) continue;
        const { route, toIndex, ruleIndex } = entry.rule.origin;
        add(
          ['http', host.hostname, route.name, toIndex, ruleIndex, entry.matchIndex],
          listener.entry,
          entry.rule.default.backendRefs ?? [],
          {
            virtualHost: host.hostname,
            route: { type: 'MeshHTTPRoute', name: route.name },
            match: describeMatch(entry.match),
            matchSpec: entry.match,
          },
        );
      }
    }
    const tcp = listener.effectiveTcp;
    if (!tcp) continue;
    (tcp.spec?.to ?? []).forEach((to, toIndex) => {
      (to?.rules ?? []).forEach((rule, ruleIndex) => {
        add(
          ['tcp', tcp.name, toIndex, ruleIndex],
          listener.entry,
          rule?.default?.backendRefs ?? [],
          {
            route: { type: 'MeshTCPRoute', name: tcp.name },
            match: 'every connection',
          },
        );
      });
    });
  }
  return entries;
}

function routeBackendRefs(
  route: MeshSnapshot['httpRoutes'][number] | MeshSnapshot['tcpRoutes'][number],
) {
  return (route.spec?.to ?? []).flatMap((to) =>
    (to?.rules ?? []).flatMap((rule) => rule?.default?.backendRefs ?? []),
  );
}

/**
 * Routes with a backend ref to the service that none of the gateway's generated rules carries
 * to it, and why: the gateway is missing or cannot be built, the route attaches to no listener,
 * or its rules lost to other rules.
 */
function inactiveRoutes(
  mesh: MeshSnapshot,
  identity: ServiceIdentity,
  active: ReadonlySet<string>,
  routings: ReadonlyMap<string, { gateway: MeshGateway; routing: GatewayRouting }>,
): InactiveRoute[] {
  const result: InactiveRoute[] = [];
  const routes = [
    ...(mesh.httpRoutes ?? []).map((route) => ({ route, type: 'MeshHTTPRoute' as const })),
    ...(mesh.tcpRoutes ?? []).map((route) => ({ route, type: 'MeshTCPRoute' as const })),
  ];
  for (const { route, type } of routes) {
    if (active.has(`${type}\u0000${route.name}`)) continue;
    const names = routeBackendRefs(route).some((ref) =>
      isThisService(identity, resolveBackendRef(mesh, ref)),
    );
    if (!names) continue;
    const ref = route.spec?.targetRef;
    if (ref?.kind !== 'MeshGateway') continue;
    const target = [...routings.values()].find(({ gateway }) =>
      routeTargetsGateway(route, gateway),
    );
    if (!target) {
      result.push({
        type,
        name: route.name,
        reason: `It targets MeshGateway "${ref.name ?? ''}", which is not in mesh "${identity.mesh}".`,
      });
      continue;
    }
    const { gateway, routing } = target;
    const attachments = routing.listeners.flatMap((listener) => {
      const routes = routesForListener(mesh, {
        gateway,
        listener: listener.entry,
        tags: listener.tags,
        onPort: listener.onPort,
      });
      return [...routes.http, ...routes.tcp].filter((attachment) => attachment.route === route);
    });
    const attached = attachments.some((attachment) => attachment.attached);
    const reason = routing.failure
      ? routing.failure.summary
      : !attached
        ? [...new Set(attachments.map((attachment) => attachment.reason))].join(' ') ||
          `MeshGateway "${gateway.name}" has no listener it could attach to.`
        : 'It attaches, but none of its rules that name this service is in effect: a route merged later replaces them for the same matches, or a more exact listener owns their hostnames.';
    result.push({ type, name: route.name, gateway: gateway.name, reason });
  }
  return result.sort((a, b) => compareText(a.name, b.name));
}

function outboundTarget(
  mesh: MeshSnapshot,
  outbound: NonNullable<DataplaneOverview['dataplane']['networking']['outbound']>[number],
  identity: ServiceIdentity,
): { via: string; outboundService: string } | undefined {
  if (outbound.backendRef) {
    const resolved = resolveBackendRef(mesh, outbound.backendRef);
    if (!isThisService(identity, resolved)) return undefined;
    return {
      via: describeBackendRef(outbound.backendRef),
      outboundService: outbound.backendRef.name ?? resolved.service,
    };
  }
  const tag = outbound.tags?.[SERVICE_TAG];
  if (!tag || !identity.names.includes(tag)) return undefined;
  return { via: 'kuma.io/service tag', outboundService: tag };
}

/** Delegated gateways whose Dataplanes declare an outbound to the service. */
function delegatedEntries(mesh: MeshSnapshot, identity: ServiceIdentity): DelegatedEntry[] {
  const byKey = new Map<string, DelegatedEntry>();
  for (const dataplane of mesh.dataplanes ?? []) {
    if (!isDelegatedGatewayDataplane(dataplane)) continue;
    const gateway = dataplane.dataplane.networking.gateway?.tags?.[SERVICE_TAG] ?? dataplane.name;
    for (const outbound of dataplane.dataplane.networking.outbound ?? []) {
      const target = outboundTarget(mesh, outbound, identity);
      if (!target) continue;
      const key = `${gateway}\u0000${target.via}`;
      const entry = byKey.get(key) ?? { key, gateway, ...target, listeners: [] };
      const address = `${outbound.address ?? '127.0.0.1'}:${outbound.port}`;
      if (!entry.listeners.includes(address)) entry.listeners.push(address);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].sort((a, b) => compareText(a.gateway, b.gateway));
}

function gatewaySummaries(
  mesh: MeshSnapshot,
  builtin: readonly BuiltinEntry[],
  delegated: readonly DelegatedEntry[],
): GatewaySummary[] {
  const summaries: GatewaySummary[] = [];
  for (const name of new Set(builtin.map((entry) => entry.gateway))) {
    const gateway = (mesh.gateways ?? []).find((candidate) => candidate.name === name);
    if (!gateway) continue;
    const instances = gatewayInstances(mesh, gateway);
    const connected = instances.filter((instance) => instance.online);
    summaries.push({
      kind: 'builtin',
      name,
      displayName: displayNameOf(gateway),
      online: connected.length,
      total: instances.length,
      connected: connected.map((instance) => instance.name),
    });
  }
  for (const name of new Set(delegated.map((entry) => entry.gateway))) {
    const proxies = (mesh.dataplanes ?? []).filter(
      (dataplane) =>
        isDelegatedGatewayDataplane(dataplane) &&
        (dataplane.dataplane.networking.gateway?.tags?.[SERVICE_TAG] ?? dataplane.name) === name,
    );
    const connected = proxies.filter((dataplane) => isConnected(dataplane.dataplaneInsight));
    summaries.push({
      kind: 'delegated',
      name,
      displayName: name,
      online: connected.length,
      total: proxies.length,
      connected: connected.map((dataplane) => dataplane.name),
    });
  }
  return summaries;
}

/** Everything the service page shows of `name` in one mesh of a snapshot. */
export function serviceModel(mesh: MeshSnapshot, name: string): ServiceModel {
  const identity = serviceIdentity(mesh, name);
  const dataplanes = serviceDataplanes(mesh, identity);
  const routings = new Map<string, { gateway: MeshGateway; routing: GatewayRouting }>();
  const builtin: BuiltinEntry[] = [];
  for (const gateway of [...(mesh.gateways ?? [])].sort((a, b) => compareText(a.name, b.name))) {
    const routing = routingOf(mesh, gateway);
    routings.set(gateway.name, { gateway, routing });
    builtin.push(...builtinEntries(mesh, gateway, routing, identity));
  }
  const active = new Set(builtin.map((entry) => `${entry.route.type}\u0000${entry.route.name}`));
  const inactive = inactiveRoutes(mesh, identity, active, routings);
  const delegated = delegatedEntries(mesh, identity);
  return {
    identity,
    known: Boolean(
      identity.meshService ||
        identity.insight ||
        dataplanes.length > 0 ||
        builtin.length > 0 ||
        delegated.length > 0 ||
        inactive.length > 0,
    ),
    dataplanes,
    gateways: gatewaySummaries(mesh, builtin, delegated),
    builtin,
    delegated,
    inactive,
  };
}
