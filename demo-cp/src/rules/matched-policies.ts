// Over 400 lines: kuma-cp's policy matching for a gateway proxy (selection per listener port, then the rules) as one unit.
/**
 * `MatchedPolicies` for the proxy kuma-cp imagines behind a MeshGateway: which policies of one
 * type select it (per listener port), and the rules built from them.
 */
import { goQuote } from '../../../src/kuma/validation';
import type { RulesFeatures } from './features';
import { hashMatches } from './go-json';
import { buildInboundRules, type InboundRule } from './inbound-rules';
import {
  EFFECT_LABEL,
  isReferenced,
  type Labels,
  labelsOf,
  type MeshResources,
  NAMESPACE_LABEL,
  ORIGIN_LABEL,
  type Policy,
  SERVICE_TAG,
  type StoredObject,
  type TargetRef,
  topLevelTargetRef,
  ZONE_LABEL,
} from './model';
import { fromItems, type PolicyKind, singleItem, toItems } from './policy-kinds';
import { policyRole, sortPolicies } from './policy-order';
import { buildResourceRules, type ResourceRule } from './resource-rules';
import { RulesError } from './subset';
import { buildSubsetRules, type RuleItem, type SubsetRule } from './subset-rules';

/** The synthetic BUILTIN gateway dataplane: the first selector's tags, and (2.9+) the gateway's meta. */
export interface GatewayProxy {
  tags: Labels;
  meta?: StoredObject;
}

export interface MatchedPolicies {
  type: string;
  /** Rules per selected listener port, in the order ports were first selected. */
  fromRules: Map<number, SubsetRule[]>;
  inboundRules: Map<number, InboundRule[]>;
  toRules: SubsetRule[];
  resourceRules: ResourceRule[];
  singleItemRules: SubsetRule[];
  warnings: string[];
}

interface Listener {
  port?: number;
  hostname?: string;
  tags?: Labels;
}

const listenersOf = (gateway: StoredObject): Listener[] =>
  ((gateway.conf as { listeners?: Listener[] } | undefined)?.listeners ?? []) as Listener[];

const selectorsOf = (gateway: StoredObject): { match?: Labels }[] =>
  (gateway.selectors as { match?: Labels }[] | undefined) ?? [];

/** `TagSelector.Matches`: every selector tag present with the same value, or `*`. */
export function tagsMatch(selector: Labels | undefined, tags: Labels): boolean {
  return Object.entries(selector ?? {}).every(
    ([key, value]) => key in tags && (value === '*' || tags[key] === value),
  );
}

/** A raw label lookup: a present but empty `kuma.io/origin` is neither missing nor global. */
function isGlobalOrUnlabelled(resource: StoredObject | undefined): boolean {
  const labels = labelsOf(resource);
  return !(ORIGIN_LABEL in labels) || labels[ORIGIN_LABEL] === 'global';
}

/** `IsLocalZoneResource`: created in `zone` (a zone-origin resource without a zone label is). */
function isLocalZoneResource(labels: Labels, zone: string): boolean {
  if ((labels[ORIGIN_LABEL] || undefined) !== 'zone') return false;
  return !(ZONE_LABEL in labels) || labels[ZONE_LABEL] === zone;
}

/** 2.9+: gateways created in another zone do not serve this zone's proxies. */
function gatewaysOfZone(gateways: StoredObject[], proxy: GatewayProxy): StoredObject[] {
  const proxyLabels = labelsOf(proxy.meta);
  const zone = proxyLabels[ZONE_LABEL];
  return gateways.filter(
    (gateway) =>
      isGlobalOrUnlabelled(gateway) ||
      zone === undefined ||
      isLocalZoneResource(labelsOf(gateway), zone),
  );
}

const timeOf = (resource: StoredObject) => Date.parse(resource.creationTime ?? '') || 0;

