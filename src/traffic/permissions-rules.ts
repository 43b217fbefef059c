/**
 * MeshTrafficPermission `spec.rules[]` (kuma-cp 2.12+; before, kuma-cp refuses the field), as
 * kumahq/kuma v2.14.3 turns them into the destination's Envoy RBAC. Facts from
 * `pkg/plugins/policies/meshtrafficpermission/plugin/v1alpha1/plugin.go`,
 * `…/xds/rbac_configurer.go`, `pkg/plugins/policies/core/rules/inbound/inboundrules.go`,
 * `pkg/envoy/builders/xds/matchers/matchers.go` and `pkg/core/ca/issuer/issuer.go`:
 *
 * - Per destination inbound, the policies whose top-level targetRef selects it are gathered. If
 *   any of them has `rules`, the inbound's RBAC is built from the `rules` of those policies only
 *   and every `from[]` of the others is ignored (MTP is not "from as rules"); otherwise the
 *   legacy `from[]` merge decides (`permissions.ts`).
 * - The matcher lists every `deny` of every rule first, then every `allow` and
 *   `allowWithShadowDeny`; Envoy stops at the first match, and no match is a deny ("default").
 *   So a deny anywhere beats an allow anywhere, whatever the policies' order.
 * - A match is `spiffeID` (Exact or Prefix) AND `sni` (Exact) when both are set; the matches of
 *   one list are OR-ed.
 * - `spiffeID` is matched on Envoy's `envoy.matching.inputs.uri_san`: every URI SAN of the
 *   caller's certificate joined with ",". A mesh-mTLS certificate (builtin or provided CA, no
 *   MeshIdentity) carries `spiffe://<mesh>/<service>` for each service, then `kuma://<tag>/<value>`
 *   for every tag (keys and values sorted), so an Exact SPIFFE ID never equals the whole input
 *   and only a Prefix can match such a caller.
 * - `sni` is matched on the server name the caller sends: for a `kuma.io/service` destination
 *   `<service>{mesh=<mesh>}` (`tls.SNIFromTags`); for a MeshService a hashed name this module
 *   does not compute, so an SNI match against one is reported as unknown.
 * A MeshIdentity (workload identity, 2.12+) changes the certificate and makes rules apply with
 * mTLS off; the dashboard does not read MeshIdentities, so it is not modelled here.
 */
import type { MeshTrafficPermission } from '../kuma/types';

export type RuleList = 'deny' | 'allow' | 'allowWithShadowDeny';

export interface PermissionMatch {
  spiffeID?: { type?: string; value?: string };
  sni?: { type?: string; value?: string };
}

