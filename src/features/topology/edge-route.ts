/**
 * Links drawn around the nodes they would otherwise cross. React Flow draws a link as a bezier
 * between its two handles; inside a mesh, a gateway's link to a service in a later column (one
 * that other services call too) runs under the services and sidecars before it. Where the curve
 * crosses a node, the link becomes an orthogonal path with rounded corners through a free
 * channel beside the nodes in the way; where no simple path is free, the curve stays.
 *
 * ELK's own edge routes cannot serve: the layout runs one job per mesh and group, so a link
 * between a gateway and a service in a group is only a link between boxes to ELK.
 */
import {
  bezierCurve,
  type Curve,
  curvePath,
  type Point,
  pointOnCurve,
  type Rect,
  type Side,
} from './edge-geometry';

/** A link's drawn course: its SVG path, a point at a fraction of it, and the box it spans. */
export interface Track {
  path: string;
  /** Drawn around nodes rather than as the handles' curve. */
  routed: boolean;
  pointAt(t: number): Point;
  bounds: Rect;
}

export function curveTrack(curve: Curve): Track {
  const xs = [curve.start.x, curve.control1.x, curve.control2.x, curve.end.x];
  const ys = [curve.start.y, curve.control1.y, curve.control2.y, curve.end.y];
  return {
    path: curvePath(curve),
    routed: false,
    pointAt: (t) => pointOnCurve(curve, t),
    bounds: {
      left: Math.min(...xs),
      right: Math.max(...xs),
      top: Math.min(...ys),
      bottom: Math.max(...ys),
    },
  };
}

/** Corner radius of a routed link. */
const CORNER = 8;

export function polylineTrack(points: readonly Point[]): Track {
  const lengths = points.slice(1).map((point, i) => distance(points[i] as Point, point));
  const total = lengths.reduce((sum, length) => sum + length, 0);
  return {
    path: roundedPath(points),
    routed: true,
    pointAt(t) {
      let left = Math.max(0, Math.min(1, t)) * total;
      for (let i = 0; i < lengths.length; i++) {
        const length = lengths[i] as number;
        const from = points[i] as Point;
        const to = points[i + 1] as Point;
        if (left <= length || i === lengths.length - 1) {
          const f = length === 0 ? 0 : Math.min(1, left / length);
          return { x: from.x + (to.x - from.x) * f, y: from.y + (to.y - from.y) * f };
        }
        left -= length;
      }
      return points[0] ?? { x: 0, y: 0 };
    },
    bounds: {
      left: Math.min(...points.map((p) => p.x)),
      right: Math.max(...points.map((p) => p.x)),
      top: Math.min(...points.map((p) => p.y)),
      bottom: Math.max(...points.map((p) => p.y)),
    },
  };
}

