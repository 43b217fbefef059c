import { describe, it } from 'vitest';
import type { MeshGatewayListener } from '../../kuma/types';
import {
  expectFailing,
  expectHealthy,
  type FailingCase,
  type HealthyCase,
  healthyMesh,
} from '../test-fixtures';

const edge = { type: 'MeshGateway', mesh: 'default', name: 'edge-gateway' };

function withListener(listener: MeshGatewayListener) {
  return () => healthyMesh({ listeners: [{ port: 8080, protocol: 'HTTP' }, listener] });
}

const failing: FailingCase[] = [
  {
    name: 'a TLS listener without tls',
    meshes: withListener({ port: 9443, protocol: 'TLS', hostname: 'db.example.com' }),
    rule: 'tls-sni',
    severity: 'error',
    subject: edge,
    idEndsWith: ':listener-1',
    evidence: [
      'listener #1 (TLS :9443, hostname db.example.com) has no tls block: config generation fails with unsupported TLS mode "NONE".',
    ],
    symptom: /no HTTP status/,
    fixAction: { kind: 'edit-gateway', mesh: 'default', name: 'edge-gateway', listenerIndex: 1 },
  },
  {
    name: 'an HTTPS listener with a "*" hostname: no SNI to match',
    meshes: withListener({
      port: 8443,
      protocol: 'HTTPS',
      tls: { mode: 'TERMINATE', certificates: [{ secret: 'wildcard-cert' }] },
    }),
    rule: 'tls-sni',
    severity: 'warning',
    subject: edge,
    evidence: [
      /listener #1 \(HTTPS :8443, hostname \*\) has no hostname \(or "\*"\), so its filter chain has no SNI to match/,
      /Could not check: that secret wildcard-cert exists in mesh "default"/,
    ],
  },
  {
    name: 'the same certificate datasource listed twice',
    meshes: withListener({
      port: 8443,
      protocol: 'HTTPS',
      hostname: 'foo.example.com',
      tls: { mode: 'TERMINATE', certificates: [{ secret: 'foo-cert' }, { secret: 'foo-cert' }] },
    }),
    rule: 'tls-sni',
    severity: 'error',
    subject: edge,
    evidence: [
      /conf.listeners\[1\].tls.certificates\[1\]: config generation fails with duplicate TLS certificate "foo-cert"/,
    ],
  },
  {
    name: 'TLS termination without certificates',
    meshes: withListener({
      port: 9443,
      protocol: 'TLS',
      hostname: 'db.example.com',
      tls: { mode: 'TERMINATE' },
    }),
    rule: 'tls-sni',
    severity: 'error',
    subject: edge,
    evidence: [
      'listener #1 (TLS :9443, hostname db.example.com) terminates TLS (tls.mode TERMINATE) but lists no certificates.',
    ],
  },
];

const healthy: HealthyCase[] = [
  {
    name: 'an HTTPS listener with a hostname and a certificate',
    meshes: withListener({
      port: 8443,
      protocol: 'HTTPS',
      hostname: 'foo.example.com',
      tls: { mode: 'TERMINATE', certificates: [{ secret: 'foo-cert' }] },
    }),
    rule: 'tls-sni',
  },
  {
    name: 'a TLS passthrough listener with a hostname',
    meshes: withListener({
      port: 9443,
      protocol: 'TLS',
      hostname: 'db.example.com',
      tls: { mode: 'PASSTHROUGH' },
    }),
    rule: 'tls-sni',
  },
  { name: 'plain HTTP listeners', meshes: () => healthyMesh(), rule: 'tls-sni' },
];

describe('§6.2 rule 10: TLS / SNI', () => {
  it.each(failing)('finds $rule: $name', (testCase) => {
    expectFailing(testCase);
  });
  it.each(healthy)('no $rule: $name', (testCase) => {
    expectHealthy(testCase);
  });
});
