import { BaseEdge, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { createContext, memo, useContext } from 'react';
import { createPortal } from 'react-dom';
import type { TopologyFlowEdge } from '../../topology/to-react-flow';
import {
  bezierCurve,
  labelSize,
  placeLabel,
  type Rect,
  type Side,
  shiftAlongSide,
} from './edge-geometry';
import { linkTrack } from './edge-route';
import { type EdgeTone, edgeAppearance, TONE_COLOR } from './legend';

const TONES: EdgeTone[] = ['managed', 'unmanaged', 'error'];

/**
 * React Flow's layer for HTML edge labels (`.react-flow__edgelabel-renderer`), found once by the
 * canvas. React Flow's own `EdgeLabelRenderer` looks it up with `querySelector` in a store
 * selector, so every label ran a DOM query on every frame of a pan: with 200 labels that was
 * most of a frame's script time.
 */
export const EdgeLabelLayerContext = createContext<HTMLElement | null>(null);

/**
 * How highlighted edges are drawn: a traced request in the trace colour (one path, to follow);
 * the paths through a selection or Find in their own colours, thicker (many paths, still to
 * read as managed or not).
 */
export type HighlightTone = 'trace' | 'path';
export const HighlightToneContext = createContext<HighlightTone>('trace');

/**
 * What links need to know of the drawing, from the canvas: the boxes of the drawn nodes (rate
 * labels go where none is) and the lanes of two-way pairs (drawn apart).
 */
export interface EdgeGeometry {
  obstacles: readonly Rect[];
  lanes: ReadonlyMap<string, number>;
}
export const EdgeGeometryContext = createContext<EdgeGeometry>({ obstacles: [], lanes: new Map() });

/** How far apart the two links of a two-way pair are drawn, in flow pixels. */
const LANE_GAP = 7;

export function markerId(tone: EdgeTone): string {
  return `topology-arrow-${tone}`;
}

/** One arrowhead per colour, shared by every edge (`orient` turns it round for the start). */
export function ArrowMarkers() {
  return (
    <svg className="topo-markers" aria-hidden="true" focusable="false" width="0" height="0">
      <defs>
        {TONES.map((tone) => (
          <marker
            key={tone}
            id={markerId(tone)}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="11"
            markerHeight="11"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" style={{ fill: TONE_COLOR[tone] }} />
          </marker>
        ))}
      </defs>
    </svg>
  );
}

/**
 * A topology link: dashed when the mesh manages the traffic, solid when it does not (a static
 * dash from topology.css, never React Flow's `animated`, which is a dash too; none when zoomed
 * out, where it is smaller than a pixel and costs a third more to paint); coloured by kind, red
 * above 5% errors; labelled with the observed rate.
 */
function TopologyEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
}: EdgeProps<TopologyFlowEdge>) {
  const labelLayer = useContext(EdgeLabelLayerContext);
  const tone = useContext(HighlightToneContext);
  const { obstacles, lanes } = useContext(EdgeGeometryContext);
  if (!data) return null;
  const traced = data.highlighted && tone === 'trace';
  const look = edgeAppearance(data.edge);
  const shift = (lanes.get(id) ?? 0) * LANE_GAP;
  const curve = bezierCurve(
    shiftAlongSide({ x: sourceX, y: sourceY }, sourcePosition as Side, shift),
    sourcePosition as Side,
    shiftAlongSide({ x: targetX, y: targetY }, targetPosition as Side, shift),
    targetPosition as Side,
  );
  // Around the nodes the curve would cross.
  const track = linkTrack(curve, sourcePosition as Side, targetPosition as Side, obstacles);
  const { path } = track;
  // The label on a stretch of the link no node covers; where there is none, on hover only.
  const free = look.label ? placeLabel(track, labelSize(look.label), obstacles) : undefined;
  const { x: labelX, y: labelY } = free ?? track.pointAt(0.5);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        data-kind={data.edge.kind}
        data-relation={data.edge.relation}
        data-tone={look.tone}
        data-highlighted={data.highlighted ? 'true' : undefined}
        data-dimmed={data.dimmed ? 'true' : undefined}
        data-source={data.edge.source}
        data-target={data.edge.target}
        data-dashed={look.dashed ? 'true' : undefined}
        data-routed={track.routed ? 'true' : undefined}
        markerEnd={look.arrowEnd ? `url(#${markerId(look.tone)})` : undefined}
        markerStart={look.arrowStart ? `url(#${markerId(look.tone)})` : undefined}
        style={{
          stroke: traced ? 'var(--traced)' : look.color,
          strokeWidth: traced
            ? 3.5
            : data.highlighted
              ? 3
              : data.edge.kind === 'managed'
                ? 2.25
                : 2,
          ...(data.dimmed ? { opacity: 0.2 } : {}),
        }}
      />
      {look.label &&
        labelLayer &&
        createPortal(
          <div
            className={`topo-edge-label topo-edge-label--${look.tone} nodrag nopan`}
            data-edge={id}
            data-free={free ? 'true' : 'false'}
            data-shown={data.highlighted ? 'true' : undefined}
            // Above the nodes: a label half hidden behind a group box is no label.
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              zIndex: 1000,
            }}
          >
            {look.label}
          </div>,
          labelLayer,
        )}
    </>
  );
}

export const edgeTypes: EdgeTypes = { topology: memo(TopologyEdgeView) };
