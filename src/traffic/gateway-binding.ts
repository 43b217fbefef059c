/**
 * Which MeshGateway a BUILTIN gateway Dataplane serves (gateway-semantics.md §1.2, §6.2 rules 1–2;
 * facts from kumahq/kuma `pkg/core/policy/dataplane_matcher.go` and `pkg/xds/topology/gateway.go`).
 *
 * A gateway Dataplane gets exactly one MeshGateway: among the gateways with a selector matching
 * its gateway tags, the one whose matching selector has the most tags (exact values beat `*` at
 * equal count); on a tie the one created last. Gateways are visited in name order, so a full tie
 * (same rank, same creation time) goes to the alphabetically first name.
 */
import {
  type DataplaneStatus,
  dataplaneStatus,
  gatewayType,
  isConnected,
} from '../kuma/dataplane-status';
import type { MeshSnapshot } from '../kuma/snapshot';
import type { DataplaneOverview, MeshGateway, MeshGatewayListener, Tags } from '../kuma/types';
import { tagSelectorMatches } from '../kuma/validation/tag-selector';

// Kuma's matching of a tag selector; validation shares it (NoGatewayMatched).
export { tagSelectorMatches };

export interface SelectorRank {
  exact: number;
  wildcard: number;
}

export function selectorRank(selector: Tags | undefined): SelectorRank {
  const values = Object.values(selector ?? {});
  const wildcard = values.filter((value) => value === '*').length;
  return { exact: values.length - wildcard, wildcard };
}

/** Positive when `a` is the better (more specific) rank: total tags first, then exact tags. */
export function compareSelectorRank(a: SelectorRank, b: SelectorRank): number {
  const total = a.exact + a.wildcard - (b.exact + b.wildcard);
  return total !== 0 ? total : a.exact - b.exact;
}

function creationMillis(resource: { creationTime?: string }): number {
  const millis = resource.creationTime ? Date.parse(resource.creationTime) : Number.NaN;
  return Number.isNaN(millis) ? Number.NEGATIVE_INFINITY : millis;
}

/** Positive when `a` was created after `b`; a missing creation time counts as oldest. */
function compareCreation(a: { creationTime?: string }, b: { creationTime?: string }): number {
  const left = creationMillis(a);
  const right = creationMillis(b);
  return left === right ? 0 : left > right ? 1 : -1;
}

export interface GatewayCandidate {
  gateway: MeshGateway;
  /** Best rank among this gateway's selectors that match the dataplane. */
  rank: SelectorRank;
  /** The selector that produced `rank` (undefined when the gateway has no selectors). */
  selector?: Tags;
}

export interface GatewaySelection {
  /** The MeshGateway the dataplane serves; undefined when no selector matches. */
  gateway?: MeshGateway;
  rank?: SelectorRank;
  selector?: Tags;
  /** Every MeshGateway with a matching selector, best first. */
  candidates: GatewayCandidate[];
}

/**
 * Kuma's `SelectGateway` for a gateway Dataplane whose `networking.gateway.tags` are `tags`.
 * `gateways` should be the MeshGateways of the Dataplane's mesh.
 */
export function selectGateway(
  gateways: readonly MeshGateway[],
  tags: Tags | undefined,
): GatewaySelection {
  const byName = [...gateways].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let best: GatewayCandidate | undefined;
  const candidates: GatewayCandidate[] = [];
  const beats = (candidate: GatewayCandidate): boolean => {
    if (!best) return true;
    const byRank = compareSelectorRank(candidate.rank, best.rank);
    if (byRank !== 0) return byRank > 0;
    return compareCreation(candidate.gateway, best.gateway) > 0;
  };
  for (const gateway of byName) {
    const selectors = gateway.selectors ?? [];
    let own: GatewayCandidate | undefined;
    if (selectors.length === 0) {
      own = { gateway, rank: { exact: 0, wildcard: 0 } };
    }
    for (const entry of selectors) {
      const match = entry?.match ?? {};
      if (Object.keys(match).length > 0 && !tagSelectorMatches(match, tags)) continue;
      const candidate: GatewayCandidate = { gateway, rank: selectorRank(match), selector: match };
      if (!own || compareSelectorRank(candidate.rank, own.rank) > 0) own = candidate;
    }
    if (!own) continue;
    candidates.push(own);
    if (beats(own)) best = own;
  }
  const winner = best;
  candidates.sort(
    (a, b) =>
      Number(b === winner) - Number(a === winner) ||
      compareSelectorRank(b.rank, a.rank) ||
      compareCreation(b.gateway, a.gateway),
  );
  return { gateway: best?.gateway, rank: best?.rank, selector: best?.selector, candidates };
}

export function isBuiltinGatewayDataplane(dataplane: DataplaneOverview): boolean {
  const networking = dataplane.dataplane?.networking;
  return networking ? gatewayType(networking) === 'BUILTIN' : false;
}

export function isDelegatedGatewayDataplane(dataplane: DataplaneOverview): boolean {
  const networking = dataplane.dataplane?.networking;
  return networking ? gatewayType(networking) === 'DELEGATED' : false;
}

