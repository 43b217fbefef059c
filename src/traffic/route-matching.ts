// Over 400 lines: Kuma's route table of one listener (group, merge, sort, match) as one pipeline in Kuma's order.
/**
 * The winning MeshHTTPRoute rule for a request on a MeshGateway listener (gateway-semantics.md
 * §1.5 rules 3–5; facts from kumahq/kuma `meshhttproute/plugin/v1alpha1/gateway_routes.go`,
 * `runtime/gateway/gateway_route_generator.go`, `runtime/gateway/route/sorter.go`).
 *
 * How Kuma builds the route table of one listener:
 *  - Rules are grouped by route hostname (`to[].hostnames`, default `*`). Within one hostname,
 *    rules of several routes merge by their `matches`: for identical matches the route later in
 *    merge order (more targetRef tags, then the name that sorts first) supplies `default`.
 *  - Each route hostname R that intersects the listener hostname L yields a virtual host: R when
 *    R lies inside L, else L. A virtual host inside the hostname of a more exact listener on the
 *    same port is dropped (that listener owns those hosts).
 *  - A virtual host collects the rules of every route hostname covering it, ordered by hostname
 *    exactness (exact first, longer wildcard before shorter), so for identical matches the rule
 *    from the more specific hostname comes first: `dev.example.com` beats `*`.
 *  - Every match becomes an Envoy route entry. PathPrefix `/api` becomes prefix `/api/` plus an
 *    exact `/api` twin (unless an Exact `/api` match exists), so it matches `/api` and `/api/x`
 *    but not `/apix`.
 *  - Entries are sorted: exact path before prefix before regex (longer before shorter within
 *    each), then entries with a method, then more header matches, then more query matches,
 *    then alphabetically by path. The first entry that matches the request wins.
 *  - A virtual host without rules answers 404 "This is a Kuma MeshGateway. No routes match this
 *    MeshGateway!"; a request matching no entry of a virtual host with rules gets Envoy's plain 404.
 */
import type {
  BackendRef,
  HttpHeaderMatch,
  HttpPathMatch,
  HttpQueryMatch,
  HttpRouteFilter,
  HttpRouteMatch,
  HttpRouteRule,
  MeshHTTPRoute,
} from '../kuma/types';
import {
  hostnameContains,
  hostnamesIntersect,
  intersectHostnames,
  mostExactMatch,
  normalizeHostname,
  sortByExactness,
} from './hostnames';
import { MatchBudget, RegexNotEvaluated, re2Error, re2FullMatch } from './re2';

// ---------------------------------------------------------------- request side

export interface HttpRequestLike {
  method: string;
  /** Path with an optional query string. */
  path: string;
  headers: Record<string, string>;
}

export interface ParsedRequest {
  method: string;
  path: string;
  /** First value of each query parameter, undecoded, as Envoy compares them. */
  query: Map<string, string>;
  /** Header names in lower case. */
  headers: Map<string, string>;
}

export function parseRequest(request: HttpRequestLike): ParsedRequest {
  const raw = request.path || '/';
  const [pathPart = '/', queryPart = ''] = raw.split(/\?(.*)/s, 2);
  const path = (pathPart.split('#')[0] ?? '/') || '/';
  const query = new Map<string, string>();
  for (const pair of queryPart.split('#')[0]?.split('&') ?? []) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = eq >= 0 ? pair.slice(0, eq) : pair;
    if (!query.has(name)) query.set(name, eq >= 0 ? pair.slice(eq + 1) : '');
  }
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    headers.set(name.toLowerCase(), String(value));
  }
  return { method: (request.method || 'GET').toUpperCase(), path, query, headers };
}

/**
 * Envoy regexes (RE2) must match the whole value, in linear time (`re2.ts`). Invalid patterns
 * match nothing. Throws `RegexNotEvaluated` when the regex is beyond what the budget allows.
 */
export function fullMatch(
  pattern: string | undefined,
  value: string,
  budget: MatchBudget = new MatchBudget(),
): boolean {
  if (pattern === undefined) return false;
  return re2FullMatch(pattern, value, budget);
}

