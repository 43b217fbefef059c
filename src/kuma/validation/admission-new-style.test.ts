/**
 * PUT bodies of the new-style kinds and kuma-cp's answers (2.6.15 and 2.14.3, as a real kuma-cp
 * gave them): schema violations (compared as sets, kube-openapi's order is random), Go decoding
 * errors, and the spec kuma-cp stores.
 */
import { describe, expect, it } from 'vitest';
import { parseKumaVersion } from '../version';
import { type AdmittedKind, admitResource } from './admission';

const v214 = { version: parseKumaVersion('2.14.3') };
const v26 = { version: parseKumaVersion('2.6.15') };

const route = (spec: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'MeshHTTPRoute',
  name: 'c1',
  mesh: 'default',
  spec,
  ...extra,
});

const mirror = (percentage: unknown) =>
  route({
    targetRef: { kind: 'Mesh' },
    to: [
      {
        targetRef: { kind: 'MeshService', name: 'x' },
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            default: {
              filters: [
                {
                  type: 'RequestMirror',
                  requestMirror: { backendRef: { kind: 'MeshService', name: 'x' }, percentage },
                },
              ],
            },
          },
        ],
      },
    ],
  });

const redirect = (requestRedirect: unknown) =>
  route({
    targetRef: { kind: 'Mesh' },
    to: [
      {
        targetRef: { kind: 'MeshService', name: 'x' },
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            default: { filters: [{ type: 'RequestRedirect', requestRedirect }] },
          },
        ],
      },
    ],
  });

const tcpRoute = (backendRef: Record<string, unknown>, targetRef: unknown = undefined) => ({
  type: 'MeshTCPRoute',
  name: 't1',
  mesh: 'default',
  spec: {
    targetRef: { kind: 'Mesh' },
    to: [
      {
        targetRef: targetRef ?? { kind: 'MeshService', name: 'x' },
        rules: [{ default: { backendRefs: [{ kind: 'MeshService', name: 'x', ...backendRef }] } }],
      },
    ],
  },
});

const P = 'spec.to[0].rules[0].default.filters[0]';
const PERCENTAGE = `${P}.requestMirror.percentage`;

type Violations = { field: string; message: string }[];
type SchemaCase = [description: string, kind: AdmittedKind, body: unknown, expected: Violations];

const schemaCases214: SchemaCase[] = [
  [
    'percentage of neither type (anyOf)',
    'MeshHTTPRoute',
    mirror(true),
    [
      { field: '', message: `"${PERCENTAGE}" must validate at least one schema (anyOf)` },
      { field: PERCENTAGE, message: 'in body must be of type integer: "boolean"' },
    ],
  ],
  [
    'a fractional percentage also fails the integer range check',
    'MeshHTTPRoute',
    mirror(1.5),
    [
      { field: '', message: `"${PERCENTAGE}" must validate at least one schema (anyOf)` },
      { field: PERCENTAGE, message: 'in body must be of type integer: "number"' },
      {
        field: '',
        message: `Checked value must be of type integer (default format) in ${PERCENTAGE}`,
      },
    ],
  ],
  [
    'a fractional statusCode matches the int64 enum once truncated',
    'MeshHTTPRoute',
    redirect({ statusCode: 302.5 }),
    [
      {
        field: `${P}.requestRedirect.statusCode`,
        message: 'in body must be of type integer: "number"',
      },
      {
        field: '',
        message: `Checked value must be of type integer (default format) in ${P}.requestRedirect.statusCode`,
      },
    ],
  ],
  [
    'an int32 port that is a float, a statusCode that is a string',
    'MeshHTTPRoute',
    redirect({ statusCode: '302', port: 1.5 }),
    [
      { field: `${P}.requestRedirect.port`, message: 'in body must be of type int32: "float64"' },
      {
        field: '',
        message: `Checked value must be of type integer with format int32 in ${P}.requestRedirect.port`,
      },
      {
        field: `${P}.requestRedirect.statusCode`,
        message: 'in body must be of type integer: "string"',
      },
      {
        field: `${P}.requestRedirect.statusCode`,
        message: 'in body should be one of [301 302 303 307 308]',
      },
    ],
  ],
  [
    'no spec',
    'MeshHTTPRoute',
    { type: 'MeshHTTPRoute', name: 'c1', mesh: 'default' },
    [{ field: '', message: '.spec in body is required' }],
  ],
  [
    'envelope fields of the wrong type',
    'MeshHTTPRoute',
    { type: 'Mesh', name: 5, mesh: 'default', spec: 'x' },
    [
      { field: '', message: 'name in body must be of type string: "number"' },
      { field: '', message: 'spec in body must be of type object: "string"' },
      { field: '', message: 'type in body should be one of [MeshHTTPRoute]' },
    ],
  ],
  [
    'labels, creationTime, minItems, pattern and required together',
    'MeshHTTPRoute',
    route(
      {
        targetRef: { kind: 'Mesh', proxyTypes: [] },
        to: [
          {
            targetRef: { kind: 'MeshService', name: 'a' },
            rules: [
              {
                matches: [],
                default: {
                  filters: [
                    {
                      type: 'RequestHeaderModifier',
                      requestHeaderModifier: { add: [{ name: 'X-A' }] },
                    },
                  ],
                },
              },
            ],
          },
        ],
      },
      { labels: { a: 1 }, creationTime: '2024-02-30T00:00:00Z' },
    ),
    [
      { field: '', message: 'labels.a in body must be of type string: "number"' },
      { field: 'spec.to[0].rules[0].matches', message: 'in body should have at least 1 items' },
      {
        field: `${P}.requestHeaderModifier.add[0].name`,
        message: "in body should match '^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$'",
      },
      { field: `${P}.requestHeaderModifier.add[0].value`, message: 'in body is required' },
      {
        field: '',
        message: 'creationTime in body must be of type date-time: "2024-02-30T00:00:00Z"',
      },
    ],
  ],
  [
    'a fractional weight',
    'MeshTCPRoute',
    tcpRoute({ weight: 1.5 }),
    [
      {
        field: 'spec.to[0].rules[0].default.backendRefs[0].weight',
        message: 'in body must be of type integer: "number"',
      },
      {
        field: '',
        message:
          'Checked value must be of type integer (default format) in spec.to[0].rules[0].default.backendRefs[0].weight',
      },
    ],
  ],
];

