import { describe, expect, it } from 'vitest';
import type { MeshInsight } from '../../kuma/types';
import type { MeshNode, TopologyGraph } from '../../topology/types';
import { withMeshInsights } from './mesh-insight-counts';

const mesh = (name: string): MeshNode => ({
  id: `mesh:${name}`,
  kind: 'mesh',
  label: `${name} service mesh`,
  mesh: name,
  mtls: true,
  zones: [],
  health: 'online',
  counts: { services: 2, dataplanes: 2, online: 2, gateways: 1 },
});

const insight = (
  total: number,
  online: number,
  offline: number,
  services: number,
): MeshInsight => ({
  type: 'MeshInsight',
  name: 'x',
  creationTime: '',
  modificationTime: '',
  dataplanes: { total, online, offline, partiallyDegraded: total - online - offline },
  dataplanesByType: {},
  services: { total: services },
});

const graph: TopologyGraph = { nodes: [mesh('big'), mesh('small')], edges: [], zones: [] };

describe('withMeshInsights', () => {
  it('counts a mesh without loaded details from its insight', () => {
    const patched = withMeshInsights(
      graph,
      new Map([
        ['big', insight(504, 480, 13, 50)],
        ['small', insight(2, 2, 0, 1)],
      ]),
      new Set(['small']),
    );
    expect(patched.nodes[0]).toMatchObject({
      health: 'degraded',
      counts: { services: 50, dataplanes: 504, online: 491, gateways: 1 },
    });
    // A loaded mesh whose insight agrees with the model: the same node.
    expect(patched.nodes[1]).toBe(graph.nodes[1]);
  });

  it('takes dataplane counts and health of a loaded mesh from its insight, keeping its drawn services', () => {
    const patched = withMeshInsights(
      graph,
      new Map([['big', insight(4, 1, 3, 50)]]),
      new Set(['big']),
    );
    expect(patched.nodes[0]).toMatchObject({
      health: 'degraded',
      counts: { services: 2, dataplanes: 4, online: 1, gateways: 1 },
    });
  });

  it.each([
    [insight(0, 0, 0, 0), 'unknown'],
    [insight(4, 4, 0, 1), 'online'],
    [insight(4, 0, 4, 1), 'offline'],
  ] as const)('derives the health from the counts (%#)', (counts, health) => {
    const patched = withMeshInsights(graph, new Map([['big', counts]]), new Set());
    expect(patched.nodes[0]).toMatchObject({ health });
  });

  it('leaves the graph alone without insights', () => {
    expect(withMeshInsights(graph, new Map(), new Set())).toBe(graph);
  });
});
