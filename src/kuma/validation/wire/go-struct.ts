/**
 * After the schema check, kuma-cp reads a new-style body into its Go structs with
 * `encoding/json`, and stores (and serves back) what `json.Marshal` makes of those structs.
 * This module describes Go types and does both halves the way Go does:
 *
 * - reading: keys match fields exactly or case-insensitively (`Port` fills `port`), unknown keys
 *   are dropped, `null` clears pointers, slices and maps and leaves anything else untouched, a
 *   number must fit its integer type, and the first type error is the one reported, worded
 *   `json: cannot unmarshal number -2 into Go struct field BackendRef.spec.to.port of type uint32`;
 * - writing: fields in struct order, `omitempty` drops false, 0, "", nil and empty slices and
 *   maps (never a struct), a nil slice or map without it prints `null`, map keys are sorted.
 *
 * A Go value is held as plain JSON-like data: a struct is an object with every field, a nil
 * pointer, slice or map is `null`, and a non-nil pointer is its target.
 */
import { GoJsonError, type RawValue } from './go-json';
import { GoTimeError, rfc3339Error } from './go-time';

export type GoType =
  /** A string kind; `name` is how Go prints the type (`v1alpha1.TargetRefKind`). */
  | { kind: 'string'; name: string }
  | { kind: 'bool'; name: string }
  | { kind: 'int'; name: string; bits: 32 | 64; unsigned: boolean }
  /** `intstr.IntOrString` (its own `UnmarshalJSON`). */
  | { kind: 'intOrString' }
  /** `time.Time` (its own `UnmarshalJSON`); held as the text it was given. */
  | { kind: 'time' }
  | { kind: 'struct'; name: string; fields: readonly GoField[] }
  | { kind: 'slice'; elem: GoType }
  | { kind: 'map'; elem: GoType }
  | { kind: 'ptr'; elem: GoType };

export interface GoField {
  json: string;
  type: GoType;
  omitempty?: boolean;
  /**
   * The Go name of the embedded struct a promoted field comes from (`TargetRef` in
   * `BackendRef`): Go puts it in the field path of errors.
   */
  via?: string;
}

/** Builders that read like the Go declarations. `pkg` names default to `v1alpha1`. */
export const go = {
  string: (name = 'string'): GoType => ({ kind: 'string', name }),
  bool: (name = 'bool'): GoType => ({ kind: 'bool', name }),
  int32: (name = 'int32'): GoType => ({ kind: 'int', name, bits: 32, unsigned: false }),
  uint32: (name = 'uint32'): GoType => ({ kind: 'int', name, bits: 32, unsigned: true }),
  /** Go's `int` and `uint` on a 64-bit build. */
  int: (name = 'int'): GoType => ({ kind: 'int', name, bits: 64, unsigned: false }),
  uint: (name = 'uint'): GoType => ({ kind: 'int', name, bits: 64, unsigned: true }),
  intOrString: (): GoType => ({ kind: 'intOrString' }),
  time: (): GoType => ({ kind: 'time' }),
  struct: (name: string, fields: readonly GoField[]): GoType => ({ kind: 'struct', name, fields }),
  slice: (elem: GoType): GoType => ({ kind: 'slice', elem }),
  map: (elem: GoType): GoType => ({ kind: 'map', elem }),
  ptr: (elem: GoType): GoType => ({ kind: 'ptr', elem }),
  field: (json: string, type: GoType, omitempty = false): GoField => ({ json, type, omitempty }),
  /** The fields of an embedded struct, promoted into the struct that embeds it. */
  embed: (name: string, fields: readonly GoField[]): GoField[] =>
    fields.map((field) => ({ ...field, via: name })),
};

/** How `reflect.Type.String()` prints a type (pointers are followed before Go reports one). */
export function goTypeName(type: GoType): string {
  switch (type.kind) {
    case 'string':
    case 'bool':
    case 'int':
      return type.name;
    case 'intOrString':
      return 'intstr.IntOrString';
    case 'time':
      return 'time.Time';
    case 'struct':
      return `v1alpha1.${type.name}`;
    case 'slice':
      return `[]${goTypeName(type.elem)}`;
    case 'map':
      return `map[string]${goTypeName(type.elem)}`;
    case 'ptr':
      return `*${goTypeName(type.elem)}`;
  }
}

