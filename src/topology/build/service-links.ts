import type { MeshSnapshot } from '../../kuma/snapshot';
import type { DataplaneOverview } from '../../kuma/types';
import { SERVICE_TAG } from '../../mesh-model/identity';
import {
  callGroupId,
  type DataplaneRef,
  type EdgeTraffic,
  type SidecarNode,
  serviceId,
  sidecarId,
} from '../types';
import { type GraphBuilder, healthOf, refOf, zonesOf } from './graph-builder';

export interface MeshServices {
  /** Dataplanes per `kuma.io/service` of their inbounds (standard proxies only). */
  sidecars: Map<string, DataplaneRef[]>;
  /** Caller service → callee services, from outbounds. */
  calls: Map<string, Set<string>>;
}

export function outboundService(
  outbound: NonNullable<DataplaneOverview['dataplane']['networking']['outbound']>[number],
): string | undefined {
  return outbound.tags?.[SERVICE_TAG] ?? outbound.backendRef?.name;
}

export function collectServices(mesh: MeshSnapshot): MeshServices {
  const sidecars = new Map<string, DataplaneRef[]>();
  const calls = new Map<string, Set<string>>();
  for (const dataplane of mesh.dataplanes) {
    const networking = dataplane.dataplane?.networking;
    if (!networking || networking.gateway) continue;
    const ref = refOf(dataplane);
    const services = [
      ...new Set(
        (networking.inbound ?? [])
          .map((inbound) => inbound.tags?.[SERVICE_TAG])
          .filter((s): s is string => Boolean(s)),
      ),
    ];
    for (const service of services) {
      const list = sidecars.get(service) ?? [];
      list.push(ref);
      sidecars.set(service, list);
    }
    const caller = services[0];
    if (!caller) continue;
    for (const outbound of networking.outbound ?? []) {
      const callee = outboundService(outbound);
      if (!callee || callee === caller) continue;
      const set = calls.get(caller) ?? new Set();
      set.add(callee);
      calls.set(caller, set);
    }
  }
  for (const callees of calls.values()) {
    for (const callee of callees) if (!sidecars.has(callee)) sidecars.set(callee, []);
  }
  return { sidecars, calls };
}

/** Services that call each other (weakly connected), each group in call order: callers first. */
export function callGroups(
  services: readonly string[],
  calls: ReadonlyMap<string, ReadonlySet<string>>,
): string[][] {
  const neighbours = new Map<string, Set<string>>(services.map((service) => [service, new Set()]));
  const incoming = new Map<string, number>(services.map((service) => [service, 0]));
  for (const [caller, callees] of calls) {
    for (const callee of callees) {
      neighbours.get(caller)?.add(callee);
      neighbours.get(callee)?.add(caller);
      incoming.set(callee, (incoming.get(callee) ?? 0) + 1);
    }
  }
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const start of services) {
    if (seen.has(start)) continue;
    const members: string[] = [];
    const queue = [start];
    seen.add(start);
    while (queue.length > 0) {
      const current = queue.shift() as string;
      members.push(current);
      for (const next of [...(neighbours.get(current) ?? [])].sort()) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    // Callers before the services they call, so the drawing reads left to right.
    const order: string[] = [];
    const placed = new Set<string>();
    const visit = (service: string) => {
      if (placed.has(service)) return;
      placed.add(service);
      order.push(service);
      for (const callee of [...(calls.get(service) ?? [])].sort())
        if (members.includes(callee)) visit(callee);
    };
    for (const root of members.filter((member) => (incoming.get(member) ?? 0) === 0).sort())
      visit(root);
    for (const member of [...members].sort()) visit(member);
    groups.push(order);
  }
  return groups;
}

/**
 * Services and their KUMA-DP sidecars, in call groups (the docs' inner subgraphs): the open
 * service — sidecar line, and sidecar ↔ sidecar calls, managed both ways (requests and
 * responses ride the mesh's mTLS, as the docs' `<-.->` shows).
 */
export function addServiceLinks(
  graph: GraphBuilder,
  mesh: string,
  { sidecars, calls }: MeshServices,
  traffic: (sourceNodeId: string, service: string) => EdgeTraffic | undefined,
): void {
  const meshNodeId = `mesh:${mesh}`;
  const services = [...sidecars.keys()].sort();
  for (const group of callGroups(services, calls)) {
    const groupId = callGroupId(mesh, group[0] ?? '');
    graph.node({ id: groupId, kind: 'call-group', label: '', parent: meshNodeId, mesh });
    for (const service of group) {
      const refs = sidecars.get(service) ?? [];
      graph.node({
        id: serviceId(mesh, service),
        kind: 'service',
        label: service,
        parent: groupId,
        mesh,
        service,
        health: healthOf(refs),
      });
      const sidecar: SidecarNode = {
        id: sidecarId(mesh, service),
        kind: 'sidecar',
        label: 'KUMA-DP',
        parent: groupId,
        mesh,
        service,
        dataplanes: refs,
        health: healthOf(refs),
        zones: zonesOf(refs),
      };
      graph.node(sidecar);
    }
    for (const service of group) {
      graph.edge({
        source: serviceId(mesh, service),
        target: sidecarId(mesh, service),
        kind: 'unmanaged',
        origin: 'configured',
        relation: 'service-sidecar',
        bidirectional: false,
      });
      for (const callee of [...(calls.get(service) ?? [])].sort()) {
        graph.edge(
          {
            source: sidecarId(mesh, service),
            target: sidecarId(mesh, callee),
            kind: 'managed',
            origin: 'configured',
            relation: 'sidecar-sidecar',
            bidirectional: true,
            via: [{ type: 'Dataplane', mesh, name: sidecars.get(service)?.[0]?.name ?? service }],
          },
          traffic(sidecarId(mesh, service), callee),
        );
      }
    }
  }
}
