import { describe, expect, it } from 'vitest';
import type { GatewayNode } from '../types';
import { addClientAndEdge, addEdgeGatewayLinks, frontable } from './entry-links';
import { GraphBuilder } from './graph-builder';

const gateway = (
  id: string,
  gatewayKind: 'builtin' | 'delegated',
  crossMeshOnly = false,
): GatewayNode => ({
  id,
  kind: 'gateway',
  label: id,
  mesh: 'm',
  gatewayKind,
  name: id,
  displayName: id,
  listeners:
    gatewayKind === 'builtin'
      ? [
          {
            index: 0,
            port: 80,
            protocol: 'HTTP',
            hostname: '*',
            crossMesh: crossMeshOnly,
            routes: 1,
          },
        ]
      : [],
  instances: [],
  health: 'online',
  zones: [],
  crossMesh: crossMeshOnly,
});

describe('the edge Kong Gateway', () => {
  it.each([
    {
      why: 'by default it fronts a built-in gateway with a listener',
      node: gateway('g', 'builtin'),
      fronts: undefined,
      linked: true,
    },
    {
      why: 'not one whose listeners are all cross-mesh',
      node: gateway('g', 'builtin', true),
      fronts: undefined,
      linked: false,
    },
    {
      why: 'a delegated gateway by default',
      node: gateway('d', 'delegated'),
      fronts: undefined,
      linked: true,
    },
    {
      why: 'only what the user declared',
      node: gateway('g', 'builtin'),
      fronts: new Set(['other']),
      linked: false,
    },
    {
      why: 'even cross-mesh only, when declared',
      node: gateway('g', 'builtin', true),
      fronts: new Set(['g']),
      linked: true,
    },
  ])('$why', ({ node, fronts, linked }) => {
    const graph = new GraphBuilder();
    addClientAndEdge(graph);
    addEdgeGatewayLinks(graph, [node], fronts);
    expect(graph.edges.has(`edge-gateway:edge->${node.id}`)).toBe(linked);
    expect(graph.edges.has('client-edge:client->edge')).toBe(true);
    expect(frontable(node)).toBe(!node.crossMesh);
  });
});
