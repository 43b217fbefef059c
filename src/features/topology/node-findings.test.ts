import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../../demo-cp/src/options';
import { loadScenario } from '../../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../../demo-cp/src/snapshot';
import { World } from '../../../demo-cp/src/world';
import { diagnoseMesh, type Finding } from '../../diagnosis';
import { sidecarResolver } from '../../topology/traffic-paths';
import { edgeId, gatewayId, type TopologyGraph, type TopologyNode } from '../../topology/types';
import { findingsByNode, panelFindings } from './node-findings';

const finding = (severity: Finding['severity'], title: string, nodeIds: string[]) =>
  ({ severity, title, nodeIds }) as Finding;

describe('findingsByNode', () => {
  it('keeps the worst severity, counts, titles and the findings worst first per node', () => {
    const a = finding('info', 'a', ['gw']);
    const b = finding('error', 'b', ['gw', 'svc']);
    const c = finding('warning', 'c', ['svc']);
    const byNode = findingsByNode([a, b, c]);
    expect(byNode.get('gw')).toEqual({
      severity: 'error',
      count: 2,
      titles: ['a', 'b'],
      findings: [b, a],
    });
    expect(byNode.get('svc')).toEqual({
      severity: 'error',
      count: 2,
      titles: ['b', 'c'],
      findings: [b, c],
    });
    expect(byNode.has('other')).toBe(false);
  });

  it('lists a service with the findings of its sidecars, worst first, each once', () => {
    const onSidecar = { ...finding('error', 'denied', ['sidecar:m/orders']), id: 'x' };
    const onBoth = {
      ...finding('warning', 'slow', ['service:m/orders', 'sidecar:m/orders']),
      id: 'y',
    };
    const elsewhere = { ...finding('error', 'other', ['sidecar:m/other']), id: 'z' };
    const byNode = findingsByNode([onBoth, onSidecar, elsewhere]);
    const service = { kind: 'service', id: 'service:m/orders', mesh: 'm', service: 'orders' };
    expect(panelFindings(byNode, service as TopologyNode)).toEqual([onSidecar, onBoth]);
    const sidecar = { kind: 'sidecar', id: 'sidecar:m/orders', mesh: 'm', service: 'orders' };
    expect(panelFindings(byNode, sidecar as TopologyNode)).toEqual([onSidecar, onBoth]);
    expect(panelFindings(byNode, undefined)).toEqual([]);
  });

  it.each([
    {
      why: "a rule naming the sidecar of a service served by another service's dataplanes",
      nodeIds: ['sidecar:m/admin'],
      badged: ['sidecar:m/api'],
    },
    { why: 'a drawn node keeps its badge', nodeIds: ['sidecar:m/api'], badged: ['sidecar:m/api'] },
    {
      why: 'both names of one sidecar badge it once',
      nodeIds: ['sidecar:m/api', 'sidecar:m/admin'],
      badged: ['sidecar:m/api'],
    },
    { why: 'a node not on the graph badges nothing', nodeIds: ['gateway:x'], badged: [] },
  ])('resolves finding ids onto the graph: $why', ({ nodeIds, badged }) => {
    const graph: TopologyGraph = {
      nodes: [
        {
          id: 'service:m/api',
          kind: 'service',
          label: 'api',
          mesh: 'm',
          service: 'api',
          health: 'online',
        },
        {
          id: 'service:m/admin',
          kind: 'service',
          label: 'admin',
          mesh: 'm',
          service: 'admin',
          health: 'online',
        },
        {
          id: 'sidecar:m/api',
          kind: 'sidecar',
          label: 'KUMA-DP',
          mesh: 'm',
          service: 'api',
          services: ['api', 'admin'],
          dataplanes: [],
          health: 'online',
          zones: [],
        },
      ],
      edges: [
        ['service:m/api', 'sidecar:m/api'],
        ['service:m/admin', 'sidecar:m/api'],
      ].map(([source = '', target = '']) => ({
        id: edgeId('service-sidecar', source, target),
        source,
        target,
        kind: 'unmanaged',
        origin: 'configured',
        relation: 'service-sidecar',
        bidirectional: false,
      })),
      zones: [],
    };
    const one = finding('error', 'denied', nodeIds);
    const byNode = findingsByNode([one], sidecarResolver(graph));
    expect([...byNode.keys()]).toEqual(badged);
    for (const id of badged) expect(byNode.get(id)?.count).toBe(1);
    // The service served by that sidecar lists it in the panel.
    const admin = graph.nodes[1];
    expect(panelFindings(byNode, admin, ['sidecar:m/api'])).toEqual(badged.length ? [one] : []);
  });

  it('badges the gateway kuma-cp cannot build (legacy-gateway of mixed) with an error', () => {
    const world = new World({ ...DEFAULT_OPTIONS, startTime: 0 });
    loadScenario(world, 'mixed');
    world.tick();
    const byNode = findingsByNode(diagnoseMesh(controlPlaneSnapshot(world), 'legacy'));
    const badge = byNode.get(gatewayId('legacy', 'builtin', 'legacy-gateway'));
    expect(badge?.severity).toBe('error');
    expect(badge?.titles).toContain(
      'kuma-cp cannot build MeshGateway "legacy-gateway": HTTP port 8090 has no route',
    );
  });
});
