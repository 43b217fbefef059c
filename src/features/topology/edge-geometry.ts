/**
 * Where a link is drawn and where its rate label goes, in flow coordinates. The curve is React
 * Flow's bezier (same control points as `getBezierPath`), computed here so the label can be
 * placed on a part of it that no node covers, a two-way pair can be drawn side by side, and a
 * link that would cross a node can go around it (`edge-route.ts`).
 */

export type Side = 'left' | 'right' | 'top' | 'bottom';

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Curve {
  start: Point;
  control1: Point;
  control2: Point;
  end: Point;
}

/** React Flow's control distance: half the gap when going the handle's way, else a bow. */
function controlOffset(distance: number, curvature: number): number {
  return distance >= 0 ? 0.5 * distance : curvature * 25 * Math.sqrt(-distance);
}

function control(side: Side, from: Point, to: Point, curvature: number): Point {
  switch (side) {
    case 'left':
      return { x: from.x - controlOffset(from.x - to.x, curvature), y: from.y };
    case 'right':
      return { x: from.x + controlOffset(to.x - from.x, curvature), y: from.y };
    case 'top':
      return { x: from.x, y: from.y - controlOffset(from.y - to.y, curvature) };
    case 'bottom':
      return { x: from.x, y: from.y + controlOffset(to.y - from.y, curvature) };
  }
}

export function bezierCurve(
  start: Point,
  startSide: Side,
  end: Point,
  endSide: Side,
  curvature = 0.25,
): Curve {
  return {
    start,
    control1: control(startSide, start, end, curvature),
    control2: control(endSide, end, start, curvature),
    end,
  };
}

export function pointOnCurve(curve: Curve, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return {
    x: a * curve.start.x + b * curve.control1.x + c * curve.control2.x + d * curve.end.x,
    y: a * curve.start.y + b * curve.control1.y + c * curve.control2.y + d * curve.end.y,
  };
}

export function curvePath(curve: Curve): string {
  const { start, control1, control2, end } = curve;
  return `M${start.x},${start.y} C${control1.x},${control1.y} ${control2.x},${control2.y} ${end.x},${end.y}`;
}

/**
 * Moves a link's end along its handle's side by `offset`: the two links of a pair that goes
 * both ways (A→B and B→A) are drawn apart, so their arrowheads do not land on each other.
 */
export function shiftAlongSide(point: Point, side: Side, offset: number): Point {
  return side === 'left' || side === 'right'
    ? { x: point.x, y: point.y + offset }
    : { x: point.x + offset, y: point.y };
}

/**
 * Lanes for links whose reverse is drawn too: -1 and +1 for the two of a pair (by id, so both
 * ends agree), nothing for the rest.
 */
export function pairLanes(
  edges: readonly { id: string; source: string; target: string }[],
): Map<string, number> {
  const byEnds = new Map<string, string>();
  for (const edge of edges) byEnds.set(`${edge.source}\n${edge.target}`, edge.id);
  const lanes = new Map<string, number>();
  for (const edge of edges) {
    const reverse = byEnds.get(`${edge.target}\n${edge.source}`);
    if (!reverse || reverse === edge.id) continue;
    lanes.set(edge.id, edge.id < reverse ? -1 : 1);
  }
  return lanes;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Where along the curve a label is tried: the middle first, then outwards. */
const LABEL_STOPS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];

/** Room kept between a label and a node. */
const LABEL_MARGIN = 3;

/**
 * The centre of a label of `size` on the first stop of the link where it covers no node, or
 * undefined when every stop does (the label is then drawn on hover only).
 */
export function placeLabel(
  track: { pointAt(t: number): Point; bounds: Rect },
  size: { width: number; height: number },
  obstacles: readonly Rect[],
): Point | undefined {
  const reach: Rect = {
    left: track.bounds.left - size.width,
    right: track.bounds.right + size.width,
    top: track.bounds.top - size.height,
    bottom: track.bounds.bottom + size.height,
  };
  const near = obstacles.filter((rect) => overlaps(rect, reach));
  for (const t of LABEL_STOPS) {
    const point = track.pointAt(t);
    const box: Rect = {
      left: point.x - size.width / 2 - LABEL_MARGIN,
      right: point.x + size.width / 2 + LABEL_MARGIN,
      top: point.y - size.height / 2 - LABEL_MARGIN,
      bottom: point.y + size.height / 2 + LABEL_MARGIN,
    };
    if (!near.some((rect) => overlaps(rect, box))) return point;
  }
  return undefined;
}

/** A rate label's size at 11 px semi-bold with its padding and border (what topology.css draws). */
export function labelSize(text: string): { width: number; height: number } {
  return { width: Math.ceil(text.length * 6.6) + 16, height: 20 };
}
