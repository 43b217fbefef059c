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

export interface ProxyTarget {
  url: URL;
  token?: string;
  timeoutMs: number;
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

function badGateway(detail: string): Response {
  return new Response(JSON.stringify(kumaError(502, 'Bad Gateway', detail)), {
    status: 502,
    headers: { 'content-type': 'application/json' },
  });
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

/** Forwards one API request, streaming both bodies; upstream failures become Kuma-shaped 502s. */
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
  if (!headers.has('authorization') && target.token) {
    headers.set('authorization', `Bearer ${target.token}`);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(upstreamUrl(target.url, pathAndQuery), {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(target.timeoutMs),
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `the control plane did not answer within ${target.timeoutMs} ms`
        : `the control plane could not be reached: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`;
    return badGateway(reason);
  }
  const responseHeaders = filterHeaders(upstream.headers);
  // The token and the upstream's own address stay on the server side.
  responseHeaders.delete('set-cookie');
  responseHeaders.delete('location');
  for (const name of [...responseHeaders.keys()]) {
    if (name.startsWith('access-control-')) responseHeaders.delete(name);
  }
  // fetch already decoded the body.
  responseHeaders.delete('content-encoding');
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}
