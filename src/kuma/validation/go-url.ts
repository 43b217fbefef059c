/**
 * Go's address parsers as Kuma's validators run them: `net.SplitHostPort` (the Mesh's TCP
 * logging backend `address`), `url.ParseRequestURI` (a Dataplane's probe paths) and
 * `URL.Port()` after it (the Mesh's Zipkin tracing backend `url`). Only their verdicts matter
 * (Kuma words its own violations), so these answer "does Go accept it" and "which port does Go
 * see". They follow the Go 1.26 parser the kuma-cp binaries are built with.
 */
import type { KumaVersion } from '../version';
import { isIP } from './ip';

/** `net.SplitHostPort`: the host and port, or undefined when Go returns an error. */
export function splitHostPort(hostport: string): { host: string; port: string } | undefined {
  const lastColon = hostport.lastIndexOf(':');
  if (lastColon < 0) return undefined;
  let host: string;
  // Go looks for stray brackets only past the ones it has accounted for.
  let bracketsFrom = 0;
  let closingFrom = 0;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0 || end + 1 !== lastColon) return undefined;
    host = hostport.slice(1, end);
    bracketsFrom = 1;
    closingFrom = end + 1;
  } else {
    host = hostport.slice(0, lastColon);
    if (host.includes(':')) return undefined;
  }
  if (hostport.indexOf('[', bracketsFrom) >= 0 || hostport.indexOf(']', closingFrom) >= 0) {
    return undefined;
  }
  return { host, port: hostport.slice(lastColon + 1) };
}

/**
 * From Go 1.26 `url.Parse` only accepts one colon in an http(s) host (`urlstrictcolons`), and
 * the GODEBUG default follows the `go` line of the main module's go.mod: Kuma moved to Go 1.26
 * in 2.13.3.
 */
function strictColons(version: KumaVersion): boolean {
  if (version.major !== 2) return version.major > 2;
  return version.minor > 13 || (version.minor === 13 && version.patch >= 3);
}

type UrlMode = 'host' | 'zone' | 'path' | 'user';

/** Go's `shouldEscape` for the ASCII bytes a host or zone may hold unescaped. */
function hostByteNeedsEscape(char: string): boolean {
  return !/[A-Za-z0-9!$&'()*+,;=:[\]<>"\-_.~]/.test(char);
}

/** Go's `unescape`: the decoded text, or undefined for a bad escape or a bad host byte. */
function urlUnescape(text: string, mode: UrlMode): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const char = text[i]!;
    if (char === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      const byte = Number.parseInt(hex, 16);
      // Hosts may escape only non-ASCII bytes, plus `%25` for IPv6 zones (RFC 6874).
      if (mode === 'host' && byte < 0x80 && hex !== '25') return undefined;
      if (mode === 'zone' && hex !== '25' && byte !== 0x20) {
        if (byte >= 0x80 || hostByteNeedsEscape(String.fromCharCode(byte))) return undefined;
      }
      out += String.fromCharCode(byte);
      i += 3;
      continue;
    }
    if ((mode === 'host' || mode === 'zone') && char < '\x80' && hostByteNeedsEscape(char)) {
      return undefined;
    }
    out += char;
    i += 1;
  }
  return out;
}

/** Go's `validOptionalPort`: empty, or a colon and digits. */
function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

/** `netip.ParseAddr` succeeding on something that is not plain IPv4. */
function isBracketableAddress(text: string): boolean {
  const zoneAt = text.indexOf('%');
  const address = zoneAt < 0 ? text : text.slice(0, zoneAt);
  if (zoneAt >= 0 && zoneAt === text.length - 1) return false;
  return address.includes(':') && isIP(address);
}

