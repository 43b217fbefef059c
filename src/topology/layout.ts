import type { ElkExtendedEdge, ElkLayoutArguments, ElkNode } from 'elkjs/lib/elk-api';
import type { TopologyGraph, TopologyNode } from './types';

export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Positions relative to the parent, React Flow's `parentId` convention (and ELK's). */
export type Layout = Map<string, NodeBox>;

/** ELK's own layout arguments plus a signal: an aborted one means the answer is not wanted. */
export type LayoutRequestOptions = ElkLayoutArguments & { signal?: AbortSignal };

/**
 * Anything that can lay out an ELK graph: the dashboard server's `/_layout` in the app, elkjs
 * bundled in tests (an `ELK` instance fits as is: it ignores the signal).
 */
export interface ElkEngine {
  layout(graph: ElkNode, options?: LayoutRequestOptions): Promise<ElkNode>;
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

export interface LayoutJobs {
  /** Each expanded mesh's contents, laid out on its own (its padding is the graph's). */
  parts: ElkNode[];
  /** The top level, every expanded mesh a fixed box: built once the parts' sizes are known. */
  root: (sizes: ReadonlyMap<string, { width: number; height: number }>) => ElkNode;
}

/**
 * Splits the ELK graph into one job per expanded mesh and one for the top level. ELK's cost
 * grows faster than the graph (one hierarchical layout of ten expanded meshes takes longer than
 * ten of one), a mesh's job is cached by its own structure (expanding one more mesh lays out
 * only that one), and the top level is small. Meshes stack in a column fed by the edge gateway
 * (links between meshes are not in the layout graph), so nothing is lost by laying out each
 * mesh's inside without the others.
 */
export function layoutJobs(whole: ElkNode): LayoutJobs {
  const top = new Map<string, string>();
  const mark = (node: ElkNode, owner: string) => {
    for (const child of node.children ?? []) {
      top.set(child.id, owner);
      mark(child, owner);
    }
  };
  for (const child of whole.children ?? []) {
    top.set(child.id, child.id);
    mark(child, child.id);
  }
  const groups = (whole.children ?? []).filter((child) => (child.children?.length ?? 0) > 0);
  const edgesInside = new Map<string, ElkExtendedEdge[]>(groups.map((group) => [group.id, []]));
  const rootEdges = new Map<string, ElkExtendedEdge>();
  for (const edge of whole.edges ?? []) {
    const source = edge.sources[0];
    const target = edge.targets[0];
    if (source === undefined || target === undefined) continue;
    const sourceTop = top.get(source);
    const targetTop = top.get(target);
    if (sourceTop === undefined || targetTop === undefined) continue;
    const inside = edgesInside.get(sourceTop);
    if (sourceTop === targetTop) {
      // Between two members of one mesh (an edge to the mesh box itself has no place inside).
      if (inside && source !== sourceTop && target !== sourceTop) inside.push(edge);
      continue;
    }
    const id = `${sourceTop}>${targetTop}`;
    if (!rootEdges.has(id)) rootEdges.set(id, { id, sources: [sourceTop], targets: [targetTop] });
  }
  const parts = groups.map(
    (group): ElkNode => ({
      id: group.id,
      layoutOptions: { ...whole.layoutOptions, ...group.layoutOptions },
      children: group.children ?? [],
      edges: edgesInside.get(group.id) ?? [],
    }),
  );
  const root = (sizes: ReadonlyMap<string, { width: number; height: number }>): ElkNode => ({
    id: whole.id,
    ...(whole.layoutOptions ? { layoutOptions: whole.layoutOptions } : {}),
    children: (whole.children ?? []).map((child): ElkNode => {
      const size = sizes.get(child.id);
      return size
        ? { id: child.id, width: size.width, height: size.height }
        : { id: child.id, width: child.width ?? 0, height: child.height ?? 0 };
    }),
    edges: [...rootEdges.values()],
  });
  return { parts, root };
}

/** The topology's positions: each expanded mesh's inside, then the top level (see `layoutJobs`). */
export async function layoutTopology(
  graph: TopologyGraph,
  engine: ElkEngine,
  expandedSidecars: ReadonlySet<string> = new Set(),
  signal?: AbortSignal,
): Promise<Layout> {
  const { parts, root } = layoutJobs(toElkGraph(graph, expandedSidecars));
  const insides = await Promise.all(
    parts.map((part) => engine.layout(part, signal ? { signal } : {})),
  );
  const sizes = new Map(
    insides.map((inside) => [inside.id, { width: inside.width ?? 0, height: inside.height ?? 0 }]),
  );
  const result = await engine.layout(root(sizes), signal ? { signal } : {});
  const layout: Layout = new Map();
  collect(result, layout);
  for (const inside of insides) collect(inside, layout);
  return layout;
}
