/**
 * What the Listeners tab shows for a built-in gateway: whether kuma-cp can build it at all, and
 * per listener the routes that attach to it and how they route, and the routes that target the
 * gateway but do not attach, with the reason. The semantics come from `src/traffic/*` (what
 * kuma-cp generates: `gatewayRouting`); this module only shapes them for display.
 */
import type { MeshSnapshot } from '../../kuma/snapshot';
import type {
  BackendRef,
  DataplaneOverview,
  HttpRouteFilter,
  Mesh,
  MeshGateway,
  MeshHTTPRoute,
  MeshTCPRoute,
  Tags,
} from '../../kuma/types';
import { effectiveInstanceTags } from '../../mesh-model/effective-tags';
import { buildGatewayModel, type PartialAttachment } from '../../mesh-model/mesh-model';
import { backendShares, describeBackendRef } from '../../traffic/backends';
import { NO_ROUTES_MESSAGE } from '../../traffic/evaluate-request';
import { type GatewayInstance, listenerTagSet } from '../../traffic/gateway-binding';
import {
  type ConfigFailure,
  type GatewayRouting,
  gatewayRouting,
  type ListenerRouting,
  unservedOutcome,
} from '../../traffic/gateway-config';
import {
  describeListener,
  hostnamesTakenByMoreExactListeners,
  type IndexedListener,
  indexedListeners,
} from '../../traffic/listener-selection';
import {
  type HostnameOutcome,
  type ListenerRoutes,
  type RouteKind,
  routeFamilyForProtocol,
} from '../../traffic/route-attachment';
import { describeMatch } from '../../traffic/route-matching';

/** The mesh as far as the gateway screens know it: one gateway's mesh, its routes and proxies. */
export function gatewaySnapshot(input: {
  mesh: Mesh | string;
  gateways: readonly MeshGateway[];
  dataplanes: readonly DataplaneOverview[];
  httpRoutes?: readonly MeshHTTPRoute[];
  tcpRoutes?: readonly MeshTCPRoute[];
}): MeshSnapshot {
  const mesh: Mesh =
    typeof input.mesh === 'string' ? { type: 'Mesh', name: input.mesh } : input.mesh;
  const seen = new Set<string>();
  const dataplanes = input.dataplanes.filter((dataplane) => {
    const key = `${dataplane.mesh}\u0000${dataplane.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    mesh,
    gateways: [...input.gateways],
    dataplanes,
    httpRoutes: [...(input.httpRoutes ?? [])],
    tcpRoutes: [...(input.tcpRoutes ?? [])],
    trafficPermissions: [],
    meshServices: [],
    serviceInsights: [],
  };
}

// ---------------------------------------------------------------- routes for display

export interface BackendView {
  /** The backend's name, shown as text. */
  name: string;
  /** Kind, namespace, port, subset tags: `MeshService backend:8080`. */
  detail: string;
  weight: number;
  /** Whole percent of the rule's requests. */
  percent: number;
  /** The service's name for its page, when the ref names a service (not an external one). */
  service?: string;
}

export interface RuleView {
  key: string;
  /** One line per match (path type+value, method, headers, query); `any request` when none. */
  matches: string[];
  filters: string[];
  backends: BackendView[];
}

export interface ToEntryView {
  key: string;
  /** How each of this entry's hostnames lands on the listener (HTTP only). */
  hostnames: HostnameOutcome[];
  /** False when none of the entry's hostnames can be served by this listener. */
  applies: boolean;
  rules: RuleView[];
}

export interface AttachedRouteView {
  kind: RouteKind;
  name: string;
  reason: string;
  entries: ToEntryView[];
  /** MeshTCPRoute only: a later route replaces this one on the listener. */
  overriddenBy?: string;
}

export interface DetachedRouteView {
  kind: RouteKind;
  name: string;
  reason: string;
}

function backendName(ref: BackendRef): string {
  if (ref.name) return ref.name;
  const labels = Object.entries(ref.labels ?? {}).map(([key, value]) => `${key}=${value}`);
  return labels.length > 0 ? labels.join(', ') : '(no name)';
}

export function backendViews(refs: readonly BackendRef[] | undefined): BackendView[] {
  return backendShares(refs ?? []).map(({ ref, weight, share }) => ({
    name: backendName(ref),
    detail: describeBackendRef(ref),
    weight,
    percent: Math.round(share * 100),
    ...((ref.kind ?? 'MeshService') === 'MeshService' || ref.kind === 'MeshServiceSubset'
      ? ref.name
        ? { service: ref.name }
        : {}
      : {}),
  }));
}

function describeFilter(filter: HttpRouteFilter): string {
  switch (filter.type) {
    case 'RequestRedirect': {
      const redirect = filter.requestRedirect;
      const target = [
        redirect?.scheme ? `${redirect.scheme}://` : '',
        redirect?.hostname ?? '',
        redirect?.port ? `:${redirect.port}` : '',
        redirect?.path?.replaceFullPath ?? redirect?.path?.replacePrefixMatch ?? '',
      ].join('');
      return `redirect${redirect?.statusCode ? ` ${redirect.statusCode}` : ''}${target ? ` to ${target}` : ''}`;
    }
    case 'URLRewrite': {
      const rewrite = filter.urlRewrite;
      const parts = [
        rewrite?.hostname ? `host ${rewrite.hostname}` : '',
        rewrite?.path?.replaceFullPath ? `path ${rewrite.path.replaceFullPath}` : '',
        rewrite?.path?.replacePrefixMatch ? `prefix ${rewrite.path.replacePrefixMatch}` : '',
      ].filter(Boolean);
      return `rewrite${parts.length > 0 ? ` ${parts.join(', ')}` : ''}`;
    }
    case 'RequestMirror':
      return `mirror to ${filter.requestMirror ? backendName(filter.requestMirror.backendRef) : '?'}`;
    case 'RequestHeaderModifier':
      return 'modify request headers';
    case 'ResponseHeaderModifier':
      return 'modify response headers';
    default:
      return String((filter as { type?: unknown }).type ?? 'filter');
  }
}

