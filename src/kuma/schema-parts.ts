import { z } from 'zod/mini';

/** The pieces every wire schema is built from (`./schemas`, `./policy-schemas`). */

export const object = z.looseObject;
export const stringMap = z.record(z.string(), z.string());
/** uint64 counters: protojson sends them as strings. */
export const counter = z.union([z.string(), z.number()]);
export const port = z.int();

/**
 * A field Kuma documents as one of `values`. One this dashboard does not know (a newer release's)
 * parses as absent rather than failing the whole list, so the type can promise the known values.
 */
export function known<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z.optional(z.catch(z.optional(z.enum(values)), undefined));
}

/** Fields every stored resource carries; `type` is the resource's own. */
export function metaOf<const Type extends string>(type: Type) {
  return {
    type: z.literal(type),
    name: z.string(),
    creationTime: z.optional(z.string()),
    modificationTime: z.optional(z.string()),
    labels: z.optional(stringMap),
    /** Kuma Resource Identifier, from 2.14. */
    kri: z.optional(z.string()),
  };
}

/** The same for a resource of a mesh: the API always names its mesh. */
export function meshMetaOf<const Type extends string>(type: Type) {
  return { ...metaOf(type), mesh: z.string() };
}

/** A MeshService, a Kubernetes Service or a tagged service, as a route or an outbound names it. */
export const backendRefTarget = object({
  kind: z.string(),
  name: z.optional(z.string()),
  namespace: z.optional(z.string()),
  port: z.optional(port),
  sectionName: z.optional(z.string()),
  labels: z.optional(stringMap),
});