/** Path match with Kuma's semantics: PathPrefix compares whole `/`-separated segments. */
export function pathMatches(
  match: HttpPathMatch | undefined,
  path: string,
  budget: MatchBudget = new MatchBudget(),
): boolean {
  if (!match) return true;
  const value = match.value ?? '';
  switch (match.type) {
    case 'Exact':
      return path === value;
    case 'PathPrefix': {
      const prefix = value.replace(/\/+$/, '');
      if (prefix === '') return true;
      return path === prefix || path.startsWith(`${prefix}/`);
    }
    case 'RegularExpression':
      return fullMatch(value, path, budget);
    default:
      return false;
  }
}

export function headerMatches(
  match: HttpHeaderMatch,
  headers: Map<string, string>,
  budget: MatchBudget = new MatchBudget(),
): boolean {
  const actual = headers.get((match.name ?? '').toLowerCase());
  switch (match.type ?? 'Exact') {
    case 'Exact':
      return actual !== undefined && actual === (match.value ?? '');
    case 'Present':
      return actual !== undefined;
    case 'Absent':
      return actual === undefined;
    case 'Prefix':
      return actual?.startsWith(match.value ?? '') === true;
    case 'RegularExpression':
      return actual !== undefined && fullMatch(match.value ?? '', actual, budget);
    default:
      return false;
  }
}

export function queryMatches(
  match: HttpQueryMatch,
  query: Map<string, string>,
  budget: MatchBudget = new MatchBudget(),
): boolean {
  const actual = query.get(match.name ?? '');
  if (actual === undefined) return false;
  return match.type === 'RegularExpression'
    ? fullMatch(match.value ?? '', actual, budget)
    : actual === (match.value ?? '');
}

export function describePathMatch(match: HttpPathMatch | undefined): string {
  if (!match) return 'any path';
  return `${match.type} ${match.value}`;
}

function describeHeader(match: HttpHeaderMatch): string {
  switch (match.type ?? 'Exact') {
    case 'Present':
      return `header ${match.name} present`;
    case 'Absent':
      return `header ${match.name} absent`;
    case 'Prefix':
      return `header ${match.name} starting with "${match.value ?? ''}"`;
    case 'RegularExpression':
      return `header ${match.name} matching /${match.value ?? ''}/`;
    default:
      return `header ${match.name}: ${match.value ?? ''}`;
  }
}

/** "PathPrefix /api, GET, header x-env: canary, query v=2". */
export function describeMatch(match: HttpRouteMatch | undefined): string {
  if (!match) return 'any request';
  const parts = [describePathMatch(match.path)];
  if (match.method) parts.push(match.method);
  for (const header of match.headers ?? []) parts.push(describeHeader(header));
  for (const query of match.queryParams ?? []) {
    parts.push(
      query.type === 'RegularExpression'
        ? `query ${query.name} matching /${query.value}/`
        : `query ${query.name}=${query.value}`,
    );
  }
  return parts.join(', ');
}

/** Long patterns are cut in sentences; the route itself shows them whole. */
function quotePattern(pattern: string): string {
  return `"${pattern.length > 120 ? `${pattern.slice(0, 117)}...` : pattern}"`;
}

/** Why a regex match is void, or undefined when RE2 compiles it. */
function invalidRegex(what: string, pattern: string | undefined): string | undefined {
  const error = re2Error(pattern ?? '');
  return error === undefined
    ? undefined
    : `the ${what} regex ${quotePattern(pattern ?? '')} is not valid RE2 (${error}), so it matches nothing (Envoy rejects a route configuration carrying it)`;
}

/**
 * Why `match` does not accept the request; undefined when it does. Regexes cost at most what
 * `budget` allows: beyond that this throws `RegexNotEvaluated`.
 */
export function explainMismatch(
  match: HttpRouteMatch,
  request: ParsedRequest,
  budget: MatchBudget = new MatchBudget(),
): string | undefined {
  if (match.path?.type === 'RegularExpression') {
    const invalid = invalidRegex('path', match.path.value);
    if (invalid) return invalid;
  }
  if (!pathMatches(match.path, request.path, budget)) {
    return `path ${request.path} does not match ${describePathMatch(match.path)}`;
  }
  if (match.method && match.method.toUpperCase() !== request.method) {
    return `method ${request.method} is not ${match.method}`;
  }
  for (const header of match.headers ?? []) {
    if (header.type === 'RegularExpression') {
      const invalid = invalidRegex(`header ${header.name}`, header.value);
      if (invalid) return invalid;
    }
    if (!headerMatches(header, request.headers, budget))
      return `the request fails ${describeHeader(header)}`;
  }
  for (const query of match.queryParams ?? []) {
    if (query.type === 'RegularExpression') {
      const invalid = invalidRegex(`query parameter ${query.name}`, query.value);
      if (invalid) return invalid;
    }
    if (!queryMatches(query, request.query, budget)) {
      return `query parameter ${query.name} does not match ${query.type === 'RegularExpression' ? `/${query.value}/` : `"${query.value}"`}`;
    }
  }
  return undefined;
}

