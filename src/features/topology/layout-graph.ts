import type { TopologyFlowEdge, TopologyFlowNode } from '../../topology/to-react-flow';
import type { TopologyEdge, TopologyGraph } from '../../topology/types';

/** Links between meshes: drawn, but not what orders the columns of a left-to-right flow. */
const LATERAL: ReadonlySet<TopologyEdge['relation']> = new Set(['cross-mesh', 'delegated-peers']);

export const LATERAL_HANDLES = { top: 'lateral-top', bottom: 'lateral-bottom' } as const;

/**
 * The graph ELK lays out, read the way the docs draw it:
 * - links between meshes (cross-mesh listeners, delegated peers) do not push one mesh to the
 *   right of the other: meshes stack, each fed by the edge Kong Gateway;
 * - a called service sits right of its sidecar (`D1 <-.-> D2 --- S2`), so its open
 *   service–sidecar line counts from the sidecar.
 * Node ids and sizes are unchanged, so positions map straight back onto the drawn view.
 */
export function layoutGraph(graph: TopologyGraph): TopologyGraph {
  const calls = graph.edges.filter((edge) => edge.relation === 'sidecar-sidecar');
  const callers = new Set(calls.map((edge) => edge.source));
  const calleesOnly = new Set(
    calls.map((edge) => edge.target).filter((target) => !callers.has(target)),
  );
  return {
    ...graph,
    edges: graph.edges
      .filter((edge) => !LATERAL.has(edge.relation))
      .map((edge) =>
        edge.relation === 'service-sidecar' && calleesOnly.has(edge.target)
          ? { ...edge, source: edge.target, target: edge.source }
          : edge,
      ),
  };
}

function absolutePositions(
  nodes: readonly TopologyFlowNode[],
): Map<string, { x: number; y: number }> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const absolute = new Map<string, { x: number; y: number }>();
  const resolve = (node: TopologyFlowNode): { x: number; y: number } => {
    const known = absolute.get(node.id);
    if (known) return known;
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    const origin = parent ? resolve(parent) : { x: 0, y: 0 };
    const position = { x: origin.x + node.position.x, y: origin.y + node.position.y };
    absolute.set(node.id, position);
    return position;
  };
  for (const node of nodes) resolve(node);
  return absolute;
}

/**
 * Picks the handles each edge leaves and enters by, from the laid-out positions: links between
 * stacked meshes go from the top or bottom of one gateway to the other; an open service–sidecar
 * line is drawn from whichever of the two is on the left.
 */
export function orientEdges(
  nodes: readonly TopologyFlowNode[],
  edges: readonly TopologyFlowEdge[],
): TopologyFlowEdge[] {
  const positions = absolutePositions(nodes);
  return edges.map((edge) => {
    const relation = edge.data?.edge.relation;
    const source = positions.get(edge.source);
    const target = positions.get(edge.target);
    if (!relation || !source || !target) return edge;
    if (LATERAL.has(relation)) {
      const below = source.y > target.y;
      return {
        ...edge,
        sourceHandle: below ? LATERAL_HANDLES.top : LATERAL_HANDLES.bottom,
        targetHandle: below ? LATERAL_HANDLES.bottom : LATERAL_HANDLES.top,
      };
    }
    if (relation === 'service-sidecar' && source.x > target.x) {
      return { ...edge, source: edge.target, target: edge.source };
    }
    return edge;
  });
}
