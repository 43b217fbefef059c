import { dataplaneStatus } from '../kuma/dataplane-status';
import { displayNameOf } from '../kuma/display-name';
import type { ControlPlaneSnapshot, MeshSnapshot } from '../kuma/snapshot';
import type { DataplaneOverview, MeshGateway } from '../kuma/types';
import { isMtlsEnabled } from '../kuma/validation/mtls-enabled';
import { delegatedGatewayService, SERVICE_TAG } from '../mesh-model/identity';
import { buildGatewayModel } from '../mesh-model/mesh-model';
import { resolveBackendRef } from '../traffic/backends';
import type { GatewayRouting } from '../traffic/gateway-config';
import { indexedListeners } from '../traffic/listener-selection';
import {
  CLIENT_ID,
  callGroupId,
  type DataplaneRef,
  EDGE_ID,
  type EdgeTraffic,
  type GatewayNode,
  gatewayId,
  type Health,
  type ListenerSummary,
  type MeshNode,
  meshId,
  type SidecarNode,
  serviceId,
  sidecarId,
  type TopologyEdge,
  type TopologyGraph,
  type TopologyNode,
} from './types';

/**
 * Links between meshes are drawn pair by pair only while this many meshes (or cross-mesh
 * gateways) take part: 4 meshes make at most 6 pairs, which covers the docs' pictures (2) and
 * stays readable. Beyond it every mesh would link to every other (5,000 links at 100 meshes,
 * drawn even collapsed), so the links are named in words instead and the edge count stays
 * linear in meshes.
 */
export const PAIRWISE_MESH_LIMIT = 4;

/** Whether delegated gateways of `meshes` meshes are linked pairwise (one link per mesh pair). */
export function delegatedPeersDrawn(meshes: number): boolean {
  return meshes <= PAIRWISE_MESH_LIMIT;
}

/**
 * Whether cross-mesh gateways get a link from every other mTLS mesh: with at most
 * PAIRWISE_MESH_LIMIT of them that is at most 4 × (meshes − 1) links, linear in meshes.
 */
export function crossMeshLinksDrawn(gateways: number): boolean {
  return gateways <= PAIRWISE_MESH_LIMIT;
}

export interface BuildOptions {
  /**
   * Gateways the edge Kong Gateway fronts, by node id. Kuma cannot discover it; by default it
   * fronts every gateway with a listener that is not cross-mesh only.
   */
  edgeFronts?: ReadonlySet<string>;
  /** Observed rates, keyed by `<gateway or sidecar node id> -> <service>`. */
  traffic?: ReadonlyMap<string, EdgeTraffic>;
}

const ZONE_TAG = 'kuma.io/zone';

export function trafficKey(sourceNodeId: string, service: string): string {
  return `${sourceNodeId} -> ${service}`;
}

function refOf(dataplane: DataplaneOverview): DataplaneRef {
  const networking = dataplane.dataplane?.networking ?? {};
  const tags = networking.gateway?.tags ?? networking.inbound?.[0]?.tags ?? {};
  const zone = tags[ZONE_TAG];
  return {
    mesh: dataplane.mesh,
    name: dataplane.name,
    displayName: displayNameOf(dataplane),
    status: dataplaneStatus(networking, dataplane.dataplaneInsight),
    ...(zone ? { zone } : {}),
  };
}

export function healthOf(refs: readonly DataplaneRef[]): Health {
  if (refs.length === 0) return 'unknown';
  const online = refs.filter((ref) => ref.status === 'online').length;
  if (online === refs.length) return 'online';
  if (refs.every((ref) => ref.status === 'offline')) return 'offline';
  return 'degraded';
}

function zonesOf(refs: readonly DataplaneRef[]): string[] {
  return [
    ...new Set(refs.map((ref) => ref.zone).filter((zone): zone is string => Boolean(zone))),
  ].sort();
}

/** Accumulates nodes and edges, merging opposite directions of the same pair into one edge. */
class GraphBuilder {
  readonly nodes = new Map<string, TopologyNode>();
  readonly edges = new Map<string, TopologyEdge>();

