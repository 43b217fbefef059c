import { getViewportForBounds } from '@xyflow/react';

/** What the canvas frames: a node or group with what it links to (Focus, an expanded mesh). */

/**
 * The nodes to frame around `ids`: themselves and every node a drawn link joins them to, so a
 * user sees what they connect to (Focus), and an expanded mesh keeps its gateways' edge and the
 * meshes it links to in view.
 */
export function neighbourhood(
  ids: ReadonlySet<string>,
  edges: readonly { source: string; target: string; hidden?: boolean }[],
): string[] {
  const framed = new Set(ids);
  for (const edge of edges) {
    if (edge.hidden) continue;
    if (ids.has(edge.source)) framed.add(edge.target);
    if (ids.has(edge.target)) framed.add(edge.source);
  }
  return [...framed];
}

/** A group and every node drawn inside it. */
export function membersOf(
  nodes: readonly { id: string; parentId?: string | undefined }[],
  groupId: string,
): Set<string> {
  const members = new Set([groupId]);
  // Parents come before their children.
  for (const node of nodes) if (node.parentId && members.has(node.parentId)) members.add(node.id);
  return members;
}

export interface FramedNode {
  id: string;
  parentId?: string | undefined;
  position: { x: number; y: number };
  width?: number | undefined;
  height?: number | undefined;
}

export interface FrameOptions {
  /** A fraction of the viewport, as React Flow's `fitView` takes it. */
  padding: number;
  minZoom: number;
  maxZoom: number;
}

/**
 * The zoom React Flow's `fitView` will frame `ids` at (every node when absent) in a viewport of
 * `width` × `height`: known before the nodes are handed to React Flow, so the first render of a
 * new layout can already draw what that zoom shows. Positions are relative to the parent, as
 * React Flow's are, and parents come before their children. Undefined for an unmeasured
 * viewport or nothing to frame.
 */
export function framedZoom(
  nodes: readonly FramedNode[],
  ids: readonly string[] | undefined,
  width: number,
  height: number,
  options: FrameOptions,
): number | undefined {
  if (width <= 0 || height <= 0) return undefined;
  const wanted = ids ? new Set(ids) : undefined;
  const origin = new Map<string, { x: number; y: number }>();
  let left = Number.POSITIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const node of nodes) {
    const parent = node.parentId ? origin.get(node.parentId) : undefined;
    const x = node.position.x + (parent?.x ?? 0);
    const y = node.position.y + (parent?.y ?? 0);
    origin.set(node.id, { x, y });
    if (wanted && !wanted.has(node.id)) continue;
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + (node.width ?? 0));
    bottom = Math.max(bottom, y + (node.height ?? 0));
  }
  if (!Number.isFinite(left)) return undefined;
  const bounds = { x: left, y: top, width: right - left, height: bottom - top };
  return getViewportForBounds(
    bounds,
    width,
    height,
    options.minZoom,
    options.maxZoom,
    options.padding,
  ).zoom;
}
