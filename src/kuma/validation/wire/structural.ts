/**
 * kuma-cp checks new-style resources (MeshHTTPRoute, MeshService, …) against their OpenAPI
 * schema before its own validator runs: defaults from the schema are filled in (2.7+), then
 * kube-openapi's SchemaValidator reports what does not fit, worded as
 * `spec.to[0].rules in body must be of type array: "object"`. This module applies a schema
 * described with the builders below the same way, in the same words.
 *
 * kube-openapi walks an object's properties in Go map order, which is random, so the order of
 * several schema violations is not meaningful (kuma-cp's own order changes between runs).
 */

import { goQuote } from '../violations';

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

export interface StructuralSchema {
  type?: SchemaType;
  format?: 'int32' | 'int64' | 'date-time';
  properties?: Record<string, StructuralSchema>;
  /** Schema of a map's values (`additionalProperties`). */
  additionalProperties?: StructuralSchema;
  items?: StructuralSchema;
  required?: readonly string[];
  enum?: readonly (string | number)[];
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  /** `x-kubernetes-int-or-string`: an integer or a string. */
  intOrString?: boolean;
}

type Options = Omit<StructuralSchema, 'type' | 'properties' | 'items' | 'additionalProperties'>;

/** Builders that read like the schemas they describe. */
export const schema = {
  string: (options: Options = {}): StructuralSchema => ({ type: 'string', ...options }),
  int32: (options: Options = {}): StructuralSchema => ({
    type: 'integer',
    format: 'int32',
    ...options,
  }),
  integer: (options: Options = {}): StructuralSchema => ({ type: 'integer', ...options }),
  number: (options: Options = {}): StructuralSchema => ({ type: 'number', ...options }),
  boolean: (options: Options = {}): StructuralSchema => ({ type: 'boolean', ...options }),
  intOrString: (options: Options = {}): StructuralSchema => ({ intOrString: true, ...options }),
  object: (
    properties: Record<string, StructuralSchema>,
    options: Options = {},
  ): StructuralSchema => ({
    type: 'object',
    properties,
    ...options,
  }),
  map: (values: StructuralSchema, options: Options = {}): StructuralSchema => ({
    type: 'object',
    additionalProperties: values,
    ...options,
  }),
  array: (items: StructuralSchema, options: Options = {}): StructuralSchema => ({
    type: 'array',
    items,
    ...options,
  }),
  /** A value the schema says nothing about (`x-kubernetes-preserve-unknown-fields`). */
  any: (): StructuralSchema => ({}),
};

type Json = unknown;

/** `time.Parse("2006-01-02", value)`: a real calendar date, digits exactly as laid out. */
function isFullDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/**
 * strfmt's `IsDateTime`: lower-cased and split at every "t", the first part a full date and
 * the second `hh:mm:ss[.frac](z|±hh:mm)` with hours, minutes and seconds compared as text.
 */
function isDateTime(value: string): boolean {
  if (value.length < 4) return false;
  const parts = value.toLowerCase().split('t');
  if (parts.length < 2 || !isFullDate(parts[0]!)) return false;
  const match = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/u.exec(
    parts[1]!,
  );
  return match !== null && match[1]! <= '23' && match[2]! <= '59' && match[3]! <= '59';
}

/** The schema of a named property; keys such as `constructor` must not reach the prototype. */
function propertyOf(node: StructuralSchema, key: string): StructuralSchema | undefined {
  return node.properties && Object.hasOwn(node.properties, key) ? node.properties[key] : undefined;
}

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * apiextensions' `defaulting.Default`: fills absent properties (and non-nullable nulls) with
 * their defaults, then descends, so defaults inside a defaulted object apply too.
 */
export function applyDefaults(value: Json, node: StructuralSchema | undefined): void {
  if (!node) return;
  if (isObject(value)) {
    for (const [key, property] of Object.entries(node.properties ?? {})) {
      if (property.default === undefined) continue;
      if (!Object.hasOwn(value, key) || (value[key] === null && !property.nullable)) {
        value[key] = structuredClone(property.default);
      }
    }
    for (const key of Object.keys(value)) {
      const property = propertyOf(node, key);
      if (property) applyDefaults(value[key], property);
      else if (node.additionalProperties) {
        const values = node.additionalProperties;
        if (value[key] === null && !values.nullable && values.default !== undefined) {
          value[key] = structuredClone(values.default);
        }
        applyDefaults(value[key], values);
      }
    }
  } else if (Array.isArray(value) && node.items) {
    const items = node.items;
    value.forEach((item, index) => {
      if (item === null && !items.nullable && items.default !== undefined) {
        value[index] = structuredClone(items.default);
      }
      applyDefaults(value[index], items);
    });
  }
}

