// Over 400 lines: jsonpb's reader and writer over one message description; apart, each would repeat every field case.
/**
 * kuma-cp reads legacy resources (Mesh, Dataplane, MeshGateway, …) with the old
 * `github.com/golang/protobuf/jsonpb` unmarshaler, unknown fields allowed, and writes them back
 * with its marshaler. This module does both over a small description of the messages, so the
 * demo accepts, refuses and stores exactly what kuma-cp does:
 *
 * - fields are read in declaration order, by proto name or JSON name (the later one wins);
 * - unknown fields are ignored; `null` leaves a field unset;
 * - integers may be quoted (the quotes are stripped and the rest read as a JSON number);
 * - enums are names or numbers; an unknown name is an error, an unknown number is kept;
 * - the first error stops decoding, worded as Go words it;
 * - proto3 zero values are not "set", so they disappear on the way back out.
 */
import { isAtLeast, type KumaVersion } from '../../version';
import { goQuote } from '../violations';
import {
  decodeGoFloat,
  decodeGoInt,
  type GoInt,
  GoJsonError,
  parseGoJson,
  plainValue,
  type RawValue,
  sortedKeys,
  trimQuote,
  typeError,
} from './go-json';

export type ScalarType = 'string' | 'bool' | 'bytes' | 'double' | 'float' | GoInt;

/** Google's well-known types as kuma's protos use them. */
export type WellKnownType =
  | 'Duration'
  | 'Struct'
  | 'BoolValue'
  | 'UInt32Value'
  | 'Int32Value'
  | 'DoubleValue'
  | 'StringValue'
  | 'BytesValue';

export interface EnumDescriptor {
  fullName: string;
  values: readonly (readonly [string, number])[];
}

export interface MessageDescriptor {
  fullName: string;
  fields: readonly FieldDescriptor[];
}

export type FieldType =
  | { scalar: ScalarType }
  | { enum: EnumDescriptor }
  | { message: MessageDescriptor }
  | { wellKnown: WellKnownType };

export interface FieldDescriptor {
  /** The proto field name (`connection_limit`); the JSON name is derived from it. */
  name: string;
  jsonName: string;
  type: FieldType;
  cardinality: 'singular' | 'repeated' | 'map';
  /** Members of one `oneof` share a group name: they keep zero values and the last set wins. */
  oneof?: string;
  /** First release with the field, or the first without it. */
  since?: [number, number];
  removedIn?: [number, number];
}

function jsonNameOf(protoName: string): string {
  return protoName.replace(/_([a-z0-9])/g, (_, char: string) => char.toUpperCase());
}

type FieldOptions = Pick<FieldDescriptor, 'oneof' | 'since' | 'removedIn'>;

function fieldTypeOf(
  type: ScalarType | WellKnownType | EnumDescriptor | MessageDescriptor,
): FieldType {
  if (typeof type !== 'string') return 'values' in type ? { enum: type } : { message: type };
  const wellKnown: readonly string[] = [
    'Duration',
    'Struct',
    'BoolValue',
    'UInt32Value',
    'Int32Value',
    'DoubleValue',
    'StringValue',
    'BytesValue',
  ];
  return wellKnown.includes(type)
    ? { wellKnown: type as WellKnownType }
    : { scalar: type as ScalarType };
}

/** Builders for descriptors that read like the .proto files they describe. */
export const proto = {
  field(
    name: string,
    type: ScalarType | WellKnownType | EnumDescriptor | MessageDescriptor,
    options: FieldOptions = {},
  ): FieldDescriptor {
    return {
      name,
      jsonName: jsonNameOf(name),
      type: fieldTypeOf(type),
      cardinality: 'singular',
      ...options,
    };
  },
  repeated(
    name: string,
    type: ScalarType | WellKnownType | EnumDescriptor | MessageDescriptor,
    options: FieldOptions = {},
  ): FieldDescriptor {
    return { ...proto.field(name, type, options), cardinality: 'repeated' };
  },
  /** `map<string, V>`: every map in kuma's protos has string keys. */
  map(
    name: string,
    valueType: ScalarType | MessageDescriptor,
    options: FieldOptions = {},
  ): FieldDescriptor {
    return { ...proto.field(name, valueType, options), cardinality: 'map' };
  },
  message(fullName: string, fields: FieldDescriptor[]): MessageDescriptor {
    return { fullName, fields };
  },
  enumeration(fullName: string, values: Record<string, number>): EnumDescriptor {
    return { fullName, values: Object.entries(values) };
  },
};

