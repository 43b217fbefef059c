// Over 400 lines on purpose: one React Flow canvas whose viewport, selection, zoom level and panel share state and refs; its pure parts already live beside it (edge-geometry, frame, zoom-levels, minimap-default).
import '@xyflow/react/dist/style.css';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
  type ReactFlowState,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import { type KeyboardEvent, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { counted } from '../../lib/plural';
import type { TopologyFlowNode } from '../../topology/to-react-flow';
import { meshId, type TopologyGraph } from '../../topology/types';
import { useSettings } from '../../ui/settings';
import { ErrorState, LoadingState } from '../../ui/states';
import { type CanvasActions, CanvasActionsContext } from './canvas-actions';
import { pairLanes, type Rect } from './edge-geometry';
import { serverElkEngine } from './elk-engine';
import { framedZoom, membersOf, neighbourhood } from './frame';
import { createDetailCache, hideMeshDetail } from './mesh-detail';
import { minimapByDefault } from './minimap-default';
import { type NodeFindings, NodeFindingsContext, panelFindings } from './node-findings';
import {
  ArrowMarkers,
  type EdgeGeometry,
  EdgeGeometryContext,
  EdgeLabelLayerContext,
  edgeTypes,
  type HighlightTone,
  HighlightToneContext,
} from './topology-edge';
import {
  DETAIL_ABOVE_NODES,
  DETAIL_HIDDEN_ZOOM,
  isDetailHidden,
  isFarView,
  nodeTypes,
} from './topology-nodes';
import { type EdgeFrontsControl, TopologySidePanel } from './topology-side-panel';
import { useTopologyLayout } from './use-topology-layout';
import { steppedZoom, zoomLevel, zoomStep } from './zoom-levels';

const zoomStepOf = (state: ReactFlowState) => zoomStep(state.transform[2]);
const zoomLevelOf = (state: ReactFlowState) => zoomLevel(state.transform[2]);

/** Above this many nodes only what is in the viewport is mounted. */
export const CULL_ABOVE_NODES = 300;

export interface TopologyCanvasProps {
  /** What is drawn (collapsed and filtered). */
  view: TopologyGraph;
  /** Everything, for the side panel. */
  model: TopologyGraph;
  selected?: string;
  onSelect: (nodeId: string | undefined) => void;
  onToggleMesh: (mesh: string, collapse: boolean) => void;
  fronts: EdgeFrontsControl;
  /** A traced request's path, or the paths through the selection or Find: lit, the rest dimmed. */
  highlight?: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };
  /** `trace`: a traced request, drawn in the trace colour; `path`: lit in the links' own colours. */
  highlightTone?: HighlightTone;
  /** Diagnosis findings per node, shown as badges. */
  findings?: ReadonlyMap<string, NodeFindings>;
  /**
   * Node ids drawn dimmed (a health filter dims rather than removes), edges with a dimmed end
   * too. Never lays out again, never moves a node.
   */
  dimmed?: ReadonlySet<string>;
  /** Expanded meshes' details are still arriving: no layout starts until this is false. */
  hold?: boolean;
}

const NO_FINDINGS: ReadonlyMap<string, NodeFindings> = new Map();
const NO_GEOMETRY: EdgeGeometry = { obstacles: [], lanes: new Map() };

/** The minimap's colour of a node: meshes as frames, the rest by health (CSS variables). */
function minimapColor(node: TopologyFlowNode): string {
  const model = node.data.node;
  if ((model.kind === 'mesh' && !model.collapsed) || model.kind === 'call-group')
    return 'var(--topo-minimap-group)';
  if ('health' in model && model.health !== 'unknown') return `var(--${model.health})`;
  return 'var(--muted)';
}

const FOCUS_OPTIONS = { padding: 0.15, maxZoom: 1.2, duration: 300 };

/**
 * The boxes of the drawn nodes in flow coordinates (positions are relative to the parent),
 * groups aside (a label on a mesh's background is fine), and the lanes of two-way pairs.
 */
function edgeGeometry(
  nodes: readonly TopologyFlowNode[],
  edges: readonly { id: string; source: string; target: string }[],
): EdgeGeometry {
  const origin = new Map<string, { x: number; y: number }>();
  const obstacles: Rect[] = [];
  // Parents come before their children (toReactFlow sorts them so).
  for (const node of nodes) {
    const parent = node.parentId ? origin.get(node.parentId) : undefined;
    const x = node.position.x + (parent?.x ?? 0);
    const y = node.position.y + (parent?.y ?? 0);
    origin.set(node.id, { x, y });
    const model = node.data.node;
    const group = (model.kind === 'mesh' && !model.collapsed) || model.kind === 'call-group';
    if (group || node.hidden) continue;
    obstacles.push({
      left: x,
      top: y,
      right: x + (node.width ?? 0),
      bottom: y + (node.height ?? 0),
    });
  }
  return { obstacles, lanes: pairLanes(edges) };
}

