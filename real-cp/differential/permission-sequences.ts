/**
 * MeshTrafficPermission writes as the dashboard's form makes them (`permission-convert.ts`):
 * the fix a finding offers, created, read back, edited, refused in Kuma's words, deleted. Each
 * sequence cleans up after itself, so it runs without the automatic clean-up and reads back
 * what it wrote.
 */
import {
  emptyFrom,
  emptyMatch,
  emptyTargetRef,
  type PermissionForm,
  permissionFormForFix,
  permissionFromForm,
} from '../../src/features/gateway-forms/permission-convert';
import type { Sequence, Step } from './compare';
import { resourcePath } from './sequences';

const path = (name: string) => resourcePath('MeshTrafficPermission', name);

function put(form: PermissionForm, label: string): Step {
  return {
    method: 'PUT',
    path: path(form.name),
    body: permissionFromForm(form, { mesh: 'default' }),
    label,
  };
}

const get = (name: string, label = `read back ${name}`): Step => ({
  method: 'GET',
  path: path(name),
  label,
});

const del = (name: string, label = `delete ${name}`): Step => ({
  method: 'DELETE',
  path: path(name),
  label,
});

/** The fix for the `mixed` scenario's denied pair: edge-gateway → orders. */
const fix = permissionFormForFix({
  mesh: 'default',
  gateway: 'edge-gateway',
  source: 'edge-gateway',
  service: 'orders',
});

function lifecycle(): Step[] {
  const name = fix.name;
  const edited: PermissionForm = {
    ...fix,
    from: [
      ...fix.from,
      { target: { ...emptyTargetRef('MeshService'), name: 'frontend' }, action: 'Deny' },
      { target: emptyTargetRef('Mesh'), action: 'AllowWithShadowDeny' },
    ],
  };
  return [
    put(fix, 'create: the pre-filled fix'),
    get(name),
    put(edited, 'update: two more callers (MeshService Deny, Mesh AllowWithShadowDeny)'),
    get(name, 'read back the update'),
    put(
      { ...edited, target: emptyTargetRef('MeshSubset') },
      'update: MeshSubset target without tags',
    ),
    get(name, 'read back after an update with no tags'),
    del(name),
    get(name, 'read after delete'),
    del(name, 'delete again'),
  ];
}

/** Refusals: each body is what the form sends for a mistake a user can make in it. */
function refusals(): Step[] {
  const bad = (suffix: string, form: Partial<PermissionForm>, label: string): Step =>
    put({ ...fix, ...form, name: `mtp-bad-${suffix}` }, label);
  return [
    bad('no-callers', { from: [] }, 'invalid: no caller'),
    bad('no-action', { from: [emptyFrom('')] }, 'invalid: a caller without action'),
    bad(
      'service-no-name',
      { target: emptyTargetRef('MeshService') },
      'invalid: MeshService target without name',
    ),
    bad(
      'subset-no-name',
      {
        target: { ...emptyTargetRef('MeshServiceSubset'), tags: [{ key: 'version', value: 'v1' }] },
      },
      'invalid: MeshServiceSubset target without name',
    ),
    bad(
      'tag-slash',
      {
        from: [
          {
            target: { ...emptyTargetRef('MeshSubset'), tags: [{ key: 'team', value: 'a/b' }] },
            action: 'Allow',
          },
        ],
      },
      'invalid: a caller tag value with "/"',
    ),
    bad(
      'dataplane-labels-and-name',
      {
        target: {
          ...emptyTargetRef('Dataplane'),
          name: 'orders-1',
          labels: [{ key: 'app', value: 'orders' }],
        },
      },
      'a Dataplane target with name and labels (2.6: no such kind)',
    ),
    bad(
      'rules-bad-spiffe',
      {
        mode: 'rules',
        rules: [
          {
            allow: [{ ...emptyMatch(), spiffeValue: 'trust.domain/service' }],
            allowWithShadowDeny: [],
            deny: [{ ...emptyMatch(), spiffeType: '', sniType: 'Exact', sniValue: 'Not_A_Host' }],
          },
        ],
      },
      'rules: a SPIFFE ID without scheme and an SNI that is no DNS name (2.6: no rules field)',
    ),
    bad(
      'rules-empty',
      { mode: 'rules', rules: [{ allow: [], allowWithShadowDeny: [], deny: [] }] },
      'rules: a rule without matches',
    ),
    // Whatever a side kept is removed again (a 404 where nothing was stored).
    ...[
      'no-callers',
      'no-action',
      'service-no-name',
      'subset-no-name',
      'tag-slash',
      'dataplane-labels-and-name',
      'rules-bad-spiffe',
      'rules-empty',
    ].map((suffix) => del(`mtp-bad-${suffix}`)),
  ];
}

export function permissionSequences(): Sequence[] {
  return [
    { kind: 'write: MeshTrafficPermission (form: create, update, delete)', steps: lifecycle() },
    { kind: 'write: MeshTrafficPermission (form: refused)', steps: refusals() },
  ];
}
