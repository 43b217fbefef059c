import { describe, expect, it } from 'vitest';
import type { MeshSnapshot } from '../../kuma/snapshot';
import { sidecarDp, trafficPermission } from '../../traffic/test-fixtures';
import {
  expectFailing,
  expectHealthy,
  type FailingCase,
  findingsOf,
  type HealthyCase,
  healthyMesh,
} from '../test-fixtures';

/** §3: mesh team-a exposes a cross-mesh listener; team-b holds the clients. */
function crossMesh(
  options: { gatewayMtls?: boolean; callerMtls?: boolean; outbound?: boolean } = {},
) {
  const teamA = healthyMesh({
    mesh: 'team-a',
    mtls: options.gatewayMtls ?? true,
    listeners: [{ port: 8080, protocol: 'HTTP', crossMesh: true, hostname: 'api.team-a.mesh' }],
  });
  const teamB: MeshSnapshot = {
    ...healthyMesh({ mesh: 'team-b', mtls: options.callerMtls ?? true }),
    gateways: [],
    httpRoutes: [],
  };
  teamB.dataplanes = [
    {
      ...sidecarDp('client-1', [{ service: 'client' }], { mesh: 'team-b' }),
      ...(options.outbound
        ? {
            dataplane: {
              networking: {
                address: '10.0.2.1',
                inbound: [{ port: 8080, tags: { 'kuma.io/service': 'client' } }],
                outbound: [
                  {
                    port: 8080,
                    tags: { 'kuma.io/service': 'edge-gateway', 'kuma.io/mesh': 'team-a' },
                  },
                ],
              },
            },
          }
        : {}),
    },
  ];
  return [teamA, teamB];
}

const denyAll = trafficPermission('deny-all', {
  targetRef: { kind: 'Mesh' },
  from: [{ targetRef: { kind: 'Mesh' }, default: { action: 'Deny' } }],
});

/** rules[] (2.12+) that allow only web: they replace deny-all's from[] for every destination. */
const rulesForWeb = trafficPermission('rules-web-only', {
  targetRef: { kind: 'Mesh' },
  rules: [
    { default: { allow: [{ spiffeID: { type: 'Prefix', value: 'spiffe://default/web' } }] } },
  ],
} as Parameters<typeof trafficPermission>[1]);

const failing: FailingCase[] = [
  {
    name: 'a cross-mesh listener in a mesh without mTLS',
    meshes: () => crossMesh({ gatewayMtls: false }),
    rule: 'mtls-off',
    severity: 'error',
    subject: { type: 'MeshGateway', mesh: 'team-a', name: 'edge-gateway' },
    idEndsWith: ':listener-0',
    evidence: [
      'listener #0 (HTTP :8080, hostname api.team-a.mesh) has crossMesh: true.',
      'Mesh "team-a" has no mtls.enabledBackend.',
    ],
    symptom: /mTLS must be enabled for crossMesh-enabled MeshGateways/,
    fixAction: { kind: 'edit-mesh', mesh: 'team-a' },
  },
  {
    name: 'MeshTrafficPermissions while mTLS is off',
    meshes: () => healthyMesh({ mtls: false }),
    rule: 'mtls-off',
    severity: 'warning',
    subject: { type: 'Mesh', mesh: 'default', name: 'default' },
    idEndsWith: ':traffic-permissions',
    evidence: [
      'Mesh "default" has no mtls.enabledBackend, and defines "allow-edge-gateway".',
      'With mTLS on, these policies would still allow every gateway → backend call the gateways make today.',
    ],
    // Nothing to allow first: enabling mTLS (or deleting the policies) is done on the mesh.
    fixAction: { kind: 'edit-mesh', mesh: 'default' },
  },
  {
    name: 'enabling mTLS would start producing 403s',
    meshes: () => ({ ...healthyMesh({ mtls: false }), trafficPermissions: [denyAll] }),
    rule: 'mtls-off',
    severity: 'warning',
    subject: { type: 'Mesh', mesh: 'default', name: 'default' },
    idEndsWith: ':traffic-permissions',
    evidence: [
      'Enabling mTLS with these policies would start producing 403 "RBAC: access denied" for: MeshGateway "edge-gateway" → backend (denied by MeshTrafficPermission "deny-all").',
    ],
    // The permission comes first: the MTP form pre-filled for the pair mTLS would deny.
    fixAction: {
      kind: 'new-permission',
      mesh: 'default',
      name: 'backend',
      gateway: 'edge-gateway',
      source: 'edge-gateway',
    },
  },
  {
    name: 'enabling mTLS would deny through rules[]: the policy to edit',
    meshes: () => ({
      ...healthyMesh({ mtls: false }),
      trafficPermissions: [denyAll, rulesForWeb],
    }),
    rule: 'mtls-off',
    severity: 'warning',
    subject: { type: 'Mesh', mesh: 'default', name: 'default' },
    idEndsWith: ':traffic-permissions',
    evidence: [
      'Enabling mTLS with these policies would start producing 403 "RBAC: access denied" for: MeshGateway "edge-gateway" → backend (no MeshTrafficPermission allows it).',
    ],
    fixAction: { kind: 'edit-permission', mesh: 'default', name: 'rules-web-only' },
  },
  {
    name: 'a caller mesh without mTLS (no declared caller)',
    meshes: () => crossMesh({ callerMtls: false }),
    rule: 'mtls-off',
    severity: 'info',
    subject: { type: 'Mesh', mesh: 'team-b', name: 'team-b' },
    idEndsWith: ':cross-mesh-callers',
    evidence: [
      'Cross-mesh listeners in other meshes: MeshGateway "edge-gateway" in mesh "team-a" (api.team-a.mesh:8080).',
    ],
  },
  {
    name: 'a caller mesh without mTLS with an explicit outbound to the gateway',
    meshes: () => crossMesh({ callerMtls: false, outbound: true }),
    rule: 'mtls-off',
    severity: 'error',
    subject: { type: 'Mesh', mesh: 'team-b', name: 'team-b' },
    idEndsWith: ':cross-mesh-callers',
    evidence: [
      'Dataplanes with an explicit outbound to another mesh (kuma.io/mesh tag): client-1.',
    ],
  },
];

const healthy: HealthyCase[] = [
  { name: 'every mesh has mTLS', meshes: () => crossMesh({ outbound: true }), rule: 'mtls-off' },
  {
    name: 'mTLS off and no MeshTrafficPermission',
    meshes: () => ({ ...healthyMesh({ mtls: false }), trafficPermissions: [] }),
    rule: 'mtls-off',
  },
];

describe('§6.2 rule 9: mTLS off', () => {
  it.each(failing)('finds $rule: $name', (testCase) => {
    expectFailing(testCase);
  });
  it.each(healthy)('no $rule: $name', (testCase) => {
    expectHealthy(testCase);
  });

  it('keeps the three conditions apart', () => {
    const [teamA, teamB] = crossMesh({ gatewayMtls: false, callerMtls: false });
    const ids = findingsOf([teamA as MeshSnapshot, teamB as MeshSnapshot], 'mtls-off').map(
      (f) => f.id,
    );
    expect(ids.sort()).toEqual([
      'mtls-off:team-a:Mesh/team-a:traffic-permissions',
      'mtls-off:team-a:MeshGateway/edge-gateway:listener-0',
      'mtls-off:team-b:Mesh/team-b:cross-mesh-callers',
      'mtls-off:team-b:Mesh/team-b:traffic-permissions',
    ]);
  });
});
