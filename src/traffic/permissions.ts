// Over 400 lines: from[] and rules[] evaluation side by side behind one verdict; rules[] matching itself is in permissions-rules.ts.
/**
 * MeshTrafficPermission evaluation (gateway-semantics.md §6.2 rules 8–9; facts from kumahq/kuma
 * `pkg/plugins/policies/core/rules/rules.go` `BuildRules`, `core/matchers/dataplane.go`
 * `ByTargetRef`, `api/common/v1alpha1/targetref.go` kind order).
 *
 * With mTLS off there is no RBAC: everything is allowed. With mTLS on:
 *  1. A policy applies when its top-level targetRef selects the destination (Mesh; MeshSubset
 *     tags; MeshService name; MeshServiceSubset name + tags; Dataplane name / labels). A missing
 *     targetRef means Mesh.
 *  2. Every `from[]` entry whose targetRef matches the caller (Mesh; MeshSubset tags;
 *     MeshService / MeshServiceSubset on the caller's `kuma.io/service`) contributes its action.
 *  3. Contributions are merged in Kuma's policy order and the LAST one wins:
 *     - the more specific top-level targetRef comes later (Mesh < Dataplane < MeshSubset <
 *       MeshService < MeshServiceSubset), so it wins;
 *     - at equal top-level kind, policies are ordered by name descending, so the policy whose
 *       name sorts first wins;
 *     - inside one policy, a later `from[]` entry overrides an earlier one.
 *     The specificity of the `from[].targetRef` itself does not decide.
 *  4. No contribution at all means denied (mTLS on and no policy allowing the caller).
 * `AllowWithShadowDeny` allows (it only logs as if denied).
 *
 * From 2.12 a policy may have `rules[]` instead of `from[]`: when any policy selecting the
 * destination has them, they alone decide (deny first, then allow, else denied) and every
 * `from[]` is ignored for that destination (`permissions-rules.ts`).
 */
import { displayNameOf } from '../kuma/display-name';
import type { MeshSnapshot } from '../kuma/snapshot';
import type {
  DataplaneOverview,
  Labels,
  MeshTrafficPermission,
  Tags,
  TargetRef,
  TrafficAction,
} from '../kuma/types';
import { isMtlsEnabled } from '../kuma/validation/mtls-enabled';
import { counted, plural } from '../lib/plural';
import { SERVICE_TAG } from './backends';
import {
  decideByRules,
  describeMatch,
  hasRules,
  legacyServiceSni,
  matchAt,
  meshCertificateUris,
  permissionRules,
  type RuleHit,
  type RuleList,
} from './permissions-rules';

// One definition for the whole code base (the validators' own, which reads untyped JSON safely).
export { isMtlsEnabled };

export interface SourceIdentity {
  mesh: string;
  /** `kuma.io/service` values in the caller's certificate. */
  services: string[];
  /** Every tag value the caller presents (a sidecar with several inbounds has several). */
  tags: Record<string, string[]>;
  /** "gateway edge-gateway-1 (kuma.io/service edge-gateway)". */
  label: string;
}

export function sourceIdentityFromTags(
  mesh: string,
  tagSets: readonly Tags[],
  label: string,
): SourceIdentity {
  const tags: Record<string, string[]> = {};
  for (const set of tagSets) {
    for (const [key, value] of Object.entries(set ?? {})) {
      const values = tags[key] ?? [];
      if (!values.includes(value)) values.push(value);
      tags[key] = values;
    }
  }
  return { mesh, services: tags[SERVICE_TAG] ?? [], tags, label };
}

/** The identity of a Dataplane: its gateway tags, or the tags of all its inbounds. */
export function sourceIdentityFromDataplane(dataplane: DataplaneOverview): SourceIdentity {
  const networking = dataplane.dataplane?.networking;
  const kind = networking?.gateway ? 'gateway' : 'dataplane';
  const tagSets = networking?.gateway
    ? [networking.gateway.tags ?? {}]
    : (networking?.inbound ?? [])
        .filter((inbound) => inbound && inbound.state !== 'Ignored')
        .map((inbound) => inbound.tags ?? {});
  const identity = sourceIdentityFromTags(dataplane.mesh, tagSets, '');
  const services =
    identity.services.length > 0 ? identity.services.join(', ') : 'no kuma.io/service tag';
  return { ...identity, label: `${kind} ${dataplane.name} (kuma.io/service ${services})` };
}