export type GoValue = unknown;

/** The zero value of a type. */
export function zeroValue(type: GoType): GoValue {
  switch (type.kind) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int':
      return 0;
    case 'struct':
      return Object.fromEntries(type.fields.map((field) => [field.json, zeroValue(field.type)]));
    default:
      return null;
  }
}

interface Context {
  /** The innermost struct being filled and the JSON field names from the root, for errors. */
  struct: string;
  fields: readonly string[];
  /**
   * Shared by the whole read: Go keeps the first type error and reads on, but an error from a
   * type's own `UnmarshalJSON` stops the read and is the one reported.
   */
  saved: { error?: GoJsonError; fatal?: Error };
}

function save(ctx: Context, value: string, type: GoType): void {
  if (ctx.saved.error) return;
  const target = goTypeName(type.kind === 'ptr' ? type.elem : type);
  ctx.saved.error = new GoJsonError(
    ctx.struct === ''
      ? `json: cannot unmarshal ${value} into Go value of type ${target}`
      : `json: cannot unmarshal ${value} into Go struct field ${ctx.struct}.${ctx.fields.join('.')} of type ${target}`,
  );
}

/** ASCII case folding, as Go's field matching does for the names used here. */
function fold(name: string): string {
  return name.toLowerCase();
}

function findField(type: Extract<GoType, { kind: 'struct' }>, key: string): GoField | undefined {
  return (
    type.fields.find((field) => field.json === key) ??
    type.fields.find((field) => fold(field.json) === fold(key))
  );
}

const INT_LIMITS = {
  32: { signed: [-(2n ** 31n), 2n ** 31n - 1n], unsigned: [0n, 2n ** 32n - 1n] },
  64: { signed: [-(2n ** 63n), 2n ** 63n - 1n], unsigned: [0n, 2n ** 64n - 1n] },
} as const;

function decodeInt(
  raw: Extract<RawValue, { kind: 'number' }>,
  type: Extract<GoType, { kind: 'int' }>,
  ctx: Context,
  current: GoValue,
): GoValue {
  if (!/^-?\d+$/.test(raw.raw)) {
    save(ctx, `number ${raw.raw}`, type);
    return current;
  }
  const value = BigInt(raw.raw);
  const [min, max] = INT_LIMITS[type.bits][type.unsigned ? 'unsigned' : 'signed'];
  if (value < min || value > max) {
    save(ctx, `number ${raw.raw}`, type);
    return current;
  }
  return Number(value);
}

/**
 * `intstr.IntOrString.UnmarshalJSON`: a JSON string, or anything else read as an int32. Its
 * error stops the read; Go then names the field it was reading.
 */
function decodeIntOrString(raw: RawValue, ctx: Context, current: GoValue): GoValue {
  if (raw.kind === 'string') return raw.value;
  const own: Context = { ...ctx, saved: {} };
  const int32 = go.int32() as Extract<GoType, { kind: 'int' }>;
  let value = current;
  if (raw.kind === 'number') value = decodeInt(raw, int32, own, current);
  else save(own, raw.kind, int32);
  if (own.saved.error) ctx.saved.fatal ??= own.saved.error;
  return value;
}

function decodeTime(raw: RawValue, ctx: Context, current: GoValue): GoValue {
  if (raw.kind !== 'string') {
    ctx.saved.fatal ??= new GoTimeError('Time.UnmarshalJSON: input is not a JSON string');
    return current;
  }
  const error = rfc3339Error(raw.value);
  if (error) {
    ctx.saved.fatal ??= error;
    return current;
  }
  return raw.value;
}

/**
 * Reads `raw` into a value of `type` the way `json.Unmarshal` fills an existing variable
 * holding `current`: structs and maps are filled in place, everything else is replaced.
 */