const schemaCases26: SchemaCase[] = [
  [
    'percentage of neither type: no range check in 2.6',
    'MeshHTTPRoute',
    mirror(1.5),
    [
      { field: '', message: `"${PERCENTAGE}" must validate at least one schema (anyOf)` },
      { field: PERCENTAGE, message: 'in body must be of type integer: "number"' },
    ],
  ],
  [
    'the float64 enum does not match a fractional statusCode',
    'MeshHTTPRoute',
    redirect({ statusCode: 302.5 }),
    [
      {
        field: `${P}.requestRedirect.statusCode`,
        message: 'in body must be of type integer: "number"',
      },
      {
        field: `${P}.requestRedirect.statusCode`,
        message: 'in body should be one of [301 302 303 307 308]',
      },
    ],
  ],
];

type MalformedCase = [description: string, kind: AdmittedKind, body: unknown, detail: string];

const malformed214: MalformedCase[] = [
  [
    'a negative backendRef port (the schema has no minimum)',
    'MeshTCPRoute',
    tcpRoute({ port: -2 }),
    'invalid MeshTCPRoute object: "json: cannot unmarshal number -2 into Go struct field BackendRef.spec.to.rules.default.backendRefs.port of type uint32"',
  ],
  [
    'a key that only matches a field case-insensitively',
    'MeshTCPRoute',
    tcpRoute({ Port: 'a' }),
    'invalid MeshTCPRoute object: "json: cannot unmarshal string into Go struct field BackendRef.spec.to.rules.default.backendRefs.port of type uint32"',
  ],
  [
    'a MeshService port given twice',
    'MeshService',
    {
      type: 'MeshService',
      name: 'x',
      mesh: 'default',
      spec: { state: 'Available', ports: [{ port: 80, Port: '5' }] },
    },
    'invalid MeshService object: "json: cannot unmarshal string into Go struct field Port.spec.ports.port of type int32"',
  ],
];

const tcpWithMeta = (meta: Record<string, unknown>) => ({ ...tcpRoute({}), ...meta });

const malformedBoth: MalformedCase[] = [
  [
    'a meta field spelled differently is still read into ResourceMeta',
    'MeshTCPRoute',
    tcpWithMeta({ Name: 5 }),
    'invalid MeshTCPRoute object: "json: cannot unmarshal number into Go struct field Resource.ResourceMeta.name of type string"',
  ],
  [
    'labels spelled differently',
    'MeshTCPRoute',
    tcpWithMeta({ Labels: { a: 1 } }),
    'invalid MeshTCPRoute object: "json: cannot unmarshal number into Go struct field Resource.ResourceMeta.labels of type string"',
  ],
  [
    'a promoted TargetRef field of a backendRef',
    'MeshTCPRoute',
    tcpRoute({ Kind: 5 }),
    'invalid MeshTCPRoute object: "json: cannot unmarshal number into Go struct field BackendRef.spec.to.rules.default.backendRefs.TargetRef.kind of type v1alpha1.TargetRefKind"',
  ],
];

const malformed26: MalformedCase[] = [
  [
    'a creationTime that is no string',
    'MeshTCPRoute',
    tcpWithMeta({ creationTime: 5 }),
    'invalid MeshTCPRoute object: "Time.UnmarshalJSON: input is not a JSON string"',
  ],
  [
    'a creationTime without a zone (2.14 refuses it in the schema)',
    'MeshTCPRoute',
    tcpWithMeta({ creationTime: '2024-01-01T00:00:00' }),
    'invalid MeshTCPRoute object: "parsing time \\"2024-01-01T00:00:00\\" as \\"2006-01-02T15:04:05Z07:00\\": cannot parse \\"\\" as \\"Z07:00\\""',
  ],
  [
    'a kind given as a number under another spelling',
    'MeshTCPRoute',
    tcpRoute({ weight: 1 }, { kind: 'MeshService', name: 'x', Kind: 5 }),
    'invalid MeshTCPRoute object: "json: cannot unmarshal number into Go struct field TargetRef.spec.to.targetRef.kind of type v1alpha1.TargetRefKind"',
  ],
  [
    'a negative weight under another spelling',
    'MeshTCPRoute',
    tcpRoute({ weight: 1, Weight: -1 }),
    'invalid MeshTCPRoute object: "json: cannot unmarshal number -1 into Go struct field BackendRef.spec.to.rules.default.backendRefs.weight of type uint"',
  ],
];

