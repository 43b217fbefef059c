/**
 * MeshTCPRoute rules from `pkg/plugins/policies/meshtcproute/api/v1alpha1/validator.go`:
 * the shared targetRef rules (R2–R6), R9 (rules need backendRefs) and R10–R13.
 */
import type { MeshTCPRoute } from '../types';
import type { ValidationContext } from './context';
import { asArray, asRecord } from './guards';
import {
  backendRefKinds,
  routeTopLevelKinds,
  validateBackendRef,
  validateTopLevelTargetRef,
  validateToTargetRef,
} from './route-target';
import { rootedAt, type Violation, ViolationList } from './violations';

/** R2–R6 and R9–R13 for a MeshTCPRoute. Paths start with `spec.`. */
export function validateMeshTCPRoute(route: MeshTCPRoute, ctx: ValidationContext): Violation[] {
  const out = new ViolationList();
  const specPath = rootedAt('spec');
  const spec = asRecord(asRecord(route)?.spec) ?? {};
  const topKind = validateTopLevelTargetRef(
    out,
    specPath.field('targetRef'),
    spec.targetRef,
    routeTopLevelKinds(ctx),
    ctx,
  );

  const kinds = backendRefKinds(ctx);
  asArray(spec.to).forEach((rawTo, i) => {
    const to = asRecord(rawTo) ?? {};
    const toPath = specPath.field('to').index(i);
    validateToTargetRef(out, toPath.field('targetRef'), topKind, to.targetRef, ctx);

    asArray(to.rules).forEach((rawRule, j) => {
      const backendRefsPath = toPath.field('rules').index(j).field('default').field('backendRefs');
      const backendRefs = asArray(asRecord(asRecord(rawRule)?.default)?.backendRefs);
      if (backendRefs.length === 0) {
        out.add(backendRefsPath, 'must be defined');
        return;
      }
      backendRefs.forEach((ref, k) => {
        validateBackendRef(out, backendRefsPath.index(k), ref, kinds, ctx);
      });
    });
  });
  return out.items;
}
