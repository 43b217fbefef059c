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
