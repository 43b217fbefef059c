/**
 * Every way traffic enters a mesh towards one service, read from the one mesh model
 * (`src/mesh-model`): the gateways, their instances, the listeners with their effective tags and
 * the routes that attach, exactly as the gateway page, the topology and the trace see them. This
 * module only picks out the rules whose backends are this service, and says why routes that name
 * it send it nothing.
 */
import { displayNameOf } from '../../kuma/display-name';
import type { MeshSnapshot } from '../../kuma/snapshot';
import type { BackendRef, DataplaneOverview, HttpRouteMatch } from '../../kuma/types';
import {
  type BuiltinGatewayModel,
  buildGatewayModel,
  type GatewayModel,
} from '../../mesh-model/mesh-model';
import {
  describeBackendRef,
  type ResolvedBackend,
  resolveBackendRef,
  SERVICE_TAG,
} from '../../traffic/backends';
import { describeListener, type IndexedListener } from '../../traffic/listener-selection';
import { routeTargetsGateway } from '../../traffic/route-attachment';
import { describeMatch } from '../../traffic/route-matching';
import {
  isThisService,
  type ServiceDataplane,
  type ServiceIdentity,
  serviceDataplanes,
  serviceIdentity,
} from './service-identity';

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

/**
 * The rules of one built-in gateway that send to the service: the model's routing for the tags
 * every instance carries (what the gateway page's listeners show), rule by rule.
 */
function builtinEntries(
  mesh: MeshSnapshot,
  model: BuiltinGatewayModel,
  identity: ServiceIdentity,
): BuiltinEntry[] {
  const { gateway, routing } = model;
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

/** Why a route the model attaches nowhere (for the effective tags) does not carry traffic. */
function inactiveReason(
  model: BuiltinGatewayModel,
  route: MeshSnapshot['httpRoutes'][number] | MeshSnapshot['tcpRoutes'][number],
): string {
  if (model.routing.failure) return model.routing.failure.summary;
  const attachments = model.listeners.flatMap((listener) =>
    [...listener.routes.http, ...listener.routes.tcp].filter(
      (attachment) => attachment.route === route,
    ),
  );
  if (attachments.some((attachment) => attachment.attached)) {
    return 'It attaches, but none of its rules that name this service is in effect: a route merged later replaces them for the same matches, or a more exact listener owns their hostnames.';
  }
  // Attached on the instances whose own tags let it: the model names them.
  const partial = model.listeners
    .flatMap((listener) => listener.partial)
    .find((entry) => entry.route === route);
  if (partial) return partial.reason;
  return (
    [...new Set(attachments.map((attachment) => attachment.reason))].join(' ') ||
    `MeshGateway "${model.gateway.name}" has no listener it could attach to.`
  );
}

/**
 * Routes with a backend ref to the service that none of the gateway's generated rules carries
 * to it, and why: the gateway is missing or cannot be built, the route attaches to no listener
 * (or on some instances only), or its rules lost to other rules.
 */
function inactiveRoutes(
  mesh: MeshSnapshot,
  gateways: GatewayModel,
  identity: ServiceIdentity,
  active: ReadonlySet<string>,
): InactiveRoute[] {
  const result: InactiveRoute[] = [];
  const routes = [
    ...(mesh.httpRoutes ?? []).map((route) => ({ route, type: 'MeshHTTPRoute' as const })),
    ...(mesh.tcpRoutes ?? []).map((route) => ({ route, type: 'MeshTCPRoute' as const })),
  ];
  for (const { route, type } of routes) {
    if (active.has(`${type}\u0000${route.name}`)) continue;
    const ref = route.spec?.targetRef;
    if (ref?.kind !== 'MeshGateway') continue;
    const names = routeBackendRefs(route).some((backend) =>
      isThisService(identity, resolveBackendRef(mesh, backend)),
    );
    if (!names) continue;
    const target = gateways.builtin.find((model) => routeTargetsGateway(route, model.gateway));
    if (!target) {
      result.push({
        type,
        name: route.name,
        reason: `It targets MeshGateway "${ref.name ?? ''}", which is not in mesh "${identity.mesh}".`,
      });
      continue;
    }
    result.push({
      type,
      name: route.name,
      gateway: target.gateway.name,
      reason: inactiveReason(target, route),
    });
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

/** The model's delegated gateways whose Dataplanes declare an outbound to the service. */
function delegatedEntries(
  mesh: MeshSnapshot,
  gateways: GatewayModel,
  identity: ServiceIdentity,
): DelegatedEntry[] {
  const entries: DelegatedEntry[] = [];
  for (const { service: gateway, dataplanes } of gateways.delegated) {
    const byVia = new Map<string, DelegatedEntry>();
    for (const dataplane of dataplanes) {
      for (const outbound of dataplane.dataplane.networking.outbound ?? []) {
        const target = outboundTarget(mesh, outbound, identity);
        if (!target) continue;
        const key = `${gateway}\u0000${target.via}`;
        const entry = byVia.get(key) ?? { key, gateway, ...target, listeners: [] };
        const address = `${outbound.address ?? '127.0.0.1'}:${outbound.port}`;
        if (!entry.listeners.includes(address)) entry.listeners.push(address);
        byVia.set(key, entry);
      }
    }
    entries.push(...byVia.values());
  }
  return entries;
}

function gatewaySummaries(
  gateways: GatewayModel,
  builtin: readonly BuiltinEntry[],
  delegated: readonly DelegatedEntry[],
): GatewaySummary[] {
  const summaries: GatewaySummary[] = [];
  for (const name of new Set(builtin.map((entry) => entry.gateway))) {
    const model = gateways.builtinGateway(name);
    if (!model) continue;
    const connected = model.instances.filter((instance) => instance.online);
    summaries.push({
      kind: 'builtin',
      name,
      displayName: displayNameOf(model.gateway),
      online: connected.length,
      total: model.instances.length,
      connected: connected.map((instance) => instance.name),
    });
  }
  for (const name of new Set(delegated.map((entry) => entry.gateway))) {
    const model = gateways.delegatedGateway(name);
    if (!model) continue;
    summaries.push({
      kind: 'delegated',
      name,
      displayName: name,
      online: model.online.length,
      total: model.dataplanes.length,
      connected: model.online.map((dataplane) => dataplane.name),
    });
  }
  return summaries;
}

/**
 * Everything the service page shows of `name` in one mesh of a snapshot. `gateways` is the mesh
 * model of the same snapshot; pass one already built to share its work with other readers.
 */
export function serviceModel(
  mesh: MeshSnapshot,
  name: string,
  gateways: GatewayModel = buildGatewayModel(mesh),
): ServiceModel {
  const identity = serviceIdentity(mesh, name);
  const dataplanes = serviceDataplanes(mesh, identity);
  const builtin = gateways.builtin.flatMap((model) => builtinEntries(mesh, model, identity));
  const active = new Set(builtin.map((entry) => `${entry.route.type}\u0000${entry.route.name}`));
  const inactive = inactiveRoutes(mesh, gateways, identity, active);
  const delegated = delegatedEntries(mesh, gateways, identity);
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
    gateways: gatewaySummaries(gateways, builtin, delegated),
    builtin,
    delegated,
    inactive,
  };
}
