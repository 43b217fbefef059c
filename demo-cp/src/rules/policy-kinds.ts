/**
 * What each policy type's Go API offers the rules engine: which lists it has (`to`, `from`,
 * `rules`, a single top-level `default`), what an item's `default` conf is, and how its confs
 * merge. Types kuma-cp does not know as policy plugins are not policies here either.
 */
import type { KumaVersion } from '../../../src/kuma/version';
import { isAtLeast } from '../../../src/kuma/version';
import type { ConfShape } from './merge';
import type { Policy, TargetRef } from './model';

export interface PolicyItem {
  targetRef: TargetRef;
  conf: unknown;
}

export interface RuleEntry {
  conf: unknown;
  /** The `matches` of a `rules[]` entry (inbound policies), empty when the type has none. */
  matches: unknown[];
}

export interface PolicyKind {
  type: string;
  hasTo: boolean;
  hasFrom: boolean;
  /** `spec.rules` (inbound rules, 2.10+). */
  hasRules: boolean;
  /** `from` entries count as inbound rules when a policy has no `rules` (2.10+). */
  fromAsRules: boolean;
  /** The policy has one top-level `default` instead of lists (`proxyRule`). */
  singleItem: boolean;
  shape: ConfShape;
}

const array = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? (value as Record<string, unknown>[]) : [];

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The Go zero value of a conf struct prints as `{}` (when all its fields are `omitempty`). */
const defaultOf = (item: Record<string, unknown>): unknown => item.default ?? {};

/** MeshHTTPRoute: the rules reversed (lowest precedence first) and the `to`'s hostnames. */
function httpRouteDefault(to: Record<string, unknown>): unknown {
  const rules = array(to.rules);
  const hostnames = array(to.hostnames);
  return {
    ...(rules.length > 0 ? { rules: [...rules].reverse() } : {}),
    ...(hostnames.length > 0 ? { hostnames } : {}),
  };
}

/** MeshTCPRoute: its first rule, or a rule sending everything to the `to` target itself. */
function tcpRouteDefault(to: Record<string, unknown>): unknown {
  const rules = array(to.rules);
  if (rules.length > 0) return rules[0];
  return { default: { backendRefs: [{ ...record(to.targetRef), weight: 1 }] } };
}

export function toItems(policy: Policy): PolicyItem[] {
  return array(policy.spec?.to).map((to) => ({
    targetRef: (to.targetRef ?? { kind: '' }) as TargetRef,
    conf:
      policy.type === 'MeshHTTPRoute'
        ? httpRouteDefault(to)
        : policy.type === 'MeshTCPRoute'
          ? tcpRouteDefault(to)
          : defaultOf(to),
  }));
}

export function fromItems(policy: Policy): PolicyItem[] {
  return array(policy.spec?.from).map((from) => ({
    targetRef: (from.targetRef ?? { kind: '' }) as TargetRef,
    conf: defaultOf(from),
  }));
}

const RULES_WITH_MATCHES = new Set([
  'MeshAccessLog',
  'MeshFaultInjection',
  'MeshRateLimit',
  'MeshTimeout',
]);

export function ruleEntries(policy: Policy): RuleEntry[] {
  return array(policy.spec?.rules).map((rule) => ({
    conf: defaultOf(rule),
    matches: RULES_WITH_MATCHES.has(policy.type) ? array(rule.matches) : [],
  }));
}

/** The single item's targetRef is always the whole mesh: the top level already selected. */
export function singleItem(policy: Policy): PolicyItem {
  return { targetRef: { kind: 'Mesh' }, conf: record(policy.spec?.default) };
}

interface KindTraits {
  to?: boolean;
  from?: boolean;
  rules?: boolean;
  fromAsRules?: boolean;
  single?: boolean;
}

/** As of 2.14; older releases lack `rules` and from-as-rules (see `policyKind`). */
const TRAITS: Record<string, KindTraits> = {
  MeshAccessLog: { to: true, from: true, rules: true, fromAsRules: true },
  MeshCircuitBreaker: { to: true, from: true, rules: true, fromAsRules: true },
  MeshFaultInjection: { to: true, from: true, rules: true },
  MeshHealthCheck: { to: true },
  MeshHTTPRoute: { to: true },
  MeshLoadBalancingStrategy: { to: true },
  MeshMetric: { single: true },
  MeshPassthrough: { single: true },
  MeshProxyPatch: { single: true },
  MeshRateLimit: { to: true, from: true, rules: true, fromAsRules: true },
  MeshRetry: { to: true },
  MeshTCPRoute: { to: true },
  MeshTimeout: { to: true, from: true, rules: true, fromAsRules: true },
  MeshTLS: { from: true, rules: true, fromAsRules: true },
  MeshTrace: { single: true },
  MeshTrafficPermission: { from: true, rules: true },
};

function shapeOf(type: string, version: KumaVersion): ConfShape {
  const pointers = isAtLeast(version, 2, 10);
  switch (type) {
    case 'MeshHTTPRoute':
      return { httpRouteDefault: true };
    case 'MeshMetric':
      return isAtLeast(version, 2, 7)
        ? {
            appendFields: [
              { path: ['sidecar', 'profiles', 'appendProfiles'], declared: 'pointer' },
            ],
          }
        : {};
    case 'MeshPassthrough':
      return {
        appendFields: [
          { path: ['appendMatch'], declared: pointers ? 'pointer' : 'omitempty-slice' },
        ],
      };
    case 'MeshProxyPatch':
      return {
        appendFields: [{ path: ['appendModifications'], declared: pointers ? 'pointer' : 'slice' }],
      };
    default:
      return {};
  }
}

export function policyKind(type: string, version: KumaVersion): PolicyKind | undefined {
  const traits = TRAITS[type];
  if (!traits) return undefined;
  const inbound = isAtLeast(version, 2, 10);
  return {
    type,
    hasTo: traits.to ?? false,
    hasFrom: traits.from ?? false,
    hasRules: inbound && (traits.rules ?? false),
    fromAsRules: inbound && (traits.fromAsRules ?? false),
    singleItem: traits.single ?? false,
    shape: shapeOf(type, version),
  };
}
