import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ElkEngine, type Layout, layoutTopology } from '../../topology/layout';
import {
  type TopologyFlowEdge,
  type TopologyFlowNode,
  toReactFlow,
} from '../../topology/to-react-flow';
import type { TopologyGraph } from '../../topology/types';
import { structureKey } from '../../topology/view';
import { layoutGraph, orientEdges } from './layout-graph';

/** Layouts kept for structures seen recently: collapsing and expanding back is instant. */
const CACHED_LAYOUTS = 12;

export interface TopologyFlow {
  nodes: TopologyFlowNode[];
  edges: TopologyFlowEdge[];
  /** The structure these positions were computed for. */
  key: string;
}

export interface TopologyLayoutState {
  flow?: TopologyFlow;
  /** A new layout is computing; `flow` is still the previous one. */
  pending: boolean;
  error?: unknown;
  retry: () => void;
}

interface Frame {
  key: string;
  layout: Layout;
  view: TopologyGraph;
  expanded: ReadonlySet<string>;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function sameNode(a: TopologyFlowNode, b: TopologyFlowNode): boolean {
  return (
    a.type === b.type &&
    a.parentId === b.parentId &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.selected === b.selected &&
    a.data.expanded === b.data.expanded &&
    a.data.highlighted === b.data.highlighted &&
    a.data.dimmed === b.data.dimmed &&
    sameJson(a.data.node, b.data.node)
  );
}

function sameEdge(a: TopologyFlowEdge, b: TopologyFlowEdge): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.sourceHandle === b.sourceHandle &&
    a.targetHandle === b.targetHandle &&
    a.data?.highlighted === b.data?.highlighted &&
    a.data?.dimmed === b.data?.dimmed &&
    sameJson(a.data?.edge, b.data?.edge)
  );
}

/** Keeps the previous object of every unchanged node and edge, so React Flow skips them. */
function reuse<T extends { id: string }>(
  previous: readonly T[] | undefined,
  next: T[],
  same: (a: T, b: T) => boolean,
): T[] {
  if (!previous) return next;
  const byId = new Map(previous.map((item) => [item.id, item]));
  return next.map((item) => {
    const old = byId.get(item.id);
    return old && same(old, item) ? old : item;
  });
}

/**
 * Positions for the interactive view. ELK runs only when `structureKey(view, expanded)`
 * changes; a health or traffic change patches node and edge data and keeps every position.
 * While a new layout computes, the last one stays on screen (with its own view, so nothing is
 * drawn at a position computed for something else).
 */
export function useTopologyLayout(
  view: TopologyGraph | undefined,
  expanded: ReadonlySet<string>,
  engine: ElkEngine,
  selected?: string,
  highlight?: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> },
): TopologyLayoutState {
  const key = useMemo(() => (view ? structureKey(view, expanded) : undefined), [view, expanded]);
  const [frame, setFrame] = useState<Frame>();
  const [failure, setFailure] = useState<{ key: string; error: unknown }>();
  const [attempt, setAttempt] = useState(0);
  const cache = useRef(new Map<string, Layout>());
  const latest = useRef({ view, expanded });
  latest.current = { view, expanded };

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs a failed layout; view and expanded are read at run time through `latest`
  useEffect(() => {
    const { view: graph, expanded: sidecars } = latest.current;
    if (key === undefined || !graph) return;
    const cached = cache.current.get(key);
    if (cached) {
      setFrame({ key, layout: cached, view: graph, expanded: sidecars });
      return;
    }
    let current = true;
    layoutTopology(layoutGraph(graph), engine, sidecars).then(
      (layout) => {
        cache.current.set(key, layout);
        if (cache.current.size > CACHED_LAYOUTS) {
          const oldest = cache.current.keys().next().value;
          if (oldest !== undefined) cache.current.delete(oldest);
        }
        if (!current) return;
        setFailure(undefined);
        setFrame({ key, layout, view: graph, expanded: sidecars });
      },
      (error: unknown) => {
        if (current) setFailure({ key, error });
      },
    );
    return () => {
      current = false;
    };
  }, [key, engine, attempt]);

  const shown = useMemo((): Frame | undefined => {
    if (!frame) return undefined;
    // Same structure: today's data at the positions computed for it.
    if (frame.key === key && view) return { ...frame, view, expanded };
    return frame;
  }, [frame, key, view, expanded]);

  const previous = useRef<TopologyFlow | undefined>(undefined);
  const flow = useMemo((): TopologyFlow | undefined => {
    if (!shown) return undefined;
    const raw = toReactFlow(shown.view.nodes, shown.view.edges, shown.layout, {
      expandedSidecars: shown.expanded,
      ...(highlight ? { highlight } : {}),
    });
    const nodes = raw.nodes.map((node) =>
      node.id === selected ? { ...node, selected: true } : { ...node, selected: false },
    );
    const old = previous.current;
    const next: TopologyFlow = {
      key: shown.key,
      nodes: reuse(old?.nodes, nodes, sameNode),
      edges: reuse(old?.edges, orientEdges(raw.nodes, raw.edges), sameEdge),
    };
    previous.current = next;
    return next;
  }, [shown, selected, highlight]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  return {
    ...(flow ? { flow } : {}),
    pending: key !== undefined && frame?.key !== key && failure?.key !== key,
    ...(failure && failure.key === key ? { error: failure.error } : {}),
    retry,
  };
}
