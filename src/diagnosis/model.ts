/**
 * What the diagnosis rules read about one mesh: the mesh model every screen shares
 * (`src/mesh-model`: built-in gateways with their instances and what kuma-cp generates for their
 * listeners, delegated gateways grouped by `kuma.io/service`), plus what only the rules need:
 * the identity each gateway presents, and every backend a gateway sends traffic to (route
 * backendRefs, delegated outbounds).
 */
import type { ControlPlaneSnapshot, MeshSnapshot } from '../kuma/snapshot';
import type {
  BackendRef,
  DataplaneOutbound,
  DataplaneOverview,
  MeshGateway,
  MeshHTTPRoute,
  MeshTCPRoute,
} from '../kuma/types';
import { SERVICE_TAG } from '../mesh-model/identity';
import {
  buildGatewayModel,
  type GatewayModel,
  type BuiltinGatewayModel as GatewayModelEntry,
  type ListenerModel,
} from '../mesh-model/mesh-model';
import { backendShares, type ResolvedBackend, resolveBackendRef } from '../traffic/backends';
import type { GatewayInstance } from '../traffic/gateway-binding';
import {
  type SourceIdentity,
  sourceIdentityFromDataplane,
  sourceIdentityFromTags,
} from '../traffic/permissions';
import { describeMatch } from '../traffic/route-matching';
import type { ResourceRef } from './types';

export type { ListenerModel };

/** A built-in gateway from the mesh model, with the identity it presents to backends. */
export interface BuiltinGatewayModel extends GatewayModelEntry {
  /** The identity the gateway presents to backends (the `kuma.io/service` of its proxies). */
  identity: SourceIdentity;
}

export interface DelegatedGatewayModel {
  /** `kuma.io/service` shared by the proxies. */
  service: string;
  dataplanes: DataplaneOverview[];
  identity: SourceIdentity;
}

/** One backend a gateway sends traffic to. */
export interface BackendUsage {
  gateway: { kind: 'builtin' | 'delegated'; name: string };
  /** The route holding the backendRef, or the delegated Dataplane holding the outbound. */
  via: ResourceRef;
  /** "rule 2 (PathPrefix /pay) of MeshHTTPRoute "edge-routes"". */
  where: string;
  /** Listeners of a built-in gateway that serve the rule. */
  listenerIndexes: number[];
  ref: BackendRef;
  /** Fraction of the rule's requests (0–1) sent to this backend. */
  share: number;
  /** The heaviest backend of its rule: it decides what most requests see. */
  primary: boolean;
  identity: SourceIdentity;
}

export interface MeshModel {
  snapshot: ControlPlaneSnapshot;
  mesh: MeshSnapshot;
  /** The one gateway model every screen reads (src/mesh-model). */
  gateways: GatewayModel;
  name: string;
  mtls: boolean;
  builtin: BuiltinGatewayModel[];
  delegated: DelegatedGatewayModel[];
  usages: BackendUsage[];
  /** `resolveBackendRef`, memoised per ref. */
  resolve(ref: BackendRef): ResolvedBackend;
}

function builtinIdentity(
  mesh: string,
  gateway: MeshGateway,
  instances: readonly GatewayInstance[],
): SourceIdentity {
  const instance = instances.find((candidate) => candidate.online) ?? instances[0];
  if (instance) return sourceIdentityFromDataplane(instance.dataplane);
  const tags = gateway.selectors?.[0]?.match ?? {};
  const service = tags[SERVICE_TAG] ?? gateway.name;
  return sourceIdentityFromTags(
    mesh,
    [tags],
    `gateway ${gateway.name} (kuma.io/service ${service}, from its selector)`,
  );
}

function refKey(ref: BackendRef): string {
  return JSON.stringify([
    ref.kind,
    ref.name,
    ref.namespace,
    ref.port,
    ref.sectionName,
    ref.labels,
    ref.tags,
  ]);
}

function routeRef(route: MeshHTTPRoute | MeshTCPRoute, mesh: string): ResourceRef {
  return { type: route.type ?? 'MeshHTTPRoute', mesh: route.mesh ?? mesh, name: route.name };
}

/** Adds the weighted backends of one rule, merging with the same rule seen on another listener. */
function addRuleUsages(
  usages: Map<string, BackendUsage>,
  key: string,
  refs: readonly BackendRef[],
  base: Omit<BackendUsage, 'ref' | 'share' | 'primary' | 'listenerIndexes'>,
  listenerIndex: number | undefined,
): void {
  const shares = backendShares(refs);
  let primary = 0;
  shares.forEach((entry, index) => {
    if (entry.weight > (shares[primary]?.weight ?? 0)) primary = index;
  });
  shares.forEach((entry, index) => {
    if (entry.share <= 0) return;
    const usageKey = `${key}|${refKey(entry.ref)}`;
    const existing = usages.get(usageKey);
    if (existing) {
      if (listenerIndex !== undefined && !existing.listenerIndexes.includes(listenerIndex)) {
        existing.listenerIndexes.push(listenerIndex);
      }
      return;
    }
    usages.set(usageKey, {
      ...base,
      ref: entry.ref,
      share: entry.share,
      primary: index === primary,
      listenerIndexes: listenerIndex === undefined ? [] : [listenerIndex],
    });
  });
}

