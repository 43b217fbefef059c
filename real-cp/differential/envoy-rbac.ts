/**
 * Envoy's RBAC, judged on the configuration kuma-cp sent a destination proxy (as
 * real-cp/go/xds-client prints it in protojson): which verdict the inbound listener gives a
 * caller with the given certificate URI SANs and SNI. Both forms kuma-cp generates are read:
 *
 * - the legacy `rules` (from[] policies, `legacy_rbac_configurer.go`): an ALLOW or DENY action
 *   over policies whose principals are `any`, `authenticated.principalName` (matched against each
 *   URI SAN, as Envoy's AuthenticatedMatcher does), `andIds`, `orIds`, `notId`;
 * - the `matcher` (rules[], 2.12+, `rbac_configurer.go`): a matcher list whose first matching
 *   predicate gives the action, `onNoMatch` otherwise; inputs `envoy.matching.inputs.uri_san`
 *   (every URI SAN joined by ",") and `envoy.matching.inputs.server_name`.
 *
 * The RBAC sits either as the network filter `envoy.filters.network.rbac` or as the HTTP filter
 * `envoy.filters.http.rbac` inside the HTTP connection manager; no RBAC filter means no check.
 */
import type { EnvoyListener } from '../xds-client';

export interface Caller {
  uriSans: string[];
  sni?: string;
}

export interface RbacVerdict {
  allowed: boolean;
  /** Which form decided and how, for the report. */
  how: string;
}

type Json = Record<string, unknown>;

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isJson) : []);

function stringMatches(matcher: unknown, value: string): boolean {
  if (!isJson(matcher)) return false;
  const ignoreCase = matcher.ignoreCase === true;
  const norm = (text: string) => (ignoreCase ? text.toLowerCase() : text);
  const subject = norm(value);
  if (typeof matcher.exact === 'string') return subject === norm(matcher.exact);
  if (typeof matcher.prefix === 'string') return subject.startsWith(norm(matcher.prefix));
  if (typeof matcher.suffix === 'string') return subject.endsWith(norm(matcher.suffix));
  if (typeof matcher.contains === 'string') return subject.includes(norm(matcher.contains));
  if (isJson(matcher.safeRegex) && typeof matcher.safeRegex.regex === 'string') {
    return new RegExp(`^(?:${matcher.safeRegex.regex})$`).test(value);
  }
  throw new Error(`unsupported StringMatcher ${JSON.stringify(matcher)}`);
}

function principalMatches(principal: Json, caller: Caller): boolean {
  if (principal.any === true) return true;
  if (isJson(principal.authenticated)) {
    const name = principal.authenticated.principalName;
    // Unset: any authenticated peer; set: some URI SAN matches.
    return name === undefined || caller.uriSans.some((uri) => stringMatches(name, uri));
  }
  if (isJson(principal.andIds))
    return list(principal.andIds.ids).every((p) => principalMatches(p, caller));
  if (isJson(principal.orIds))
    return list(principal.orIds.ids).some((p) => principalMatches(p, caller));
  if (isJson(principal.notId)) return !principalMatches(principal.notId, caller);
  throw new Error(`unsupported RBAC principal ${JSON.stringify(principal)}`);
}

function permissionMatches(permission: Json): boolean {
  if (permission.any === true) return true;
  throw new Error(`unsupported RBAC permission ${JSON.stringify(permission)}`);
}

function legacyVerdict(rules: Json, caller: Caller): RbacVerdict {
  const action = (rules.action as string | undefined) ?? 'ALLOW';
  const policies = isJson(rules.policies) ? Object.entries(rules.policies) : [];
  const matched = policies.find(
    ([, policy]) =>
      isJson(policy) &&
      list(policy.permissions).some(permissionMatches) &&
      list(policy.principals).some((principal) => principalMatches(principal, caller)),
  );
  if (action === 'ALLOW') {
    return {
      allowed: Boolean(matched),
      how: matched ? `rules: ALLOW policy ${matched[0]}` : 'rules: no ALLOW policy matches',
    };
  }
  if (action === 'DENY') {
    return {
      allowed: !matched,
      how: matched ? `rules: DENY policy ${matched[0]}` : 'rules: no DENY policy matches',
    };
  }
  throw new Error(`unsupported RBAC action ${action}`);
}

function inputValue(input: unknown, caller: Caller): string | undefined {
  const name = isJson(input) ? input.name : undefined;
  if (name === 'envoy.matching.inputs.uri_san') return caller.uriSans.join(',');
  if (name === 'envoy.matching.inputs.server_name') return caller.sni;
  throw new Error(`unsupported matcher input ${JSON.stringify(input)}`);
}

