/**
 * §6.2 rules 3–5: listeners no route serves, hosts a more exact listener takes away from a
 * wildcard listener that has the routes (the docs' "isolated listeners" example), and
 * MeshHTTPRoute hostnames that never reach a listener. What clients then see depends on what
 * kuma-cp generates (src/traffic/gateway-config.ts): Kuma's 404 page while no route attaches to
 * the gateway at all; once one does, Envoy's own empty 404 for an HTTP host without a virtual
 * host and a failed TLS handshake for an HTTPS one. An HTTP port without any virtual host breaks
 * the whole gateway, which `gateway-not-built` reports.
 */
import type { MeshHTTPRoute } from '../../kuma/types';
import { gatewayId } from '../../topology/types';
import { NO_ROUTES_MESSAGE } from '../../traffic/evaluate-request';
import { unservedOutcome } from '../../traffic/gateway-config';
import { hostnameContains, hostnamesIntersect } from '../../traffic/hostnames';
import { describeListener, type IndexedListener } from '../../traffic/listener-selection';
import { routeTargetsGateway } from '../../traffic/route-attachment';
import { formatTags, makeFinding, routeFormKind } from '../finding';
import type { BuiltinGatewayModel, ListenerModel, MeshModel } from '../model';
import type { Finding, ResourceRef } from '../types';

function gatewayRef(model: MeshModel, gateway: BuiltinGatewayModel): ResourceRef {
  return { type: 'MeshGateway', mesh: model.name, name: gateway.gateway.name };
}

function routeRef(model: MeshModel, route: { type: string; mesh?: string; name: string }) {
  return { type: route.type, mesh: route.mesh ?? model.name, name: route.name };
}

function hostPart(entry: IndexedListener): string {
  return entry.hostname === '*' ? '' : ` for host ${entry.hostname}`;
}

/** What an HTTP or HTTPS client sees for `host` on a listener that has no rule for it. */
function unservedHttpSymptom(
  gateway: BuiltinGatewayModel,
  listener: ListenerModel,
  host: string,
): string {
  const { entry } = listener;
  switch (unservedOutcome(listener, gateway.routing)) {
    case 'kuma-404':
      return `404 "${NO_ROUTES_MESSAGE}" for every request on port ${entry.port}${host} (header server: Kuma Gateway): no route attaches to any listener of the gateway, so kuma-cp builds it without routes.`;
    case 'no-tls-chain':
      return `TLS handshakes on port ${entry.port}${host} fail: without a virtual host kuma-cp generates no TLS filter chain for the listener.`;
    default:
      return `Envoy's own empty 404 (not Kuma's "No routes match" page) for every request on port ${entry.port}${host}: the listener gets no virtual host with rules.`;
  }
}

/** The gateway cannot be built because of this listener: `gateway-not-built` says it. */
function breaksGateway(gateway: BuiltinGatewayModel, listener: ListenerModel): boolean {
  return unservedOutcome(listener, gateway.routing) === 'breaks-gateway';
}

/** A less exact listener on the same port whose routes would serve `listener`'s hostname. */
interface Shadowing {
  listener: ListenerModel;
  by: ListenerModel;
  /** Routes attached to `by` whose hostnames cover the shadowed host. */
  routes: ResourceRef[];
}

function coveringRoutes(model: MeshModel, by: ListenerModel, host: string): ResourceRef[] {
  if (by.family === 'tcp') return by.routes.attachedTcp.map((route) => routeRef(model, route));
  return by.routes.http
    .filter(
      (attachment) =>
        attachment.attached &&
        attachment.hostnames.some(
          (outcome) => outcome.virtualHost && hostnamesIntersect(outcome.virtualHost, host),
        ),
    )
    .map((attachment) => routeRef(model, attachment.route));
}

