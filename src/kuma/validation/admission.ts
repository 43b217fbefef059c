/**
 * What kuma-cp does with a PUT body before it stores anything, in its order:
 *
 * 1. parse it as Go's `encoding/json` would (a syntax error is a 400 "Bad Request");
 * 2. legacy kinds: read the meta into Go's `ResourceMeta`, then the spec with jsonpb;
 *    new-style kinds: check it against the kind's OpenAPI schema (defaults filled in first,
 *    from 2.7), then read it into the Go structs;
 * 3. run Kuma's validator for the kind.
 *
 * The result is either the resource as kuma-cp stores it (and serves it back), a "malformed"
 * message (`invalid MeshGateway object: "…"`), or the violations of steps 2 and 3. The demo
 * control plane answers PUTs with it, and the forms show the same verdict while you type.
 */
import type { ValidationContext } from './context';
import { validateDataplane } from './dataplane';
import { validateMesh } from './mesh';
import { validateMeshGateway } from './mesh-gateway';
import { validateMeshHTTPRoute } from './mesh-http-route';
import { validateMeshService } from './mesh-service';
import { validateMeshTCPRoute } from './mesh-tcp-route';
import { validateMeshTrafficPermission } from './mesh-traffic-permission';
import { goQuote, type Violation } from './violations';
import {
  fieldTypeError,
  GoJsonError,
  parseGoJson,
  plainValue,
  type RawValue,
  rawFromValue,
  sortedKeys,
} from './wire/go-json';
import { decodeGo, encodeGo } from './wire/go-struct';
import { decodeMessage, encodeJsonpb, type MessageDescriptor } from './wire/jsonpb';
import { DATAPLANE, MESH, MESH_GATEWAY } from './wire/legacy-messages';
import { policySpecType, restResourceType } from './wire/policy-go-types';
import { policySchema } from './wire/policy-schemas';
import { usesRestSchema } from './wire/schemas/common';
import { applyDefaults, toFieldViolation, validateAgainstSchema } from './wire/structural';

export type AdmittedKind =
  | 'Mesh'
  | 'Dataplane'
  | 'MeshGateway'
  | 'MeshHTTPRoute'
  | 'MeshTCPRoute'
  | 'MeshTrafficPermission'
  | 'MeshService';

export type Admission =
  | { verdict: 'accepted'; resource: Record<string, unknown> }
  /** A 400 "Bad Request" whose detail is `invalid <Kind> object: "<reason>"`. */
  | { verdict: 'malformed'; detail: string }
  /** A 400 "Could not process a resource" / "Resource is not valid". */
  | { verdict: 'invalid'; violations: Violation[] };

type Validator = (resource: never, ctx: ValidationContext) => Violation[];

interface LegacyKind {
  shape: 'legacy';
  message: MessageDescriptor;
  validate: Validator;
}

interface NewStyleKind {
  shape: 'new';
  validate: Validator;
}

const KINDS: Record<AdmittedKind, LegacyKind | NewStyleKind> = {
  Mesh: { shape: 'legacy', message: MESH, validate: validateMesh as Validator },
  Dataplane: { shape: 'legacy', message: DATAPLANE, validate: validateDataplane as Validator },
  MeshGateway: {
    shape: 'legacy',
    message: MESH_GATEWAY,
    validate: validateMeshGateway as Validator,
  },
  MeshHTTPRoute: { shape: 'new', validate: validateMeshHTTPRoute as Validator },
  MeshTCPRoute: { shape: 'new', validate: validateMeshTCPRoute as Validator },
  MeshTrafficPermission: { shape: 'new', validate: validateMeshTrafficPermission as Validator },
  MeshService: { shape: 'new', validate: validateMeshService as Validator },
};

export function isAdmittedKind(kind: string): kind is AdmittedKind {
  return kind in KINDS;
}

const META_STRINGS = ['type', 'mesh', 'name'] as const;
const META_TIMES = ['creationTime', 'modificationTime'] as const;

/** Go's `time.Time.UnmarshalJSON`: RFC 3339 in a JSON string; `null` is a no-op. */
function checkTime(raw: RawValue, struct: string, field: string): void {
  if (raw.kind === 'null') return;
  if (raw.kind !== 'string') {
    throw fieldTypeError(raw, struct, field, 'time.Time');
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(raw.value)) {
    throw new GoJsonError(
      `parsing time ${JSON.stringify(raw.raw)} as "\\"2006-01-02T15:04:05Z07:00\\"": cannot parse ${JSON.stringify(raw.raw.slice(1))} as "2006"`,
    );
  }
}

/**
 * The meta fields read into Go's `ResourceMeta` struct: `struct` and `prefix` name the Go
 * struct and the path Go reports (`ResourceMeta.name`, `Resource.ResourceMeta.labels`).
 */
function decodeMeta(
  entries: Map<string, RawValue>,
  struct: string,
  prefix: string,
): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  let firstError: GoJsonError | undefined;
  const keep = (error: GoJsonError) => {
    firstError ??= error;
  };
  for (const key of META_STRINGS) {
    const raw = entries.get(key);
    if (!raw || raw.kind === 'null') continue;
    if (raw.kind !== 'string') keep(fieldTypeError(raw, struct, `${prefix}${key}`, 'string'));
    else if (raw.value !== '') meta[key] = raw.value;
  }
  for (const key of META_TIMES) {
    const raw = entries.get(key);
    if (!raw) continue;
    try {
      checkTime(raw, struct, `${prefix}${key}`);
    } catch (error) {
      keep(error as GoJsonError);
    }
  }
  const labels = entries.get('labels');
  if (labels && labels.kind !== 'null') {
    if (labels.kind !== 'object') {
      keep(fieldTypeError(labels, struct, `${prefix}labels`, 'map[string]string'));
    } else {
      const out: Record<string, string> = {};
      for (const [key, value] of labels.entries) {
        if (value.kind === 'string') out[key] = value.value;
        else if (value.kind === 'null') out[key] = '';
        else keep(fieldTypeError(value, struct, `${prefix}labels`, 'string'));
      }
      if (Object.keys(out).length > 0) meta.labels = out;
    }
  }
  if (firstError) throw firstError;
  return meta;
}

