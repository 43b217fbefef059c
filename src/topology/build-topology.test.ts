import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, type DemoOptions } from '../../demo-cp/src/options';
import { loadScenario } from '../../demo-cp/src/scenarios';
import { ScenarioBuilder } from '../../demo-cp/src/scenarios/builder';
import { controlPlaneSnapshot } from '../../demo-cp/src/snapshot';
import { World } from '../../demo-cp/src/world';
import type { ControlPlaneSnapshot, MeshSnapshot } from '../kuma/snapshot';
import {
  buildTopology,
  callGroups,
  type MeshSections,
  PAIRWISE_MESH_LIMIT,
  withTraffic,
} from './build-topology';
import {
  EDGE_ID,
  type EdgeTraffic,
  gatewayId,
  meshId,
  serviceId,
  sidecarId,
  type TopologyGraph,
} from './types';

function graphOf(options: Partial<DemoOptions>): TopologyGraph {
  const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, ...options });
  loadScenario(world, world.options.scenario);
  world.tick();
  return buildTopology(controlPlaneSnapshot(world));
}

function edge(graph: TopologyGraph, source: string, target: string) {
  return graph.edges.find(
    (candidate) => candidate.source === source && candidate.target === target,
  );
}

describe('callGroups', () => {
  it.each([
    [['a', 'b'], [['a', 'b']], [['a', ['b']]]],
    [
      ['a', 'b', 'c', 'd'],
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      [
        ['a', ['b']],
        ['c', ['d']],
      ],
    ],
    [
      ['x', 'y', 'z'],
      [['x', 'y', 'z']],
      [
        ['y', ['z']],
        ['x', ['y']],
      ],
    ],
    [['solo'], [['solo']], []],
  ])('%j with calls %j', (services, expected, calls) => {
    const map = new Map(
      calls.map(([caller, callees]) => [caller as string, new Set(callees as string[])]),
    );
    expect(callGroups(services, map)).toEqual(expected);
  });
});

