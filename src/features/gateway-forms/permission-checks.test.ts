/**
 * The MeshTrafficPermission form's verdicts on its own output, and the demo control plane's
 * answer to the same PUT: each form-made policy is sent to the demo (which runs the shared
 * admission, as kuma-cp's PUT does) and must get exactly the violations the form predicted.
 * Kuma's messages come from `pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/validator.go`
 * and `pkg/core/resources/apis/mesh/validators.go` at v2.14.3 and at 2.6.15.
 */
import { describe, expect, it } from 'vitest';
import { parseKumaVersion } from '../../kuma/version';
import { demoBackend } from '../../test/demo-backend';
import { type FormContext, formContext } from './model';
import { checkPermissionForm, MSG_EMPTY_MATCH, permissionField } from './permission-checks';
import {
  emptyFrom,
  emptyMatch,
  emptyPermissionForm,
  emptyTargetRef,
  type PermissionForm,
  permissionFormForFix,
  permissionFromForm,
} from './permission-convert';

function ctxFor(version: string): FormContext {
  const base = formContext(
    {
      version: parseKumaVersion(version),
      environment: 'universal',
      mode: 'standalone',
      product: 'Kuma',
      federatedZone: false,
    } as never,
    'default',
  );
  return base;
}

const named = (form: PermissionForm): PermissionForm => ({ ...form, name: form.name || 'p1' });

const fix = permissionFormForFix({
  mesh: 'default',
  gateway: 'edge-gateway',
  source: 'edge-gateway',
  service: 'orders',
});

type Case = [
  name: string,
  version: string,
  form: PermissionForm,
  expected: { field: string; message: string }[],
];

const CASES: Case[] = [
  ['the pre-filled fix', '2.14.3', fix, []],
  ['the pre-filled fix', '2.6.15', fix, []],
  ['a new form as it opens, named', '2.14.3', named(emptyPermissionForm()), []],
  [
    'no caller at all (2.14)',
    '2.14.3',
    { ...fix, from: [] },
    [{ field: 'from', message: "at least one of 'from' or 'rules' has to be defined" }],
  ],
  [
    'no caller at all (2.6)',
    '2.6.15',
    { ...fix, from: [] },
    [{ field: 'from', message: 'needs at least one item' }],
  ],
  [
    'a caller without action',
    '2.14.3',
    { ...fix, from: [{ ...emptyFrom(''), target: emptyTargetRef('Mesh') }] },
    [{ field: 'from.0.action', message: 'must be defined' }],
  ],
  [
    'a MeshService target without its name',
    '2.14.3',
    { ...fix, target: emptyTargetRef('MeshService') },
    [{ field: 'target', message: 'name or labels must be set when kind is MeshService' }],
  ],
  [
    'a MeshService target without its name (2.6)',
    '2.6.15',
    { ...fix, target: emptyTargetRef('MeshService') },
    [{ field: 'target.name', message: 'must be set with kind MeshService' }],
  ],
  [
    'a caller tag value with "/"',
    '2.14.3',
    {
      ...fix,
      from: [
        {
          target: { ...emptyTargetRef('MeshSubset'), tags: [{ key: 'team', value: 'a/b' }] },
          action: 'Allow',
        },
      ],
    },
    [
      {
        field: 'from.0.target.tags.0.value',
        message: 'tag value must consist of alphanumeric characters, dots, dashes and underscores',
      },
    ],
  ],
  [
    // 2.6's schema.yaml enum refuses the kind before the validator runs.
    'a Dataplane target on 2.6, which does not know the kind',
    '2.6.15',
    { ...fix, target: emptyTargetRef('Dataplane') },
    [
      {
        field: 'target.kind',
        message:
          'in body should be one of [Mesh MeshSubset MeshGateway MeshService MeshServiceSubset MeshHTTPRoute]',
      },
    ],
  ],
  [
    'rules with an invalid SPIFFE ID (2.14)',
    '2.14.3',
    {
      ...fix,
      mode: 'rules',
      rules: [
        {
          allow: [{ ...emptyMatch(), spiffeValue: 'trust.domain/service' }],
          allowWithShadowDeny: [],
          deny: [],
        },
      ],
    },
    [
      {
        field: 'rules.0.allow.0.spiffeValue',
        message: 'must be a valid Spiffe ID: scheme is missing or invalid',
      },
    ],
  ],
  [
    'a rule without any match (2.14)',
    '2.14.3',
    { ...fix, mode: 'rules', rules: [{ allow: [], allowWithShadowDeny: [], deny: [] }] },
    [
      {
        field: 'rules.0',
        message: "at least one of 'allow', 'allowWithShadowDeny', 'deny' has to be defined",
      },
    ],
  ],
];

