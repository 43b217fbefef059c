/**
 * One model of a mesh's gateways, built from a `MeshSnapshot` and read by every screen that
 * says which routes a listener takes: the topology, the diagnosis, the gateway detail page, the
 * trace and the demo's traffic simulation. Before it, each assembled its own with different
 * rules for the listener tags, so two screens could disagree on a route's attachment.
 *
 * - Built-in gateways: the BUILTIN Dataplanes each one serves (Kuma's best-match binding, one
 *   pass over the mesh's Dataplanes), the ones a better gateway took, the effective tags
 *   (`effective-tags.ts`) and what kuma-cp generates with them, listener by listener; routes
 *   that attach on some instances only (instances with different tags) are listed apart, with
 *   the instances that get them. `routingFor(instance)` is what kuma-cp generates for one proxy.
 * - Delegated gateways: the gateway proxies of one `kuma.io/service`.
 *
 * Gateways are computed when first asked for, so the trace of one request pays for one gateway.
 */
import { isConnected } from '../kuma/dataplane-status';
import type { MeshSnapshot } from '../kuma/snapshot';
import type {
  DataplaneOverview,
  MeshGateway,
  MeshHTTPRoute,
  MeshTCPRoute,
  Tags,
} from '../kuma/types';
import {
  bindGatewayDataplane,
  type GatewayInstance,
  isBuiltinGatewayDataplane,
  isDelegatedGatewayDataplane,
  listenerTagSet,
  toInstance,
} from '../traffic/gateway-binding';
import {
  type GatewayRouting,
  gatewayRouting,
  type ListenerRouting,
} from '../traffic/gateway-config';
import { type IndexedListener, indexedListeners } from '../traffic/listener-selection';
import {
  type ListenerRoutes,
  type RouteFamily,
  type RouteKind,
  routeFamilyForProtocol,
} from '../traffic/route-attachment';
import type { VirtualHost } from '../traffic/route-matching';
import { effectiveInstanceTags, tagsKey } from './effective-tags';
import { delegatedGatewayService, isMtlsEnabled } from './identity';

/** A route that attaches to a listener on some of the gateway's instances only. */
export interface PartialAttachment {
  kind: RouteKind;
  route: MeshHTTPRoute | MeshTCPRoute;
  /** Instances whose own tags let the route attach. */
  instances: string[];
  reason: string;
}

export interface ListenerModel {
  entry: IndexedListener;
  /** Every listener of the gateway bound to the same port. */
  onPort: IndexedListener[];
  /** Effective Dataplane gateway tags ∪ MeshGateway tags ∪ listener tags. */
  tags: Tags;
  family?: RouteFamily;
  /** Every route targeting the gateway, with its outcome here (empty without a port). */
  routes: ListenerRoutes;
  /** HTTP/HTTPS only: the virtual hosts Kuma generates, hosts of more exact listeners removed. */
  virtualHosts: VirtualHost[];
  /** TCP/TLS: the route whose rules carry connections (the last in merge order). */
  effectiveTcp?: MeshTCPRoute;
  /** The listener has rules: a virtual host with entries (HTTP), or an attached MeshTCPRoute. */
  served: boolean;
  /** Routes that attach here on some instances but not on all of them. */
  partial: PartialAttachment[];
}

export interface InstanceGroup {
  /** The Dataplane gateway tags these instances share exactly. */
  tags: Tags;
  instances: GatewayInstance[];
  routing: GatewayRouting;
}

export interface BuiltinGatewayModel {
  gateway: MeshGateway;
  /** BUILTIN Dataplanes whose best-matching MeshGateway is this one, online first. */
  instances: GatewayInstance[];
  /** Dataplanes the gateway's selectors match but that a better MeshGateway took. */
  stolen: { instance: GatewayInstance; boundTo: MeshGateway }[];
  /** The Dataplane gateway tags every instance satisfies (`effective-tags.ts`). */
  instanceTags: Tags;
  /** What kuma-cp generates for a proxy with `instanceTags`. */
  routing: GatewayRouting;
  /** Every listener, in declaration order. */
  listeners: ListenerModel[];
  /** Instances grouped by their exact tags, each with its own routing. */
  groups: InstanceGroup[];
  /** What kuma-cp generates for one instance (its own tags). */
  routingFor(instance: Pick<GatewayInstance, 'tags'>): GatewayRouting;
}

export interface DelegatedGatewayModel {
  /** `kuma.io/service` shared by the proxies (`delegatedGatewayService`). */
  service: string;
  /** In name order. */
  dataplanes: DataplaneOverview[];
  /** Connected ones, in name order. */
  online: DataplaneOverview[];
}