describe('buildTopology', () => {
  it('docs-builtin: two meshes, a built-in gateway each routing to the first service of each pair', () => {
    const graph = graphOf({ scenario: 'docs-builtin' });
    const kinds: Record<string, number> = {};
    for (const node of graph.nodes) kinds[node.kind] = (kinds[node.kind] ?? 0) + 1;
    expect(kinds).toEqual({
      client: 1,
      edge: 1,
      mesh: 2,
      gateway: 2,
      'call-group': 4,
      service: 8,
      sidecar: 8,
    });
    const gw1 = gatewayId('team-1', 'builtin', 'team-1-gateway');
    const gw2 = gatewayId('team-2', 'builtin', 'team-2-gateway');
    expect(edge(graph, gw1, serviceId('team-1', 'frontend'))).toMatchObject({
      kind: 'managed',
      relation: 'gateway-service',
    });
    expect(edge(graph, gw1, serviceId('team-1', 'catalog'))).toMatchObject({ kind: 'managed' });
    expect(edge(graph, gw1, serviceId('team-1', 'backend'))).toBeUndefined();
    expect(
      edge(graph, sidecarId('team-1', 'frontend'), sidecarId('team-1', 'backend')),
    ).toMatchObject({ kind: 'managed', bidirectional: true });
    expect(edge(graph, EDGE_ID, gw1)).toMatchObject({ kind: 'unmanaged', origin: 'declared' });
    const crossMesh = graph.edges.filter((candidate) => candidate.relation === 'cross-mesh');
    expect(crossMesh).toHaveLength(1);
    expect(crossMesh[0]).toMatchObject({ kind: 'managed', bidirectional: true });
    expect([crossMesh[0]?.source, crossMesh[0]?.target].sort()).toEqual([gw1, gw2].sort());
    const byKind = (kind: string) =>
      graph.edges.filter((candidate) => candidate.kind === kind).length;
    expect({ managed: byKind('managed'), unmanaged: byKind('unmanaged') }).toEqual({
      managed: 9,
      unmanaged: 11,
    });
  });

  it('docs-delegated: delegated gateways linked unmanaged across meshes', () => {
    const graph = graphOf({ scenario: 'docs-delegated' });
    const peers = graph.edges.filter((candidate) => candidate.relation === 'delegated-peers');
    expect(peers).toHaveLength(1);
    expect(peers[0]).toMatchObject({ kind: 'unmanaged', bidirectional: true });
    const byKind = (kind: string) =>
      graph.edges.filter((candidate) => candidate.kind === kind).length;
    expect({ managed: byKind('managed'), unmanaged: byKind('unmanaged') }).toEqual({
      managed: 8,
      unmanaged: 12,
    });
  });

  it('mixed: cross-mesh listener reachable from the other mTLS mesh, not from the one without mTLS', () => {
    const graph = graphOf({ scenario: 'mixed' });
    const target = gatewayId('default', 'builtin', 'edge-gateway');
    const crossMesh = graph.edges.filter(
      (candidate) => candidate.relation === 'cross-mesh' && candidate.target === target,
    );
    expect(crossMesh.map((candidate) => candidate.source)).toEqual(['mesh:payments']);
    const gateway = graph.nodes.find((node) => node.id === target);
    expect(gateway).toMatchObject({ kind: 'gateway', crossMesh: true });
    // One route on each listener: kuma-cp can build the gateway.
    expect(
      gateway && 'listeners' in gateway ? gateway.listeners.map((listener) => listener.routes) : [],
    ).toEqual([1, 1, 1, 1, 1]);
    // The gateway sends /pay to payments, whose only proxy is offline.
    expect(graph.nodes.find((node) => node.id === sidecarId('default', 'payments'))).toMatchObject({
      health: 'offline',
    });
    expect(edge(graph, target, serviceId('default', 'payments'))).toBeDefined();
  });

  it('mixed: legacy-gateway, which kuma-cp cannot build, sends traffic nowhere', () => {
    const graph = graphOf({ scenario: 'mixed' });
    const legacy = gatewayId('legacy', 'builtin', 'legacy-gateway');
    const node = graph.nodes.find((candidate) => candidate.id === legacy);
    // Its catalog listener has a route, its reviews listener none.
    expect(node?.kind === 'gateway' && node.listeners.map((listener) => listener.routes)).toEqual([
      1, 0,
    ]);
    expect(graph.edges.filter((candidate) => candidate.source === legacy)).toEqual([]);
    // The delegated gateway of the mesh still reaches catalog.
    expect(
      edge(graph, gatewayId('legacy', 'delegated', 'kong-legacy'), serviceId('legacy', 'catalog')),
    ).toBeDefined();
  });

  it('multi-zone: nodes carry their zones, the graph lists them', () => {
    const graph = graphOf({ scenario: 'mixed', mode: 'global' });
    expect(graph.zones).toEqual(['zone-east', 'zone-west']);
    const frontend = graph.nodes.find((node) => node.id === sidecarId('default', 'frontend'));
    expect(frontend && 'zones' in frontend ? frontend.zones : []).toEqual([
      'zone-east',
      'zone-west',
    ]);
  });

  it.each([
    { mode: 'global' as const, zone: 'default' },
    { mode: 'zone' as const, zone: 'zone-east' },
  ])(
    'multi-zone ($mode): nodes show the names people gave, ids and links keep the stored ones',
    ({ mode, zone }) => {
      const graph = graphOf({ scenario: 'mixed', mode, zone });
      const refs = graph.nodes.flatMap((node) =>
        node.kind === 'sidecar' ? node.dataplanes : node.kind === 'gateway' ? node.instances : [],
      );
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        expect(ref.displayName).toMatch(/^[a-z0-9-]+-\d+$/);
        if (mode === 'global') expect(ref.name).toMatch(new RegExp(`^${ref.displayName}-\\w{16}$`));
        else expect(ref.name).toBe(ref.displayName);
      }
      const gateway = graph.nodes.find(
        (node) =>
          node.kind === 'gateway' && node.gatewayKind === 'builtin' && node.mesh === 'default',
      );
      expect(gateway?.kind === 'gateway' && [gateway.displayName, gateway.label]).toEqual([
        'edge-gateway',
        'edge-gateway',
      ]);
      // On a zone the MeshGateway is hashed, yet its routes still attach (they name `edge-gateway`).
      if (gateway?.kind === 'gateway' && mode === 'zone') {
        expect(gateway.name).toMatch(/^edge-gateway-\w{16}$/);
        expect(gateway.listeners.some((listener) => listener.routes > 0)).toBe(true);
      }
    },
  );

  it('3.x: delegated gateways only', () => {
    const graph = graphOf({ scenario: 'mixed', kumaVersion: '3.0.0' });
    const gateways = graph.nodes.filter((node) => node.kind === 'gateway');
    expect(gateways.length).toBeGreaterThan(0);
    expect(
      gateways.every((node) => node.kind === 'gateway' && node.gatewayKind === 'delegated'),
    ).toBe(true);
  });

  it('keeps node ids stable across ticks', () => {
    const world = new World({ ...DEFAULT_OPTIONS, startTime: 0 });
    loadScenario(world, 'mixed');
    const before = buildTopology(controlPlaneSnapshot(world)).nodes.map((node) => node.id);
    for (let i = 0; i < 5; i++) world.tick();
    const after = buildTopology(controlPlaneSnapshot(world)).nodes.map((node) => node.id);
    expect(after).toEqual(before);
  });

  it.each([
    ['fresh', ['default'], 0],
    ['docs-builtin', [], 2],
  ])('%s: lists meshes with nothing in them instead of drawing them', (scenario, empty, drawn) => {
    const graph = graphOf({ scenario: scenario as DemoOptions['scenario'] });
    expect(graph.emptyMeshes).toEqual(empty);
    expect(graph.nodes.filter((node) => node.kind === 'mesh')).toHaveLength(drawn);
  });

  it('mixed: search-1 serves search and search-admin and is drawn once, both services link to it', () => {
    const graph = graphOf({ scenario: 'mixed' });
    const holding = graph.nodes.filter(
      (node) =>
        node.kind === 'sidecar' && node.dataplanes.some((ref) => ref.displayName === 'search-1'),
    );
    expect(holding.map((node) => node.id)).toEqual([sidecarId('legacy', 'search')]);
    expect(holding[0]).toMatchObject({ services: ['search', 'search-admin'] });
    const admin = graph.nodes.find((node) => node.id === serviceId('legacy', 'search-admin'));
    expect(admin).toMatchObject({ parent: holding[0]?.parent, health: 'degraded' });
    expect(
      edge(graph, serviceId('legacy', 'search-admin'), sidecarId('legacy', 'search')),
    ).toMatchObject({
      relation: 'service-sidecar',
    });
    // Every dataplane of every scenario is in exactly one sidecar node.
    for (const scenario of ['mixed', 'docs-builtin', 'docs-delegated', 'large'] as const) {
      const names = graphOf({ scenario, large: { meshes: 3, services: 12, dataplanes: 60 } })
        .nodes.flatMap((node) => (node.kind === 'sidecar' ? node.dataplanes : []))
        .map((ref) => `${ref.mesh}/${ref.name}`);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('lets the user choose which gateways the edge fronts', () => {
    const world = new World({ ...DEFAULT_OPTIONS, startTime: 0 });
    loadScenario(world, 'mixed');
    const only = gatewayId('legacy', 'builtin', 'legacy-gateway');
    const graph = buildTopology(controlPlaneSnapshot(world), { edgeFronts: new Set([only]) });
    expect(
      graph.edges
        .filter((candidate) => candidate.relation === 'edge-gateway')
        .map((candidate) => candidate.target),
    ).toEqual([only]);
  });
});

function relationCounts(graph: TopologyGraph): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const candidate of graph.edges)
    counts[candidate.relation] = (counts[candidate.relation] ?? 0) + 1;
  return counts;
}

