import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../../demo-cp/src/options';
import { loadScenario } from '../../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../../demo-cp/src/snapshot';
import { World } from '../../../demo-cp/src/world';
import { buildTopology } from '../../topology/build-topology';
import type { Layout } from '../../topology/layout';
import { toReactFlow } from '../../topology/to-react-flow';
import { LATERAL_HANDLES, layoutGraph, orientEdges } from './layout-graph';

function docsGraph() {
  const world = new World({ ...DEFAULT_OPTIONS, scenario: 'docs-builtin', startTime: 0 });
  loadScenario(world, 'docs-builtin');
  world.tick();
  return buildTopology(controlPlaneSnapshot(world));
}

describe('layoutGraph', () => {
  const graph = docsGraph();
  const laid = layoutGraph(graph);

  it('keeps every node and leaves links between meshes out of the layering', () => {
    expect(laid.nodes).toBe(graph.nodes);
    expect(graph.edges.some((edge) => edge.relation === 'cross-mesh')).toBe(true);
    expect(laid.edges.some((edge) => edge.relation === 'cross-mesh')).toBe(false);
    expect(laid.edges).toHaveLength(graph.edges.length - 1);
  });

  it('puts a called service right of its sidecar, a calling one left of it', () => {
    const pair = (service: string) =>
      laid.edges.find(
        (edge) => edge.relation === 'service-sidecar' && edge.id.includes(`team-1/${service}->`),
      );
    expect(pair('frontend')).toMatchObject({
      source: 'service:team-1/frontend',
      target: 'sidecar:team-1/frontend',
    });
    expect(pair('backend')).toMatchObject({
      source: 'sidecar:team-1/backend',
      target: 'service:team-1/backend',
    });
  });
});

describe('orientEdges', () => {
  const graph = docsGraph();
  // A hand-made layout: team-1 above team-2, everything else at the origin of its parent.
  const layout: Layout = new Map(
    graph.nodes.map((node) => [
      node.id,
      {
        x: node.id === 'service:team-1/backend' ? 300 : 0,
        y: node.id === 'mesh:team-2' ? 400 : 0,
        width: 10,
        height: 10,
      },
    ]),
  );
  const flow = toReactFlow(graph.nodes, graph.edges, layout, { expandedSidecars: new Set() });
  const oriented = orientEdges(flow.nodes, flow.edges);
  const byId = new Map(oriented.map((edge) => [edge.id, edge]));

  it('joins stacked gateways top to bottom', () => {
    const cross = oriented.find((edge) => edge.data?.edge.relation === 'cross-mesh');
    // team-2's gateway (below, through its mesh's offset) calls team-1's (above).
    expect(cross).toMatchObject({
      source: 'gateway:builtin:team-2/team-2-gateway',
      sourceHandle: LATERAL_HANDLES.top,
      targetHandle: LATERAL_HANDLES.bottom,
    });
  });

  it('draws an open service–sidecar line from whichever is on the left', () => {
    const right = byId.get('service-sidecar:service:team-1/backend->sidecar:team-1/backend');
    expect(right).toMatchObject({
      source: 'sidecar:team-1/backend',
      target: 'service:team-1/backend',
    });
    const left = byId.get('service-sidecar:service:team-1/frontend->sidecar:team-1/frontend');
    expect(left).toMatchObject({ source: 'service:team-1/frontend' });
  });

  it('leaves other edges as they are', () => {
    const edge = flow.edges.find((candidate) => candidate.data?.edge.relation === 'edge-gateway');
    expect(edge && byId.get(edge.id)).toBe(edge);
  });
});