  node(node: TopologyNode): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
  }

  edge(edge: Omit<TopologyEdge, 'id'>, traffic?: EdgeTraffic): void {
    const id = `${edge.relation}:${edge.source}->${edge.target}`;
    const reverse = this.edges.get(`${edge.relation}:${edge.target}->${edge.source}`);
    if (reverse) {
      reverse.bidirectional = true;
      return;
    }
    const existing = this.edges.get(id);
    if (existing) {
      existing.via = [...(existing.via ?? []), ...(edge.via ?? [])];
      return;
    }
    this.edges.set(id, { id, ...edge, ...(traffic ? { traffic } : {}) });
  }
}

interface MeshServices {
  /** Dataplanes per `kuma.io/service` of their inbounds (standard proxies only). */
  sidecars: Map<string, DataplaneRef[]>;
  /** Caller service → callee services, from outbounds. */
  calls: Map<string, Set<string>>;
}

function outboundService(
  outbound: NonNullable<DataplaneOverview['dataplane']['networking']['outbound']>[number],
): string | undefined {
  return outbound.tags?.[SERVICE_TAG] ?? outbound.backendRef?.name;
}

function collectServices(mesh: MeshSnapshot): MeshServices {
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

function listenerSummaries(
  mesh: MeshSnapshot,
  gateway: MeshGateway,
  routing: GatewayRouting,
): {
  summaries: ListenerSummary[];
  backends: { service: string; via: { type: string; mesh: string; name: string } }[];
} {
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
  const backends: { service: string; via: { type: string; mesh: string; name: string } }[] = [];
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

/**
 * API snapshot → topology graph: client and edge Kong Gateway; per mesh its gateways (built-in:
 * a MeshGateway with its instances; delegated: the gateway proxies of one service), services
 * and their sidecars in call groups; dashed (managed) and solid (unmanaged) edges as the docs
 * draw them, with cross-mesh links.
 */
export function buildTopology(
  snapshot: ControlPlaneSnapshot,
  options: BuildOptions = {},
): TopologyGraph {
  const graph = new GraphBuilder();
  graph.node({ id: CLIENT_ID, kind: 'client', label: 'Client' });
  graph.node({ id: EDGE_ID, kind: 'edge', label: 'Kong Gateway' });
  graph.edge({
    source: CLIENT_ID,
    target: EDGE_ID,
    kind: 'unmanaged',
    origin: 'declared',
    relation: 'client-edge',
    bidirectional: false,
  });

  const meshes = [...snapshot.meshes].sort((a, b) => (a.mesh.name < b.mesh.name ? -1 : 1));
  const builtinByMesh = new Map<string, GatewayNode[]>();
  const delegatedByMesh = new Map<string, GatewayNode[]>();
  const allZones = new Set<string>();
  const emptyMeshes: string[] = [];
  const drawnMeshes = new Set<string>();

  for (const mesh of meshes) {
    const name = mesh.mesh.name;
    const meshNodeId = meshId(name);
    const { sidecars, calls } = collectServices(mesh);
    const gatewayNodes: GatewayNode[] = [];

    // Built-in gateways: listeners, instances, and the services their routes send traffic to.
    const gatewayBackends: {
      node: GatewayNode;
      services: { service: string; via: { type: string; mesh: string; name: string } }[];
    }[] = [];
    // Instances, effective listener tags and attachments: the mesh model every screen reads.
    for (const { gateway, instances, routing } of buildGatewayModel(mesh).builtin) {
      const refs = instances.map((instance) => refOf(instance.dataplane));
      const { summaries, backends } = listenerSummaries(mesh, gateway, routing);
      const node: GatewayNode = {
        id: gatewayId(name, 'builtin', gateway.name),
        kind: 'gateway',
        label: displayNameOf(gateway),
        parent: meshNodeId,
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
      gatewayNodes.push(node);
      gatewayBackends.push({ node, services: backends });
    }

    // Delegated gateways: gateway proxies without `type`, grouped by their service.
    const delegated = new Map<string, DataplaneOverview[]>();
    for (const dataplane of mesh.dataplanes) {
      const gateway = dataplane.dataplane?.networking?.gateway;
      if (!gateway || gateway.type === 'BUILTIN') continue;
      const service = delegatedGatewayService(dataplane);
      delegated.set(service, [...(delegated.get(service) ?? []), dataplane]);
    }
    for (const [service, dataplanes] of [...delegated.entries()].sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      const refs = dataplanes.map(refOf);
      const node: GatewayNode = {
        id: gatewayId(name, 'delegated', service),
        kind: 'gateway',
        label: service,
        parent: meshNodeId,
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
      gatewayNodes.push(node);
      const callees = new Set<string>();
      for (const dataplane of dataplanes) {
        for (const outbound of dataplane.dataplane.networking.outbound ?? []) {
          const callee = outboundService(outbound);
          if (callee) callees.add(callee);
        }
      }
      gatewayBackends.push({
        node,
        services: [...callees].sort().map((callee) => ({
          service: callee,
          via: { type: 'Dataplane', mesh: name, name: dataplanes[0]?.name ?? service },
        })),
      });
      for (const callee of callees) if (!sidecars.has(callee)) sidecars.set(callee, []);
    }

    const services = [...sidecars.keys()].sort();
    // Nothing enters a mesh without gateways or dataplanes (a fresh kuma-cp's `default`):
    // it is listed, not drawn.
    if (services.length === 0 && gatewayNodes.length === 0 && mesh.dataplanes.length === 0) {
      emptyMeshes.push(name);
      continue;
    }
    const meshRefs = [...sidecars.values()].flat();
    const meshZones = zonesOf([...meshRefs, ...gatewayNodes.flatMap((node) => node.instances)]);
    for (const zone of meshZones) allZones.add(zone);
    const meshNode: MeshNode = {
      id: meshNodeId,
      kind: 'mesh',
      label: `${name} service mesh`,
      mesh: name,
      mtls: isMtlsEnabled(mesh.mesh),
      zones: meshZones,
      health: healthOf([...meshRefs, ...gatewayNodes.flatMap((node) => node.instances)]),
      counts: {
        services: services.length,
        dataplanes: mesh.dataplanes.length,
        online: mesh.dataplanes.filter((dataplane) => refOf(dataplane).status !== 'offline').length,
        gateways: gatewayNodes.length,
      },
    };
    graph.node(meshNode);
    for (const node of gatewayNodes) graph.node(node);

    for (const group of callGroups(services, calls)) {
      const groupId = callGroupId(name, group[0] ?? '');
      graph.node({ id: groupId, kind: 'call-group', label: '', parent: meshNodeId, mesh: name });
      for (const service of group) {
        const refs = sidecars.get(service) ?? [];
        graph.node({
          id: serviceId(name, service),
          kind: 'service',
          label: service,
          parent: groupId,
          mesh: name,
          service,
          health: healthOf(refs),
        });
        const sidecar: SidecarNode = {
          id: sidecarId(name, service),
          kind: 'sidecar',
          label: 'KUMA-DP',
          parent: groupId,
          mesh: name,
          service,
          dataplanes: refs,
          health: healthOf(refs),
          zones: zonesOf(refs),
        };
        graph.node(sidecar);
      }
      for (const service of group) {
        graph.edge({
          source: serviceId(name, service),
          target: sidecarId(name, service),
          kind: 'unmanaged',
          origin: 'configured',
          relation: 'service-sidecar',
          bidirectional: false,
        });
        for (const callee of [...(calls.get(service) ?? [])].sort()) {
          graph.edge(
            {
              source: sidecarId(name, service),
              target: sidecarId(name, callee),
              kind: 'managed',
              origin: 'configured',
              // Requests and responses both ride the mesh's mTLS, as the docs' `<-.->` shows.
              relation: 'sidecar-sidecar',
              bidirectional: true,
              via: [
                {
                  type: 'Dataplane',
                  mesh: name,
                  name: sidecars.get(service)?.[0]?.name ?? service,
                },
              ],
            },
            options.traffic?.get(trafficKey(sidecarId(name, service), callee)),
          );
        }
      }
    }

    for (const { node, services: backends } of gatewayBackends) {
      for (const { service, via } of backends) {
        if (!sidecars.has(service)) continue;
        graph.edge(
          {
            source: node.id,
            target: sidecarId(name, service),
            kind: 'managed',
            origin: 'configured',
            relation: 'gateway-service',
            bidirectional: false,
            via: [via],
          },
          options.traffic?.get(trafficKey(node.id, service)),
        );
      }
    }
    const builtinNodes = gatewayNodes.filter((node) => node.gatewayKind === 'builtin');
    const delegatedNodes = gatewayNodes.filter((node) => node.gatewayKind === 'delegated');
    if (builtinNodes.length > 0) builtinByMesh.set(name, builtinNodes);
    if (delegatedNodes.length > 0) delegatedByMesh.set(name, delegatedNodes);
    drawnMeshes.add(name);
  }

  // The edge Kong Gateway in front of the gateways it is declared to front.
  for (const mesh of meshes) {
    const name = mesh.mesh.name;
    for (const node of [...(builtinByMesh.get(name) ?? []), ...(delegatedByMesh.get(name) ?? [])]) {
      const frontable =
        node.gatewayKind === 'delegated' || node.listeners.some((listener) => !listener.crossMesh);
      const fronted = options.edgeFronts ? options.edgeFronts.has(node.id) : frontable;
      if (fronted) {
        graph.edge({
          source: EDGE_ID,
          target: node.id,
          kind: 'unmanaged',
          origin: 'declared',
          relation: 'edge-gateway',
          bidirectional: false,
        });
      }
    }
  }

  // Cross-mesh listeners: reachable over mTLS from every other mesh with mTLS on. One link per
  // (source mesh, cross-mesh gateway), from the mesh's only built-in gateway (the docs'
  // `BG1 <-.-> BG2`) or from the mesh itself: which of its gateways or services calls is not
  // configuration, and one link per gateway pair would grow with meshes × gateways.
  // Meshes listed as empty are not drawn: nothing to link from.
  const mtlsMeshes = meshes.filter(
    (mesh) => isMtlsEnabled(mesh.mesh) && drawnMeshes.has(mesh.mesh.name),
  );
  const crossMeshTargets = mtlsMeshes.flatMap((mesh) =>
    (builtinByMesh.get(mesh.mesh.name) ?? []).filter((node) => node.crossMesh),
  );
  if (crossMeshLinksDrawn(crossMeshTargets.length)) {
    for (const target of crossMeshTargets) {
      for (const other of mtlsMeshes) {
        if (other.mesh.name === target.mesh) continue;
        const callers = builtinByMesh.get(other.mesh.name) ?? [];
        const source = callers.length === 1 && callers[0] ? callers[0].id : meshId(other.mesh.name);
        graph.edge({
          source,
          target: target.id,
          kind: 'managed',
          origin: 'configured',
          relation: 'cross-mesh',
          bidirectional: false,
          via: [{ type: 'MeshGateway', mesh: target.mesh, name: target.name }],
        });
      }
    }
  }

  // Delegated gateways have no cross-mesh mode: traffic between them is plain, outside any mesh,
  // and Kuma neither manages nor sees it (the docs' `DG1 <--> DG2`). It is drawn once per mesh
  // pair, between the meshes' only delegated gateways (or the meshes themselves when they have
  // several), and only while few meshes take part; beyond that the legend and the gateway's
  // panel say it in words.
  const delegatedMeshes = meshes.filter((mesh) => delegatedByMesh.has(mesh.mesh.name));
  if (delegatedPeersDrawn(delegatedMeshes.length)) {
    const endpoint = (mesh: string) => {
      const nodes = delegatedByMesh.get(mesh) ?? [];
      return nodes.length === 1 && nodes[0] ? nodes[0].id : meshId(mesh);
    };
    for (let i = 0; i < delegatedMeshes.length; i++) {
      for (let j = i + 1; j < delegatedMeshes.length; j++) {
        const a = delegatedMeshes[i];
        const b = delegatedMeshes[j];
        if (!a || !b) continue;
        graph.edge({
          source: endpoint(a.mesh.name),
          target: endpoint(b.mesh.name),
          kind: 'unmanaged',
          origin: 'configured',
          relation: 'delegated-peers',
          bidirectional: true,
        });
      }
    }
  }

  return {
    nodes: [...graph.nodes.values()],
    edges: [...graph.edges.values()],
    zones: [...allZones].sort(),
    emptyMeshes,
  };
}
