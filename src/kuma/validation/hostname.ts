/**
 * Host name rules: MeshGateway listener hostnames (`ValidateHostname`, G12–G14) and the
 * "precise hostname" of MeshHTTPRoute redirect/rewrite filters (R21, k8s `IsDNS1123Subdomain`).
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
 * G12–G14. `*` is valid; `*.x` needs x to be DNS labels; anything else must be DNS labels.
 * The caller skips empty hostnames (they mean `*`).
 */
export function validateGatewayHostname(
  out: ViolationList,
  path: PathBuilder,
  hostname: string,
): void {
  if (hostname === '*') {
    return;
  }
  if (hostname.length > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    out.add(path, 'must be at most 253 characters');
  }
  if (hostname.startsWith('*.')) {
    if (!DNS1123_SUBDOMAIN_RE.test(hostname.slice(2))) {
      out.add(path, 'invalid wildcard domain');
    }
    return;
  }
  if (!DNS1123_SUBDOMAIN_RE.test(hostname)) {
    out.add(path, 'invalid hostname');
  }
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