export function httpRouteView(
  route: MeshHTTPRoute,
  reason: string,
  outcomes: readonly HostnameOutcome[],
): AttachedRouteView {
  const entries: ToEntryView[] = (route.spec?.to ?? []).flatMap((to, toIndex) => {
    if ((to?.targetRef?.kind ?? 'Mesh') !== 'Mesh') return [];
    const hostnames = outcomes.filter((outcome) => outcome.toIndex === toIndex);
    return [
      {
        key: String(toIndex),
        hostnames,
        applies: hostnames.some((outcome) => outcome.virtualHost && !outcome.takenBy),
        rules: (to.rules ?? []).map((rule, ruleIndex) => ({
          key: String(ruleIndex),
          matches:
            rule?.matches && rule.matches.length > 0
              ? rule.matches.map((match) => describeMatch(match))
              : ['any request'],
          filters: (rule?.default?.filters ?? []).map(describeFilter),
          backends: backendViews(rule?.default?.backendRefs),
        })),
      },
    ];
  });
  return { kind: 'MeshHTTPRoute', name: route.name, reason, entries };
}

export function tcpRouteView(route: MeshTCPRoute, reason: string): AttachedRouteView {
  const entries: ToEntryView[] = (route.spec?.to ?? []).flatMap((to, toIndex) => {
    if ((to?.targetRef?.kind ?? 'Mesh') !== 'Mesh') return [];
    return [
      {
        key: String(toIndex),
        hostnames: [],
        applies: true,
        rules: (to.rules ?? []).map((rule, ruleIndex) => ({
          key: String(ruleIndex),
          matches: ['every connection'],
          filters: [],
          backends: backendViews(rule?.default?.backendRefs),
        })),
      },
    ];
  });
  return { kind: 'MeshTCPRoute', name: route.name, reason, entries };
}

// ---------------------------------------------------------------- listeners

export interface ListenerProblem {
  /** `error`: the listener breaks the whole gateway; `warning`: only this listener fails. */
  severity: 'error' | 'warning';
  /** A few words for the listener's badge: "no route", "TLS fails", "breaks the gateway". */
  label: string;
  /** What clients see and why, in one or two sentences. */
  text: string;
}