export interface PermissionTarget {
  mesh: string;
  /** Tags of the destination inbound (`kuma.io/service`, `version`, …). */
  tags: Tags;
  dataplane?: { name: string; labels?: Labels };
  /** The MeshService resource name, when the destination is a real MeshService. */
  meshService?: string;
  /**
   * The SNI the caller sends, when known. Without it: `<service>{mesh=<mesh>}` for a
   * `kuma.io/service` destination, unknown for a MeshService (kuma-cp hashes its name).
   */
  sni?: string;
}

/** kuma-cp's `TargetRefKind` order: a more specific kind sorts later and wins. */
export const TARGET_REF_KIND_ORDER: Readonly<Record<string, number>> = {
  Mesh: 1,
  Dataplane: 2,
  MeshSubset: 3,
  MeshGateway: 4,
  MeshService: 5,
  MeshExternalService: 6,
  MeshMultiZoneService: 7,
  MeshServiceSubset: 8,
  MeshHTTPRoute: 9,
};

function kindRank(ref: TargetRef | undefined): number {
  return TARGET_REF_KIND_ORDER[ref?.kind ?? 'Mesh'] ?? 0;
}

function selectorMatches(selector: Tags | undefined, values: (key: string) => string[]): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => {
    const actual = values(key);
    return value === '*' ? actual.length > 0 : actual.includes(value);
  });
}

/** Does the policy's top-level targetRef select the destination? */
export function topLevelSelects(ref: TargetRef | undefined, target: PermissionTarget): boolean {
  if (ref?.proxyTypes?.length && !ref.proxyTypes.includes('Sidecar')) return false;
  const tagValues = (key: string) =>
    target.tags[key] !== undefined ? [target.tags[key] as string] : [];
  const service = target.tags[SERVICE_TAG];
  switch (ref?.kind ?? 'Mesh') {
    case 'Mesh':
      return true;
    case 'MeshSubset':
      return selectorMatches(ref?.tags, tagValues);
    case 'MeshService':
      return Boolean(ref?.name) && (service === ref?.name || target.meshService === ref?.name);
    case 'MeshServiceSubset':
      return Boolean(ref?.name) && service === ref?.name && selectorMatches(ref?.tags, tagValues);
    case 'Dataplane': {
      if (!target.dataplane) return false;
      if (ref?.name && target.dataplane.name !== ref.name) return false;
      return selectorMatches(ref?.labels, (key) => {
        const value = target.dataplane?.labels?.[key];
        return value !== undefined ? [value] : [];
      });
    }
    default:
      return false;
  }
}

/** Does a `from[].targetRef` match the caller? */
export function fromMatches(ref: TargetRef | undefined, source: SourceIdentity): boolean {
  const values = (key: string) => source.tags[key] ?? [];
  switch (ref?.kind ?? 'Mesh') {
    case 'Mesh':
      return true;
    case 'MeshSubset':
      return selectorMatches(ref?.tags, values);
    case 'MeshService':
      return Boolean(ref?.name) && source.services.includes(ref?.name ?? '');
    case 'MeshServiceSubset':
      return (
        Boolean(ref?.name) &&
        source.services.includes(ref?.name ?? '') &&
        selectorMatches(ref?.tags, values)
      );
    default:
      return false;
  }
}

const displayName = (policy: MeshTrafficPermission): string => displayNameOf(policy);

export function describeTargetRef(ref: TargetRef | undefined): string {
  const kind = ref?.kind ?? 'Mesh';
  const parts: string[] = [kind];
  if (ref?.name) parts.push(`"${ref.name}"`);
  const tags = ref?.tags ?? ref?.labels;
  if (tags && Object.keys(tags).length > 0) {
    parts.push(
      `{${Object.entries(tags)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')}}`,
    );
  }
  return parts.join(' ');
}

export interface PermissionContribution {
  policy: MeshTrafficPermission;
  /** Index in `from[]`, or in `rules[]` when `rule` is set. */
  fromIndex: number;
  /** For a `rules[]` entry: which list of its `default` and which match in it. */
  rule?: { list: RuleList; matchIndex: number };
  action?: TrafficAction;
  /** "MeshTrafficPermission "allow-gw" (targetRef Mesh, from[0] MeshSubset {…}: Allow)". */
  description: string;
}

export interface PermissionDecision {
  mtls: boolean;
  allowed: boolean;
  action?: TrafficAction;
  decidedBy?: PermissionContribution;
  /** Every matching from[] entry, in merge order (the last with an action wins). */
  contributions: PermissionContribution[];
  /** One or two sentences naming the deciding policy. */
  reason: string;
  /** `rules`: decided by `rules[]` (2.12+), which override every `from[]` for the destination. */
  via?: 'from' | 'rules';
  resource?: { type: string; mesh: string; name: string };
}

