import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../../demo-cp/src/options';
import { loadScenario } from '../../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../../demo-cp/src/snapshot';
import { World } from '../../../demo-cp/src/world';
import { buildTopology } from '../../topology/build-topology';
import type { Layout } from '../../topology/layout';
import { toReactFlow } from '../../topology/to-react-flow';
import { createDetailCache, hideMeshDetail } from './mesh-detail';

function docsFlow() {
  const world = new World({ ...DEFAULT_OPTIONS, scenario: 'docs-builtin', startTime: 0 });
  loadScenario(world, 'docs-builtin');
  world.tick();
  const graph = buildTopology(controlPlaneSnapshot(world));
  const layout: Layout = new Map(
    graph.nodes.map((node, index) => [node.id, { x: index, y: index, width: 10, height: 10 }]),
  );
  return toReactFlow(graph.nodes, graph.edges, layout, { expandedSidecars: new Set() });
}

describe('hideMeshDetail', () => {
  it('hides services, sidecars, call groups and their edges; keeps meshes, gateways, the edge', () => {
    const flow = docsFlow();
    const { nodes, edges, hiddenServices } = hideMeshDetail(
      flow.nodes,
      flow.edges,
      createDetailCache(),
    );
    const kindOf = new Map(flow.nodes.map((node) => [node.id, node.data.node.kind]));
    for (const node of nodes) {
      const inside = ['service', 'sidecar', 'call-group'].includes(node.data.node.kind);
      expect(Boolean(node.hidden), `${node.id}`).toBe(inside);
      // Positions and sizes are kept: nothing moves when the detail comes back.
      const original = flow.nodes.find((candidate) => candidate.id === node.id);
      expect(node.position).toEqual(original?.position);
    }
    expect(hiddenServices).toBe(flow.nodes.filter((n) => n.data.node.kind === 'service').length);
    expect(hiddenServices).toBeGreaterThan(0);
    for (const edge of edges) {
      const touchesDetail = [edge.source, edge.target].some((id) =>
        ['service', 'sidecar', 'call-group'].includes(kindOf.get(id) ?? ''),
      );
      expect(Boolean(edge.hidden), edge.id).toBe(touchesDetail);
    }
    expect(edges.some((edge) => !edge.hidden)).toBe(true);
    expect(nodes.some((node) => node.data.node.kind === 'gateway' && !node.hidden)).toBe(true);
  });

  it('gives the same hidden object for the same node object (React Flow sees no change)', () => {
    const flow = docsFlow();
    const cache = createDetailCache();
    const first = hideMeshDetail(flow.nodes, flow.edges, cache);
    const second = hideMeshDetail([...flow.nodes], [...flow.edges], cache);
    for (const [index, node] of second.nodes.entries()) expect(node).toBe(first.nodes[index]);
    for (const [index, edge] of second.edges.entries()) expect(edge).toBe(first.edges[index]);
    // A node object that changed (a refresh with new data) gets a new copy.
    const changed = flow.nodes.map((node) => ({ ...node }));
    const third = hideMeshDetail(changed, flow.edges, cache);
    const index = third.nodes.findIndex((node) => node.hidden);
    expect(third.nodes[index]).not.toBe(first.nodes[index]);
  });
});
