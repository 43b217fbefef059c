import { describe, expect, it } from 'vitest';
import type { MeshTrafficPermission } from '../../kuma/types';
import { parseKumaVersion } from '../../kuma/version';
import { fixFromSearch, fixSearch } from '../../lib/fix-links';
import {
  emptyPermissionForm,
  fixPolicyName,
  type PermissionForm,
  permissionFormForFix,
  permissionFromForm,
  permissionTargetKinds,
  permissionToForm,
  specExtraOf,
  supportsRules,
  targetRefOptional,
} from './permission-convert';

const policy = (spec: Record<string, unknown>, extra: Partial<MeshTrafficPermission> = {}) =>
  ({
    type: 'MeshTrafficPermission',
    mesh: 'default',
    name: 'p',
    spec,
    ...extra,
  }) as MeshTrafficPermission;

/** Stored policies that must come back unchanged through the form. */
const ROUND_TRIPS: [string, MeshTrafficPermission][] = [
  [
    'the documented gateway permission',
    policy({
      targetRef: { kind: 'Mesh' },
      from: [
        {
          targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'edge-gateway' } },
          default: { action: 'Allow' },
        },
      ],
    }),
  ],
  [
    'every source kind and action, in order',
    policy({
      targetRef: { kind: 'MeshService', name: 'backend' },
      from: [
        { targetRef: { kind: 'Mesh' }, default: { action: 'Deny' } },
        {
          targetRef: { kind: 'MeshService', name: 'web' },
          default: { action: 'AllowWithShadowDeny' },
        },
        {
          targetRef: { kind: 'MeshServiceSubset', name: 'web', tags: { version: 'v1' } },
          default: { action: 'Allow' },
        },
      ],
    }),
  ],
  [
    'no top-level targetRef (2.9+)',
    policy({ from: [{ targetRef: { kind: 'Mesh' }, default: { action: 'Allow' } }] }),
  ],
  [
    'Dataplane with labels and a section; proxyTypes kept from a stored ref',
    policy({
      targetRef: { kind: 'Dataplane', labels: { app: 'orders' }, sectionName: 'http' },
      from: [
        { targetRef: { kind: 'Mesh', proxyTypes: ['Sidecar'] }, default: { action: 'Allow' } },
      ],
    }),
  ],
  [
    'rules with SPIFFE ID and SNI matches (2.12+)',
    policy({
      targetRef: { kind: 'Mesh' },
      rules: [
        {
          default: {
            allow: [
              { spiffeID: { type: 'Prefix', value: 'spiffe://default.zone.mesh.local/ns/a' } },
            ],
            deny: [
              {
                spiffeID: { type: 'Exact', value: 'spiffe://x/y' },
                sni: { type: 'Exact', value: 'a.b' },
              },
            ],
          },
        },
      ],
    }),
  ],
  [
    'a from[] entry without action (kuma-cp refuses it: the form shows that, not a default)',
    policy({ targetRef: { kind: 'Mesh' }, from: [{ targetRef: { kind: 'Mesh' }, default: {} }] }),
  ],
  [
    'labels of the stored policy are kept',
    policy(
      {
        targetRef: { kind: 'Mesh' },
        from: [{ targetRef: { kind: 'Mesh' }, default: { action: 'Allow' } }],
      },
      { labels: { team: 'payments' } },
    ),
  ],
];

