/**
 * The precedence kuma-cp gives policies before merging them: broader targets first, then
 * global before unlabelled before zone-originated, then (2.9+) by policy role, and finally by
 * display name, descending. Later policies win.
 */
import { TARGET_REF_KIND_ORDER } from '../../../src/traffic/permissions';
import type { RulesFeatures } from './features';
import {
  compareStrings,
  displayName,
  labelsOf,
  ORIGIN_LABEL,
  POLICY_ROLE_LABEL,
  type Policy,
  type TargetRef,
  topLevelTargetRef,
} from './model';

export function compareKinds(a: string, b: string): number {
  return (TARGET_REF_KIND_ORDER[a] ?? 0) - (TARGET_REF_KIND_ORDER[b] ?? 0);
}

/** `kuma.io/origin`: global, then none, then zone (2.6 ranks any other value with "none"). */
function originRank(policy: Policy, features: RulesFeatures): number {
  const origin = labelsOf(policy)[ORIGIN_LABEL] ?? '';
  const ranks: Record<string, number> = { global: 1, '': 2, zone: 3 };
  return ranks[origin] ?? (features.resourceRules ? 0 : 2);
}

export function policyRole(policy: Policy): string {
  return labelsOf(policy)[POLICY_ROLE_LABEL] || 'system';
}

const ROLE_ORDER: Record<string, number> = {
  system: 1,
  producer: 2,
  consumer: 3,
  'workload-owner': 4,
};

function compareRoles(a: Policy, b: Policy, features: RulesFeatures): number {
  if (!features.resourceRules) return 0;
  return (ROLE_ORDER[policyRole(a)] ?? 0) - (ROLE_ORDER[policyRole(b)] ?? 0);
}

/** Dataplane targetRefs by name before by labels, without a section before with one. */
function compareDataplaneKinds(a: TargetRef, b: TargetRef): number {
  if (a.kind !== 'Dataplane' || b.kind !== 'Dataplane') return 0;
  if (a.name && b.labels) return 1;
  if (a.labels && b.name) return -1;
  if (a.sectionName && !b.sectionName) return 1;
  if (!a.sectionName && b.sectionName) return -1;
  return 0;
}

export function compareByDisplayNameDescending(a: Policy, b: Policy): number {
  return compareStrings(displayName(b), displayName(a));
}

/** `SortByTargetRef` / `ByTargetRef`: the order of matched policies. */
export function sortPolicies(policies: readonly Policy[], features: RulesFeatures): Policy[] {
  return [...policies].sort((a, b) => {
    const refA = topLevelTargetRef(a);
    const refB = topLevelTargetRef(b);
    return (
      compareKinds(refA.kind, refB.kind) ||
      compareDataplaneKinds(refA, refB) ||
      originRank(a, features) - originRank(b, features) ||
      (refA.kind === 'MeshGateway'
        ? Object.keys(refA.tags ?? {}).length - Object.keys(refB.tags ?? {}).length
        : 0) ||
      compareRoles(a, b, features) ||
      compareByDisplayNameDescending(a, b)
    );
  });
}

/** `CompareByPolicyAttributes`: the policy-level part of ordering `to` and `rules` entries. */
export function compareByPolicyAttributes(a: Policy, b: Policy, features: RulesFeatures): number {
  const refA = topLevelTargetRef(a);
  const refB = topLevelTargetRef(b);
  return (
    compareKinds(refA.kind, refB.kind) ||
    compareDataplaneKinds(refA, refB) ||
    originRank(a, features) - originRank(b, features) ||
    compareRoles(a, b, features)
  );
}
