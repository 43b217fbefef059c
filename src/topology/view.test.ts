import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, type DemoOptions } from '../../demo-cp/src/options';
import { loadScenario } from '../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../demo-cp/src/snapshot';
import { World } from '../../demo-cp/src/world';
import { buildTopology } from './build-topology';
import { layoutTopology } from './layout';
import { toReactFlow } from './to-react-flow';
import { EDGE_ID, gatewayId, meshId, sidecarId, type TopologyGraph } from './types';
import { collapseMeshes, dimmedByHealth, filterTopology, structureKey } from './view';

function graphOf(
  options: Partial<DemoOptions> = {},
  ticks = 1,
): { world: World; graph: TopologyGraph } {
  const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, ...options });
  loadScenario(world, world.options.scenario);
  for (let i = 0; i < ticks; i++) world.tick();
  return { world, graph: buildTopology(controlPlaneSnapshot(world)) };
}

describe('collapseMeshes', () => {
  it('folds a mesh into one node and re-attaches edges to it', () => {
    const { graph } = graphOf();
    const collapsed = collapseMeshes(graph, new Set(['default']));
    expect(collapsed.nodes.find((node) => node.id === meshId('default'))).toMatchObject({
      collapsed: true,
    });
    expect(
      collapsed.nodes.some(
        (node) => 'mesh' in node && node.mesh === 'default' && node.kind !== 'mesh',
      ),
    ).toBe(false);
    const fromEdge = collapsed.edges.find(
      (edge) => edge.source === EDGE_ID && edge.target === meshId('default'),
    );
    expect(fromEdge).toMatchObject({ relation: 'edge-gateway', kind: 'unmanaged' });
    // The cross-mesh link from payments now ends on the collapsed mesh.
    expect(
      collapsed.edges.some(
        (edge) => edge.relation === 'cross-mesh' && edge.target === meshId('default'),
      ),
    ).toBe(true);
    // Other meshes are untouched.
    expect(
      collapsed.nodes.some((node) => node.id === gatewayId('legacy', 'builtin', 'legacy-gateway')),
    ).toBe(true);
  });

  it('sums traffic of folded edges', () => {
    const graph: TopologyGraph = {
      zones: [],
      nodes: [
        { id: 'edge', kind: 'edge', label: 'Kong Gateway' },
        {
          id: 'mesh:m',
          kind: 'mesh',
          label: 'm',
          mesh: 'm',
          mtls: true,
          zones: [],
          health: 'online',
          counts: { services: 0, dataplanes: 0, online: 0, gateways: 2 },
        },
        ...(['a', 'b'] as const).map((name) => ({
          id: `gw:${name}`,
          kind: 'gateway' as const,
          label: name,
          parent: 'mesh:m',
          mesh: 'm',
          gatewayKind: 'builtin' as const,
          name,
          displayName: name,
          listeners: [],
          instances: [],
          health: 'online' as const,
          zones: [],
          crossMesh: false,
        })),
      ],
      edges: [
        {
          id: 'e1',
          source: 'edge',
          target: 'gw:a',
          kind: 'unmanaged',
          origin: 'declared',
          relation: 'edge-gateway',
          bidirectional: false,
          traffic: { requestsPerSecond: 10, errorShare: 0 },
        },
        {
          id: 'e2',
          source: 'edge',
          target: 'gw:b',
          kind: 'unmanaged',
          origin: 'declared',
          relation: 'edge-gateway',
          bidirectional: false,
          traffic: { requestsPerSecond: 30, errorShare: 0.5 },
        },
      ],
    };
    const [edge] = collapseMeshes(graph, new Set(['m'])).edges;
    expect(edge).toMatchObject({
      folded: 2,
      traffic: { requestsPerSecond: 40, errorShare: 0.375 },
    });
  });
});

describe('filterTopology', () => {
  const { graph } = graphOf();
  const ids = (filtered: TopologyGraph, kind: string) =>
    filtered.nodes.filter((node) => node.kind === kind).map((node) => node.id);

  it.each([
    [
      { meshes: ['legacy'] },
      'gateway',
      [
        gatewayId('legacy', 'builtin', 'legacy-gateway'),
        gatewayId('legacy', 'delegated', 'kong-legacy'),
      ],
    ],
    [
      { gatewayKind: 'delegated' as const },
      'gateway',
      [
        gatewayId('legacy', 'delegated', 'kong-legacy'),
        gatewayId('payments', 'delegated', 'kong-payments'),
      ],
    ],
  ])('%j keeps the matching %s nodes', (filter, kind, expected) => {
    expect(ids(filterTopology(graph, filter), kind).sort()).toEqual([...expected].sort());
  });

  it('leaves Find to the path highlight: text removes nothing', () => {
    expect(filterTopology(graph, { text: 'redis' })).toBe(graph);
  });

  it('keeps client, edge and the containers of what matches, and only edges between kept nodes', () => {
    const filtered = filterTopology(graph, { meshes: ['default'] });
    expect(filtered.nodes.map((node) => node.kind)).toEqual(
      expect.arrayContaining(['client', 'edge', 'mesh', 'call-group', 'service', 'sidecar']),
    );
    const kept = new Set(filtered.nodes.map((node) => node.id));
    expect(filtered.edges.every((edge) => kept.has(edge.source) && kept.has(edge.target))).toBe(
      true,
    );
  });
});

