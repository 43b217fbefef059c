import { z } from 'zod';

/** What `/_layout` accepts; a graph beyond these is refused before ELK sees it. */
export interface LayoutLimits {
  /** Request body, bytes (413 above). */
  maxBodyBytes: number;
  /** Nodes at every depth, compound nodes included (400 above). */
  maxNodes: number;
  maxEdges: number;
  /** Nesting of compound nodes: the topology has root → mesh → call group → node. */
  maxDepth: number;
}

/**
 * The topology's largest graphs: "expand all" is capped near 1,250 nodes, about 300 KB of JSON
 * at 5,000 dataplanes; these leave room for a larger deployment without letting a request
 * occupy the single layout worker for minutes.
 */
export const DEFAULT_LAYOUT_LIMITS: LayoutLimits = {
  maxBodyBytes: 4 * 1024 * 1024,
  maxNodes: 6000,
  maxEdges: 12_000,
  maxDepth: 6,
};

/**
 * The ELK options the dashboard sets (`src/topology/layout.ts`). Anything else is refused: an
 * arbitrary algorithm or thoroughness could keep the worker busy until the time limit.
 */
export const ALLOWED_LAYOUT_OPTIONS: ReadonlySet<string> = new Set([
  'elk.algorithm',
  'elk.direction',
  'elk.hierarchyHandling',
  'elk.padding',
  'elk.spacing.nodeNode',
  'elk.spacing.edgeNode',
  'elk.edgeRouting',
  'elk.layered.spacing.nodeNodeBetweenLayers',
  'elk.layered.considerModelOrder.strategy',
  'elk.layered.layering.strategy',
  'elk.layered.nodePlacement.strategy',
  'elk.layered.thoroughness',
  'elk.layered.crossingMinimization.greedySwitch.type',
  'elk.layered.crossingMinimization.greedySwitchHierarchical.type',
]);

// Ids are untrusted strings: bounded, and used only as ELK ids and JSON keys.
const id = z.string().min(1).max(1024);
const size = z.number().finite().min(0).max(100_000);
const options = z
  .record(z.string().max(100), z.string().max(200))
  .refine((value) => Object.keys(value).every((key) => ALLOWED_LAYOUT_OPTIONS.has(key)), {
    message: `only these layout options are accepted: ${[...ALLOWED_LAYOUT_OPTIONS].join(', ')}`,
  });
const edge = z.strictObject({
  id,
  sources: z.array(id).length(1),
  targets: z.array(id).length(1),
});

export interface LayoutInputNode {
  id: string;
  width?: number | undefined;
  height?: number | undefined;
  layoutOptions?: Record<string, string> | undefined;
  children?: LayoutInputNode[] | undefined;
  edges?: z.infer<typeof edge>[] | undefined;
}

const node: z.ZodType<LayoutInputNode> = z.strictObject({
  id,
  width: size.optional(),
  height: size.optional(),
  layoutOptions: options.optional(),
  get children() {
    return z.array(node).optional();
  },
  edges: z.array(edge).optional(),
});

export type LayoutCheck =
  | { ok: true; graph: LayoutInputNode; nodes: number; edges: number }
  | { ok: false; message: string };

/** Depth and counts first, without recursion: a deeply nested body cannot overflow the stack. */
function measure(value: unknown, limits: LayoutLimits): { nodes: number; edges: number } | string {
  let nodes = 0;
  let edges = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current || typeof current.value !== 'object' || current.value === null) continue;
    const { children, edges: own } = current.value as { children?: unknown; edges?: unknown };
    if (Array.isArray(own)) edges += own.length;
    if (!Array.isArray(children)) continue;
    if (current.depth + 1 > limits.maxDepth && children.length > 0)
      return `nodes are nested deeper than ${limits.maxDepth} levels`;
    nodes += children.length;
    if (nodes > limits.maxNodes)
      return `the graph has more than ${limits.maxNodes} nodes; collapse some meshes`;
    if (edges > limits.maxEdges)
      return `the graph has more than ${limits.maxEdges} edges; collapse some meshes`;
    for (const child of children) stack.push({ value: child, depth: current.depth + 1 });
  }
  if (edges > limits.maxEdges)
    return `the graph has more than ${limits.maxEdges} edges; collapse some meshes`;
  return { nodes, edges };
}

/** Every id once; every edge between nodes of the graph (ELK would fail later, less clearly). */
function checkReferences(graph: LayoutInputNode): string | undefined {
  const ids = new Set<string>();
  const edges: z.infer<typeof edge>[] = [];
  const stack: LayoutInputNode[] = [graph];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current) continue;
    if (ids.has(current.id)) return `the id ${JSON.stringify(current.id)} is used twice`;
    ids.add(current.id);
    edges.push(...(current.edges ?? []));
    stack.push(...(current.children ?? []));
  }
  for (const link of edges) {
    if (ids.has(link.id)) return `the id ${JSON.stringify(link.id)} is used twice`;
    ids.add(link.id);
    for (const end of [...link.sources, ...link.targets]) {
      if (!ids.has(end) || end === graph.id)
        return `the edge ${JSON.stringify(link.id)} refers to the unknown node ${JSON.stringify(end)}`;
    }
  }
  return undefined;
}

/** Parses and checks a request body: counts, depth, shape, references. */
export function checkLayoutInput(text: string, limits: LayoutLimits): LayoutCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'the body is not JSON' };
  }
  const counted = measure(value, limits);
  if (typeof counted === 'string') return { ok: false, message: counted };
  const parsed = node.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, message: `not an ELK graph${where}: ${issue?.message ?? 'invalid'}` };
  }
  const problem = checkReferences(parsed.data);
  if (problem) return { ok: false, message: problem };
  return { ok: true, graph: parsed.data, ...counted };
}
