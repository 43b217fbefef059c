import { describe, expect, it } from 'vitest';
import {
  bezierCurve,
  curvePath,
  pairLanes,
  placeLabel,
  pointOnCurve,
  shiftAlongSide,
} from './edge-geometry';
import { curveTrack } from './edge-route';

describe('bezierCurve', () => {
  it.each([
    // Going the handles' way: controls half the gap out.
    [{ x: 0, y: 0 }, 'right', { x: 100, y: 50 }, 'left', { x: 50, y: 0 }, { x: 50, y: 50 }],
    // Target behind the source: a bow of curvature × 25 × √distance.
    [{ x: 100, y: 0 }, 'right', { x: 0, y: 0 }, 'left', { x: 162.5, y: 0 }, { x: -62.5, y: 0 }],
    [{ x: 0, y: 0 }, 'bottom', { x: 0, y: 80 }, 'top', { x: 0, y: 40 }, { x: 0, y: 40 }],
  ] as const)('%j %s → %j %s', (start, startSide, end, endSide, control1, control2) => {
    const curve = bezierCurve(start, startSide, end, endSide);
    expect(curve.control1).toEqual(control1);
    expect(curve.control2).toEqual(control2);
    expect(pointOnCurve(curve, 0)).toEqual(start);
    expect(pointOnCurve(curve, 1)).toEqual(end);
    expect(curvePath(curve)).toMatch(/^M[-\d.]+,[-\d.]+ C/);
  });
});

describe('shiftAlongSide', () => {
  it.each([
    ['left', { x: 10, y: 25 }],
    ['right', { x: 10, y: 25 }],
    ['top', { x: 15, y: 20 }],
    ['bottom', { x: 15, y: 20 }],
  ] as const)('%s', (side, expected) => {
    expect(shiftAlongSide({ x: 10, y: 20 }, side, 5)).toEqual(expected);
  });
});

describe('pairLanes', () => {
  it('puts the two links of a two-way pair on opposite lanes, and leaves the rest alone', () => {
    const lanes = pairLanes([
      { id: 'a>b', source: 'a', target: 'b' },
      { id: 'b>a', source: 'b', target: 'a' },
      { id: 'a>c', source: 'a', target: 'c' },
    ]);
    expect(Object.fromEntries(lanes)).toEqual({ 'a>b': -1, 'b>a': 1 });
  });
});

describe('placeLabel', () => {
  const curve = bezierCurve({ x: 0, y: 0 }, 'right', { x: 400, y: 0 }, 'left');
  const size = { width: 60, height: 20 };
  it.each([
    ['no node near: the middle', [], { x: 200, y: 0 }],
    ['nodes all along: nowhere', [{ left: 20, right: 380, top: -30, bottom: 30 }], undefined],
  ] as const)('%s', (_why, obstacles, expected) => {
    expect(placeLabel(curveTrack(curve), size, obstacles)).toEqual(expected);
  });

  it('moves off a node on the middle to the nearest free stop, clear of it', () => {
    const node = { left: 150, right: 250, top: -30, bottom: 30 };
    const point = placeLabel(curveTrack(curve), size, [node]);
    expect(point).toBeDefined();
    // Clear of the node by the label's half width and the margin.
    expect((point?.x ?? 0) + size.width / 2).toBeLessThanOrEqual(node.left);
    expect(point?.x).toBeGreaterThan(60);
  });
});