describe('permission form ⇄ MeshTrafficPermission', () => {
  it.each(ROUND_TRIPS)('%s', (_name, stored) => {
    const form = permissionToForm(stored);
    const meta = { mesh: 'default', labels: stored.labels, specExtra: specExtraOf(stored) };
    expect(permissionFromForm(form, meta)).toEqual(stored);
  });

  it('writes only the fields of the chosen kind (switching MeshSubset → Mesh drops the tags)', () => {
    const form: PermissionForm = {
      ...emptyPermissionForm(),
      name: 'switch',
      target: {
        kind: 'Mesh',
        name: 'left-over',
        namespace: '',
        sectionName: '',
        tags: [{ key: 'a', value: 'b' }],
        labels: [],
      },
    };
    expect(permissionFromForm(form, { mesh: 'm' }).spec.targetRef).toEqual({ kind: 'Mesh' });
  });

  it('writes rules[] and no from[] in rules mode, and the other way round', () => {
    const form = permissionToForm(ROUND_TRIPS[0]?.[1] as MeshTrafficPermission);
    const rules = permissionFromForm(
      { ...form, mode: 'rules', rules: [{ allow: [], allowWithShadowDeny: [], deny: [] }] },
      { mesh: 'default' },
    );
    expect(rules.spec).toEqual({ targetRef: { kind: 'Mesh' }, rules: [{ default: {} }] });
    expect(Object.keys(permissionFromForm(form, { mesh: 'default' }).spec)).toEqual([
      'targetRef',
      'from',
    ]);
  });

  it('keeps spec fields it does not know when editing', () => {
    const stored = policy({
      targetRef: { kind: 'Mesh' },
      from: [{ targetRef: { kind: 'Mesh' }, default: { action: 'Allow' } }],
      futureField: { x: 1 },
    });
    expect(specExtraOf(stored)).toEqual({ futureField: { x: 1 } });
  });
});

describe('what each release offers', () => {
  it.each([
    ['2.6.15', ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset'], false, false],
    ['2.9.0', ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset'], false, true],
    [
      '2.10.0',
      ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset', 'Dataplane'],
      false,
      true,
    ],
    ['2.14.3', ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset', 'Dataplane'], true, true],
  ] as const)('%s', (raw, kinds, rules, optional) => {
    const version = parseKumaVersion(raw);
    expect(permissionTargetKinds(version)).toEqual(kinds);
    expect(supportsRules(version)).toBe(rules);
    expect(targetRefOptional(version)).toBe(optional);
  });
});

describe('the fix a finding offers', () => {
  const fix = {
    mesh: 'default',
    gateway: 'edge-gateway',
    source: 'edge-gateway',
    service: 'orders',
  };

  it('pre-fills the service as target and the gateway identity as the allowed caller', () => {
    expect(permissionFromForm(permissionFormForFix(fix), { mesh: 'default' })).toEqual({
      type: 'MeshTrafficPermission',
      mesh: 'default',
      name: 'allow-edge-gateway-to-orders',
      spec: {
        targetRef: { kind: 'MeshService', name: 'orders' },
        from: [
          {
            targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'edge-gateway' } },
            default: { action: 'Allow' },
          },
        ],
      },
    });
  });

  it.each([
    [{ source: 'edge-gateway', service: 'orders' }, 'allow-edge-gateway-to-orders'],
    // Kubernetes service tags carry "_": names are DNS-1123.
    [
      { source: 'edge-gateway_kuma-demo_svc', service: 'orders_kuma-demo_svc_8080' },
      'allow-edge-gateway-kuma-demo-svc-to-orders-kuma-demo-svc-8080',
    ],
    [{ source: '___', service: 'Orders.API' }, 'allow-gateway-to-orders-api'],
    [{ source: 'a'.repeat(300), service: 'b' }, `allow-${'a'.repeat(242)}-to-b`],
    [
      { source: 'a'.repeat(300), service: 'b'.repeat(300) },
      `allow-${'a'.repeat(121)}-to-${'b'.repeat(122)}`,
    ],
  ])('names the policy %j → %s', (ends, name) => {
    expect(fixPolicyName(ends)).toBe(name);
    expect(name.length).toBeLessThanOrEqual(253);
  });

  it('carries the fix in the query string and reads it back', () => {
    const search = fixSearch({ gateway: 'gw & co', source: 'a/b', service: 'c?d' });
    expect(fixFromSearch('m', new URLSearchParams(search))).toEqual({
      mesh: 'm',
      gateway: 'gw & co',
      source: 'a/b',
      service: 'c?d',
    });
  });

  it('reads no fix from a plain Create address', () => {
    expect(fixFromSearch('m', new URLSearchParams(''))).toBeUndefined();
    expect(fixFromSearch('m', new URLSearchParams('from=a'))).toBeUndefined();
  });
});