export function matchRequest(
  match: HttpRouteMatch,
  request: ParsedRequest,
  budget: MatchBudget = new MatchBudget(),
): boolean {
  return explainMismatch(match, request, budget) === undefined;
}

// ---------------------------------------------------------------- rule merging

export interface RuleOrigin {
  route: MeshHTTPRoute;
  toIndex: number;
  ruleIndex: number;
}

export interface MergedRule {
  /** Route hostname the rule was declared under (`*` when none). */
  hostname: string;
  /** Merge key: the canonical JSON of `matches`. */
  key: string;
  matches: HttpRouteMatch[];
  /** Effective `default` after merging. */
  default: HttpRouteRule['default'];
  /** The rule that won the merge (the last one in merge order with these matches). */
  origin: RuleOrigin;
  /** Earlier rules with identical matches that were merged into this one. */
  overridden: RuleOrigin[];
}

function canonicalMatch(match: HttpRouteMatch | undefined) {
  return {
    path: match?.path ? { value: match.path.value, type: match.path.type } : undefined,
    method: match?.method,
    queryParams: match?.queryParams?.map((q) => ({ type: q.type, name: q.name, value: q.value })),
    headers: match?.headers?.map((h) => ({ type: h.type, name: h.name, value: h.value })),
  };
}

export function matchesKey(matches: readonly HttpRouteMatch[] | undefined): string {
  return JSON.stringify((matches ?? []).map(canonicalMatch));
}

/**
 * Rules of `routes` (given in merge order, winner last) grouped by route hostname. Only `to[]`
 * entries with `targetRef.kind: Mesh` count under a MeshGateway.
 */
export function mergeRulesByHostname(routes: readonly MeshHTTPRoute[]): Map<string, MergedRule[]> {
  const byHostname = new Map<string, MergedRule[]>();
  for (const route of routes) {
    (route.spec?.to ?? []).forEach((to, toIndex) => {
      if ((to?.targetRef?.kind ?? 'Mesh') !== 'Mesh') return;
      const hostnames = to.hostnames?.length ? to.hostnames.map(normalizeHostname) : ['*'];
      for (const hostname of new Set(hostnames)) {
        const list = byHostname.get(hostname) ?? [];
        byHostname.set(hostname, list);
        (to.rules ?? []).forEach((rule, ruleIndex) => {
          const key = matchesKey(rule?.matches);
          const origin: RuleOrigin = { route, toIndex, ruleIndex };
          const conf = rule?.default ?? {};
          const existing = list.find((candidate) => candidate.key === key);
          if (!existing) {
            list.push({
              hostname,
              key,
              matches: rule?.matches ?? [],
              default: { ...conf },
              origin,
              overridden: [],
            });
            return;
          }
          // Later routes override field by field: an unset field keeps the earlier value.
          existing.overridden.push(existing.origin);
          existing.default = {
            filters: conf.filters ?? existing.default.filters,
            backendRefs: conf.backendRefs ?? existing.default.backendRefs,
          };
          existing.origin = origin;
        });
      }
    });
  }
  return byHostname;
}

// ---------------------------------------------------------------- route table

export interface RouteEntry {
  rule: MergedRule;
  matchIndex: number;
  match: HttpRouteMatch;
  /** The Envoy route match Kuma generates. Exactly one of the three paths is set. */
  exactPath?: string;
  prefixPath?: string;
  regexPath?: string;
  method?: string;
  headerCount: number;
  queryCount: number;
  /** The exact-path twin Kuma adds for a PathPrefix match. */
  derived: boolean;
}

export interface VirtualHost {
  hostname: string;
  /** Route hostnames whose rules this virtual host collected, most exact first. */
  ruleHostnames: string[];
  /** Sorted: the first entry matching the request wins. */
  entries: RouteEntry[];
}

function envoyPath(entry: RouteEntry): string {
  return entry.exactPath ?? entry.prefixPath ?? entry.regexPath ?? '';
}

