import { kumaError } from '../demo-cp/src/errors';

/** Hop-by-hop headers (RFC 9110 §7.6.1) never cross a proxy. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

/**
 * Headers by which a client claims who it is, where it came from or which method it meant. A
 * proxy in front of kuma-cp (or kuma-cp's own access log) would take them as said by this
 * server; the browser's copies are not, so they are dropped rather than passed on.
 */
const CLIENT_CLAIMS = new Set([
  'forwarded',
  'via',
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
  'cf-connecting-ip',
  'fastly-client-ip',
  'x-cluster-client-ip',
  'x-original-forwarded-for',
  'x-originating-ip',
  'x-original-host',
  'x-original-url',
  'x-rewrite-url',
  'x-host',
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
]);

function isClientClaim(name: string): boolean {
  return CLIENT_CLAIMS.has(name) || name.startsWith('x-forwarded-');
}

/**
 * The methods kuma-cp's API serves anywhere (GET, PUT and DELETE on resources, POST on
 * `/tokens/*`); its router (go-restful) answers every other one with 405. The dashboard answers
 * those itself, so a TRACE or PATCH never turns into a 502 that blames the control plane.
 */
export const FORWARDED_METHODS: readonly string[] = ['GET', 'PUT', 'POST', 'DELETE'];

/** Compared as sent: methods are case-sensitive (RFC 9110 §9.1), and kuma-cp compares them so. */
export function isForwardedMethod(method: string): boolean {
  return FORWARDED_METHODS.includes(method);
}

export function methodNotAllowed(method: string): Response {
  return new Response(
    JSON.stringify(
      kumaError(
        405,
        'Method Not Allowed',
        `the dashboard forwards only ${FORWARDED_METHODS.join(', ')} to the control plane, not ${method}`,
      ),
    ),
    {
      status: 405,
      headers: { 'content-type': 'application/json', allow: FORWARDED_METHODS.join(', ') },
    },
  );
}

/**
 * Set on a 401 or 403 answered to a request that carried the server's `KUMA_CP_TOKEN`, so the
 * page can say which token was refused (the token itself never leaves the server).
 */
export const SERVER_TOKEN_HEADER = 'x-dashboard-token';

export interface ProxyTarget {
  url: URL;
  token?: string;
  timeoutMs: number;
  /** Where the detail of an upstream failure goes (the server's log, never the browser). */
  log?: (line: string) => void;
}

function filterHeaders(headers: Headers): Headers {
  const out = new Headers();
  const listed = (headers.get('connection') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && !listed.includes(name)) out.set(name, value);
  });
  return out;
}

/**
 * A credential-less `Authorization` (empty, blanks, or a scheme alone) is no credential: it must
 * not stand in for the configured token, or a client that sends an empty header by mistake gets
 * a 401 it cannot explain.
 */
export function isBlankAuthorization(value: string | null): boolean {
  return value === null || /^\s*(?:bearer\s*)?$/i.test(value);
}

function formatTimeout(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/**
 * What the browser learns of an upstream failure: that the control plane is unreachable or
 * slow, never its address or the socket error (ECONNREFUSED 10.0.0.1:5681 …), which the server
 * logs instead.
 */
export function upstreamFailure(kind: 'unreachable' | 'timeout', timeoutMs?: number): Response {
  const body =
    kind === 'timeout'
      ? kumaError(
          504,
          'Gateway Timeout',
          `the control plane did not answer within ${formatTimeout(timeoutMs ?? 0)}`,
        )
      : kumaError(502, 'Bad Gateway', 'the control plane could not be reached');
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': 'application/json' },
  });
}

function describeFailure(error: unknown): string {
  const failure = error as Error & { cause?: Error & { code?: string } };
  const cause = failure.cause;
  return cause
    ? `${failure.message}: ${cause.code ?? ''} ${cause.message}`.trim()
    : failure.message;
}

/**
 * The control plane URL for an API path. The path is appended to the configured origin and base
 * path as text, never resolved as a URL, so no spelling of it (`//host`, `\\host`, `http://…`,
 * encoded dots) can reach another host.
 */
export function upstreamUrl(target: URL, pathAndQuery: string): string {
  const base = target.pathname.replace(/\/+$/, '');
  const path = pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`;
  return `${target.origin}${base}${path}`;
}

/**
 * Forwards one API request, streaming both bodies; upstream failures become Kuma-shaped 502s
 * (unreachable) and 504s (no answer in time). Methods kuma-cp does not serve are the caller's
 * to refuse (`isForwardedMethod`).
 */
export async function proxyRequest(
  target: ProxyTarget,
  request: Request,
  pathAndQuery: string,
): Promise<Response> {
  const headers = filterHeaders(request.headers);
  headers.delete('cookie');
  // Kuma's API server allows any origin by default: it must never see a browser's Origin, or
  // its CORS answer would let another site read what the injected token unlocks.
  headers.delete('origin');
  for (const name of [...headers.keys()]) {
    if (isClientClaim(name)) headers.delete(name);
  }
  if (isBlankAuthorization(headers.get('authorization'))) headers.delete('authorization');
  const injected = !headers.has('authorization') && Boolean(target.token);
  if (injected) headers.set('authorization', `Bearer ${target.token}`);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const url = upstreamUrl(target.url, pathAndQuery);
  let upstream: Response;
  try {
    upstream = await fetch(url, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(target.timeoutMs),
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    const log = target.log ?? ((line: string) => console.error(line));
    log(
      `proxy: ${request.method} ${url} ${timedOut ? `got no answer within ${target.timeoutMs} ms` : `failed: ${describeFailure(error)}`}`,
    );
    return upstreamFailure(timedOut ? 'timeout' : 'unreachable', target.timeoutMs);
  }
  const responseHeaders = filterHeaders(upstream.headers);
  // The token and the upstream's own address stay on the server side.
  responseHeaders.delete('set-cookie');
  responseHeaders.delete('location');
  for (const name of [...responseHeaders.keys()]) {
    if (name.startsWith('access-control-')) responseHeaders.delete(name);
  }
  responseHeaders.delete(SERVER_TOKEN_HEADER);
  if (injected && (upstream.status === 401 || upstream.status === 403)) {
    responseHeaders.set(SERVER_TOKEN_HEADER, 'refused');
  }
  // fetch already decoded the body.
  responseHeaders.delete('content-encoding');
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}