/** §6.2 rule 4, for HTTP/HTTPS (Host header) and TLS (SNI) listeners. */
function shadowings(model: MeshModel, gateway: BuiltinGatewayModel): Shadowing[] {
  const result: Shadowing[] = [];
  for (const listener of gateway.listeners) {
    const { entry } = listener;
    const hostAware = listener.family === 'http' || entry.protocol === 'TLS';
    if (!hostAware || listener.served || entry.hostname === '*') continue;
    const candidates = gateway.listeners.filter(
      (other) =>
        other !== listener &&
        other.entry.port === entry.port &&
        other.family === listener.family &&
        other.served &&
        other.entry.hostname !== entry.hostname &&
        hostnameContains(other.entry.hostname, entry.hostname),
    );
    for (const by of candidates) {
      const routes = coveringRoutes(model, by, entry.hostname);
      if (routes.length > 0) {
        result.push({ listener, by, routes });
        break;
      }
    }
  }
  return result;
}

function routeKindFor(listener: ListenerModel): 'MeshHTTPRoute' | 'MeshTCPRoute' {
  return listener.family === 'tcp' ? 'MeshTCPRoute' : 'MeshHTTPRoute';
}

export function hostShadowed(model: MeshModel): Finding[] {
  const findings: Finding[] = [];
  for (const gateway of model.builtin) {
    for (const { listener, by, routes } of shadowings(model, gateway)) {
      const { entry } = listener;
      const sni = listener.family === 'tcp';
      const notAttached = [...listener.routes.http, ...listener.routes.tcp]
        .filter((attachment) => !attachment.attached)
        .map((attachment) => attachment.reason);
      findings.push(
        makeFinding({
          rule: 'host-shadowed',
          severity: 'error',
          mesh: model.name,
          subject: gatewayRef(model, gateway),
          qualifier: `port-${entry.port}:${entry.hostname}`,
          related: routes,
          nodeIds: [gatewayId(model.name, 'builtin', gateway.gateway.name)],
          title: `Host ${entry.hostname} on port ${entry.port} of MeshGateway "${gateway.gateway.name}" lands on listener #${entry.index}, which has no routes`,
          symptom: sni
            ? `Connections with SNI ${entry.hostname} on port ${entry.port} are reset: the listener that owns the name has no MeshTCPRoute.`
            : `${unservedHttpSymptom(gateway, listener, ` for host ${entry.hostname}`)} Other hosts of ${by.entry.hostname} work.`,
          evidence: [
            `${describeListener(entry)} is more exact than ${describeListener(by.entry)} on the same port, so Kuma removes ${entry.hostname} from listener #${by.entry.index}.`,
            `${routes.map((route) => `${route.type} "${route.name}"`).join(', ')} ${routes.length === 1 ? 'is' : 'are'} attached to listener #${by.entry.index} and would serve ${entry.hostname} there.`,
            notAttached.length > 0
              ? `Nothing serves listener #${entry.index}: ${notAttached.join(' ')}`
              : `No ${routeKindFor(listener)} attaches to listener #${entry.index} (listener tags ${formatTags(listener.tags)}).`,
          ],
          fix: `Attach a ${routeKindFor(listener)} to listener #${entry.index} (targetRef {kind: MeshGateway, name: ${gateway.gateway.name}} with tags that are a subset of ${formatTags(listener.tags)}), or remove listener #${entry.index} so that listener #${by.entry.index} serves ${entry.hostname}.`,
          fixAction: {
            kind: 'new-route',
            mesh: model.name,
            name: gateway.gateway.name,
            listenerIndex: entry.index,
            routeKind: routeFormKind(routeKindFor(listener)),
          },
        }),
      );
    }
  }
  return findings;
}