function predicateMatches(predicate: Json, caller: Caller): boolean {
  if (isJson(predicate.singlePredicate)) {
    const value = inputValue(predicate.singlePredicate.input, caller);
    // No data (no SNI sent): a value matcher does not match.
    return value !== undefined && stringMatches(predicate.singlePredicate.valueMatch, value);
  }
  if (isJson(predicate.orMatcher))
    return list(predicate.orMatcher.predicate).some((p) => predicateMatches(p, caller));
  if (isJson(predicate.andMatcher))
    return list(predicate.andMatcher.predicate).every((p) => predicateMatches(p, caller));
  if (isJson(predicate.notMatcher)) return !predicateMatches(predicate.notMatcher, caller);
  throw new Error(`unsupported matcher predicate ${JSON.stringify(predicate)}`);
}

function actionOf(onMatch: unknown): { allowed: boolean; name: string } {
  const action = isJson(onMatch) && isJson(onMatch.action) ? onMatch.action : undefined;
  const config = action && isJson(action.typedConfig) ? action.typedConfig : undefined;
  if (!config) throw new Error(`unsupported matcher action ${JSON.stringify(onMatch)}`);
  const kind = (config.action as string | undefined) ?? 'ALLOW';
  // LOG lets the request through (it only sets dynamic metadata).
  return { allowed: kind !== 'DENY', name: String(config.name ?? '') };
}

function matcherVerdict(matcher: Json, caller: Caller): RbacVerdict {
  const entries = isJson(matcher.matcherList) ? list(matcher.matcherList.matchers) : [];
  for (const [index, entry] of entries.entries()) {
    if (isJson(entry.predicate) && predicateMatches(entry.predicate, caller)) {
      const action = actionOf(entry.onMatch);
      return {
        allowed: action.allowed,
        how: `matcher[${index}] ${action.allowed ? 'ALLOW' : 'DENY'} ${action.name}`,
      };
    }
  }
  if (matcher.onNoMatch === undefined)
    return { allowed: true, how: 'matcher: no match, no onNoMatch' };
  const action = actionOf(matcher.onNoMatch);
  return { allowed: action.allowed, how: `matcher onNoMatch ${action.allowed ? 'ALLOW' : 'DENY'}` };
}

function rbacVerdict(config: Json, caller: Caller): RbacVerdict {
  if (isJson(config.matcher)) return matcherVerdict(config.matcher, caller);
  if (isJson(config.rules)) return legacyVerdict(config.rules, caller);
  return { allowed: true, how: 'RBAC filter without rules' };
}

/** The RBAC configs of one filter chain: network filter or HTTP filter in the HCM. */
function chainRbac(chain: { filters?: { name: string; typedConfig?: Json }[] }): Json[] {
  const found: Json[] = [];
  for (const filter of chain.filters ?? []) {
    if (filter.name === 'envoy.filters.network.rbac' && filter.typedConfig)
      found.push(filter.typedConfig);
    if (filter.name === 'envoy.filters.network.http_connection_manager') {
      for (const http of list(filter.typedConfig?.httpFilters)) {
        if (http.name === 'envoy.filters.http.rbac' && isJson(http.typedConfig))
          found.push(http.typedConfig);
      }
    }
  }
  return found;
}

/** The inbound listener on `port`, as kuma-cp names or addresses it. */
export function inboundListener(
  listeners: readonly EnvoyListener[],
  address: string,
  port: number,
): EnvoyListener | undefined {
  return listeners.find(
    (listener) =>
      listener.address?.socketAddress?.address === address &&
      listener.address?.socketAddress?.portValue === port,
  );
}

/**
 * The verdict of every RBAC on the listener's filter chains (kuma-cp puts the same one on each
 * mTLS chain); undefined when the listener has no RBAC at all.
 */
export function listenerVerdict(listener: EnvoyListener, caller: Caller): RbacVerdict | undefined {
  const configs = (listener.filterChains ?? []).flatMap((chain) =>
    chainRbac(chain as { filters?: { name: string; typedConfig?: Json }[] }),
  );
  if (configs.length === 0) return undefined;
  const verdicts = configs.map((config) => rbacVerdict(config, caller));
  const denied = verdicts.find((verdict) => !verdict.allowed);
  return denied ?? (verdicts[0] as RbacVerdict);
}
