/**
 * `GET /meshes/{mesh}/meshgateways/{name}/_rules`, computed as kuma-cp computes it: a BUILTIN
 * gateway dataplane tagged with the gateway's first selector, every policy plugin's matched
 * policies for it, and those rendered as the inspect API's rule lists.
 */
import type { KumaVersion } from '../../../src/kuma/version';
import { type RulesFeatures, rulesFeatures } from './features';
import { hashMatches } from './go-json';
import { type GatewayProxy, type MatchedPolicies, matchPolicies } from './matched-policies';
import type { Labels, MeshResources, Origin, StoredObject } from './model';
import { policyKind } from './policy-kinds';
import type { SubsetRule } from './subset-rules';

export interface RulesMeta {
  labels?: Labels;
  mesh: string;
  name: string;
  type: string;
}

export interface RuleMatcher {
  key: string;
  not: boolean;
  value: string;
}

export interface InspectRuleBody {
  fromRules?: { inbound: { port: number; tags: Labels }; rules: RuleBody[] }[];
  inboundRules?: { inbound: { port: number; tags: Labels }; rules: InboundRuleBody[] }[];
  proxyRule?: { conf: unknown; origin: RulesMeta[] };
  toResourceRules?: ResourceRuleBody[];
  toRules?: RuleBody[];
  type: string;
  warnings: string[];
}

export interface RuleBody {
  conf: unknown;
  matchers: RuleMatcher[];
  origin: RulesMeta[];
}

export interface ResourceRuleOriginBody {
  resourceMeta: RulesMeta;
  ruleIndex: number;
}

export interface InboundRuleBody {
  conf: unknown[];
  match?: unknown;
  origin: ResourceRuleOriginBody[];
}

export interface ResourceRuleBody {
  conf: unknown[];
  origin: ResourceRuleOriginBody[];
  resourceMeta: RulesMeta;
  resourceSectionName: string;
}

export interface GatewayRulesBody {
  httpMatches: { hash: string; match: unknown }[];
  resource: RulesMeta;
  rules: InspectRuleBody[];
}

function metaOf(type: string, resource: StoredObject, features: RulesFeatures): RulesMeta {
  return {
    ...(features.metaLabels ? { labels: resource.labels ?? {} } : {}),
    mesh: resource.mesh ?? '',
    name: resource.name,
    type,
  };
}

function originBody(type: string, origin: Origin, features: RulesFeatures) {
  return { resourceMeta: metaOf(type, origin.resource, features), ruleIndex: origin.ruleIndex };
}

function ruleBody(type: string, rule: SubsetRule, features: RulesFeatures): RuleBody {
  return {
    conf: rule.conf,
    matchers: rule.subset.map((tag) => ({ key: tag.key, not: tag.not, value: tag.value })),
    origin: rule.origins.map((policy) => metaOf(type, policy, features)),
  };
}

/** One policy type's entry, or nothing when no rule of it reaches the gateway. */
function inspectRule(
  matched: MatchedPolicies,
  proxy: GatewayProxy,
  hideToRules: boolean,
  features: RulesFeatures,
): InspectRuleBody | undefined {
  const type = matched.type;
  const inbound = (port: number) => ({ port, tags: proxy.tags });
  const byPort = <T>(entries: [number, T[]][]) => {
    const kept = entries.filter(([, rules]) => rules.length > 0);
    // Before 2.10 kuma-cp lists ports in Go map order: the order they were first selected
    // is the most frequent outcome, and the only stable choice.
    return features.inboundRules ? kept.sort(([a], [b]) => a - b) : kept;
  };
  const fromRules = byPort([...matched.fromRules]).map(([port, rules]) => ({
    inbound: inbound(port),
    rules: rules.map((rule) => ruleBody(type, rule, features)),
  }));
  const inboundRules = byPort([...matched.inboundRules]).map(([port, rules]) => ({
    inbound: inbound(port),
    rules: rules.map(
      (rule): InboundRuleBody => ({
        conf: [rule.conf],
        ...(rule.match !== undefined ? { match: rule.match } : {}),
        origin: [originBody(type, rule.origin, features)],
      }),
    ),
  }));
  const toRules = hideToRules ? [] : matched.toRules.map((rule) => ruleBody(type, rule, features));
  const toResourceRules = matched.resourceRules.map(
    (rule): ResourceRuleBody => ({
      conf: rule.conf,
      origin: rule.origins.map((origin) => originBody(type, origin, features)),
      resourceMeta: metaOf(rule.resourceType, rule.resource, features),
      resourceSectionName: rule.sectionName,
    }),
  );
  const single = matched.singleItemRules[0];
  const proxyRule = single && {
    conf: single.conf,
    origin: single.origins.map((policy) => metaOf(type, policy, features)),
  };
  if (
    !proxyRule &&
    fromRules.length === 0 &&
    toRules.length === 0 &&
    toResourceRules.length === 0 &&
    inboundRules.length === 0
  ) {
    return undefined;
  }
  return {
    fromRules,
    ...(features.inboundRules ? { inboundRules } : {}),
    ...(proxyRule ? { proxyRule } : {}),
    ...(features.resourceRules ? { toResourceRules } : {}),
    toRules,
    type,
    warnings: matched.warnings,
  };
}

/** The matches of every MeshHTTPRoute rule that reached the gateway, by their hash. */
function collectMatches(
  matched: MatchedPolicies,
  into: Map<string, unknown>,
  features: RulesFeatures,
): void {
  const confs = [
    ...matched.toRules.map((rule) => rule.conf),
    ...(features.resourceRules ? matched.resourceRules.flatMap((rule) => rule.conf) : []),
  ];
  for (const conf of confs) {
    const rules = (conf as { rules?: { matches?: unknown }[] }).rules ?? [];
    for (const rule of rules) into.set(hashMatches(rule.matches), rule.matches ?? null);
  }
}

export class GatewayRulesError extends Error {}

/**
 * The `_rules` body for `gateway`. Throws `GatewayRulesError` for a gateway without selectors
 * (kuma-cp answers 500 "Invalid MeshGateway").
 */
export function computeGatewayRules(
  version: KumaVersion,
  gateway: StoredObject,
  resources: MeshResources,
): GatewayRulesBody {
  const features = rulesFeatures(version);
  const selectors = (gateway.selectors as { match?: Labels }[] | undefined) ?? [];
  if (selectors.length === 0) {
    throw new GatewayRulesError('no selectors on MeshGateway this is not supported');
  }
  const proxy: GatewayProxy = {
    tags: selectors[0]!.match ?? {},
    ...(features.resourceRules ? { meta: gateway } : {}),
  };
  const meshServices = resources.mesh.meshServices as { mode?: string } | undefined;
  const hideToRules = features.resourceRules && meshServices?.mode === 'Exclusive';

  const matches = new Map<string, unknown>();
  const rules: InspectRuleBody[] = [];
  for (const type of features.policyTypes) {
    const kind = policyKind(type, version);
    if (!kind) continue;
    const matched = matchPolicies(kind, proxy, resources, features);
    if (type === 'MeshHTTPRoute') collectMatches(matched, matches, features);
    const rule = inspectRule(matched, proxy, hideToRules, features);
    if (rule) rules.push(rule);
  }
  const httpMatches = [...matches]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([hash, match]) => ({ hash, match }));
  return {
    httpMatches,
    resource: metaOf('MeshGateway', gateway, features),
    rules,
  };
}