const storedRoute = {
  targetRef: { kind: 'Mesh' },
  to: [
    {
      targetRef: { kind: 'MeshService', name: 'a', extra: 1 },
      rules: [
        {
          matches: [{ headers: [{ name: 'x-a', value: 'b' }] }],
          default: {
            backendRefs: [{ kind: 'MeshService', name: 'a', Port: 8080 }],
            filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }],
          },
        },
      ],
    },
  ],
};

type StoredCase = [
  description: string,
  kind: AdmittedKind,
  ctx: typeof v214,
  body: unknown,
  spec: unknown,
];

const stored: StoredCase[] = [
  [
    '2.14 fills defaults, drops unknown fields, folds Port onto port',
    'MeshHTTPRoute',
    v214,
    route(storedRoute),
    {
      targetRef: { kind: 'Mesh' },
      to: [
        {
          targetRef: { kind: 'MeshService', name: 'a' },
          rules: [
            {
              matches: [{ headers: [{ type: 'Exact', name: 'x-a', value: 'b' }] }],
              default: {
                filters: [
                  {
                    type: 'RequestRedirect',
                    requestRedirect: { scheme: 'https', statusCode: 302 },
                  },
                ],
                backendRefs: [{ kind: 'MeshService', name: 'a', weight: 1, port: 8080 }],
              },
            },
          ],
        },
      ],
    },
  ],
  [
    '2.6 fills nothing in and has no backendRef port',
    'MeshHTTPRoute',
    v26,
    route(storedRoute),
    {
      targetRef: { kind: 'Mesh' },
      to: [
        {
          targetRef: { kind: 'MeshService', name: 'a' },
          rules: [
            {
              matches: [{ headers: [{ name: 'x-a', value: 'b' }] }],
              default: {
                filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }],
                backendRefs: [{ kind: 'MeshService', name: 'a' }],
              },
            },
          ],
        },
      ],
    },
  ],
  [
    '2.6 reads keys in the order sent: the later hostName wins',
    'MeshHTTPRoute',
    v26,
    redirect({ hostname: 'a.b', hostName: 'c.d' }),
    {
      targetRef: { kind: 'Mesh' },
      to: [
        {
          targetRef: { kind: 'MeshService', name: 'x' },
          rules: [
            {
              matches: [{ path: { value: '/', type: 'PathPrefix' } }],
              default: {
                filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'c.d' } }],
              },
            },
          ],
        },
      ],
    },
  ],
  [
    'a MeshService keeps its (empty) selector and gets its default state',
    'MeshService',
    v214,
    { type: 'MeshService', name: 'x', mesh: 'default', spec: {} },
    { state: 'Unavailable', selector: {} },
  ],
];

function sorted(violations: Violations): Violations {
  return [...violations].sort((a, b) =>
    `${a.field} ${a.message}`.localeCompare(`${b.field} ${b.message}`),
  );
}

describe('admitResource, new-style kinds', () => {
  it.each(schemaCases214)('2.14 schema: %s', (_description, kind, body, expected) => {
    const admission = admitResource(kind, body, v214);
    expect(admission.verdict).toBe('invalid');
    if (admission.verdict === 'invalid')
      expect(sorted(admission.violations)).toEqual(sorted(expected));
  });

  it.each(schemaCases26)('2.6 schema: %s', (_description, kind, body, expected) => {
    const admission = admitResource(kind, body, v26);
    expect(admission.verdict).toBe('invalid');
    if (admission.verdict === 'invalid')
      expect(sorted(admission.violations)).toEqual(sorted(expected));
  });

  it.each(malformed214)('2.14 Go decoding: %s', (_description, kind, body, detail) => {
    expect(admitResource(kind, body, v214)).toEqual({ verdict: 'malformed', detail });
  });

  it.each(malformedBoth)('Go decoding, 2.14 and 2.6: %s', (_description, kind, body, detail) => {
    expect(admitResource(kind, body, v214)).toEqual({ verdict: 'malformed', detail });
    expect(admitResource(kind, body, v26)).toEqual({ verdict: 'malformed', detail });
  });

  it.each(malformed26)('2.6 Go decoding: %s', (_description, kind, body, detail) => {
    expect(admitResource(kind, body, v26)).toEqual({ verdict: 'malformed', detail });
  });

  it.each(stored)('stored spec: %s', (_description, kind, ctx, body, spec) => {
    const admission = admitResource(kind, body, ctx);
    expect(admission.verdict).toBe('accepted');
    if (admission.verdict === 'accepted') expect(admission.resource.spec).toEqual(spec);
  });
});