export function listenerWithoutRoutes(model: MeshModel): Finding[] {
  const findings: Finding[] = [];
  for (const gateway of model.builtin) {
    const shadowed = new Set(shadowings(model, gateway).map(({ listener }) => listener));
    for (const listener of gateway.listeners) {
      if (!listener.family || listener.served || shadowed.has(listener)) continue;
      if (breaksGateway(gateway, listener)) continue;
      const { entry, routes } = listener;
      const http = listener.family === 'http';
      const kind = routeKindFor(listener);
      const sameKind = http ? routes.http : routes.tcp;
      const wrongKind = http ? routes.tcp : routes.http;
      const evidence: string[] = [];
      if (sameKind.length === 0 && wrongKind.length === 0) {
        evidence.push(
          `No MeshHTTPRoute or MeshTCPRoute in mesh "${model.name}" targets MeshGateway "${gateway.gateway.name}".`,
        );
      } else if (routes.attachedHttp.length === 0 && routes.attachedTcp.length === 0) {
        evidence.push(
          `No ${kind} attaches to ${describeListener(entry)}, whose tag set is ${formatTags(listener.tags)} (Dataplane gateway tags ∪ MeshGateway tags ∪ listener tags).`,
        );
      }
      for (const attachment of sameKind) {
        if (!attachment.attached) evidence.push(attachment.reason);
      }
      for (const attachment of wrongKind) {
        if (attachment.problem === 'protocol') evidence.push(attachment.reason);
      }
      const attachedHttp = routes.attachedHttp;
      if (http && attachedHttp.length > 0) {
        evidence.push(
          listener.virtualHosts.length === 0
            ? `${attachedHttp.map((route) => `MeshHTTPRoute "${route.name}"`).join(', ')} attach, but every virtual host they produce belongs to a more exact listener on port ${entry.port}, so listener #${entry.index} keeps no rules.`
            : `${attachedHttp.map((route) => `MeshHTTPRoute "${route.name}"`).join(', ')} attach, but their rules have no matches, so no route entry is generated.`,
        );
      }
      if (sameKind.length === 0 && wrongKind.length > 0) {
        evidence.push(
          `Only ${wrongKind[0]?.kind ?? 'the other route kind'}s target this gateway; a ${entry.protocol} listener is served by ${kind} only.`,
        );
      }
      // A route that only misses on hostnames, or whose tags select no listener of the gateway.
      const attachedAnywhere = new Set(
        gateway.listeners.flatMap((other) => [
          ...other.routes.attachedHttp,
          ...other.routes.attachedTcp,
        ]),
      );
      const almost = sameKind.find(
        (attachment) =>
          attachment.problem === 'hostnames' ||
          (attachment.problem === 'tags' && !attachedAnywhere.has(attachment.route)),
      );
      findings.push(
        makeFinding({
          rule: 'listener-without-routes',
          severity: 'error',
          mesh: model.name,
          subject: gatewayRef(model, gateway),
          qualifier: `listener-${entry.index}`,
          related: [
            ...sameKind,
            ...wrongKind.filter((attachment) => attachment.problem === 'protocol'),
          ].map((attachment) => routeRef(model, attachment.route)),
          nodeIds: [gatewayId(model.name, 'builtin', gateway.gateway.name)],
          title: `${describeListener(entry).replace(/^listener/, 'Listener')} of MeshGateway "${gateway.gateway.name}" has no routes`,
          symptom: http
            ? unservedHttpSymptom(gateway, listener, hostPart(entry))
            : `Connections on port ${entry.port}${hostPart(entry)} are accepted and then reset: no MeshTCPRoute serves the listener.`,
          evidence,
          fix: almost
            ? `Fix ${kind} "${almost.route.name}": ${almost.problem === 'tags' ? `its targetRef.tags must be a subset of the listener tags ${formatTags(listener.tags)}` : `give it a hostname inside ${entry.hostname} (or none)`}. Or create a ${kind} for this listener.`
            : `Create a ${kind} with targetRef {kind: MeshGateway, name: ${gateway.gateway.name}} and tags that are a subset of ${formatTags(listener.tags)} (for example ${formatTags(entry.listener.tags)}), or remove the listener.`,
          fixAction: almost
            ? {
                kind: 'edit-route',
                mesh: model.name,
                name: almost.route.name,
                routeKind: routeFormKind(almost.kind),
                gateway: gateway.gateway.name,
              }
            : {
                kind: 'new-route',
                mesh: model.name,
                name: gateway.gateway.name,
                listenerIndex: entry.index,
                routeKind: routeFormKind(kind),
              },
        }),
      );
    }
  }
  return findings;
}

