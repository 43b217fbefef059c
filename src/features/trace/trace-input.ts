import { isIP } from '../../kuma/validation/ip';
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
  | { ok: false; error: string; field: 'url' | 'headers' };

/** What the trace can send: the schemes the gateway evaluator models. */
const SCHEMES = ['http', 'https'] as const;
const DEFAULT_PORT = { http: 80, https: 443 } as const;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** 1-based position of a character, as people count them in a field. */
const at = (index: number) => `at character ${index + 1}`;

/** Spaces and control characters: never part of a URL (browsers quietly encode them; curl refuses). */
function badCharacter(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (text[i] === ' ' || /\s/.test(text[i] ?? '')) {
      return `it has a space ${at(i)}; a host name cannot have one, and a path or query writes it as %20`;
    }
    if (code < 0x20 || code === 0x7f) return `it has a control character ${at(i)}`;
    if (text[i] === '\\') return `it has a backslash ${at(i)}; a URL separates its path with /`;
  }
  return undefined;
}

const LABEL_RE = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$/;

/** A host name, IPv4 address or bracketed IPv6 address, lower-cased as Envoy matches it. */
function parseHost(raw: string): Parsed<string> {
  if (raw === '')
    return fail('there is no host: write one after "//", e.g. http://shop.example.com/');
  if (raw.startsWith('[')) {
    const inner = raw.slice(1, -1);
    if (!raw.endsWith(']')) return fail(`the IPv6 address "${raw}" has no closing "]"`);
    if (inner.includes('%')) return fail('IPv6 zone identifiers (%…) cannot be traced');
    if (!isIP(inner) || !inner.includes(':')) return fail(`"${inner}" is not an IPv6 address`);
    return { ok: true, value: `[${inner.toLowerCase()}]` };
  }
  if (raw.includes('*')) {
    return fail(
      `the host "${raw}" has a "*": wildcards belong to listener and route hostnames; a request names one host, e.g. www.example.com`,
    );
  }
  if (raw.includes('%')) return fail(`the host "${raw}" is percent-encoded: write the name itself`);
  let host = raw.toLowerCase();
  if (/[\u0080-\uffff]/.test(host)) {
    // An internationalised name goes out as its punycode form, as a browser or curl sends it.
    try {
      host = new URL(`http://${host}/`).hostname;
    } catch {
      return fail(`the host "${raw}" is not a valid internationalised domain name`);
    }
  }
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  const labels = name.split('.');
  if (labels.every((label) => /^\d+$/.test(label)) || /^\d+$/.test(labels.at(-1) ?? '')) {
    return isIP(name) && !name.includes(':')
      ? { ok: true, value: name }
      : fail(`"${raw}" is not an IPv4 address (four numbers 0–255, without leading zeros)`);
  }
  if (name.length > 253)
    return fail(`the host name is ${name.length} characters long (at most 253)`);
  for (const label of labels) {
    if (label === '')
      return fail(`the host "${raw}" has an empty label (two dots in a row, or a leading dot)`);
    if (label.length > 63) return fail(`the host label "${label}" is longer than 63 characters`);
    if (!LABEL_RE.test(label)) {
      const bad = [...label].find((char) => !/[a-z0-9_-]/.test(char));
      return fail(
        bad
          ? `the host "${raw}" has "${bad}", which a host name cannot contain`
          : `the host label "${label}" starts or ends with "-"`,
      );
    }
  }
  return { ok: true, value: host };
}

function parsePort(raw: string): Parsed<number> {
  if (raw === '') return fail('the port after ":" is empty');
  if (!/^\d+$/.test(raw)) return fail(`the port "${raw}" is not a number`);
  const port = Number(raw);
  if (port < 1 || port > 65535) return fail(`the port ${raw} is out of range (1–65535)`);
  return { ok: true, value: port };
}

/** `host[:port]`, as in a URL's authority or a Host header. */
function parseAuthority(authority: string): Parsed<{ host: string; port?: number }> {
  if (authority.includes('@')) {
    return fail(
      'user names and passwords (…@) in the URL are not traced: send an Authorization header instead',
    );
  }
  let hostPart = authority;
  let portPart: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return fail(`the IPv6 address "${authority}" has no closing "]"`);
    hostPart = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) return fail(`"${after}" after the IPv6 address is not ":port"`);
      portPart = after.slice(1);
    }
  } else {
    const colons = authority.split(':').length - 1;
    if (colons > 1) return fail('an IPv6 address goes in brackets: http://[2001:db8::1]:8080/');
    if (colons === 1) {
      const colon = authority.indexOf(':');
      hostPart = authority.slice(0, colon);
      portPart = authority.slice(colon + 1);
    }
  }
  const host = parseHost(hostPart);
  if (!host.ok) return host;
  if (portPart === undefined) return { ok: true, value: { host: host.value } };
  const port = parsePort(portPart);
  if (!port.ok) return port;
  return { ok: true, value: { host: host.value, port: port.value } };
}