/** A decoded message: JSON names to canonical JSON values, only the fields that are set. */
export type DecodedMessage = Record<string, unknown>;

function fieldExists(field: FieldDescriptor, version: KumaVersion): boolean {
  if (field.since && !isAtLeast(version, field.since[0], field.since[1])) return false;
  if (field.removedIn && isAtLeast(version, field.removedIn[0], field.removedIn[1])) return false;
  return true;
}

/** A proto3 zero value; 64-bit integers are decoded as text, so only they can be `'0'`. */
function isZero(value: unknown, type: ScalarType): boolean {
  if (type === 'int64' || type === 'uint64') return value === '0';
  return value === '' || value === 0 || value === false;
}

/** An own property even for `__proto__`, which plain assignment would take as the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** `json.Unmarshal(raw, &map[string]json.RawMessage{})`. */
function asObject(raw: RawValue): Map<string, RawValue> {
  if (raw.kind === 'null') return new Map();
  if (raw.kind !== 'object') throw typeError(raw, 'map[string]json.RawMessage');
  return raw.entries;
}

function asArray(raw: RawValue): RawValue[] {
  if (raw.kind === 'null') return [];
  if (raw.kind !== 'array') throw typeError(raw, '[]json.RawMessage');
  return raw.items;
}

function unquoteString(raw: RawValue): string {
  if (raw.kind === 'null') return '';
  if (raw.kind !== 'string') throw typeError(raw, 'string');
  return raw.value;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's `time.ParseDuration`, in nanoseconds (a bigint: hours of nanoseconds overflow floats). */
export function parseGoDuration(text: string): bigint {
  const fail = () => new GoJsonError(`bad Duration: time: invalid duration ${goQuote(text)}`);
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') throw fail();
  let total = 0n;
  while (rest !== '') {
    const match = /^(\d*)(?:\.(\d*))?/.exec(rest);
    const whole = match?.[1] ?? '';
    const fraction = match?.[2];
    if (whole === '' && (fraction === undefined || fraction === '')) throw fail();
    rest = rest.slice(match![0].length);
    const unit = /^[^\d.]+/.exec(rest)?.[0];
    if (!unit) {
      throw new GoJsonError(`bad Duration: time: missing unit in duration ${goQuote(text)}`);
    }
    const scale = DURATION_UNITS[unit];
    if (scale === undefined) {
      throw new GoJsonError(
        `bad Duration: time: unknown unit ${goQuote(unit)} in duration ${goQuote(text)}`,
      );
    }
    rest = rest.slice(unit.length);
    const digits = fraction ?? '';
    const scaled =
      BigInt(whole || '0') * BigInt(scale) +
      (digits === '' ? 0n : (BigInt(digits) * BigInt(scale)) / 10n ** BigInt(digits.length));
    total += scaled;
    if (total > 2n ** 63n - 1n) throw fail();
  }
  return negative ? -total : total;
}

/** jsonpb's Duration output: seconds with 0, 3, 6 or 9 fractional digits. */
export function formatDuration(nanos: bigint): string {
  const sign = nanos < 0n ? '-' : '';
  const abs = nanos < 0n ? -nanos : nanos;
  let text = `${abs / 1_000_000_000n}.${(abs % 1_000_000_000n).toString().padStart(9, '0')}`;
  for (const suffix of ['000', '000', '.000']) {
    if (text.endsWith(suffix)) text = text.slice(0, -suffix.length);
  }
  return `${sign}${text}s`;
}

/** `google.protobuf.Value` from raw JSON, as jsonpb reads it. */
function decodeValue(raw: RawValue): unknown {
  if (raw.kind === 'object') return decodeStruct(raw);
  if (raw.kind === 'array') return raw.items.map(decodeValue);
  if (raw.kind === 'number') {
    const value = Number(raw.raw);
    if (!Number.isFinite(value)) {
      throw new GoJsonError(`unrecognized type for Value ${goQuote(raw.raw)}`);
    }
    return value;
  }
  return plainValue(raw);
}

function decodeStruct(raw: RawValue): Record<string, unknown> {
  if (raw.kind === 'null') return {};
  if (raw.kind !== 'object') {
    throw new GoJsonError(
      `bad StructValue: ${typeError(raw, 'map[string]json.RawMessage').message}`,
    );
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of raw.entries) {
    try {
      setOwn(out, key, decodeValue(value));
    } catch (error) {
      throw new GoJsonError(
        `bad value in StructValue for key ${goQuote(key)}: ${(error as Error).message}`,
      );
    }
  }
  return out;
}

const NON_FINITE = ['"NaN"', '"Infinity"', '"-Infinity"'];

function decodeScalar(raw: RawValue, type: ScalarType): unknown {
  switch (type) {
    case 'string':
      return unquoteString(raw);
    case 'bool':
      if (raw.kind === 'null') return false;
      if (raw.kind !== 'bool') throw typeError(raw, 'bool');
      return raw.value;
    case 'bytes': {
      const text = unquoteString(raw);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
        throw new GoJsonError(`illegal base64 data at input byte ${firstBadBase64Byte(text)}`);
      }
      return text;
    }
    case 'double':
    case 'float':
      // jsonpb takes the quoted names of the non-finite values, and writes them back the same.
      if (NON_FINITE.includes(raw.raw)) return trimQuote(raw.raw);
      return decodeGoFloat(trimQuote(raw.raw), type === 'double' ? 'float64' : 'float32');
    default:
      return decodeGoInt(trimQuote(raw.raw), type);
  }
}

