import type { ElkExtendedEdge, ElkLayoutArguments, ElkNode } from 'elkjs/lib/elk-api';
import { CLIENT_ID, EDGE_ID, type TopologyGraph, type TopologyNode } from './types';

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
  /**
   * The whole compound graph (`toElkGraph`) laid out level by level in one call, as
   * `layoutElkGraph` does: an engine that can (the dashboard server) saves the round trips
   * between the levels. Answers the same graph with every node placed.
   */
  layoutLevels?(whole: ElkNode, options?: LayoutRequestOptions): Promise<ElkNode>;
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
  'elk.spacing.nodeNode': '28',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
  'elk.spacing.edgeNode': '20',
  // Follow the input order: ids and order are stable, so a refresh lays out the same way and
  // a structural change moves little.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  // Measured on a mesh of 50 services: the same crossings, a fifth less time.
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
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

/**
 * One ELK job: a compound's (or the root's) own children, each compound child a fixed box of
 * the size its own job gave it. Every graph sent to ELK is flat.
 */
export interface LayoutJob {
  id: string;
  /** Jobs of the compound children, laid out first (and independently of each other). */
  inner: LayoutJob[];
  /** The graph to lay out, once the inner jobs' sizes are known. */
  graph: (sizes: ReadonlyMap<string, { width: number; height: number }>) => ElkNode;
}

/**
 * Splits the ELK graph into one job per compound (every expanded mesh and call group) and one
 * for the top level. ELK's hierarchical mode costs several times more than laying out each
 * level flat: crossing minimisation sweeps across every level at once. A job is cached by its
 * own structure (expanding one more mesh lays out only that mesh), and jobs of one level run
 * side by side. Meshes stack in a column fed by the edge gateway and a call group sits among
 * its mesh's gateways as one box, so an edge into a compound orders it as a whole: one edge to
 * its box per pair of children, the edges inside it in its own job.
 */
export function layoutJobTree(whole: ElkNode): LayoutJob {
  return jobFor(whole, whole.edges ?? [], whole.layoutOptions ?? {}, true);
}

/**
 * The top level when its only links are the client's to the edge gateway and the edge
 * gateway's to meshes: three layers whichever way they are found, and longest path finds them
 * in a third of network simplex's time (100 meshes: 0.1 s instead of 0.3 s, same positions).
 * A link between two meshes keeps network simplex, which keeps a mesh next to its feeder.
 */
const FED_BY_THE_EDGE_ONLY = { 'elk.layered.layering.strategy': 'LONGEST_PATH' };

function fedByTheEdgeOnly(edges: Iterable<ElkExtendedEdge>): boolean {
  for (const edge of edges) {
    const source = edge.sources[0];
    const target = edge.targets[0];
    if (source === EDGE_ID) continue;
    if (source === CLIENT_ID && target === EDGE_ID) continue;
    return false;
  }
  return true;
}

function jobFor(
  compound: ElkNode,
  edges: readonly ElkExtendedEdge[],
  inherited: Record<string, string>,
  topLevel = false,
): LayoutJob {
  const layoutOptions = { ...inherited, ...compound.layoutOptions };
  const children = compound.children ?? [];
  // Which child of this compound each descendant belongs to.
  const owner = new Map<string, string>();
  const mark = (node: ElkNode, top: string) => {
    for (const child of node.children ?? []) {
      owner.set(child.id, top);
      mark(child, top);
    }
  };
  for (const child of children) {
    owner.set(child.id, child.id);
    mark(child, child.id);
  }
  const compounds = children.filter((child) => (child.children?.length ?? 0) > 0);
  const edgesInside = new Map<string, ElkExtendedEdge[]>(compounds.map((c) => [c.id, []]));
  const ownEdges = new Map<string, ElkExtendedEdge>();
  for (const edge of edges) {
    const source = edge.sources[0];
    const target = edge.targets[0];
    if (source === undefined || target === undefined) continue;
    const sourceTop = owner.get(source);
    const targetTop = owner.get(target);
    if (sourceTop === undefined || targetTop === undefined) continue;
    if (sourceTop === targetTop) {
      // Between two members of one compound (an edge to the compound itself has no place inside).
      const inside = edgesInside.get(sourceTop);
      if (inside && source !== sourceTop && target !== sourceTop) inside.push(edge);
      continue;
    }
    const id = sourceTop === source && targetTop === target ? edge.id : `${sourceTop}>${targetTop}`;
    const key = `${sourceTop}>${targetTop}`;
    if (!ownEdges.has(key)) ownEdges.set(key, { id, sources: [sourceTop], targets: [targetTop] });
  }
  const { 'elk.padding': _padding, ...passedDown } = layoutOptions;
  const ownOptions =
    topLevel && fedByTheEdgeOnly(ownEdges.values())
      ? { ...layoutOptions, ...FED_BY_THE_EDGE_ONLY }
      : layoutOptions;
  return {
    id: compound.id,
    inner: compounds.map((child) => jobFor(child, edgesInside.get(child.id) ?? [], passedDown)),
    graph: (sizes) => ({
      id: compound.id,
      layoutOptions: ownOptions,
      children: children.map((child): ElkNode => {
        const size = sizes.get(child.id);
        return size
          ? { id: child.id, width: size.width, height: size.height }
          : { id: child.id, width: child.width ?? 0, height: child.height ?? 0 };
      }),
      edges: [...ownEdges.values()],
    }),
  };
}