/** The JSON type name kube-openapi infers for decoded data (every JSON number is a float64). */
function dataType(value: Json): SchemaType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

/** swag's `IsFloat64AJSONInteger`: integral and inside the range a float64 holds exactly. */
const MAX_JSON_INTEGER = 2 ** 53 - 1;
function isJsonInteger(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) <= MAX_JSON_INTEGER;
}

/** Go's `%v` of a float64: shortest representation, exponent form from 1e21 or below 1e-4. */
export function goFloat(value: number): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= 21) {
    const [mantissa, power] = value.toExponential().split('e');
    const sign = power!.startsWith('-') ? '-' : '+';
    const digits = power!.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(value);
}

/** `%v` of the enum list: `[A B C]`. */
function goList(values: readonly (string | number)[]): string {
  return `[${values.map((value) => (typeof value === 'number' ? goFloat(value) : value)).join(' ')}]`;
}

export interface SchemaViolation {
  /** The whole kube-openapi message, path first: `spec.x in body should be one of [A B]`. */
  message: string;
}

/**
 * How the schema reaches kube-openapi. `structural` (2.7+): converted to an apiextensions
 * structural schema, so integer enum values are int64 (a float data value is converted, i.e.
 * truncated, before it is compared), and the newer validator checks that a number fits its
 * integer type (`Checked value must be of type integer …`). `openapi` (2.6): the YAML read
 * straight into a kube-openapi schema, enums stay float64 and no range check runs.
 */
export type SchemaDialect = 'structural' | 'openapi';

interface Walk {
  dialect: SchemaDialect;
  out: SchemaViolation[];
}

function enumMatches(walk: Walk, allowed: string | number, value: Json): boolean {
  if (typeof allowed === 'number' && typeof value === 'number') {
    return walk.dialect === 'structural' && Number.isInteger(allowed)
      ? Math.trunc(value) === allowed
      : value === allowed;
  }
  return allowed === value;
}

/** numberValidator's "Checked" range test: the value must fit the node's integer format. */
function fitsIntegerFormat(node: StructuralSchema, value: number): boolean {
  if (!Number.isInteger(value)) return false;
  if (node.format === 'int32') return value >= -(2 ** 31) && value <= 2 ** 31 - 1;
  return value >= -(2 ** 63) && value < 2 ** 63;
}

function checkedMessage(node: StructuralSchema, path: string): string {
  return node.format === 'int32' || node.format === 'int64'
    ? `Checked value must be of type integer with format ${node.format} in ${path}`
    : `Checked value must be of type integer (default format) in ${path}`;
}

/**
 * One kube-openapi `SchemaValidator` pass. Each validator that applies to the data's kind runs,
 * whatever the others found (a wrong type still gets enum and range messages).
 */
