/**
 * The RBAC interpreter the permission differential judges kuma-cp's output with, on the expected
 * filters of kumahq/kuma v2.14.3's own tests (`meshtrafficpermission/xds/rbac_configurer_test.go`
 * "rules from merged policies", `legacy_rbac_configurer_test.go` "allow backend-v1 and web in
 * us-east" and "allow rule with negation in kuma tag"), for callers inside and outside them.
 * Needs no kuma-cp; it lives here because only the real-CP suites use the interpreter.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { EnvoyListener } from '../xds-client';
import { type Caller, listenerVerdict } from './envoy-rbac';

const action = (name: string, deny: boolean) => `
                    action:
                        name: envoy.filters.rbac.action
                        typedConfig:
                            '@type': type.googleapis.com/envoy.config.rbac.v3.Action${deny ? '\n                            action: DENY' : ''}
                            name: ${name}`;

const uriSan = (match: string) => `
                    singlePredicate:
                        input:
                            name: envoy.matching.inputs.uri_san
                        valueMatch:
                            ${match}`;

const MERGED = `
filters:
- name: envoy.filters.network.rbac
  typedConfig:
    matcher:
        matcherList:
            matchers:
                - onMatch:${action('kri_mtp_default_zone-1_ns-1_mtp-1_', true)}
                  predicate:${uriSan('exact: spiffe://trust-domain.mesh/ns/backend/v1')}
                - onMatch:${action('kri_mtp_default_zone-1_ns-1_mtp-2_', false)}
                  predicate:${uriSan('prefix: spiffe://trust-domain.mesh/ns/backend')}
        onNoMatch:${action('default', true).replace(/^ {4}/gm, '')}
`;

const LEGACY = `
filters:
  - name: envoy.filters.network.rbac
    typedConfig:
      rules:
          policies:
              MeshTrafficPermission:
                  permissions:
                      - any: true
                  principals:
                      - andIds:
                          ids:
                              - authenticated:
                                  principalName:
                                      exact: spiffe://m/backend
                              - authenticated:
                                  principalName:
                                      exact: kuma://version/v1
                      - andIds:
                          ids:
                              - authenticated:
                                  principalName:
                                      exact: spiffe://m/web
                              - notId:
                                  authenticated:
                                      principalName:
                                          exact: kuma://kuma.io/zone/us-west
`;

function listener(chain: string): EnvoyListener {
  return { name: 'inbound', filterChains: [parse(chain)] };
}

const caller = (...uriSans: string[]): Caller => ({ uriSans });

describe('listenerVerdict on the filters of Kuma’s own tests', () => {
  it.each([
    ['merged: the exact deny', MERGED, caller('spiffe://trust-domain.mesh/ns/backend/v1'), false],
    ['merged: the prefix allow', MERGED, caller('spiffe://trust-domain.mesh/ns/backend/v2'), true],
    ['merged: neither, the default deny', MERGED, caller('spiffe://other/ns/x'), false],
    [
      'merged: uri_san is every URI SAN joined, so the exact deny misses a two-URI certificate',
      MERGED,
      caller('spiffe://trust-domain.mesh/ns/backend/v1', 'kuma://env/prod'),
      true,
    ],
    [
      'legacy: backend with version v1',
      LEGACY,
      caller('spiffe://m/backend', 'kuma://version/v1'),
      true,
    ],
    [
      'legacy: backend with another version',
      LEGACY,
      caller('spiffe://m/backend', 'kuma://version/v2'),
      false,
    ],
    [
      'legacy: web outside us-west',
      LEGACY,
      caller('spiffe://m/web', 'kuma://kuma.io/zone/us-east'),
      true,
    ],
    [
      'legacy: web in us-west (notId)',
      LEGACY,
      caller('spiffe://m/web', 'kuma://kuma.io/zone/us-west'),
      false,
    ],
  ] as const)('%s', (_name, chain, who, allowed) => {
    expect(listenerVerdict(listener(chain), who)?.allowed).toBe(allowed);
  });

  it('no RBAC filter: no verdict', () => {
    expect(
      listenerVerdict({ name: 'inbound', filterChains: [{ filters: [] }] }, caller('x')),
    ).toBeUndefined();
  });
});