function firstBadBase64Byte(text: string): number {
  const index = [...text].findIndex((char) => !/[A-Za-z0-9+/=]/.test(char));
  return index < 0 ? text.length : index;
}

function decodeEnum(raw: RawValue, descriptor: EnumDescriptor): string | number {
  if (raw.kind === 'string' && raw.raw.startsWith('"') && raw.raw.endsWith('"')) {
    const name = trimQuote(raw.raw);
    const found = descriptor.values.find(([candidate]) => candidate === name);
    if (!found) {
      throw new GoJsonError(`unknown value ${goQuote(raw.raw)} for enum ${descriptor.fullName}`);
    }
    return found[0];
  }
  const number = decodeGoInt(raw.raw, 'int32', 'protoreflect.EnumNumber') as number;
  return descriptor.values.find(([, value]) => value === number)?.[0] ?? number;
}

function decodeWellKnown(raw: RawValue, type: WellKnownType): unknown {
  switch (type) {
    case 'Duration':
      return formatDuration(parseGoDuration(unquoteString(raw)));
    case 'Struct':
      return decodeStruct(raw);
    case 'BoolValue':
      return decodeScalar(raw, 'bool');
    case 'UInt32Value':
      return decodeScalar(raw, 'uint32');
    case 'Int32Value':
      return decodeScalar(raw, 'int32');
    case 'DoubleValue':
      return decodeScalar(raw, 'double');
    case 'StringValue':
      return decodeScalar(raw, 'string');
    case 'BytesValue':
      return decodeScalar(raw, 'bytes');
  }
}

/** Zero enum values are "unset" in proto3, like every other zero scalar. */
function enumZero(descriptor: EnumDescriptor, value: string | number): boolean {
  return descriptor.values.find(([name]) => name === value)?.[1] === 0 || value === 0;
}

