/**
 * Basic MeshTrafficPermission rules (`pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/validator.go`
 * plus the CRD enum for `action`): targetRef kinds, a non-empty `from[]`, and the action enum.
 */
import type { MeshTrafficPermission } from '../types';
import { atLeast, type ValidationContext } from './context';
import { asArray, asRecord, isPresent } from './guards';
import { validateTopLevelTargetRef } from './route-target';
import { unsupportedEnumValueMessage } from './schema';
import { validateTargetRef } from './target-ref';
import { rootedAt, type Violation, ViolationList } from './violations';

export const TRAFFIC_ACTIONS = ['Allow', 'Deny', 'AllowWithShadowDeny'] as const;

const FROM_KINDS = ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset'];

function topLevelKinds(ctx: ValidationContext): string[] {
  return atLeast(ctx, 2, 10) ? [...FROM_KINDS, 'Dataplane'] : FROM_KINDS;
}

/** Paths start with `spec.`. */
export function validateMeshTrafficPermission(
  p: MeshTrafficPermission,
  ctx: ValidationContext,
): Violation[] {
  const out = new ViolationList();
  const specPath = rootedAt('spec');
  const spec = asRecord(asRecord(p)?.spec) ?? {};
  validateTopLevelTargetRef(
    out,
    specPath.field('targetRef'),
    spec.targetRef,
    topLevelKinds(ctx),
    ctx,
    {
      isInboundPolicy: true,
    },
  );

  const from = asArray(spec.from);
  if (from.length === 0) {
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
    const actionPath = itemPath.field('default').field('action');
    if (!isPresent(action) || action === '') {
      out.add(actionPath, 'must be defined');
    } else if (!(TRAFFIC_ACTIONS as readonly unknown[]).includes(action)) {
      out.add(actionPath, unsupportedEnumValueMessage(action, TRAFFIC_ACTIONS));
    }
  });
  return out.items;
}
