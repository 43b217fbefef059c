import { describe, it } from 'vitest';
import type { MeshSnapshot } from '../../kuma/snapshot';
import type { DataplaneOutbound, MeshGatewayListener } from '../../kuma/types';
import { sidecarDp } from '../../traffic/test-fixtures';
import {
  expectFailing,
  expectHealthy,
  type FailingCase,
  type HealthyCase,
  healthyMesh,
} from '../test-fixtures';

const gateway = { type: 'MeshGateway', mesh: 'team-a', name: 'edge-gateway' };
const API: MeshGatewayListener = {
  port: 8080,
  protocol: 'HTTP',
  crossMesh: true,
  hostname: 'api.team-a.mesh',
};

/** §3 example: team-a exposes a cross-mesh listener, team-b has a client with `outbound`. */
function teams(listener: MeshGatewayListener = API, outbound?: DataplaneOutbound): MeshSnapshot[] {
  const teamA = healthyMesh({ mesh: 'team-a', listeners: [listener] });
  const client = sidecarDp('client-1', [{ service: 'client' }], { mesh: 'team-b' });
  if (outbound) client.dataplane.networking.outbound = [outbound];
  const teamB: MeshSnapshot = {
    ...healthyMesh({ mesh: 'team-b' }),
    gateways: [],
    httpRoutes: [],
    dataplanes: [client],
  };
  return [teamA, teamB];
}

const failing: FailingCase[] = [
  {
    name: 'a cross-mesh MeshGateway with two selectors',
    meshes: () => {
      const [teamA, teamB] = teams();
      const mgw = teamA?.gateways[0];
      if (mgw)
        mgw.selectors = [...(mgw.selectors ?? []), { match: { 'kuma.io/service': 'other' } }];
      return [teamA, teamB] as MeshSnapshot[];
    },
    rule: 'cross-mesh-unreachable',
    severity: 'error',
    subject: gateway,
    idEndsWith: ':selectors',
    evidence: ['Selectors: {kuma.io/service: edge-gateway}, {kuma.io/service: other}.'],
    symptom: /there can be at most one selector/,
  },
  {
    name: 'a wildcard hostname is published as internal.<gateway>.<mesh>.mesh',
    meshes: () => teams({ ...API, hostname: undefined }),
    rule: 'cross-mesh-unreachable',
    severity: 'info',
    subject: gateway,
    idEndsWith: ':listener-0',
    evidence: [/Kuma DNS publishes it as internal.edge-gateway.team-a.mesh:8080/],
  },
  {
    name: 'a TCP cross-mesh listener',
    meshes: () => teams({ ...API, protocol: 'TCP' }),
    rule: 'cross-mesh-unreachable',
    severity: 'warning',
    subject: gateway,
    evidence: [/is TCP: the validator accepts it, but cross-mesh listeners support HTTP only/],
    fixAction: { kind: 'edit-gateway', mesh: 'team-a', name: 'edge-gateway', listenerIndex: 0 },
  },
  {
    name: 'a client outbound to a gateway without a cross-mesh listener',
    meshes: () =>
      teams(
        { port: 8080, protocol: 'HTTP' },
        { port: 8080, tags: { 'kuma.io/service': 'edge-gateway', 'kuma.io/mesh': 'team-a' } },
      ),
    rule: 'cross-mesh-unreachable',
    severity: 'error',
    subject: { type: 'Dataplane', mesh: 'team-b', name: 'client-1' },
    idEndsWith: ':outbound-0',
    evidence: ['MeshGateway "edge-gateway" in mesh "team-a" has no crossMesh listener.'],
  },
  {
    name: 'a client outbound to a mesh that does not exist',
    meshes: () =>
      teams(API, { port: 8080, tags: { 'kuma.io/service': 'api', 'kuma.io/mesh': 'team-z' } }),
    rule: 'cross-mesh-unreachable',
    severity: 'error',
    subject: { type: 'Dataplane', mesh: 'team-b', name: 'client-1' },
    evidence: ['Mesh "team-z" is not in the snapshot.'],
  },
];

const healthy: HealthyCase[] = [
  {
    name: '§3 example: concrete hostname, one selector, client outbound with kuma.io/mesh',
    meshes: () =>
      teams(API, {
        port: 8080,
        tags: { 'kuma.io/service': 'edge-gateway', 'kuma.io/mesh': 'team-a' },
      }),
    rule: 'cross-mesh-unreachable',
  },
  {
    name: 'no cross-mesh listener at all',
    meshes: () => healthyMesh(),
    rule: 'cross-mesh-unreachable',
  },
];

describe('§6.2 rule 14: cross-mesh reachability', () => {
  it.each(failing)('finds $rule: $name', (testCase) => {
    expectFailing(testCase);
  });
  it.each(healthy)('no $rule: $name', (testCase) => {
    expectHealthy(testCase);
  });
});
