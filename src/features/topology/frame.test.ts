import { describe, expect, it } from 'vitest';
import { type FramedNode, framedZoom, membersOf, neighbourhood } from './frame';

// client → edge → gw (in mesh a) → web (in group g, in mesh a); mesh b linked to gw.
const nodes = [
  { id: 'client' },
  { id: 'edge' },
  { id: 'mesh:a' },
  { id: 'gw', parentId: 'mesh:a' },
  { id: 'g', parentId: 'mesh:a' },
  { id: 'web', parentId: 'g' },
  { id: 'mesh:b' },
];
const edges = [
  { source: 'client', target: 'edge' },
  { source: 'edge', target: 'gw' },
  { source: 'gw', target: 'web' },
  { source: 'mesh:b', target: 'gw' },
  { source: 'edge', target: 'mesh:c', hidden: true },
];

describe('membersOf', () => {
  it.each([
    ['mesh:a', ['mesh:a', 'gw', 'g', 'web']],
    ['g', ['g', 'web']],
    ['web', ['web']],
  ])('%s → %j', (id, expected) => {
    expect([...membersOf(nodes, id)].sort()).toEqual([...expected].sort());
  });
});

describe('neighbourhood', () => {
  it.each([
    [
      'an expanded mesh: with the edge and the mesh it links to',
      ['mesh:a', 'gw', 'g', 'web'],
      ['mesh:a', 'gw', 'g', 'web', 'edge', 'mesh:b'],
    ],
    [
      'a gateway: the edge, its service and the linked mesh',
      ['gw'],
      ['gw', 'edge', 'web', 'mesh:b'],
    ],
    ['the edge: hidden links do not count', ['edge'], ['edge', 'client', 'gw']],
  ])('%s', (_why, ids, expected) => {
    expect(neighbourhood(new Set(ids), edges).sort()).toEqual([...expected].sort());
  });
});

describe('framedZoom', () => {
  // React Flow's number padding, in a 1600 × 1000 pane: floor((1600 − 1600 / 1.08) / 2) = 59 px
  // a side, floor((1000 − 1000 / 1.08) / 2) = 37 px: 1482 × 926 px for the nodes.
  const options = { padding: 0.08, minZoom: 0.02, maxZoom: 10 };
  const box = (
    id: string,
    x: number,
    y: number,
    width: number,
    height: number,
    parentId?: string,
  ) =>
    ({
      id,
      position: { x, y },
      width,
      height,
      ...(parentId ? { parentId } : {}),
    }) satisfies FramedNode;
  const mesh = box('mesh', 1000, 1000, 2000, 1000);
  // At (1100, 1100) on the canvas: positions are the parent's plus its own.
  const service = box('service', 100, 100, 741, 463, 'mesh');
  const client = box('client', 0, 0, 10, 10);

  it.each([
    [
      'two nodes 1000 × 500 apart, capped by maxZoom',
      [box('a', 0, 0, 100, 50), box('b', 900, 450, 100, 50)],
      undefined,
      1.2,
      { ...options, maxZoom: 1.2 },
    ],
    [
      'a row as wide as 14,820 px',
      [box('a', 0, 0, 170, 46), box('b', 14_650, 0, 170, 46)],
      undefined,
      0.1,
      options,
    ],
    ['a child alone, 741 × 463', [mesh, service], ['service'], 2, options],
    [
      'a child at its parent’s offset, with a node at the origin',
      [client, mesh, service],
      ['client', 'service'],
      926 / 1563,
      options,
    ],
    [
      'everything, when no ids are given',
      [client, mesh, service],
      undefined,
      Math.min(1482 / 3000, 926 / 2000),
      options,
    ],
    [
      'too far to frame: the minimum zoom',
      [box('a', 0, 0, 10, 10), box('b', 1_000_000, 0, 10, 10)],
      undefined,
      0.02,
      options,
    ],
  ])('%s', (_why, nodes, ids, expected, frameOptions) => {
    expect(framedZoom(nodes, ids, 1600, 1000, frameOptions)).toBeCloseTo(expected, 6);
  });

  it('is unknown before the pane is measured, or with nothing to frame', () => {
    expect(framedZoom([client], undefined, 0, 0, options)).toBeUndefined();
    expect(framedZoom([client], ['elsewhere'], 1600, 1000, options)).toBeUndefined();
  });
});
