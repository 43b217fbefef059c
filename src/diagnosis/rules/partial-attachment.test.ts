import { describe, expect, it } from 'vitest';
import type { MeshSnapshot } from '../../kuma/snapshot';
import { builtinGatewayDp, httpRoute, prefixRule } from '../../traffic/test-fixtures';
import { findingsOf, healthyMesh } from '../test-fixtures';

/** The healthy mesh with its gateway's proxies in the given zones and a route for `zone`. */
function zoned(zones: string[], routeZone: string): MeshSnapshot {
  const mesh = healthyMesh();
  mesh.dataplanes = [
    ...zones.map((zone, index) =>
      builtinGatewayDp(`edge-gateway-${index + 1}`, {
        'kuma.io/service': 'edge-gateway',
        'kuma.io/zone': zone,
      }),
    ),
    ...mesh.dataplanes.filter((dp) => !dp.dataplane.networking.gateway),
  ];
  mesh.httpRoutes.push(
    httpRoute('pinned', {
      targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { 'kuma.io/zone': routeZone } },
      to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/pinned', 'backend')] }],
    }),
  );
  return mesh;
}

describe('route-on-some-instances', () => {
  it.each([
    [
      'instances in two zones, a route for one of them',
      ['east', 'west'],
      'east',
      ['edge-gateway-2'],
    ],
    ['every instance in the route zone', ['east', 'east'], 'east', undefined],
    ['a route for any zone', ['east', 'west'], '*', undefined],
    ['one instance', ['east'], 'east', undefined],
  ])('%s', (_label, zones, routeZone, missing) => {
    const findings = findingsOf(zoned(zones, routeZone), 'route-on-some-instances');
    if (!missing) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      subject: { type: 'MeshHTTPRoute', mesh: 'default', name: 'pinned' },
      related: [{ type: 'MeshGateway', mesh: 'default', name: 'edge-gateway' }],
      // The fix is the route's targetRef tags: its form, under its gateway.
      fixAction: {
        kind: 'edit-route',
        mesh: 'default',
        name: 'pinned',
        routeKind: 'http',
        gateway: 'edge-gateway',
      },
    });
    expect(findings[0]?.symptom).toContain(missing.join(', '));
    expect(findings[0]?.evidence[0]).toMatch(/only on instance edge-gateway-1/);
  });
});