/** Kuma's `isMoreSpecific` (route/sorter.go). */
function isMoreSpecific(lhs: RouteEntry, rhs: RouteEntry): boolean {
  if (lhs.exactPath !== undefined) {
    if (rhs.exactPath === undefined) return true;
    if (lhs.exactPath.length !== rhs.exactPath.length) {
      return lhs.exactPath.length > rhs.exactPath.length;
    }
  } else if (rhs.exactPath !== undefined) {
    return false;
  }
  if (lhs.prefixPath !== undefined) {
    if (rhs.prefixPath === undefined) return true;
    if (lhs.prefixPath.length !== rhs.prefixPath.length) {
      return lhs.prefixPath.length > rhs.prefixPath.length;
    }
  } else if (rhs.prefixPath !== undefined) {
    return false;
  }
  if (lhs.regexPath !== undefined) {
    if (rhs.regexPath === undefined) return true;
    // Equal-length regexes are not ordered any further (Go's fallthrough returns false).
    return lhs.regexPath.length > rhs.regexPath.length;
  }
  if (rhs.regexPath !== undefined) return false;
  if (lhs.method && !rhs.method) return true;
  if (!lhs.method && rhs.method) return false;
  if (lhs.headerCount !== rhs.headerCount) return lhs.headerCount > rhs.headerCount;
  if (lhs.queryCount !== rhs.queryCount) return lhs.queryCount > rhs.queryCount;
  return envoyPath(lhs) < envoyPath(rhs);
}

/** Negative when `a` is tried before `b`. */
export function compareRouteEntries(a: RouteEntry, b: RouteEntry): number {
  if (isMoreSpecific(a, b)) return -1;
  if (isMoreSpecific(b, a)) return 1;
  return 0;
}

/** Envoy entries for the rules of one virtual host (rules already in hostname order). */
export function buildEntries(rules: readonly MergedRule[]): RouteEntry[] {
  const explicitExact = new Set<string>();
  for (const rule of rules) {
    for (const match of rule.matches) {
      if (match?.path?.type === 'Exact') explicitExact.add(match.path.value);
    }
  }
  const entries: RouteEntry[] = [];
  for (const rule of rules) {
    rule.matches.forEach((match, matchIndex) => {
      const base = {
        rule,
        matchIndex,
        match,
        method: match?.method?.toUpperCase(),
        headerCount: match?.headers?.length ?? 0,
        queryCount: match?.queryParams?.length ?? 0,
        derived: false,
      };
      const path = match?.path;
      if (!path) {
        entries.push({ ...base, prefixPath: '/' });
      } else if (path.type === 'Exact') {
        entries.push({ ...base, exactPath: path.value });
      } else if (path.type === 'RegularExpression') {
        entries.push({ ...base, regexPath: path.value });
      } else {
        const trimmed = (path.value ?? '').replace(/\/+$/, '');
        entries.push({ ...base, prefixPath: `${trimmed}/` });
        if (trimmed !== '' && !explicitExact.has(trimmed)) {
          entries.push({ ...base, exactPath: trimmed, derived: true });
        }
      }
    });
  }
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((x, y) => compareRouteEntries(x.entry, y.entry) || x.index - y.index)
    .map(({ entry }) => entry);
}

/**
 * Why an Envoy entry refuses the request, or undefined when it accepts it. Each regex is
 * matched once, within `budget` (else `RegexNotEvaluated` is thrown).
 */
export function entryMismatch(
  entry: RouteEntry,
  request: ParsedRequest,
  budget: MatchBudget = new MatchBudget(),
): string | undefined {
  const match = entry.match ?? {};
  const pathFails =
    (entry.exactPath !== undefined && request.path !== entry.exactPath) ||
    (entry.prefixPath !== undefined && !request.path.startsWith(entry.prefixPath));
  if (pathFails) {
    // Kuma's segment-wise prefix may accept what this entry does not (its exact twin does).
    return explainMismatch(match, request, budget) ?? 'an earlier entry took precedence';
  }
  if (entry.regexPath !== undefined) return explainMismatch(match, request, budget);
  const { path: _path, ...rest } = match;
  return explainMismatch(rest, request, budget);
}

/** Does an Envoy entry accept the request? */
export function entryMatches(
  entry: RouteEntry,
  request: ParsedRequest,
  budget: MatchBudget = new MatchBudget(),
): boolean {
  return entryMismatch(entry, request, budget) === undefined;
}

/**
 * The virtual hosts of one listener. `routes` are the attached MeshHTTPRoutes in merge order;
 * `takenHostnames` are the hostnames of more exact listeners on the same port.
 */
