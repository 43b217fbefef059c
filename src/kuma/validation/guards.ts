/**
 * Defensive readers. Inputs come from untrusted JSON: any optional field may be missing, and a
 * field the types promise may still hold something else. These helpers turn "missing" and
 * "wrong shape" into the Go zero value the Kuma validator would see.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A number as protojson accepts it (numbers, or decimal strings for 64-bit fields); else 0. */
export function asNumber(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    return Number(value);
  }
  return 0;
}

/** A tag map. Non-string values read as "" (Go's zero value), so they fail the non-empty rule. */
export function asTags(value: unknown): Record<string, string> {
  if (!isRecord(value)) {
    return {};
  }
  // fromEntries defines own properties, so a "__proto__" key stays a key.
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : '']),
  );
}

/** Go's `isSet`: a non-empty string, a non-empty map or a non-empty list. */
export function isSet(value: unknown): boolean {
  if (typeof value === 'string') {
    return value !== '';
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  if (isRecord(value)) {
    return Object.keys(value).length > 0;
  }
  return false;
}

/** Present in the JSON at all (Go: non-nil pointer / slice). */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Map keys in Go's `sort.Strings` order (byte order, which for these keys equals code-unit order). */
export function sortedKeys(map: Record<string, unknown>): string[] {
  return Object.keys(map).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