export interface GatewayModel {
  mesh: MeshSnapshot;
  name: string;
  mtls: boolean;
  /** Every MeshGateway of the mesh, in name order. */
  readonly builtin: BuiltinGatewayModel[];
  /** Every delegated gateway service, in service order. */
  readonly delegated: DelegatedGatewayModel[];
  builtinGateway(name: string): BuiltinGatewayModel | undefined;
  delegatedGateway(service: string): DelegatedGatewayModel | undefined;
}

const NO_ROUTES: ListenerRoutes = { http: [], tcp: [], attachedHttp: [], attachedTcp: [] };

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How a built-in gateway lists its instances: connected ones first, then by name. */
export function instanceOrder(
  a: { online: boolean; name: string },
  b: { online: boolean; name: string },
): number {
  return Number(b.online) - Number(a.online) || compareNames(a.name, b.name);
}

function gatewayKey(gateway: Pick<MeshGateway, 'name' | 'mesh'>): string {
  return `${gateway.mesh ?? ''}\u0000${gateway.name}`;
}

interface Bindings {
  instances: Map<string, GatewayInstance[]>;
  stolen: Map<string, { instance: GatewayInstance; boundTo: MeshGateway }[]>;
}

/** Kuma's one-gateway-per-proxy binding for every BUILTIN Dataplane of the mesh, once. */
function bindAll(mesh: MeshSnapshot): Bindings {
  const instances = new Map<string, GatewayInstance[]>();
  const stolen = new Map<string, { instance: GatewayInstance; boundTo: MeshGateway }[]>();
  for (const dataplane of mesh.dataplanes ?? []) {
    if (!isBuiltinGatewayDataplane(dataplane)) continue;
    const selection = bindGatewayDataplane(mesh, dataplane);
    const winner = selection.gateway;
    if (!winner) continue;
    const instance = toInstance(dataplane);
    const key = gatewayKey(winner);
    instances.set(key, [...(instances.get(key) ?? []), instance]);
    for (const candidate of selection.candidates) {
      const other = gatewayKey(candidate.gateway);
      if (other === key) continue;
      stolen.set(other, [...(stolen.get(other) ?? []), { instance, boundTo: winner }]);
    }
  }
  for (const list of instances.values()) list.sort(instanceOrder);
  return { instances, stolen };
}

function routeName(route: { name: string }): string {
  return route.name;
}

/** Routes attached on some groups but not with the effective tags, with the instances. */
function partialAttachments(
  entry: IndexedListener,
  effective: ListenerRoutes,
  groups: readonly InstanceGroup[],
): PartialAttachment[] {
  const attached = new Set([...effective.attachedHttp, ...effective.attachedTcp].map(routeName));
  const partial = new Map<string, PartialAttachment>();
  for (const group of groups) {
    const routing = group.routing.listeners.find(
      (listener) => listener.entry.index === entry.index,
    );
    if (!routing) continue;
    const pairs: [RouteKind, MeshHTTPRoute | MeshTCPRoute][] = [
      ...routing.routes.attachedHttp.map(
        (route) => ['MeshHTTPRoute', route] as [RouteKind, MeshHTTPRoute],
      ),
      ...routing.routes.attachedTcp.map(
        (route) => ['MeshTCPRoute', route] as [RouteKind, MeshTCPRoute],
      ),
    ];
    for (const [kind, route] of pairs) {
      if (attached.has(route.name)) continue;
      const key = `${kind}\u0000${route.name}`;
      const existing = partial.get(key);
      const names = group.instances.map((instance) => instance.name);
      if (existing) existing.instances.push(...names);
      else partial.set(key, { kind, route, instances: names, reason: '' });
    }
  }
  return [...partial.values()].map((entry) => ({
    ...entry,
    instances: entry.instances.sort(compareNames),
    reason: `${entry.kind} "${entry.route.name}" attaches only on ${entry.instances.length === 1 ? 'instance' : 'instances'} ${entry.instances.sort(compareNames).join(', ')}: its targetRef tags need gateway tags the other instances do not carry.`,
  }));
}

function listenerModels(
  gateway: MeshGateway,
  instanceTags: Tags,
  routing: GatewayRouting,
  groups: readonly InstanceGroup[],
): ListenerModel[] {
  const all = indexedListeners(gateway);
  return all.map((entry) => {
    const generated: ListenerRouting | undefined = routing.listeners.find(
      (listener) => listener.entry.index === entry.index,
    );
    const family = routeFamilyForProtocol(entry.protocol);
    const routes = generated?.routes ?? NO_ROUTES;
    const virtualHosts = generated?.virtualHosts ?? [];
    const served =
      family === 'http'
        ? virtualHosts.some((host) => host.entries.length > 0)
        : family === 'tcp'
          ? routes.attachedTcp.length > 0
          : false;
    return {
      entry,
      onPort: generated?.onPort ?? all.filter((other) => other.port === entry.port),
      // A listener without a port gets no routing, but its tags are still what policies see.
      tags: generated?.tags ?? listenerTagSet(instanceTags, gateway, entry.listener),
      ...(family ? { family } : {}),
      routes,
      virtualHosts,
      ...(generated?.effectiveTcp ? { effectiveTcp: generated.effectiveTcp } : {}),
      served,
      partial: generated ? partialAttachments(entry, routes, groups) : [],
    };
  });
}

