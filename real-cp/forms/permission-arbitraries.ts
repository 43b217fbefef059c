/**
 * MeshTrafficPermission form inputs as people fill them in, drawn by fast-check: the target
 * kinds of every release (Dataplane and an omitted targetRef included, which older ones
 * refuse), callers with and without an action, and SPIFFE ID / SNI rules. Half of the forms
 * are drawn from accepted values only, so both verdicts are exercised.
 */
import fc from 'fast-check';
import type { TagRow } from '../../src/features/gateway-forms/model';
import type {
  FromForm,
  MatchForm,
  PermissionForm,
  RuleForm,
  TargetRefForm,
} from '../../src/features/gateway-forms/permission-convert';

type Clean = boolean;

function anyOf<T>(clean: Clean, valid: readonly T[], invalid: readonly T[]): fc.Arbitrary<T> {
  return clean ? fc.constantFrom(...valid) : fc.constantFrom(...valid, ...invalid);
}

function rows(clean: Clean, keys: readonly string[], max: number): fc.Arbitrary<TagRow[]> {
  return fc.uniqueArray(
    fc.record({
      key: anyOf(clean, keys, ['', 'bad key']),
      value: anyOf(clean, ['orders', 'edge-gateway', 'v1'], ['', 'a/b', '*']),
    }),
    { maxLength: max, selector: (row) => row.key },
  );
}

function target(clean: Clean, kinds: readonly string[], invalidKinds: readonly string[]) {
  return fc.record<TargetRefForm>({
    kind: anyOf(clean, kinds, invalidKinds),
    name: anyOf(clean, ['orders', 'backend', 'orders-1'], ['', 'Bad Name']),
    namespace: fc.constant(''),
    sectionName: anyOf(clean, [''], ['http', '8080']),
    tags: rows(clean, ['kuma.io/service', 'version'], 2),
    labels: rows(clean, ['app', 'kuma.io/zone'], 1),
  });
}

const from = (clean: Clean): fc.Arbitrary<FromForm> =>
  fc.record({
    target: target(
      clean,
      ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset'],
      ['MeshGateway', 'Dataplane'],
    ),
    action: anyOf(clean, ['Allow', 'Deny', 'AllowWithShadowDeny'] as const, ['' as const]),
  });

const match = (clean: Clean): fc.Arbitrary<MatchForm> =>
  fc.record({
    spiffeType: anyOf(clean, ['Exact', 'Prefix'] as const, ['' as const]),
    spiffeValue: anyOf(
      clean,
      ['spiffe://default.default.mesh.local/ns/kuma-demo/sa/edge', 'spiffe://trust.domain/a'],
      ['trust.domain/a', ''],
    ),
    sniType: fc.constant(''),
    sniValue: anyOf(clean, [''], ['orders.mesh', 'Not_A_Host']),
  });

const rule = (clean: Clean): fc.Arbitrary<RuleForm> =>
  fc.record({
    allow: fc.array(match(clean), { minLength: clean ? 1 : 0, maxLength: 2 }),
    allowWithShadowDeny: fc.array(match(clean), { maxLength: 1 }),
    deny: fc.array(match(clean), { maxLength: 1 }),
  });

export const permissionForm: fc.Arbitrary<PermissionForm> = fc.boolean().chain((clean) =>
  fc.record({
    name: anyOf(clean, ['allow-edge', 'p.team-a'], ['Bad_Name', '-x']),
    target: target(
      clean,
      ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset'],
      ['', 'Dataplane', 'MeshGateway'],
    ),
    mode: anyOf(clean, ['from' as const], ['rules' as const]),
    from: fc.array(from(clean), { minLength: clean ? 1 : 0, maxLength: 3 }),
    rules: fc.array(rule(clean), { minLength: 1, maxLength: 2 }),
  }),
);
