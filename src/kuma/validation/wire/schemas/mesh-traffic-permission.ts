/**
 * The OpenAPI schema kuma-cp checks a MeshTrafficPermission body against on PUT: `schema.yaml`
 * in 2.6 (`spec.targetRef` required), the REST item of `rest.yaml` from 2.7 (adds `rules[]`
 * with SPIFFE ID and SNI matches).
 */
import type { KumaVersion } from '../../../version';
import { type StructuralSchema, schema } from '../structural';
import { resourceSchema, targetRefSchema, usesRestSchema } from './common';

function matches(): StructuralSchema {
  const typedValue = (types: string[]) =>
    schema.object(
      { type: schema.string({ enum: types }), value: schema.string() },
      { required: ['type', 'value'] },
    );
  return schema.array(
    schema.object({ sni: typedValue(['Exact']), spiffeID: typedValue(['Exact', 'Prefix']) }),
  );
}

export function meshTrafficPermissionSchema(version: KumaVersion): StructuralSchema | undefined {
  const from = schema.array(
    schema.object(
      {
        default: schema.object({
          action: schema.string({ enum: ['Allow', 'Deny', 'AllowWithShadowDeny'] }),
        }),
        targetRef: targetRefSchema(version),
      },
      { required: ['targetRef'] },
    ),
  );
  if (!usesRestSchema(version)) {
    const spec = schema.object(
      { from, targetRef: targetRefSchema(version) },
      { required: ['targetRef'] },
    );
    return resourceSchema('MeshTrafficPermission', version, spec);
  }
  const rules = schema.array(
    schema.object(
      {
        default: schema.object({
          allow: matches(),
          allowWithShadowDeny: matches(),
          deny: matches(),
        }),
      },
      { required: ['default'] },
    ),
  );
  const spec = schema.object({ from, rules, targetRef: targetRefSchema(version) });
  return resourceSchema('MeshTrafficPermission', version, spec);
}
