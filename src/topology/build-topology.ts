import type { ControlPlaneSnapshot, MeshSnapshot } from '../kuma/snapshot';
import { isMtlsEnabled } from '../kuma/validation/mtls-enabled';
import { sameItems } from '../lib/same-items';
import { addClientAndEdge, addEdgeGatewayLinks } from './build/entry-links';
import { addGatewayServiceLinks, builtinGateways, delegatedGateways } from './build/gateway-links';
import {
  GraphBuilder,
  GraphRecorder,
  type GraphStep,
  healthOf,
  mergeTraffic,
  replayOn,
  zonesOf,
} from './build/graph-builder';
import { addCrossMeshLinks, addDelegatedPeerLinks, type DrawnMesh } from './build/mesh-links';
import { addServiceLinks, collectServices } from './build/service-links';
import { dataplaneRefOf } from './service-health';
import { type EdgeTraffic, type MeshNode, meshId, type TopologyGraph } from './types';

export { healthOf } from './build/graph-builder';
export {
  crossMeshLinksDrawn,
  delegatedPeersDrawn,
  PAIRWISE_MESH_LIMIT,
} from './build/mesh-links';
export { callGroups } from './build/service-links';

export interface BuildOptions {
  /**
   * Gateways the edge Kong Gateway fronts, by node id. Kuma cannot discover it; by default it
   * fronts every gateway with a listener that is not cross-mesh only.
   */
  edgeFronts?: ReadonlySet<string>;
  /**
   * The meshes' parts of the last build, kept by the caller between builds: a mesh whose
   * snapshot holds the same objects as then adds its recorded part again, the same node objects
   * included, instead of working it out anew. Updated in place.
   */
  sections?: MeshSections;
}

/** What one mesh adds to the graph, as its snapshot was (see `BuildOptions.sections`). */
export interface MeshSection {
  from: MeshSnapshot;
  /** Nothing to draw: the mesh is listed as empty. */
  empty: boolean;
  zones: readonly string[];
  steps: readonly GraphStep[];
  drawn: DrawnMesh;
}

export type MeshSections = Map<string, MeshSection>;

export { trafficKey } from './build/graph-builder';

/**
 * The observed rates laid over a built model: each link shows the sum of the rates it is keyed
 * by (`trafficKeys`). Rates change on every refresh, the structure seldom: the model is built
 * again only for the latter.
 */
export function withTraffic(
  graph: TopologyGraph,
  rates: ReadonlyMap<string, EdgeTraffic>,
): TopologyGraph {
  const edges = graph.edges.map((edge) => {
    if (!edge.trafficKeys && !edge.traffic) return edge;
    let traffic: EdgeTraffic | undefined;
    for (const key of edge.trafficKeys ?? []) traffic = mergeTraffic(traffic, rates.get(key));
    if (traffic === edge.traffic) return edge;
    const { traffic: _previous, ...rest } = edge;
    return traffic ? { ...rest, traffic } : rest;
  });
  return { ...graph, edges };
}

/**
 * API snapshot → topology graph: client and edge Kong Gateway; per mesh its gateways (built-in:
 * a MeshGateway with its instances; delegated: the gateway proxies of one service), services
 * and their sidecars in call groups; dashed (managed) and solid (unmanaged) edges as the docs
 * draw them, with cross-mesh links. Each edge family has its builder in `./build/`.
 */
