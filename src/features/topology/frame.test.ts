import { describe, expect, it } from 'vitest';
import { membersOf, neighbourhood } from './frame';

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
