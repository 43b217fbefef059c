/**
 * Which MeshHTTPRoutes / MeshTCPRoutes attach to a MeshGateway listener (gateway-semantics.md
 * §1.4, §1.5, §6.2 rules 3 and 5; facts from kumahq/kuma
 * `pkg/plugins/policies/core/matchers/dataplane.go`, `meshhttproute/plugin/v1alpha1/gateway_routes.go`).
 *
 * A route attaches to a listener when
 *  1. `spec.targetRef` is `{kind: MeshGateway, name: <gateway>}` in the gateway's mesh,
 *  2. every `spec.targetRef.tags` entry is in the listener tag set
 *     (Dataplane gateway tags ∪ MeshGateway tags ∪ listener tags; `*` matches any value),
 *  3. the protocol family fits: MeshHTTPRoute on HTTP/HTTPS, MeshTCPRoute on TCP/TLS,
 *  4. (MeshHTTPRoute) some `to[].hostnames` entry intersects the listener hostname
 *     (no hostnames means `*`).
 *
 * Several attached routes merge in the order kuma-cp lists them, by resource name, each later
 * one overriding the earlier: for the same `matches`, the route whose name sorts last wins.
 * `targetRef.tags` do not rank routes on a gateway listener (kuma-cp's per-listener rules skip
 * the targetRef sort that `_rules` shows); the real kuma-cp's generated configuration says so
 * (real-cp/debugger).
 */
import { displayNameOf } from '../kuma/display-name';
import type { MeshSnapshot } from '../kuma/snapshot';
import type { MeshGateway, MeshHTTPRoute, MeshTCPRoute, Tags, TargetRef } from '../kuma/types';
import { tagSelectorMatches } from './gateway-binding';
import { intersectHostnames, normalizeHostname } from './hostnames';
import { describeListener, type IndexedListener, ownerOfHostname } from './listener-selection';

export type RouteFamily = 'http' | 'tcp';
export type RouteKind = 'MeshHTTPRoute' | 'MeshTCPRoute';

export function routeFamilyForProtocol(protocol: string | undefined): RouteFamily | undefined {
  switch (protocol) {
    case 'HTTP':
    case 'HTTPS':
      return 'http';
    case 'TCP':
    case 'TLS':
      return 'tcp';
    default:
      return undefined;
  }
}

/** kuma-cp resolves a targetRef name against the display name too (KDS renames what it syncs). */
export const displayName = displayNameOf;

function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * Merge order of routes on a gateway listener: negative when `a` is applied before `b` (so `b`
 * overrides `a`). kuma-cp takes them as listed, by resource name.
 */
export function compareRouteMergeOrder(a: { name: string }, b: { name: string }): number {
  return compareText(a.name, b.name);
}

/** Routes in merge order: the route that wins a conflict comes last. */
export function sortRoutesForMerge<R extends MeshHTTPRoute | MeshTCPRoute>(
  routes: readonly R[],
): R[] {
  return [...routes].sort(compareRouteMergeOrder);
}