/** `SelectGateway`: the most specific selector wins, then the gateway created last. */
export function selectGateway(gateways: StoredObject[], tags: Labels): StoredObject | undefined {
  const byName = [...gateways].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let best: StoredObject | undefined;
  let bestRank = { exact: 0, wildcard: 0 };
  const compareRank = (a: typeof bestRank, b: typeof bestRank) => {
    const totalA = a.exact + a.wildcard;
    const totalB = b.exact + b.wildcard;
    return totalA === totalB ? a.exact - b.exact : totalA - totalB;
  };
  const createdLater = (gateway: StoredObject, rank: typeof bestRank) =>
    compareRank(rank, bestRank) === 0 && best !== undefined && timeOf(gateway) > timeOf(best);
  for (const gateway of byName) {
    const selectors = selectorsOf(gateway);
    if (selectors.length === 0) {
      if (!best || createdLater(gateway, { exact: 0, wildcard: 0 })) best = gateway;
      continue;
    }
    for (const selector of selectors) {
      const match = selector.match ?? {};
      if (Object.keys(match).length === 0) {
        if (!best || createdLater(gateway, { exact: 0, wildcard: 0 })) best = gateway;
        continue;
      }
      if (!tagsMatch(match, tags)) continue;
      const values = Object.values(match);
      const rank = {
        exact: values.filter((value) => value !== '*').length,
        wildcard: values.filter((value) => value === '*').length,
      };
      if (compareRank(rank, bestRank) > 0 || createdLater(gateway, rank)) {
        bestRank = rank;
        best = gateway;
      }
    }
  }
  return best;
}

interface Selection {
  ports: number[];
  listeners: { port: number; hostname: string }[];
  error?: string;
}

const NONE: Selection = { ports: [], listeners: [] };

function listenersSelectedByTags(
  selector: Labels | undefined,
  proxy: GatewayProxy,
  gateway: StoredObject | undefined,
): Selection {
  const selection: Selection = { ports: [], listeners: [] };
  if (!gateway) return selection;
  for (const listener of listenersOf(gateway)) {
    const tags = {
      ...proxy.tags,
      ...((gateway.tags as Labels | undefined) ?? {}),
      ...listener.tags,
    };
    if (!tagsMatch(selector, tags)) continue;
    const port = listener.port ?? 0;
    if (!selection.ports.includes(port)) selection.ports.push(port);
    selection.listeners.push({ port, hostname: listener.hostname || '*' });
  }
  return selection;
}

/** 2.9+: a zone's policy only selects gateways of that zone (producer policies select all). */
function selectedByZone(
  policy: Policy,
  proxy: GatewayProxy,
  gateway: StoredObject | undefined,
): boolean {
  if (policyRole(policy) === 'producer') return true;
  const meta = gateway ?? proxy.meta;
  if (!meta) return true;
  if (isGlobalOrUnlabelled(meta)) return true;
  const policyLabels = labelsOf(policy);
  if (policyLabels[ORIGIN_LABEL] === 'zone') {
    if (!(ZONE_LABEL in policyLabels)) return true;
    return isLocalZoneResource(labelsOf(meta), policyLabels[ZONE_LABEL]!);
  }
  return true;
}

/** 2.9+: consumer and workload-owner policies only select proxies of their namespace. */
function selectedByNamespace(policy: Policy, proxy: GatewayProxy): boolean {
  const role = policyRole(policy);
  if (role !== 'consumer' && role !== 'workload-owner') return true;
  const labels = labelsOf(policy);
  return (
    NAMESPACE_LABEL in labels && labels[NAMESPACE_LABEL] === labelsOf(proxy.meta)[NAMESPACE_LABEL]
  );
}

const supportsGateways = (ref: TargetRef) =>
  (ref.proxyTypes ?? []).length === 0 || (ref.proxyTypes ?? []).includes('Gateway');

/** `DppSelectedByPolicy`, for a BUILTIN gateway proxy (no inbounds, no embedded listeners). */
function selectedListeners(
  policy: Policy,
  ref: TargetRef,
  proxy: GatewayProxy,
  gateway: StoredObject | undefined,
  resources: MeshResources,
  features: RulesFeatures,
): Selection {
  if (features.resourceRules) {
    if (!selectedByZone(policy, proxy, gateway)) return NONE;
    if (!selectedByNamespace(policy, proxy)) return NONE;
  }
  switch (ref.kind) {
    case 'Mesh':
      return supportsGateways(ref) ? listenersSelectedByTags({}, proxy, gateway) : NONE;
    case 'MeshSubset':
      return supportsGateways(ref) ? listenersSelectedByTags(ref.tags, proxy, gateway) : NONE;
    case 'MeshService':
      return listenersSelectedByTags({ [SERVICE_TAG]: ref.name ?? '' }, proxy, gateway);
    case 'MeshServiceSubset':
      return listenersSelectedByTags(
        { [SERVICE_TAG]: ref.name ?? '', ...ref.tags },
        proxy,
        gateway,
      );
    case 'MeshGateway':
      if (!gateway || !isReferenced(policy, ref.name ?? '', gateway)) return NONE;
      return listenersSelectedByTags(ref.tags, proxy, gateway);
    case 'MeshHTTPRoute': {
      const route = resources
        .list('MeshHTTPRoute')
        .find((candidate) => isReferenced(policy, ref.name ?? '', candidate)) as Policy | undefined;
      if (!route) {
        return {
          ...NONE,
          error: `couldn't resolve MeshHTTPRoute targetRef with name '${ref.name ?? ''}'`,
        };
      }
      return selectedListeners(
        route,
        topLevelTargetRef(route),
        proxy,
        gateway,
        resources,
        features,
      );
    }
    case 'Dataplane':
      // Dataplane targetRefs never select a built-in gateway (2.9+; unknown before).
      if (features.resourceRules) return NONE;
      return { ...NONE, error: `unsupported targetRef kind '${ref.kind}'` };
    default:
      return { ...NONE, error: `unsupported targetRef kind '${ref.kind}'` };
  }
}

