import type { TopologyEdge, TopologyGraph, TopologyNode } from './types';

/** Node and edge ids on the paths through some nodes: drawn lit, the rest dimmed. */
export interface PathSet {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/**
 * Links between gateways of different meshes that carry no request from the client to a
 * service: following them would light every mesh with a delegated gateway. They are lit only
 * when they touch a node the paths start from.
 */
const SIDE_RELATIONS: ReadonlySet<TopologyEdge['relation']> = new Set(['delegated-peers']);

function isContainer(node: TopologyNode): boolean {
  return (node.kind === 'mesh' && !node.collapsed) || node.kind === 'call-group';
}

/**
 * A service and the KUMA-DP sidecars serving it are one thing drawn twice: one lit means the
 * other. Read from the open service — sidecar lines, so a sidecar whose dataplanes serve two
 * services (drawn once) brings both.
 */
function partnersOf(edges: readonly TopologyEdge[]): Map<string, string[]> {
  const partners = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const list = partners.get(from);
    if (list) list.push(to);
    else partners.set(from, [to]);
  };
  for (const edge of edges) {
    if (edge.relation !== 'service-sidecar') continue;
    add(edge.source, edge.target);
    add(edge.target, edge.source);
  }
  return partners;
}

function searchable(node: TopologyNode): string {
  const parts = [node.label];
  if ('mesh' in node) parts.push(node.mesh);
  if (node.kind === 'gateway') {
    parts.push(node.name, node.displayName, ...node.instances.map((instance) => instance.name));
    // Find by hostname: "api.example.com" finds the gateway that serves it.
    for (const listener of node.listeners) parts.push(listener.hostname);
  }
  if (node.kind === 'sidecar')
    parts.push(
      ...node.services,
      ...node.dataplanes.flatMap((dataplane) => [dataplane.name, dataplane.displayName]),
    );
  if (node.kind === 'service') parts.push(node.service);
  return parts.join('\n').toLowerCase();
}

/**
 * What Find matches, as drawn node ids: a case-insensitive match on names, labels, hostnames
 * and dataplane names. Containers never match by themselves (a mesh name would light every
 * member and so nothing); a member of a collapsed mesh is found through the mesh's summary
 * node, which stands for it on the drawing. The client and the edge are not matches: they are
 * on every path anyway.
 */
export function findMatches(
  view: TopologyGraph,
  model: TopologyGraph,
  text: string | undefined,
): Set<string> {
  const matches = new Set<string>();
  const needle = text?.trim().toLowerCase();
  if (!needle) return matches;
  const drawn = new Map(view.nodes.map((node) => [node.id, node]));
  const all = new Map(model.nodes.map((node) => [node.id, node]));
  for (const node of view.nodes) {
    if (node.kind === 'mesh' && node.collapsed && node.mesh.toLowerCase().includes(needle))
      matches.add(node.id);
  }
  for (const node of model.nodes) {
    if (node.kind === 'client' || node.kind === 'edge' || isContainer(node)) continue;
    if (!searchable(node).includes(needle)) continue;
    // The node itself when drawn, else the collapsed mesh it is folded into.
    let current: TopologyNode | undefined = node;
    while (current && !drawn.has(current.id))
      current = current.parent ? all.get(current.parent) : undefined;
    if (current && !isContainer(drawn.get(current.id) ?? current)) matches.add(current.id);
  }
  return matches;
}

/**
 * The paths through `seeds`: everything upstream of them (what sends them traffic, back to the
 * client) and downstream (what they send traffic to), following edges in their direction, with
 * the containers that hold what is lit. A container seed stands for its members. This is what
 * Find keeps visible (client → edge → gateway → match) and what selecting a node highlights.
 */
