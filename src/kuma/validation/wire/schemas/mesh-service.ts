/**
 * The OpenAPI schema kuma-cp checks a MeshService body against on PUT (the REST item of
 * `rest.yaml`; MeshService arrived in 2.9). The read-only `status` and `snis` are part of it,
 * so a body that sends them back is checked against them too.
 */
import { isAtLeast, type KumaVersion } from '../../../version';
import { type StructuralSchema, schema } from '../structural';
import { resourceSchema } from './common';

const stringMap = () => schema.map(schema.string());

function spec(): StructuralSchema {
  return schema.object({
    identities: schema.array(
      schema.object(
        { type: schema.string({ enum: ['ServiceTag', 'SpiffeID'] }), value: schema.string() },
        { required: ['type', 'value'] },
      ),
    ),
    ports: schema.array(
      schema.object(
        {
          appProtocol: schema.string({ default: 'tcp' }),
          name: schema.string(),
          port: schema.int32(),
          targetPort: schema.intOrString(),
        },
        { required: ['port'] },
      ),
    ),
    selector: schema.object({
      dataplaneLabels: schema.object({ matchLabels: stringMap() }),
      dataplaneRef: schema.object({ name: schema.string() }),
      dataplaneTags: stringMap(),
    }),
    state: schema.string({ default: 'Unavailable', enum: ['Available', 'Unavailable'] }),
  });
}

function status(): StructuralSchema {
  const generatorRef = schema.object({ coreName: schema.string() }, { required: ['coreName'] });
  const condition = schema.object(
    {
      message: schema.string({ maxLength: 32768 }),
      reason: schema.string({
        minLength: 1,
        maxLength: 1024,
        pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$',
      }),
      status: schema.string({ enum: ['True', 'False', 'Unknown'] }),
      type: schema.string({
        maxLength: 316,
        pattern:
          '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
      }),
    },
    { required: ['message', 'reason', 'status', 'type'] },
  );
  return schema.object({
    addresses: schema.array(
      schema.object({
        hostname: schema.string(),
        hostnameGeneratorRef: generatorRef,
        origin: schema.string(),
      }),
    ),
    dataplaneProxies: schema.object({
      connected: schema.integer(),
      healthy: schema.integer(),
      total: schema.integer(),
    }),
    hostnameGenerators: schema.array(
      schema.object(
        { conditions: schema.array(condition), hostnameGeneratorRef: generatorRef },
        { required: ['hostnameGeneratorRef'] },
      ),
    ),
    tls: schema.object({ status: schema.string({ enum: ['Ready', 'NotReady'] }) }),
    vips: schema.array(schema.object({ ip: schema.string() })),
  });
}

export function meshServiceSchema(version: KumaVersion): StructuralSchema | undefined {
  if (!isAtLeast(version, 2, 9)) return undefined;
  return resourceSchema('MeshService', version, spec(), {
    snis: schema.array(
      schema.object({ port: schema.int32(), sni: schema.string() }, { required: ['port', 'sni'] }),
    ),
    status: status(),
  });
}
