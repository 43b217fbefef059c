import type { MeshSnapshot } from '../../kuma/snapshot';
import type { DataplaneOverview } from '../../kuma/types';
import { SERVICE_TAG } from '../../mesh-model/identity';
import { dataplaneRefOf } from '../service-health';
import {
  callGroupId,
  type DataplaneRef,
  meshId,
  type SidecarNode,
  serviceId,
  sidecarId,
} from '../types';
import { type GraphSink, healthOf, trafficKey, zonesOf } from './graph-builder';

export interface MeshServices {
  /** Every service of the mesh: served by a dataplane, or called by one. */
  services: Set<string>;
  /**
   * Dataplanes per sidecar node, keyed by the service of their first inbound (the one Kuma
   * identifies a dataplane by): each dataplane is in exactly one list.
   */
  sidecars: Map<string, DataplaneRef[]>;
  /** Dataplanes per service they serve, on any inbound: what a service's health is read from. */
  servedBy: Map<string, DataplaneRef[]>;
  /** Per sidecar node (its first service), the other services its dataplanes serve. */
  alsoServes: Map<string, Set<string>>;
  /** Caller service → callee services, from outbounds. */
  calls: Map<string, Set<string>>;
}

export function outboundService(
  outbound: NonNullable<DataplaneOverview['dataplane']['networking']['outbound']>[number],
): string | undefined {
  return outbound.tags?.[SERVICE_TAG] ?? outbound.backendRef?.name;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function collectServices(mesh: MeshSnapshot): MeshServices {
  const result: MeshServices = {
    services: new Set(),
    sidecars: new Map(),
    servedBy: new Map(),
    alsoServes: new Map(),
    calls: new Map(),
  };
  for (const dataplane of mesh.dataplanes) {
    const networking = dataplane.dataplane?.networking;
    if (!networking || networking.gateway) continue;
    const ref = dataplaneRefOf(dataplane);
    const services = [
      ...new Set(
        (networking.inbound ?? [])
          .map((inbound) => inbound.tags?.[SERVICE_TAG])
          .filter((s): s is string => Boolean(s)),
      ),
    ];
    const [first, ...others] = services;
    if (!first) continue;
    push(result.sidecars, first, ref);
    for (const service of services) {
      result.services.add(service);
      push(result.servedBy, service, ref);
    }
    if (others.length > 0) {
      const also = result.alsoServes.get(first) ?? new Set();
      for (const other of others) also.add(other);
      result.alsoServes.set(first, also);
    }
    for (const outbound of networking.outbound ?? []) {
      const callee = outboundService(outbound);
      if (!callee || callee === first) continue;
      const set = result.calls.get(first) ?? new Set();
      set.add(callee);
      result.calls.set(first, set);
    }
  }
  for (const callees of result.calls.values())
    for (const callee of callees) result.services.add(callee);
  return result;
}

/**
 * The sidecar nodes a service links to, its own first: a service no dataplane names on its
 * first inbound links to the sidecars that serve it on another (no copy of them), and one no
 * dataplane serves at all keeps an empty sidecar of its own, as a called service does.
 */
export function sidecarsOfService(
  { sidecars, alsoServes }: Pick<MeshServices, 'sidecars' | 'alsoServes'>,
  service: string,
): string[] {
  const hosts = [...alsoServes.entries()]
    .filter(([, others]) => others.has(service))
    .map(([host]) => host)
    .sort();
  return sidecars.has(service) || hosts.length === 0 ? [service, ...hosts] : hosts;
}

/**
 * Services that call each other or share dataplanes (weakly connected), each group in call
 * order: callers first, a service served by another's dataplanes right after it.
 */
export function callGroups(
  services: readonly string[],
  calls: ReadonlyMap<string, ReadonlySet<string>>,
  together: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): string[][] {
  const neighbours = new Map<string, Set<string>>(services.map((service) => [service, new Set()]));
  const incoming = new Map<string, number>(services.map((service) => [service, 0]));
  const link = (a: string, b: string) => {
    neighbours.get(a)?.add(b);
    neighbours.get(b)?.add(a);
  };
  for (const [caller, callees] of calls) {
    for (const callee of callees) {
      link(caller, callee);
      incoming.set(callee, (incoming.get(callee) ?? 0) + 1);
    }
  }
  const hosted = new Set<string>();
  for (const [host, others] of together) {
    for (const other of others) {
      link(host, other);
      hosted.add(other);
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
      for (const other of [...(together.get(service) ?? [])].sort())
        if (members.includes(other)) visit(other);
      for (const callee of [...(calls.get(service) ?? [])].sort())
        if (members.includes(callee)) visit(callee);
    };
    const roots = members.filter(
      (member) => (incoming.get(member) ?? 0) === 0 && !hosted.has(member),
    );
    for (const root of roots.sort()) visit(root);
    for (const member of [...members].sort()) visit(member);
    groups.push(order);
  }
  return groups;
}

/**
 * Services and their KUMA-DP sidecars, in call groups (the docs' inner subgraphs): the open
 * service — sidecar line (from each service its dataplanes serve, so a dataplane with inbounds
 * for two services is drawn once), and sidecar ↔ sidecar calls, managed both ways (requests
 * and responses ride the mesh's mTLS, as the docs' `<-.->` shows).
 */
export function addServiceLinks(graph: GraphSink, mesh: string, services: MeshServices): void {
  const { sidecars, servedBy, alsoServes, calls } = services;
  const all = [...services.services].sort();
  const sidecarsOf = new Map(all.map((service) => [service, sidecarsOfService(services, service)]));
  for (const group of callGroups(all, calls, alsoServes)) {
    const groupId = callGroupId(mesh, group[0] ?? '');
    graph.node({ id: groupId, kind: 'call-group', label: '', parent: meshId(mesh), mesh });
    for (const service of group) {
      graph.node({
        id: serviceId(mesh, service),
        kind: 'service',
        label: service,
        parent: groupId,
        mesh,
        service,
        health: healthOf(servedBy.get(service) ?? []),
      });
      if (sidecarsOf.get(service)?.[0] !== service) continue;
      const refs = sidecars.get(service) ?? [];
      const sidecar: SidecarNode = {
        id: sidecarId(mesh, service),
        kind: 'sidecar',
        label: 'KUMA-DP',
        parent: groupId,
        mesh,
        service,
        services: [service, ...[...(alsoServes.get(service) ?? [])].sort()],
        dataplanes: refs,
        health: healthOf(refs),
        zones: zonesOf(refs),
      };
      graph.node(sidecar);
    }
    for (const service of group) {
      for (const host of sidecarsOf.get(service) ?? []) {
        graph.edge({
          source: serviceId(mesh, service),
          target: sidecarId(mesh, host),
          kind: 'unmanaged',
          origin: 'configured',
          relation: 'service-sidecar',
          bidirectional: false,
        });
      }
      if (!sidecars.has(service)) continue;
      for (const callee of [...(calls.get(service) ?? [])].sort()) {
        const target = sidecarsOf.get(callee)?.[0] ?? callee;
        if (target === service) continue;
        graph.edge(
          {
            source: sidecarId(mesh, service),
            target: sidecarId(mesh, target),
            kind: 'managed',
            origin: 'configured',
            relation: 'sidecar-sidecar',
            bidirectional: true,
            via: [{ type: 'Dataplane', mesh, name: sidecars.get(service)?.[0]?.name ?? service }],
          },
          trafficKey(sidecarId(mesh, service), callee),
        );
      }
    }
  }
}