export interface PermissionRule {
  default?: Partial<Record<RuleList, PermissionMatch[]>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `spec.rules[]` of a stored policy, read defensively (it is untyped JSON from the API). */
export function permissionRules(policy: MeshTrafficPermission): PermissionRule[] {
  const rules = (policy.spec as { rules?: unknown } | undefined)?.rules;
  return Array.isArray(rules) ? rules.filter(isRecord).map((rule) => rule as PermissionRule) : [];
}

export function hasRules(policy: MeshTrafficPermission): boolean {
  return permissionRules(policy).length > 0;
}

/** What the destination's Envoy sees of the caller. */
export interface PeerView {
  /** The certificate's URI SANs in order (`spiffe://…` first, then `kuma://…`). */
  uriSans: string[];
  /** The server name the caller sends; undefined when the dashboard cannot tell. */
  sni?: string;
}

/** URI SANs of a mesh-mTLS workload certificate for these tags (issuer.go newWorkloadTemplate). */
export function meshCertificateUris(mesh: string, tags: Record<string, string[]>): string[] {
  const sorted = (values: readonly string[]) => [...new Set(values)].sort();
  const spiffe = sorted(tags['kuma.io/service'] ?? []).map(
    (service) => `spiffe://${mesh}/${service}`,
  );
  const kuma = Object.keys(tags)
    .sort()
    .flatMap((key) => sorted(tags[key] ?? []).map((value) => `kuma://${key}/${value}`));
  return [...spiffe, ...kuma];
}

/** The SNI a mesh proxy sends to a `kuma.io/service` destination (tls.SNIFromTags). */
export function legacyServiceSni(mesh: string, service: string): string {
  return `${service}{mesh=${mesh}}`;
}

export type MatchOutcome = 'match' | 'no-match' | 'unknown';

/** One `Match`: its set parts AND-ed; a match with no part is skipped by kuma-cp (no-match). */
export function matchOutcome(match: PermissionMatch, peer: PeerView): MatchOutcome {
  const parts: MatchOutcome[] = [];
  if (match.spiffeID) {
    const input = peer.uriSans.join(',');
    const value = match.spiffeID.value ?? '';
    const hit = match.spiffeID.type === 'Prefix' ? input.startsWith(value) : input === value;
    parts.push(hit ? 'match' : 'no-match');
  }
  if (match.sni) {
    parts.push(
      peer.sni === undefined ? 'unknown' : peer.sni === match.sni.value ? 'match' : 'no-match',
    );
  }
  if (parts.length === 0 || parts.includes('no-match')) return 'no-match';
  return parts.includes('unknown') ? 'unknown' : 'match';
}

export interface RuleHit {
  policy: MeshTrafficPermission;
  ruleIndex: number;
  list: RuleList;
  matchIndex: number;
  outcome: 'match' | 'unknown';
}

export interface RulesDecision {
  /** The first matching entry in Envoy's order; undefined: nothing matched, denied by default. */
  decidedBy?: RuleHit;
  allowed: boolean;
  /** An SNI match the dashboard could not judge came before the decision. */
  uncertain?: RuleHit;
  /** Every entry that matched (or might), in Envoy's order. */
  hits: RuleHit[];
}

/**
 * The verdict of the RBAC kuma-cp builds from the `rules` of `policies` (already the ones that
 * select the destination, in Kuma's policy order).
 */
export function decideByRules(
  policies: readonly MeshTrafficPermission[],
  peer: PeerView,
): RulesDecision {
  const hits: RuleHit[] = [];
  const collect = (lists: readonly RuleList[]) => {
    for (const policy of policies) {
      permissionRules(policy).forEach((rule, ruleIndex) => {
        for (const list of lists) {
          (rule.default?.[list] ?? []).forEach((match, matchIndex) => {
            const outcome = matchOutcome(match ?? {}, peer);
            if (outcome !== 'no-match') hits.push({ policy, ruleIndex, list, matchIndex, outcome });
          });
        }
      });
    }
  };
  // Every deny before every allow (rbac_configurer.go createMatcher).
  collect(['deny']);
  collect(['allow', 'allowWithShadowDeny']);
  const decidedBy = hits.find((hit) => hit.outcome === 'match');
  const uncertain = hits.find(
    (hit) =>
      hit.outcome === 'unknown' && (!decidedBy || hits.indexOf(hit) < hits.indexOf(decidedBy)),
  );
  return {
    allowed: decidedBy !== undefined && decidedBy.list !== 'deny',
    hits,
    ...(decidedBy ? { decidedBy } : {}),
    ...(uncertain ? { uncertain } : {}),
  };
}

export function describeMatch(match: PermissionMatch | undefined): string {
  const parts: string[] = [];
  if (match?.spiffeID)
    parts.push(`SPIFFE ID ${match.spiffeID.type ?? 'Exact'} "${match.spiffeID.value ?? ''}"`);
  if (match?.sni) parts.push(`SNI "${match.sni.value ?? ''}"`);
  return parts.length > 0 ? parts.join(' and ') : 'an empty match';
}

export function matchAt(hit: RuleHit): PermissionMatch | undefined {
  return permissionRules(hit.policy)[hit.ruleIndex]?.default?.[hit.list]?.[hit.matchIndex];
}
