import type { Edge, Node } from '@xyflow/react';
import type { Layout } from './layout';
import type { TopologyEdge, TopologyNode } from './types';

export interface TopologyNodeData extends Record<string, unknown> {
  node: TopologyNode;
  expanded: boolean;
  highlighted: boolean;
  dimmed: boolean;
}

export interface TopologyEdgeData extends Record<string, unknown> {
  edge: TopologyEdge;
  highlighted: boolean;
  dimmed: boolean;
}

export type TopologyFlowNode = Node<TopologyNodeData>;
export type TopologyFlowEdge = Edge<TopologyEdgeData>;

export interface FlowOptions {
  expandedSidecars: ReadonlySet<string>;
  /**
   * Node and edge ids on a traced path, or on the paths through a selection or Find: drawn
   * highlighted, the rest dimmed (groups holding nothing highlighted too).
   */
  highlight?: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };
  /** Node ids drawn dimmed (a health filter), and every edge with a dimmed end. */
  dimmed?: ReadonlySet<string>;
}

/** React Flow node type per model kind; the components live in the topology feature. */
export function flowNodeType(node: TopologyNode): string {
  if (node.kind === 'mesh') return node.collapsed ? 'meshSummary' : 'meshGroup';
  if (node.kind === 'call-group') return 'callGroup';
  return node.kind;
}

/**
 * Model + layout → React Flow nodes and edges. Parents come before children (React Flow needs
 * it) and positions are relative to the parent. Managed edges are dashed, unmanaged solid.
 */
export function toReactFlow(
  nodes: readonly TopologyNode[],
  edges: readonly TopologyEdge[],
  layout: Layout,
  options: FlowOptions,
): { nodes: TopologyFlowNode[]; edges: TopologyFlowEdge[] } {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const depth = (node: TopologyNode): number => {
    let count = 0;
    let current = node.parent ? byId.get(node.parent) : undefined;
    while (current) {
      count += 1;
      current = current.parent ? byId.get(current.parent) : undefined;
    }
    return count;
  };
  const { highlight, dimmed } = options;
  // Groups that hold something highlighted stay lit around it; the others dim with their members.
  const litGroups = new Set<string>();
  for (const id of highlight?.nodes ?? []) {
    let current = byId.get(id);
    while (current?.parent && !litGroups.has(current.parent)) {
      litGroups.add(current.parent);
      current = byId.get(current.parent);
    }
  }
  const flowNodes = [...nodes]
    .sort((a, b) => depth(a) - depth(b))
    .filter((node) => layout.has(node.id))
    .map((node): TopologyFlowNode => {
      const box = layout.get(node.id) ?? { x: 0, y: 0, width: 0, height: 0 };
      const isGroup = (node.kind === 'mesh' && !node.collapsed) || node.kind === 'call-group';
      return {
        id: node.id,
        type: flowNodeType(node),
        position: { x: box.x, y: box.y },
        ...(node.parent && layout.has(node.parent)
          ? { parentId: node.parent, extent: 'parent' as const }
          : {}),
        width: box.width,
        height: box.height,
        // The size React Flow would measure (the style fixes it): a node whose data changed
        // keeps its measured handles instead of being measured again, with every edge after it.
        measured: { width: box.width, height: box.height },
        style: { width: box.width, height: box.height },
        selectable: !isGroup || node.kind === 'mesh',
        draggable: false,
        ...(isGroup ? { zIndex: -1 } : {}),
        data: {
          node,
          expanded: options.expandedSidecars.has(node.id),
          highlighted: Boolean(highlight?.nodes.has(node.id)),
          dimmed:
            Boolean(highlight && !highlight.nodes.has(node.id) && !litGroups.has(node.id)) ||
            Boolean(dimmed?.has(node.id)),
        },
      };
    });
  const flowEdges = edges
    .filter((edge) => layout.has(edge.source) && layout.has(edge.target))
    .map((edge): TopologyFlowEdge => {
      const { target } = edge;
      return {
        id: edge.id,
        source: edge.source,
        target,
        type: 'topology',
        data: {
          edge,
          highlighted: Boolean(highlight?.edges.has(edge.id)),
          // By the ends it is drawn between: a link is dimmed with a node it touches on screen.
          dimmed:
            Boolean(highlight && !highlight.edges.has(edge.id)) ||
            Boolean(dimmed && (dimmed.has(edge.source) || dimmed.has(target))),
        },
      };
    });
  return { nodes: flowNodes, edges: flowEdges };
}
