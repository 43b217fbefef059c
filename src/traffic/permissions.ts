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
  fromIndex: number;
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
  const contributions: PermissionContribution[] = [];
  for (const policy of policies) {
    if (!topLevelSelects(policy.spec?.targetRef, target)) continue;
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