/** Shows a link's rate label while the pointer is on the link (straight on the element). */
function hoverLabel(root: HTMLElement | null, edgeId: string, on: boolean) {
  const label = root?.querySelector<HTMLElement>(
    `.topo-edge-label[data-edge="${CSS.escape(edgeId)}"]`,
  );
  if (!label) return;
  if (on) label.dataset.hover = 'true';
  else delete label.dataset.hover;
}

const FIT_VIEW_OPTIONS = { padding: 0.08, maxZoom: 1.2 };
const MIN_ZOOM = 0.02;
const paneWidthOf = (state: ReactFlowState) => state.width;
const paneHeightOf = (state: ReactFlowState) => state.height;

/**
 * What a new layout is framed at: the mesh the user just expanded with what it links to (the
 * edge Kong Gateway, linked meshes), so the rest of the graph is not pushed out of sight; else
 * everything (undefined).
 */
function framedIds(
  flow: {
    nodes: readonly TopologyFlowNode[];
    edges: readonly { source: string; target: string; hidden?: boolean }[];
  },
  focusedMesh: string | undefined,
): string[] | undefined {
  const target = focusedMesh ? meshId(focusedMesh) : undefined;
  if (!target || !flow.nodes.some((node) => node.id === target)) return undefined;
  return neighbourhood(membersOf(flow.nodes, target), flow.edges);
}

