import type { GatewayRequest } from '../../traffic/evaluate-request';

/** What the trace form holds; all of it lives in the URL so a trace can be shared. */
export interface TraceInput {
  mesh: string;
  /** `builtin:<MeshGateway>`, `delegated:<service>`, or `edge` (whatever the edge Kong Gateway fronts). */
  gateway: string;
  url: string;
  method: string;
  /** `Name: value` lines. */
  headers: string;
}

export const EMPTY_TRACE: TraceInput = {
  mesh: '',
  gateway: 'edge',
  url: 'http://www.example.com/',
  method: 'GET',
  headers: '',
};

export function traceFromParams(params: URLSearchParams): TraceInput {
  return {
    mesh: params.get('mesh') ?? EMPTY_TRACE.mesh,
    gateway: params.get('gateway') ?? EMPTY_TRACE.gateway,
    url: params.get('url') ?? EMPTY_TRACE.url,
    method: (params.get('method') ?? EMPTY_TRACE.method).toUpperCase(),
    headers: params.get('headers') ?? '',
  };
}

export function traceToParams(input: TraceInput): URLSearchParams {
  const params = new URLSearchParams();
  if (input.mesh) params.set('mesh', input.mesh);
  params.set('gateway', input.gateway);
  params.set('url', input.url);
  params.set('method', input.method);
  if (input.headers.trim()) params.set('headers', input.headers);
  return params;
}

export type ParsedTarget =
  | {
      ok: true;
      scheme: 'http' | 'https';
      host: string;
      port: number;
      path: string;
      headers: Record<string, string>;
    }
  | { ok: false; error: string };

/** The URL and header lines as the data plane would see them; explains what it cannot read. */
export function parseTarget(input: Pick<TraceInput, 'url' | 'headers'>): ParsedTarget {
  let url: URL;
  const text = input.url.trim();
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return { ok: false, error: `"${input.url}" is not a URL (try http://host:port/path)` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      error: `only http and https requests can be traced (got ${url.protocol.replace(':', '')})`,
    };
  }
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const headers: Record<string, string> = {};
  for (const [index, line] of input.headers.split('\n').entries()) {
    if (!line.trim()) continue;
    const separator = line.indexOf(':');
    if (separator <= 0)
      return { ok: false, error: `header line ${index + 1} is not "Name: value"` };
    headers[line.slice(0, separator).trim().toLowerCase()] = line.slice(separator + 1).trim();
  }
  // Like curl -H 'Host: …': a Host header names the virtual host, the URL only the address.
  let host = url.hostname;
  if (headers.host !== undefined) {
    try {
      host = new URL(`http://${headers.host}`).hostname;
    } catch {
      return { ok: false, error: `the Host header "${headers.host}" is not a host name` };
    }
  }
  return {
    ok: true,
    scheme,
    host,
    port: url.port ? Number(url.port) : scheme === 'https' ? 443 : 80,
    path: `${url.pathname}${url.search}`,
    headers,
  };
}

export function gatewayChoice(
  value: string,
): { kind: 'edge' } | { kind: 'builtin' | 'delegated'; name: string } {
  const separator = value.indexOf(':');
  const kind = value.slice(0, separator);
  if (separator > 0 && (kind === 'builtin' || kind === 'delegated'))
    return { kind, name: value.slice(separator + 1) };
  return { kind: 'edge' };
}

/** The evaluator's request for one gateway. */
export function gatewayRequest(
  mesh: string,
  gateway: { kind: 'builtin' | 'delegated'; name: string },
  target: Extract<ParsedTarget, { ok: true }>,
  method: string,
): GatewayRequest {
  return {
    gateway:
      gateway.kind === 'builtin'
        ? { mesh, name: gateway.name }
        : { mesh, delegatedService: gateway.name },
    scheme: target.scheme,
    host: target.host,
    port: target.port,
    path: target.path,
    method: method.toUpperCase(),
    headers: target.headers,
  };
}