/**
 * Lays out a job after its inner jobs; positions are relative to the parent, as ELK's. Jobs
 * that wait for nothing are requested at once (in the same tick as the call).
 */
function runJob(
  job: LayoutJob,
  engine: ElkEngine,
  signal: AbortSignal | undefined,
  into: Layout,
): Promise<{ width: number; height: number }> {
  const run = async (sizes: ReadonlyMap<string, { width: number; height: number }>) => {
    const result = await engine.layout(job.graph(sizes), signal ? { signal } : {});
    collect(result, into);
    return { width: result.width ?? 0, height: result.height ?? 0 };
  };
  if (job.inner.length === 0) return run(new Map());
  return Promise.all(
    job.inner.map((inner) =>
      runJob(inner, engine, signal, into).then((size) => [inner.id, size] as const),
    ),
  ).then((sizes) => run(new Map(sizes)));
}

/** A compound ELK graph's positions: every compound's inside, then the level above. */
export async function layoutElkGraph(
  whole: ElkNode,
  engine: ElkEngine,
  signal?: AbortSignal,
): Promise<{ layout: Layout; width: number; height: number }> {
  const layout: Layout = new Map();
  const size = await runJob(layoutJobTree(whole), engine, signal, layout);
  return { layout, ...size };
}

/** `whole` with every node at its place in `layout` (and the root `size`): ELK's own answer shape. */
export function placed(
  whole: ElkNode,
  layout: Layout,
  size: { width: number; height: number },
): ElkNode {
  const place = (node: ElkNode): ElkNode => {
    const box = layout.get(node.id);
    return {
      id: node.id,
      ...(box ?? {}),
      ...(node.children ? { children: node.children.map(place) } : {}),
    };
  };
  return { ...place(whole), x: 0, y: 0, ...size };
}

/** The topology's positions: every compound's inside, then the level above (see `layoutJobTree`). */
export async function layoutTopology(
  graph: TopologyGraph,
  engine: ElkEngine,
  expandedSidecars: ReadonlySet<string> = new Set(),
  signal?: AbortSignal,
): Promise<Layout> {
  const whole = toElkGraph(graph, expandedSidecars);
  if (engine.layoutLevels) {
    const layout: Layout = new Map();
    collect(await engine.layoutLevels(whole, signal ? { signal } : {}), layout);
    return layout;
  }
  return (await layoutElkGraph(whole, engine, signal)).layout;
}

/**
 * Graphs of the kinds a drawn topology sends, each as its own job sends it (a call group, the
 * mesh around it, and a top level with one expanded and many collapsed meshes, fed by the edge
 * only or with a link between two meshes), for a layout server to lay out before its first
 * page: ELK and the code around it run several times slower until V8 has compiled them for
 * these shapes and options (a page's first call group took 0.2 s where it takes 0.03 s).
 * `variant` changes the sizes only, so that each variant is laid out, not answered from a cache.
 */
export function rehearsalGraphs(variant = 0, services = 6, collapsedMeshes = 100): ElkNode[] {
  const extra = (variant + 1) / 8;
  const box = (id: string, width: number, height: number): ElkNode => ({
    id,
    width: width + extra,
    height: height + extra,
  });
  const edge = (id: string, source: string, target: string): ElkExtendedEdge => ({
    id,
    sources: [source],
    targets: [target],
  });
  const topology = (crossMesh: boolean): ElkNode => {
    const edges: ElkExtendedEdge[] = [
      edge('enters', CLIENT_ID, EDGE_ID),
      edge('fronts', EDGE_ID, 'gateway'),
      edge('routes', 'gateway', 'service-0'),
    ];
    const members: ElkNode[] = [];
    for (let index = 0; index < services; index++) {
      members.push(box(`service-${index}`, 170, 46), box(`sidecar-${index}`, 170, 50));
      edges.push(edge(`serves-${index}`, `service-${index}`, `sidecar-${index}`));
      if (index > 0) edges.push(edge(`calls-${index}`, `sidecar-${index - 1}`, `sidecar-${index}`));
    }
    const group: ElkNode = {
      id: 'call-group',
      layoutOptions: { ...GROUP_OPTIONS['call-group'] },
      children: members,
    };
    const mesh: ElkNode = {
      id: 'mesh',
      layoutOptions: { ...GROUP_OPTIONS.mesh },
      children: [box('gateway', 240, 90), group],
    };
    const topLevel: ElkNode[] = [box(CLIENT_ID, 110, 44), box(EDGE_ID, 160, 54), mesh];
    for (let index = 0; index < collapsedMeshes; index++) {
      topLevel.push(box(`collapsed-${index}`, 240, 96));
      edges.push(edge(`fronts-${index}`, EDGE_ID, `collapsed-${index}`));
    }
    if (crossMesh) edges.push(edge('cross-mesh', 'gateway', 'collapsed-0'));
    return { id: 'root', layoutOptions: ROOT_OPTIONS, children: topLevel, edges };
  };
  const sized = (job: LayoutJob) =>
    job.graph(
      new Map(job.inner.map((inner) => [inner.id, { width: 400 + extra, height: 300 + extra }])),
    );
  const graphs: ElkNode[] = [];
  const visit = (job: LayoutJob) => {
    job.inner.forEach(visit);
    graphs.push(sized(job));
  };
  visit(layoutJobTree(topology(false)));
  // The same compounds inside; only the top level differs.
  graphs.push(sized(layoutJobTree(topology(true))));
  return graphs;
}
