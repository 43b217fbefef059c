import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../demo-cp/src/options';
import { loadScenario } from '../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../demo-cp/src/snapshot';
import { World } from '../../demo-cp/src/world';
import { buildTopology } from './build-topology';
import { findMatches, pathsThrough, tracedOnGraph } from './traffic-paths';
import type { TopologyEdge, TopologyGraph, TopologyNode } from './types';
import { collapseMeshes } from './view';

// Two meshes: a gateway to web, web calls api; a delegated gateway in each mesh, peered.
//   client → edge → gw-a → service:a/web → sidecar:a/web → sidecar:a/api  (service:a/x → sidecar:a/x)
//                 → gw-b → service:b/shop
//   service:a/admin → sidecar:a/api (api-1 serves api and admin: one sidecar)
//   dg-a ↔ dg-b (delegated peers)
const health = 'online' as const;
const nodes: TopologyNode[] = [
  { id: 'client', kind: 'client', label: 'Client' },
  { id: 'edge', kind: 'edge', label: 'Kong Gateway' },
  ...(['a', 'b'] as const).map(
    (mesh): TopologyNode => ({
      id: `mesh:${mesh}`,
      kind: 'mesh',
      label: `${mesh} service mesh`,
      mesh,
      mtls: true,
      zones: [],
      health,
      counts: { services: 1, dataplanes: 1, online: 1, gateways: 1 },
    }),
  ),
  ...(
    [
      ['a', 'gw-a', 'builtin', 'api.example.com'],
      ['b', 'gw-b', 'builtin', 'shop.example.com'],
      ['a', 'dg-a', 'delegated', ''],
      ['b', 'dg-b', 'delegated', ''],
    ] as const
  ).map(
    ([mesh, name, gatewayKind, hostname]): TopologyNode => ({
      id: name,
      kind: 'gateway',
      label: name,
      parent: `mesh:${mesh}`,
      mesh,
      gatewayKind,
      name,
      displayName: name,
      listeners: hostname
        ? [{ index: 0, port: 80, protocol: 'HTTP', hostname, crossMesh: false, routes: 1 }]
        : [],
      instances: [],
      health,
      zones: [],
      crossMesh: false,
    }),
  ),
  { id: 'group:a/web', kind: 'call-group', label: '', parent: 'mesh:a', mesh: 'a' },
  { id: 'group:b/shop', kind: 'call-group', label: '', parent: 'mesh:b', mesh: 'b' },
  ...(
    [
      ['a', 'web', 'web-1'],
      ['a', 'api', 'api-1'],
      ['b', 'shop', 'shop-1'],
    ] as const
  ).flatMap(([mesh, service, dataplane]): TopologyNode[] => [
    {
      id: `service:${mesh}/${service}`,
      kind: 'service',
      label: service,
      parent: mesh === 'a' ? 'group:a/web' : 'group:b/shop',
      mesh,
      service,
      health,
    },
    {
      id: `sidecar:${mesh}/${service}`,
      kind: 'sidecar',
      label: 'KUMA-DP',
      parent: mesh === 'a' ? 'group:a/web' : 'group:b/shop',
      mesh,
      service,
      services: service === 'api' ? ['api', 'admin'] : [service],
      health,
      zones: [],
      dataplanes: [{ mesh, name: dataplane, displayName: dataplane, status: 'online' as const }],
    },
  ]),
  {
    id: 'service:a/admin',
    kind: 'service',
    label: 'admin',
    parent: 'group:a/web',
    mesh: 'a',
    service: 'admin',
    health,
  },
];
const edge = (
  source: string,
  target: string,
  relation: TopologyEdge['relation'],
): TopologyEdge => ({
  id: `${source}->${target}`,
  source,
  target,
  relation,
  kind: 'managed',
  origin: 'configured',
  bidirectional: relation === 'delegated-peers',
});
const edges: TopologyEdge[] = [
  edge('client', 'edge', 'client-edge'),
  edge('edge', 'gw-a', 'edge-gateway'),
  edge('edge', 'gw-b', 'edge-gateway'),
  edge('edge', 'dg-a', 'edge-gateway'),
  edge('gw-a', 'service:a/web', 'gateway-service'),
  edge('gw-b', 'service:b/shop', 'gateway-service'),
  edge('service:a/admin', 'sidecar:a/api', 'service-sidecar'),
  edge('service:a/web', 'sidecar:a/web', 'service-sidecar'),
  edge('service:a/api', 'sidecar:a/api', 'service-sidecar'),
  edge('service:b/shop', 'sidecar:b/shop', 'service-sidecar'),
  edge('sidecar:a/web', 'sidecar:a/api', 'sidecar-sidecar'),
  edge('dg-a', 'dg-b', 'delegated-peers'),
];
const graph: TopologyGraph = { nodes, edges, zones: [] };
const sorted = (ids: Iterable<string>) => [...ids].sort();

