/**
 * go-spiffe's `spiffeid.FromString` (default build, without the back-compat character set):
 * the reason a string is not a SPIFFE ID, in its words, or undefined when it is one.
 */

const SCHEME = 'spiffe://';

function isTrustDomainChar(c: string): boolean {
  return /^[a-z0-9._-]$/.test(c);
}

function isPathChar(c: string): boolean {
  return /^[a-zA-Z0-9._-]$/.test(c);
}

function pathError(path: string): string | undefined {
  if (path === '') return undefined;
  if (!path.startsWith('/')) return 'path must have a leading slash';
  const segments = path.slice(1).split('/');
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (segment === '')
      return last ? 'path cannot have a trailing slash' : 'path cannot contain empty segments';
    if (segment === '.' || segment === '..') {
      // A bad character earlier in the same segment is found first.
      return 'path cannot contain dot segments';
    }
    if (![...segment].every(isPathChar)) {
      return 'path segment characters are limited to letters, numbers, dots, dashes, and underscores';
    }
  }
  return undefined;
}

export function spiffeIdError(id: string): string | undefined {
  if (id === '') return 'cannot be empty';
  if (!id.startsWith(SCHEME)) return 'scheme is missing or invalid';
  const rest = id.slice(SCHEME.length);
  const slash = rest.indexOf('/');
  const trustDomain = slash < 0 ? rest : rest.slice(0, slash);
  if (![...trustDomain].every(isTrustDomainChar)) {
    return 'trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores';
  }
  if (trustDomain === '') return 'trust domain is missing';
  return pathError(slash < 0 ? '' : rest.slice(slash));
}
