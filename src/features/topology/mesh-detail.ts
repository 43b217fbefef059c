import type { TopologyFlowEdge, TopologyFlowNode } from '../../topology/to-react-flow';

/** What a far zoom leaves out (see `isDetailHidden`): the insides of expanded meshes. */
const DETAIL_KINDS: ReadonlySet<string> = new Set(['service', 'sidecar', 'call-group']);

export interface HiddenDetail {
  nodes: TopologyFlowNode[];
  edges: TopologyFlowEdge[];
  /** Services no longer mounted (what the canvas tells the user). */
  hiddenServices: number;
}

/**
 * Remembers the hidden copy of each node and edge object, so a refresh that keeps a node's
 * object keeps its hidden copy too and React Flow sees nothing changed.
 */
export interface DetailCache {
  nodes: WeakMap<TopologyFlowNode, TopologyFlowNode>;
  edges: WeakMap<TopologyFlowEdge, TopologyFlowEdge>;
}

export function createDetailCache(): DetailCache {
  return { nodes: new WeakMap(), edges: new WeakMap() };
}

function hiddenCopy<T extends object>(item: T, cache: WeakMap<T, T>): T {
  let copy = cache.get(item);
  if (!copy) {
    copy = { ...item, hidden: true };
    cache.set(item, copy);
  }
  return copy;
}

/**
 * The flow with services, sidecars and call groups hidden (`hidden`: React Flow keeps them,
 * positions included, and mounts nothing), and every edge that touches one. Meshes keep their
 * laid-out size, so nothing moves when the detail comes back.
 */
export function hideMeshDetail(
  nodes: readonly TopologyFlowNode[],
  edges: readonly TopologyFlowEdge[],
  cache: DetailCache,
): HiddenDetail {
  const hidden = new Set<string>();
  let hiddenServices = 0;
  const shownNodes = nodes.map((node) => {
    if (!DETAIL_KINDS.has(node.data.node.kind)) return node;
    hidden.add(node.id);
    if (node.data.node.kind === 'service') hiddenServices += 1;
    return hiddenCopy(node, cache.nodes);
  });
  const shownEdges = edges.map((edge) =>
    hidden.has(edge.source) || hidden.has(edge.target) ? hiddenCopy(edge, cache.edges) : edge,
  );
  return { nodes: shownNodes, edges: shownEdges, hiddenServices };
}
