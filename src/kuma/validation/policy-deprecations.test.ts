import { describe, expect, it } from 'vitest';
import { parseKumaVersion } from '../version';
import type { ValidationContext } from './context';
import { policyDeprecations } from './policy-deprecations';

const v214: ValidationContext = { version: parseKumaVersion('2.14.3') };
const zoneLabels = { 'kuma.io/zone': 'default', 'kuma.io/origin': 'zone' };

const RFC1123_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

type Case = [
  description: string,
  kind: string,
  resource: Record<string, unknown>,
  ctx: ValidationContext,
  expected: string[],
];

// The warnings a real kuma-cp 2.14.3 returned for these resources.
const cases: Case[] = [
  [
    'a route on a MeshService',
    'MeshHTTPRoute',
    { spec: { targetRef: { kind: 'MeshService', name: 'frontend' }, to: [] } },
    v214,
    ["MeshService value for 'targetRef.kind' is deprecated, use Dataplane with labels instead"],
  ],
  ['a TCP route on the mesh', 'MeshTCPRoute', { spec: { targetRef: { kind: 'Mesh' } } }, v214, []],
  [
    'a permission from a MeshService',
    'MeshTrafficPermission',
    {
      spec: {
        targetRef: { kind: 'Mesh' },
        from: [{ targetRef: { kind: 'MeshService', name: 'web' }, default: { action: 'Allow' } }],
      },
    },
    v214,
    [
      "'from' field is deprecated and will be removed in 3.0, use 'rules' with MeshIdentity (spiffeId) instead",
      "MeshService value for 'from[].targetRef.kind' is deprecated, use MeshSubset with 'kuma.io/service' instead",
    ],
  ],
  [
    'a permission for a MeshSubset',
    'MeshTrafficPermission',
    {
      spec: {
        targetRef: { kind: 'MeshSubset', tags: { a: 'b' } },
        from: [{ targetRef: { kind: 'Mesh' }, default: { action: 'Allow' } }],
      },
    },
    v214,
    [
      "'from' field is deprecated and will be removed in 3.0, use 'rules' with MeshIdentity (spiffeId) instead",
      "MeshSubset value for 'targetRef.kind' is deprecated, use Dataplane with labels instead",
    ],
  ],
  [
    'MeshService ports whose sections are not DNS labels',
    'MeshService',
    {
      name: 'ms-1',
      mesh: 'default',
      labels: zoneLabels,
      spec: { ports: [{ port: -2 }, { port: 80, name: 'UP' }] },
    },
    v214,
    [
      `Invalid MeshService SNI (port "-2"): ${RFC1123_LABEL}. This is deprecated.`,
      `Invalid MeshService SNI (port "UP"): ${RFC1123_LABEL}. This is deprecated.`,
    ],
  ],
  [
    'a MeshService name that is no DNS-1035 label',
    'MeshService',
    { name: '1ms', mesh: 'default', labels: zoneLabels, spec: {} },
    v214,
    [
      "Invalid MeshService resource name: '1ms'. It does not conform to the DNS format (RFC 1035). This is deprecated. Errors: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ],
  ],
  [
    'nothing before 2.10 (no body to carry warnings)',
    'MeshHTTPRoute',
    { spec: { targetRef: { kind: 'MeshService', name: 'frontend' } } },
    { version: parseKumaVersion('2.6.15') },
    [],
  ],
];

describe('policyDeprecations', () => {
  it.each(cases)('%s', (_description, kind, resource, ctx, expected) => {
    expect(policyDeprecations(kind, resource, ctx)).toEqual(expected);
  });
});