function formatTags(tags: Tags | undefined): string {
  const entries = Object.entries(tags ?? {});
  return entries.length === 0 ? '{}' : `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
}

/** Does the route's top-level targetRef name this MeshGateway? */
export function routeTargetsGateway(
  route: MeshHTTPRoute | MeshTCPRoute,
  gateway: Pick<MeshGateway, 'name' | 'mesh' | 'labels'>,
): boolean {
  const ref = route.spec?.targetRef;
  if (ref?.kind !== 'MeshGateway') return false;
  if (route.mesh && gateway.mesh && route.mesh !== gateway.mesh) return false;
  return ref.name === gateway.name || ref.name === displayName(gateway);
}

export interface HostnameOutcome {
  toIndex: number;
  /** The route hostname (`*` when the `to` entry has none). */
  routeHostname: string;
  /** The virtual host it produces on this listener; undefined when it does not intersect. */
  virtualHost?: string;
  /** A more exact listener on the same port that owns the virtual host (unreachable here). */
  takenBy?: IndexedListener;
  reason: string;
}

export type AttachmentProblem = 'tags' | 'protocol' | 'hostnames' | 'no-valid-to';

export interface RouteAttachment<R extends MeshHTTPRoute | MeshTCPRoute> {
  route: R;
  kind: RouteKind;
  attached: boolean;
  problem?: AttachmentProblem;
  /** One sentence naming the route and why it (does not) attach. */
  reason: string;
  /** MeshHTTPRoute only: how each `to[].hostnames` entry lands on the listener. */
  hostnames: HostnameOutcome[];
}

export interface ListenerContext {
  gateway: MeshGateway;
  listener: IndexedListener;
  /** Dataplane gateway tags ∪ MeshGateway tags ∪ listener tags. */
  tags: Tags;
  /** All listeners bound to the same port (for hosts taken by more exact listeners). */
  onPort: readonly IndexedListener[];
}

function meshToEntries<T extends { targetRef?: TargetRef }>(to: readonly T[] | undefined) {
  return (to ?? [])
    .map((entry, toIndex) => ({ entry, toIndex }))
    .filter(({ entry }) => (entry?.targetRef?.kind ?? 'Mesh') === 'Mesh');
}

function checkCommon(
  route: MeshHTTPRoute | MeshTCPRoute,
  kind: RouteKind,
  context: ListenerContext,
): { problem?: AttachmentProblem; reason?: string } {
  const where = describeListener(context.listener);
  const refTags = route.spec?.targetRef?.tags;
  if (!tagSelectorMatches(refTags, context.tags)) {
    return {
      problem: 'tags',
      reason: `${kind} "${route.name}" selects listeners with tags ${formatTags(refTags)}, but ${where} has ${formatTags(context.tags)}.`,
    };
  }
  const family = routeFamilyForProtocol(context.listener.protocol);
  const wanted: RouteFamily = kind === 'MeshHTTPRoute' ? 'http' : 'tcp';
  if (family !== wanted) {
    const serves =
      family === 'http' ? 'MeshHTTPRoute' : family === 'tcp' ? 'MeshTCPRoute' : 'no route kind';
    return {
      problem: 'protocol',
      reason: `${kind} "${route.name}" targets this gateway, but ${where} takes ${serves}; it does nothing here.`,
    };
  }
  return {};
}

export function checkHttpRouteAttachment(
  route: MeshHTTPRoute,
  context: ListenerContext,
): RouteAttachment<MeshHTTPRoute> {
  const base = { route, kind: 'MeshHTTPRoute' as const };
  const common = checkCommon(route, 'MeshHTTPRoute', context);
  if (common.problem) {
    return {
      ...base,
      attached: false,
      problem: common.problem,
      reason: common.reason ?? '',
      hostnames: [],
    };
  }
  const entries = meshToEntries(route.spec?.to);
  if (entries.length === 0) {
    return {
      ...base,
      attached: false,
      problem: 'no-valid-to',
      reason: `MeshHTTPRoute "${route.name}" has no to[] entry with targetRef.kind Mesh, the only kind allowed under a MeshGateway.`,
      hostnames: [],
    };
  }
  const listenerHostname = context.listener.hostname;
  const hostnames: HostnameOutcome[] = [];
  for (const { entry, toIndex } of entries) {
    const routeHostnames = entry.hostnames?.length ? entry.hostnames : ['*'];
    for (const raw of routeHostnames) {
      const routeHostname = normalizeHostname(raw);
      const virtualHost = intersectHostnames(routeHostname, listenerHostname);
      if (!virtualHost) {
        hostnames.push({
          toIndex,
          routeHostname,
          reason: `route hostname ${routeHostname} does not intersect listener hostname ${listenerHostname}`,
        });
        continue;
      }
      const takenBy = ownerOfHostname(virtualHost, context.listener, context.onPort);
      hostnames.push({
        toIndex,
        routeHostname,
        virtualHost,
        takenBy,
        reason: takenBy
          ? `virtual host ${virtualHost} is unreachable here: ${describeListener(takenBy)} owns it`
          : `serves virtual host ${virtualHost}`,
      });
    }
  }
  const usable = hostnames.filter((outcome) => outcome.virtualHost);
  if (usable.length === 0) {
    return {
      ...base,
      attached: false,
      problem: 'hostnames',
      reason: `MeshHTTPRoute "${route.name}" matches the listener tags, but none of its hostnames (${hostnames
        .map((outcome) => outcome.routeHostname)
        .join(', ')}) intersects listener hostname ${listenerHostname}; its rules are ignored.`,
      hostnames,
    };
  }
  return {
    ...base,
    attached: true,
    reason: `MeshHTTPRoute "${route.name}" attaches to ${describeListener(context.listener)}: ${usable
      .map((outcome) => outcome.reason)
      .join('; ')}.`,
    hostnames,
  };
}

export function checkTcpRouteAttachment(
  route: MeshTCPRoute,
  context: ListenerContext,
): RouteAttachment<MeshTCPRoute> {
  const base = { route, kind: 'MeshTCPRoute' as const, hostnames: [] };
  const common = checkCommon(route, 'MeshTCPRoute', context);
  if (common.problem)
    return { ...base, attached: false, problem: common.problem, reason: common.reason ?? '' };
  if (meshToEntries(route.spec?.to).length === 0) {
    return {
      ...base,
      attached: false,
      problem: 'no-valid-to',
      reason: `MeshTCPRoute "${route.name}" has no to[] entry with targetRef.kind Mesh, the only kind allowed under a MeshGateway.`,
    };
  }
  return {
    ...base,
    attached: true,
    reason: `MeshTCPRoute "${route.name}" attaches to ${describeListener(context.listener)}.`,
  };
}

export interface ListenerRoutes {
  /** Every MeshHTTPRoute that targets the gateway, with its outcome on this listener. */
  http: RouteAttachment<MeshHTTPRoute>[];
  /** Every MeshTCPRoute that targets the gateway, with its outcome on this listener. */
  tcp: RouteAttachment<MeshTCPRoute>[];
  /** Attached MeshHTTPRoutes in merge order (the winner of a conflict last). */
  attachedHttp: MeshHTTPRoute[];
  /** Attached MeshTCPRoutes in merge order (the effective one last). */
  attachedTcp: MeshTCPRoute[];
}

export function routesForListener(mesh: MeshSnapshot, context: ListenerContext): ListenerRoutes {
  const http = (mesh.httpRoutes ?? [])
    .filter((route) => routeTargetsGateway(route, context.gateway))
    .map((route) => checkHttpRouteAttachment(route, context));
  const tcp = (mesh.tcpRoutes ?? [])
    .filter((route) => routeTargetsGateway(route, context.gateway))
    .map((route) => checkTcpRouteAttachment(route, context));
  return {
    http,
    tcp,
    attachedHttp: sortRoutesForMerge(http.filter((a) => a.attached).map((a) => a.route)),
    attachedTcp: sortRoutesForMerge(tcp.filter((a) => a.attached).map((a) => a.route)),
  };
}
