/**
 * Whether Go's `net/url.ParseRequestURI` accepts a string: Kuma calls it on the probe paths of a
 * Dataplane and only asks "error or not", so this answers exactly that. It follows the Go 1.26
 * parser the kuma-cp binaries are built with.
 */
import { isIP } from './ip';

/** `stringContainsCTLByte`: any ASCII control byte makes the whole URL invalid. */
function hasControlByte(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const isHex = (ch: string | undefined): boolean => ch !== undefined && /^[0-9a-fA-F]$/.test(ch);

/** Characters a host may hold unescaped (Go's `shouldEscape(c, encodeHost) == false`). */
const HOST_CHAR = /^[a-zA-Z0-9\-_.~!$&'()*+,;=:[\]<>"]$/;

type UnescapeMode = 'path' | 'host' | 'zone' | 'userinfo';

/** Go's `unescape` in the given mode, reduced to "does it fail". */
function unescapes(value: string, mode: UnescapeMode): boolean {
  for (let i = 0; i < value.length; ) {
    const ch = value[i]!;
    if (ch === '%') {
      if (!isHex(value[i + 1]) || !isHex(value[i + 2])) return false;
      const triple = value.slice(i, i + 3);
      const high = Number.parseInt(value[i + 1]!, 16);
      // Hosts may only %-encode non-ASCII bytes, except "%25" (the IPv6 zone separator).
      if (mode === 'host' && high < 8 && triple !== '%25') return false;
      if (mode === 'zone') {
        const byte = Number.parseInt(value.slice(i + 1, i + 3), 16);
        const char = String.fromCharCode(byte);
        if (triple !== '%25' && byte !== 0x20 && !HOST_CHAR.test(char)) return false;
      }
      i += 3;
      continue;
    }
    if ((mode === 'host' || mode === 'zone') && ch.charCodeAt(0) < 0x80 && !HOST_CHAR.test(ch)) {
      return false;
    }
    i += 1;
  }
  return true;
}

/** `validOptionalPort`: empty, or ":" followed by digits only. */
function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

/** `netip.ParseAddr` on a bracketed host: an IPv6 address (zone allowed), never plain IPv4. */
function isBracketedIPv6(host: string): boolean {
  const zoneAt = host.indexOf('%');
  const address = zoneAt < 0 ? host : host.slice(0, zoneAt);
  if (zoneAt >= 0 && host.length === zoneAt + 1) return false;
  return address.includes(':') && isIP(address);
}

/**
 * `parseHost`. `strictColons` is Go 1.26's `urlstrictcolons` default: for http(s) a host with
 * more than one colon is rejected. It applies only to binaries whose main module says go ≥ 1.26.
 */
function validHost(scheme: string, host: string, strictColons: boolean): boolean {
  const openBracket = host.lastIndexOf('[');
  if (openBracket > 0) return false;
  if (openBracket === 0) {
    const closeBracket = host.lastIndexOf(']');
    if (closeBracket < 0) return false;
    if (!validOptionalPort(host.slice(closeBracket + 1))) return false;
    const hostname = host.slice(1, closeBracket);
    const zoneAt = hostname.indexOf('%25');
    let unescaped: string;
    if (zoneAt >= 0) {
      const hostPart = hostname.slice(0, zoneAt);
      const zonePart = hostname.slice(zoneAt);
      if (!unescapes(hostPart, 'host') || !unescapes(zonePart, 'zone')) return false;
      unescaped = decodePercent(hostPart) + decodePercent(zonePart);
    } else {
      if (!unescapes(hostname, 'host')) return false;
      unescaped = decodePercent(hostname);
    }
    return isBracketedIPv6(unescaped);
  }
  let colon = host.indexOf(':');
  if (colon >= 0) {
    const lastColon = host.lastIndexOf(':');
    if (lastColon !== colon && !(strictColons && (scheme === 'http' || scheme === 'https'))) {
      colon = lastColon;
    }
    if (!validOptionalPort(host.slice(colon))) return false;
  }
  return unescapes(host, 'host');
}

/** Percent-decoding of an already checked string, byte-wise as Go does. */
function decodePercent(value: string): string {
  return value.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** `validUserinfo`: RFC 3986 userinfo characters, plus "@" which Go tolerates. */
function validUserinfo(userinfo: string): boolean {
  return /^[a-zA-Z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo);
}

function validAuthority(scheme: string, authority: string, strictColons: boolean): boolean {
  const at = authority.lastIndexOf('@');
  if (!validHost(scheme, at < 0 ? authority : authority.slice(at + 1), strictColons)) return false;
  if (at < 0) return true;
  const userinfo = authority.slice(0, at);
  return (
    validUserinfo(userinfo) && userinfo.split(':').every((part) => unescapes(part, 'userinfo'))
  );
}

/** `getScheme`: undefined when the URL starts with ":" (an error in Go). */
function splitScheme(raw: string): [scheme: string, rest: string] | undefined {
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i]!;
    if (/[a-zA-Z]/.test(ch)) continue;
    if (/[0-9+\-.]/.test(ch)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (ch === ':') {
      return i === 0 ? undefined : [raw.slice(0, i).toLowerCase(), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

export interface RequestURIOptions {
  /** Go 1.26's strict colon rule for http(s) hosts (see `validHost`). */
  strictColons: boolean;
}

/** `url.ParseRequestURI(raw) == nil`. */
export function isValidRequestURI(raw: string, options: RequestURIOptions): boolean {
  if (hasControlByte(raw) || raw === '') return false;
  if (raw === '*') return true;
  const split = splitScheme(raw);
  if (split === undefined) return false;
  const [scheme] = split;
  let [, rest] = split;
  const questionMarks = rest.split('?').length - 1;
  if (rest.endsWith('?') && questionMarks === 1) {
    rest = rest.slice(0, -1);
  } else if (questionMarks > 0) {
    rest = rest.slice(0, rest.indexOf('?'));
  }
  if (!rest.startsWith('/')) {
    // With a scheme the rest is an opaque part that Go never unescapes; without one a request
    // URI must be an absolute path.
    return scheme !== '';
  }
  if (scheme !== '' && rest.startsWith('//')) {
    const authority = rest.slice(2);
    const slash = authority.indexOf('/');
    const host = slash < 0 ? authority : authority.slice(0, slash);
    if (!validAuthority(scheme, host, options.strictColons)) return false;
    rest = slash < 0 ? '' : authority.slice(slash);
  }
  return unescapes(rest, 'path');
}