/** `meshes` mTLS meshes, each with a built-in gateway (cross-mesh listener on the first `crossMesh`) and a delegated one. */
function linkedMeshes(meshes: number, crossMesh: number): TopologyGraph {
  const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, scenario: 'empty' });
  loadScenario(world, 'empty');
  const build = new ScenarioBuilder(world);
  for (let m = 0; m < meshes; m++) {
    const mesh = `m-${String(m).padStart(3, '0')}`;
    build.mesh(mesh, { mtls: true });
    build.service(mesh, 'web');
    build.builtinGateway(mesh, `${mesh}-gw`, {
      listeners: [
        { port: 8080, protocol: 'HTTP', hostname: '*', tags: { listener: 'public' } },
        ...(m < crossMesh
          ? [
              {
                port: 9080,
                protocol: 'HTTP' as const,
                hostname: `${mesh}.mesh`,
                crossMesh: true,
                tags: { listener: 'cross-mesh' },
              },
            ]
          : []),
      ],
    });
    build.delegatedGateway(mesh, `${mesh}-kong`, { calls: ['web'] });
  }
  world.tick();
  return buildTopology(controlPlaneSnapshot(world));
}

describe('links between meshes grow at most linearly with meshes', () => {
  it.each([
    // The docs' pictures and the mixed scenario stay as they were.
    { scenario: 'docs-builtin', meshes: 0, peers: 0, crossMesh: 1, total: 20 },
    { scenario: 'docs-delegated', meshes: 0, peers: 1, crossMesh: 0, total: 20 },
    { scenario: 'mixed', meshes: 0, peers: 1, crossMesh: 1, total: 35 },
    // Pairwise while at most PAIRWISE_MESH_LIMIT meshes have delegated gateways: C(4, 2) = 6.
    { scenario: 'large', meshes: 4, peers: 6, crossMesh: 0, total: 43 },
    // Beyond, no pairwise links (they were 10 at 5 meshes, 4,950 at 100).
    { scenario: 'large', meshes: 5, peers: 0, crossMesh: 0, total: 46 },
    { scenario: 'large', meshes: 100, peers: 0, crossMesh: 0, total: 901 },
  ] as const)(
    '$scenario at $meshes meshes: $peers delegated peer links, $total in all',
    ({ scenario, meshes, peers, crossMesh, total }) => {
      const size = meshes || 10;
      const graph = graphOf({
        scenario,
        large: { meshes: size, services: size * 2, dataplanes: size * 6 },
      });
      const counts = relationCounts(graph);
      expect(counts['delegated-peers'] ?? 0).toBe(peers);
      expect(counts['cross-mesh'] ?? 0).toBe(crossMesh);
      expect(graph.edges).toHaveLength(total);
    },
  );

  it.each([
    // Every mesh's only gateway is cross-mesh: one two-way link per mesh pair, as the docs draw.
    { meshes: 2, crossMesh: 2, links: 1, peers: 1 },
    { meshes: 4, crossMesh: 4, links: 6, peers: 6 },
    // More cross-mesh gateways than the limit: named in words, not drawn.
    { meshes: 5, crossMesh: 5, links: 0, peers: 0 },
    { meshes: 100, crossMesh: 100, links: 0, peers: 0 },
    // One cross-mesh gateway: a link from each other mesh, at most one per (mesh, gateway).
    { meshes: 100, crossMesh: 1, links: 99, peers: 0 },
    // 4 × 99 links, less the 6 pairs of cross-mesh gateways that merge into two-way links.
    { meshes: 100, crossMesh: PAIRWISE_MESH_LIMIT, links: 4 * 99 - 6, peers: 0 },
  ])(
    '$meshes meshes, $crossMesh cross-mesh gateways: $links cross-mesh links',
    ({ meshes, crossMesh, links, peers }) => {
      const graph = linkedMeshes(meshes, crossMesh);
      const counts = relationCounts(graph);
      expect(counts['cross-mesh'] ?? 0).toBe(links);
      expect(counts['delegated-peers'] ?? 0).toBe(peers);
      // Linear: a bounded number of links per mesh, whatever the number of meshes.
      expect(graph.edges.length).toBeLessThanOrEqual(12 * meshes);
      const pairs = new Set(
        graph.edges
          .filter((candidate) => candidate.relation === 'cross-mesh')
          .map((candidate) => `${candidate.source}|${candidate.target}`),
      );
      expect(pairs.size).toBe(links);
    },
  );

  it('links from the mesh itself when it has no single built-in gateway to link from', () => {
    const graph = graphOf({ scenario: 'mixed' });
    const target = gatewayId('default', 'builtin', 'edge-gateway');
    expect(
      graph.edges
        .filter((candidate) => candidate.relation === 'cross-mesh')
        .map((candidate) => [candidate.source, candidate.target]),
    ).toEqual([[meshId('payments'), target]]);
  });
});