function decodeInto(raw: RawValue, type: GoType, ctx: Context, current: GoValue): GoValue {
  if (ctx.saved.fatal) return current;
  if (raw.kind === 'null') {
    return type.kind === 'ptr' || type.kind === 'slice' || type.kind === 'map' ? null : current;
  }
  switch (type.kind) {
    case 'ptr':
      return decodeInto(raw, type.elem, ctx, current === null ? zeroValue(type.elem) : current);
    case 'string':
      if (raw.kind === 'string') return raw.value;
      save(ctx, raw.kind, type);
      return current;
    case 'bool':
      if (raw.kind === 'bool') return raw.value;
      save(ctx, raw.kind, type);
      return current;
    case 'int':
      if (raw.kind === 'number') return decodeInt(raw, type, ctx, current);
      save(ctx, raw.kind, type);
      return current;
    case 'intOrString':
      return decodeIntOrString(raw, ctx, current);
    case 'time':
      return decodeTime(raw, ctx, current);
    case 'slice': {
      if (raw.kind !== 'array') {
        save(ctx, raw.kind, type);
        return current;
      }
      return raw.items.map((item) => decodeInto(item, type.elem, ctx, zeroValue(type.elem)));
    }
    case 'map': {
      if (raw.kind !== 'object') {
        save(ctx, raw.kind, type);
        return current;
      }
      const map: Record<string, GoValue> = { ...((current as Record<string, GoValue>) ?? {}) };
      for (const [key, value] of raw.entries) {
        Object.defineProperty(map, key, {
          value: decodeInto(value, type.elem, ctx, zeroValue(type.elem)),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return map;
    }
    case 'struct': {
      if (raw.kind !== 'object') {
        save(ctx, raw.kind, type);
        return current;
      }
      const struct = { ...(current as Record<string, GoValue>) };
      for (const [key, value] of raw.entries) {
        const field = findField(type, key);
        if (!field) continue;
        const inner: Context = {
          struct: type.name,
          fields: [...ctx.fields, ...(field.via ? [field.via] : []), field.json],
          saved: ctx.saved,
        };
        struct[field.json] = decodeInto(value, field.type, inner, struct[field.json]);
      }
      return struct;
    }
  }
}

export interface Decoded {
  value: GoValue;
  /** The error Go reports, if any. */
  error?: Error;
}

/**
 * Reads `raw` into `current` (a value of `type`) as a field at `path` of the struct `struct`,
 * e.g. the spec at `["spec"]` of `Resource`.
 */
export function decodeGo(
  raw: RawValue,
  type: GoType,
  current: GoValue = zeroValue(type),
  at: { struct: string; fields: readonly string[] } = { struct: '', fields: [] },
): Decoded {
  const ctx: Context = { struct: at.struct, fields: at.fields, saved: {} };
  const value = decodeInto(raw, type, ctx, current);
  return { value, error: ctx.saved.fatal ?? ctx.saved.error };
}

function isEmpty(type: GoType, value: GoValue): boolean {
  switch (type.kind) {
    case 'string':
      return value === '';
    case 'bool':
      return value === false;
    case 'int':
      return value === 0;
    case 'struct':
      return false;
    case 'slice':
      return value === null || (value as unknown[]).length === 0;
    case 'map':
      return value === null || Object.keys(value as object).length === 0;
    case 'ptr':
    case 'intOrString':
    case 'time':
      return value === null;
  }
}

/** `json.Marshal` of a Go value, as the plain JSON value it prints. */
export function encodeGo(type: GoType, value: GoValue): unknown {
  switch (type.kind) {
    case 'string':
    case 'bool':
    case 'int':
    case 'intOrString':
    case 'time':
      return value;
    case 'ptr':
      return value === null ? null : encodeGo(type.elem, value);
    case 'slice':
      return value === null ? null : (value as GoValue[]).map((item) => encodeGo(type.elem, item));
    case 'map': {
      if (value === null) return null;
      const map = value as Record<string, GoValue>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(map).sort()) {
        Object.defineProperty(out, key, {
          value: encodeGo(type.elem, map[key]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case 'struct': {
      const struct = value as Record<string, GoValue>;
      const out: Record<string, unknown> = {};
      for (const field of type.fields) {
        const fieldValue = struct[field.json];
        if (field.omitempty && isEmpty(field.type, fieldValue)) continue;
        out[field.json] = encodeGo(field.type, fieldValue);
      }
      return out;
    }
  }
}
