/**
 * Host name rules, one place for listeners and routes: MeshGateway listener hostnames
 * (`ValidateHostname`, G12–G14), the same rule as a warning on route hostnames (kuma-cp does not
 * check those), and the "precise hostname" of MeshHTTPRoute redirect/rewrite filters (R21, k8s
 * `IsDNS1123Subdomain`).
 */
import { isIPSloppy } from './ip';
import type { PathBuilder, ViolationList } from './violations';

const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
/** Lower-case DNS labels joined by dots. This is also the RFC 1123 subdomain pattern for names. */
export const DNS1123_SUBDOMAIN_PATTERN = `${DNS_LABEL}(\\.${DNS_LABEL})*`;
export const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_PATTERN}$`);
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

/** The message k8s `validation.IsDNS1123Subdomain` returns for a malformed value. */
export const MSG_DNS1123_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
  "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for " +
  `validation is '${DNS1123_SUBDOMAIN_PATTERN}')`;

/**
 * G12–G14, Kuma's `ValidateHostname` (`pkg/core/resources/apis/mesh/validators.go`, the same at
 * 2.6.15 and 2.14.3): `*` is valid; `*.x` needs x to be DNS labels; anything else must be DNS
 * labels. The messages a MeshGateway listener hostname gets, in kuma-cp's order.
 */
export function gatewayHostnameProblems(hostname: string): string[] {
  if (hostname === '*') {
    return [];
  }
  const problems: string[] = [];
  if (hostname.length > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    problems.push('must be at most 253 characters');
  }
  if (hostname.startsWith('*.')) {
    if (!DNS1123_SUBDOMAIN_RE.test(hostname.slice(2))) {
      problems.push('invalid wildcard domain');
    }
    return problems;
  }
  if (!DNS1123_SUBDOMAIN_RE.test(hostname)) {
    problems.push('invalid hostname');
  }
  return problems;
}

/** A listener hostname: kuma-cp refuses one that breaks G12–G14. The caller skips empty ones (`*`). */
export function validateGatewayHostname(
  out: ViolationList,
  path: PathBuilder,
  hostname: string,
): void {
  for (const problem of gatewayHostnameProblems(hostname)) {
    out.add(path, problem);
  }
}

/**
 * The same rule for a route's hostnames (MeshHTTPRoute `spec.to[].hostnames`; MeshGatewayRoute
 * `conf.http.hostnames` on old releases), as a warning: kuma-cp checks no syntax there
 * (`validateHostnames` in meshhttproute's `validation.go` only refuses hostnames on a route that
 * does not target a MeshGateway; `gateway_route_validator.go` has no hostname check), so it stores
 * `*.foo.*.com` on a route that it refuses on a listener (real kuma-cp 2.14.3 and 2.6.15 alike).
 * Such a name becomes an Envoy virtual-host domain no request's host matches.
 */
export function routeHostnameWarning(hostname: string): string | undefined {
  const problems = gatewayHostnameProblems(hostname);
  if (problems.length === 0) {
    return undefined;
  }
  return `${problems.join(', ')}: kuma-cp stores this on a route but refuses it on a listener, and no request's host will match it`;
}

/** R21: a redirect/rewrite hostname must not be an IP and must be an RFC 1123 subdomain. */
export function validatePreciseHostname(
  out: ViolationList,
  path: PathBuilder,
  hostname: string,
): void {
  if (isIPSloppy(hostname)) {
    out.add(path, 'cannot be an IP address');
    return;
  }
  if (hostname.length > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    out.add(path, `must be no more than ${DNS1123_SUBDOMAIN_MAX_LENGTH} characters`);
  }
  if (!DNS1123_SUBDOMAIN_RE.test(hostname)) {
    out.add(path, MSG_DNS1123_SUBDOMAIN);
  }
}
