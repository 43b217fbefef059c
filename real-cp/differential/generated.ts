/**
 * Generated PUT bodies: valid resources from the scenarios, each bent by one to three random
 * edits (a field removed, replaced by a value of another shape, an unknown field added, a list
 * item repeated). fast-check draws them from a fixed seed, so a run is reproducible and nobody
 * chooses the cases.
 */
import fc from 'fast-check';

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type Path = (string | number)[];

const leaf: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom<JsonValue>('', '*', '*.example.com', 'HTTP', 'TLS', 'tcp', 'TERMINATE', 'Mesh'),
  fc.constantFrom<JsonValue>('kuma.io/service', 'a b', 'UPPER', '-x-', '/path', 'x'.repeat(254)),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -2, max: 70_000 }),
  fc.constantFrom<JsonValue>(0, 1, 65535, 65536, 1.5),
  fc.boolean(),
  fc.constant(null),
  fc.constant<JsonValue>([]),
  fc.constant<JsonValue>({}),
  fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 2 }),
  fc.dictionary(fc.constantFrom('kuma.io/service', 'k', 'a/b'), fc.string({ maxLength: 6 }), {
    maxKeys: 2,
  }),
);

/** Every path into a JSON value, containers included, except the resource's identity. */
export function pathsOf(value: JsonValue, prefix: Path = []): Path[] {
  const paths: Path[] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      paths.push(...pathsOf(item, [...prefix, index]));
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (prefix.length === 0 && (key === 'type' || key === 'mesh' || key === 'name')) continue;
      paths.push(...pathsOf(child, [...prefix, key]));
    }
  }
  return paths;
}

type Edit =
  | { op: 'remove'; at: number }
  | { op: 'replace'; at: number; value: JsonValue }
  | { op: 'add-unknown'; at: number; key: string; value: JsonValue }
  | { op: 'repeat-item'; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: leaf }),
  fc.record({
    op: fc.constant('add-unknown' as const),
    at: fc.nat(),
    key: fc.constantFrom('unknownField', 'extra', 'Port', 'hostName'),
    value: leaf,
  }),
  fc.record({ op: fc.constant('repeat-item' as const), at: fc.nat() }),
);

function parentAndKey(root: JsonValue, path: Path): [JsonValue, string | number] | undefined {
  let node: JsonValue = root;
  for (const segment of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, JsonValue>)[segment] as JsonValue;
  }
  const key = path.at(-1);
  return key === undefined ? undefined : [node, key];
}

export function applyEdit(body: JsonValue, change: Edit): JsonValue {
  const copy = structuredClone(body);
  const paths = pathsOf(copy);
  if (paths.length === 0) return copy;
  const path = paths[change.at % paths.length]!;
  const located = parentAndKey(copy, path);
  if (!located) return copy;
  const [parent, key] = located;
  const target = (parent as Record<string | number, JsonValue>)[key] as JsonValue;
  switch (change.op) {
    case 'remove':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, JsonValue>)[key];
      break;
    case 'replace':
      (parent as Record<string | number, JsonValue>)[key] = change.value;
      break;
    case 'add-unknown':
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
        target[change.key] = change.value;
      } else if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
        parent[change.key] = change.value;
      }
      break;
    case 'repeat-item':
      if (Array.isArray(target) && target.length > 0) target.push(structuredClone(target[0]!));
      else if (Array.isArray(parent)) parent.push(structuredClone(target));
      break;
  }
  return copy;
}

export interface GeneratedBody {
  label: string;
  body: Record<string, unknown>;
}

/** `count` edited variants of `seedBody`, the same for the same `seed`. */
export function generatedBodies(
  seedBody: Record<string, unknown>,
  count: number,
  seed: number,
): GeneratedBody[] {
  const edits = fc.array(edit, { minLength: 1, maxLength: 3 });
  return fc.sample(edits, { numRuns: count, seed }).map((changes, index) => ({
    label: `seed ${seed} #${index}: ${changes.map((change) => change.op).join(', ')}`,
    body: changes.reduce<JsonValue>(
      (current, change) => applyEdit(current, change),
      seedBody as JsonValue,
    ) as Record<string, unknown>,
  }));
}