function builtinUsages(
  meshName: string,
  model: BuiltinGatewayModel,
  usages: Map<string, BackendUsage>,
): void {
  // A gateway kuma-cp cannot build sends nothing anywhere (build-topology draws no link either).
  if (model.routing.failure) return;
  const gateway = { kind: 'builtin' as const, name: model.gateway.name };
  for (const listener of model.listeners) {
    if (listener.family === 'http') {
      const seen = new Set<unknown>();
      for (const host of listener.virtualHosts) {
        for (const entry of host.entries) {
          if (seen.has(entry.rule)) continue;
          seen.add(entry.rule);
          const { origin } = entry.rule;
          const refs = entry.rule.default.backendRefs ?? [];
          const where = `rule ${origin.ruleIndex} (${describeMatch(entry.rule.matches[0])}) of MeshHTTPRoute "${origin.route.name}"`;
          addRuleUsages(
            usages,
            `${gateway.name}|${origin.route.name}|${origin.toIndex}|${origin.ruleIndex}|${entry.rule.hostname}`,
            refs,
            { gateway, via: routeRef(origin.route, meshName), where, identity: model.identity },
            listener.entry.index,
          );
        }
      }
    } else if (listener.family === 'tcp') {
      const effective = listener.effectiveTcp;
      if (!effective) continue;
      const toIndex = (effective.spec?.to ?? []).findLastIndex(
        (to) => (to?.targetRef?.kind ?? 'Mesh') === 'Mesh' && (to.rules?.length ?? 0) > 0,
      );
      const refs = effective.spec?.to?.[toIndex]?.rules?.[0]?.default?.backendRefs ?? [];
      addRuleUsages(
        usages,
        `${gateway.name}|${effective.name}|${toIndex}|0`,
        refs,
        {
          gateway,
          via: routeRef(effective, meshName),
          where: `MeshTCPRoute "${effective.name}"`,
          identity: model.identity,
        },
        listener.entry.index,
      );
    }
  }
}

/** The service an outbound points at: its backendRef, else its `kuma.io/service` tag. */
export function outboundRef(outbound: DataplaneOutbound): BackendRef | undefined {
  if (outbound?.backendRef?.name || outbound?.backendRef?.labels) return { ...outbound.backendRef };
  const service = outbound?.tags?.[SERVICE_TAG];
  return service ? { kind: 'MeshService', name: service } : undefined;
}

function delegatedUsages(
  meshName: string,
  model: DelegatedGatewayModel,
  usages: Map<string, BackendUsage>,
): void {
  const gateway = { kind: 'delegated' as const, name: model.service };
  for (const dataplane of model.dataplanes) {
    for (const outbound of dataplane.dataplane?.networking?.outbound ?? []) {
      const ref = outboundRef(outbound);
      if (!ref) continue;
      const key = `delegated|${model.service}|${refKey(ref)}`;
      if (usages.has(key)) continue;
      usages.set(key, {
        gateway,
        via: { type: 'Dataplane', mesh: dataplane.mesh ?? meshName, name: dataplane.name },
        where: `the outbound on port ${outbound.port} of delegated gateway Dataplane ${dataplane.name}`,
        listenerIndexes: [],
        ref,
        share: 1,
        primary: true,
        identity: model.identity,
      });
    }
  }
}

export function buildMeshModel(snapshot: ControlPlaneSnapshot, mesh: MeshSnapshot): MeshModel {
  const gateways = buildGatewayModel(mesh);
  const { name } = gateways;
  const builtin = gateways.builtin.map((entry) => ({
    ...entry,
    identity: builtinIdentity(name, entry.gateway, entry.instances),
  }));
  const delegated = gateways.delegated.map(({ service, dataplanes, online }) => {
    const caller = online[0] ?? dataplanes[0];
    return {
      service,
      dataplanes,
      identity: caller
        ? sourceIdentityFromDataplane(caller)
        : sourceIdentityFromTags(name, [{ [SERVICE_TAG]: service }], `gateway ${service}`),
    };
  });

  const usages = new Map<string, BackendUsage>();
  for (const model of builtin) builtinUsages(name, model, usages);
  for (const model of delegated) delegatedUsages(name, model, usages);

  const resolved = new Map<string, ResolvedBackend>();
  return {
    snapshot,
    mesh,
    gateways,
    name,
    mtls: gateways.mtls,
    builtin,
    delegated,
    usages: [...usages.values()],
    resolve(ref) {
      const key = refKey(ref);
      let result = resolved.get(key);
      if (!result) {
        result = resolveBackendRef(mesh, ref);
        resolved.set(key, result);
      }
      return result;
    },
  };
}