export function pathsThrough(graph: TopologyGraph, seeds: Iterable<string>): PathSet {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const children = new Map<string, string[]>();
  for (const node of graph.nodes) {
    if (!node.parent) continue;
    const list = children.get(node.parent) ?? [];
    list.push(node.id);
    children.set(node.parent, list);
  }
  const partners = partnersOf(graph.edges);
  const start = new Set<string>();
  const addSeed = (id: string) => {
    const node = byId.get(id);
    if (!node || start.has(id)) return;
    start.add(id);
    if (isContainer(node)) for (const child of children.get(id) ?? []) addSeed(child);
    for (const partner of partners.get(id) ?? []) if (byId.has(partner)) start.add(partner);
  };
  for (const id of seeds) addSeed(id);

  const outgoing = new Map<string, TopologyEdge[]>();
  const incoming = new Map<string, TopologyEdge[]>();
  for (const edge of graph.edges) {
    if (SIDE_RELATIONS.has(edge.relation)) continue;
    outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge]);
  }
  const nodes = new Set<string>();
  const edges = new Set<string>();
  const walk = (direction: 'up' | 'down') => {
    const seen = new Set(start);
    const queue = [...start];
    while (queue.length > 0) {
      const id = queue.pop() as string;
      nodes.add(id);
      const next = direction === 'down' ? outgoing.get(id) : incoming.get(id);
      for (const edge of next ?? []) {
        edges.add(edge.id);
        const other = direction === 'down' ? edge.target : edge.source;
        if (seen.has(other)) continue;
        seen.add(other);
        queue.push(other);
      }
    }
  };
  walk('up');
  walk('down');
  // A lit sidecar brings its service (and the link between them), and the side links that
  // touch a seed are lit too.
  for (const id of [...nodes]) {
    for (const partner of partners.get(id) ?? []) if (byId.has(partner)) nodes.add(partner);
  }
  for (const edge of graph.edges) {
    const pair = edge.relation === 'service-sidecar' && nodes.has(edge.source);
    const side =
      SIDE_RELATIONS.has(edge.relation) && (start.has(edge.source) || start.has(edge.target));
    if (!pair && !side) continue;
    edges.add(edge.id);
    nodes.add(edge.source);
    nodes.add(edge.target);
  }
  // The groups that hold what is lit: a mesh frame stays readable around its lit members.
  for (const id of [...nodes]) {
    let parent = byId.get(id)?.parent;
    while (parent && !nodes.has(parent)) {
      nodes.add(parent);
      parent = byId.get(parent)?.parent;
    }
  }
  return { nodes, edges };
}

/** The sidecar nodes serving each service node, from the open service — sidecar lines. */
export function servingSidecars(graph: TopologyGraph): Map<string, string[]> {
  const serving = new Map<string, string[]>();
  for (const edge of graph.edges) {
    if (edge.relation !== 'service-sidecar') continue;
    const list = serving.get(edge.source);
    if (list) list.push(edge.target);
    else serving.set(edge.source, [edge.target]);
  }
  return serving;
}

/**
 * Ids that name "the sidecar of service S" (a trace, a diagnosis rule) as the graph draws them:
 * a service served by another service's dataplanes has no sidecar of its own, and stands for
 * the sidecar that serves it. Ids the graph has are kept, others are left out.
 */
export function sidecarResolver(graph: TopologyGraph): (id: string) => string[] {
  const ids = new Set(graph.nodes.map((node) => node.id));
  const serving = servingSidecars(graph);
  return (id) => {
    if (ids.has(id)) return [id];
    if (!id.startsWith('sidecar:')) return [];
    return serving.get(`service:${id.slice('sidecar:'.length)}`) ?? [];
  };
}

/**
 * A traced path on the graph: its nodes resolved as `sidecarResolver` does, and each lit
 * service with the lines to the sidecars serving it, so a trace to a service whose dataplanes
 * are another service's lights that one sidecar.
 */
export function tracedOnGraph(graph: TopologyGraph, path: PathSet): PathSet {
  const resolve = sidecarResolver(graph);
  const nodes = new Set([...path.nodes].flatMap(resolve));
  const edgeIds = new Set(graph.edges.map((edge) => edge.id));
  const edges = new Set([...path.edges].filter((id) => edgeIds.has(id)));
  for (const edge of graph.edges) {
    if (edge.relation !== 'service-sidecar' || !nodes.has(edge.source)) continue;
    edges.add(edge.id);
    nodes.add(edge.target);
  }
  return { nodes, edges };
}