function byMergeOrder(a: MeshTrafficPermission, b: MeshTrafficPermission): number {
  const rank = kindRank(a.spec?.targetRef) - kindRank(b.spec?.targetRef);
  if (rank !== 0) return rank;
  const nameA = displayName(a);
  const nameB = displayName(b);
  return nameA === nameB ? 0 : nameA > nameB ? -1 : 1;
}

export function evaluatePermission(
  mesh: MeshSnapshot,
  source: SourceIdentity,
  target: PermissionTarget,
): PermissionDecision {
  const meshName = mesh.mesh?.name ?? target.mesh;
  const destination = target.tags[SERVICE_TAG] ?? target.meshService ?? '(unknown service)';
  const policies = [...(mesh.trafficPermissions ?? [])].sort(byMergeOrder);
  if (!isMtlsEnabled(mesh.mesh)) {
    const note =
      policies.length > 0
        ? ` The ${counted(policies.length, 'MeshTrafficPermission')} in the mesh ${plural(policies.length, 'has', 'have')} no effect until mTLS is enabled; enabling it without one that allows ${source.label} will start producing 403s.`
        : '';
    return {
      mtls: false,
      allowed: true,
      contributions: [],
      reason: `mTLS is off in mesh "${meshName}", so there is no RBAC and ${source.label} may call ${destination}.${note}`,
    };
  }
  const selecting = policies.filter((policy) => topLevelSelects(policy.spec?.targetRef, target));
  if (selecting.some(hasRules)) {
    return decideWithRules(selecting, source, target, meshName, destination);
  }
  const contributions: PermissionContribution[] = [];
  for (const policy of selecting) {
    (policy.spec?.from ?? []).forEach((from, fromIndex) => {
      if (!fromMatches(from?.targetRef, source)) return;
      const action = from?.default?.action;
      contributions.push({
        policy,
        fromIndex,
        action,
        description: `MeshTrafficPermission "${policy.name}" (targetRef ${describeTargetRef(
          policy.spec?.targetRef,
        )}, from[${fromIndex}] ${describeTargetRef(from?.targetRef)}: ${action ?? 'no action'})`,
      });
    });
  }
  const decidedBy = [...contributions].reverse().find((c) => c.action !== undefined);
  if (!decidedBy) {
    return {
      mtls: true,
      allowed: false,
      via: 'from',
      contributions,
      reason: `mTLS is on in mesh "${meshName}" and no MeshTrafficPermission selecting ${destination} has a from[] entry matching ${source.label}, so the request is denied (403 RBAC: access denied). Add a MeshTrafficPermission that allows it.`,
    };
  }
  const allowed = decidedBy.action !== 'Deny';
  const others = contributions.filter((c) => c !== decidedBy && c.action !== undefined);
  const overrides =
    others.length > 0
      ? ` It takes precedence over ${others.map((c) => `"${c.policy.name}" from[${c.fromIndex}] (${c.action})`).join(', ')}: a more specific top-level targetRef wins, then the policy name that sorts first, then the later from[] entry.`
      : '';
  const shadow =
    decidedBy.action === 'AllowWithShadowDeny'
      ? ' (AllowWithShadowDeny: allowed, but logged as if denied)'
      : '';
  return {
    mtls: true,
    allowed,
    via: 'from',
    action: decidedBy.action,
    decidedBy,
    contributions,
    resource: {
      type: 'MeshTrafficPermission',
      mesh: decidedBy.policy.mesh ?? meshName,
      name: decidedBy.policy.name,
    },
    reason: `${allowed ? 'Allowed' : 'Denied'} by ${decidedBy.description} for ${source.label} calling ${destination}${shadow}.${overrides}`,
  };
}

const ACTION_OF_LIST: Readonly<Record<RuleList, TrafficAction>> = {
  deny: 'Deny',
  allow: 'Allow',
  allowWithShadowDeny: 'AllowWithShadowDeny',
};

function ruleContribution(hit: RuleHit): PermissionContribution {
  const action = ACTION_OF_LIST[hit.list];
  return {
    policy: hit.policy,
    fromIndex: hit.ruleIndex,
    rule: { list: hit.list, matchIndex: hit.matchIndex },
    action,
    description: `MeshTrafficPermission "${hit.policy.name}" (targetRef ${describeTargetRef(
      hit.policy.spec?.targetRef,
    )}, rules[${hit.ruleIndex}] ${hit.list}[${hit.matchIndex}] ${describeMatch(matchAt(hit))}: ${action})`,
  };
}

