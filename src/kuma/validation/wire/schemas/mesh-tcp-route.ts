/**
 * The OpenAPI schema kuma-cp checks a MeshTCPRoute body against on PUT: `schema.yaml` in 2.6
 * (which requires `spec.targetRef`, `to[].targetRef` and a non-empty `backendRefs`), the REST
 * item of `rest.yaml` from 2.7 (which requires `to[].rules` instead).
 */
import type { KumaVersion } from '../../../version';
import { type StructuralSchema, schema } from '../structural';
import { backendRefSchema, resourceSchema, targetRefSchema, usesRestSchema } from './common';

export function meshTcpRouteSchema(version: KumaVersion): StructuralSchema | undefined {
  const rest = usesRestSchema(version);
  const ruleConf = rest
    ? schema.object({ backendRefs: schema.array(backendRefSchema(version)) })
    : schema.object(
        { backendRefs: schema.array(backendRefSchema(version), { minItems: 1 }) },
        { required: ['backendRefs'] },
      );
  const to = schema.object(
    {
      rules: schema.array(schema.object({ default: ruleConf }, { required: ['default'] }), {
        maxItems: 1,
      }),
      targetRef: targetRefSchema(version),
    },
    { required: rest ? ['rules', 'targetRef'] : ['targetRef'] },
  );
  const spec = schema.object(
    {
      targetRef: targetRefSchema(version),
      to: schema.array(to, { minItems: 1 }),
    },
    rest ? {} : { required: ['targetRef'] },
  );
  return resourceSchema('MeshTCPRoute', version, spec);
}