describe('a health filter dims, never removes', () => {
  const { world, graph } = graphOf();
  const offline = (filtered: TopologyGraph) =>
    [...dimmedByHealth(filtered, 'offline')].filter((id) => !id.startsWith('gateway:'));

  it('keeps every node and edge, and the structure, whatever the health asked for', () => {
    for (const health of ['online', 'degraded', 'offline', 'unknown'] as const) {
      const filtered = filterTopology(graph, { health, meshes: ['default'] });
      expect(structureKey(filtered)).toBe(
        structureKey(filterTopology(graph, { meshes: ['default'] })),
      );
    }
    expect(filterTopology(graph, { health: 'offline' })).toBe(graph);
  });

  it.each([
    // Payments' only proxy is offline: it, its service, its group and its mesh stay lit.
    {
      health: 'offline' as const,
      lit: [sidecarId('default', 'payments'), 'service:default/payments', meshId('default')],
      dim: [sidecarId('default', 'frontend'), meshId('payments')],
    },
    {
      health: 'online' as const,
      lit: [sidecarId('default', 'frontend'), meshId('default')],
      dim: [sidecarId('default', 'payments'), 'service:default/payments'],
    },
  ])(
    '$health: lights what has that health and the containers holding it',
    ({ health, lit, dim }) => {
      const dimmed = dimmedByHealth(graph, health);
      for (const id of lit) expect(dimmed.has(id)).toBe(false);
      for (const id of dim) expect(dimmed.has(id)).toBe(true);
      expect(dimmed.has(EDGE_ID)).toBe(false);
      expect(dimmed.has('client')).toBe(false);
    },
  );

  it('dims nothing without a health filter', () => {
    expect(dimmedByHealth(graph, undefined).size).toBe(0);
  });

  it('a status change moves a node between dimmed and lit, the structure stays', () => {
    const before = offline(graph);
    world.pin('default', 'frontend-1', { connected: false });
    world.pin('default', 'frontend-2', { connected: false });
    world.tick();
    const after = buildTopology(controlPlaneSnapshot(world));
    expect(offline(after)).not.toContain(sidecarId('default', 'frontend'));
    expect(before).toContain(sidecarId('default', 'frontend'));
    expect(structureKey(filterTopology(after, { health: 'offline' }))).toBe(
      structureKey(filterTopology(graph, { health: 'offline' })),
    );
  });
});

describe('structureKey', () => {
  it('ignores status changes and sees structural ones', () => {
    const { world, graph } = graphOf();
    world.pin('default', 'frontend-1', { connected: false });
    const after = buildTopology(controlPlaneSnapshot(world));
    expect(after.nodes.find((node) => node.id === sidecarId('default', 'frontend'))).toMatchObject({
      health: 'degraded',
    });
    expect(structureKey(after)).toBe(structureKey(graph));
    expect(structureKey(collapseMeshes(after, new Set(['default'])))).not.toBe(structureKey(graph));
    expect(structureKey(graph, new Set([sidecarId('default', 'frontend')]))).not.toBe(
      structureKey(graph),
    );
  });
});

describe('layout and React Flow conversion', () => {
  it('lays out every node inside its parent, parents first', async () => {
    const { graph } = graphOf({ scenario: 'docs-builtin' });
    const layout = await layoutTopology(graph, new ELK());
    for (const node of graph.nodes) expect(layout.has(node.id)).toBe(true);
    const flow = toReactFlow(graph.nodes, graph.edges, layout, { expandedSidecars: new Set() });
    const seen = new Set<string>();
    for (const node of flow.nodes) {
      if (node.parentId) expect(seen.has(node.parentId)).toBe(true);
      seen.add(node.id);
      const parent = node.parentId ? layout.get(node.parentId) : undefined;
      const box = layout.get(node.id);
      if (parent && box) {
        expect(box.x + box.width).toBeLessThanOrEqual(parent.width + 0.5);
        expect(box.y + box.height).toBeLessThanOrEqual(parent.height + 0.5);
      }
    }
    expect(flow.edges).toHaveLength(graph.edges.length);
  }, 30_000);
});
