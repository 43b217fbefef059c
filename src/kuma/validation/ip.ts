/**
 * IP and DNS-name recognisers matching the Go functions Kuma calls: `net.ParseIP` (strict IPv4,
 * no leading zeros since Go 1.17), `netutils.ParseIPSloppy` (leading zeros allowed) and
 * govalidator's `IsDNSName`.
 */

function isIPv4(value: string, sloppy: boolean): boolean {
  const parts = value.split('.');
  if (parts.length !== 4) {
    return false;
  }
  return parts.every((part) => {
    if (!/^\d{1,3}$/.test(part)) {
      return false;
    }
    if (!sloppy && part.length > 1 && part.startsWith('0')) {
      return false;
    }
    return Number(part) <= 255;
  });
}

function isIPv6(value: string, sloppy: boolean): boolean {
  if (value === '' || value.includes('%')) {
    return false;
  }
  const ellipsis = value.indexOf('::');
  if (ellipsis !== -1 && value.indexOf('::', ellipsis + 1) !== -1) {
    return false;
  }
  let groups: string[];
  if (ellipsis === -1) {
    groups = value.split(':');
  } else {
    const head = value.slice(0, ellipsis);
    const tail = value.slice(ellipsis + 2);
    groups = [...(head === '' ? [] : head.split(':')), ...(tail === '' ? [] : tail.split(':'))];
  }
  let count = 0;
  for (const [i, group] of groups.entries()) {
    if (i === groups.length - 1 && group.includes('.')) {
      if (!isIPv4(group, sloppy)) {
        return false;
      }
      count += 2;
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) {
      return false;
    }
    count += 1;
  }
  // With "::" at least one zero group must be elided.
  return ellipsis === -1 ? count === 8 : count < 8;
}

/** Go's `net.ParseIP(s) != nil`. */
export function isIP(value: string): boolean {
  return isIPv4(value, false) || isIPv6(value, false);
}

/** `k8s.io/utils/net.ParseIPSloppy(s) != nil`: like `isIP`, but IPv4 fields may have leading zeros. */
export function isIPSloppy(value: string): boolean {
  return isIPv4(value, true) || isIPv6(value, true);
}

const DNS_NAME_RE = /^([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?$/;

/** govalidator's `IsDNSName`. */
export function isDNSName(value: string): boolean {
  if (value === '' || value.replaceAll('.', '').length > 255) {
    return false;
  }
  return !isIP(value) && DNS_NAME_RE.test(value);
}

/** Kuma's `overlap`: both addresses parse and are equal, or either is a wildcard (`0.0.0.0`, `::`). */
export function addressesOverlap(a: string, b: string): boolean {
  return (
    isUnspecified(a) ||
    isUnspecified(b) ||
    (isIP(a) && isIP(b) && normalizeIP(a) === normalizeIP(b))
  );
}

function isUnspecified(value: string): boolean {
  if (!isIP(value)) {
    return false;
  }
  const normalized = normalizeIP(value);
  return normalized === normalizeIP('::') || normalized === normalizeIP('0.0.0.0');
}

/** 16 bytes as hex, IPv4 mapped into `::ffff:a.b.c.d` as Go stores it. */
function normalizeIP(value: string): string {
  if (isIPv4(value, false)) {
    return `${'0'.repeat(20)}ffff${value
      .split('.')
      .map((p) => Number(p).toString(16).padStart(2, '0'))
      .join('')}`;
  }
  const ellipsis = value.indexOf('::');
  const expand = (part: string): string[] => {
    if (part === '') {
      return [];
    }
    return part.split(':').flatMap((group) => {
      if (group.includes('.')) {
        const bytes = group.split('.').map((p) => Number(p).toString(16).padStart(2, '0'));
        return [`${bytes[0]}${bytes[1]}`, `${bytes[2]}${bytes[3]}`];
      }
      return [group.padStart(4, '0').toLowerCase()];
    });
  };
  let groups: string[];
  if (ellipsis === -1) {
    groups = expand(value);
  } else {
    const head = expand(value.slice(0, ellipsis));
    const tail = expand(value.slice(ellipsis + 2));
    groups = [...head, ...Array<string>(8 - head.length - tail.length).fill('0000'), ...tail];
  }
  return groups.join('');
}
