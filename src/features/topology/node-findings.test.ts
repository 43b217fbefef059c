import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../../demo-cp/src/options';
import { loadScenario } from '../../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../../demo-cp/src/snapshot';
import { World } from '../../../demo-cp/src/world';
import { diagnoseMesh, type Finding } from '../../diagnosis';
import { gatewayId } from '../../topology/types';
import { findingsByNode } from './node-findings';

const finding = (severity: Finding['severity'], title: string, nodeIds: string[]) =>
  ({ severity, title, nodeIds }) as Finding;

describe('findingsByNode', () => {
  it('keeps the worst severity, counts and titles per node', () => {
    const byNode = findingsByNode([
      finding('info', 'a', ['gw']),
      finding('error', 'b', ['gw', 'svc']),
      finding('warning', 'c', ['svc']),
    ]);
    expect(byNode.get('gw')).toEqual({ severity: 'error', count: 2, titles: ['a', 'b'] });
    expect(byNode.get('svc')).toEqual({ severity: 'error', count: 2, titles: ['b', 'c'] });
    expect(byNode.has('other')).toBe(false);
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