function validateNode(walk: Walk, node: StructuralSchema, value: Json, path: string): void {
  const out = walk.out;
  const report = (message: string) => out.push({ message: `${path} in body ${message}` });
  if (value === null || value === undefined) {
    if (node.type && !node.nullable) report(`must be of type ${node.type}: "null"`);
    if (node.enum) report(`should be one of ${goList(node.enum)}`);
    return;
  }
  const type = dataType(value);

  // type
  if (node.type) {
    const floatInt = type === 'number' && node.type === 'integer' && isJsonInteger(value as number);
    const fits = node.type === type || floatInt;
    // Data formats as kube-openapi infers them: JSON numbers decode to float64.
    const dataFormat: string = type === 'number' ? 'float64' : '';
    const numeric = node.type === 'integer' || node.type === 'number';
    if (node.format && type !== 'string' && type !== 'array') {
      if (!fits && dataFormat !== node.format) {
        report(`must be of type ${node.format}: ${goQuote(dataFormat)}`);
      }
    } else if (node.format && !numeric) {
      // A formatted string or byte array: the format validator decides.
    } else if (!fits) {
      report(`must be of type ${node.type}: "${type}"`);
    }
  }

  // anyOf: x-kubernetes-int-or-string is `anyOf: [{type: integer}, {type: string}]`
  if (
    node.intOrString &&
    type !== 'string' &&
    !(type === 'number' && isJsonInteger(value as number))
  ) {
    out.push({ message: `${goQuote(path)} must validate at least one schema (anyOf)` });
    // The integer branch is the closest failure kube-openapi keeps.
    validateNode(walk, { type: 'integer' }, value, path);
  }

  // string
  if (typeof value === 'string') {
    const length = [...value].length;
    if (node.maxLength !== undefined && length > node.maxLength) {
      report(`should be at most ${node.maxLength} chars long`);
    } else if (node.minLength !== undefined && length < node.minLength) {
      report(`should be at least ${node.minLength} chars long`);
    } else if (node.pattern !== undefined && !new RegExp(node.pattern, 'u').test(value)) {
      report(`should match '${node.pattern}'`);
    }
  }

  // format
  if (node.format === 'date-time' && typeof value === 'string' && !isDateTime(value)) {
    report(`must be of type date-time: ${goQuote(value)}`);
  }

  // number: the range check, then minimum before maximum
  if (typeof value === 'number') {
    if (
      walk.dialect === 'structural' &&
      node.type === 'integer' &&
      !fitsIntegerFormat(node, value)
    ) {
      out.push({ message: checkedMessage(node, path) });
    }
    if (node.minimum !== undefined && value < node.minimum) {
      report(`should be greater than or equal to ${goFloat(node.minimum)}`);
    }
    if (node.maximum !== undefined && value > node.maximum) {
      report(`should be less than or equal to ${goFloat(node.maximum)}`);
    }
  }

  // slice
  if (Array.isArray(value)) {
    if (node.items) {
      value.forEach((item, index) => {
        validateNode(walk, node.items!, item, `${path}[${index}]`);
      });
    }
    if (node.minItems !== undefined && value.length < node.minItems) {
      report(`should have at least ${node.minItems} items`);
    }
    if (node.maxItems !== undefined && value.length > node.maxItems) {
      report(`should have at most ${node.maxItems} items`);
    }
  }

  // enum
  if (node.enum && !node.enum.some((allowed) => enumMatches(walk, allowed, value))) {
    report(`should be one of ${goList(node.enum)}`);
  }

  // object
  if (isObject(value)) {
    const child = (key: string) => (path === '' ? key : `${path}.${key}`);
    if (node.additionalProperties) {
      for (const [key, item] of Object.entries(value)) {
        if (propertyOf(node, key)) continue;
        validateNode(walk, node.additionalProperties, item, `${path}.${key}`);
      }
    }
    for (const [key, property] of Object.entries(node.properties ?? {})) {
      if (Object.hasOwn(value, key)) validateNode(walk, property, value[key], child(key));
    }
    for (const key of node.required ?? []) {
      if (!Object.hasOwn(value, key)) out.push({ message: `${path}.${key} in body is required` });
    }
  }
}

/**
 * Every violation of `schema` by `value` (the decoded body, defaults already applied). Like
 * kube-openapi's `Result`, a message already reported is not repeated.
 */
export function validateAgainstSchema(
  node: StructuralSchema,
  value: Json,
  dialect: SchemaDialect = 'structural',
): SchemaViolation[] {
  const walk: Walk = { dialect, out: [] };
  validateNode(walk, node, value, '');
  const seen = new Set<string>();
  return walk.out.filter(({ message }) => !seen.has(message) && seen.add(message));
}

/**
 * kuma-cp's `toValidationError`: a message whose first word starts with `spec.` becomes a
 * violation on that field; any other lands on the empty field with the whole message.
 */
export function toFieldViolation(violation: SchemaViolation): { field: string; message: string } {
  const [first, ...rest] = violation.message.split(' ');
  if (rest.length > 0 && first!.startsWith('spec.')) {
    return { field: first!, message: rest.join(' ') };
  }
  return { field: '', message: violation.message };
}