describe('pathsThrough', () => {
  it.each([
    {
      seed: 'service:a/api',
      why: 'a called service: its caller, the gateway, the edge and the client',
      nodes: [
        'client',
        'edge',
        'gw-a',
        'mesh:a',
        'group:a/web',
        'service:a/web',
        'sidecar:a/web',
        'service:a/api',
        'sidecar:a/api',
        // api-1 also serves admin: the one sidecar brings both its services.
        'service:a/admin',
      ],
      edges: [
        'client->edge',
        'edge->gw-a',
        'gw-a->service:a/web',
        'service:a/web->sidecar:a/web',
        'service:a/api->sidecar:a/api',
        'service:a/admin->sidecar:a/api',
        'sidecar:a/web->sidecar:a/api',
      ],
    },
    {
      seed: 'service:a/admin',
      why: "a service served by another service's sidecar: lit through that one sidecar",
      nodes: [
        'client',
        'edge',
        'gw-a',
        'mesh:a',
        'group:a/web',
        'service:a/web',
        'sidecar:a/web',
        'service:a/api',
        'sidecar:a/api',
        'service:a/admin',
      ],
      edges: [
        'client->edge',
        'edge->gw-a',
        'gw-a->service:a/web',
        'service:a/web->sidecar:a/web',
        'service:a/api->sidecar:a/api',
        'service:a/admin->sidecar:a/api',
        'sidecar:a/web->sidecar:a/api',
      ],
    },
    {
      seed: 'gw-b',
      why: 'a gateway: upstream to the client, downstream to its service',
      nodes: [
        'client',
        'edge',
        'gw-b',
        'mesh:b',
        'group:b/shop',
        'service:b/shop',
        'sidecar:b/shop',
      ],
      edges: [
        'client->edge',
        'edge->gw-b',
        'gw-b->service:b/shop',
        'service:b/shop->sidecar:b/shop',
      ],
    },
    {
      seed: 'dg-a',
      why: 'a delegated gateway: its peer link lit, not followed into the other mesh',
      nodes: ['client', 'edge', 'dg-a', 'mesh:a', 'dg-b', 'mesh:b'],
      edges: ['client->edge', 'edge->dg-a', 'dg-a->dg-b'],
    },
    {
      seed: 'group:b/shop',
      why: 'a call group stands for its members',
      nodes: [
        'client',
        'edge',
        'gw-b',
        'mesh:b',
        'group:b/shop',
        'service:b/shop',
        'sidecar:b/shop',
      ],
      edges: [
        'client->edge',
        'edge->gw-b',
        'gw-b->service:b/shop',
        'service:b/shop->sidecar:b/shop',
      ],
    },
    { seed: 'nowhere', why: 'an unknown id lights nothing', nodes: [], edges: [] },
  ])('$seed: $why', ({ seed, nodes: expectedNodes, edges: expectedEdges }) => {
    const paths = pathsThrough(graph, [seed]);
    expect(sorted(paths.nodes)).toEqual(sorted(expectedNodes));
    expect(sorted(paths.edges)).toEqual(sorted(expectedEdges));
  });

  it('lights everything downstream of the client', () => {
    const paths = pathsThrough(graph, ['client']);
    expect(sorted(paths.nodes)).toEqual(
      sorted(graph.nodes.filter((node) => node.id !== 'dg-b').map((node) => node.id)),
    );
  });
});