interface HostnameVerdict {
  toIndex: number;
  hostname: string;
  /** Virtual host on a listener that keeps it. */
  served: boolean;
  /** Listeners whose more exact hostname owns the virtual host. */
  takenBy: IndexedListener[];
}

function hostnameVerdicts(
  route: MeshHTTPRoute,
  gateway: BuiltinGatewayModel,
): HostnameVerdict[] | undefined {
  const relevant = gateway.listeners
    .filter((listener) => listener.family === 'http')
    .map((listener) => listener.routes.http.find((attachment) => attachment.route === route))
    .filter(
      (attachment) =>
        attachment !== undefined && (attachment.attached || attachment.problem === 'hostnames'),
    );
  if (relevant.length === 0) return undefined;
  const verdicts = new Map<string, HostnameVerdict>();
  for (const attachment of relevant) {
    for (const outcome of attachment?.hostnames ?? []) {
      const key = `${outcome.toIndex}|${outcome.routeHostname}`;
      const verdict = verdicts.get(key) ?? {
        toIndex: outcome.toIndex,
        hostname: outcome.routeHostname,
        served: false,
        takenBy: [],
      };
      verdicts.set(key, verdict);
      if (outcome.virtualHost && !outcome.takenBy) verdict.served = true;
      if (outcome.takenBy && !verdict.takenBy.includes(outcome.takenBy)) {
        verdict.takenBy.push(outcome.takenBy);
      }
    }
  }
  return [...verdicts.values()];
}

export function routeHostnamesNeverMatch(model: MeshModel): Finding[] {
  const findings: Finding[] = [];
  for (const gateway of model.builtin) {
    const httpListeners = gateway.listeners.filter((listener) => listener.family === 'http');
    for (const route of model.mesh.httpRoutes ?? []) {
      if (!routeTargetsGateway(route, gateway.gateway)) continue;
      const verdicts = hostnameVerdicts(route, gateway);
      if (!verdicts) continue;
      const dead = verdicts.filter((verdict) => !verdict.served);
      if (dead.length === 0) continue;
      const none = dead.length === verdicts.length;
      const listenerHostnames = httpListeners
        .map((listener) => `#${listener.entry.index} ${listener.entry.hostname}`)
        .join(', ');
      findings.push(
        makeFinding({
          rule: 'route-hostnames-never-match',
          severity: none ? 'warning' : 'info',
          mesh: model.name,
          subject: routeRef(model, route),
          related: [gatewayRef(model, gateway)],
          nodeIds: [gatewayId(model.name, 'builtin', gateway.gateway.name)],
          title: none
            ? `MeshHTTPRoute "${route.name}" never matches: its hostnames reach no listener of "${gateway.gateway.name}"`
            : `MeshHTTPRoute "${route.name}" has hostnames no listener of "${gateway.gateway.name}" serves`,
          symptom: `The route looks applied, but requests for ${dead.map((verdict) => verdict.hostname).join(', ')} never reach its rules: ${
            gateway.routing.routed
              ? `other routes serve them, or they get Envoy's own empty 404 (a failed TLS handshake on an HTTPS listener without a virtual host)`
              : `they get 404 "${NO_ROUTES_MESSAGE}"`
          }.`,
          evidence: dead.map((verdict) =>
            verdict.takenBy.length > 0
              ? `to[${verdict.toIndex}] hostname ${verdict.hostname} is owned by the more exact ${verdict.takenBy.map(describeListener).join(', ')}, which the route does not attach to, so it is unreachable on the listeners it does attach to.`
              : `to[${verdict.toIndex}] hostname ${verdict.hostname} intersects none of the listener hostnames the route's tags select (HTTP/HTTPS listeners: ${listenerHostnames}); its rules are ignored.`,
          ),
          fix: `Change the hostnames of MeshHTTPRoute "${route.name}" to names inside a listener hostname, or adjust its targetRef.tags so it also attaches to the listener that owns the name.`,
          fixAction: {
            kind: 'edit-route',
            mesh: model.name,
            name: route.name,
            routeKind: 'http',
            gateway: gateway.gateway.name,
          },
        }),
      );
    }
  }
  return findings;
}
