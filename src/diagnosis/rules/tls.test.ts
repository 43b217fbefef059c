import { describe, expect, it } from 'vitest';
import type { MeshGatewayListener } from '../../kuma/types';
import {
  expectFailing,
  expectHealthy,
  type FailingCase,
  findingsOf,
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

/** A healthy mesh plus one HTTPS listener, with the secret names the token could read. */
function withSecrets(
  secretNames: string[] | undefined,
  tls: MeshGatewayListener['tls'] = {
    mode: 'TERMINATE',
    certificates: [{ secret: 'shop-cert' }],
  },
) {
  return () => ({
    ...withListener({ port: 8443, protocol: 'HTTPS', hostname: 'shop.example.com', tls })(),
    ...(secretNames ? { secretNames } : {}),
  });
}

const missingFailing: FailingCase[] = [
  {
    name: 'a certificate secret the mesh does not have',
    meshes: withSecrets(['other-cert']),
    rule: 'tls-missing-secret',
    severity: 'error',
    subject: edge,
    idEndsWith: ':listener-1',
    evidence: [
      'listener #1 (HTTPS :8443, hostname shop.example.com) names tls.certificates[0].secret "shop-cert", and mesh "default" has no Secret of that name (it has 1 other).',
      'kuma-cp reports: failed to generate TLS certificate: could not load data: resource not found: type="Secret" name="shop-cert" mesh="default".',
    ],
    symptom: /TLS handshakes on port 8443 fail/,
    fixAction: { kind: 'edit-gateway', mesh: 'default', name: 'edge-gateway', listenerIndex: 1 },
  },
  {
    name: 'a mesh with no secrets at all, the second of two certificates missing',
    meshes: withSecrets([], {
      mode: 'TERMINATE',
      certificates: [{ inline: 'cmVkYWN0ZWQ=' }, { secret: 'ecdsa-cert' }],
    }),
    rule: 'tls-missing-secret',
    severity: 'error',
    subject: edge,
    evidence: [/names tls.certificates\[1\].secret "ecdsa-cert", .* \(it has no secrets\)/],
  },
  {
    name: 'a TLS listener terminating with a missing secret',
    meshes: () => ({
      ...withListener({
        port: 9443,
        protocol: 'TLS',
        hostname: 'db.example.com',
        tls: { mode: 'TERMINATE', certificates: [{ secret: 'db-cert' }] },
      })(),
      secretNames: ['shop-cert'],
    }),
    rule: 'tls-missing-secret',
    severity: 'error',
    subject: edge,
    evidence: [/listener #1 \(TLS :9443, hostname db.example.com\) names .*"db-cert"/],
  },
];

const missingHealthy: HealthyCase[] = [
  {
    name: 'the secret exists',
    meshes: withSecrets(['shop-cert', 'other-cert']),
    rule: 'tls-missing-secret',
  },
  {
    name: 'secrets not readable: no judgement',
    meshes: withSecrets(undefined),
    rule: 'tls-missing-secret',
  },
  {
    name: 'passthrough needs no secret',
    meshes: withSecrets([], { mode: 'PASSTHROUGH' }),
    rule: 'tls-missing-secret',
  },
  {
    name: 'a file or inline certificate is not a secret',
    meshes: withSecrets([], { mode: 'TERMINATE', certificates: [{ file: '/certs/shop.pem' }] }),
    rule: 'tls-missing-secret',
  },
];

describe('§6.2 rule 10: a certificate secret missing from the mesh', () => {
  it.each(missingFailing)('finds $rule: $name', (testCase) => {
    expectFailing(testCase);
  });
  it.each(missingHealthy)('no $rule: $name', (testCase) => {
    expectHealthy(testCase);
  });
  it('names the listener, the secret, the mesh and how to create it', () => {
    const finding = expectFailing(missingFailing[0] as FailingCase);
    expect(finding.title).toBe(
      'HTTPS listener #1 (:8443, hostname shop.example.com) of MeshGateway "edge-gateway" uses secret "shop-cert", missing from mesh "default"',
    );
    expect(finding.fix).toContain('Create secret "shop-cert" in mesh "default"');
    expect(finding.fix).toContain('type: Secret, mesh: default, name: shop-cert');
    expect(finding.fix).toContain('type system.kuma.io/secret');
    expect(finding.fix).toContain('labelled kuma.io/mesh: default');
    expect(finding.related).toEqual([{ type: 'Secret', mesh: 'default', name: 'shop-cert' }]);
    expect(finding.nodeIds).toHaveLength(1);
  });
  it.each([
    [undefined, true],
    [['wildcard-cert'], false],
  ])(
    'with secret names %j, the TLS/SNI finding says the secret could not be checked: %s',
    (names, unchecked) => {
      const mesh = {
        ...withListener({
          port: 8443,
          protocol: 'HTTPS',
          tls: { mode: 'TERMINATE', certificates: [{ secret: 'wildcard-cert' }] },
        })(),
        ...(names ? { secretNames: names } : {}),
      };
      const [finding] = findingsOf(mesh, 'tls-sni');
      expect(
        finding?.evidence.some((sentence) => sentence.includes('that secret wildcard-cert exists')),
      ).toBe(unchecked);
    },
  );
});

describe('§6.2 rule 10: TLS / SNI', () => {
  it.each(failing)('finds $rule: $name', (testCase) => {
    expectFailing(testCase);
  });
  it.each(healthy)('no $rule: $name', (testCase) => {
    expectHealthy(testCase);
  });
});