function decodeSingular(raw: RawValue, field: FieldDescriptor, version: KumaVersion): unknown {
  const { type } = field;
  if ('scalar' in type) return decodeScalar(raw, type.scalar);
  if ('enum' in type) return decodeEnum(raw, type.enum);
  if ('wellKnown' in type) return decodeWellKnown(raw, type.wellKnown);
  return decodeMessage(raw, type.message, version);
}

function isSetValue(field: FieldDescriptor, value: unknown): boolean {
  if (field.oneof) return true;
  const { type } = field;
  if ('message' in type || 'wellKnown' in type) return true;
  if ('enum' in type) return !enumZero(type.enum, value as string | number);
  return !isZero(value, type.scalar);
}

export function decodeMessage(
  raw: RawValue,
  descriptor: MessageDescriptor,
  version: KumaVersion,
): DecodedMessage {
  const entries = new Map(asObject(raw));
  const out: DecodedMessage = {};
  const oneofSet = new Map<string, string>();
  for (const field of descriptor.fields) {
    if (!fieldExists(field, version)) continue;
    let value: RawValue | undefined;
    for (const key of [field.name, field.jsonName]) {
      const found = entries.get(key);
      if (found !== undefined) {
        entries.delete(key);
        value = found;
      }
    }
    if (value === undefined || value.kind === 'null') continue;
    let decoded: unknown;
    if (field.cardinality === 'repeated') {
      decoded = asArray(value).map((item) => decodeSingular(item, field, version));
      if ((decoded as unknown[]).length === 0) continue;
    } else if (field.cardinality === 'map') {
      const map: Record<string, unknown> = {};
      for (const [key, item] of asObject(value))
        setOwn(map, key, decodeSingular(item, field, version));
      if (Object.keys(map).length === 0) continue;
      decoded = map;
    } else {
      decoded = decodeSingular(value, field, version);
      if (!isSetValue(field, decoded)) {
        if (!field.oneof) delete out[field.jsonName];
        continue;
      }
    }
    if (field.oneof) {
      const previous = oneofSet.get(field.oneof);
      if (previous) delete out[previous];
      oneofSet.set(field.oneof, field.jsonName);
    }
    out[field.jsonName] = decoded;
  }
  return out;
}

/** Decodes a JSON text (or an already parsed value) as kuma-cp's jsonpb would. */
export function decodeJsonpb(
  input: string | RawValue,
  descriptor: MessageDescriptor,
  version: KumaVersion,
): DecodedMessage {
  const raw = typeof input === 'string' ? parseGoJson(input) : input;
  // jsonpb treats a top-level null as an empty message.
  return decodeMessage(raw, descriptor, version);
}

/**
 * The decoded message as kuma-cp serialises it: fields in declaration order, maps and Structs
 * by sorted key.
 * Decoding already dropped unset fields and normalised values, so this only orders keys.
 */
export function encodeJsonpb(
  message: DecodedMessage,
  descriptor: MessageDescriptor,
  version: KumaVersion,
): DecodedMessage {
  const out: DecodedMessage = {};
  for (const field of descriptor.fields) {
    if (!fieldExists(field, version) || !(field.jsonName in message)) continue;
    const value = message[field.jsonName];
    const encodeOne = (item: unknown) => {
      if ('message' in field.type) {
        return encodeJsonpb(item as DecodedMessage, field.type.message, version);
      }
      // A Struct is a Go map inside: it prints with sorted keys.
      return 'wellKnown' in field.type && field.type.wellKnown === 'Struct'
        ? sortedKeys(item)
        : item;
    };
    if (field.cardinality === 'repeated') out[field.jsonName] = (value as unknown[]).map(encodeOne);
    else if (field.cardinality === 'map') {
      const map = value as Record<string, unknown>;
      out[field.jsonName] = Object.fromEntries(
        Object.keys(map)
          .sort()
          .map((key) => [key, encodeOne(map[key])]),
      );
    } else out[field.jsonName] = encodeOne(value);
  }
  return out;
}
