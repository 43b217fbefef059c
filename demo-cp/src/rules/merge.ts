/**
 * How kuma-cp merges the `default` confs that apply to one subset or resource, lowest
 * precedence first: a JSON merge patch (RFC 7396) of their Go-marshalled forms, except slices
 * whose Go field name starts with `Append` (concatenated) and MeshHTTPRoute's rules (merged
 * per identical `matches`, one result per hostname).
 *
 * Stored resources are already in the form Go marshals them, so merging their JSON is what
 * kuma-cp's round trip through its structs does.
 */
import { marshalMatches } from './go-json';

/**
 * An `Append…` slice and how its Go field is declared: a pointer to a slice (2.10+: left alone
 * when nil, `null` when nothing was appended), a plain slice (`null` when empty) or a plain
 * slice with `omitempty` (dropped when empty).
 */
export interface AppendField {
  path: readonly string[];
  declared: 'pointer' | 'slice' | 'omitempty-slice';
}

export interface ConfShape {
  appendFields?: readonly AppendField[];
  /** MeshHTTPRoute's merged `to` conf: `{rules, hostnames}`. */
  httpRouteDefault?: boolean;
}

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (value: Json): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function parentAt(value: Json, path: readonly string[]): JsonObject | undefined {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return isObject(current) ? current : undefined;
}

function applyAppends(result: JsonObject, confs: readonly Json[], shape: ConfShape): void {
  for (const { path, declared } of shape.appendFields ?? []) {
    const field = path[path.length - 1]!;
    const parentPath = path.slice(0, -1);
    const target = parentAt(result, parentPath);
    // A nil pointer on the way (or to the slice itself) is left alone.
    if (!target || (declared === 'pointer' && (target[field] ?? null) === null)) continue;
    const items = confs.flatMap((conf) => {
      const value = parentAt(conf, parentPath)?.[field];
      return Array.isArray(value) ? value : [];
    });
    // Appending nothing to the cleared (nil) slice leaves it nil.
    if (items.length > 0) target[field] = items;
    else if (declared === 'omitempty-slice') delete target[field];
    else target[field] = null;
  }
}

/**
 * A `null` in a stored conf is a nil field Go prints even when empty (no `omitempty`): where the
 * merge patch dropped such a field, Go's struct still prints it as `null`.
 */
function restoreNulls(result: JsonObject, confs: readonly Json[]): void {
  for (const conf of confs) {
    if (!isObject(conf)) continue;
    for (const [key, value] of Object.entries(conf)) {
      if (value === null && !(key in result)) result[key] = null;
    }
  }
  for (const [key, value] of Object.entries(result)) {
    if (isObject(value))
      restoreNulls(
        value,
        confs.map((conf) => (isObject(conf) ? conf[key] : undefined)),
      );
  }
}

function mergeDefaults(confs: readonly Json[], shape: ConfShape): Json {
  const merged = confs.reduce<Json>(
    (acc, conf, index) => (index === 0 ? structuredClone(conf) : mergePatch(acc, conf)),
    undefined,
  );
  const result: JsonObject = isObject(merged) ? merged : {};
  restoreNulls(result, confs);
  applyAppends(result, confs, shape);
  return result;
}

interface HttpRouteRule {
  matches?: Json;
  default?: Json;
}

/**
 * Rules with equal matches merge into one, placed where the last of them appears; the list
 * comes in lowest-precedence-first (each route's rules reversed) and is reversed back.
 */
function mergeRulesByMatches(rules: readonly HttpRouteRule[]): HttpRouteRule[] {
  const slots: { key: string; matches: Json; defaults: Json[] }[] = [];
  for (const rule of rules) {
    const key = marshalMatches(rule.matches);
    const earlier = slots.findIndex((slot) => slot.key === key);
    const defaults =
      earlier >= 0 ? [...slots[earlier]!.defaults, rule.default ?? {}] : [rule.default ?? {}];
    if (earlier >= 0) slots.splice(earlier, 1);
    slots.push({ key, matches: rule.matches ?? null, defaults });
  }
  return slots
    .map((slot) => ({ matches: slot.matches, default: mergeDefaults(slot.defaults, {}) }))
    .reverse();
}

/** Confs split per hostname (`""` for none), each copy keeping just its hostname. */
function byHostname(confs: readonly Json[]): Json[][] {
  const groups = new Map<string, Json[]>();
  for (const conf of confs) {
    const hostnames = isObject(conf) && Array.isArray(conf.hostnames) ? conf.hostnames : [];
    const keys = hostnames.length > 0 ? (hostnames as string[]) : [''];
    for (const key of keys) {
      const copy = key === '' ? conf : { ...(conf as JsonObject), hostnames: [key] };
      groups.set(key, [...(groups.get(key) ?? []), copy]);
    }
  }
  return [...groups.values()];
}

function mergeHttpRouteDefaults(confs: readonly Json[]): Json {
  const result = mergeDefaults(confs, {}) as JsonObject;
  const rules = mergeRulesByMatches(
    confs.flatMap((conf) =>
      isObject(conf) && Array.isArray(conf.rules) ? (conf.rules as HttpRouteRule[]) : [],
    ),
  );
  if (rules.length > 0) result.rules = rules;
  else delete result.rules;
  return result;
}

/** `merge.Confs`: usually one merged conf; MeshHTTPRoute gives one per hostname. */
export function mergeConfs(confs: readonly Json[], shape: ConfShape = {}): Json[] {
  if (confs.length === 0) return [];
  if (shape.httpRouteDefault) return byHostname(confs).map(mergeHttpRouteDefaults);
  return [mergeDefaults(confs, shape)];
}
