import { BaseEdge, type EdgeProps, type EdgeTypes, getBezierPath } from '@xyflow/react';
import { createContext, memo, useContext } from 'react';
import { createPortal } from 'react-dom';
import type { TopologyFlowEdge } from '../../topology/to-react-flow';
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
  if (!data) return null;
  const traced = data.highlighted && tone === 'trace';
  const look = edgeAppearance(data.edge);
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
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