function Canvas({
  view,
  model,
  selected,
  onSelect,
  onToggleMesh,
  fronts,
  highlight,
  highlightTone = 'trace',
  findings = NO_FINDINGS,
  dimmed,
  hold = false,
}: TopologyCanvasProps) {
  const { theme } = useSettings();
  const [expandedSidecars, setExpandedSidecars] = useState<ReadonlySet<string>>(() => new Set());
  const { flow, pending, error, retry, layouts } = useTopologyLayout(
    view,
    expandedSidecars,
    serverElkEngine,
    { selected, highlight, dimmed, hold },
  );
  const { fitView } = useReactFlow();
  // Zoomed out on a large graph: boxes and plain lines (see `isFarView`); further out, the
  // insides of expanded meshes are not mounted (see `isDetailHidden`).
  const far = useStore(isFarView);
  const detailHiddenNow = useStore(isDetailHidden);
  // A new layout is framed (see below) a frame after React Flow first has its nodes. Until then,
  // what a far zoom hides is judged at the zoom it will be framed at, not at the last layout's:
  // "Expand all" at 5,000 dataplanes mounted 1,033 nodes at the old zoom, for 0.9 s, only to
  // unmount them as the frame came.
  const [framedKey, setFramedKey] = useState<string>();
  const paneWidth = useStore(paneWidthOf);
  const paneHeight = useStore(paneHeightOf);
  const focus = useRef<string | undefined>(undefined);
  const layoutKey = flow?.key;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `layoutKey` stands for the positions in `flow`
  const framingZoom = useMemo(() => {
    if (!flow || layoutKey === framedKey) return undefined;
    return framedZoom(flow.nodes, framedIds(flow, focus.current), paneWidth, paneHeight, {
      ...FIT_VIEW_OPTIONS,
      minZoom: MIN_ZOOM,
    });
  }, [layoutKey, framedKey, paneWidth, paneHeight]);
  const detailHidden =
    framingZoom === undefined || !flow
      ? detailHiddenNow
      : framingZoom < DETAIL_HIDDEN_ZOOM && flow.nodes.length > DETAIL_ABOVE_NODES;
  const detailCache = useRef(createDetailCache());
  const shown = useMemo(() => {
    if (!flow || !detailHidden) return flow ? { ...flow, hiddenServices: 0 } : undefined;
    return { ...flow, ...hideMeshDetail(flow.nodes, flow.edges, detailCache.current) };
  }, [flow, detailHidden]);
  // Positions change only with the layout (and what a far zoom hides): a data patch keeps the
  // geometry, so links are not all drawn again on every refresh.
  const geometryKey = shown ? `${shown.key}|${detailHidden}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: `geometryKey` stands for the positions in `shown`
  const geometry = useMemo(
    (): EdgeGeometry => (shown ? edgeGeometry(shown.nodes, shown.edges) : NO_GEOMETRY),
    [geometryKey],
  );
  const root = useRef<HTMLDivElement>(null);
  // The zoom for labels that keep their size on screen (`--topo-zoom`), in steps of about 20%
  // so it is written a few times per gesture, not on every frame.
  const step = useStore(zoomStepOf);
  useEffect(() => {
    root.current?.style.setProperty('--topo-zoom', String(steppedZoom(step)));
  }, [step]);
  // What nodes show at this zoom (see zoom-levels.ts): a class on the root, so a level change
  // restyles through CSS instead of re-rendering every node.
  const level = useStore(zoomLevelOf);
  // Where edge labels are portalled (see EdgeLabelLayerContext), once React Flow has drawn it.
  const [labelLayer, setLabelLayer] = useState<HTMLElement | null>(null);
  const hasFlow = Boolean(flow);
  useEffect(() => {
    if (!hasFlow) return;
    setLabelLayer(
      root.current?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null,
    );
  }, [hasFlow]);

  // A new structure (filter, collapse, expand) gets framed: the mesh the user just expanded
  // (until they pan or zoom; its details arrive in a second layout), else everything. A status
  // or traffic change keeps the viewport.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new layout refits, not a data patch
  useEffect(() => {
    if (!layoutKey || !flow) return;
    const ids = framedIds(flow, focus.current);
    const options = ids
      ? { ...FIT_VIEW_OPTIONS, nodes: ids.map((id) => ({ id })) }
      : FIT_VIEW_OPTIONS;
    const frame = requestAnimationFrame(() => {
      void fitView(options);
      setFramedKey(layoutKey);
    });
    return () => cancelAnimationFrame(frame);
  }, [layoutKey, fitView]);
  // Kept across renders: React Flow hands them to every edge, and a new one redraws them all.
  const onEdgeMouseEnter = useCallback(
    (_: unknown, edge: { id: string }) => hoverLabel(root.current, edge.id, true),
    [],
  );
  const onEdgeMouseLeave = useCallback(
    (_: unknown, edge: { id: string }) => hoverLabel(root.current, edge.id, false),
    [],
  );
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    // A user's pan or zoom (programmatic moves have no event) ends the focus on a mesh.
    if (event) focus.current = undefined;
    // While moving, the graph is one composited layer that is moved and scaled, not repainted;
    // straight on the element: a React state would re-render the canvas on every gesture.
    root.current?.classList.add('topo-canvas--moving');
  }, []);
  const onMoveEnd = useCallback(() => {
    // At rest, drawn again at the new scale (crisp text after a zoom).
    root.current?.classList.remove('topo-canvas--moving');
  }, []);

  const toggleMesh = useCallback(
    (mesh: string, collapse: boolean) => {
      focus.current = collapse ? undefined : mesh;
      onToggleMesh(mesh, collapse);
    },
    [onToggleMesh],
  );

  const actions = useMemo(
    (): CanvasActions => ({
      toggleMesh,
      toggleSidecar: (nodeId) =>
        setExpandedSidecars((current) => {
          const next = new Set(current);
          if (!next.delete(nodeId)) next.add(nodeId);
          return next;
        }),
    }),
    [toggleMesh],
  );

  // Selection lives in the URL: React Flow's select changes (click, Enter, Escape, pane click)
  // are read, never applied to the nodes directly.
  const onNodesChange = useCallback(
    (changes: NodeChange<TopologyFlowNode>[]) => {
      const chosen = changes.find((change) => change.type === 'select' && change.selected);
      if (chosen && 'id' in chosen) {
        if (chosen.id !== selected) onSelect(chosen.id);
        return;
      }
      const cleared = changes.some(
        (change) => change.type === 'select' && !change.selected && change.id === selected,
      );
      if (cleared) onSelect(undefined);
    },
    [selected, onSelect],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key === 'Escape' && selected) {
        event.stopPropagation();
        onSelect(undefined);
      }
    },
    [selected, onSelect],
  );
  const closePanel = useCallback(() => onSelect(undefined), [onSelect]);
  // The minimap starts shown where the graph outgrows the screen but not where it costs frames;
  // the user's choice wins.
  const [minimapChoice, setMinimapChoice] = useState<boolean>();
  const minimap = minimapChoice ?? minimapByDefault(flow?.nodes.length ?? 0);
  // Focus: the selected node and its neighbours, framed.
  const focusNeighbours = useCallback(
    (id: string) => {
      if (!shown) return;
      const members = membersOf(shown.nodes, id);
      void fitView({
        ...FOCUS_OPTIONS,
        nodes: neighbourhood(members, shown.edges).map((nodeId) => ({ id: nodeId })),
      });
    },
    [shown, fitView],
  );
  const large = view.nodes.length > CULL_ABOVE_NODES;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the canvas or its panel clears the selection
    <div
      ref={root}
      className={[
        'topo-canvas',
        `topo-zoom--${level}`,
        far ? 'topo-canvas--far' : '',
        highlight ? `topo-canvas--lit-${highlightTone}` : '',
      ]
        .filter(Boolean)
        .join(' ')}
      data-testid="topology-canvas"
      data-layout={pending ? 'pending' : flow ? 'done' : 'none'}
      data-nodes={flow?.nodes.length ?? 0}
      data-layouts={layouts}
      data-zoom-level={level}
      onKeyDown={onKeyDown}
    >
      <ArrowMarkers />
      <CanvasActionsContext.Provider value={actions}>
        <NodeFindingsContext.Provider value={findings}>
          <EdgeLabelLayerContext.Provider value={labelLayer}>
            <HighlightToneContext.Provider value={highlightTone}>
              <EdgeGeometryContext.Provider value={geometry}>
                {shown && (
                  <ReactFlow
                    nodes={shown.nodes}
                    edges={shown.edges}
                    nodeTypes={nodeTypes}
                    edgeTypes={edgeTypes}
                    onNodesChange={onNodesChange}
                    onMoveStart={onMoveStart}
                    onMoveEnd={onMoveEnd}
                    onEdgeMouseEnter={onEdgeMouseEnter}
                    onEdgeMouseLeave={onEdgeMouseLeave}
                    nodesDraggable={false}
                    nodesConnectable={false}
                    edgesFocusable={false}
                    deleteKeyCode={null}
                    selectionKeyCode={null}
                    multiSelectionKeyCode={null}
                    fitView
                    fitViewOptions={FIT_VIEW_OPTIONS}
                    // Low enough to frame ten expanded meshes of fifty services: from that far, meshes are
                    // their names (see `isDetailHidden`).
                    minZoom={MIN_ZOOM}
                    maxZoom={2.5}
                    // Zoomed out, nodes are bare boxes and most are in view: mounting them all once
                    // is cheaper than mounting and unmounting them on every frame of a pan.
                    onlyRenderVisibleElements={large && !far}
                    colorMode={theme}
                    aria-label="Ingress topology"
                  >
                    {!large && <Background variant={BackgroundVariant.Dots} gap={24} size={1} />}
                    <Controls showInteractive={false}>
                      <ControlButton
                        onClick={() => setMinimapChoice(!minimap)}
                        aria-label={minimap ? 'Hide the minimap' : 'Show the minimap'}
                        title={minimap ? 'Hide the minimap' : 'Show the minimap'}
                        aria-pressed={minimap}
                        data-testid="topology-minimap-toggle"
                      >
                        ▦
                      </ControlButton>
                    </Controls>
                    {minimap && (
                      <MiniMap
                        className="topo-minimap"
                        position="bottom-left"
                        style={{ marginLeft: 56 }}
                        nodeColor={minimapColor}
                        nodeStrokeWidth={0}
                        pannable
                        zoomable
                        ariaLabel="Minimap of the topology"
                      />
                    )}
                  </ReactFlow>
                )}
              </EdgeGeometryContext.Provider>
            </HighlightToneContext.Provider>
          </EdgeLabelLayerContext.Provider>
        </NodeFindingsContext.Provider>
      </CanvasActionsContext.Provider>
      {!flow && !error && <LoadingState label="Laying out the topology…" />}
      {shown && shown.hiddenServices > 0 && (
        <output className="topo-canvas__detail-note">
          Zoomed out: {counted(shown.hiddenServices, 'service')} inside expanded meshes not drawn.
          Zoom in to see them.
        </output>
      )}
      {pending && flow && (
        <div className="topo-canvas__status" role="status">
          <span className="spinner" aria-hidden="true" />
          Laying out…
        </div>
      )}
      {error !== undefined && (
        <div className="topo-canvas__error">
          <ErrorState title="Cannot lay out the topology" error={error} onRetry={retry} />
        </div>
      )}
      {selected && (
        <TopologySidePanel
          nodeId={selected}
          model={model}
          view={view}
          onClose={closePanel}
          onSelect={onSelect}
          onToggleMesh={toggleMesh}
          onFocus={focusNeighbours}
          fronts={fronts}
          findings={panelFindings(
            findings,
            model.nodes.find((node) => node.id === selected),
            model.edges
              .filter((edge) => edge.relation === 'service-sidecar' && edge.source === selected)
              .map((edge) => edge.target),
          )}
        />
      )}
    </div>
  );
}

/**
 * The interactive view: its own chunk, so React Flow loads only when it is shown (ELK runs on the
 * server). Memoized: the page renders on every query update (at Expand all, dozens of stats and
 * aggregates per refresh), and each render passed through React Flow cost frames while panning.
 */
export const TopologyCanvas = memo(function TopologyCanvas(props: TopologyCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
});
