/**
 * What kuma-cp generates for a built-in gateway's proxies, listener by listener, and when it
 * cannot generate anything at all. Facts from the configuration a real kuma-cp (2.6.15, 2.14.3)
 * sends a connected gateway proxy (real-cp/debugger):
 *
 * - While no route attaches to any listener, kuma-cp builds the gateway the old way: every HTTP
 *   listener answers 404 "This is a Kuma MeshGateway. No routes match this MeshGateway!".
 * - Once one route attaches, the route plugins build it, and every HTTP port (cross-mesh too)
 *   needs a virtual host from some route: one port without any makes the whole generation fail
 *   (2.6: "expected exactly one ListenerHostname with HTTP listener"; 2.14: "inconsistent
 *   snapshot"; a cross-mesh port: a runtime panic). The proxies then get no configuration.
 * - A MeshTCPRoute backendRef without `weight` panics the generation (kuma-cp dereferences it;
 *   2.7+ stores the default weight, 2.6 stores what was sent).
 * - Hostnames without a virtual host get nothing: no TLS filter chain on HTTPS (the handshake
 *   fails), no virtual host on HTTP (Envoy's own empty 404).
 */
import type { MeshSnapshot } from '../kuma/snapshot';
import type { MeshGateway, MeshTCPRoute, Tags } from '../kuma/types';
import { listenerTagSet } from './gateway-binding';
import {
  hostnamesTakenByMoreExactListeners,
  type IndexedListener,
  indexedListeners,
} from './listener-selection';
import { type ListenerRoutes, routeFamilyForProtocol, routesForListener } from './route-attachment';
import { buildVirtualHosts, type VirtualHost } from './route-matching';

export interface ListenerRouting {
  entry: IndexedListener;
  onPort: IndexedListener[];
  tags: Tags;
  routes: ListenerRoutes;
  /** HTTP and HTTPS: the virtual hosts this listener gets. */
  virtualHosts: VirtualHost[];
  /** TCP and TLS: the route whose rules carry connections (the last in merge order). */
  effectiveTcp?: MeshTCPRoute;
}

export type ConfigFailureKind = 'http-port-without-virtual-host' | 'tcp-backend-without-weight';

export interface ConfigFailure {
  kind: ConfigFailureKind;
  /** The port, or the route, that breaks the generation. */
  port?: number;
  route?: { type: 'MeshTCPRoute'; mesh: string; name: string };
  /** One sentence: what kuma-cp cannot do and why. */
  summary: string;
  /** What the proxies and clients see, and what to change. */
  detail: string;
}

export interface GatewayRouting {
  listeners: ListenerRouting[];
  /** Some route attaches to some listener: kuma-cp's route plugins build the gateway. */
  routed: boolean;
  /** Set when kuma-cp cannot generate any configuration for the gateway's proxies. */
  failure?: ConfigFailure;
}

const NO_CONFIGURATION =
  'Its proxies get no configuration: one that starts now has no listener and refuses every connection; one already running keeps its last configuration. kuma-cp logs the error on every resync.';

function listenerRouting(
  mesh: MeshSnapshot,
  gateway: MeshGateway,
  instanceTags: Tags,
  entry: IndexedListener,
  all: readonly IndexedListener[],
): ListenerRouting {
  const onPort = all.filter((other) => other.port === entry.port);
  const tags = listenerTagSet(instanceTags, gateway, entry.listener);
  const routes = routesForListener(mesh, { gateway, listener: entry, tags, onPort });
  const http = entry.protocol === 'HTTP' || entry.protocol === 'HTTPS';
  return {
    entry,
    onPort,
    tags,
    routes,
    virtualHosts: http
      ? buildVirtualHosts(
          routes.attachedHttp,
          entry.hostname,
          hostnamesTakenByMoreExactListeners(entry, onPort),
        )
      : [],
    ...(!http && routes.attachedTcp.length > 0
      ? { effectiveTcp: routes.attachedTcp[routes.attachedTcp.length - 1] }
      : {}),
  };
}

function httpPortWithoutVirtualHost(listeners: readonly ListenerRouting[]): number | undefined {
  const ports = new Map<number, boolean>();
  for (const listener of listeners) {
    if (listener.entry.protocol !== 'HTTP' || listener.entry.port === undefined) continue;
    const port = listener.entry.port;
    ports.set(port, (ports.get(port) ?? false) || listener.virtualHosts.length > 0);
  }
  return [...ports].find(([, served]) => !served)?.[0];
}

