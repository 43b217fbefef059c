/**
 * A MeshGateway kuma-cp cannot generate any configuration for (src/traffic/gateway-config.ts):
 * an HTTP port no MeshHTTPRoute gives a virtual host while other listeners have routes, or a
 * MeshTCPRoute backendRef without weight. Its proxies stay connected and online, so nothing else
 * in the API shows the fault: their DataplaneInsight just counts no LDS, CDS or RDS response.
 */
import type { DiscoverySubscription } from '../../kuma/types';
import { gatewayId } from '../../topology/types';
import { describeListener } from '../../traffic/listener-selection';
import { formatTags, makeFinding } from '../finding';
import type { BuiltinGatewayModel, MeshModel } from '../model';
import type { Finding, FixAction, ResourceRef } from '../types';
import { counterValue } from './config';

const CONFIG_TYPES = ['lds', 'cds', 'rds'] as const;

function responsesSent(subscription: DiscoverySubscription | undefined): number {
  const status = subscription?.status;
  return CONFIG_TYPES.reduce((sum, type) => sum + counterValue(status?.[type]?.responsesSent), 0);
}

/** What the proxies' xDS counters say: none got configuration, or some run on an older one. */
function instanceEvidence(gateway: BuiltinGatewayModel): string {
  const online = gateway.instances.filter((instance) => instance.online);
  if (online.length === 0) {
    return `No instance is online now; the next one to start gets no configuration either.`;
  }
  const starved = online.filter(
    (instance) => responsesSent(instance.dataplane.dataplaneInsight?.subscriptions?.at(-1)) === 0,
  );
  const stale = online.filter((instance) => !starved.includes(instance));
  return [
    starved.length > 0
      ? `${starved.map((instance) => instance.name).join(', ')} ${starved.length === 1 ? 'is' : 'are'} online and ${starved.length === 1 ? 'has' : 'have'} received no LDS, CDS or RDS response on ${starved.length === 1 ? 'its' : 'their'} current xDS stream.`
      : '',
    stale.length > 0
      ? `${stale.map((instance) => instance.name).join(', ')} received configuration on ${stale.length === 1 ? 'its' : 'their'} current xDS stream before the change, and ${stale.length === 1 ? 'keeps' : 'keep'} serving it until ${stale.length === 1 ? 'it restarts' : 'they restart'}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function portFinding(model: MeshModel, gateway: BuiltinGatewayModel, port: number): Finding {
  const name = gateway.gateway.name;
  const onPort = gateway.listeners.filter(
    (listener) => listener.entry.port === port && listener.entry.protocol === 'HTTP',
  );
  const first = onPort[0];
  const routed = gateway.listeners.filter(
    (listener) => listener.routes.attachedHttp.length + listener.routes.attachedTcp.length > 0,
  );
  const routes = [
    ...new Map(
      routed
        .flatMap((listener) => [...listener.routes.attachedHttp, ...listener.routes.attachedTcp])
        .map((route) => [`${route.type}/${route.name}`, route]),
    ).values(),
  ];
  const unserved = onPort
    .map((listener) => describeListener(listener.entry))
    .join(', ')
    .replace(/^listener/, 'Listener');
  const notAttached = onPort.flatMap((listener) =>
    listener.routes.http.filter((attachment) => !attachment.attached).map((a) => a.reason),
  );
  const fixAction: FixAction | undefined = first
    ? {
        kind: 'new-route',
        mesh: model.name,
        name,
        listenerIndex: first.entry.index,
        routeKind: 'http',
      }
    : undefined;
  return makeFinding({
    rule: 'gateway-not-built',
    severity: 'error',
    mesh: model.name,
    subject: { type: 'MeshGateway', mesh: model.name, name },
    qualifier: `port-${port}`,
    related: routes.map((route) => ({
      type: route.type ?? 'MeshHTTPRoute',
      mesh: route.mesh ?? model.name,
      name: route.name,
    })),
    nodeIds: [gatewayId(model.name, 'builtin', name)],
    title: `kuma-cp cannot build MeshGateway "${name}": HTTP port ${port} has no route`,
    symptom: `Every listener of the gateway is down, not only port ${port}: a proxy that starts now gets no configuration and refuses every connection; a running one keeps its last configuration and ignores every change to the gateway and its routes.`,
    evidence: [
      `${unserved} ${onPort.length === 1 ? 'gets' : 'get'} no virtual host from any MeshHTTPRoute.`,
      `${routes.map((route) => `${route.type} "${route.name}"`).join(', ')} ${routes.length === 1 ? 'attaches' : 'attach'} to other listeners, so kuma-cp builds the gateway with its route plugins, which need a virtual host on every HTTP port; the generation fails (kuma-cp 2.6 logs "expected exactly one ListenerHostname with HTTP listener", 2.14 "inconsistent snapshot") on every resync.`,
      notAttached.length > 0 ? `Not attached to port ${port}: ${notAttached.join(' ')}` : '',
      instanceEvidence(gateway),
    ],
    fix: `Attach a MeshHTTPRoute to port ${port}: targetRef {kind: MeshGateway, name: ${name}} with tags that are a subset of ${formatTags(first?.tags)} and hostnames inside ${first?.entry.hostname ?? '*'} (or none). Or remove the listener${onPort.length === 1 ? '' : 's'} on port ${port}.`,
    ...(fixAction ? { fixAction } : {}),
  });
}

function weightFinding(
  model: MeshModel,
  gateway: BuiltinGatewayModel,
  route: ResourceRef,
  summary: string,
): Finding {
  const name = gateway.gateway.name;
  return makeFinding({
    rule: 'gateway-not-built',
    severity: 'error',
    mesh: model.name,
    subject: { type: 'MeshGateway', mesh: model.name, name },
    qualifier: `route-${route.name}`,
    related: [route],
    nodeIds: [gatewayId(model.name, 'builtin', name)],
    title: `kuma-cp cannot build MeshGateway "${name}": MeshTCPRoute "${route.name}" has a backendRef without weight`,
    symptom:
      'Every listener of the gateway is down: a proxy that starts now gets no configuration and refuses every connection; a running one keeps its last configuration and ignores every change to the gateway and its routes.',
    evidence: [
      summary,
      'kuma-cp dereferences the weight while it generates the gateway’s TCP routes and the generation stops (kuma-cp 2.6 stores a backendRef as it was written; 2.7 and later store weight 1 when it is left out).',
      instanceEvidence(gateway),
    ],
    fix: `Give every backendRef of MeshTCPRoute "${route.name}" a weight (1 for a single backend).`,
    fixAction: {
      kind: 'edit-route',
      mesh: model.name,
      name: route.name,
      routeKind: 'tcp',
      gateway: name,
    },
  });
}

export function gatewayNotBuilt(model: MeshModel): Finding[] {
  const findings: Finding[] = [];
  for (const gateway of model.builtin) {
    const failure = gateway.routing.failure;
    if (!failure) continue;
    if (failure.kind === 'http-port-without-virtual-host' && failure.port !== undefined) {
      findings.push(portFinding(model, gateway, failure.port));
    } else if (failure.kind === 'tcp-backend-without-weight' && failure.route) {
      findings.push(weightFinding(model, gateway, failure.route, failure.summary));
    }
  }
  return findings;
}
