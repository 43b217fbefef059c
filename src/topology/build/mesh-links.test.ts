import { describe, expect, it } from 'vitest';
import type { GatewayNode } from '../types';
import { GraphBuilder } from './graph-builder';
import { addCrossMeshLinks, addDelegatedPeerLinks, type DrawnMesh } from './mesh-links';

const gateway = (mesh: string, name: string, kind: 'builtin' | 'delegated', crossMesh = false) =>
  ({ id: `${kind}:${mesh}/${name}`, mesh, name, gatewayKind: kind, crossMesh }) as GatewayNode;

function mesh(
  name: string,
  mtls: boolean,
  builtin: GatewayNode[],
  delegated: GatewayNode[] = [],
): DrawnMesh {
  return { name, mtls, builtin, delegated };
}

describe('links between meshes', () => {
  it.each([
    {
      why: "the docs' two meshes: one two-way cross-mesh link between their built-in gateways",
      meshes: [
        mesh('a', true, [gateway('a', 'gw', 'builtin', true)]),
        mesh('b', true, [gateway('b', 'gw', 'builtin', true)]),
      ],
      edges: ['cross-mesh:builtin:b/gw->builtin:a/gw'],
    },
    {
      why: 'no link from a mesh without mTLS',
      meshes: [
        mesh('a', true, [gateway('a', 'gw', 'builtin', true)]),
        mesh('b', false, [gateway('b', 'gw', 'builtin')]),
      ],
      edges: [],
    },
    {
      why: 'from the mesh itself when it has two built-in gateways',
      meshes: [
        mesh('a', true, [gateway('a', 'gw', 'builtin', true)]),
        mesh('b', true, [gateway('b', 'one', 'builtin'), gateway('b', 'two', 'builtin')]),
      ],
      edges: ['cross-mesh:mesh:b->builtin:a/gw'],
    },
    {
      why: 'delegated gateways of two meshes: one plain two-way link',
      meshes: [
        mesh('a', false, [], [gateway('a', 'kong', 'delegated')]),
        mesh('b', false, [], [gateway('b', 'kong', 'delegated')]),
      ],
      edges: ['delegated-peers:delegated:a/kong->delegated:b/kong'],
    },
    {
      why: 'five meshes with delegated gateways: named in words, not drawn',
      meshes: ['a', 'b', 'c', 'd', 'e'].map((name) =>
        mesh(name, false, [], [gateway(name, 'kong', 'delegated')]),
      ),
      edges: [],
    },
  ])('$why', ({ meshes, edges }) => {
    const graph = new GraphBuilder();
    addCrossMeshLinks(graph, meshes);
    addDelegatedPeerLinks(graph, meshes);
    expect([...graph.edges.keys()]).toEqual(edges);
  });
});
