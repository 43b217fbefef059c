/**
 * How kuma-cp's rules engine and `_rules` endpoint behave at a given release. The cut-over
 * releases come from Kuma's git history; only 2.6.15 and 2.14.3 are checked against a real
 * kuma-cp, releases in between take the nearest documented behaviour.
 */
import { isAtLeast, type KumaVersion } from '../../../src/kuma/version';

export interface RulesFeatures {
  /** Resource metas in the answer carry `labels` (2.8). */
  metaLabels: boolean;
  /** Policies labelled `kuma.io/effect: shadow` are left out (2.7). */
  skipShadowPolicies: boolean;
  /**
   * 2.9: `toResourceRules`; the gateway's own meta on the synthetic dataplane; zone and
   * namespace checks; origins in merge order instead of by name; rules only from "old" kinds;
   * legacy `toRules` hidden in meshes with `meshServices.mode: Exclusive`.
   */
  resourceRules: boolean;
  /** 2.10: `inboundRules`, and `fromRules` sorted by port instead of Go map order. */
  inboundRules: boolean;
  /** 2.11: without negations and with at most one tag key, subsets are taken as they are. */
  plainSubsetsShortcut: boolean;
  /** 2.13: the subset iterator that enumerates one positive value or all negations per key. */
  keyedSubsetIterator: boolean;
  /** 2.14: subsets are grouped by maximal cliques instead of connected components. */
  cliques: boolean;
  /** 2.14: policy plugins ordered by their declared order (2.10+ lists agree with it). */
  policyTypes: readonly string[];
}

const POLICY_TYPES_2_6 = [
  'MeshHTTPRoute',
  'MeshTCPRoute',
  'MeshLoadBalancingStrategy',
  'MeshAccessLog',
  'MeshTrace',
  'MeshFaultInjection',
  'MeshRateLimit',
  'MeshTimeout',
  'MeshTrafficPermission',
  'MeshCircuitBreaker',
  'MeshHealthCheck',
  'MeshRetry',
  'MeshMetric',
  'MeshProxyPatch',
] as const;

function policyTypes(version: KumaVersion): string[] {
  const types: string[] = [...POLICY_TYPES_2_6];
  if (isAtLeast(version, 2, 8)) types.splice(3, 0, 'MeshPassthrough');
  if (isAtLeast(version, 2, 9)) types.splice(2, 0, 'MeshTLS');
  if (isAtLeast(version, 2, 10)) {
    // MeshHealthCheck moved ahead of MeshCircuitBreaker.
    const healthCheck = types.indexOf('MeshHealthCheck');
    types.splice(healthCheck, 1);
    types.splice(types.indexOf('MeshCircuitBreaker'), 0, 'MeshHealthCheck');
  }
  return types;
}

export function rulesFeatures(version: KumaVersion): RulesFeatures {
  return {
    metaLabels: isAtLeast(version, 2, 8),
    skipShadowPolicies: isAtLeast(version, 2, 7),
    resourceRules: isAtLeast(version, 2, 9),
    inboundRules: isAtLeast(version, 2, 10),
    plainSubsetsShortcut: isAtLeast(version, 2, 11),
    keyedSubsetIterator: isAtLeast(version, 2, 13),
    cliques: isAtLeast(version, 2, 14),
    policyTypes: policyTypes(version),
  };
}