describe('withTraffic: rates laid over a built model', () => {
  const edge = (id: string, trafficKeys?: string[]) => ({
    id,
    source: 'a',
    target: id,
    kind: 'managed' as const,
    origin: 'configured' as const,
    relation: 'sidecar-sidecar' as const,
    bidirectional: false,
    ...(trafficKeys ? { trafficKeys } : {}),
  });
  const graph: TopologyGraph = {
    nodes: [],
    edges: [edge('one', ['a -> x']), edge('two', ['a -> x', 'a -> y']), edge('none')],
    zones: [],
  };

  it.each([
    {
      why: 'each link shows the sum of its rates, errors weighted by requests',
      rates: [
        ['a -> x', { requestsPerSecond: 1, errorShare: 0 }],
        ['a -> y', { requestsPerSecond: 3, errorShare: 0.5 }],
      ],
      expected: {
        one: { requestsPerSecond: 1, errorShare: 0 },
        two: { requestsPerSecond: 4, errorShare: 0.375 },
      },
    },
    {
      why: 'a link whose rates are all unknown shows none',
      rates: [['a -> y', { requestsPerSecond: 2, errorShare: 0 }]],
      expected: { two: { requestsPerSecond: 2, errorShare: 0 } },
    },
    { why: 'no rates: no traffic anywhere', rates: [], expected: {} },
  ] as const)('$why', ({ rates, expected }) => {
    const overlaid = withTraffic(graph, new Map<string, EdgeTraffic>(rates));
    expect(
      Object.fromEntries(overlaid.edges.flatMap((e) => (e.traffic ? [[e.id, e.traffic]] : []))),
    ).toEqual(expected);
    // Laid again with other rates, the old ones do not linger.
    const again = withTraffic(overlaid, new Map());
    expect(again.edges.some((e) => e.traffic)).toBe(false);
  });

  it.each(['mixed', 'large'] as const)(
    '%s: every gateway link and sidecar call is keyed by the rate Envoy reports for it',
    (scenario) => {
      const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, scenario });
      loadScenario(world, scenario);
      world.tick();
      const snapshot = controlPlaneSnapshot(world);
      const plain = buildTopology(snapshot);
      const keys = [...new Set(plain.edges.flatMap((e) => e.trafficKeys ?? []))];
      expect(keys.length).toBeGreaterThan(0);
      const rates = new Map(
        keys.map((key, index) => [key, { requestsPerSecond: index + 1, errorShare: 0.1 }]),
      );
      // The keys are those the rates are read under (`<source node> -> <service>`).
      for (const key of keys) expect(key).toMatch(/^(gateway|sidecar):[^ ]+ -> [^ ]+$/);
      const overlaid = withTraffic(plain, rates);
      expect(overlaid.edges.filter((e) => e.trafficKeys).every((e) => e.traffic)).toBe(true);
      expect(new Set(overlaid.edges.filter((e) => e.traffic).map((e) => e.relation))).toEqual(
        new Set(['gateway-service', 'sidecar-sidecar']),
      );
    },
  );
});

