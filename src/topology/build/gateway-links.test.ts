import { describe, expect, it } from 'vitest';
import type { GatewayNode } from '../types';
import { addGatewayServiceLinks, type GatewayBackends } from './gateway-links';
import { GraphBuilder } from './graph-builder';

const node = { id: 'gw', kind: 'gateway', mesh: 'm' } as GatewayNode;
const via = (name: string) => ({ type: 'MeshHTTPRoute', mesh: 'm', name });

describe('gateway → service links', () => {
  it.each([
    {
      why: 'one link per service, ending at the service, keyed by its rate',
      backends: [{ service: 'web', via: via('r1') }],
      edges: [
        {
          id: 'gateway-service:gw->service:m/web',
          target: 'service:m/web',
          trafficKeys: ['gw -> web'],
        },
      ],
    },
    {
      why: 'two routes to one service: one link naming both',
      backends: [
        { service: 'web', via: via('r1') },
        { service: 'web', via: via('r2') },
      ],
      edges: [{ id: 'gateway-service:gw->service:m/web', via: [via('r1'), via('r2')] }],
    },
    {
      why: 'a service the mesh does not have: no link',
      backends: [{ service: 'gone', via: via('r1') }],
      edges: [],
    },
  ])('$why', ({ backends, edges }) => {
    const graph = new GraphBuilder();
    const gateways: GatewayBackends[] = [{ node, services: backends }];
    addGatewayServiceLinks(graph, 'm', gateways, (service) => service !== 'gone');
    expect([...graph.edges.values()]).toMatchObject(edges);
  });
});
