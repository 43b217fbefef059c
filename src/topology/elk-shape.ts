/** The parts of an ELK graph its layout depends on. */
export interface ShapeNode {
  id: string;
  width?: number | undefined;
  height?: number | undefined;
  layoutOptions?: Record<string, string> | undefined;
  children?: ShapeNode[] | undefined;
  edges?: { id: string; sources: string[]; targets: string[] }[] | undefined;
}

/** A laid-out node: the tree ELK answers with, positions relative to the parent. */
export interface PlacedNode {
  id: string;
  x?: number | undefined;
  y?: number | undefined;
  width?: number | undefined;
  height?: number | undefined;
  children?: PlacedNode[] | undefined;
}

/**
 * A graph with every node and edge renamed by its place in the graph (depth-first, in the
 * order given), and the names it had. ELK's layout depends on sizes, options, order and which
 * node links to which, never on the names, so two call groups of the same shape (ten meshes
 * generated from one template, every lone service and its sidecar) need one layout: the
 * answer is the same positions under other names. Used by the page (one request per shape)
 * and by the layout server (one ELK run and one cache entry per shape).
 */
export interface GraphShape<T extends ShapeNode> {
  /** The renamed graph; its JSON is the shape's key. */
  graph: T;
  /** Original node id of each renamed node, by its new id. */
  names: ReadonlyMap<string, string>;
}

export function graphShape<T extends ShapeNode>(graph: T): GraphShape<T> {
  const renamed = new Map<string, string>();
  const names = new Map<string, string>();
  // Nodes first, at every depth: an edge may name a node declared after it.
  const number = (node: ShapeNode) => {
    const id = `n${renamed.size}`;
    renamed.set(node.id, id);
    names.set(id, node.id);
    for (const child of node.children ?? []) number(child);
  };
  number(graph);
  let edges = 0;
  const rename = (node: ShapeNode): ShapeNode => {
    const copy: ShapeNode = { id: renamed.get(node.id) ?? node.id };
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
  return { graph: rename(graph) as T, names };
}

/** A layout with its node ids mapped through `names` (positions and sizes untouched). */
export function withNames<T extends PlacedNode>(laidOut: T, names: ReadonlyMap<string, string>): T {
  const node: PlacedNode = {
    id: names.get(laidOut.id) ?? laidOut.id,
    x: laidOut.x,
    y: laidOut.y,
    width: laidOut.width,
    height: laidOut.height,
  };
  if (laidOut.children) node.children = laidOut.children.map((child) => withNames(child, names));
  return node as T;
}
