/**
 * A small JSON Schema / OpenAPI / CRD structural-schema checker: enough to prove a resource is
 * what `kumactl apply` and `kubectl apply` accept unchanged (types, enums, required fields,
 * bounds, patterns, and no field the schema does not know, as protojson and Kubernetes pruning
 * treat them). Used by the tests against Kuma's published specs.
 */

export interface SchemaIssue {
  path: string;
  message: string;
}

type Schema = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    node = isObject(node) ? node[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
  }
  if (!isObject(node)) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

export interface SchemaOptions {
  /** Unknown properties are errors unless the schema allows them (protojson, structural schemas). */
  rejectUnknown: boolean;
}

export function checkSchema(
  value: unknown,
  schema: Schema,
  root: Schema = schema,
  options: SchemaOptions = { rejectUnknown: true },
  path = '',
): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const at = path || '(root)';
  if (typeof schema.$ref === 'string') {
    return checkSchema(value, resolveRef(root, schema.$ref), root, options, path);
  }
  for (const sub of (schema.allOf as Schema[] | undefined) ?? []) {
    issues.push(...checkSchema(value, sub, root, options, path));
  }
  if (Array.isArray(schema.anyOf)) {
    const ok = (schema.anyOf as Schema[]).some(
      (sub) => checkSchema(value, sub, root, options, path).length === 0,
    );
    if (!ok) issues.push({ path: at, message: 'matches none of anyOf' });
  }
  if (Array.isArray(schema.oneOf)) {
    const matching = (schema.oneOf as Schema[]).filter(
      (sub) => checkSchema(value, sub, root, options, path).length === 0,
    ).length;
    if (matching !== 1) {
      issues.push({ path: at, message: `matches ${matching} of oneOf, not exactly one` });
    }
  }
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  if (intOrString) {
    if (!matchesType(value, 'integer') && typeof value !== 'string') {
      issues.push({ path: at, message: 'must be an integer or a string' });
    }
  } else if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => matchesType(value, type))) {
      issues.push({ path: at, message: `must be ${types.join(' or ')}, is ${typeOf(value)}` });
      return issues;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    issues.push({
      path: at,
      message: `${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`,
    });
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) {
      issues.push({ path: at, message: `shorter than ${schema.minLength}` });
    }
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) {
      issues.push({ path: at, message: `longer than ${schema.maxLength}` });
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      issues.push({ path: at, message: `does not match ${schema.pattern}` });
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) {
      issues.push({ path: at, message: `below ${schema.minimum}` });
    }
    if (typeof schema.maximum === 'number' && value > schema.maximum) {
      issues.push({ path: at, message: `above ${schema.maximum}` });
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      issues.push({ path: at, message: `fewer than ${schema.minItems} items` });
    }
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      issues.push({ path: at, message: `more than ${schema.maxItems} items` });
    }
    if (isObject(schema.items)) {
      value.forEach((item, i) => {
        issues.push(...checkSchema(item, schema.items as Schema, root, options, `${path}[${i}]`));
      });
    }
  }
  if (isObject(value)) {
    const properties = isObject(schema.properties) ? schema.properties : undefined;
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (!(name in value)) issues.push({ path: at, message: `missing required field ${name}` });
    }
    const additional = schema.additionalProperties;
    const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
    for (const [key, inner] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const property = properties?.[key];
      if (isObject(property)) {
        if (property.readOnly === true) {
          issues.push({ path: childPath, message: 'read-only: the control plane sets it' });
        }
        issues.push(...checkSchema(inner, property, root, options, childPath));
      } else if (isObject(additional)) {
        issues.push(...checkSchema(inner, additional, root, options, childPath));
      } else if (
        additional === false ||
        (options.rejectUnknown && additional === undefined && properties !== undefined && !preserve)
      ) {
        issues.push({ path: childPath, message: 'unknown field' });
      }
    }
  }
  return issues;
}
