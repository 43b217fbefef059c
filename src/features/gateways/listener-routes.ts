/**
 * What the Listeners tab shows for a built-in gateway: whether kuma-cp can build it at all, and
 * per listener the routes that attach to it and how they route, and the routes that target the
 * gateway but do not attach, with the reason. Binding, tags and attachment are the mesh model's
 * (`src/mesh-model`), read as every other screen reads them; this module only words them.
 */
import type { MeshSnapshot } from '../../kuma/snapshot';
import type {
  DataplaneOverview,
  Mesh,
  MeshGateway,
  MeshHTTPRoute,
  MeshTCPRoute,
  Tags,
} from '../../kuma/types';
import {
  buildGatewayModel,
  type ListenerModel,
  type BuiltinGatewayModel as MeshGatewayModel,
} from '../../mesh-model/mesh-model';
import { NO_ROUTES_MESSAGE } from '../../traffic/evaluate-request';
import type { GatewayInstance } from '../../traffic/gateway-binding';
import {
  type ConfigFailure,
  type GatewayRouting,
  unservedOutcome,
} from '../../traffic/gateway-config';
import {
  describeListener,
  hostnamesTakenByMoreExactListeners,
  type IndexedListener,
} from '../../traffic/listener-selection';
import type { ListenerRoutes } from '../../traffic/route-attachment';
import {
  type AttachedRouteView,
  type DetachedRouteView,
  httpRouteView,
  tcpRouteView,
} from './route-views';

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

const WHOLE_GATEWAY =
  'kuma-cp cannot build the gateway, so none of its listeners works (see the error above).';

/** Words for what `unservedOutcome` says a client meets on this listener. */
function listenerProblem(
  listener: Pick<ListenerModel, 'entry' | 'routes' | 'virtualHosts'>,
  routing: GatewayRouting,
): ListenerProblem | undefined {
  const { entry, routes, virtualHosts } = listener;
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

/** Words for a route that does not attach with the effective tags but does on some instances. */
function partialReason(listener: ListenerModel, route: DetachedRouteView): string {
  const found = listener.partial.find(
    (entry) => entry.kind === route.kind && entry.route.name === route.name,
  );
  return found ? found.reason : route.reason;
}

/** One view per listener of a built-in gateway, from the mesh model's listeners. */
export function listenerViews(
  model: Pick<MeshGatewayModel, 'listeners' | 'routing'>,
): ListenerView[] {
  return model.listeners.map((listener) => {
    const { entry, routes: raw } = listener;
    let attached: AttachedRouteView[];
    if (listener.family === 'tcp') {
      const effective = listener.effectiveTcp;
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
      .map((attachment) => {
        const route = {
          kind: attachment.kind,
          name: attachment.route.name,
          reason: attachment.reason,
        };
        return { ...route, reason: partialReason(listener, route) };
      });
    const problem = listenerProblem(listener, model.routing);
    return {
      entry,
      title: describeListener(entry),
      tagSet: listener.tags,
      hostsTakenElsewhere: hostnamesTakenByMoreExactListeners(entry, listener.onPort),
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
  // The gateway is in the snapshot just built, so the model always has it.
  if (!model) throw new Error(`MeshGateway "${gateway.name}" missing from its own snapshot`);
  return {
    snapshot,
    instances: model.instances,
    stolen: model.stolen,
    instanceTags: model.instanceTags,
    listeners: listenerViews(model),
    ...(model.routing.failure ? { failure: model.routing.failure } : {}),
  };
}
