import { describe, expect, it } from 'vitest';
import type { MeshTrafficPermission, MeshTrafficPermissionSpec } from '../kuma/types';
import {
  decideByRules,
  legacyServiceSni,
  matchOutcome,
  meshCertificateUris,
  type PeerView,
  type PermissionRule,
} from './permissions-rules';

function policy(name: string, rules: PermissionRule[]): MeshTrafficPermission {
  return {
    type: 'MeshTrafficPermission',
    mesh: 'default',
    name,
    spec: { targetRef: { kind: 'Mesh' }, rules } as MeshTrafficPermissionSpec,
  };
}

const exact = (value: string) => ({ spiffeID: { type: 'Exact', value } });
const prefix = (value: string) => ({ spiffeID: { type: 'Prefix', value } });

/** A workload-identity certificate: one SPIFFE ID only (the shape Kuma's own tests use). */
const single = (uri: string): PeerView => ({ uriSans: [uri] });

describe('meshCertificateUris (issuer.go newWorkloadTemplate)', () => {
  it.each([
    {
      name: 'a gateway: its SPIFFE ID, then a kuma:// URI per tag, keys sorted',
      tags: { 'kuma.io/service': ['edge-gateway'], env: ['prod'] },
      uris: [
        'spiffe://default/edge-gateway',
        'kuma://env/prod',
        'kuma://kuma.io/service/edge-gateway',
      ],
    },
    {
      name: 'two services: a SPIFFE ID each, values sorted',
      tags: { 'kuma.io/service': ['web', 'api'] },
      uris: [
        'spiffe://default/api',
        'spiffe://default/web',
        'kuma://kuma.io/service/api',
        'kuma://kuma.io/service/web',
      ],
    },
  ] as { name: string; tags: Record<string, string[]>; uris: string[] }[])(
    '$name',
    ({ tags, uris }) => {
      expect(meshCertificateUris('default', tags)).toEqual(uris);
    },
  );
});

describe('matchOutcome (Envoy uri_san and server_name inputs)', () => {
  const gateway: PeerView = {
    uriSans: meshCertificateUris('default', { 'kuma.io/service': ['edge-gateway'] }),
    sni: legacyServiceSni('default', 'orders'),
  };
  it.each([
    {
      name: 'Exact on a lone SPIFFE ID',
      match: exact('spiffe://td/a'),
      peer: single('spiffe://td/a'),
      outcome: 'match',
    },
    {
      name: 'Exact on another ID',
      match: exact('spiffe://td/b'),
      peer: single('spiffe://td/a'),
      outcome: 'no-match',
    },
    {
      name: "Exact equal to a mesh certificate's SPIFFE ID: the input also holds its kuma:// URIs",
      match: exact('spiffe://default/edge-gateway'),
      peer: gateway,
      outcome: 'no-match',
    },
    {
      name: 'Prefix of a mesh certificate',
      match: prefix('spiffe://default/edge'),
      peer: gateway,
      outcome: 'match',
    },
    {
      name: 'Prefix of the mesh',
      match: prefix('spiffe://default/'),
      peer: gateway,
      outcome: 'match',
    },
    {
      name: 'Prefix of another mesh',
      match: prefix('spiffe://other/'),
      peer: gateway,
      outcome: 'no-match',
    },
    {
      name: 'SNI equal to the one sent',
      match: { sni: { type: 'Exact', value: 'orders{mesh=default}' } },
      peer: gateway,
      outcome: 'match',
    },
    {
      name: 'SNI of another service',
      match: { sni: { type: 'Exact', value: 'backend.mesh' } },
      peer: gateway,
      outcome: 'no-match',
    },
    {
      name: 'SPIFFE ID and SNI are AND-ed',
      match: { ...prefix('spiffe://default/'), sni: { type: 'Exact', value: 'other' } },
      peer: gateway,
      outcome: 'no-match',
    },
    {
      name: 'an SNI the dashboard cannot tell',
      match: { sni: { type: 'Exact', value: 'x' } },
      peer: { uriSans: [] },
      outcome: 'unknown',
    },
    { name: 'an empty match is skipped by kuma-cp', match: {}, peer: gateway, outcome: 'no-match' },
  ])('$name', ({ match, peer, outcome }) => {
    expect(matchOutcome(match, peer)).toBe(outcome);
  });
});

