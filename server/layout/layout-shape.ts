import type { LayoutInputNode } from './layout-input';
import type { LaidOutNode } from './layout-runner';

/**
 * A graph with every node and edge renamed by its place in the graph (depth-first, in the
 * order given), and the names it had. ELK's layout depends on sizes, options, order and which
 * node links to which, never on the names, so two call groups of the same shape (ten meshes
 * generated from one template, every lone service and its sidecar) are laid out once: the
 * answer is the same positions under other names.
 */
export interface GraphShape {
  /** The renamed graph: what the layout process gets and what the cache key hashes. */
  graph: LayoutInputNode;
  /** Original node id of each renamed node, by its new id. */
  names: ReadonlyMap<string, string>;
}

export function graphShape(graph: LayoutInputNode): GraphShape {
  const renamed = new Map<string, string>();
  const names = new Map<string, string>();
  // Nodes first, at every depth: an edge may name a node declared after it.
  const number = (node: LayoutInputNode) => {
    const id = `n${renamed.size}`;
    renamed.set(node.id, id);
    names.set(id, node.id);
    for (const child of node.children ?? []) number(child);
  };
  number(graph);
  let edges = 0;
  const rename = (node: LayoutInputNode): LayoutInputNode => {
    const copy: LayoutInputNode = { id: renamed.get(node.id) ?? node.id };
    if (node.width !== undefined) copy.width = node.width;
    if (node.height !== undefined) copy.height = node.height;
    if (node.layoutOptions !== undefined) copy.layoutOptions = node.layoutOptions;
    if (node.children !== undefined) copy.children = node.children.map(rename);
    if (node.edges !== undefined)
      copy.edges = node.edges.map((edge) => ({
        id: `e${edges++}`,
        sources: edge.sources.map((end) => renamed.get(end) ?? end),
        targets: edge.targets.map((end) => renamed.get(end) ?? end),
      }));
    return copy;
  };
  return { graph: rename(graph), names };
}

/** A layout of the renamed graph under the names the request used. */
export function withNames(laidOut: LaidOutNode, names: ReadonlyMap<string, string>): LaidOutNode {
  const node: LaidOutNode = {
    id: names.get(laidOut.id) ?? laidOut.id,
    x: laidOut.x,
    y: laidOut.y,
    width: laidOut.width,
    height: laidOut.height,
  };
  if (laidOut.children) node.children = laidOut.children.map((child) => withNames(child, names));
  return node;
}