function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/** Straight segments joined by quarter curves, each corner at most half its shorter segment. */
function roundedPath(points: readonly Point[]): string {
  const first = points[0];
  if (!first) return '';
  let path = `M${first.x},${first.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const before = points[i - 1] as Point;
    const corner = points[i] as Point;
    const after = points[i + 1] as Point;
    const radius = Math.min(CORNER, distance(before, corner) / 2, distance(corner, after) / 2);
    const enter = towards(corner, before, radius);
    const leave = towards(corner, after, radius);
    path += ` L${enter.x},${enter.y} Q${corner.x},${corner.y} ${leave.x},${leave.y}`;
  }
  const last = points[points.length - 1] as Point;
  return `${path} L${last.x},${last.y}`;
}

function towards(from: Point, to: Point, by: number): Point {
  const length = distance(from, to);
  if (length === 0) return from;
  return {
    x: from.x + ((to.x - from.x) * by) / length,
    y: from.y + ((to.y - from.y) * by) / length,
  };
}

/** A node is crossed when the link passes this far inside its box (grazing a border is not). */
const INSET = 2;

function inside(point: Point, rect: Rect): boolean {
  return (
    point.x > rect.left + INSET &&
    point.x < rect.right - INSET &&
    point.y > rect.top + INSET &&
    point.y < rect.bottom - INSET
  );
}

function within(rect: Rect, area: Rect): boolean {
  return (
    rect.left < area.right &&
    area.left < rect.right &&
    rect.top < area.bottom &&
    area.top < rect.bottom
  );
}

function grow(rect: Rect, by: number): Rect {
  return {
    left: rect.left - by,
    right: rect.right + by,
    top: rect.top - by,
    bottom: rect.bottom + by,
  };
}

/** How many points along a curve are checked for a node under them. */
const SAMPLES = 40;

/** Side of a cell of the obstacle grid, in flow pixels. */
const CELL = 256;

/**
 * The boxes by grid cell, built once per set of boxes (the canvas keeps one array per layout):
 * a link across a whole expanded graph then looks only at the boxes near each of its points,
 * not at every box.
 */
const grids = new WeakMap<readonly Rect[], Map<string, Rect[]>>();

function gridOf(obstacles: readonly Rect[]): Map<string, Rect[]> {
  const known = grids.get(obstacles);
  if (known) return known;
  const grid = new Map<string, Rect[]>();
  for (const rect of obstacles) {
    for (let cx = Math.floor(rect.left / CELL); cx <= Math.floor(rect.right / CELL); cx++) {
      for (let cy = Math.floor(rect.top / CELL); cy <= Math.floor(rect.bottom / CELL); cy++) {
        const key = `${cx},${cy}`;
        const cell = grid.get(key);
        if (cell) cell.push(rect);
        else grid.set(key, [rect]);
      }
    }
  }
  grids.set(obstacles, grid);
  return grid;
}

function boxesAt(grid: Map<string, Rect[]>, point: Point): readonly Rect[] {
  return grid.get(`${Math.floor(point.x / CELL)},${Math.floor(point.y / CELL)}`) ?? [];
}

function boxesIn(grid: Map<string, Rect[]>, area: Rect): Rect[] {
  const found = new Set<Rect>();
  for (let cx = Math.floor(area.left / CELL); cx <= Math.floor(area.right / CELL); cx++) {
    for (let cy = Math.floor(area.top / CELL); cy <= Math.floor(area.bottom / CELL); cy++) {
      for (const rect of grid.get(`${cx},${cy}`) ?? []) if (within(rect, area)) found.add(rect);
    }
  }
  return [...found];
}

/** The boxes a track runs through (its two ends' own boxes are only touched). */
function boxesCrossed(track: Track, obstacles: readonly Rect[]): Set<Rect> {
  const grid = gridOf(obstacles);
  const crossed = new Set<Rect>();
  for (let i = 1; i < SAMPLES; i++) {
    const point = track.pointAt(i / SAMPLES);
    for (const rect of boxesAt(grid, point)) if (inside(point, rect)) crossed.add(rect);
  }
  return crossed;
}

/** Whether a track runs through any of the boxes (its two ends' own boxes are only touched). */
export function crossesAny(track: Track, obstacles: readonly Rect[]): boolean {
  return boxesCrossed(track, obstacles).size > 0;
}

/** How far a routed link leaves its handle straight before turning. */
const STUB = 14;
/** Room kept between a routed link and the nodes it passes. */
const CLEARANCE = 10;
/** How far beyond the two ends a channel may be looked for. */
const REACH = 200;
/** A turn costs as much as this much length: fewer corners read better. */
const BEND_COST = 40;

function stub(point: Point, side: Side): Point {
  switch (side) {
    case 'left':
      return { x: point.x - STUB, y: point.y };
    case 'right':
      return { x: point.x + STUB, y: point.y };
    case 'top':
      return { x: point.x, y: point.y - STUB };
    case 'bottom':
      return { x: point.x, y: point.y + STUB };
  }
}

/** An axis-aligned segment through the inside of a box. */
function segmentCrosses(a: Point, b: Point, rect: Rect): boolean {
  const left = Math.min(a.x, b.x);
  const right = Math.max(a.x, b.x);
  const top = Math.min(a.y, b.y);
  const bottom = Math.max(a.y, b.y);
  return (
    left < rect.right - INSET &&
    right > rect.left + INSET &&
    top < rect.bottom - INSET &&
    bottom > rect.top + INSET
  );
}

/** The points with repeats and straight-through middles left out. */
function simplify(points: readonly Point[]): Point[] {
  const kept: Point[] = [];
  for (const point of points) {
    const last = kept[kept.length - 1];
    if (last && last.x === point.x && last.y === point.y) continue;
    const beforeLast = kept[kept.length - 2];
    if (
      last &&
      beforeLast &&
      ((beforeLast.x === last.x && last.x === point.x) ||
        (beforeLast.y === last.y && last.y === point.y))
    )
      kept.pop();
    kept.push(point);
  }
  return kept;
}

function cost(points: readonly Point[]): number {
  let length = 0;
  for (let i = 1; i < points.length; i++)
    length += distance(points[i - 1] as Point, points[i] as Point);
  return length + BEND_COST * Math.max(0, points.length - 2);
}

/**
 * The cheapest orthogonal course from `start` to `end` that runs through none of the boxes:
 * straight out of each handle, then one or two turns, or a detour along a channel above, below
 * or beside a node in the way. Undefined when no such course is free.
 */
export function routeAround(
  start: Point,
  startSide: Side,
  end: Point,
  endSide: Side,
  obstacles: readonly Rect[],
): Point[] | undefined {
  const out = stub(start, startSide);
  const into = stub(end, endSide);
  const area = grow(
    {
      left: Math.min(start.x, end.x),
      right: Math.max(start.x, end.x),
      top: Math.min(start.y, end.y),
      bottom: Math.max(start.y, end.y),
    },
    REACH,
  );
  const near = boxesIn(gridOf(obstacles), area);
  // Channels beside the nodes the curve runs through, and beyond all of them: a few candidates
  // however many nodes are near (a link across a whole expanded graph passes hundreds).
  const blockers = [
    ...boxesCrossed(curveTrack(bezierCurve(start, startSide, end, endSide)), obstacles),
  ];
  const ys = new Set([out.y, into.y]);
  const xs = new Set([out.x, into.x]);
  for (const rect of blockers) {
    ys.add(rect.top - CLEARANCE);
    ys.add(rect.bottom + CLEARANCE);
    xs.add(rect.left - CLEARANCE);
    xs.add(rect.right + CLEARANCE);
  }
  if (blockers.length > 0) {
    ys.add(Math.min(...blockers.map((rect) => rect.top)) - CLEARANCE);
    ys.add(Math.max(...blockers.map((rect) => rect.bottom)) + CLEARANCE);
    xs.add(Math.min(...blockers.map((rect) => rect.left)) - CLEARANCE);
    xs.add(Math.max(...blockers.map((rect) => rect.right)) + CLEARANCE);
  }
  const candidates: Point[][] = [
    [start, out, { x: into.x, y: out.y }, into, end],
    [start, out, { x: out.x, y: into.y }, into, end],
  ];
  for (const y of ys) candidates.push([start, out, { x: out.x, y }, { x: into.x, y }, into, end]);
  for (const x of xs) candidates.push([start, out, { x, y: out.y }, { x, y: into.y }, into, end]);
  // A handle may sit a pixel or two inside its node: the stubs leaving the two ends' own boxes
  // are not crossings of them.
  const ownStart = near.filter((rect) => inside(start, grow(rect, INSET + 2)));
  const ownEnd = near.filter((rect) => inside(end, grow(rect, INSET + 2)));
  let best: Point[] | undefined;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const points = simplify(candidate);
    const last = points.length - 1;
    const free = points.every(
      (point, i) =>
        i === 0 ||
        !near.some(
          (rect) =>
            !(i === 1 && ownStart.includes(rect)) &&
            !(i === last && ownEnd.includes(rect)) &&
            segmentCrosses(points[i - 1] as Point, point, rect),
        ),
    );
    if (!free) continue;
    const candidateCost = cost(points);
    if (candidateCost < bestCost) {
      best = points;
      bestCost = candidateCost;
    }
  }
  return best;
}

/**
 * How a link is drawn: the given curve when it crosses no node, else a course around them,
 * else the curve anyway (a crossing is better than no link).
 */
export function linkTrack(
  curve: Curve,
  startSide: Side,
  endSide: Side,
  obstacles: readonly Rect[],
): Track {
  const track = curveTrack(curve);
  if (!crossesAny(track, obstacles)) return track;
  const route = routeAround(curve.start, startSide, curve.end, endSide, obstacles);
  return route ? polylineTrack(route) : track;
}
