import { mergeTraffic } from './build/graph-builder';
import type { Health, TopologyEdge, TopologyGraph, TopologyNode } from './types';

/** Walks up the parents: the mesh a node is drawn in, or undefined for client and edge. */
function ancestors(nodes: ReadonlyMap<string, TopologyNode>, node: TopologyNode): TopologyNode[] {
  const chain: TopologyNode[] = [];
  let current = node.parent ? nodes.get(node.parent) : undefined;
  while (current) {
    chain.push(current);
    current = current.parent ? nodes.get(current.parent) : undefined;
  }
  return chain;
}

/**
 * Folds each collapsed mesh into one summary node: its members disappear and every edge that
 * touched them is re-attached to the mesh (merged, with traffic summed). This is how a 5,000
 * proxy deployment stays a graph of a few dozen nodes until the user expands a mesh.
 */
export function collapseMeshes(
  graph: TopologyGraph,
  collapsed: ReadonlySet<string>,
): TopologyGraph {
  if (collapsed.size === 0) return graph;
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const owner = new Map<string, string>();
  for (const node of graph.nodes) {
    const mesh = ancestors(nodes, node).find((ancestor) => ancestor.kind === 'mesh');
    if (mesh?.kind === 'mesh' && collapsed.has(mesh.mesh)) owner.set(node.id, mesh.id);
  }
  const keptNodes = graph.nodes
    .filter((node) => !owner.has(node.id))
    .map((node) =>
      node.kind === 'mesh' && collapsed.has(node.mesh) ? { ...node, collapsed: true } : node,
    );
  const edges = new Map<string, TopologyEdge>();
  for (const edge of graph.edges) {
    const source = owner.get(edge.source) ?? edge.source;
    const target = owner.get(edge.target) ?? edge.target;
    if (source === target) continue;
    if (source === edge.source && target === edge.target) {
      edges.set(edge.id, edge);
      continue;
    }
    const id = `${edge.relation}:${source}->${target}`;
    const existing = edges.get(id);
    if (existing) {
      existing.folded = (existing.folded ?? 1) + 1;
      existing.bidirectional = existing.bidirectional || edge.bidirectional;
      const traffic = mergeTraffic(existing.traffic, edge.traffic);
      if (traffic) existing.traffic = traffic;
      continue;
    }
    edges.set(id, { ...edge, id, source, target, folded: 1 });
  }
  return { ...graph, nodes: keptNodes, edges: [...edges.values()] };
}

export interface TopologyFilter {
  meshes?: readonly string[];
  gatewayKind?: 'builtin' | 'delegated';
  health?: Health;
  /**
   * Find: case-insensitive match on names, labels and hostnames. Not applied here: Find lights
   * the paths through its matches and dims the rest (see `findMatches` and `pathsThrough`).
   */
  text?: string;
}

/**
 * Narrows the graph to what the mesh and kind filters ask for. Containers (meshes, call
 * groups) stay while they hold a match; the client and the edge always stay; edges need both
 * ends. Neither the health filter nor Find removes anything (see `dimmedByHealth` and
 * `pathsThrough`): health changes every few seconds, and Find must keep the path from the
 * client to what it found; a filter on either that removed nodes would re-run the layout and
 * move every node. Mesh and kind do remove: they change only when the user asks, and narrowing
 * a 1,000-node graph to what was asked for is the point of them.
 */
export function filterTopology(graph: TopologyGraph, filter: TopologyFilter): TopologyGraph {
  const active = Boolean(filter.meshes?.length || filter.gatewayKind);
  if (!active) return graph;
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const leafMatches = (node: TopologyNode): boolean => {
    if (node.kind === 'client' || node.kind === 'edge') return true;
    if (filter.meshes?.length && 'mesh' in node && !filter.meshes.includes(node.mesh)) return false;
    if (filter.gatewayKind) {
      if (node.kind !== 'gateway' && !(node.kind === 'mesh' && node.collapsed)) return false;
      if (node.kind === 'gateway' && node.gatewayKind !== filter.gatewayKind) return false;
    }
    return true;
  };
  const kept = new Set<string>();
  for (const node of graph.nodes) {
    const isContainer = (node.kind === 'mesh' && !node.collapsed) || node.kind === 'call-group';
    if (isContainer || !leafMatches(node)) continue;
    kept.add(node.id);
    for (const ancestor of ancestors(nodes, node)) kept.add(ancestor.id);
  }
  return {
    ...graph,
    nodes: graph.nodes.filter((node) => kept.has(node.id)),
    edges: graph.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)),
  };
}

/**
 * The nodes a health filter dims: those whose health is another, and containers (meshes, call
 * groups) with nothing of that health inside. The client and the edge are never dimmed. Nothing
 * is removed, so a status change restyles nodes and never moves one.
 */
export function dimmedByHealth(graph: TopologyGraph, health: Health | undefined): Set<string> {
  const dimmed = new Set<string>();
  if (!health) return dimmed;
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const lit = new Set<string>();
  for (const node of graph.nodes) {
    if (node.kind === 'client' || node.kind === 'edge') continue;
    const isContainer = (node.kind === 'mesh' && !node.collapsed) || node.kind === 'call-group';
    if (isContainer) continue;
    if ('health' in node && node.health === health) {
      lit.add(node.id);
      for (const ancestor of ancestors(nodes, node)) lit.add(ancestor.id);
    }
  }
  for (const node of graph.nodes) {
    if (node.kind === 'client' || node.kind === 'edge' || lit.has(node.id)) continue;
    dimmed.add(node.id);
  }
  return dimmed;
}

/**
 * What the layout depends on: node ids, parents, sizes that change (listeners, expanded
 * sidecars) and edge endpoints. Health and traffic are not in it, so a status change patches
 * the drawn nodes without moving any of them.
 */
export function structureKey(
  graph: TopologyGraph,
  expandedSidecars: ReadonlySet<string> = new Set(),
): string {
  const nodes = graph.nodes
    .map((node) => {
      const size =
        node.kind === 'gateway'
          ? node.listeners.length
          : node.kind === 'sidecar' && expandedSidecars.has(node.id)
            ? node.dataplanes.length
            : node.kind === 'mesh' && node.collapsed
              ? 'c'
              : '';
      return `${node.id}<${node.parent ?? ''}>${size}`;
    })
    .join('|');
  const edges = graph.edges.map((edge) => `${edge.source}>${edge.target}`).join('|');
  return `${nodes}#${edges}`;
}
