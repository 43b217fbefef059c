import { describe, expect, it } from 'vitest';
import type { LayoutInputNode } from './layout-input';
import { graphShape, withNames } from './layout-shape';

const GROUP = (mesh: string): LayoutInputNode => ({
  id: `group:${mesh}/svc-1`,
  layoutOptions: { 'elk.direction': 'RIGHT' },
  children: [
    { id: `service:${mesh}/svc-1`, width: 170, height: 46 },
    { id: `sidecar:${mesh}/svc-1`, width: 170, height: 50 },
    { id: `sidecar:${mesh}/svc-2`, width: 170, height: 50 },
  ],
  edges: [
    { id: `${mesh}-a`, sources: [`service:${mesh}/svc-1`], targets: [`sidecar:${mesh}/svc-1`] },
    { id: `${mesh}-b`, sources: [`sidecar:${mesh}/svc-1`], targets: [`sidecar:${mesh}/svc-2`] },
  ],
});

describe('graphShape', () => {
  it('renames nodes depth-first and edges in order, keeping sizes, options and links', () => {
    const { graph, names } = graphShape({
      id: 'root',
      children: [
        {
          id: 'mesh',
          layoutOptions: { 'elk.padding': '[top=1]' },
          children: [{ id: 'gw', width: 2 }],
        },
        { id: 'client', width: 1, height: 1 },
      ],
      edges: [{ id: 'x', sources: ['client'], targets: ['gw'] }],
    });
    expect(graph).toEqual({
      id: 'n0',
      children: [
        {
          id: 'n1',
          layoutOptions: { 'elk.padding': '[top=1]' },
          children: [{ id: 'n2', width: 2 }],
        },
        { id: 'n3', width: 1, height: 1 },
      ],
      edges: [{ id: 'e0', sources: ['n3'], targets: ['n2'] }],
    });
    expect([...names]).toEqual([
      ['n0', 'root'],
      ['n1', 'mesh'],
      ['n2', 'gw'],
      ['n3', 'client'],
    ]);
  });

  it('gives call groups of two meshes built alike one shape', () => {
    expect(JSON.stringify(graphShape(GROUP('mesh-01')).graph)).toBe(
      JSON.stringify(graphShape(GROUP('mesh-02')).graph),
    );
  });

  it.each<[string, (graph: LayoutInputNode) => LayoutInputNode]>([
    [
      'a size',
      (g) => ({ ...g, children: g.children?.map((c, i) => (i === 1 ? { ...c, height: 51 } : c)) }),
    ],
    ['the order of nodes', (g) => ({ ...g, children: [...(g.children ?? [])].reverse() })],
    ['the order of edges', (g) => ({ ...g, edges: [...(g.edges ?? [])].reverse() })],
    [
      'which node an edge leaves',
      (g) => ({
        ...g,
        edges: g.edges?.map((e, i) =>
          i === 0 ? { ...e, sources: e.targets, targets: e.sources } : e,
        ),
      }),
    ],
    ['an option', (g) => ({ ...g, layoutOptions: { 'elk.direction': 'DOWN' } })],
  ])('tells graphs apart by %s', (_name, change) => {
    const base = GROUP('mesh-01');
    expect(JSON.stringify(graphShape(change(base)).graph)).not.toBe(
      JSON.stringify(graphShape(base).graph),
    );
  });
});

describe('withNames', () => {
  it('puts the request’s names back on a layout of the renamed graph, positions untouched', () => {
    const { names } = graphShape(GROUP('mesh-02'));
    const laidOut = withNames(
      {
        id: 'n0',
        x: 0,
        y: 0,
        width: 500,
        height: 100,
        children: [
          { id: 'n1', x: 12, y: 14, width: 170, height: 46 },
          { id: 'n2', x: 242, y: 12, width: 170, height: 50 },
          { id: 'n3', x: 472, y: 12, width: 170, height: 50 },
        ],
      },
      names,
    );
    expect(laidOut.id).toBe('group:mesh-02/svc-1');
    expect(laidOut.children?.map((child) => [child.id, child.x, child.y])).toEqual([
      ['service:mesh-02/svc-1', 12, 14],
      ['sidecar:mesh-02/svc-1', 242, 12],
      ['sidecar:mesh-02/svc-2', 472, 12],
    ]);
  });
});
