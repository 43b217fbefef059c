import { describe, expect, it } from 'vitest';
import type { BackendRef } from '../../kuma/types';
import {
  delegatedGatewayDp,
  meshResource,
  meshService,
  prefixRule,
  sidecarDp,
  trafficPermission,
} from '../../traffic/test-fixtures';
import {
  delegatedMesh,
  expectFailing,
  expectHealthy,
  type FailingCase,
  findingsOf,
  type HealthyCase,
  healthyMesh,
} from '../test-fixtures';

const edgeHttp = { type: 'MeshHTTPRoute', mesh: 'default', name: 'edge-http' };

/** healthyMesh whose only rule sends / to `refs`. */
function routeTo(refs: BackendRef[], options: Parameters<typeof healthyMesh>[0] = {}) {
  const mesh = healthyMesh(options);
  const route = mesh.httpRoutes[0];
  if (route) {
    route.spec.to = [
      {
        targetRef: { kind: 'Mesh' },
        rules: [{ ...prefixRule('/', 'backend'), default: { backendRefs: refs } }],
      },
    ];
  }
  return mesh;
}

function backendOffline() {
  const mesh = healthyMesh();
  mesh.dataplanes = mesh.dataplanes.map((dataplane) =>
    dataplane.name === 'backend-1'
      ? sidecarDp('backend-1', [{ service: 'backend' }], { online: false })
      : dataplane,
  );
  return mesh;
}

const denyGateway = trafficPermission('deny-gateway', {
  targetRef: { kind: 'MeshService', name: 'backend' },
  from: [
    {
      targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'edge-gateway' } },
      default: { action: 'Deny' },
    },
  ],
});