describe('MeshTrafficPermission form checks', () => {
  it.each(CASES)('%s on %s', (_name, version, form, expected) => {
    const check = checkPermissionForm(form, ctxFor(version), { mesh: 'default' }, { isNew: true });
    expect(check.errors.map(({ field, message }) => ({ field, message }))).toEqual(expected);
  });

  it('says an empty match row is empty, before Kuma’s own message about it', () => {
    const form: PermissionForm = {
      ...fix,
      mode: 'rules',
      rules: [{ allow: [{ ...emptyMatch(), spiffeType: '' }], allowWithShadowDeny: [], deny: [] }],
    };
    const check = checkPermissionForm(form, ctxFor('2.14.3'), { mesh: 'default' }, { isNew: true });
    expect(check.errors.map((issue) => issue.message)).toContain(MSG_EMPTY_MATCH);
  });

  it('flags a tag name typed twice', () => {
    const form: PermissionForm = {
      ...fix,
      target: {
        ...emptyTargetRef('MeshSubset'),
        tags: [
          { key: 'app', value: 'a' },
          { key: 'app', value: 'b' },
        ],
      },
    };
    const check = checkPermissionForm(form, ctxFor('2.14.3'), { mesh: 'default' }, { isNew: true });
    expect(check.errors.map((issue) => issue.field)).toEqual(['target.tags.1.key']);
  });
});

describe('permissionField', () => {
  const form: PermissionForm = {
    ...fix,
    from: [
      {
        target: { ...emptyTargetRef('MeshSubset'), tags: [{ key: 'k', value: 'v' }] },
        action: 'Allow',
      },
    ],
  };
  it.each([
    ['name', 'name'],
    ['spec', 'from'],
    ['spec.from', 'from'],
    ['spec.targetRef.kind', 'target.kind'],
    ['spec.targetRef.labels["app"]', 'target.labels'],
    ['spec.from[0].targetRef.tags["k"]', 'from.0.target.tags.0.value'],
    ['spec.from[0].default.action', 'from.0.action'],
    ['spec.rules[1].deny[2].sni.type', 'rules.1.deny.2.sniType'],
    ['spec.rules[1].deny[2].sni.value', 'rules.1.deny.2.sniValue'],
    ['spec.rules[0]', 'rules.0'],
    ['spec.somethingElse', ''],
    ['metadata', ''],
  ])('%s → %s', (path, field) => {
    expect(permissionField(path, 'x', form)).toBe(field);
  });
});

describe('the demo control plane answers the form’s PUTs as predicted', () => {
  it.each(CASES)('%s on %s', async (name, version, form, expected) => {
    const backend = demoBackend({ kumaVersion: version });
    const policy = permissionFromForm(
      { ...form, name: `case-${CASES.findIndex(([n, v]) => n === name && v === version)}` },
      { mesh: 'default' },
    );
    const response = await backend.fetch(
      `/api/meshes/default/meshtrafficpermissions/${policy.name}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(policy),
      },
    );
    if (expected.length === 0) {
      expect(response.status).toBe(201);
      const stored = await backend.fetch(
        `/api/meshes/default/meshtrafficpermissions/${policy.name}`,
      );
      expect(await stored.json()).toMatchObject({ name: policy.name, spec: policy.spec });
      return;
    }
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      invalid_parameters?: { field: string; reason: string }[];
    };
    const check = checkPermissionForm(form, ctxFor(version), { mesh: 'default' }, { isNew: true });
    const predicted = check.errors
      .filter((issue) => issue.kumaPath !== undefined)
      .map((issue) => ({ field: issue.kumaPath, reason: issue.message }));
    expect(body.invalid_parameters).toEqual(predicted);
  });
});