export function buildTopology(
  snapshot: ControlPlaneSnapshot,
  options: BuildOptions = {},
): TopologyGraph {
  const graph = new GraphBuilder();
  addClientAndEdge(graph);

  const meshes = [...snapshot.meshes].sort((a, b) => (a.mesh.name < b.mesh.name ? -1 : 1));
  const allZones = new Set<string>();
  const emptyMeshes: string[] = [];
  const drawn: DrawnMesh[] = [];
  const { sections } = options;

  for (const mesh of meshes) {
    const name = mesh.mesh.name;
    const kept = sections?.get(name);
    const section = kept && sameSnapshot(kept.from, mesh) ? kept : meshSection(mesh);
    sections?.set(name, section);
    if (section.empty) {
      emptyMeshes.push(name);
      continue;
    }
    for (const zone of section.zones) allZones.add(zone);
    replayOn(graph, section.steps);
    drawn.push(section.drawn);
  }
  if (sections) {
    const names = new Set(meshes.map((mesh) => mesh.mesh.name));
    for (const name of sections.keys()) if (!names.has(name)) sections.delete(name);
  }

  addEdgeGatewayLinks(
    graph,
    drawn.flatMap((mesh) => [...mesh.builtin, ...mesh.delegated]),
    options.edgeFronts,
  );
  // Meshes listed as empty are not drawn: nothing to link from.
  addCrossMeshLinks(graph, drawn);
  addDelegatedPeerLinks(graph, drawn);

  return {
    nodes: [...graph.nodes.values()],
    edges: [...graph.edges.values()],
    zones: [...allZones].sort(),
    emptyMeshes,
  };
}

/**
 * One mesh's part: its node, gateways, services and their sidecars in call groups, and the
 * links among them. It reads nothing but the mesh's snapshot.
 */
function meshSection(mesh: MeshSnapshot): MeshSection {
  const name = mesh.mesh.name;
  const graph = new GraphRecorder();
  const services = collectServices(mesh);
  const gateways = [...builtinGateways(mesh), ...delegatedGateways(mesh)];
  // What a delegated gateway calls is a service of the mesh even with no proxy of its own.
  for (const { node, services: backends } of gateways) {
    if (node.gatewayKind !== 'delegated') continue;
    for (const { service } of backends) services.services.add(service);
  }
  const gatewayNodes = gateways.map(({ node }) => node);
  const mtls = isMtlsEnabled(mesh.mesh);
  const drawn: DrawnMesh = {
    name,
    mtls,
    builtin: gatewayNodes.filter((node) => node.gatewayKind === 'builtin'),
    delegated: gatewayNodes.filter((node) => node.gatewayKind === 'delegated'),
  };
  // Nothing enters a mesh without gateways or dataplanes (a fresh kuma-cp's `default`): it is
  // listed, not drawn.
  if (services.services.size === 0 && gatewayNodes.length === 0 && mesh.dataplanes.length === 0)
    return { from: mesh, empty: true, zones: [], steps: [], drawn };
  // Each dataplane is in one sidecar, so none counts twice.
  const refs = [...services.sidecars.values()].flat();
  const withGateways = [...refs, ...gatewayNodes.flatMap((node) => node.instances)];
  const zones = zonesOf(withGateways);
  const meshNode: MeshNode = {
    id: meshId(name),
    kind: 'mesh',
    label: `${name} service mesh`,
    mesh: name,
    mtls,
    zones,
    health: healthOf(withGateways),
    counts: {
      services: services.services.size,
      dataplanes: mesh.dataplanes.length,
      online: mesh.dataplanes.filter((dataplane) => dataplaneRefOf(dataplane).status !== 'offline')
        .length,
      gateways: gatewayNodes.length,
    },
  };
  graph.node(meshNode);
  for (const node of gatewayNodes) graph.node(node);
  addServiceLinks(graph, name, services);
  addGatewayServiceLinks(graph, name, gateways, (service) => services.services.has(service));
  return { from: mesh, empty: false, zones, steps: graph.steps, drawn };
}

/**
 * Whether two snapshots of a mesh hold the same objects: each field the same, or a list of the
 * same items in the same order. Every field counts, read by the build or not, so a field added
 * to the snapshot can never be missed here.
 */
function sameSnapshot(a: MeshSnapshot, b: MeshSnapshot): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const left: unknown = a[key as keyof MeshSnapshot];
    const right: unknown = b[key as keyof MeshSnapshot];
    if (left === right) continue;
    if (!Array.isArray(left) || !Array.isArray(right) || !sameItems(left, right)) return false;
  }
  return true;
}
