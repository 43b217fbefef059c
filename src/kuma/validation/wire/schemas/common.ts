/**
 * Pieces every new-style kind's schema shares: the resource envelope and the `targetRef` /
 * `backendRef` objects. kuma-cp 2.6 reads each kind's `schema.yaml`; from 2.7 the schema is the
 * kind's REST item (`rest.yaml`, `<Kind>Item`), which adds `labels`, `required` and more kinds.
 * Releases between 2.7 and 2.13 are described with the 2.14 shapes.
 */
import { isAtLeast, type KumaVersion } from '../../../version';
import { type StructuralSchema, schema } from '../structural';

/** Whether `version` checks bodies against the REST item schema (2.7+) or `schema.yaml`. */
export function usesRestSchema(version: KumaVersion): boolean {
  return isAtLeast(version, 2, 7);
}

const stringMap = () => schema.map(schema.string());

const TARGET_KINDS_2_6 = [
  'Mesh',
  'MeshSubset',
  'MeshGateway',
  'MeshService',
  'MeshServiceSubset',
  'MeshHTTPRoute',
];

const TARGET_KINDS = [
  'Mesh',
  'MeshSubset',
  'MeshGateway',
  'MeshService',
  'MeshExternalService',
  'MeshMultiZoneService',
  'MeshServiceSubset',
  'MeshHTTPRoute',
  'Dataplane',
];

function targetRefProperties(version: KumaVersion): Record<string, StructuralSchema> {
  const proxyType = schema.string({ enum: ['Sidecar', 'Gateway'] });
  if (!usesRestSchema(version)) {
    return {
      kind: schema.string({ enum: TARGET_KINDS_2_6 }),
      mesh: schema.string(),
      name: schema.string(),
      proxyTypes: schema.array(proxyType, { minItems: 1 }),
      tags: stringMap(),
    };
  }
  return {
    kind: schema.string({ enum: TARGET_KINDS }),
    labels: stringMap(),
    mesh: schema.string(),
    name: schema.string(),
    namespace: schema.string(),
    proxyTypes: schema.array(proxyType),
    sectionName: schema.string(),
    tags: stringMap(),
  };
}

/** A `targetRef`: `kind` is required from 2.7. */
export function targetRefSchema(version: KumaVersion): StructuralSchema {
  return schema.object(
    targetRefProperties(version),
    usesRestSchema(version) ? { required: ['kind'] } : {},
  );
}

/** A route's `backendRefs[]` entry: a targetRef with a weight (and, from 2.7, a port). */
export function backendRefSchema(version: KumaVersion): StructuralSchema {
  const weight = schema.integer({ default: 1, minimum: 0 });
  if (!usesRestSchema(version)) {
    return schema.object({ ...targetRefProperties(version), weight });
  }
  return schema.object(
    { ...targetRefProperties(version), port: schema.int32(), weight },
    { required: ['kind'] },
  );
}

/**
 * The body around `spec`. From 2.7 `type`, `name` and `spec` are required and the read-only
 * fields kuma-cp prints on GET are described too (so they are checked when sent back).
 */
export function resourceSchema(
  kind: string,
  version: KumaVersion,
  spec: StructuralSchema,
  extra: Record<string, StructuralSchema> = {},
): StructuralSchema {
  const envelope = {
    type: schema.string({ enum: [kind] }),
    mesh: schema.string({ default: 'default' }),
    name: schema.string(),
  };
  if (!usesRestSchema(version)) {
    return schema.object({ ...envelope, spec });
  }
  return schema.object(
    {
      ...envelope,
      kri: schema.string(),
      labels: stringMap(),
      spec,
      creationTime: schema.string({ format: 'date-time' }),
      modificationTime: schema.string({ format: 'date-time' }),
      ...extra,
    },
    { required: ['type', 'name', 'spec'] },
  );
}