/** The `rules[]` path: kuma-cp's matcher RBAC (deny first, then allow, else the default deny). */
function decideWithRules(
  selecting: readonly MeshTrafficPermission[],
  source: SourceIdentity,
  target: PermissionTarget,
  meshName: string,
  destination: string,
): PermissionDecision {
  const uriSans = meshCertificateUris(source.mesh, source.tags);
  const service = target.tags[SERVICE_TAG];
  const sni =
    target.sni ??
    (target.meshService || !service ? undefined : legacyServiceSni(meshName, service));
  const decision = decideByRules(selecting, { uriSans, ...(sni !== undefined ? { sni } : {}) });
  const withRules = selecting.filter(hasRules);
  const ignored = selecting.filter(
    (policy) => !hasRules(policy) && (policy.spec?.from ?? []).length > 0,
  );
  const contributions = decision.hits
    .filter((hit) => hit.outcome === 'match')
    .map(ruleContribution);
  const ignoredNote =
    ignored.length > 0
      ? ` The from[] of ${ignored.map((policy) => `"${policy.name}"`).join(', ')} ${plural(ignored.length, 'is', 'are')} ignored: once a policy with rules[] selects a destination, kuma-cp builds its RBAC from rules[] only.`
      : '';
  const uncertain = decision.uncertain
    ? ` ${ruleContribution(decision.uncertain).description} matches on the SNI the gateway sends to a MeshService, which kuma-cp derives from a hash the dashboard does not compute, so this verdict assumes it does not match.`
    : '';
  const certificate = `the caller's certificate (URI SANs ${uriSans.join(',')})`;
  if (!decision.decidedBy) {
    const exactNote = exactSpiffeNote(withRules, uriSans);
    const first = withRules[0];
    return {
      mtls: true,
      allowed: false,
      via: 'rules',
      contributions,
      // The policy to add an allow to: its rules[] decide for this destination.
      ...(first
        ? {
            resource: {
              type: 'MeshTrafficPermission',
              mesh: first.mesh ?? meshName,
              name: first.name,
            },
          }
        : {}),
      reason: `mTLS is on in mesh "${meshName}" and the rules[] of ${withRules.map((policy) => `"${policy.name}"`).join(', ')} (selecting ${destination}) have no match for ${source.label}, so the request is denied by default (403 RBAC: access denied). Envoy matched them against ${certificate}.${exactNote}${ignoredNote}${uncertain}`,
    };
  }
  const decidedBy = ruleContribution(decision.decidedBy);
  const allowed = decision.allowed;
  const shadow =
    decidedBy.action === 'AllowWithShadowDeny'
      ? ' (AllowWithShadowDeny: allowed, but logged as if denied)'
      : '';
  const denyFirst =
    allowed || !contributions.some((c) => c.action !== 'Deny')
      ? ''
      : ' Every deny of rules[] is checked before any allow, so it wins over the allow that also matches.';
  return {
    mtls: true,
    allowed,
    via: 'rules',
    action: decidedBy.action,
    decidedBy,
    contributions,
    resource: {
      type: 'MeshTrafficPermission',
      mesh: decidedBy.policy.mesh ?? meshName,
      name: decidedBy.policy.name,
    },
    reason: `${allowed ? 'Allowed' : 'Denied'} by ${decidedBy.description} for ${source.label} calling ${destination}${shadow}.${denyFirst}${ignoredNote}${uncertain}`,
  };
}

/**
 * Envoy's `uri_san` input is every URI SAN joined by ",", so an Exact SPIFFE ID equal to the
 * caller's own SPIFFE ID does not match a mesh-mTLS certificate (it also carries kuma:// URIs).
 * Said when that is why nothing matched.
 */
function exactSpiffeNote(
  policies: readonly MeshTrafficPermission[],
  uriSans: readonly string[],
): string {
  const own = uriSans.filter((uri) => uri.startsWith('spiffe://'));
  const near = policies.some((policy) =>
    permissionRules(policy).some((rule) =>
      Object.values(rule.default ?? {}).some((matches) =>
        (matches ?? []).some(
          (match) => match?.spiffeID?.type === 'Exact' && own.includes(match.spiffeID.value ?? ''),
        ),
      ),
    ),
  );
  return near
    ? " An Exact SPIFFE ID equal to the caller's does not match: Envoy compares it with all the certificate's URI SANs joined by commas, and a mesh-mTLS certificate also carries kuma:// URIs; use Prefix."
    : '';
}
