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

/** A service and its KUMA-DP sidecar are one thing drawn twice: one lit means both. */
function partnerOf(id: string): string | undefined {
  if (id.startsWith('service:')) return `sidecar:${id.slice('service:'.length)}`;
  if (id.startsWith('sidecar:')) return `service:${id.slice('sidecar:'.length)}`;
  return undefined;
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
      node.service,
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
  const start = new Set<string>();
  const addSeed = (id: string) => {
    const node = byId.get(id);
    if (!node || start.has(id)) return;
    start.add(id);
    if (isContainer(node)) for (const child of children.get(id) ?? []) addSeed(child);
    const partner = partnerOf(id);
    if (partner && byId.has(partner)) start.add(partner);
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
    const partner = partnerOf(id);
    if (partner && byId.has(partner)) nodes.add(partner);
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