function malformed(kind: string, error: unknown): Admission {
  if (!(error instanceof GoJsonError)) throw error;
  return { verdict: 'malformed', detail: `invalid ${kind} object: ${goQuote(error.message)}` };
}

function admitLegacy(
  kind: AdmittedKind,
  definition: LegacyKind,
  raw: RawValue,
  ctx: ValidationContext,
): Admission {
  let resource: Record<string, unknown>;
  try {
    // `null` decodes to nothing at all (both Go's json and jsonpb skip it); the validator decides.
    if (raw.kind !== 'object' && raw.kind !== 'null') {
      throw new GoJsonError(
        `json: cannot unmarshal ${raw.kind} into Go value of type v1alpha1.ResourceMeta`,
      );
    }
    const meta = decodeMeta(raw.kind === 'object' ? raw.entries : new Map(), 'ResourceMeta', '');
    const spec = encodeJsonpb(
      decodeMessage(raw, definition.message, ctx.version),
      definition.message,
      ctx.version,
    );
    resource = { ...meta, ...spec };
  } catch (error) {
    return malformed(kind, error);
  }
  const violations = definition.validate(resource as never, ctx);
  return violations.length > 0
    ? { verdict: 'invalid', violations }
    : { verdict: 'accepted', resource };
}

/**
 * What kuma-cp keeps of the read `Resource`: the identity it was given (empty strings and
 * empty labels count as not given) and the spec as its Go struct prints; times are its own.
 */
function storedResource(read: unknown): Record<string, unknown> {
  const { creationTime: _c, modificationTime: _m, ...rest } = read as Record<string, unknown>;
  const resource: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value === '' || value === null) continue;
    if (key === 'labels' && Object.keys(value as object).length === 0) continue;
    resource[key] = value;
  }
  return resource;
}

/**
 * New-style kinds: the body as a `map[string]any` is checked against the kind's schema (2.7+
 * fills its defaults in first and then reads the re-marshalled map, so keys arrive sorted; 2.6
 * reads the body as sent). The Go structs it is then read into decide what is stored: unknown
 * fields are dropped, case-insensitive keys land on their field, Go's zero values appear.
 */
function admitNewStyle(
  kind: AdmittedKind,
  definition: NewStyleKind,
  raw: RawValue,
  ctx: ValidationContext,
): Admission {
  if (raw.kind !== 'object') {
    return malformed(
      kind,
      new GoJsonError(
        `json: cannot unmarshal ${raw.kind} into Go value of type map[string]interface {}`,
      ),
    );
  }
  const rest = usesRestSchema(ctx.version);
  let document: RawValue = raw;
  const schema = policySchema(kind, ctx.version);
  if (schema) {
    const body = plainValue(raw) as Record<string, unknown>;
    if (rest) applyDefaults(body, schema);
    const schemaViolations = validateAgainstSchema(
      schema,
      body,
      rest ? 'structural' : 'openapi',
    ).map(toFieldViolation);
    if (schemaViolations.length > 0) return { verdict: 'invalid', violations: schemaViolations };
    if (rest) document = rawFromValue(sortedKeys(body));
  }
  const specType = policySpecType(kind, ctx.version);
  let resource: Record<string, unknown>;
  if (specType) {
    // The meta and the spec are read in one go, in document order, so the first error Go
    // meets is the one reported, wherever it is.
    const decoded = decodeGo(document, restResourceType(specType));
    if (decoded.error) return malformed(kind, new GoJsonError(decoded.error.message));
    resource = storedResource(encodeGo(restResourceType(specType), decoded.value));
  } else {
    if (document.kind !== 'object') throw new Error('a decoded body stays an object');
    try {
      resource = decodeMeta(document.entries, 'Resource', 'ResourceMeta.');
    } catch (error) {
      return malformed(kind, error);
    }
    const body = plainValue(raw) as Record<string, unknown>;
    if (body.spec !== undefined && body.spec !== null) resource.spec = body.spec;
  }
  // kuma-cp validates the freshly read resource before it has any meta (its name and labels
  // are only attached when it is stored), so the kind's rules see the spec alone here.
  const violations = definition.validate({ spec: resource.spec } as never, ctx);
  return violations.length > 0
    ? { verdict: 'invalid', violations }
    : { verdict: 'accepted', resource };
}

/** kuma-cp's verdict on a PUT body for `kind` (the text as sent, or a value to send). */
export function admitResource(
  kind: AdmittedKind,
  body: string | unknown,
  ctx: ValidationContext,
): Admission {
  let raw: RawValue;
  try {
    raw = parseGoJson(typeof body === 'string' ? body : JSON.stringify(body));
  } catch (error) {
    return malformed(kind, error);
  }
  const definition = KINDS[kind];
  return definition.shape === 'legacy'
    ? admitLegacy(kind, definition, raw, ctx)
    : admitNewStyle(kind, definition, raw, ctx);
}