/** Go's `parseHost`: the host as `URL.Host` holds it, or undefined on error. */
function parseHost(scheme: string, host: string, version: KumaVersion): string | undefined {
  const openBracket = host.lastIndexOf('[');
  if (openBracket > 0) return undefined;
  if (openBracket === 0) {
    const closeBracket = host.lastIndexOf(']');
    if (closeBracket < 0) return undefined;
    const colonPort = host.slice(closeBracket + 1);
    if (!validOptionalPort(colonPort)) return undefined;
    const hostname = host.slice(1, closeBracket);
    const zoneAt = hostname.indexOf('%25');
    const hostPart = urlUnescape(zoneAt < 0 ? hostname : hostname.slice(0, zoneAt), 'host');
    const zonePart = zoneAt < 0 ? '' : urlUnescape(hostname.slice(zoneAt), 'zone');
    if (hostPart === undefined || zonePart === undefined) return undefined;
    const unescaped = hostPart + zonePart;
    if (!isBracketableAddress(unescaped)) return undefined;
    return `[${unescaped}]${colonPort}`;
  }
  const firstColon = host.indexOf(':');
  if (firstColon >= 0) {
    const lastColon = host.lastIndexOf(':');
    const strict = (scheme === 'http' || scheme === 'https') && strictColons(version);
    if (!validOptionalPort(host.slice(strict ? firstColon : lastColon))) return undefined;
  }
  return urlUnescape(host, 'host');
}

/** Go's `validUserinfo`. */
function validUserinfo(userinfo: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo);
}

/** Go's `parseAuthority`: the host, or undefined on error. */
function parseAuthority(scheme: string, authority: string, version: KumaVersion) {
  const at = authority.lastIndexOf('@');
  const host = parseHost(scheme, at < 0 ? authority : authority.slice(at + 1), version);
  if (host === undefined || at < 0) return host;
  const userinfo = authority.slice(0, at);
  if (!validUserinfo(userinfo)) return undefined;
  const colon = userinfo.indexOf(':');
  const parts = colon < 0 ? [userinfo] : [userinfo.slice(0, colon), userinfo.slice(colon + 1)];
  return parts.every((part) => urlUnescape(part, 'user') !== undefined) ? host : undefined;
}

/** Go's `getScheme`: the scheme and the rest, or undefined for "missing protocol scheme". */
function getScheme(raw: string): { scheme: string; rest: string } | undefined {
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!;
    if (/[A-Za-z]/.test(char)) continue;
    if (/[0-9+\-.]/.test(char)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (char === ':') {
      if (i === 0) return undefined;
      return { scheme: raw.slice(0, i).toLowerCase(), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

/** `url.ParseRequestURI(raw)`: the URL's host (`URL.Host`), or undefined when Go refuses it. */
function requestUriHost(raw: string, version: KumaVersion): string | undefined {
  // Go refuses ASCII control characters anywhere.
  if ([...raw].some((char) => char < ' ' || char === '\x7f')) return undefined;
  if (raw === '') return undefined;
  if (raw === '*') return '';
  const split = getScheme(raw);
  if (!split) return undefined;
  const { scheme } = split;
  let rest = split.rest;
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) rest = rest.slice(0, -1);
  else if (rest.includes('?')) rest = rest.slice(0, rest.indexOf('?'));
  if (!rest.startsWith('/')) {
    // Without a leading slash a URL with a scheme is opaque (no host); one without is refused.
    return scheme !== '' ? '' : undefined;
  }
  let host = '';
  if (scheme !== '' && rest.startsWith('//')) {
    let authority = rest.slice(2);
    const slash = authority.indexOf('/');
    rest = slash < 0 ? '' : authority.slice(slash);
    if (slash >= 0) authority = authority.slice(0, slash);
    const parsed = parseAuthority(scheme, authority, version);
    if (parsed === undefined) return undefined;
    host = parsed;
  }
  return urlUnescape(rest, 'path') === undefined ? undefined : host;
}

/** `url.ParseRequestURI(raw) == nil`. */
export function isValidRequestURI(raw: string, version: KumaVersion): boolean {
  return requestUriHost(raw, version) !== undefined;
}

/**
 * `url.ParseRequestURI(raw)` then `URL.Port()`: the port Go sees (possibly ""), or undefined
 * when Go cannot parse the URL.
 */
export function requestUriPort(raw: string, version: KumaVersion): string | undefined {
  const host = requestUriHost(raw, version);
  if (host === undefined) return undefined;
  // `URL.Port()`: digits after the last colon, if that colon starts a valid port.
  const colon = host.lastIndexOf(':');
  return colon >= 0 && validOptionalPort(host.slice(colon)) ? host.slice(colon + 1) : '';
}