export interface ListenerView {
  entry: IndexedListener;
  /** "listener #1 (HTTPS :443, hostname shop.example.com)". */
  title: string;
  /** Dataplane gateway tags ∪ MeshGateway tags ∪ listener tags. */
  tagSet: Tags;
  /** Hosts a more exact listener on the same port takes away from this one. */
  hostsTakenElsewhere: string[];
  /** Attached routes in merge order (a conflict goes to the later one). */
  attached: AttachedRouteView[];
  /** Routes that target the gateway but do nothing on this listener, with the reason. */
  detached: DetachedRouteView[];
  /** Set when the listener serves no request or connection at all. */
  problem?: ListenerProblem;
  raw: ListenerRoutes;
}

const NO_ROUTES: ListenerRoutes = { http: [], tcp: [], attachedHttp: [], attachedTcp: [] };

const WHOLE_GATEWAY =
  'kuma-cp cannot build the gateway, so none of its listeners works (see the error above).';

/** Words for what `unservedOutcome` says a client meets on this listener. */
function listenerProblem(
  entry: IndexedListener,
  generated: ListenerRouting | undefined,
  routing: GatewayRouting,
): ListenerProblem | undefined {
  const routes = generated?.routes ?? NO_ROUTES;
  const virtualHosts = generated?.virtualHosts ?? [];
  const outcome = unservedOutcome({ entry, routes, virtualHosts }, routing);
  const why =
    routes.attachedHttp.length === 0
      ? 'No MeshHTTPRoute attaches to this listener'
      : virtualHosts.length === 0
        ? `Every virtual host of the attached routes belongs to a more exact listener on port ${entry.port}`
        : 'The attached routes have no rule here';
  switch (outcome) {
    case undefined:
      return undefined;
    case 'breaks-gateway':
      return {
        severity: 'error',
        label: 'breaks the gateway',
        text:
          routing.failure?.kind === 'tcp-backend-without-weight'
            ? `MeshTCPRoute "${routing.failure.route?.name}" has a backendRef without weight: ${WHOLE_GATEWAY}`
            : `No MeshHTTPRoute gives port ${entry.port} a virtual host: ${WHOLE_GATEWAY}`,
      };
    case 'reset':
      return {
        severity: 'warning',
        label: 'no route',
        text: 'No MeshTCPRoute attaches to this listener: the gateway closes every connection.',
      };
    case 'no-protocol':
      return {
        severity: 'warning',
        label: 'no route',
        text: `Protocol "${entry.protocol || 'none'}" takes no route.`,
      };
    case 'kuma-404':
      return {
        severity: 'warning',
        label: 'no route',
        text: `No route attaches to any listener of this gateway: kuma-cp builds it without routes, and it answers 404 to every request ("${NO_ROUTES_MESSAGE}").`,
      };
    case 'no-tls-chain':
      return {
        severity: 'warning',
        label: 'TLS fails',
        text: `${why}: kuma-cp generates no TLS filter chain for ${entry.hostname}, so TLS handshakes fail.`,
      };
    case 'envoy-404':
      return {
        severity: 'warning',
        label: 'no route',
        text: `${why}: requests that land here get Envoy's own empty 404, not Kuma's "No routes match" page.`,
      };
  }
}

/**
 * One view per listener of `gateway`, with its routes, from what kuma-cp generates for proxies
 * with `instanceTags` (`gatewayRouting`, computed here unless given).
 */
