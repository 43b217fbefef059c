/**
 * Guards `/api/*` against DNS rebinding and cross-site writes. The proxy injects the control
 * plane's token and the demo accepts writes, so a page on another site must not be able to reach
 * either through the user's browser: its requests carry a foreign Host (rebinding) or a foreign
 * Origin (a cross-site form or fetch).
 */
export interface RequestGuardOptions {
  /** The address the server listens on (`--host`). */
  listenHost: string;
  /** Extra host names to accept, e.g. the DNS name of a shared dashboard (`ALLOWED_HOSTS`). */
  allowedHosts: readonly string[];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARD_ADDRESSES = ['0.0.0.0', '::', '[::]'];

/** Bound to every interface: reached by names the server cannot know. */
export function listensEverywhere(listenHost: string): boolean {
  return WILDCARD_ADDRESSES.includes(listenHost);
}

/** The lowercase host name of a `Host` value or a configured name (bare IPv6 allowed). */
export function hostnameOf(hostOrName: string): string {
  const value = hostOrName.trim();
  // A bare IPv6 address (`fd00::5`) needs brackets to parse as a URL host.
  const bracketed = !value.startsWith('[') && value.split(':').length > 2 ? `[${value}]` : value;
  try {
    return new URL(`http://${bracketed}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** `host[:port]` as a browser would write it in an Origin for `protocol` (default port dropped). */
function originHostOf(protocol: string, hostHeader: string): string {
  try {
    return new URL(`${protocol}//${hostHeader}`).host.toLowerCase();
  } catch {
    return '';
  }
}

export type GuardVerdict = { allowed: true } | { allowed: false; reason: string };

export function createRequestGuard({ listenHost, allowedHosts }: RequestGuardOptions) {
  const anyHost = listensEverywhere(listenHost) && allowedHosts.length === 0;
  const accepted = new Set(
    [...LOOPBACK_NAMES, listenHost, ...allowedHosts].map((host) => hostnameOf(host)),
  );
  accepted.delete('');
  const allowedOrigins = new Set(allowedHosts.map((host) => hostnameOf(host)));
  allowedOrigins.delete('');

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
    let originUrl: URL;
    try {
      originUrl = new URL(origin);
    } catch {
      return { allowed: false, reason: 'the Origin header is not a URL' };
    }
    const sameOrigin =
      originUrl.host.toLowerCase() === originHostOf(originUrl.protocol, hostHeader);
    // Behind a reverse proxy the Host is rewritten; the public name is then in ALLOWED_HOSTS.
    if (sameOrigin || allowedOrigins.has(originUrl.hostname.toLowerCase()))
      return { allowed: true };
    return { allowed: false, reason: `requests from ${origin} are refused` };
  };
}

export function parseAllowedHosts(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '');
}