function tcpRouteWithoutWeight(listeners: readonly ListenerRouting[]): MeshTCPRoute | undefined {
  return listeners
    .flatMap((listener) => (listener.effectiveTcp ? [listener.effectiveTcp] : []))
    .find((route) =>
      (route.spec?.to ?? []).some((to) =>
        (to?.rules ?? []).some((rule) =>
          (rule?.default?.backendRefs ?? []).some((ref) => ref?.weight === undefined),
        ),
      ),
    );
}

/** The routing kuma-cp generates for a gateway whose instances carry `instanceTags`. */
export function gatewayRouting(
  mesh: MeshSnapshot,
  gateway: MeshGateway,
  instanceTags: Tags,
): GatewayRouting {
  const all = indexedListeners(gateway).filter((entry) => entry.port !== undefined);
  const listeners = all.map((entry) => listenerRouting(mesh, gateway, instanceTags, entry, all));
  const routed = listeners.some(
    (listener) => listener.routes.attachedHttp.length > 0 || listener.routes.attachedTcp.length > 0,
  );
  if (!routed) return { listeners, routed };
  const port = httpPortWithoutVirtualHost(listeners);
  if (port !== undefined) {
    return {
      listeners,
      routed,
      failure: {
        kind: 'http-port-without-virtual-host',
        port,
        summary: `kuma-cp cannot build MeshGateway "${gateway.name}": HTTP port ${port} gets no virtual host from any MeshHTTPRoute, while other listeners have routes.`,
        detail: `${NO_CONFIGURATION} Attach a MeshHTTPRoute to port ${port} (its targetRef tags must select the listener and its hostnames intersect the listener hostname), or remove the listener.`,
      },
    };
  }
  const route = tcpRouteWithoutWeight(listeners);
  if (route) {
    return {
      listeners,
      routed,
      failure: {
        kind: 'tcp-backend-without-weight',
        route: { type: 'MeshTCPRoute', mesh: route.mesh ?? gateway.mesh ?? '', name: route.name },
        summary: `kuma-cp cannot build MeshGateway "${gateway.name}": MeshTCPRoute "${route.name}" has a backendRef without weight, and generating the gateway's TCP routes stops on it.`,
        detail: `${NO_CONFIGURATION} Give every backendRef of the route a weight (kuma-cp 2.7+ stores weight 1 when it is left out).`,
      },
    };
  }
  return { listeners, routed };
}

/**
 * What a client meets on a listener kuma-cp routes nothing to; undefined when it serves
 * requests or connections.
 * - `breaks-gateway`: the listener is why kuma-cp cannot build the gateway at all;
 * - `kuma-404`: no route attaches anywhere, so the gateway is built the old way, with Kuma's
 *   "No routes match" page;
 * - `no-tls-chain`: HTTPS without a virtual host, so no TLS filter chain and the handshake fails;
 * - `envoy-404`: no virtual host with rules, so Envoy's own empty 404;
 * - `reset`: TCP or TLS without a MeshTCPRoute, so the connection is accepted and closed;
 * - `no-protocol`: a protocol that takes no route.
 */
export type UnservedOutcome =
  | 'breaks-gateway'
  | 'kuma-404'
  | 'no-tls-chain'
  | 'envoy-404'
  | 'reset'
  | 'no-protocol';

export function unservedOutcome(
  listener: Pick<ListenerRouting, 'entry' | 'routes' | 'virtualHosts'>,
  routing: Pick<GatewayRouting, 'routed' | 'failure'>,
): UnservedOutcome | undefined {
  const { entry, routes, virtualHosts } = listener;
  const { failure } = routing;
  if (
    failure?.kind === 'http-port-without-virtual-host' &&
    failure.port === entry.port &&
    entry.protocol === 'HTTP'
  ) {
    return 'breaks-gateway';
  }
  const effectiveTcp = routes.attachedTcp[routes.attachedTcp.length - 1];
  if (
    failure?.kind === 'tcp-backend-without-weight' &&
    failure.route?.name === effectiveTcp?.name
  ) {
    return 'breaks-gateway';
  }
  const family = routeFamilyForProtocol(entry.protocol);
  if (family === 'tcp') return effectiveTcp ? undefined : 'reset';
  if (family !== 'http') return 'no-protocol';
  if (virtualHosts.some((host) => host.entries.length > 0)) return undefined;
  if (!routing.routed) return 'kuma-404';
  return entry.protocol === 'HTTPS' && virtualHosts.length === 0 ? 'no-tls-chain' : 'envoy-404';
}
