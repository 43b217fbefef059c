import { describe, expect, it } from 'vitest';
import { builtinGatewayDp, delegatedGatewayDp } from '../../traffic/test-fixtures';
import {
  expectFailing,
  expectHealthy,
  type FailingCase,
  type HealthyCase,
  healthyMesh,
  withRejections,
} from '../test-fixtures';
import { counterValue } from './config';

function rejecting(rejected: string, online = true) {
  return () => {
    const mesh = healthyMesh();
    mesh.dataplanes = mesh.dataplanes.map((dataplane) =>
      dataplane.name === 'edge-gateway-1'
        ? withRejections(
            builtinGatewayDp('edge-gateway-1', { 'kuma.io/service': 'edge-gateway' }, { online }),
            rejected,
          )
        : dataplane,
    );
    return mesh;
  };
}

const failing: FailingCase[] = [
  {
    name: 'a connected gateway proxy that NACKed config',
    meshes: rejecting('3'),
    rule: 'config-rejected',
    severity: 'error',
    subject: { type: 'Dataplane', mesh: 'default', name: 'edge-gateway-1' },
    evidence: [
      /reports responsesSent 12, responsesAcknowledged 10, responsesRejected 3 \(LDS 3\); last update 2025-01-01T00:05:00Z/,
      /Could not check: the generated configuration/,
    ],
    symptom: /stale configuration/,
    fixAction: { kind: 'edit-gateway', mesh: 'default', name: 'edge-gateway' },
  },
  {
    name: 'an offline gateway proxy whose last subscription NACKed',
    meshes: rejecting('1', false),
    rule: 'config-rejected',
    severity: 'warning',
    subject: { type: 'Dataplane', mesh: 'default', name: 'edge-gateway-1' },
    evidence: [/disconnected 2025-01-01T01:00:00Z/],
  },
  {
    name: 'a delegated gateway proxy that NACKed config',
    meshes: () => {
      const mesh = healthyMesh();
      mesh.dataplanes.push(withRejections(delegatedGatewayDp('kong-1', 'kong'), '2'));
      return mesh;
    },
    rule: 'config-rejected',
    severity: 'error',
    subject: { type: 'Dataplane', mesh: 'default', name: 'kong-1' },
    evidence: [/responsesRejected 2/],
  },
];

const healthy: HealthyCase[] = [
  { name: 'no status reported yet', meshes: () => healthyMesh(), rule: 'config-rejected' },
  { name: 'every update acknowledged', meshes: rejecting('0'), rule: 'config-rejected' },
];

describe('§6.2 rule 11: config rejected', () => {
  it.each(failing)('finds $rule: $name', (testCase) => {
    expectFailing(testCase);
  });
  it.each(healthy)('no $rule: $name', (testCase) => {
    expectHealthy(testCase);
  });
  it.each([
    { value: '4294967296', expected: 4294967296 },
    { value: '7', expected: 7 },
    { value: 4, expected: 4 },
    { value: '', expected: 0 },
    { value: 'n/a', expected: 0 },
    { value: undefined, expected: 0 },
  ])('reads the uint64 counter $value', ({ value, expected }) => {
    expect(counterValue(value)).toBe(expected);
  });
});
