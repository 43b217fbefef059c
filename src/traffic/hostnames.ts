/**
 * Hostname semantics of Kuma's built-in gateway (gateway-semantics.md §1.5; facts from
 * kumahq/kuma `pkg/plugins/runtime/gateway/match/hostnames.go`).
 *
 * A hostname is an exact name (`api.example.com`), a wildcard (`*.example.com`) or `*`; an empty
 * hostname means `*`. A wildcard replaces the first label only and matches ONE OR MORE labels:
 * `*.example.com` matches `a.example.com` and `a.b.example.com` but not `example.com`.
 */

export const WILDCARD_HOSTNAME = '*';

/** Listener / route hostname as Kuma compares it: lower case, empty means `*`. */
export function normalizeHostname(hostname: string | undefined | null): string {
  const value = (hostname ?? '').trim().toLowerCase().replace(/\.$/, '');
  return value === '' ? WILDCARD_HOSTNAME : value;
}

/**
 * The host a client sends (Host header or SNI): lower case, without a port or a trailing dot.
 * `[::1]:8080` keeps its brackets off; an empty host stays empty (it matches only `*`).
 */
export function normalizeRequestHost(host: string | undefined | null): string {
  let value = (host ?? '').trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end > 0 ? value.slice(1, end) : value;
  }
  const colon = value.lastIndexOf(':');
  if (colon >= 0 && value.indexOf(':') === colon) value = value.slice(0, colon);
  return value.replace(/\.$/, '');
}

interface ParsedHostname {
  first: string;
  rest: string[];
}

function parse(hostname: string): ParsedHostname {
  const [first = '', ...rest] = normalizeHostname(hostname).split('.');
  return { first, rest };
}

/** `*` or `*.suffix`. */
export function isWildcardHostname(hostname: string | undefined | null): boolean {
  return parse(normalizeHostname(hostname)).first === WILDCARD_HOSTNAME;
}

/**
 * Does `container` cover every name `contained` can stand for? Labels are compared from the
 * right; `*.example.com` contains `a.example.com`, `a.b.example.com` and `*.a.example.com`,
 * and `*` contains everything.
 */
export function hostnameContains(container: string, contained: string): boolean {
  const outer = parse(container);
  const inner = parse(contained);
  if (outer.rest.length > inner.rest.length) return false;
  for (let i = 1; i <= outer.rest.length; i++) {
    if (outer.rest[outer.rest.length - i] !== inner.rest[inner.rest.length - i]) return false;
  }
  if (outer.first === WILDCARD_HOSTNAME) return true;
  return outer.first === inner.first && outer.rest.length === inner.rest.length;
}

/** Does a listener / route hostname pattern accept a concrete request host? */
export function hostnameMatches(pattern: string | undefined | null, host: string): boolean {
  const normalizedHost = normalizeRequestHost(host);
  if (normalizedHost === '') return normalizeHostname(pattern) === WILDCARD_HOSTNAME;
  return hostnameContains(normalizeHostname(pattern), normalizedHost);
}

/** Two hostnames intersect when one contains the other (Kuma's `match.Hostnames`). */
export function hostnamesIntersect(a: string, b: string): boolean {
  const left = normalizeHostname(a);
  const right = normalizeHostname(b);
  return left === right || hostnameContains(left, right) || hostnameContains(right, left);
}

/**
 * Kuma's exactness order (`IsMoreExact`): exact names before wildcards, a longer wildcard
 * (`*.a.example.com`) before a shorter one (`*.example.com`, then `*`); otherwise alphabetical.
 * Negative when `a` is more exact than `b`.
 */
export function compareHostnameExactness(a: string, b: string): number {
  const left = parse(a);
  const right = parse(b);
  const leftWildcard = left.first === WILDCARD_HOSTNAME;
  const rightWildcard = right.first === WILDCARD_HOSTNAME;
  if (!leftWildcard && rightWildcard) return -1;
  if (leftWildcard && !rightWildcard) return 1;
  if (leftWildcard && rightWildcard && left.rest.length !== right.rest.length) {
    return right.rest.length - left.rest.length;
  }
  const leftText = normalizeHostname(a);
  const rightText = normalizeHostname(b);
  if (leftText === rightText) return 0;
  return leftText < rightText ? -1 : 1;
}

/** Most exact first, stable for equal hostnames. */
export function sortByExactness<T>(items: readonly T[], hostnameOf: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort(
      (x, y) =>
        compareHostnameExactness(hostnameOf(x.item), hostnameOf(y.item)) || x.index - y.index,
    )
    .map(({ item }) => item);
}

/** The most exact pattern that accepts `host`, as Envoy picks a virtual host or SNI chain. */
export function mostExactMatch(patterns: readonly string[], host: string): string | undefined {
  return sortByExactness(
    patterns.filter((pattern) => hostnameMatches(pattern, host)),
    (pattern) => pattern,
  )[0];
}

/**
 * The virtual host a route hostname produces on a listener (§1.5 rule 3): the route hostname
 * when it lies inside the listener hostname, the listener hostname when the listener lies
 * inside the route hostname, `undefined` when they do not intersect (the route's rules are
 * ignored on that listener).
 */
export function intersectHostnames(
  routeHostname: string,
  listenerHostname: string,
): string | undefined {
  const route = normalizeHostname(routeHostname);
  const listener = normalizeHostname(listenerHostname);
  if (!hostnamesIntersect(route, listener)) return undefined;
  return hostnameContains(route, listener) ? listener : route;
}
