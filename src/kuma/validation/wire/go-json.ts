/**
 * How Go's `encoding/json` sees a request body: kuma-cp decodes every PUT with it, and the
 * text of its errors reaches the client (`invalid MeshGateway object: "json: cannot unmarshal
 * …"`). This module parses JSON into a tree that keeps each value's raw text (Go's decoders
 * work on raw bytes, quotes and escapes included) and words errors as Go does.
 */
import { goQuote } from '../violations';

export type RawKind = 'object' | 'array' | 'string' | 'number' | 'bool' | 'null';

export type RawValue =
  | { kind: 'object'; raw: string; entries: Map<string, RawValue> }
  | { kind: 'array'; raw: string; items: RawValue[] }
  | { kind: 'string'; raw: string; value: string }
  | { kind: 'number'; raw: string }
  | { kind: 'bool'; raw: string; value: boolean }
  | { kind: 'null'; raw: string };

export class GoJsonError extends Error {}

/** Go's `quoteChar`: how a byte is shown in a syntax error (`string(byte)` is U+0000–U+00FF). */
function quoteChar(byte: number): string {
  if (byte === 0x27) return "'\\''";
  if (byte === 0x22) return `'"'`;
  return `'${goQuote(String.fromCharCode(byte)).slice(1, -1)}'`;
}

/** Go decodes an unpaired surrogate escape (`\ud800`) as U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** A recursive-descent reader over UTF-8 bytes that reports errors with Go's scanner wording. */
class Reader {
  private pos = 0;
  private readonly decoder = new TextDecoder();

  constructor(private readonly bytes: Uint8Array) {}

  private fail(context: string): never {
    if (this.pos >= this.bytes.length) throw new GoJsonError('unexpected end of JSON input');
    throw new GoJsonError(`invalid character ${quoteChar(this.bytes[this.pos]!)} ${context}`);
  }

  private skipWhitespace(): void {
    while (this.pos < this.bytes.length && WHITESPACE.has(this.bytes[this.pos]!)) this.pos += 1;
  }

  private text(from: number): string {
    return this.decoder.decode(this.bytes.subarray(from, this.pos));
  }

  readDocument(): RawValue {
    this.skipWhitespace();
    const value = this.readValue('looking for beginning of value');
    this.skipWhitespace();
    if (this.pos < this.bytes.length) this.fail('after top-level value');
    return value;
  }

  private readValue(context: string): RawValue {
    const byte = this.bytes[this.pos];
    if (byte === 0x7b) return this.readObject();
    if (byte === 0x5b) return this.readArray();
    if (byte === 0x22) {
      const start = this.pos;
      const value = this.readString();
      return { kind: 'string', raw: this.text(start), value };
    }
    if (byte === 0x2d || (byte !== undefined && byte >= 0x30 && byte <= 0x39)) {
      const start = this.pos;
      this.readNumber();
      return { kind: 'number', raw: this.text(start) };
    }
    if (byte === 0x74) return this.readLiteral('true', { kind: 'bool', raw: 'true', value: true });
    if (byte === 0x66) {
      return this.readLiteral('false', { kind: 'bool', raw: 'false', value: false });
    }
    if (byte === 0x6e) return this.readLiteral('null', { kind: 'null', raw: 'null' });
    return this.fail(context);
  }

  private readLiteral(word: string, value: RawValue): RawValue {
    for (let i = 0; i < word.length; i++) {
      if (this.bytes[this.pos] !== word.charCodeAt(i)) {
        this.fail(`in literal ${word} (expecting '${word[i]}')`);
      }
      this.pos += 1;
    }
    return value;
  }

  private digits(): number {
    const start = this.pos;
    while (
      this.pos < this.bytes.length &&
      this.bytes[this.pos]! >= 0x30 &&
      this.bytes[this.pos]! <= 0x39
    ) {
      this.pos += 1;
    }
    return this.pos - start;
  }

  private readNumber(): void {
    if (this.bytes[this.pos] === 0x2d) {
      this.pos += 1;
      const byte = this.bytes[this.pos];
      if (byte === undefined || byte < 0x30 || byte > 0x39) this.fail('in numeric literal');
    }
    if (this.bytes[this.pos] === 0x30) this.pos += 1;
    else this.digits();
    if (this.bytes[this.pos] === 0x2e) {
      this.pos += 1;
      if (this.digits() === 0) this.fail('after decimal point in numeric literal');
    }
    const exponent = this.bytes[this.pos];
    if (exponent === 0x65 || exponent === 0x45) {
      this.pos += 1;
      const sign = this.bytes[this.pos];
      if (sign === 0x2b || sign === 0x2d) this.pos += 1;
      if (this.digits() === 0) this.fail('in exponent of numeric literal');
    }
  }

  private readString(): string {
    const start = this.pos;
    this.pos += 1;
    for (;;) {
      const byte = this.bytes[this.pos];
      if (byte === undefined) this.fail('in string literal');
      if (byte === 0x22) {
        this.pos += 1;
        break;
      }
      if (byte < 0x20) this.fail('in string literal');
      if (byte === 0x5c) {
        this.pos += 1;
        const escaped = this.bytes[this.pos];
        if (escaped === 0x75) {
          for (let i = 0; i < 4; i++) {
            this.pos += 1;
            const hex = this.bytes[this.pos];
            if (hex === undefined || !/[0-9a-fA-F]/.test(String.fromCharCode(hex))) {
              this.fail('in \\u hexadecimal character escape');
            }
          }
        } else if (escaped === undefined || !'"\\/bfnrt'.includes(String.fromCharCode(escaped))) {
          this.fail('in string escape code');
        }
      }
      this.pos += 1;
    }
    return (JSON.parse(this.text(start)) as string).replace(LONE_SURROGATE, '\ufffd');
  }

