import { describe, it } from 'vitest';
import { builtinGatewayDp, meshGateway, meshSnapshot } from '../../traffic/test-fixtures';
import {
  expectFailing,
  expectHealthy,
  type FailingCase,
  type HealthyCase,
  healthyMesh,
} from '../test-fixtures';

const edge = { type: 'MeshGateway', mesh: 'default', name: 'edge-gateway' };
const listeners = [{ port: 8080, protocol: 'HTTP' as const }];

const failing: FailingCase[] = [
  {
    name: 'no gateway Dataplane matches the selector',
    meshes: () => meshSnapshot({ gateways: [meshGateway('edge-gateway', listeners)] }),
    rule: 'no-capacity',
    severity: 'error',
    subject: edge,
    evidence: [
      'selects BUILTIN Dataplanes with {kuma.io/service: edge-gateway}, and no BUILTIN gateway Dataplane in mesh "default" matches',
      /Could not check: MeshGatewayInstance status/,
    ],
    symptom: /nothing listens on port 8080/,
    fixAction: { kind: 'start-dataplane', mesh: 'default' },
  },
  {
    name: 'every instance is offline',
    meshes: () =>
      meshSnapshot({
        gateways: [meshGateway('edge-gateway', listeners)],
        dataplanes: [
          builtinGatewayDp(
            'edge-gateway-1',
            { 'kuma.io/service': 'edge-gateway' },
            { online: false },
          ),
        ],
      }),
    rule: 'no-capacity',
    severity: 'error',
    subject: edge,
    evidence: [
      'Dataplane edge-gateway-1 serves MeshGateway "edge-gateway" but is offline: disconnected since 2025-01-01T01:00:00Z',
    ],
    fixAction: { kind: 'start-dataplane', mesh: 'default', name: 'edge-gateway-1' },
  },
  {
    name: 'a selector with more tags wins the Dataplane',
    meshes: () =>
      meshSnapshot({
        gateways: [
          meshGateway('edge-gateway', listeners),
          meshGateway('edge-gateway-prod', listeners, {
            selectors: [{ 'kuma.io/service': 'edge-gateway', env: 'prod' }],
          }),
        ],
        dataplanes: [
          builtinGatewayDp('edge-gateway-1', { 'kuma.io/service': 'edge-gateway', env: 'prod' }),
        ],
      }),
    rule: 'shadowed-gateway',
    severity: 'warning',
    subject: edge,
    evidence: [
      'Dataplane edge-gateway-1 {kuma.io/service: edge-gateway, env: prod} matches selector {kuma.io/service: edge-gateway} of "edge-gateway" but serves MeshGateway "edge-gateway-prod": its matching selector {kuma.io/service: edge-gateway, env: prod} has 2 tags against 1',
    ],
    fixAction: { kind: 'edit-gateway', mesh: 'default', name: 'edge-gateway' },
  },
  {
    name: 'equal selectors: the newer MeshGateway wins',
    meshes: () =>
      meshSnapshot({
        gateways: [
          meshGateway('edge-gateway', listeners, { creationTime: '2025-01-01T00:00:00Z' }),
          meshGateway('edge-gateway-new', listeners, {
            selectors: [{ 'kuma.io/service': 'edge-gateway' }],
            creationTime: '2025-02-01T00:00:00Z',
          }),
        ],
        dataplanes: [builtinGatewayDp('edge-gateway-1', { 'kuma.io/service': 'edge-gateway' })],
      }),
    rule: 'shadowed-gateway',
    severity: 'warning',
    subject: edge,
    evidence: [
      /"edge-gateway-new" was created later \(2025-02-01T00:00:00Z against 2025-01-01T00:00:00Z\)/,
    ],
  },
  {
    name: 'a BUILTIN Dataplane no MeshGateway selects',
    meshes: () =>
      meshSnapshot({
        gateways: [meshGateway('edge-gateway', listeners)],
        dataplanes: [
          builtinGatewayDp('edge-gateway-1', { 'kuma.io/service': 'edge-gateway' }),
          builtinGatewayDp('stray-1', { 'kuma.io/service': 'stray' }),
        ],
      }),
    rule: 'unbound-gateway-dataplane',
    severity: 'warning',
    subject: { type: 'Dataplane', mesh: 'default', name: 'stray-1' },
    evidence: [
      'Dataplane stray-1 has networking.gateway.type BUILTIN and gateway tags {kuma.io/service: stray}.',
      'No selector of the MeshGateways in mesh "default" matches those tags: "edge-gateway" {kuma.io/service: edge-gateway}.',
    ],
    fixAction: { kind: 'edit-gateway', mesh: 'default', name: 'edge-gateway' },
  },
];

const healthy: HealthyCase[] = [
  { name: 'one online instance', meshes: () => healthyMesh(), rule: 'no-capacity' },
  {
    name: 'one of two instances offline still serves',
    meshes: () => {
      const mesh = healthyMesh();
      mesh.dataplanes.push(
        builtinGatewayDp(
          'edge-gateway-2',
          { 'kuma.io/service': 'edge-gateway' },
          { online: false },
        ),
      );
      return mesh;
    },
    rule: 'no-capacity',
  },
  {
    name: 'disjoint selectors',
    meshes: () =>
      meshSnapshot({
        gateways: [meshGateway('a', listeners), meshGateway('b', listeners)],
        dataplanes: [
          builtinGatewayDp('a-1', { 'kuma.io/service': 'a' }),
          builtinGatewayDp('b-1', { 'kuma.io/service': 'b' }),
        ],
      }),
    rule: 'shadowed-gateway',
  },
  {
    name: 'every BUILTIN Dataplane is bound',
    meshes: () => healthyMesh(),
    rule: 'unbound-gateway-dataplane',
  },
];

describe('§6.2 rules 1–2: capacity and binding', () => {
  it.each(failing)('finds $rule: $name', (testCase) => {
    expectFailing(testCase);
  });
  it.each(healthy)('no $rule: $name', (testCase) => {
    expectHealthy(testCase);
  });
});