/** RFC 3986 remove_dot_segments, which curl (and every browser) applies before sending. */
function removeDotSegments(path: string): string {
  const output: string[] = [];
  const segments = path.split('/');
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    if (segment === '.' || segment === '..') {
      if (segment === '..' && output.length > 1) output.pop();
      if (last) output.push('');
    } else output.push(segment);
  }
  const joined = output.join('/');
  return joined.startsWith('/') ? joined : `/${joined}`;
}

/** The path and query as sent: `%` must start an escape; other non-ASCII goes out UTF-8 encoded. */
function parsePathAndQuery(rest: string, offset: number): Parsed<string> {
  const hash = rest.indexOf('#');
  // The fragment stays in the client: it is never sent.
  const sent = hash < 0 ? rest : rest.slice(0, hash);
  for (let i = 0; i < sent.length; i++) {
    if (sent[i] === '%' && !/^[0-9a-fA-F]{2}$/.test(sent.slice(i + 1, i + 3))) {
      return fail(
        `"${sent.slice(i, i + 3)}" ${at(offset + i)} is not percent-encoding; "%" comes with two hex digits (a literal % is %25)`,
      );
    }
  }
  let encoded: string;
  try {
    encoded = sent.replace(/[\u0080-\uffff]+/g, (chars) => encodeURIComponent(chars));
  } catch {
    // encodeURIComponent refuses a lone surrogate: text no client could send as UTF-8.
    return fail('it has a character that is not valid Unicode');
  }
  const question = encoded.indexOf('?');
  const path = question < 0 ? encoded : encoded.slice(0, question);
  const query = question < 0 ? '' : encoded.slice(question);
  return { ok: true, value: `${removeDotSegments(path || '/')}${query}` };
}

/** The request line and address a URL stands for, or what is wrong with it. */
export function parseRequestUrl(
  input: string,
): Parsed<{ scheme: 'http' | 'https'; host: string; port: number; path: string }> {
  const text = input.trim();
  const offset = input.indexOf(text.charAt(0));
  if (text === '') return fail('enter a URL to trace, e.g. http://shop.example.com/path');
  const character = badCharacter(text);
  if (character) return fail(character);
  let scheme: 'http' | 'https' = 'http';
  let rest = text;
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(text);
  // `localhost:8080/x` is a host and port without a scheme, not a scheme "localhost".
  const afterColon = schemeMatch ? text.slice(schemeMatch[0].length) : '';
  const hostAndPort =
    schemeMatch &&
    !(SCHEMES as readonly string[]).includes((schemeMatch[1] ?? '').toLowerCase()) &&
    !afterColon.startsWith('//') &&
    /^\d*([/?#]|$)/.test(afterColon);
  if (schemeMatch && !hostAndPort) {
    const name = (schemeMatch[1] ?? '').toLowerCase();
    if (!(SCHEMES as readonly string[]).includes(name)) {
      return fail(`only http and https requests can be traced (got ${name})`);
    }
    rest = text.slice(schemeMatch[0].length);
    if (!rest.startsWith('//'))
      return fail(`"//" and a host must follow "${name}:", e.g. ${name}://shop.example.com/`);
    scheme = name as 'http' | 'https';
    rest = rest.slice(2);
  } else if (/^[/?#]/.test(text)) {
    return fail(
      'there is no host: start with http:// and a host, e.g. http://shop.example.com/path',
    );
  }
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const authorityResult = parseAuthority(authority);
  if (!authorityResult.ok) return authorityResult;
  const after = end < 0 ? '' : rest.slice(end);
  const pathResult = parsePathAndQuery(after, offset + text.length - after.length);
  if (!pathResult.ok) return pathResult;
  return {
    ok: true,
    value: {
      scheme,
      host: authorityResult.value.host,
      port: authorityResult.value.port ?? DEFAULT_PORT[scheme],
      path: pathResult.value,
    },
  };
}

/** The URL and header lines as the data plane would see them; explains what it cannot read. */
export function parseTarget(input: Pick<TraceInput, 'url' | 'headers'>): ParsedTarget {
  const url = parseRequestUrl(input.url);
  if (!url.ok)
    return { ok: false, field: 'url', error: `Not a URL the trace can send: ${url.error}.` };
  const headers: Record<string, string> = {};
  for (const [index, line] of input.headers.split('\n').entries()) {
    if (!line.trim()) continue;
    const separator = line.indexOf(':');
    if (separator <= 0)
      return {
        ok: false,
        field: 'headers',
        error: `header line ${index + 1} is not "Name: value"`,
      };
    headers[line.slice(0, separator).trim().toLowerCase()] = line.slice(separator + 1).trim();
  }
  // Like curl -H 'Host: …': a Host header names the virtual host, the URL only the address.
  let host = url.value.host;
  if (headers.host !== undefined) {
    const authority = badCharacter(headers.host) ? undefined : parseAuthority(headers.host);
    if (!authority?.ok) {
      return {
        ok: false,
        field: 'headers',
        error: `the Host header "${headers.host}" is not a host name`,
      };
    }
    host = authority.value.host;
  }
  return { ok: true, ...url.value, host, headers };
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
