/**
 * JSON text as Go's `encoding/json` writes it, for the few places where kuma-cp hashes or
 * compares marshalled bytes: the MeshHTTPRoute match hash, and `reflect.DeepEqual` on matches.
 */
import { createHash } from 'node:crypto';

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
  // Go escapes these for HTML safety and for JavaScript line terminators.
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function goString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    const code = char.charCodeAt(0);
    const escaped = ESCAPES[char];
    if (escaped) {
      out += escaped;
    } else if (code < 0x20) {
      out += `\\u00${code.toString(16).padStart(2, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += char + value[i + 1];
        i++;
      } else {
        // A lone surrogate is invalid UTF-8 by the time Go sees it: it becomes U+FFFD.
        out += '\ufffd';
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      out += '\ufffd';
    } else {
      out += char;
    }
  }
  return `${out}"`;
}

/** Marshals in the objects' own key order (callers build objects in Go's field order). */
export function goMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goMarshal).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, child]) => child !== undefined,
  );
  return `{${entries.map(([key, child]) => `${goString(key)}:${goMarshal(child)}`).join(',')}}`;
}

/** Keys listed first in `order`, then whatever else the object has, as a Go struct would print. */
function ordered(value: unknown, order: readonly string[]): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of order) if (key in source) out[key] = source[key];
  for (const key of Object.keys(source)) if (!(key in out)) out[key] = source[key];
  return out;
}

const orderedList = (value: unknown, order: readonly string[]) =>
  Array.isArray(value) ? value.map((item) => ordered(item, order)) : value;

/** A MeshHTTPRoute `Match` in its Go field order: path, method, queryParams, headers. */
function goOrderedMatch(match: unknown): unknown {
  const top = ordered(match, ['path', 'method', 'queryParams', 'headers']);
  if (top === null || typeof top !== 'object' || Array.isArray(top)) return top;
  const fields = top as Record<string, unknown>;
  return {
    ...fields,
    ...('path' in fields ? { path: ordered(fields.path, ['value', 'type']) } : {}),
    ...('queryParams' in fields
      ? { queryParams: orderedList(fields.queryParams, ['type', 'name', 'value']) }
      : {}),
    ...('headers' in fields
      ? { headers: orderedList(fields.headers, ['type', 'name', 'value']) }
      : {}),
  };
}

/** Go's `json.Marshal` of a `[]Match` (absent matches are a nil slice: `null`). */
export function marshalMatches(matches: unknown): string {
  return goMarshal(Array.isArray(matches) ? matches.map(goOrderedMatch) : null);
}

/** `HashMatches`: sha256 of the marshalled matches, standard base64. */
export function hashMatches(matches: unknown): string {
  return createHash('sha256').update(marshalMatches(matches), 'utf8').digest('base64');
}