describe('findMatches', () => {
  it.each([
    [
      'api',
      ['service:a/api', 'sidecar:a/api', 'gw-a'],
      'service name, and the hostname api.example.com',
    ],
    ['SHOP.example', ['gw-b'], 'a hostname, case-insensitive'],
    ['web-1', ['sidecar:a/web'], 'a dataplane name'],
    ['dg-', ['dg-a', 'dg-b'], 'gateway names'],
    ['Kong', [], 'the edge is on every path, not a match'],
    ['  ', [], 'blank text finds nothing'],
  ])('%j → %j (%s)', (text, expected) => {
    expect(sorted(findMatches(graph, graph, text))).toEqual(sorted(expected));
  });

  it('finds a member of a collapsed mesh through the summary node', () => {
    const view = collapseMeshes(graph, new Set(['b']));
    expect(sorted(findMatches(view, graph, 'shop'))).toEqual(['mesh:b']);
    expect(sorted(findMatches(view, graph, 'b'))).toContain('mesh:b');
  });
});

describe('Find on a demo scenario keeps the whole path', () => {
  it.each(['docs-builtin', 'docs-delegated', 'mixed'] as const)(
    '%s: every matched service is reached from the client through the edge and a gateway',
    (scenario) => {
      const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, scenario });
      loadScenario(world, scenario);
      world.tick();
      const model = buildTopology(controlPlaneSnapshot(world));
      const service = model.nodes.find(
        (node) =>
          node.kind === 'service' &&
          model.edges.some((e) => e.relation === 'gateway-service' && e.target === node.id),
      );
      expect(service).toBeDefined();
      if (service?.kind !== 'service') return;
      const paths = pathsThrough(model, findMatches(model, model, service.service));
      expect(paths.nodes.has('client')).toBe(true);
      expect(paths.nodes.has('edge')).toBe(true);
      const lit = model.edges.filter((e) => paths.edges.has(e.id));
      expect(lit.some((e) => e.relation === 'client-edge')).toBe(true);
      expect(lit.some((e) => e.relation === 'edge-gateway')).toBe(true);
      expect(lit.some((e) => e.relation === 'gateway-service' && e.target === service.id)).toBe(
        true,
      );
      // Not everything: some gateway or service of the scenario stays dimmed.
      expect(paths.nodes.size).toBeLessThan(model.nodes.length);
    },
  );
});

describe('tracedOnGraph', () => {
  it.each([
    {
      why: 'a trace to admin names sidecar:a/admin, which is drawn as the api sidecar',
      path: {
        nodes: ['gw-a', 'service:a/admin', 'sidecar:a/admin'],
        edges: ['gw-a->service:a/admin', 'service:a/admin->sidecar:a/admin'],
      },
      nodes: ['gw-a', 'service:a/admin', 'sidecar:a/api'],
      edges: ['service:a/admin->sidecar:a/api'],
    },
    {
      why: 'a trace to web keeps its own sidecar and link',
      path: {
        nodes: ['gw-a', 'service:a/web', 'sidecar:a/web'],
        edges: ['gw-a->service:a/web', 'service:a/web->sidecar:a/web'],
      },
      nodes: ['gw-a', 'service:a/web', 'sidecar:a/web'],
      edges: ['gw-a->service:a/web', 'service:a/web->sidecar:a/web'],
    },
  ])('$why', ({ path, nodes: expectedNodes, edges: expectedEdges }) => {
    const lit = tracedOnGraph(graph, { nodes: new Set(path.nodes), edges: new Set(path.edges) });
    expect(sorted(lit.nodes)).toEqual(sorted(expectedNodes));
    expect(sorted(lit.edges)).toEqual(sorted(expectedEdges));
  });
});