/** The gateway tags of a gateway Dataplane (empty for sidecars). */
export function gatewayTagsOf(dataplane: DataplaneOverview): Tags {
  return dataplane.dataplane?.networking?.gateway?.tags ?? {};
}

/** The MeshGateway a BUILTIN gateway Dataplane of `mesh` serves. */
export function bindGatewayDataplane(
  mesh: MeshSnapshot,
  dataplane: DataplaneOverview,
): GatewaySelection {
  if (!isBuiltinGatewayDataplane(dataplane)) return { candidates: [] };
  const gateways = (mesh.gateways ?? []).filter(
    (gateway) => !gateway.mesh || gateway.mesh === dataplane.mesh,
  );
  return selectGateway(gateways, gatewayTagsOf(dataplane));
}

export interface GatewayInstance {
  mesh: string;
  name: string;
  dataplane: DataplaneOverview;
  /** Connected to the control plane (a gateway is online exactly when connected). */
  online: boolean;
  status: DataplaneStatus;
  /** `networking.gateway.tags`. */
  tags: Tags;
}

/** A gateway Dataplane as the instance every screen shows. */
export function toInstance(dataplane: DataplaneOverview): GatewayInstance {
  const networking = dataplane.dataplane?.networking ?? {};
  return {
    mesh: dataplane.mesh,
    name: dataplane.name,
    dataplane,
    online: isConnected(dataplane.dataplaneInsight),
    status: dataplaneStatus(networking, dataplane.dataplaneInsight),
    tags: gatewayTagsOf(dataplane),
  };
}

function sameGateway(a: MeshGateway | undefined, b: MeshGateway): boolean {
  return Boolean(a) && a?.name === b.name && (a?.mesh ?? '') === (b.mesh ?? '');
}

/** BUILTIN Dataplanes whose best-matching MeshGateway is `gateway` (online ones first). */
export function gatewayInstances(mesh: MeshSnapshot, gateway: MeshGateway): GatewayInstance[] {
  return (mesh.dataplanes ?? [])
    .filter((dataplane) => isBuiltinGatewayDataplane(dataplane))
    .filter((dataplane) => sameGateway(bindGatewayDataplane(mesh, dataplane).gateway, gateway))
    .map(toInstance)
    .sort((a, b) => Number(b.online) - Number(a.online) || (a.name < b.name ? -1 : 1));
}

/** BUILTIN Dataplanes whose tags match one of `gateway`'s selectors but that serve another gateway. */
export function stolenInstances(
  mesh: MeshSnapshot,
  gateway: MeshGateway,
): { instance: GatewayInstance; boundTo: MeshGateway }[] {
  const result: { instance: GatewayInstance; boundTo: MeshGateway }[] = [];
  for (const dataplane of mesh.dataplanes ?? []) {
    if (!isBuiltinGatewayDataplane(dataplane)) continue;
    const selection = bindGatewayDataplane(mesh, dataplane);
    const matches = selection.candidates.some((candidate) => candidate.gateway === gateway);
    if (matches && selection.gateway && !sameGateway(selection.gateway, gateway)) {
      result.push({ instance: toInstance(dataplane), boundTo: selection.gateway });
    }
  }
  return result;
}

export interface ShadowedGateway {
  gateway: MeshGateway;
  /** Dataplanes the gateway matches, each with the MeshGateway that won it. */
  lostTo: { dataplane: string; boundTo: MeshGateway }[];
}

/**
 * MeshGateways that match at least one BUILTIN Dataplane but serve none: every Dataplane they
 * match picked a better-ranked or newer MeshGateway (§6.2 rule 2, "my listener changes don't apply").
 */
export function shadowedGateways(mesh: MeshSnapshot): ShadowedGateway[] {
  const shadowed: ShadowedGateway[] = [];
  for (const gateway of mesh.gateways ?? []) {
    if (gatewayInstances(mesh, gateway).length > 0) continue;
    const lostTo = stolenInstances(mesh, gateway).map(({ instance, boundTo }) => ({
      dataplane: instance.name,
      boundTo,
    }));
    if (lostTo.length > 0) shadowed.push({ gateway, lostTo });
  }
  return shadowed;
}

/** BUILTIN Dataplanes that match no MeshGateway at all (a gateway without listeners). */
export function unboundGatewayDataplanes(mesh: MeshSnapshot): DataplaneOverview[] {
  return (mesh.dataplanes ?? []).filter(
    (dataplane) =>
      isBuiltinGatewayDataplane(dataplane) && !bindGatewayDataplane(mesh, dataplane).gateway,
  );
}

/**
 * The tags routes and policies see on a listener: the Dataplane's gateway tags, then the
 * MeshGateway's `tags`, then the listener's `tags`, later sources overriding earlier ones.
 */
export function listenerTagSet(
  dataplaneGatewayTags: Tags | undefined,
  gateway: Pick<MeshGateway, 'tags'> | undefined,
  listener: Pick<MeshGatewayListener, 'tags'> | undefined,
): Tags {
  return { ...(dataplaneGatewayTags ?? {}), ...(gateway?.tags ?? {}), ...(listener?.tags ?? {}) };
}
