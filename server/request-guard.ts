/**
 * Guards `/api/*` against DNS rebinding and cross-site writes. The proxy injects the control
 * plane's token and the demo accepts writes, so a page on another site must not be able to reach
 * either through the user's browser: its requests carry a foreign Host (rebinding) or a foreign
 * Origin (a cross-site form or fetch).
 */
export interface RequestGuardOptions {
  /** The address the server listens on (`--host`). */
  listenHost: string;
  /**
   * Extra names to accept (`ALLOWED_HOSTS`): a host name (`dash.corp`, `dash.corp:8443`), whose
   * pages are then accepted from `https://` that name, or an origin (`http://dash.lan:8080`).
   */
  allowedHosts: readonly string[];
  /** The scheme browsers reach this server with when nothing rewrites it (`http:`). */
  scheme?: 'http:' | 'https:';
}

/** Marks the guard's own 403s, so the page does not advise a token for them. */
export const GUARD_HEADER = 'x-dashboard-guard';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARD_ADDRESSES = ['0.0.0.0', '::', '[::]'];

/** Bound to every interface: reached by names the server cannot know. */
export function listensEverywhere(listenHost: string): boolean {
  return WILDCARD_ADDRESSES.includes(listenHost);
}

/** A bare IPv6 address (`fd00::5`) needs brackets to parse as a URL host. */
function bracketed(value: string): string {
  return !value.startsWith('[') && value.split(':').length > 2 ? `[${value}]` : value;
}

/** The lowercase host name of a `Host` value or a configured name (bare IPv6 allowed). */
export function hostnameOf(hostOrName: string): string {
  try {
    return new URL(`http://${bracketed(hostOrName.trim())}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * The serialized origin (`scheme://host[:port]`, default port dropped, host lowercased) of a
 * scheme and a `Host` value, or of an Origin header; undefined when it is not one.
 */
export function originOf(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash || url.hostname === '') {
    return undefined;
  }
  if (url.pathname !== '/' && url.pathname !== '') return undefined;
  return url.origin;
}

export interface AllowedEntry {
  /** Accepted in `Host`. */
  hostname: string;
  /** Accepted in `Origin`, exactly (scheme, host and port). */
  origin: string;
}

/**
 * One `ALLOWED_HOSTS` entry. A bare name is a public name in front of a reverse proxy, so its
 * pages come from `https://name[:port]`; any other scheme or port is written as an origin.
 */
export function parseAllowedEntry(entry: string): AllowedEntry {
  const value = entry.trim();
  const written = value.includes('://') ? value.replace(/\/$/, '') : `https://${bracketed(value)}`;
  const origin = originOf(written);
  if (origin === undefined) {
    throw new Error(
      `ALLOWED_HOSTS entry "${entry}" is neither a host name (dash.example.com[:port]) nor an origin (http[s]://dash.example.com[:port])`,
    );
  }
  return { hostname: new URL(origin).hostname.toLowerCase(), origin };
}

export type GuardVerdict = { allowed: true } | { allowed: false; reason: string };

export function createRequestGuard({
  listenHost,
  allowedHosts,
  scheme = 'http:',
}: RequestGuardOptions) {
  const entries = allowedHosts.map(parseAllowedEntry);
  const anyHost = listensEverywhere(listenHost) && entries.length === 0;
  const accepted = new Set([
    ...[...LOOPBACK_NAMES, listenHost].map((host) => hostnameOf(host)),
    ...entries.map((entry) => entry.hostname),
  ]);
  accepted.delete('');
  const allowedOrigins = new Set(entries.map((entry) => entry.origin));

  return (request: Request): GuardVerdict => {
    const hostHeader = request.headers.get('host') ?? new URL(request.url).host;
    const hostname = hostnameOf(hostHeader);
    // Bound to every interface, only an explicit allow-list can narrow the names.
    const hostOk = anyHost || accepted.has(hostname);
    if (!hostOk) {
      return {
        allowed: false,
        reason: `host "${hostHeader}" is not served here; add it to ALLOWED_HOSTS to allow it`,
      };
    }
    // Reads too: the answers carry what the injected token unlocks.
    if (request.headers.get('sec-fetch-site') === 'cross-site') {
      return { allowed: false, reason: 'cross-site requests are refused' };
    }
    const origin = request.headers.get('origin');
    if (origin === null) return { allowed: true };
    if (origin === 'null') {
      return { allowed: false, reason: 'requests from an opaque origin are refused' };
    }
    const pageOrigin = originOf(origin);
    if (pageOrigin === undefined) {
      return { allowed: false, reason: 'the Origin header is not an origin' };
    }
    // The page this server sent: its own scheme, and the Host the browser addressed. Scheme,
    // host and port all count: `https://a` is not `http://a:80`, nor `http://a:8080`.
    const ownOrigin = originOf(`${scheme}//${hostHeader.trim()}`);
    // Behind a reverse proxy the Host is rewritten; the public origin is then in ALLOWED_HOSTS.
    if (pageOrigin === ownOrigin || allowedOrigins.has(pageOrigin)) return { allowed: true };
    return {
      allowed: false,
      reason: `requests from ${pageOrigin} are refused; if that is this dashboard's public address, add ${pageOrigin} to ALLOWED_HOSTS`,
    };
  };
}

/** `ALLOWED_HOSTS`, comma-separated; an entry that is neither a name nor an origin throws. */
export function parseAllowedHosts(value: string | undefined): string[] {
  const hosts = (value ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '');
  for (const host of hosts) parseAllowedEntry(host);
  return hosts;
}