export function listenerViews(
  snapshot: MeshSnapshot,
  gateway: MeshGateway,
  instanceTags: Tags,
  routing: GatewayRouting = gatewayRouting(snapshot, gateway, instanceTags),
): ListenerView[] {
  const listeners = indexedListeners(gateway);
  return listeners.map((entry) => {
    const onPort = listeners.filter((other) => other.port === entry.port);
    const generated = routing.listeners.find((listener) => listener.entry.index === entry.index);
    const tagSet = generated?.tags ?? listenerTagSet(instanceTags, gateway, entry.listener);
    const raw = generated?.routes ?? NO_ROUTES;
    const family = routeFamilyForProtocol(entry.protocol);
    let attached: AttachedRouteView[];
    if (family === 'tcp') {
      const effective = generated?.effectiveTcp;
      attached = raw.attachedTcp.map((route) => {
        const outcome = raw.tcp.find((attachment) => attachment.route === route);
        const view = tcpRouteView(route, outcome?.reason ?? '');
        return route === effective || !effective ? view : { ...view, overriddenBy: effective.name };
      });
    } else {
      attached = raw.attachedHttp.map((route) => {
        const outcome = raw.http.find((attachment) => attachment.route === route);
        return httpRouteView(route, outcome?.reason ?? '', outcome?.hostnames ?? []);
      });
    }
    const detached: DetachedRouteView[] = [...raw.http, ...raw.tcp]
      .filter((attachment) => !attachment.attached)
      .map((attachment) => ({
        kind: attachment.kind,
        name: attachment.route.name,
        reason: attachment.reason,
      }));
    const problem = listenerProblem(entry, generated, routing);
    return {
      entry,
      title: describeListener(entry),
      tagSet,
      hostsTakenElsewhere: hostnamesTakenByMoreExactListeners(entry, onPort),
      attached,
      detached,
      ...(problem ? { problem } : {}),
      raw,
    };
  });
}

// ---------------------------------------------------------------- the whole gateway

export interface BuiltinGatewayModel {
  snapshot: MeshSnapshot;
  /** Dataplanes bound to this gateway (best-match binding), online first. */
  instances: GatewayInstance[];
  /** Dataplanes the gateway's selectors match but that a better MeshGateway took. */
  stolen: { instance: GatewayInstance; boundTo: MeshGateway }[];
  /** The Dataplane gateway tags every instance satisfies (`src/mesh-model`). */
  instanceTags: Tags;
  listeners: ListenerView[];
  /** Set when kuma-cp cannot generate any configuration for the gateway's proxies. */
  failure?: ConfigFailure;
}

/** A detached route that does attach on some instances says so, naming them. */
function withPartialReasons(
  view: ListenerView,
  partial: readonly PartialAttachment[],
): ListenerView {
  if (partial.length === 0) return view;
  return {
    ...view,
    detached: view.detached.map((route) => {
      const found = partial.find(
        (entry) => entry.kind === route.kind && entry.route.name === route.name,
      );
      return found ? { ...route, reason: found.reason } : route;
    }),
  };
}

/**
 * Everything the built-in detail screen shows, from the gateway, its selector-matched
 * instances, the other MeshGateways of the mesh with theirs (for Kuma's one-gateway-per-proxy
 * binding), and the mesh's routes. Binding, tags and attachment come from the mesh model
 * every other screen reads; this only shapes them for display.
 */
export function builtinGatewayModel(input: {
  mesh: Mesh | string;
  gateway: MeshGateway;
  /** Dataplanes matching the gateway's selectors (from `builtinGatewayQuery`). */
  candidates: readonly DataplaneOverview[];
  /** The mesh's other built-in gateways with their selector-matched Dataplanes. */
  siblings?: readonly { gateway: MeshGateway; instances: readonly DataplaneOverview[] }[];
  httpRoutes?: readonly MeshHTTPRoute[];
  tcpRoutes?: readonly MeshTCPRoute[];
}): BuiltinGatewayModel {
  const { gateway } = input;
  const others = (input.siblings ?? []).filter(
    (entry) => entry.gateway.name !== gateway.name || entry.gateway.mesh !== gateway.mesh,
  );
  const snapshot = gatewaySnapshot({
    mesh: input.mesh,
    gateways: [gateway, ...others.map((entry) => entry.gateway)],
    dataplanes: [...input.candidates, ...others.flatMap((entry) => entry.instances)],
    httpRoutes: input.httpRoutes,
    tcpRoutes: input.tcpRoutes,
  });
  const model = buildGatewayModel(snapshot).builtinGateway(gateway.name);
  const instances = model?.instances ?? [];
  const instanceTags = model?.instanceTags ?? effectiveInstanceTags([], gateway);
  const routing = model?.routing ?? gatewayRouting(snapshot, gateway, instanceTags);
  return {
    snapshot,
    instances,
    stolen: model?.stolen ?? [],
    instanceTags,
    listeners: listenerViews(snapshot, gateway, instanceTags, routing).map((view, index) =>
      withPartialReasons(view, model?.listeners[index]?.partial ?? []),
    ),
    ...(routing.failure ? { failure: routing.failure } : {}),
  };
}
