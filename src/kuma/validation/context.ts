import { isAtLeast, type KumaVersion } from '../version';

/** What a validator needs to know about the control plane it mirrors. */
export interface ValidationContext {
  /**
   * Rules differ by release: 2.6 vs 2.7+ (R8 redirect), 2.9+ (new backendRef kinds, optional
   * top-level targetRef), 2.10+ (route targetRef tag rules, kind Dataplane), 2.13+ ("value 'X' is
   * not supported" wording), 2.14 (D3/D6/D8, inbound tags optional, outbound-only sidecars,
   * "must be set when kind is" wording).
   */
  version: KumaVersion;
  /**
   * Paths are always Universal paths. On Kubernetes the webhook prefixes legacy resources'
   * paths with `spec.`; callers that render CRD errors add that prefix themselves.
   */
  environment?: 'universal' | 'kubernetes';
}

/** `validators.Violation` message for a kind outside the supported list. */
export function notSupportedMessage(value: string, ctx: ValidationContext): string {
  return isAtLeast(ctx.version, 2, 13)
    ? `value '${value}' is not supported`
    : 'value is not supported';
}

/** `requiredField` in `ValidateTargetRef`; reworded in 2.14 (kumahq/kuma#16104). */
export function mustBeSetForKindMessage(kind: string, ctx: ValidationContext): string {
  return isAtLeast(ctx.version, 2, 14)
    ? `must be set when kind is ${kind}`
    : `must be set with kind ${kind}`;
}

/** `disallowedField` in `ValidateTargetRef`. */
export function mustNotBeSetForKindMessage(kind: string): string {
  return `must not be set with kind ${kind}`;
}

export function atLeast(ctx: ValidationContext, major: number, minor: number): boolean {
  return isAtLeast(ctx.version, major, minor);
}

/**
 * The title of kuma-cp's 400 for violations its resource managers find when they store a
 * resource (the mesh manager's checks, a validator that needs the meta): the REST handler names
 * the failed store call, and 2.12 reworded it (kumahq/kuma#13486).
 */
export function storeErrorTitle(ctx: ValidationContext, creating: boolean): string {
  const action = creating ? 'create' : 'update';
  return atLeast(ctx, 2, 12) ? `Failed to ${action} a resource` : `Could not ${action} a resource`;
}