function itemsOf(policy: Policy, items: ReturnType<typeof toItems>): RuleItem[] {
  return items.map((item, ruleIndex) => ({ ...item, policy, ruleIndex }));
}

/**
 * The `to` list of a policy whose top-level targetRef is a MeshHTTPRoute: one entry per rule of
 * the route, naming the rule by the hash of its matches.
 */
function routeToItems(
  policy: Policy,
  resources: MeshResources,
  features: RulesFeatures,
): ReturnType<typeof toItems> {
  const ref = topLevelTargetRef(policy);
  const routes = resources
    .list('MeshHTTPRoute')
    .filter((route) => isReferenced(policy, ref.name ?? '', route));
  const route = routes[routes.length - 1] as Policy | undefined;
  if (!route) throw new RulesError("can't resolve MeshHTTPRoute policy");
  const own = toItems(policy);
  const routeTos = Array.isArray(route.spec?.to)
    ? (route.spec.to as { targetRef?: TargetRef; rules?: { matches?: unknown }[] }[])
    : [];
  return routeTos.flatMap((to) =>
    (to.rules ?? []).flatMap((rule) => {
      const hash = hashMatches(rule.matches);
      const toKind = to.targetRef?.kind ?? '';
      const targetRef: TargetRef =
        features.resourceRules && (toKind === 'Mesh' || toKind === 'MeshSubset')
          ? { kind: 'MeshSubset', tags: { [RULE_MATCHES_HASH_TAG]: hash } }
          : {
              kind: 'MeshServiceSubset',
              name: to.targetRef?.name ?? '',
              tags: { [RULE_MATCHES_HASH_TAG]: hash },
            };
      return own.map((item) => ({ targetRef, conf: item.conf }));
    }),
  );
}

export const RULE_MATCHES_HASH_TAG = '__rule-matches-hash__';

/** `BuildToRules`'s tag-based half (`toRules`). */
function legacyToRules(
  policies: readonly Policy[],
  kind: PolicyKind,
  resources: MeshResources,
  features: RulesFeatures,
): SubsetRule[] {
  if (!kind.hasTo) return [];
  const items = policies.flatMap((policy) => {
    const own = toItems(policy);
    // 2.9+: a policy aiming at a MeshHTTPRoute from its `to` list only has resource rules.
    if (features.resourceRules && own.some((item) => item.targetRef.kind === 'MeshHTTPRoute')) {
      return [];
    }
    const list =
      topLevelTargetRef(policy).kind === 'MeshHTTPRoute'
        ? routeToItems(policy, resources, features)
        : own;
    return itemsOf(policy, list);
  });
  return buildSubsetRules(items, false, kind.shape, features);
}

export interface ToRules {
  rules: SubsetRule[];
  resourceRules: ResourceRule[];
}

/** `BuildToRules`: `toRules` from tags, and (2.9+) `toResourceRules` from resolved targets. */
export function buildToRules(
  policies: readonly Policy[],
  kind: PolicyKind,
  resources: MeshResources,
  features: RulesFeatures,
): ToRules {
  const rules = legacyToRules(policies, kind, resources, features);
  if (!features.resourceRules || !kind.hasTo) return { rules, resourceRules: [] };
  const entries = policies
    .filter((policy) => topLevelTargetRef(policy).kind !== 'MeshHTTPRoute')
    .flatMap((policy) => itemsOf(policy, toItems(policy)));
  return { rules, resourceRules: buildResourceRules(entries, resources, kind.shape, features) };
}