const failing: FailingCase[] = [
  {
    name: '(a) a MeshService ref with a port while MeshServices are disabled',
    meshes: () => routeTo([{ kind: 'MeshService', name: 'backend', port: 8080 }]),
    rule: 'unresolvable-backend',
    severity: 'error',
    subject: edgeHttp,
    idEndsWith: ':MeshService/backend:8080',
    evidence: [
      /MeshServices are disabled in mesh "default" \(meshServices.mode: Disabled\)/,
      'meshServices.mode of mesh "default" is Disabled.',
      'Used by rule 0 (PathPrefix /) of MeshHTTPRoute "edge-http" on listener #0 of MeshGateway "edge-gateway".',
    ],
    symptom: /kuma.io\/unresolved-backend/,
    fixAction: {
      kind: 'edit-route',
      mesh: 'default',
      name: 'edge-http',
      routeKind: 'http',
      gateway: 'edge-gateway',
    },
  },
  {
    name: '(a) a MeshService that does not exist',
    meshes: () =>
      routeTo([{ kind: 'MeshService', name: 'missing', port: 8080 }], { mode: 'Everywhere' }),
    rule: 'unresolvable-backend',
    severity: 'error',
    subject: edgeHttp,
    evidence: ['mesh "default" has no MeshService "missing"'],
  },
  {
    name: '(b) a kuma.io/service ref in an Exclusive mesh',
    meshes: () => routeTo([{ kind: 'MeshService', name: 'backend' }], { mode: 'Exclusive' }),
    rule: 'unresolvable-backend',
    severity: 'error',
    subject: edgeHttp,
    evidence: [/meshServices.mode: Exclusive, where no clusters exist for kuma.io\/service values/],
  },
  {
    name: '(c) a kuma.io/service nothing serves',
    meshes: () => routeTo([{ kind: 'MeshService', name: 'ghost' }]),
    rule: 'unresolvable-backend',
    severity: 'error',
    subject: edgeHttp,
    evidence: ['but no Dataplane inbound carries it and no ServiceInsight knows it'],
  },
  {
    name: 'a minority weighted backend that does not resolve',
    meshes: () =>
      routeTo([
        { kind: 'MeshService', name: 'backend', weight: 90 },
        { kind: 'MeshService', name: 'ghost', weight: 10 },
      ]),
    rule: 'unresolvable-backend',
    severity: 'warning',
    subject: edgeHttp,
    evidence: [/\(10% of its requests\)/],
  },
  {
    name: 'a delegated gateway outbound by tag in an Exclusive mesh',
    meshes: () => {
      const mesh = delegatedMesh();
      mesh.mesh = meshResource('default', { mtls: true, mode: 'Exclusive' });
      return mesh;
    },
    rule: 'unresolvable-backend',
    severity: 'error',
    subject: { type: 'DelegatedGateway', mesh: 'default', name: 'kong' },
    evidence: [
      /Exclusive/,
      'Used by the outbound on port 33033 of delegated gateway Dataplane kong-1 of delegated gateway "kong".',
    ],
  },
  {
    name: 'the only backend proxy is offline',
    meshes: backendOffline,
    rule: 'no-healthy-backend',
    severity: 'error',
    subject: { type: 'ServiceInsight', mesh: 'default', name: 'backend' },
    evidence: ['Endpoints: backend-1 (offline).', /The only endpoint of backend is not healthy/],
    symptom: '503 "no healthy upstream"',
    fixAction: { kind: 'start-dataplane', mesh: 'default', name: 'backend-1' },
  },
  {
    name: 'a MeshService whose selector picks no Dataplane',
    meshes: () => {
      const mesh = routeTo([{ kind: 'MeshService', name: 'backend', port: 8080 }], {
        mode: 'Everywhere',
      });
      mesh.meshServices = [
        meshService('backend', {
          selector: { dataplaneTags: { 'kuma.io/service': 'backend-v9' } },
          ports: [{ port: 8080 }],
          state: 'Unavailable',
        }),
      ];
      return mesh;
    },
    rule: 'no-healthy-backend',
    severity: 'error',
    subject: { type: 'MeshService', mesh: 'default', name: 'backend' },
    evidence: ['MeshService "backend": spec.state Unavailable', /No endpoint serves backend/],
  },
  {
    name: 'no MeshTrafficPermission allows the gateway',
    meshes: () => ({ ...healthyMesh(), trafficPermissions: [] }),
    rule: 'missing-traffic-permission',
    severity: 'error',
    subject: { type: 'ServiceInsight', mesh: 'default', name: 'backend' },
    idEndsWith: ':from-builtin-edge-gateway',
    evidence: [
      /no MeshTrafficPermission selecting backend has a from\[\] entry matching gateway edge-gateway-1 \(kuma.io\/service edge-gateway\)/,
    ],
    symptom: '403 "RBAC: access denied"',
    fixAction: {
      kind: 'new-permission',
      mesh: 'default',
      name: 'backend',
      gateway: 'edge-gateway',
      source: 'edge-gateway',
    },
  },
  {
    name: 'a Deny on the backend overrides the mesh-wide Allow',
    meshes: () => {
      const mesh = healthyMesh();
      mesh.trafficPermissions.push(denyGateway);
      return mesh;
    },
    rule: 'missing-traffic-permission',
    severity: 'error',
    subject: { type: 'ServiceInsight', mesh: 'default', name: 'backend' },
    evidence: [
      /Denied by MeshTrafficPermission "deny-gateway" \(targetRef MeshService "backend"/,
      /takes precedence over "allow-edge-gateway" from\[0\] \(Allow\)/,
    ],
  },
  {
    name: 'rules[] (2.12+) on the backend that do not match the gateway: edit them, a from[] is ignored',
    meshes: () => {
      const mesh = healthyMesh();
      mesh.trafficPermissions.push(
        trafficPermission('rules-exact', {
          targetRef: { kind: 'Mesh' },
          rules: [
            {
              default: {
                allow: [{ spiffeID: { type: 'Exact', value: 'spiffe://default/edge-gateway' } }],
              },
            },
          ],
        } as Parameters<typeof trafficPermission>[1]),
      );
      return mesh;
    },
    rule: 'missing-traffic-permission',
    severity: 'error',
    subject: { type: 'ServiceInsight', mesh: 'default', name: 'backend' },
    evidence: [
      /the rules\[\] of "rules-exact" \(selecting backend\) have no match/,
      /The from\[\] of "allow-edge-gateway" is ignored/,
      /use Prefix/,
    ],
    fix: /add \{spiffeID: \{type: Prefix, value: spiffe:\/\/default\/edge-gateway\}\} to an allow list/,
    fixAction: { kind: 'edit-permission', mesh: 'default', name: 'rules-exact' },
  },
  {
    name: 'a delegated gateway nobody allows',
    meshes: () => ({ ...delegatedMesh(), trafficPermissions: [] }),
    rule: 'missing-traffic-permission',
    severity: 'error',
    subject: { type: 'ServiceInsight', mesh: 'default', name: 'backend' },
    idEndsWith: ':from-delegated-kong',
    evidence: [/gateway kong-1 \(kuma.io\/service kong\)/],
  },
];

const healthy: HealthyCase[] = [
  {
    name: 'legacy ref served by a sidecar',
    meshes: () => healthyMesh(),
    rule: 'unresolvable-backend',
  },
  {
    name: 'a real MeshService ref with MeshServices on',
    meshes: () => {
      const mesh = routeTo([{ kind: 'MeshService', name: 'backend', port: 8080 }], {
        mode: 'Everywhere',
      });
      mesh.meshServices = [
        meshService('backend', {
          selector: { dataplaneTags: { 'kuma.io/service': 'backend' } },
          ports: [{ port: 8080, targetPort: 8080 }],
        }),
      ];
      return mesh;
    },
    rule: 'unresolvable-backend',
  },
  {
    name: 'a delegated outbound to a served service',
    meshes: () => delegatedMesh(),
    rule: 'unresolvable-backend',
  },
  {
    name: 'the backend proxy is online and ready',
    meshes: () => healthyMesh(),
    rule: 'no-healthy-backend',
  },
  {
    name: 'the gateway is allowed',
    meshes: () => healthyMesh(),
    rule: 'missing-traffic-permission',
  },
  {
    name: 'mTLS off: no RBAC at all',
    meshes: () => ({ ...healthyMesh({ mtls: false }), trafficPermissions: [] }),
    rule: 'missing-traffic-permission',
  },
  {
    name: 'the delegated gateway is allowed',
    meshes: () => delegatedMesh(),
    rule: 'missing-traffic-permission',
  },
];

describe('§6.2 rules 6–8: backends', () => {
  it.each(failing)('finds $rule: $name', (testCase) => {
    expectFailing(testCase);
  });
  it.each(healthy)('no $rule: $name', (testCase) => {
    expectHealthy(testCase);
  });

  it('names the deciding MeshTrafficPermission among the related resources', () => {
    const mesh = healthyMesh();
    mesh.trafficPermissions.push(denyGateway);
    const [finding] = findingsOf(mesh, 'missing-traffic-permission');
    expect(finding?.related).toContainEqual({
      type: 'MeshTrafficPermission',
      mesh: 'default',
      name: 'deny-gateway',
    });
    expect(finding?.nodeIds).toEqual([
      'gateway:builtin:default/edge-gateway',
      'sidecar:default/backend',
    ]);
  });

  it('reports a service once however many rules and listeners use it', () => {
    const mesh = healthyMesh({
      listeners: [
        { port: 8080, protocol: 'HTTP' },
        { port: 8081, protocol: 'HTTP' },
      ],
    });
    mesh.dataplanes.push(
      delegatedGatewayDp('kong-1', 'kong', [{ port: 1, tags: { 'kuma.io/service': 'backend' } }]),
    );
    mesh.dataplanes = mesh.dataplanes.map((dataplane) =>
      dataplane.name === 'backend-1'
        ? sidecarDp('backend-1', [{ service: 'backend' }], { online: false })
        : dataplane,
    );
    const findings = findingsOf(mesh, 'no-healthy-backend');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence).toContain(
      'Used by rule 0 (PathPrefix /) of MeshHTTPRoute "edge-http" on listeners #0, #1 of MeshGateway "edge-gateway".',
    );
    expect(findings[0]?.nodeIds).toContain('gateway:delegated:default/kong');
  });
});
