import { describe, expect, it } from 'vitest';
import { graphShape, type ShapeNode, withNames } from './elk-shape';

const GROUP = (mesh: string): ShapeNode => ({
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

const key = (graph: ShapeNode) => JSON.stringify(graphShape(graph).graph);

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
    expect(key(GROUP('mesh-01'))).toBe(key(GROUP('mesh-02')));
  });

  it.each<[string, (graph: ShapeNode) => ShapeNode]>([
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
    [
      'nesting',
      (g) => ({
        ...g,
        children: [
          { id: 'box', children: g.children?.slice(0, 1) },
          ...(g.children ?? []).slice(1),
        ],
      }),
    ],
  ])('tells graphs apart by %s', (_name, change) => {
    const base = GROUP('mesh-01');
    expect(key(change(base))).not.toBe(key(base));
  });

  it('maps back: renamed, laid out and named again is the request under its own names', () => {
    const { graph, names } = graphShape(GROUP('mesh-02'));
    expect(graph.id).toBe('n0');
    const laidOut = withNames(
      { id: graph.id, x: 0, y: 0, children: graph.children?.map((c, i) => ({ id: c.id, x: i })) },
      names,
    );
    expect(laidOut.id).toBe('group:mesh-02/svc-1');
    expect(laidOut.children?.map((child) => [child.id, child.x])).toEqual([
      ['service:mesh-02/svc-1', 0],
      ['sidecar:mesh-02/svc-1', 1],
      ['sidecar:mesh-02/svc-2', 2],
    ]);
  });
});
