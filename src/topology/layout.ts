import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { TopologyGraph, TopologyNode } from './types';

export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Positions relative to the parent, React Flow's `parentId` convention (and ELK's). */
export type Layout = Map<string, NodeBox>;

/** Anything that can lay out an ELK graph: elkjs in a Web Worker in the app, bundled in tests. */
export interface ElkEngine {
  layout(graph: ElkNode): Promise<ElkNode>;
}

const GROUP_KINDS = new Set(['mesh', 'call-group']);

/** Drawn sizes, so ELK leaves room for what the node components show. */
export function nodeSize(
  node: TopologyNode,
  expandedSidecars: ReadonlySet<string>,
): { width: number; height: number } {
  switch (node.kind) {
    case 'client':
      return { width: 110, height: 44 };
    case 'edge':
      return { width: 160, height: 54 };
    case 'gateway':
      return { width: 240, height: 70 + 20 * Math.min(node.listeners.length, 8) };
    case 'service':
      return { width: 170, height: 46 };
    case 'sidecar':
      return {
        width: 170,
        height: expandedSidecars.has(node.id) ? 50 + 20 * Math.min(node.dataplanes.length, 20) : 50,
      };
    case 'mesh':
      return node.collapsed ? { width: 240, height: 96 } : { width: 0, height: 0 };
    default:
      return { width: 0, height: 0 };
  }
}

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.spacing.nodeNode': '28',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
  'elk.spacing.edgeNode': '20',
  // Follow the input order: ids and order are stable, so a refresh lays out the same way and
  // a structural change moves little.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};

const GROUP_OPTIONS = {
  mesh: { 'elk.padding': '[top=44,left=18,bottom=18,right=18]' },
  'call-group': { 'elk.padding': '[top=14,left=12,bottom=12,right=12]' },
} as const;

/** The topology as an ELK graph: meshes and call groups as compound nodes, edges at the root. */
export function toElkGraph(
  graph: TopologyGraph,
  expandedSidecars: ReadonlySet<string> = new Set(),
): ElkNode {
  const elkNodes = new Map<string, ElkNode>();
  for (const node of graph.nodes) {
    const isGroup = GROUP_KINDS.has(node.kind) && !(node.kind === 'mesh' && node.collapsed);
    elkNodes.set(node.id, {
      id: node.id,
      ...(isGroup
        ? { children: [], layoutOptions: { ...GROUP_OPTIONS[node.kind as 'mesh' | 'call-group'] } }
        : nodeSize(node, expandedSidecars)),
    });
  }
  const root: ElkNode = { id: 'root', layoutOptions: ROOT_OPTIONS, children: [], edges: [] };
  for (const node of graph.nodes) {
    const elkNode = elkNodes.get(node.id);
    if (!elkNode) continue;
    const parent = node.parent ? elkNodes.get(node.parent) : undefined;
    (parent?.children ?? root.children)?.push(elkNode);
  }
  root.edges = graph.edges
    .filter((edge) => elkNodes.has(edge.source) && elkNodes.has(edge.target))
    .map(
      (edge): ElkExtendedEdge => ({ id: edge.id, sources: [edge.source], targets: [edge.target] }),
    );
  return root;
}

function collect(node: ElkNode, into: Layout): void {
  for (const child of node.children ?? []) {
    into.set(child.id, {
      x: child.x ?? 0,
      y: child.y ?? 0,
      width: child.width ?? 0,
      height: child.height ?? 0,
    });
    collect(child, into);
  }
}

export async function layoutTopology(
  graph: TopologyGraph,
  engine: ElkEngine,
  expandedSidecars: ReadonlySet<string> = new Set(),
): Promise<Layout> {
  const result = await engine.layout(toElkGraph(graph, expandedSidecars));
  const layout: Layout = new Map();
  collect(result, layout);
  return layout;
}
