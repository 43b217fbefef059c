import { describe, expect, it } from 'vitest';
import type { MeshTrafficPermission, MeshTrafficPermissionSpec } from '../types';
import { parseKumaVersion } from '../version';
import type { ValidationContext } from './context';
import { validateMeshTrafficPermission } from './mesh-traffic-permission';
import type { Violation } from './violations';

const v = (raw: string): ValidationContext => ({ version: parseKumaVersion(raw) });
const v29 = v('2.9.0');
const v214 = v('2.14.3');

const mtp = (spec: MeshTrafficPermissionSpec): MeshTrafficPermission => ({
  type: 'MeshTrafficPermission',
  mesh: 'default',
  name: 'allow-edge-gateway',
  spec,
});

const allowGateway: MeshTrafficPermissionSpec = {
  targetRef: { kind: 'Mesh' },
  from: [
    {
      targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'edge-gateway' } },
      default: { action: 'Allow' },
    },
  ],
};

type Case = [
  description: string,
  p: MeshTrafficPermission,
  ctx: ValidationContext,
  expected: Violation[],
];

const valid: Case[] = [
  ['the documented gateway permission', mtp(allowGateway), v214, []],
  [
    'every action and source kind',
    mtp({
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
    v214,
    [],
  ],
  [
    '2.10+: top-level kind Dataplane',
    mtp({ ...allowGateway, targetRef: { kind: 'Dataplane' } }),
    v214,
    [],
  ],
  ['2.9+: top-level targetRef omitted', mtp({ from: allowGateway.from }), v29, []],
  // The action enum is the schema's check; the validator only wants one set.
  [
    'action outside the enum',
    mtp({
      targetRef: { kind: 'Mesh' },
      from: [{ targetRef: { kind: 'Mesh' }, default: { action: 'Permit' as never } }],
    }),
    v214,
    [],
  ],
  [
    '2.12+: rules instead of from',
    mtp({
      targetRef: { kind: 'Dataplane', sectionName: 'ze-port' } as never,
      rules: [
        {
          default: {
            allow: [{ sni: { type: 'Exact', value: 'sni.extsvc.default.zone-1.aws-aurora.8443' } }],
          },
        },
      ],
    } as never),
    v214,
    [],
  ],
];

const invalid: Case[] = [
  [
    '2.14: no from[] and no rules[]',
    mtp({ targetRef: { kind: 'Mesh' }, from: [] }),
    v214,
    [{ field: 'spec', message: "at least one of 'from' or 'rules' has to be defined" }],
  ],
  [
    'before 2.12: no from[] entries',
    mtp({ targetRef: { kind: 'Mesh' }, from: [] }),
    v29,
    [{ field: 'spec.from', message: 'needs at least one item' }],
  ],
  [
    'action missing',
    mtp({ targetRef: { kind: 'Mesh' }, from: [{ targetRef: { kind: 'Mesh' }, default: {} }] }),
    v214,
    [{ field: 'spec.from[0].default.action', message: 'must be defined' }],
  ],
  [
    'sectionName without from or rules (not an inbound policy then)',
    mtp({ targetRef: { kind: 'Dataplane', sectionName: 'http' } as never }),
    v214,
    [
      { field: 'spec.targetRef.sectionName', message: 'can only be used with inbound policies' },
      { field: 'spec', message: "at least one of 'from' or 'rules' has to be defined" },
    ],
  ],
  [
    'rules default is nil',
    mtp({ targetRef: { kind: 'Mesh' }, rules: [{ default: {} }] } as never),
    v214,
    [
      {
        field: 'spec.rules[0]',
        message: "at least one of 'allow', 'allowWithShadowDeny', 'deny' has to be defined",
      },
    ],
  ],
  [
    'from and rules together',
    mtp({
      ...allowGateway,
      rules: [{ default: { allow: [{ spiffeID: { type: 'Exact', value: 'spiffe://a/b' } }] } }],
    } as never),
    v214,
    [{ field: 'spec', message: "field 'from' must be empty when 'rules' is defined" }],
  ],
  [
    'matches with invalid spiffe id and sni',
    mtp({
      targetRef: { kind: 'Mesh' },
      rules: [
        {
          default: {
            allow: [{ spiffeID: { type: 'Exact', value: 'trust.domain/service' } }],
            deny: [{ sni: { type: 'Exact', value: '' } }],
          },
        },
      ],
    } as never),
    v214,
    [
      {
        field: 'spec.rules[0].allow[0].spiffeID',
        message: 'must be a valid Spiffe ID: scheme is missing or invalid',
      },
      { field: 'spec.rules[0].deny[0].sni.value', message: 'must be set' },
    ],
  ],
  [
    'top-level kind MeshGateway',
    mtp({ ...allowGateway, targetRef: { kind: 'MeshGateway', name: 'edge-gateway' } }),
    v214,
    [{ field: 'spec.targetRef.kind', message: "value 'MeshGateway' is not supported" }],
  ],
  [
    'source kind MeshGateway',
    mtp({
      targetRef: { kind: 'Mesh' },
      from: [{ targetRef: { kind: 'MeshGateway', name: 'edge' }, default: { action: 'Allow' } }],
    }),
    v('2.12.0'),
    [{ field: 'spec.from[0].targetRef.kind', message: 'value is not supported' }],
  ],
  [
    'MeshSubset tag value with "/"',
    mtp({
      targetRef: { kind: 'Mesh' },
      from: [
        { targetRef: { kind: 'MeshSubset', tags: { team: 'a/b' } }, default: { action: 'Allow' } },
      ],
    }),
    v214,
    [
      {
        field: 'spec.from[0].targetRef.tags["team"]',
        message: 'tag value must consist of alphanumeric characters, dots, dashes and underscores',
      },
    ],
  ],
];

/**
 * Cases the MeshTrafficPermission form can produce, checked against Kuma's source at the pinned
 * releases: `pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/validator.go` (2.14.3:
 * `from`/`rules` exclusive, `validateTop` skipped for a nil targetRef; 2.6.15: `from` required,
 * no `rules` field) and `pkg/core/resources/apis/mesh/validators.go` `ValidateTargetRef`
 * (2.14.3 "name or labels must be set when kind is …" at the reference, 2.6.15 "must be set
 * with kind …" at `name`). The same bodies get the same answers from kuma-cp in the
 * differential suite (`real-cp/differential/permission-sequences.ts`).
 */
const v26 = v('2.6.15');
const formCases: Case[] = [
  [
    '2.14.3: a MeshService target without name or labels',
    mtp({ ...allowGateway, targetRef: { kind: 'MeshService' } }),
    v214,
    [{ field: 'spec.targetRef', message: 'name or labels must be set when kind is MeshService' }],
  ],
  [
    '2.6.15: a MeshService target without name',
    mtp({ ...allowGateway, targetRef: { kind: 'MeshService' } }),
    v26,
    [{ field: 'spec.targetRef.name', message: 'must be set with kind MeshService' }],
  ],
  [
    '2.6.15: rules[] is no field, so from[] is still missing',
    mtp({
      targetRef: { kind: 'Mesh' },
      rules: [{ default: { allow: [{ spiffeID: { type: 'Exact', value: 'spiffe://a/b' } }] } }],
    } as never),
    v26,
    [{ field: 'spec.from', message: 'needs at least one item' }],
  ],
  [
    '2.14.3: a Dataplane target with both name and labels',
    mtp({
      ...allowGateway,
      targetRef: { kind: 'Dataplane', name: 'orders-1', labels: { app: 'orders' } },
    }),
    v214,
    [
      {
        field: 'spec.targetRef.labels',
        message: 'either labels or name and namespace must be specified',
      },
    ],
  ],
  [
    'the pre-filled fix on 2.6.15',
    mtp({ ...allowGateway, targetRef: { kind: 'MeshService', name: 'orders' } }),
    v26,
    [],
  ],
];

describe('validateMeshTrafficPermission', () => {
  it.each(formCases)('form case: %s', (_description, p, ctx, expected) => {
    expect(validateMeshTrafficPermission(p, ctx)).toEqual(expected);
  });

  it.each(valid)('valid: %s', (_description, p, ctx, expected) => {
    expect(validateMeshTrafficPermission(p, ctx)).toEqual(expected);
  });

  it.each(invalid)('invalid: %s', (_description, p, ctx, expected) => {
    expect(validateMeshTrafficPermission(p, ctx)).toEqual(expected);
  });
});
