import { describe, it } from 'vitest';
import {
  delegatedMesh,
  expectFailing,
  expectHealthy,
  type FailingCase,
  type HealthyCase,
} from '../test-fixtures';

const kong = { type: 'DelegatedGateway', mesh: 'default', name: 'kong' };

const failing: FailingCase[] = [
  {
    name: 'every proxy of the delegated gateway is offline',
    meshes: () => delegatedMesh({ online: false }),
    rule: 'delegated-not-meshed',
    severity: 'error',
    subject: kong,
    evidence: [
      'Delegated gateway Dataplane kong-1 is offline: disconnected since 2025-01-01T01:00:00Z.',
      /Could not check: whether every Kong deployment has a Dataplane .*service-upstream annotation/,
    ],
    fixAction: { kind: 'start-dataplane', mesh: 'default', name: 'kong-1' },
  },
  {
    name: 'no outbound and no transparent proxying',
    meshes: () => delegatedMesh({ outbound: false }),
    rule: 'delegated-not-meshed',
    severity: 'warning',
    subject: kong,
    evidence: [/kong-1 declares no outbound and no transparent proxying/],
    symptom: /upstream prematurely closed/,
  },
  {
    name: 'no outbound behind transparent proxying',
    meshes: () => {
      const mesh = delegatedMesh({ outbound: false });
      const kongDp = mesh.dataplanes[0];
      if (kongDp) kongDp.dataplane.networking.transparentProxying = { redirectPortOutbound: 15001 };
      return mesh;
    },
    rule: 'delegated-not-meshed',
    severity: 'info',
    subject: kong,
    evidence: [/kong-1 declares no outbound; with transparent proxying/],
  },
];

const healthy: HealthyCase[] = [
  {
    name: 'an online proxy with an outbound',
    meshes: () => delegatedMesh(),
    rule: 'delegated-not-meshed',
  },
];

describe('§6.2 rule 13: delegated gateway not meshed', () => {
  it.each(failing)('finds $rule: $name', (testCase) => {
    expectFailing(testCase);
  });
  it.each(healthy)('no $rule: $name', (testCase) => {
    expectHealthy(testCase);
  });
});