  private readObject(): RawValue {
    const start = this.pos;
    this.pos += 1;
    const entries = new Map<string, RawValue>();
    this.skipWhitespace();
    if (this.bytes[this.pos] === 0x7d) {
      this.pos += 1;
      return { kind: 'object', raw: this.text(start), entries };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.bytes[this.pos] !== 0x22) this.fail('looking for beginning of object key string');
      const key = this.readString();
      this.skipWhitespace();
      if (this.bytes[this.pos] !== 0x3a) this.fail('after object key');
      this.pos += 1;
      this.skipWhitespace();
      // A repeated key keeps its last value, as Go's map decoding does.
      entries.delete(key);
      entries.set(key, this.readValue('looking for beginning of value'));
      this.skipWhitespace();
      const next = this.bytes[this.pos];
      if (next === 0x2c) {
        this.pos += 1;
        continue;
      }
      if (next === 0x7d) {
        this.pos += 1;
        return { kind: 'object', raw: this.text(start), entries };
      }
      this.fail('after object key:value pair');
    }
  }

  private readArray(): RawValue {
    const start = this.pos;
    this.pos += 1;
    const items: RawValue[] = [];
    this.skipWhitespace();
    if (this.bytes[this.pos] === 0x5d) {
      this.pos += 1;
      return { kind: 'array', raw: this.text(start), items };
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.readValue('looking for beginning of value'));
      this.skipWhitespace();
      const next = this.bytes[this.pos];
      if (next === 0x2c) {
        this.pos += 1;
        continue;
      }
      if (next === 0x5d) {
        this.pos += 1;
        return { kind: 'array', raw: this.text(start), items };
      }
      this.fail('after array element');
    }
  }
}

/** Parses JSON text as Go would; throws `GoJsonError` with Go's message when it is not JSON. */
export function parseGoJson(text: string): RawValue {
  return new Reader(new TextEncoder().encode(text)).readDocument();
}

/** A JS value as the tree Go's decoder would see for its JSON text. */
export function rawFromValue(value: unknown): RawValue {
  return parseGoJson(JSON.stringify(value) ?? 'null');
}

/** The plain JS value of a raw tree. */
export function plainValue(raw: RawValue): unknown {
  switch (raw.kind) {
    case 'object':
      return Object.fromEntries([...raw.entries].map(([key, value]) => [key, plainValue(value)]));
    case 'array':
      return raw.items.map(plainValue);
    case 'string':
      return raw.value;
    case 'number':
      return Number(raw.raw);
    case 'bool':
      return raw.value;
    case 'null':
      return null;
  }
}

/** How Go names a JSON value's kind in an `UnmarshalTypeError`. */
function kindName(raw: RawValue): string {
  return raw.kind;
}

/** `json: cannot unmarshal <kind> into Go value of type <goType>`. */
export function typeError(raw: RawValue | string, goType: string): GoJsonError {
  const value = typeof raw === 'string' ? raw : kindName(raw);
  return new GoJsonError(`json: cannot unmarshal ${value} into Go value of type ${goType}`);
}

/** The same error for a struct field: `… into Go struct field Struct.path of type t`. */
export function fieldTypeError(
  raw: RawValue | string,
  struct: string,
  field: string,
  goType: string,
): GoJsonError {
  const value = typeof raw === 'string' ? raw : kindName(raw);
  return new GoJsonError(
    `json: cannot unmarshal ${value} into Go struct field ${struct}.${field} of type ${goType}`,
  );
}

export type GoInt = 'int32' | 'int64' | 'uint32' | 'uint64';

const INT_RANGES: Record<GoInt, [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

/**
 * `json.Unmarshal(text, new(intType))`: the text must be a JSON number that is an integer in
 * range; `null` leaves zero. Returns the value as a JS number (64-bit values as text).
 */
export function decodeGoInt(
  text: string,
  goType: GoInt,
  typeName: string = goType,
): number | string {
  const raw = parseGoJson(text);
  if (raw.kind === 'null') return 0;
  if (raw.kind !== 'number') throw typeError(raw, typeName);
  // `strconv.ParseUint` takes no sign at all, not even on zero.
  const unsigned = goType.startsWith('u');
  if (!/^-?\d+$/.test(raw.raw) || (unsigned && raw.raw.startsWith('-'))) {
    throw typeError(`number ${raw.raw}`, typeName);
  }
  const value = BigInt(raw.raw);
  const [min, max] = INT_RANGES[goType];
  if (value < min || value > max) throw typeError(`number ${raw.raw}`, typeName);
  return goType === 'int64' || goType === 'uint64' ? value.toString() : Number(value);
}

/** `json.Unmarshal(text, new(float64))`: a number out of the type's range is an error. */
export function decodeGoFloat(text: string, typeName: 'float32' | 'float64'): number {
  const raw = parseGoJson(text);
  if (raw.kind === 'null') return 0;
  if (raw.kind !== 'number') throw typeError(raw, typeName);
  const value = Number(raw.raw);
  const rounded = typeName === 'float32' ? Math.fround(value) : value;
  if (!Number.isFinite(rounded)) throw typeError(`number ${raw.raw}`, typeName);
  return value;
}

/**
 * A decoded `map[string]any` as Go's `json.Marshal` (or jsonpb, for a Struct) prints it: keys
 * sorted at every level.
 */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    Object.defineProperty(out, key, {
      value: sortedKeys((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Go's `trimQuote`: drops one pair of surrounding double quotes from raw JSON text. */
export function trimQuote(raw: string): string {
  return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
}
