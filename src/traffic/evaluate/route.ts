/**
 * Route stage of a built-in gateway trace (gateway-semantics.md §1.4): which MeshHTTPRoutes or
 * MeshTCPRoutes attach to the listener, and why the others do not.
 */
import type { MeshSnapshot } from '../../kuma/snapshot';
import type { MeshGateway, MeshTCPRoute } from '../../kuma/types';
import type { GatewayInstance } from '../gateway-binding';
import type { GatewayRouting } from '../gateway-config';
import { describeListener, type IndexedListener } from '../listener-selection';
import { type SourceIdentity, sourceIdentityFromDataplane } from '../permissions';
import type { ListenerRoutes } from '../route-attachment';
import type { VirtualHost } from '../route-matching';
import { evaluateBackends } from './backends';
import type { ListenerFound } from './listener';
import { gatewayResource, type Stage, type Trace } from './trace';
import { type GatewayRequest, NO_ROUTES_MESSAGE, type TraceResult } from './types';

export interface HttpRoutesFound {
  virtualHosts: VirtualHost[];
  /** The identity the gateway's proxy presents to backends. */
  source: SourceIdentity;
}

/**
 * Route stage: the routes kuma-cp attached to the listener for this instance. A TCP or TLS
 * listener goes on to its MeshTCPRoute and backends here; an HTTP one hands its virtual hosts
 * to the rule stage.
 */
export function routeStage(
  trace: Trace,
  mesh: MeshSnapshot,
  gateway: MeshGateway,
  instance: GatewayInstance,
  routing: GatewayRouting,
  found: ListenerFound,
  request: GatewayRequest,
): Stage<HttpRoutesFound> {
  const { entry, protocol, host } = found;
  const meshName = mesh.mesh?.name ?? gateway.mesh ?? '';
  const resource = gatewayResource(gateway, meshName);
  const listenerRouting = routing.listeners.find(
    (candidate) => candidate.entry.index === entry.index,
  );
  const attachment = listenerRouting?.routes ?? {
    http: [],
    tcp: [],
    attachedHttp: [],
    attachedTcp: [],
  };
  const source = sourceIdentityFromDataplane(instance.dataplane);
  if (protocol === 'TCP' || protocol === 'TLS') {
    return continueTcp(trace, mesh, attachment, entry, source);
  }
  const wrongKind = attachment.tcp.map((a) => a.reason);
  const notAttached = attachment.http.filter((a) => !a.attached).map((a) => a.reason);
  const virtualHosts = listenerRouting?.virtualHosts ?? [];
  if (routing.routed && protocol === 'HTTPS' && virtualHosts.length === 0) {
    return trace.fail(
      {
        kind: 'route',
        outcome: 'fail',
        resource,
        summary: `No MeshHTTPRoute gives ${describeListener(entry)} a virtual host, so kuma-cp builds no TLS filter chain for "${host}" and the handshake fails.`,
        detail: [...notAttached, ...wrongKind].join(' ') || undefined,
      },
      'tls-failure',
      0,
      `TLS handshake failed: no filter chain for "${host}" on port ${request.port}.`,
    );
  }
  if (attachment.attachedHttp.length === 0) {
    const detail = [...notAttached, ...wrongKind];
    const why =
      detail.length > 0
        ? detail.join(' ')
        : `No MeshHTTPRoute targets MeshGateway "${gateway.name}" (targetRef kind MeshGateway, name ${gateway.name}).`;
    // Without any attached route kuma-cp builds the gateway the old way, with its own 404 page.
    return routing.routed
      ? trace.fail(
          {
            kind: 'route',
            outcome: 'fail',
            resource,
            summary: `No MeshHTTPRoute attaches to ${describeListener(entry)}, so port ${request.port} has no virtual host for "${host}" and Envoy answers its own empty 404.`,
            detail: why,
          },
          'no-route',
          404,
          `404 Not Found: no virtual host for "${host}" on port ${request.port}.`,
        )
      : trace.fail(
          {
            kind: 'route',
            outcome: 'fail',
            resource,
            summary: `No MeshHTTPRoute attaches to any listener of MeshGateway "${gateway.name}", so kuma-cp builds it without routes and it answers 404 "${NO_ROUTES_MESSAGE}".`,
            detail: why,
          },
          'no-route',
          404,
          NO_ROUTES_MESSAGE,
        );
  }
  const attachedReasons = attachment.http.filter((a) => a.attached).map((a) => a.reason);
  trace.add({
    kind: 'route',
    outcome: notAttached.length > 0 ? 'warn' : 'pass',
    resource: {
      type: 'MeshHTTPRoute',
      mesh: meshName,
      name: attachment.attachedHttp[attachment.attachedHttp.length - 1]?.name ?? '',
    },
    summary: attachedReasons.join(' '),
    detail: notAttached.length > 0 ? `Not attached: ${notAttached.join(' ')}` : undefined,
  });
  return { next: { virtualHosts, source } };
}

/** TCP and TLS listeners: the MeshTCPRoute that carries connections, then its backends. */
export function continueTcp(
  trace: Trace,
  mesh: MeshSnapshot,
  attachment: ListenerRoutes,
  entry: IndexedListener,
  source: SourceIdentity,
): TraceResult {
  const meshName = mesh.mesh?.name ?? '';
  const wrongKind = attachment.http.map((a) => a.reason);
  const notAttached = attachment.tcp.filter((a) => !a.attached).map((a) => a.reason);
  const effective = attachment.attachedTcp[attachment.attachedTcp.length - 1] as
    | MeshTCPRoute
    | undefined;
  if (!effective) {
    const detail = [...notAttached, ...wrongKind];
    return trace.fail(
      {
        kind: 'route',
        outcome: 'fail',
        resource: { type: 'MeshGateway', mesh: meshName, name: '' },
        summary: `No MeshTCPRoute attaches to ${describeListener(entry)}, so the gateway closes the connection.`,
        detail: detail.length > 0 ? detail.join(' ') : undefined,
      },
      'connection-reset',
      0,
      'Connection reset: no MeshTCPRoute serves this listener.',
    );
  }
  const others = attachment.attachedTcp
    .filter((route) => route !== effective)
    .map((route) => `"${route.name}"`);
  const to = [...(effective.spec?.to ?? [])]
    .reverse()
    .find((t) => (t?.targetRef?.kind ?? 'Mesh') === 'Mesh' && t.rules?.length);
  const refs = to?.rules?.[0]?.default?.backendRefs ?? [];
  const routeResource = {
    type: 'MeshTCPRoute' as const,
    mesh: effective.mesh ?? meshName,
    name: effective.name,
  };
  trace.tcpRoute = routeResource;
  trace.add({
    kind: 'route',
    outcome: notAttached.length > 0 || others.length > 0 ? 'warn' : 'pass',
    resource: routeResource,
    summary: `MeshTCPRoute "${effective.name}" carries connections on ${describeListener(entry)}.${
      others.length > 0
        ? ` It overrides ${others.join(', ')} (on a gateway listener the route whose name sorts last wins).`
        : ''
    }`,
    detail: notAttached.length > 0 ? `Not attached: ${notAttached.join(' ')}` : undefined,
  });
  const verdict = evaluateBackends(
    trace,
    mesh,
    refs,
    source,
    'tcp',
    (service) => `Connection proxied to ${service}; the response comes from the backend itself.`,
  );
  return trace.finish(verdict);
}