export function buildVirtualHosts(
  routes: readonly MeshHTTPRoute[],
  listenerHostname: string,
  takenHostnames: readonly string[] = [],
): VirtualHost[] {
  const listener = normalizeHostname(listenerHostname);
  const byHostname = mergeRulesByHostname(routes);
  const specific: string[] = [];
  for (const ruleHostname of byHostname.keys()) {
    const virtualHost = intersectHostnames(ruleHostname, listener);
    if (virtualHost && !specific.includes(virtualHost)) specific.push(virtualHost);
  }
  const specificSet = new Set(specific);
  const hosts: VirtualHost[] = [];
  for (const hostname of sortByExactness(specific, (h) => h)) {
    if (takenHostnames.some((taken) => hostnameContains(normalizeHostname(taken), hostname)))
      continue;
    const ruleHostnames = sortByExactness(
      [...byHostname.keys()].filter((ruleHostname) => {
        if (!hostnamesIntersect(hostname, ruleHostname)) return false;
        // A more specific route hostname has its own virtual host.
        return !(specificSet.has(ruleHostname) && !hostnameContains(ruleHostname, hostname));
      }),
      (h) => h,
    );
    const rules = ruleHostnames.flatMap((ruleHostname) => byHostname.get(ruleHostname) ?? []);
    hosts.push({ hostname, ruleHostnames, entries: buildEntries(rules) });
  }
  return hosts;
}

/** The virtual host Envoy picks for `host`: exact domain, else the longest matching wildcard. */
export function selectVirtualHost(
  hosts: readonly VirtualHost[],
  host: string,
): VirtualHost | undefined {
  const hostname = mostExactMatch(
    hosts.map((vh) => vh.hostname),
    host,
  );
  return hosts.find((vh) => vh.hostname === hostname);
}

export interface RuleMatchResult {
  entry?: RouteEntry;
  /** For each distinct rule tried before the winner (or all when none wins), why it failed. */
  rejected: { entry: RouteEntry; reason: string }[];
  /**
   * Set when a regex could not be evaluated within the budget: the outcome from this entry on
   * is unknown, so no winner is claimed.
   */
  notEvaluated?: { entry: RouteEntry; reason: string };
}

export function findMatchingEntry(
  host: VirtualHost | undefined,
  request: ParsedRequest,
  budget: MatchBudget = new MatchBudget(),
): RuleMatchResult {
  const rejected: { entry: RouteEntry; reason: string }[] = [];
  for (const entry of host?.entries ?? []) {
    let reason: string | undefined;
    try {
      reason = entryMismatch(entry, request, budget);
    } catch (error) {
      if (!(error instanceof RegexNotEvaluated)) throw error;
      return {
        rejected,
        notEvaluated: {
          entry,
          reason: `the regex ${quotePattern(error.pattern)} was not evaluated: ${error.message}`,
        },
      };
    }
    if (reason === undefined) return { entry, rejected };
    if (!entry.derived) rejected.push({ entry, reason });
  }
  return { rejected };
}

export interface MatchedRule {
  route: { type: 'MeshHTTPRoute'; mesh: string; name: string };
  toIndex: number;
  ruleIndex: number;
  matchIndex: number;
  /** The route hostname the rule was declared under. */
  routeHostname: string;
  /** The virtual host that served the request. */
  virtualHost: string;
  match: HttpRouteMatch;
  backendRefs: BackendRef[];
  filters: HttpRouteFilter[];
  /** Rules with identical matches merged into this one (from routes that lost the conflict). */
  overridden: { route: string; toIndex: number; ruleIndex: number }[];
}

export function toMatchedRule(entry: RouteEntry, virtualHost: string): MatchedRule {
  const { origin } = entry.rule;
  return {
    route: { type: 'MeshHTTPRoute', mesh: origin.route.mesh, name: origin.route.name },
    toIndex: origin.toIndex,
    ruleIndex: origin.ruleIndex,
    matchIndex: entry.matchIndex,
    routeHostname: entry.rule.hostname,
    virtualHost,
    match: entry.match,
    backendRefs: entry.rule.default.backendRefs ?? [],
    filters: entry.rule.default.filters ?? [],
    overridden: entry.rule.overridden.map((o) => ({
      route: o.route.name,
      toIndex: o.toIndex,
      ruleIndex: o.ruleIndex,
    })),
  };
}
