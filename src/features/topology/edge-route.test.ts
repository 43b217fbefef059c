import { describe, expect, it } from 'vitest';
import { bezierCurve, type Point, type Rect } from './edge-geometry';
import { crossesAny, curveTrack, linkTrack, polylineTrack, routeAround } from './edge-route';

const box = (left: number, top: number, width: number, height: number): Rect => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

/** Whether any straight piece of a course runs through the inside of a box. */
function runsThrough(points: readonly Point[], rects: readonly Rect[]): boolean {
  const track = polylineTrack(points);
  return crossesAny(track, rects);
}

// A gateway on the left, a service column in the way, the target service behind it.
const gateway = box(0, 0, 100, 60);
const between = box(200, 0, 80, 40);
const target = box(400, 0, 80, 40);
const start = { x: gateway.right, y: 20 };
const end = { x: target.left, y: 20 };
/** Four walls round the target: no course reaches it without crossing one. */
const enclosure = [
  box(360, -50, 10, 140),
  box(360, -50, 140, 10),
  box(360, 80, 140, 10),
  box(490, -50, 10, 140),
];

describe('crossesAny', () => {
  it.each([
    ['a node on the straight line', [between], true],
    ['only the two ends’ own boxes', [gateway, target], false],
    ['a node above the line', [box(200, -100, 80, 40)], false],
    ['a node the line grazes (within 2 px of its border)', [box(200, 19, 80, 40)], false],
  ] as const)('%s: %s', (_why, rects, expected) => {
    const curve = bezierCurve(start, 'right', end, 'left');
    expect(crossesAny(curveTrack(curve), rects)).toBe(expected);
  });
});

describe('routeAround', () => {
  it('goes round the node in the way, leaving and entering its handles straight', () => {
    const obstacles = [gateway, between, target];
    const route = routeAround(start, 'right', end, 'left', obstacles);
    expect(route).toBeDefined();
    const points = route ?? [];
    expect(points[0]).toEqual(start);
    expect(points.at(-1)).toEqual(end);
    // Out of the gateway to the right, into the service from the left.
    expect(points[1]?.y).toBe(start.y);
    expect((points[1]?.x ?? 0) > start.x).toBe(true);
    expect(points.at(-2)?.y).toBe(end.y);
    expect((points.at(-2)?.x ?? 0) < end.x).toBe(true);
    expect(runsThrough(points, [between])).toBe(false);
    // Every piece is horizontal or vertical.
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1] as Point;
      const b = points[i] as Point;
      expect(a.x === b.x || a.y === b.y).toBe(true);
    }
  });

  it('takes the cheaper side: above a node that reaches far down', () => {
    const tall = box(200, 0, 80, 400);
    const route = routeAround(start, 'right', end, 'left', [gateway, tall, target]) ?? [];
    expect(Math.min(...route.map((p) => p.y))).toBeLessThan(0);
    expect(runsThrough(route, [tall])).toBe(false);
  });

  it('leaves the handle even when it sits just inside its own node', () => {
    const inset = { x: gateway.right - 1, y: 20 };
    const route = routeAround(inset, 'right', end, 'left', [gateway, between, target]);
    expect(route).toBeDefined();
  });

  it('goes round a tall node at its far end rather than through it', () => {
    const wall = box(300, -1000, 20, 2000);
    const route = routeAround(start, 'right', end, 'left', [gateway, wall, target]) ?? [];
    expect(runsThrough(route, [wall])).toBe(false);
  });

  it('finds nothing when the target is walled in', () => {
    expect(
      routeAround(start, 'right', end, 'left', [gateway, ...enclosure, target]),
    ).toBeUndefined();
  });
});

describe('linkTrack', () => {
  const curve = bezierCurve(start, 'right', end, 'left');

  it.each([
    ['nothing in the way: the curve', [gateway, target], false],
    ['a node in the way: routed', [gateway, between, target], true],
    ['walled in: the curve anyway', [gateway, ...enclosure, target], false],
  ] as const)('%s', (_why, obstacles, routed) => {
    const track = linkTrack(curve, 'right', 'left', obstacles);
    expect(track.routed).toBe(routed);
    expect(track.pointAt(0)).toEqual(start);
    expect(track.pointAt(1)).toEqual(end);
  });
});

describe('polylineTrack', () => {
  it('rounds its corners and measures fractions by length', () => {
    const track = polylineTrack([
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 100 },
    ]);
    expect(track.path).toBe('M0,0 L92,0 Q100,0 100,8 L100,100');
    expect(track.pointAt(0.25)).toEqual({ x: 50, y: 0 });
    expect(track.pointAt(0.75)).toEqual({ x: 100, y: 50 });
    expect(track.bounds).toEqual({ left: 0, right: 100, top: 0, bottom: 100 });
  });
});
