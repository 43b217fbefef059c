/**
 * The parts MeshHTTPRoute and MeshTCPRoute validate the same way: the top-level `targetRef`,
 * `to[].targetRef` (R6: only `Mesh` under a MeshGateway) and `backendRefs[]` (R10–R13).
 */
import { atLeast, type ValidationContext } from './context';
import { asRecord, isPresent } from './guards';
import { refKind, validateTargetRef } from './target-ref';
import type { PathBuilder, ViolationList } from './violations';

/** Kinds a route's top-level targetRef accepts on Universal (every policy has the system role there). */
export function routeTopLevelKinds(ctx: ValidationContext): string[] {
  const kinds = ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset', 'MeshGateway'];
  return atLeast(ctx, 2, 10) ? [...kinds, 'Dataplane'] : kinds;
}

/** Kinds `backendRefs[]` accept; MeshExternalService and MeshMultiZoneService arrived in 2.9. */
export function backendRefKinds(ctx: ValidationContext): string[] {
  const kinds = ['MeshService', 'MeshServiceSubset'];
  return atLeast(ctx, 2, 9) ? [...kinds, 'MeshExternalService', 'MeshMultiZoneService'] : kinds;
}

/**
 * Validates `spec.targetRef` and returns the kind the rest of the spec is checked against. From
 * 2.9 the top-level targetRef is optional and defaults to `Mesh`; before, it is required.
 */
export function validateTopLevelTargetRef(
  out: ViolationList,
  path: PathBuilder,
  raw: unknown,
  supportedKinds: readonly string[],
  ctx: ValidationContext,
  extra: { isInboundPolicy?: boolean } = {},
): string {
  if (!isPresent(raw) && atLeast(ctx, 2, 9)) {
    return 'Mesh';
  }
  validateTargetRef(
    out,
    path,
    raw,
    { supportedKinds, gatewayListenerTagsAllowed: true, ...extra },
    ctx,
  );
  return refKind(raw);
}

/** `to[].targetRef`: `Mesh` only under a MeshGateway, otherwise a service kind. */
export function validateToTargetRef(
  out: ViolationList,
  path: PathBuilder,
  topKind: string,
  raw: unknown,
  ctx: ValidationContext,
): void {
  const supportedKinds =
    topKind === 'MeshGateway'
      ? ['Mesh']
      : atLeast(ctx, 2, 9)
        ? ['MeshService', 'MeshExternalService', 'MeshMultiZoneService']
        : ['MeshService'];
  validateTargetRef(out, path, raw, { supportedKinds }, ctx);
}

/** One `backendRefs[k]` entry: the reference rules (R10–R12), then R13 (MeshMultiZoneService port). */
export function validateBackendRef(
  out: ViolationList,
  path: PathBuilder,
  raw: unknown,
  supportedKinds: readonly string[],
  ctx: ValidationContext,
  allowedInvalidNames: readonly string[] = [],
): void {
  validateTargetRef(out, path, raw, { supportedKinds, allowedInvalidNames }, ctx);
  const ref = asRecord(raw);
  if (refKind(raw) === 'MeshMultiZoneService' && !isPresent(ref?.port)) {
    out.add(path.field('port'), 'must be defined with kind MeshMultiZoneService');
  }
}