// The cases of kumahq/kuma v2.14.3 meshtrafficpermission/xds/rbac_configurer_test.go, judged for
// callers inside and outside each match (the golden files give the matcher; these its verdicts).
describe('decideByRules (rbac_configurer_test.go cases)', () => {
  it.each([
    {
      name: 'allow all from mesh: a caller in the trust domain',
      policies: [
        policy('mtp-1', [{ default: { allow: [prefix('spiffe://trust-domain.mesh/')] } }]),
      ],
      peer: single('spiffe://trust-domain.mesh/ns/x/sa/y'),
      allowed: true,
      by: 'mtp-1 allow[0]',
    },
    {
      name: 'allow all from mesh: a caller of another trust domain falls to the default deny',
      policies: [
        policy('mtp-1', [{ default: { allow: [prefix('spiffe://trust-domain.mesh/')] } }]),
      ],
      peer: single('spiffe://other.mesh/ns/x'),
      allowed: false,
      by: undefined,
    },
    {
      name: 'deny all from mesh',
      policies: [policy('mtp-1', [{ default: { deny: [prefix('spiffe://trust-domain.mesh/')] } }])],
      peer: single('spiffe://trust-domain.mesh/ns/x'),
      allowed: false,
      by: 'mtp-1 deny[0]',
    },
    {
      name: 'allow multiple services: the second listed',
      policies: [
        policy('mtp-1', [
          {
            default: {
              allow: [
                exact('spiffe://trust-domain.mesh/ns/backend/v1'),
                exact('spiffe://trust-domain.mesh/ns/backend/v2'),
              ],
            },
          },
        ]),
      ],
      peer: single('spiffe://trust-domain.mesh/ns/backend/v2'),
      allowed: true,
      by: 'mtp-1 allow[1]',
    },
    {
      name: 'rules from merged policies: the exact deny wins over the prefix allow',
      policies: [
        policy('mtp-1', [
          { default: { deny: [exact('spiffe://trust-domain.mesh/ns/backend/v1')] } },
        ]),
        policy('mtp-2', [
          { default: { allow: [prefix('spiffe://trust-domain.mesh/ns/backend')] } },
        ]),
      ],
      peer: single('spiffe://trust-domain.mesh/ns/backend/v1'),
      allowed: false,
      by: 'mtp-1 deny[0]',
    },
    {
      name: 'rules from merged policies: a sibling under the prefix is allowed',
      policies: [
        policy('mtp-1', [
          { default: { deny: [exact('spiffe://trust-domain.mesh/ns/backend/v1')] } },
        ]),
        policy('mtp-2', [
          { default: { allow: [prefix('spiffe://trust-domain.mesh/ns/backend')] } },
        ]),
      ],
      peer: single('spiffe://trust-domain.mesh/ns/backend/v2'),
      allowed: true,
      by: 'mtp-2 allow[0]',
    },
    {
      name: 'a deny in a later policy still precedes a broader allow in an earlier one',
      policies: [
        policy('mtp-1', [{ default: { allow: [prefix('spiffe://default.mesh.local')] } }]),
        policy('mtp-2', [
          { default: { deny: [prefix('spiffe://default.mesh.local/ns/kuma-demo')] } },
        ]),
      ],
      peer: single('spiffe://default.mesh.local/ns/kuma-demo/sa/web'),
      allowed: false,
      by: 'mtp-2 deny[0]',
    },
    {
      name: 'shadow deny rule: allowed (logged as denied)',
      policies: [
        policy('mtp-1', [
          { default: { allowWithShadowDeny: [prefix('spiffe://trust-domain.mesh/')] } },
        ]),
      ],
      peer: single('spiffe://trust-domain.mesh/ns/x'),
      allowed: true,
      by: 'mtp-1 allowWithShadowDeny[0]',
    },
    {
      name: 'a rule holding both lists: its deny is checked first',
      policies: [
        policy('mtp-1', [
          {
            default: {
              allow: [prefix('spiffe://td/')],
              deny: [prefix('spiffe://td/ns/blocked')],
            },
          },
        ]),
      ],
      peer: single('spiffe://td/ns/blocked/sa/x'),
      allowed: false,
      by: 'mtp-1 deny[0]',
    },
  ])('$name', ({ policies, peer, allowed, by }) => {
    const decision = decideByRules(policies, peer);
    expect(decision.allowed).toBe(allowed);
    const hit = decision.decidedBy;
    expect(hit ? `${hit.policy.name} ${hit.list}[${hit.matchIndex}]` : undefined).toBe(by);
  });

  it('reports an SNI it cannot judge that comes before the decision', () => {
    const decision = decideByRules(
      [
        policy('mtp-1', [
          { default: { deny: [{ sni: { type: 'Exact', value: 'a1b2.orders.80.default.ms' } }] } },
          { default: { allow: [prefix('spiffe://default/')] } },
        ]),
      ],
      { uriSans: ['spiffe://default/gw'] },
    );
    expect(decision.allowed).toBe(true);
    expect(decision.uncertain?.list).toBe('deny');
  });
});