describe('meshes kept from the last build (sections)', () => {
  function snapshotOf(scenario: DemoOptions['scenario']): ControlPlaneSnapshot {
    const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, scenario });
    loadScenario(world, scenario);
    world.tick();
    return controlPlaneSnapshot(world);
  }

  /**
   * The snapshot made anew as the topology makes it on each build: every mesh a new object with
   * new lists of the same resources.
   */
  function anew(snapshot: ControlPlaneSnapshot): ControlPlaneSnapshot {
    return {
      meshes: snapshot.meshes.map((mesh) => ({
        ...mesh,
        gateways: [...mesh.gateways],
        dataplanes: [...mesh.dataplanes],
        httpRoutes: [...mesh.httpRoutes],
      })),
    };
  }

  /** The snapshot made anew (see `anew`), one mesh changed. */
  function changing(
    snapshot: ControlPlaneSnapshot,
    name: string,
    change: (mesh: MeshSnapshot) => MeshSnapshot,
  ): ControlPlaneSnapshot {
    return {
      meshes: anew(snapshot).meshes.map((mesh) => (mesh.mesh.name === name ? change(mesh) : mesh)),
    };
  }

  const nodesOf = (graph: TopologyGraph, mesh: string) =>
    graph.nodes.filter((node) => 'mesh' in node && node.mesh === mesh);

  it.each<[string, string, (mesh: MeshSnapshot) => MeshSnapshot]>([
    ['a dataplane gone', 'default', (mesh) => ({ ...mesh, dataplanes: mesh.dataplanes.slice(1) })],
    ['its MeshGateway gone', 'legacy', (mesh) => ({ ...mesh, gateways: [] })],
    ['a route gone', 'default', (mesh) => ({ ...mesh, httpRoutes: mesh.httpRoutes.slice(1) })],
    [
      'a MeshService gone',
      'payments',
      (mesh) => ({ ...mesh, meshServices: mesh.meshServices.slice(1) }),
    ],
    ['mTLS off', 'default', (mesh) => ({ ...mesh, mesh: { ...mesh.mesh, mtls: undefined } })],
    // Equal but a new object: drawn the same, and worked out anew (identity is all it goes by).
    [
      'a dataplane copied',
      'payments',
      (mesh) => ({ ...mesh, dataplanes: mesh.dataplanes.map((dataplane) => ({ ...dataplane })) }),
    ],
  ])(
    'mixed, %s in %s: the graph a build from scratch makes, the other meshes kept',
    (_change, name, change) => {
      const before = snapshotOf('mixed');
      const sections: MeshSections = new Map();
      const first = buildTopology(before, { sections });
      const after = changing(before, name, change);
      const kept = buildTopology(after, { sections });
      expect(kept).toEqual(buildTopology(after));
      // The mesh that changed was worked out again; the others were added as recorded.
      expect(nodesOf(kept, name)[0]).not.toBe(nodesOf(first, name)[0]);
      for (const mesh of before.meshes
        .map((entry) => entry.mesh.name)
        .filter((mesh) => mesh !== name)) {
        const nodes = nodesOf(kept, mesh);
        expect(nodes.length).toBeGreaterThan(0);
        expect(nodes).toEqual(nodesOf(first, mesh));
        for (const [index, node] of nodes.entries()) expect(node).toBe(nodesOf(first, mesh)[index]);
      }
    },
  );

  it.each(['docs-builtin', 'docs-delegated', 'hostile', 'large'] as const)(
    "%s: built twice from one snapshot, the same graph, every mesh's node objects kept",
    (scenario) => {
      const snapshot = snapshotOf(scenario);
      const sections: MeshSections = new Map();
      const first = buildTopology(snapshot, { sections });
      const again = buildTopology(anew(snapshot), { sections });
      expect(again).toEqual(first);
      expect(again).toEqual(buildTopology(snapshot));
      // Every mesh's nodes (the client and the edge Kong Gateway are made on each build).
      const inMeshes = (graph: TopologyGraph) => graph.nodes.filter((node) => 'mesh' in node);
      expect(inMeshes(again).length).toBeGreaterThan(5);
      for (const [index, node] of inMeshes(again).entries())
        expect(node).toBe(inMeshes(first)[index]);
    },
  );

  it('forgets meshes that are gone, and works out a mesh that comes back', () => {
    const snapshot = snapshotOf('mixed');
    const sections: MeshSections = new Map();
    buildTopology(snapshot, { sections });
    const without = { meshes: snapshot.meshes.filter((mesh) => mesh.mesh.name !== 'legacy') };
    expect(buildTopology(without, { sections })).toEqual(buildTopology(without));
    expect([...sections.keys()].sort()).toEqual(['default', 'payments']);
    expect(buildTopology(snapshot, { sections })).toEqual(buildTopology(snapshot));
  });
});
