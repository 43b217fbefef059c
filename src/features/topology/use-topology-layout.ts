import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { sameItems } from '../../lib/same-items';
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
  /** Layouts started so far (cached structures not counted): one per structure change. */
  layouts: number;
}

interface Frame {
  key: string;
  layout: Layout;
  view: TopologyGraph;
  expanded: ReadonlySet<string>;
}

/**
 * Structural equality of plain data (the model's nodes and edges). Every refresh rebuilds the
 * model, so this runs for every drawn node: it stops at the first difference and allocates
 * nothing, where comparing two JSON strings built both in full.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) {
      if (!sameData(a[index], b[index])) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    // An absent key and an undefined one are the same data (as in JSON).
    if (left[key] === undefined ? right[key] !== undefined : !sameData(left[key], right[key]))
      return false;
  }
  for (const key in right) {
    if (Object.hasOwn(right, key) && right[key] !== undefined && !Object.hasOwn(left, key))
      return false;
  }
  return true;
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
    sameData(a.data.node, b.data.node)
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
    sameData(a.data?.edge, b.data?.edge)
  );
}

/**
 * Keeps the previous object of every unchanged node and edge, so React Flow skips them, and the
 * previous array when nothing changed: React Flow takes a new array in whole (its lookups of
 * every node, or of every edge's connections, made again).
 */
function reuse<T extends { id: string }>(
  previous: T[] | undefined,
  next: T[],
  same: (a: T, b: T) => boolean,
): T[] {
  if (!previous) return next;
  const byId = new Map(previous.map((item) => [item.id, item]));
  const kept = next.map((item) => {
    const old = byId.get(item.id);
    return old && same(old, item) ? old : item;
  });
  return sameItems(kept, previous) ? previous : kept;
}

export interface TopologyLayoutOptions {
  selected?: string | undefined;
  /** A traced request's path: drawn highlighted, the rest dimmed. */
  highlight?: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } | undefined;
  /** Nodes drawn dimmed (a health filter): never a new layout, never a moved node. */
  dimmed?: ReadonlySet<string> | undefined;
  /**
   * The structure is still arriving (expanded meshes' details one by one): no layout starts
   * until it is false again; the last layout stays on screen meanwhile.
   */
  hold?: boolean | undefined;
}

/**
 * Positions for the interactive view. ELK runs only when `structureKey(view, expanded)`
 * changes, and at most one layout is in flight: a newer structure aborts the older layout
 * (its request is dropped from the server's queue, or its worker stopped), and `hold` defers
 * any layout while the data is still arriving. A health or traffic change, or `dimmed`,
 * patches node and edge data and keeps every position. While a new layout computes, the last
 * one stays on screen (with its own view, so nothing is drawn at a position computed for
 * something else).
 */
export function useTopologyLayout(
  view: TopologyGraph | undefined,
  expanded: ReadonlySet<string>,
  engine: ElkEngine,
  { selected, highlight, dimmed, hold = false }: TopologyLayoutOptions = {},
): TopologyLayoutState {
  const key = useMemo(() => (view ? structureKey(view, expanded) : undefined), [view, expanded]);
  const [frame, setFrame] = useState<Frame>();
  const [failure, setFailure] = useState<{ key: string; error: unknown }>();
  const [attempt, setAttempt] = useState(0);
  const cache = useRef(new Map<string, Layout>());
  const latest = useRef({ view, expanded });
  latest.current = { view, expanded };
  const inflight = useRef<{ key: string; attempt: number; controller: AbortController }>(undefined);
  const started = useRef(0);

  // View and expanded are read at run time through `latest`: only the structure starts a layout.
  useEffect(() => {
    const { view: graph, expanded: sidecars } = latest.current;
    const running = inflight.current;
    // Superseded: a layout for another structure is no longer wanted. It is cancelled once the
    // new one has asked for its jobs: the engine sends a graph once, so the call groups both
    // share (every mesh but the one just expanded) go on instead of starting over.
    let superseded: AbortController | undefined;
    if (running && (running.key !== key || running.attempt !== attempt)) {
      superseded = running.controller;
      inflight.current = undefined;
    }
    try {
      if (key === undefined || !graph || hold) return;
      if (inflight.current?.key === key) return;
      const cached = cache.current.get(key);
      if (cached) {
        setFrame((current) =>
          current?.key === key ? current : { key, layout: cached, view: graph, expanded: sidecars },
        );
        return;
      }
      const controller = new AbortController();
      inflight.current = { key, attempt, controller };
      started.current += 1;
      layoutTopology(layoutGraph(graph), engine, sidecars, controller.signal).then(
        (layout) => {
          cache.current.set(key, layout);
          if (cache.current.size > CACHED_LAYOUTS) {
            const oldest = cache.current.keys().next().value;
            if (oldest !== undefined) cache.current.delete(oldest);
          }
          if (inflight.current?.controller !== controller) return;
          inflight.current = undefined;
          setFailure(undefined);
          setFrame({ key, layout, view: graph, expanded: sidecars });
        },
        (error: unknown) => {
          if (inflight.current?.controller !== controller) return;
          inflight.current = undefined;
          setFailure({ key, error });
        },
      );
    } finally {
      superseded?.abort();
    }
  }, [key, engine, attempt, hold]);

  // Leaving the page: the layout in flight is not wanted any more.
  useEffect(
    () => () => {
      inflight.current?.controller.abort();
      inflight.current = undefined;
    },
    [],
  );

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
      ...(dimmed ? { dimmed } : {}),
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
  }, [shown, selected, highlight, dimmed]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);
  return {
    ...(flow ? { flow } : {}),
    pending: key !== undefined && frame?.key !== key && failure?.key !== key,
    ...(failure && failure.key === key ? { error: failure.error } : {}),
    retry,
    layouts: started.current,
  };
}
