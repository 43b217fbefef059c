import { describe, expect, it } from 'vitest';
import type { Layout } from './layout';
import { toReactFlow } from './to-react-flow';
import type { TopologyEdge, TopologyNode } from './types';

const box = { x: 0, y: 0, width: 10, height: 10 };
const nodes: TopologyNode[] = [
  { id: 'edge', kind: 'edge', label: 'Kong Gateway' },
  { id: 'group:m/web', kind: 'call-group', label: '', mesh: 'm' },
  {
    id: 'service:m/web',
    kind: 'service',
    label: 'web',
    parent: 'group:m/web',
    mesh: 'm',
    service: 'web',
    health: 'online',
  },
  {
    id: 'sidecar:m/web',
    kind: 'sidecar',
    label: 'KUMA-DP',
    parent: 'group:m/web',
    mesh: 'm',
    service: 'web',
    services: ['web'],
    dataplanes: [],
    health: 'online',
    zones: [],
  },
  {
    id: 'sidecar:m/api',
    kind: 'sidecar',
    label: 'KUMA-DP',
    mesh: 'm',
    service: 'api',
    services: ['api'],
    dataplanes: [],
    health: 'online',
    zones: [],
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
  bidirectional: false,
});
const layout: Layout = new Map(nodes.map((node) => [node.id, box]));

describe('toReactFlow: where links are drawn to', () => {
  it.each([
    [
      'a gateway to a service: to its service box, which sits left of its sidecar',
      edge('edge', 'service:m/web', 'gateway-service'),
      'service:m/web',
    ],
    [
      'a service to the sidecar serving it: unchanged',
      edge('service:m/web', 'sidecar:m/web', 'service-sidecar'),
      'sidecar:m/web',
    ],
    [
      'a call between sidecars: unchanged',
      edge('sidecar:m/api', 'sidecar:m/web', 'sidecar-sidecar'),
      'sidecar:m/web',
    ],
  ])('%s', (_why, modelEdge, drawn) => {
    const flow = toReactFlow(nodes, [modelEdge], layout, { expandedSidecars: new Set() });
    expect(flow.edges[0]?.target).toBe(drawn);
    // The model's edge is kept as it is: the side panel and the trace read it.
    expect(flow.edges[0]?.data?.edge.target).toBe(modelEdge.target);
  });

  it('dims a link with a node it touches on screen, and a group with nothing lit inside', () => {
    const flow = toReactFlow(nodes, [edge('edge', 'service:m/web', 'gateway-service')], layout, {
      expandedSidecars: new Set(),
      highlight: { nodes: new Set(['edge']), edges: new Set() },
    });
    expect(flow.edges[0]?.data?.dimmed).toBe(true);
    expect(flow.nodes.find((node) => node.id === 'group:m/web')?.data.dimmed).toBe(true);
    const lit = toReactFlow(nodes, [], layout, {
      expandedSidecars: new Set(),
      highlight: { nodes: new Set(['service:m/web']), edges: new Set() },
    });
    expect(lit.nodes.find((node) => node.id === 'group:m/web')?.data.dimmed).toBe(false);
  });
});
