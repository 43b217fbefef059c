/**
 * `inboundRules` (2.10+): a policy's `rules` entries, or its `from` entries for types that read
 * them as rules, each kept as it is (one rule per match), most specific match first.
 */
import type { RulesFeatures } from './features';
import type { Origin, Policy } from './model';
import { fromItems, type PolicyKind, ruleEntries } from './policy-kinds';
import { compareByDisplayNameDescending, compareByPolicyAttributes } from './policy-order';

export interface InboundRule {
  match?: unknown;
  conf: unknown;
  origin: Origin;
}

interface Entry {
  policy: Policy;
  ruleIndex: number;
  conf: unknown;
  matches: unknown[];
}

function entriesOf(policies: readonly Policy[], kind: PolicyKind): Entry[] {
  // Only types with both `rules` and `from` are read this way.
  if (!kind.hasRules || !kind.hasFrom) return [];
  return policies.flatMap((policy): Entry[] => {
    const rules = ruleEntries(policy);
    if (rules.length > 0) {
      return rules.map((rule, ruleIndex) => ({ policy, ruleIndex, ...rule }));
    }
    const from = fromItems(policy);
    if (kind.fromAsRules && from.length > 0) {
      return from.map((item, ruleIndex) => ({ policy, ruleIndex, conf: item.conf, matches: [] }));
    }
    return [];
  });
}

interface MatchShape {
  spiffeID?: { type?: string };
  sni?: unknown;
}

/** Matches naming a SPIFFE ID first (exact before prefix), then those naming an SNI. */
function compareMatches(a: unknown, b: unknown): number {
  const left = (a ?? {}) as MatchShape;
  const right = (b ?? {}) as MatchShape;
  const presence = (x: unknown, y: unknown) => (x && !y ? -1 : !x && y ? 1 : 0);
  const spiffe = presence(left.spiffeID, right.spiffeID);
  if (spiffe !== 0) return spiffe;
  if (left.spiffeID && right.spiffeID) {
    const score = (type?: string) => (type === 'Exact' ? 2 : type === 'Prefix' ? 1 : 0);
    const byType = score(right.spiffeID.type) - score(left.spiffeID.type);
    if (byType !== 0) return byType;
  }
  return presence(left.sni, right.sni);
}

export function buildInboundRules(
  policies: readonly Policy[],
  kind: PolicyKind,
  features: RulesFeatures,
): InboundRule[] {
  const entries = entriesOf(policies, kind).sort(
    (a, b) =>
      compareByPolicyAttributes(a.policy, b.policy, features) ||
      compareByDisplayNameDescending(a.policy, b.policy),
  );
  const rules = entries.flatMap((entry): InboundRule[] => {
    const origin = { resource: entry.policy, ruleIndex: entry.ruleIndex };
    return entry.matches.length === 0
      ? [{ conf: entry.conf, origin }]
      : entry.matches.map((match) => ({ match, conf: entry.conf, origin }));
  });
  return rules.sort((a, b) => compareMatches(a.match, b.match));
}
