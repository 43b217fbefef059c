import { displayNameOf } from '../../kuma/display-name';
import type { MeshSnapshot } from '../../kuma/snapshot';
import type { DataplaneOverview, MeshGateway } from '../../kuma/types';
import { delegatedGatewayService } from '../../mesh-model/identity';
import { buildGatewayModel } from '../../mesh-model/mesh-model';
import { resolveBackendRef } from '../../traffic/backends';
import type { GatewayRouting } from '../../traffic/gateway-config';
import { indexedListeners } from '../../traffic/listener-selection';
import { dataplaneRefOf } from '../service-health';
import { type GatewayNode, gatewayId, type ListenerSummary, meshId, serviceId } from '../types';
import { type GraphSink, healthOf, trafficKey, type Via, zonesOf } from './graph-builder';
import { outboundService } from './service-links';

/** A gateway node and the services its proxies send traffic to, each with what sends it. */
export interface GatewayBackends {
  node: GatewayNode;
  services: { service: string; via: Via }[];
}

function listenerSummaries(
  mesh: MeshSnapshot,
  gateway: MeshGateway,
  routing: GatewayRouting,
): { summaries: ListenerSummary[]; backends: { service: string; via: Via }[] } {
  const summaries: ListenerSummary[] = indexedListeners(gateway).map((entry) => {
    const listener = routing.listeners.find((candidate) => candidate.entry.index === entry.index);
    return {
      index: entry.index,
      port: entry.port,
      protocol: entry.protocol || 'NONE',
      hostname: entry.hostname,
      crossMesh: Boolean(entry.listener.crossMesh),
      ...(entry.listener.tls?.mode ? { tls: entry.listener.tls.mode } : {}),
      routes: listener
        ? listener.routes.attachedHttp.length + listener.routes.attachedTcp.length
        : 0,
    };
  });
  // Links follow what the gateway's proxies get: the rules left after merging, and nothing
  // when kuma-cp cannot build the gateway at all.
  const backends: { service: string; via: Via }[] = [];
  if (routing.failure) return { summaries, backends };
  for (const listener of routing.listeners) {
    for (const host of listener.virtualHosts) {
      for (const entry of host.entries) {
        const { route } = entry.rule.origin;
        const via = { type: 'MeshHTTPRoute', mesh: route.mesh ?? '', name: route.name };
        for (const ref of entry.rule.default.backendRefs ?? []) {
          backends.push({ service: resolveBackendRef(mesh, ref).service, via });
        }
      }
    }
    const tcp = listener.effectiveTcp;
    if (!tcp) continue;
    const via = { type: 'MeshTCPRoute', mesh: tcp.mesh ?? '', name: tcp.name };
    for (const to of tcp.spec?.to ?? []) {
      for (const rule of to?.rules ?? []) {
        for (const ref of rule?.default?.backendRefs ?? []) {
          backends.push({ service: resolveBackendRef(mesh, ref).service, via });
        }
      }
    }
  }
  return { summaries, backends };
}

/** Built-in gateways: a MeshGateway with its instances, listeners, and where its routes send traffic. */
export function builtinGateways(mesh: MeshSnapshot): GatewayBackends[] {
  const name = mesh.mesh.name;
  // Instances, effective listener tags and attachments: the mesh model every screen reads.
  return buildGatewayModel(mesh).builtin.map(({ gateway, instances, routing }) => {
    const refs = instances.map((instance) => dataplaneRefOf(instance.dataplane));
    const { summaries, backends } = listenerSummaries(mesh, gateway, routing);
    const node: GatewayNode = {
      id: gatewayId(name, 'builtin', gateway.name),
      kind: 'gateway',
      label: displayNameOf(gateway),
      parent: meshId(name),
      mesh: name,
      gatewayKind: 'builtin',
      name: gateway.name,
      displayName: displayNameOf(gateway),
      listeners: summaries,
      instances: refs,
      health: healthOf(refs),
      zones: zonesOf(refs),
      crossMesh: summaries.some((listener) => listener.crossMesh),
    };
    return { node, services: backends };
  });
}

/**
 * Delegated gateways: gateway proxies without `type`, one node per `kuma.io/service`, sending
 * traffic where their outbounds point (the route is Kong's, which Kuma does not see).
 */
export function delegatedGateways(mesh: MeshSnapshot): GatewayBackends[] {
  const name = mesh.mesh.name;
  const delegated = new Map<string, DataplaneOverview[]>();
  for (const dataplane of mesh.dataplanes) {
    const gateway = dataplane.dataplane?.networking?.gateway;
    if (!gateway || gateway.type === 'BUILTIN') continue;
    const service = delegatedGatewayService(dataplane);
    delegated.set(service, [...(delegated.get(service) ?? []), dataplane]);
  }
  return [...delegated.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([service, dataplanes]) => {
      const refs = dataplanes.map(dataplaneRefOf);
      const node: GatewayNode = {
        id: gatewayId(name, 'delegated', service),
        kind: 'gateway',
        label: service,
        parent: meshId(name),
        mesh: name,
        gatewayKind: 'delegated',
        name: service,
        displayName: service,
        listeners: [],
        instances: refs,
        health: healthOf(refs),
        zones: zonesOf(refs),
        crossMesh: false,
      };
      const callees = new Set<string>();
      for (const dataplane of dataplanes) {
        for (const outbound of dataplane.dataplane.networking.outbound ?? []) {
          const callee = outboundService(outbound);
          if (callee) callees.add(callee);
        }
      }
      return {
        node,
        services: [...callees].sort().map((callee) => ({
          service: callee,
          via: { type: 'Dataplane', mesh: name, name: dataplanes[0]?.name ?? service },
        })),
      };
    });
}

/**
 * Gateway → service: managed (the gateway proxy is in the mesh), to services the mesh has. It
 * ends at the service, not at a sidecar: a dataplane serving two services is one sidecar, and
 * the traffic to each service is its own link (with its own rate).
 */
export function addGatewayServiceLinks(
  graph: GraphSink,
  mesh: string,
  gateways: readonly GatewayBackends[],
  known: (service: string) => boolean,
): void {
  for (const { node, services } of gateways) {
    for (const { service, via } of services) {
      if (!known(service)) continue;
      graph.edge(
        {
          source: node.id,
          target: serviceId(mesh, service),
          kind: 'managed',
          origin: 'configured',
          relation: 'gateway-service',
          bidirectional: false,
          via: [via],
        },
        trafficKey(node.id, service),
      );
    }
  }
}