function builtinModel(
  mesh: MeshSnapshot,
  gateway: MeshGateway,
  bindings: Bindings,
): BuiltinGatewayModel {
  const key = gatewayKey(gateway);
  const instances = bindings.instances.get(key) ?? [];
  const instanceTags = effectiveInstanceTags(
    instances.map((instance) => instance.tags),
    gateway,
  );
  const byTags = new Map<string, GatewayRouting>();
  const routingFor = (instance: Pick<GatewayInstance, 'tags'>): GatewayRouting => {
    const tagKey = tagsKey(instance.tags);
    let found = byTags.get(tagKey);
    if (!found) {
      found = gatewayRouting(mesh, gateway, instance.tags);
      byTags.set(tagKey, found);
    }
    return found;
  };
  // Computed when first read: the trace of one request needs only `routingFor` its instance.
  let groups: InstanceGroup[] | undefined;
  let listeners: ListenerModel[] | undefined;
  const groupsOf = (): InstanceGroup[] => {
    if (groups) return groups;
    const grouped = new Map<string, InstanceGroup>();
    for (const instance of instances) {
      const tagKey = tagsKey(instance.tags);
      const group = grouped.get(tagKey);
      if (group) group.instances.push(instance);
      else
        grouped.set(tagKey, {
          tags: instance.tags,
          instances: [instance],
          routing: routingFor(instance),
        });
    }
    groups = [...grouped.values()];
    return groups;
  };
  return {
    gateway,
    instances,
    stolen: bindings.stolen.get(key) ?? [],
    instanceTags,
    get routing() {
      return routingFor({ tags: instanceTags });
    },
    get listeners() {
      listeners ??= listenerModels(
        gateway,
        instanceTags,
        routingFor({ tags: instanceTags }),
        groupsOf(),
      );
      return listeners;
    },
    get groups() {
      return groupsOf();
    },
    routingFor,
  };
}

function delegatedModels(mesh: MeshSnapshot): DelegatedGatewayModel[] {
  const groups = new Map<string, DataplaneOverview[]>();
  for (const dataplane of mesh.dataplanes ?? []) {
    if (!isDelegatedGatewayDataplane(dataplane)) continue;
    const service = delegatedGatewayService(dataplane);
    groups.set(service, [...(groups.get(service) ?? []), dataplane]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareNames(a, b))
    .map(([service, dataplanes]) => {
      const sorted = [...dataplanes].sort((a, b) => compareNames(a.name, b.name));
      return {
        service,
        dataplanes: sorted,
        online: sorted.filter((dataplane) => isConnected(dataplane.dataplaneInsight)),
      };
    });
}

export function buildGatewayModel(mesh: MeshSnapshot): GatewayModel {
  const name = mesh.mesh?.name ?? '';
  let bindings: Bindings | undefined;
  const builtinCache = new Map<MeshGateway, BuiltinGatewayModel>();
  let builtinList: BuiltinGatewayModel[] | undefined;
  let delegatedList: DelegatedGatewayModel[] | undefined;
  const modelOf = (gateway: MeshGateway): BuiltinGatewayModel => {
    let model = builtinCache.get(gateway);
    if (!model) {
      bindings ??= bindAll(mesh);
      model = builtinModel(mesh, gateway, bindings);
      builtinCache.set(gateway, model);
    }
    return model;
  };
  return {
    mesh,
    name,
    mtls: isMtlsEnabled(mesh.mesh),
    get builtin() {
      builtinList ??= [...(mesh.gateways ?? [])]
        .sort((a, b) => compareNames(a.name, b.name))
        .map(modelOf);
      return builtinList;
    },
    get delegated() {
      delegatedList ??= delegatedModels(mesh);
      return delegatedList;
    },
    builtinGateway(gatewayName) {
      const gateway = (mesh.gateways ?? []).find((candidate) => candidate?.name === gatewayName);
      return gateway ? modelOf(gateway) : undefined;
    },
    delegatedGateway(service) {
      delegatedList ??= delegatedModels(mesh);
      return delegatedList.find((entry) => entry.service === service);
    },
  };
}