/** `BuildFromRules`: per port, `fromRules` and (2.10+) `inboundRules`. */
export function buildFromRules(
  byPort: Map<number, Policy[]>,
  kind: PolicyKind,
  features: RulesFeatures,
): { rules: Map<number, SubsetRule[]>; inbound: Map<number, InboundRule[]> } {
  const rules = new Map<number, SubsetRule[]>();
  const inbound = new Map<number, InboundRule[]>();
  if (!kind.hasFrom) return { rules, inbound };
  for (const [port, policies] of byPort) {
    const items = policies.flatMap((policy) => itemsOf(policy, fromItems(policy)));
    rules.set(port, buildSubsetRules(items, true, kind.shape, features));
    if (features.inboundRules) inbound.set(port, buildInboundRules(policies, kind, features));
  }
  return { rules, inbound };
}

/** `BuildSingleItemRules`: the top-level `default` of single-item policies (`proxyRule`). */
export function buildSingleItemRules(
  policies: readonly Policy[],
  kind: PolicyKind,
  features: RulesFeatures,
): SubsetRule[] {
  if (!kind.singleItem) return [];
  const items = policies.map((policy) => ({ ...singleItem(policy), policy, ruleIndex: 0 }));
  return buildSubsetRules(items, false, kind.shape, features);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function attempt<T>(build: () => T, empty: T, warnings: string[], prefix: string): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof RulesError)) throw error;
    warnings.push(`${prefix}: ${messageOf(error)}`);
    return empty;
  }
}

export function matchPolicies(
  kind: PolicyKind,
  proxy: GatewayProxy,
  resources: MeshResources,
  features: RulesFeatures,
): MatchedPolicies {
  const warnings: string[] = [];
  const zoneGateways = features.resourceRules
    ? gatewaysOfZone(resources.list('MeshGateway'), proxy)
    : resources.list('MeshGateway');
  const gateway = selectGateway(zoneGateways, proxy.tags);

  const matched: Policy[] = [];
  const byPort = new Map<number, Policy[]>();
  const byListener = new Map<string, Policy[]>();
  for (const policy of resources.list(kind.type) as Policy[]) {
    if (features.skipShadowPolicies && labelsOf(policy)[EFFECT_LABEL] === 'shadow') continue;
    const selection = selectedListeners(
      policy,
      topLevelTargetRef(policy),
      proxy,
      gateway,
      resources,
      features,
    );
    if (selection.error) {
      warnings.push(
        `unable to resolve TargetRef on policy: mesh:${policy.mesh} name:${policy.name} error:${goQuote(selection.error)}`,
      );
    }
    if (selection.ports.length === 0 && selection.listeners.length === 0) continue;
    matched.push(policy);
    for (const listener of selection.listeners) {
      const key = `${listener.port}\u0000${listener.hostname}`;
      byListener.set(key, [...(byListener.get(key) ?? []), policy]);
    }
    for (const port of selection.ports) byPort.set(port, [...(byPort.get(port) ?? []), policy]);
  }

  const sorted = sortPolicies(matched, features);
  for (const [port, policies] of byPort) byPort.set(port, sortPolicies(policies, features));

  const from = attempt(
    () => buildFromRules(byPort, kind, features),
    { rules: new Map(), inbound: new Map() },
    warnings,
    "couldn't create From rules",
  );
  const to = attempt(
    () => buildToRules(sorted, kind, resources, features),
    { rules: [], resourceRules: [] },
    warnings,
    "couldn't create To rules",
  );
  // kuma-cp also builds per-listener gateway rules: unused here, but their first error is
  // reported again. Only the tag-based builders can fail.
  attempt(
    () => {
      for (const policies of byListener.values()) {
        legacyToRules(policies, kind, resources, features);
      }
      for (const policies of byPort.values()) legacyToRules(policies, kind, resources, features);
      buildFromRules(byPort, kind, features);
    },
    undefined,
    warnings,
    "couldn't create Gateway rules",
  );
  const singleItemRules = attempt(
    () => buildSingleItemRules(sorted, kind, features),
    [],
    warnings,
    "couldn't create top level rules",
  );

  return {
    type: kind.type,
    fromRules: from.rules,
    inboundRules: from.inbound,
    toRules: to.rules,
    resourceRules: to.resourceRules,
    singleItemRules,
    warnings,
  };
}
