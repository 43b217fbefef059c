/**
 * MeshTrafficPermission rules from `pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/validator.go`:
 * the top-level targetRef (inbound when `from` or `rules` has entries), `from[]` references and
 * a defined action. From 2.12 `rules[]` (SPIFFE ID / SNI matches) may replace `from[]`; before,
 * `from[]` must not be empty. The action enum is the schema's to enforce.
 */
import type { MeshTrafficPermission } from '../types';
import { atLeast, type ValidationContext } from './context';
import { asArray, asRecord, asString, isPresent } from './guards';
import {
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  DNS1123_SUBDOMAIN_RE,
  MSG_DNS1123_SUBDOMAIN,
} from './hostname';
import { validateTopLevelTargetRef } from './route-target';
import { spiffeIdError } from './spiffe-id';
import { validateTargetRef } from './target-ref';
import { goQuote, type PathBuilder, rootedAt, type Violation, ViolationList } from './violations';

/** The actions the schema allows (`from[].default.action`). */
export const TRAFFIC_ACTIONS = ['Allow', 'Deny', 'AllowWithShadowDeny'] as const;

const FROM_KINDS = ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset'];

function topLevelKinds(ctx: ValidationContext): string[] {
  return atLeast(ctx, 2, 10) ? [...FROM_KINDS, 'Dataplane'] : FROM_KINDS;
}

/** `mesh.ValidateMatch`: a SPIFFE ID that parses, an SNI of type Exact naming a DNS subdomain. */
function validateMatch(out: ViolationList, path: PathBuilder, raw: unknown): void {
  const match = asRecord(raw) ?? {};
  const spiffeId = asRecord(match.spiffeID);
  if (spiffeId) {
    const error = spiffeIdError(asString(spiffeId.value));
    if (error) out.add(path.field('spiffeID'), `must be a valid Spiffe ID: ${error}`);
  }
  const sni = asRecord(match.sni);
  if (sni) {
    const type = asString(sni.type);
    if (type === '') out.add(path.field('sni.type'), 'must be set');
    else if (type !== 'Exact') {
      out.add(
        path.field('sni.type'),
        `unrecognized type ${goQuote(type)}, supported values are: Exact`,
      );
    }
    const value = asString(sni.value);
    if (value === '') out.add(path.field('sni.value'), 'must be set');
    else {
      if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) {
        out.add(
          path.field('sni.value'),
          `must be no more than ${DNS1123_SUBDOMAIN_MAX_LENGTH} characters`,
        );
      }
      if (!DNS1123_SUBDOMAIN_RE.test(value))
        out.add(path.field('sni.value'), MSG_DNS1123_SUBDOMAIN);
    }
  }
}

function validateRules(out: ViolationList, path: PathBuilder, rules: unknown[]): void {
  rules.forEach((raw, i) => {
    const rulePath = path.index(i);
    const conf = asRecord(asRecord(raw)?.default) ?? {};
    const lists = ['allow', 'allowWithShadowDeny', 'deny'] as const;
    if (lists.every((list) => asArray(conf[list]).length === 0)) {
      out.add(rulePath, "at least one of 'allow', 'allowWithShadowDeny', 'deny' has to be defined");
    }
    for (const list of lists) {
      asArray(conf[list]).forEach((match, j) => {
        validateMatch(out, rulePath.field(list).index(j), match);
      });
    }
  });
}

/** Paths start with `spec.`. */
export function validateMeshTrafficPermission(
  p: MeshTrafficPermission,
  ctx: ValidationContext,
): Violation[] {
  const out = new ViolationList();
  const specPath = rootedAt('spec');
  const spec = asRecord(asRecord(p)?.spec) ?? {};
  const from = asArray(spec.from);
  const rules = atLeast(ctx, 2, 12) ? asArray(spec.rules) : [];
  validateTopLevelTargetRef(
    out,
    specPath.field('targetRef'),
    spec.targetRef,
    topLevelKinds(ctx),
    ctx,
    { isInboundPolicy: from.length > 0 || rules.length > 0 },
  );

  if (atLeast(ctx, 2, 12)) {
    if (from.length > 0 && rules.length > 0) {
      out.add(specPath, "field 'from' must be empty when 'rules' is defined");
    }
    if (from.length === 0 && rules.length === 0) {
      out.add(specPath, "at least one of 'from' or 'rules' has to be defined");
    }
    validateRules(out, specPath.field('rules'), rules);
  } else if (from.length === 0) {
    out.add(specPath.field('from'), 'needs at least one item');
  }

  from.forEach((rawItem, i) => {
    const item = asRecord(rawItem) ?? {};
    const itemPath = specPath.field('from').index(i);
    validateTargetRef(
      out,
      itemPath.field('targetRef'),
      item.targetRef,
      { supportedKinds: FROM_KINDS },
      ctx,
    );
    const action = asRecord(item.default)?.action;
    if (!isPresent(action) || action === '') {
      out.add(itemPath.field('default').field('action'), 'must be defined');
    }
  });
  return out.items;
}
