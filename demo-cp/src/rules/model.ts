/**
 * The shapes the rules engine reads: stored resources as kuma-cp keeps them (meta at the top,
 * a `spec` for new-style policies), and the little of Kuma's resource model it needs.
 */
import { displayNameOf } from '../../../src/kuma/display-name';

export type Labels = Record<string, string>;

export interface TargetRef {
  kind: string;
  name?: string;
  namespace?: string;
  sectionName?: string;
  tags?: Labels;
  labels?: Labels;
  proxyTypes?: string[];
  mesh?: string;
}

/** Any stored resource: meta fields at the top level, the rest of the body beside them. */
export interface StoredObject {
  type: string;
  mesh?: string;
  name: string;
  labels?: Labels;
  creationTime?: string;
  [field: string]: unknown;
}

export interface Policy extends StoredObject {
  mesh: string;
  spec?: Record<string, unknown>;
}

/** Where a rule's conf came from. */
export interface Origin {
  resource: StoredObject;
  ruleIndex: number;
}

/** What the engine reads from the mesh: kuma-cp's base mesh context, in store order. */
export interface MeshResources {
  /** The Mesh resource itself. */
  mesh: StoredObject;
  /** The mesh's resources of one type, ordered by name as the store lists them. */
  list(type: string): StoredObject[];
}

export { DISPLAY_NAME_LABEL } from '../../../src/kuma/display-name';
export const ORIGIN_LABEL = 'kuma.io/origin';
export const ZONE_LABEL = 'kuma.io/zone';
export const NAMESPACE_LABEL = 'k8s.kuma.io/namespace';
export const POLICY_ROLE_LABEL = 'kuma.io/policy-role';
export const EFFECT_LABEL = 'kuma.io/effect';
export { SERVICE_TAG } from '../../../src/kuma/validation/tags';

export function labelsOf(resource: StoredObject | undefined): Labels {
  return resource?.labels ?? {};
}

/** The name Kuma sorts and references by: `kuma.io/display-name` when set. */
export const displayName = (resource: StoredObject): string => displayNameOf(resource);

/** A policy's top-level targetRef; without one it targets the whole mesh. */
export function topLevelTargetRef(policy: Policy): TargetRef {
  return (policy.spec?.targetRef as TargetRef | undefined) ?? { kind: 'Mesh' };
}

/** `IsReferenced`: same mesh, and the reference names the resource's display name. */
export function isReferenced(
  referrer: StoredObject,
  name: string,
  resource: StoredObject,
): boolean {
  return (referrer.mesh ?? '') === (resource.mesh ?? '') && name === displayName(resource);
}

export function resourceKey(resource: StoredObject): string {
  return `${resource.mesh ?? ''}\u0000${resource.name}`;
}

/** Go's `cmp.Compare` on strings (byte order; code units agree with it for BMP text). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
