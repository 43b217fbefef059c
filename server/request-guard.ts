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

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]', '::1'];
const WILDCARD_ADDRESSES = ['0.0.0.0', '::', '[::]'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostnameOf(hostHeader: string): string {
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}

export type GuardVerdict = { allowed: true } | { allowed: false; reason: string };

export function createRequestGuard({ listenHost, allowedHosts }: RequestGuardOptions) {
  const listensEverywhere = WILDCARD_ADDRESSES.includes(listenHost);
  const accepted = new Set(
    [...LOOPBACK_NAMES, listenHost, ...allowedHosts].map((host) => hostnameOf(host)),
  );
  accepted.delete('');

  return (request: Request): GuardVerdict => {
    const hostHeader = request.headers.get('host') ?? new URL(request.url).host;
    const hostname = hostnameOf(hostHeader);
    // Bound to every interface, the server is reached by names it cannot know; an explicit
    // allow-list still narrows it.
    const hostOk = (listensEverywhere && allowedHosts.length === 0) || accepted.has(hostname);
    if (!hostOk) {
      return {
        allowed: false,
        reason: `host "${hostHeader}" is not served here; add it to ALLOWED_HOSTS to allow it`,
      };
    }
    if (SAFE_METHODS.has(request.method)) return { allowed: true };
    if (request.headers.get('sec-fetch-site') === 'cross-site') {
      return { allowed: false, reason: 'cross-site writes are refused' };
    }
    const origin = request.headers.get('origin');
    if (origin && origin !== 'null') {
      let originHost: string;
      try {
        originHost = new URL(origin).host;
      } catch {
        return { allowed: false, reason: 'the Origin header is not a URL' };
      }
      if (originHost.toLowerCase() !== hostHeader.toLowerCase()) {
        return { allowed: false, reason: `writes from ${origin} are refused` };
      }
    } else if (origin === 'null') {
      return { allowed: false, reason: 'writes from an opaque origin are refused' };
    }
    return { allowed: true };
  };
}

export function parseAllowedHosts(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '');
}
