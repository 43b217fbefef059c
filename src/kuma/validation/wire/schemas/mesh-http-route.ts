/**
 * The OpenAPI schema kuma-cp checks a MeshHTTPRoute body against on PUT: `schema.yaml` in 2.6,
 * the REST item of `rest.yaml` from 2.7 (`to[]` then requires `targetRef` and `rules`, and
 * `requestMirror.backendRef` gains `port` and `weight`).
 */
import type { KumaVersion } from '../../../version';
import { type StructuralSchema, schema } from '../structural';
import { backendRefSchema, resourceSchema, targetRefSchema, usesRestSchema } from './common';

/** RFC 7230 token characters, lower case (`\x60` is the backtick). */
const HEADER_NAME = schema.string({
  minLength: 1,
  maxLength: 256,
  pattern: "^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$",
});

const PRECISE_HOSTNAME = schema.string({
  minLength: 1,
  maxLength: 253,
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
});

function headerModifier(): StructuralSchema {
  const keyValue = schema.object(
    { name: HEADER_NAME, value: schema.string() },
    { required: ['name', 'value'] },
  );
  return schema.object({
    add: schema.array(keyValue, { maxItems: 16 }),
    remove: schema.array(schema.string(), { maxItems: 16 }),
    set: schema.array(keyValue, { maxItems: 16 }),
  });
}

function pathRewrite(): StructuralSchema {
  return schema.object(
    {
      replaceFullPath: schema.string(),
      replacePrefixMatch: schema.string(),
      type: schema.string({ enum: ['ReplaceFullPath', 'ReplacePrefixMatch'] }),
    },
    { required: ['type'] },
  );
}

function filter(version: KumaVersion): StructuralSchema {
  // 2.6 mirrors to a plain targetRef; later releases to a backendRef.
  const mirrorRef = usesRestSchema(version) ? backendRefSchema(version) : targetRefSchema(version);
  return schema.object(
    {
      requestHeaderModifier: headerModifier(),
      requestMirror: schema.object(
        { backendRef: mirrorRef, percentage: schema.intOrString() },
        { required: ['backendRef'] },
      ),
      requestRedirect: schema.object({
        hostname: PRECISE_HOSTNAME,
        path: pathRewrite(),
        port: schema.int32({ minimum: 1, maximum: 65535 }),
        scheme: schema.string({ enum: ['http', 'https'] }),
        statusCode: schema.integer({ default: 302, enum: [301, 302, 303, 307, 308] }),
      }),
      responseHeaderModifier: headerModifier(),
      type: schema.string({
        enum: [
          'RequestHeaderModifier',
          'ResponseHeaderModifier',
          'RequestRedirect',
          'URLRewrite',
          'RequestMirror',
        ],
      }),
      urlRewrite: schema.object({
        hostToBackendHostname: schema.boolean(),
        hostname: PRECISE_HOSTNAME,
        path: pathRewrite(),
      }),
    },
    { required: ['type'] },
  );
}

function match(): StructuralSchema {
  return schema.object({
    headers: schema.array(
      schema.object(
        {
          name: HEADER_NAME,
          type: schema.string({
            default: 'Exact',
            enum: ['Exact', 'Present', 'RegularExpression', 'Absent', 'Prefix'],
          }),
          value: schema.string(),
        },
        { required: ['name'] },
      ),
    ),
    method: schema.string({
      enum: ['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE'],
    }),
    path: schema.object(
      {
        type: schema.string({ enum: ['Exact', 'PathPrefix', 'RegularExpression'] }),
        value: schema.string({ minLength: 1 }),
      },
      { required: ['type', 'value'] },
    ),
    queryParams: schema.array(
      schema.object(
        {
          name: schema.string({ minLength: 1 }),
          type: schema.string({ enum: ['Exact', 'RegularExpression'] }),
          value: schema.string(),
        },
        { required: ['name', 'type', 'value'] },
      ),
    ),
  });
}

export function meshHttpRouteSchema(version: KumaVersion): StructuralSchema | undefined {
  const rule = schema.object(
    {
      default: schema.object({
        backendRefs: schema.array(backendRefSchema(version)),
        filters: schema.array(filter(version)),
      }),
      matches: schema.array(match(), { minItems: 1 }),
    },
    { required: ['default', 'matches'] },
  );
  const to = schema.object(
    {
      hostnames: schema.array(schema.string()),
      rules: schema.array(rule),
      targetRef: targetRefSchema(version),
    },
    usesRestSchema(version) ? { required: ['rules', 'targetRef'] } : {},
  );
  const spec = schema.object({
    targetRef: targetRefSchema(version),
    to: schema.array(to),
  });
  return resourceSchema('MeshHTTPRoute', version, spec);
}
