import { describe, expect, it } from 'vitest';
import { resourceTypesFor } from '../resource-types';
import type {
  BackendRef,
  HttpRouteFilter,
  HttpRouteMatch,
  MeshHTTPRoute,
  MeshHTTPRouteSpec,
  TargetRef,
} from '../types';
import { parseKumaVersion } from '../version';
import type { ValidationContext } from './context';
import { MSG_DNS1123_SUBDOMAIN } from './hostname';
import { HEADER_NAME_PATTERN, validateMeshHTTPRoute } from './mesh-http-route';
import type { Violation } from './violations';
import { predictPut } from './write-request';

const v = (raw: string): ValidationContext => ({ version: parseKumaVersion(raw) });
const v26 = v('2.6.15');
const v27 = v('2.7.0');
const v28 = v('2.8.4');
const v29 = v('2.9.0');
const v212 = v('2.12.3');
const v213 = v('2.13.5');
const v214 = v('2.14.3');

const route = (spec: MeshHTTPRouteSpec): MeshHTTPRoute => ({
  type: 'MeshHTTPRoute',
  mesh: 'default',
  name: 'edge-http',
  spec,
});

const gatewayRef: TargetRef = { kind: 'MeshGateway', name: 'edge-gateway' };
const backend: BackendRef = { kind: 'MeshService', name: 'backend' };
const prefix = (value: string): HttpRouteMatch => ({ path: { type: 'PathPrefix', value } });

/** A route on a MeshGateway with one `to[]` entry and one rule. */
function gatewayRoute(
  rule: {
    matches?: HttpRouteMatch[];
    filters?: HttpRouteFilter[];
    backendRefs?: BackendRef[];
  } = {},
  top: TargetRef = gatewayRef,
  to: Partial<NonNullable<MeshHTTPRouteSpec['to']>[number]> = {},
): MeshHTTPRoute {
  const { matches = [prefix('/api')], filters, backendRefs = [backend] } = rule;
  return route({
    targetRef: top,
    to: [
      {
        targetRef: { kind: 'Mesh' },
        rules: [{ matches, default: { filters, backendRefs } }],
        ...to,
      },
    ],
  });
}

const R = 'spec.to[0].rules[0]';
const BR = `${R}.default.backendRefs`;
const F = `${R}.default.filters`;

type Case = [
  rule: string,
  description: string,
  r: MeshHTTPRoute,
  ctx: ValidationContext,
  expected: Violation[],
];

const valid: Case[] = [
  ['R2', 'MeshGateway with a name', gatewayRoute(), v214, []],
  [
    'R3',
    'name with lower case, digits, - . _',
    gatewayRoute({}, { kind: 'MeshGateway', name: 'edge_gw-1.a' }),
    v214,
    [],
  ],
  [
    'R4',
    'MeshGateway with only kind, name and tags',
    gatewayRoute({}, { ...gatewayRef, tags: { port: 'http' } }),
    v214,
    [],
  ],
  [
    'R5',
    '2.10+: listener tags with "/" and "*"',
    gatewayRoute({}, { ...gatewayRef, tags: { 'example.com/port': 'http/8080', env: '*' } }),
    v('2.10.0'),
    [],
  ],
  ['R6', 'to[].targetRef Mesh under a MeshGateway', gatewayRoute(), v214, []],
  [
    'R7',
    'hostnames under a MeshGateway',
    gatewayRoute({}, gatewayRef, { hostnames: ['dev.example.com', '*.example.com'] }),
    v214,
    [],
  ],
  [
    'R8',
    '2.7+: a redirect-only rule needs no backendRefs',
    gatewayRoute({
      backendRefs: [],
      filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }],
    }),
    v27,
    [],
  ],
  [
    'R8',
    'backendRefs are optional when not targeting a MeshGateway',
    route({
      targetRef: { kind: 'Mesh' },
      to: [{ targetRef: { kind: 'MeshService', name: 'backend' }, rules: [{ default: {} }] }],
    }),
    v214,
    [],
  ],
  [
    'R10',
    '2.9+: MeshExternalService and MeshMultiZoneService backends',
    gatewayRoute({
      backendRefs: [
        { kind: 'MeshExternalService', name: 'httpbin' },
        { kind: 'MeshMultiZoneService', name: 'backend', port: 8080 },
        { kind: 'MeshServiceSubset', name: 'backend', tags: { version: 'v2' } },
      ],
    }),
    v29,
    [],
  ],
  [
    'R11',
    'MeshService selected by labels',
    gatewayRoute({
      backendRefs: [
        { kind: 'MeshService', labels: { 'kuma.io/display-name': 'backend' }, port: 80 },
      ],
    }),
    v214,
    [],
  ],
  [
    'R11',
    'legacy kuma.io/service style name',
    gatewayRoute({ backendRefs: [{ kind: 'MeshService', name: 'demo-app_kuma-demo_svc_5050' }] }),
    v214,
    [],
  ],
  [
    'R11',
    'the unresolved-backend marker name',
    gatewayRoute({ backendRefs: [{ kind: 'MeshService', name: 'kuma.io/unresolved-backend' }] }),
    v214,
    [],
  ],
  [
    'R12',
    'real MeshService by name, namespace and port',
    gatewayRoute({
      backendRefs: [{ kind: 'MeshService', name: 'demo-app', namespace: 'kuma-demo', port: 5050 }],
    }),
    v214,
    [],
  ],
  [
    'R13',
    'MeshMultiZoneService with port',
    gatewayRoute({ backendRefs: [{ kind: 'MeshMultiZoneService', name: 'b', port: 80 }] }),
    v214,
    [],
  ],
  [
    'R14',
    'absolute paths',
    gatewayRoute({ matches: [prefix('/api'), { path: { type: 'Exact', value: '/healthz' } }] }),
    v214,
    [],
  ],
  [
    'R14',
    'regular expressions are not path-checked',
    gatewayRoute({ matches: [{ path: { type: 'RegularExpression', value: '.*' } }] }),
    v214,
    [],
  ],
  ['R15', 'PathPrefix "/"', gatewayRoute({ matches: [prefix('/')] }), v214, []],
  [
    'R16',
    'distinct query parameter names',
    gatewayRoute({
      matches: [
        {
          queryParams: [
            { type: 'Exact', name: 'a', value: '1' },
            { type: 'Exact', name: 'b', value: '2' },
          ],
        },
      ],
    }),
    v214,
    [],
  ],
  [
    'R17',
    'Present without a value, Exact with one',
    gatewayRoute({
      matches: [
        {
          headers: [
            { type: 'Present', name: 'x-a' },
            { type: 'Exact', name: 'x-b', value: 'v' },
            { name: 'x-c', value: 'v' },
          ],
        },
      ],
    }),
    v214,
    [],
  ],
  [
    'R18',
    'header modifier with an empty set list',
    gatewayRoute({
      filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [] } }],
    }),
    v214,
    [],
  ],
  [
    'R19',
    'distinct header names',
    gatewayRoute({
      filters: [
        {
          type: 'RequestHeaderModifier',
          requestHeaderModifier: {
            set: [{ name: 'x-a', value: '1' }],
            add: [{ name: 'x-b', value: '2' }],
            remove: ['x-c'],
          },
        },
      ],
    }),
    v214,
    [],
  ],
  [
    'R20',
    'replacePrefixMatch when every match is a PathPrefix',
    gatewayRoute({
      filters: [
        {
          type: 'URLRewrite',
          urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } },
        },
      ],
    }),
    v214,
    [],
  ],
  [
    'R20',
    'replacePrefixMatch without matches',
    gatewayRoute({
      matches: [],
      filters: [
        {
          type: 'RequestRedirect',
          requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } },
        },
      ],
    }),
    v214,
    [],
  ],
  [
    'R21',
    'redirect to a DNS name',
    gatewayRoute({
      filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'example.com' } }],
    }),
    v214,
    [],
  ],
  [
    'R22',
    'hostToBackendHostname on a MeshGateway route',
    gatewayRoute({
      filters: [{ type: 'URLRewrite', urlRewrite: { hostToBackendHostname: true } }],
    }),
    v214,
    [],
  ],
  [
    'R23',
    'RequestMirror with its block',
    gatewayRoute({
      filters: [
        {
          type: 'RequestMirror',
          requestMirror: { backendRef: { kind: 'MeshService', name: 'mirror' }, percentage: 10 },
        },
      ],
    }),
    v214,
    [],
  ],
  [
    'top',
    '2.9+: top-level targetRef may be omitted',
    route({ to: [{ targetRef: { kind: 'MeshService', name: 'backend' }, rules: [] }] }),
    v29,
    [],
  ],
];

const invalid: Case[] = [
  [
    'R2',
    'MeshGateway without name (2.13 wording)',
    gatewayRoute({}, { kind: 'MeshGateway' }),
    v213,
    [{ field: 'spec.targetRef.name', message: 'must be set with kind MeshGateway' }],
  ],
  [
    'R2',
    'MeshGateway without name (2.14 wording)',
    gatewayRoute({}, { kind: 'MeshGateway' }),
    v214,
    [{ field: 'spec.targetRef.name', message: 'must be set when kind is MeshGateway' }],
  ],
  [
    'R3',
    'name with upper case',
    gatewayRoute({}, { kind: 'MeshGateway', name: 'Edge' }),
    v214,
    [
      {
        field: 'spec.targetRef.name',
        message:
          "invalid characters: must consist of lower case alphanumeric characters, '-', '.' and '_'.",
      },
    ],
  ],
  ...(
    [
      ['mesh', { mesh: 'other' }],
      ['proxyTypes', { proxyTypes: ['Gateway'] }],
      ['labels', { labels: { a: 'b' } }],
      ['namespace', { namespace: 'kuma-system' }],
      ['sectionName', { sectionName: 'http' }],
    ] as Array<[string, Partial<TargetRef>]>
  ).map(
    ([field, extra]): Case => [
      'R4',
      `${field} with kind MeshGateway`,
      gatewayRoute({}, { ...gatewayRef, ...extra }),
      v214,
      [{ field: `spec.targetRef.${field}`, message: 'must not be set with kind MeshGateway' }],
    ],
  ),
  [
    'R5',
    'before 2.10: listener tag values with "/"',
    gatewayRoute({}, { ...gatewayRef, tags: { port: 'http/8080' } }),
    v29,
    [
      {
        field: 'spec.targetRef.tags["port"]',
        message: 'tag value must consist of alphanumeric characters, dots, dashes and underscores',
      },
    ],
  ],
  [
    'R5',
    '2.10+: a listener tag value with a space',
    gatewayRoute({}, { ...gatewayRef, tags: { port: 'http 8080' } }),
    v('2.10.0'),
    [
      {
        field: 'spec.targetRef.tags["port"]',
        message:
          'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"',
      },
    ],
  ],
  [
    'R5',
    'an empty listener tag name',
    gatewayRoute({}, { ...gatewayRef, tags: { '': 'x' } }),
    v214,
    [{ field: 'spec.targetRef.tags', message: 'tag name must be non-empty' }],
  ],
  [
    'R6',
    'to[].targetRef MeshService under a MeshGateway (≤2.12)',
    gatewayRoute({}, gatewayRef, { targetRef: { kind: 'MeshService', name: 'backend' } }),
    v212,
    [{ field: 'spec.to[0].targetRef.kind', message: 'value is not supported' }],
  ],
  [
    'R6',
    'to[].targetRef MeshService under a MeshGateway (2.13+)',
    gatewayRoute({}, gatewayRef, { targetRef: { kind: 'MeshService', name: 'backend' } }),
    v213,
    [{ field: 'spec.to[0].targetRef.kind', message: "value 'MeshService' is not supported" }],
  ],
  [
    'R6',
    'to[].targetRef without kind',
    gatewayRoute({}, gatewayRef, { targetRef: {} as TargetRef }),
    v214,
    [{ field: 'spec.to[0].targetRef.kind', message: 'must be defined' }],
  ],
  [
    'R6',
    'to[].targetRef Mesh with a name',
    gatewayRoute({}, gatewayRef, { targetRef: { kind: 'Mesh', name: 'default' } }),
    v214,
    [
      {
        field: 'spec.to[0].targetRef.name',
        message: 'using name with kind Mesh is not yet supported',
      },
    ],
  ],
  [
    'R7',
    'hostnames without a MeshGateway target',
    route({
      targetRef: { kind: 'Mesh' },
      to: [
        {
          targetRef: { kind: 'MeshService', name: 'backend' },
          hostnames: ['example.com'],
          rules: [{ default: { backendRefs: [backend] } }],
        },
      ],
    }),
    v214,
    [{ field: 'spec.to[0].hostnames', message: 'must not be defined' }],
  ],
  [
    'R8',
    'rule without backendRefs on a MeshGateway',
    gatewayRoute({ backendRefs: [] }),
    v214,
    [{ field: BR, message: 'must not be empty' }],
  ],
  [
    'R8',
    '2.6: even a redirect-only rule needs backendRefs',
    gatewayRoute({
      backendRefs: [],
      filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }],
    }),
    v26,
    [{ field: BR, message: 'must not be empty' }],
  ],
  [
    'R10',
    'backendRef kind MeshGateway (≤2.12)',
    gatewayRoute({ backendRefs: [{ kind: 'MeshGateway', name: 'x' }] }),
    v212,
    [{ field: `${BR}[0].kind`, message: 'value is not supported' }],
  ],
  [
    'R10',
    'backendRef kind MeshGateway (2.13+)',
    gatewayRoute({ backendRefs: [{ kind: 'MeshGateway', name: 'x' }] }),
    v213,
    [{ field: `${BR}[0].kind`, message: "value 'MeshGateway' is not supported" }],
  ],
  [
    'R10',
    'before 2.9: MeshExternalService backends',
    gatewayRoute({ backendRefs: [{ kind: 'MeshExternalService', name: 'httpbin' }] }),
    v28,
    [{ field: `${BR}[0].kind`, message: 'value is not supported' }],
  ],
  [
    'R10',
    'backendRef without kind',
    gatewayRoute({ backendRefs: [{ name: 'x' } as BackendRef] }),
    v214,
    [{ field: `${BR}[0].kind`, message: 'must be defined' }],
  ],
  [
    'R11',
    'MeshService without name or labels (2.13)',
    gatewayRoute({ backendRefs: [{ kind: 'MeshService', port: 80 }] }),
    v213,
    [{ field: `${BR}[0].name`, message: 'must be set with kind MeshService' }],
  ],
  [
    'R11',
    'MeshService without name or labels (2.14)',
    gatewayRoute({ backendRefs: [{ kind: 'MeshService', port: 80 }] }),
    v214,
    [{ field: `${BR}[0]`, message: 'name or labels must be set when kind is MeshService' }],
  ],
  [
    'R12',
    'labels together with name',
    gatewayRoute({
      backendRefs: [{ kind: 'MeshService', name: 'backend', labels: { app: 'b' }, port: 80 }],
    }),
    v214,
    [
      {
        field: `${BR}[0].labels`,
        message: 'either labels or name and namespace must be specified',
      },
    ],
  ],
  [
    'R13',
    'MeshMultiZoneService without port',
    gatewayRoute({ backendRefs: [{ kind: 'MeshMultiZoneService', name: 'backend' }] }),
    v214,
    [{ field: `${BR}[0].port`, message: 'must be defined with kind MeshMultiZoneService' }],
  ],
  [
    'R14',
    'relative Exact and PathPrefix paths',
    gatewayRoute({ matches: [{ path: { type: 'Exact', value: 'api' } }, prefix('api')] }),
    v214,
    [
      { field: `${R}.matches[0].path.value`, message: 'must be an absolute path' },
      { field: `${R}.matches[1].path.value`, message: 'must be an absolute path' },
    ],
  ],
  [
    'R15',
    'PathPrefix with a trailing slash',
    gatewayRoute({ matches: [prefix('/api/')] }),
    v214,
    [
      {
        field: `${R}.matches[0].path.value`,
        message:
          'does not need a trailing slash because only a `/`-separated prefix or an entire path is matched',
      },
    ],
  ],
  [
    'R16',
    'the same query parameter twice',
    gatewayRoute({
      matches: [
        {
          queryParams: [
            { type: 'Exact', name: 'q', value: '1' },
            { type: 'RegularExpression', name: 'q', value: '.*' },
          ],
        },
      ],
    }),
    v214,
    [{ field: `${R}.matches[0].queryParams[1].name`, message: 'multiple entries for name q' }],
  ],
  [
    'R17',
    'Present and Absent header matches with values',
    gatewayRoute({
      matches: [
        {
          headers: [
            { type: 'Present', name: 'x-a', value: 'v' },
            { type: 'Absent', name: 'x-b', value: 'v' },
          ],
        },
      ],
    }),
    v214,
    [
      { field: `${R}.matches[0].headers[0].value`, message: 'must not be defined' },
      { field: `${R}.matches[0].headers[1].value`, message: 'must not be defined' },
    ],
  ],
  [
    'R18',
    'header modifiers without set, add or remove',
    gatewayRoute({
      filters: [
        { type: 'RequestHeaderModifier', requestHeaderModifier: {} },
        { type: 'ResponseHeaderModifier', responseHeaderModifier: {} },
      ],
    }),
    v214,
    [
      {
        field: `${F}[0].requestHeaderModifier`,
        message: 'must have at least one defined: set, add, remove',
      },
      {
        field: `${F}[1].responseHeaderModifier`,
        message: 'must have at least one defined: set, add, remove',
      },
    ],
  ],
  [
    'R19',
    'a header named twice',
    gatewayRoute({
      filters: [
        {
          type: 'RequestHeaderModifier',
          requestHeaderModifier: {
            set: [{ name: 'x-a', value: '1' }],
            add: [{ name: 'x-a', value: '2' }],
            remove: ['x-a'],
          },
        },
      ],
    }),
    v214,
    [
      { field: `${F}[0].requestHeaderModifier.add[0].name`, message: 'duplicate header name' },
      { field: `${F}[0].requestHeaderModifier.remove[0].name`, message: 'duplicate header name' },
    ],
  ],
  [
    'R20',
    'replacePrefixMatch with an Exact match',
    gatewayRoute({
      matches: [prefix('/a'), { path: { type: 'Exact', value: '/b' } }],
      filters: [
        {
          type: 'RequestRedirect',
          requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } },
        },
        {
          type: 'URLRewrite',
          urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } },
        },
      ],
    }),
    v214,
    [
      {
        field: `${F}[0].requestRedirect.path.replacePrefixMatch`,
        message: 'can only appear if all matches match a path prefix',
      },
      {
        field: `${F}[1].urlRewrite.path.replacePrefixMatch`,
        message: 'can only appear if all matches match a path prefix',
      },
    ],
  ],
  [
    'R21',
    'redirect to an IP address',
    gatewayRoute({
      filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: '10.0.0.1' } }],
    }),
    v214,
    [{ field: `${F}[0].requestRedirect.hostname`, message: 'cannot be an IP address' }],
  ],
  [
    'R21',
    'rewrite to a hostname with upper case',
    gatewayRoute({ filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'Example.com' } }] }),
    v214,
    [{ field: `${F}[0].urlRewrite.hostname`, message: MSG_DNS1123_SUBDOMAIN }],
  ],
  [
    'R22',
    'hostToBackendHostname without a MeshGateway target',
    route({
      targetRef: { kind: 'Mesh' },
      to: [
        {
          targetRef: { kind: 'MeshService', name: 'backend' },
          rules: [
            {
              default: {
                filters: [{ type: 'URLRewrite', urlRewrite: { hostToBackendHostname: true } }],
              },
            },
          ],
        },
      ],
    }),
    v214,
    [
      {
        field: `${F}[0].urlRewrite.hostToBackendHostname`,
        message: 'can only be set with MeshGateway',
      },
    ],
  ],
  [
    'R22',
    'hostToBackendHostname together with hostname',
    gatewayRoute({
      filters: [
        {
          type: 'URLRewrite',
          urlRewrite: { hostToBackendHostname: true, hostname: 'example.com' },
        },
      ],
    }),
    v214,
    [
      {
        field: `${F}[0].urlRewrite.hostToBackendHostname`,
        message: 'cannot be set together with hostname',
      },
    ],
  ],
  [
    'R23',
    'filter types without their blocks',
    gatewayRoute({
      filters: (
        [
          'RequestHeaderModifier',
          'ResponseHeaderModifier',
          'RequestRedirect',
          'URLRewrite',
          'RequestMirror',
        ] as const
      ).map((type) => ({ type })),
    }),
    v214,
    [
      { field: `${F}[0].requestHeaderModifier`, message: 'must be defined' },
      { field: `${F}[1].responseHeaderModifier`, message: 'must be defined' },
      { field: `${F}[2].requestRedirect`, message: 'must be defined' },
      { field: `${F}[3].urlRewrite`, message: 'must be defined' },
      { field: `${F}[4].requestMirror`, message: 'must be defined' },
    ],
  ],
  [
    'R23',
    'RequestMirror to an unsupported kind',
    gatewayRoute({
      filters: [
        {
          type: 'RequestMirror',
          requestMirror: { backendRef: { kind: 'MeshExternalService', name: 'x' } },
        },
      ],
    }),
    v214,
    [
      {
        field: `${F}[0].requestMirror.backendRef.kind`,
        message: "value 'MeshExternalService' is not supported",
      },
    ],
  ],
  [
    'top',
    'before 2.9: top-level targetRef is required',
    route({ to: [{ targetRef: { kind: 'MeshService', name: 'backend' }, rules: [] }] }),
    v28,
    [{ field: 'spec.targetRef.kind', message: 'must be defined' }],
  ],
  [
    'top',
    'top-level kind Dataplane before 2.10',
    route({ targetRef: { kind: 'Dataplane', name: 'dp-1' }, to: [] }),
    v29,
    [{ field: 'spec.targetRef.kind', message: 'value is not supported' }],
  ],
];

/** CRD schema constraints on matches, with the schema validator's wording (every version). */
const M = `${R}.matches[0]`;
const onlyMatch = (match: HttpRouteMatch) => gatewayRoute({ matches: [match] });
const header = (name: string): HttpRouteMatch => ({
  headers: [{ type: 'Exact', name, value: '1' }],
});
const query = (name: string): HttpRouteMatch => ({
  queryParams: [{ type: 'Exact', name, value: '1' }],
});
const regex = (value: string): HttpRouteMatch => ({ path: { type: 'RegularExpression', value } });

const schemaValid: Array<[description: string, r: MeshHTTPRoute]> = [
  ['lower-case header name', onlyMatch(header('x-version'))],
  ["header name with every token symbol !#$%&'*+-.^_`|~", onlyMatch(header("a!#$%&'*+-.^_`|~9"))],
  ['query parameter name', onlyMatch(query('q'))],
  ['regular-expression path', onlyMatch(regex('^/api/v[0-9]+'))],
  // minLength is about regular expressions here; other empty paths fail R14 instead.
  ['no path', onlyMatch({ method: 'GET' })],
];

const schemaInvalid: Array<[description: string, r: MeshHTTPRoute, expected: Violation[]]> = [
  [
    'header name with upper case',
    onlyMatch(header('X-Version')),
    [
      {
        field: `${M}.headers[0].name`,
        message: `Invalid value: "X-Version": ${M}.headers[0].name in body should match '${HEADER_NAME_PATTERN}'`,
      },
    ],
  ],
  [
    'header name with spaces',
    onlyMatch(header('X Bad Header')),
    [
      {
        field: `${M}.headers[0].name`,
        message: `Invalid value: "X Bad Header": ${M}.headers[0].name in body should match '${HEADER_NAME_PATTERN}'`,
      },
    ],
  ],
  [
    'empty header name',
    onlyMatch(header('')),
    [
      {
        field: `${M}.headers[0].name`,
        message: `Invalid value: "": ${M}.headers[0].name in body should be at least 1 chars long`,
      },
    ],
  ],
  [
    'empty query parameter name',
    onlyMatch(query('')),
    [
      {
        field: `${M}.queryParams[0].name`,
        message: `Invalid value: "": ${M}.queryParams[0].name in body should be at least 1 chars long`,
      },
    ],
  ],
  [
    'empty regular-expression path',
    onlyMatch(regex('')),
    [
      {
        field: `${M}.path.value`,
        message: `Invalid value: "": ${M}.path.value in body should be at least 1 chars long`,
      },
    ],
  ],
  [
    'the second of two matches, before the Go rules of that match',
    gatewayRoute({
      matches: [prefix('/api'), { path: { type: 'Exact', value: 'api' }, ...header('A') }],
    }),
    [
      {
        field: `${R}.matches[1].headers[0].name`,
        message: `Invalid value: "A": ${R}.matches[1].headers[0].name in body should match '${HEADER_NAME_PATTERN}'`,
      },
      { field: `${R}.matches[1].path.value`, message: 'must be an absolute path' },
    ],
  ],
];

describe('validateMeshHTTPRoute schema constraints', () => {
  it.each(schemaValid)('valid: %s', (_description, r) => {
    for (const ctx of [v26, v214]) expect(validateMeshHTTPRoute(r, ctx)).toEqual([]);
  });

  it.each(schemaInvalid)('invalid: %s', (_description, r, expected) => {
    for (const ctx of [v26, v214]) expect(validateMeshHTTPRoute(r, ctx)).toEqual(expected);
  });
});

describe('validateMeshHTTPRoute', () => {
  it.each(valid)('%s valid: %s', (_rule, _description, r, ctx, expected) => {
    expect(validateMeshHTTPRoute(r, ctx)).toEqual(expected);
  });

  it.each(invalid)('%s invalid: %s', (_rule, _description, r, ctx, expected) => {
    expect(validateMeshHTTPRoute(r, ctx)).toEqual(expected);
  });

  it('orders per to[]: targetRef, rules (matches, filters, backendRefs), hostnames', () => {
    const r = route({
      targetRef: { kind: 'Mesh' },
      to: [
        {
          targetRef: { kind: 'Mesh' },
          hostnames: ['a.com'],
          rules: [
            {
              matches: [prefix('a')],
              default: {
                filters: [{ type: 'URLRewrite' }],
                backendRefs: [{ kind: 'MeshGateway', name: 'x' }],
              },
            },
          ],
        },
      ],
    });
    expect(validateMeshHTTPRoute(r, v214).map((x) => x.field)).toEqual([
      'spec.to[0].targetRef.kind',
      `${R}.matches[0].path.value`,
      `${F}[0].urlRewrite`,
      `${BR}[0].kind`,
      'spec.to[0].hostnames',
    ]);
  });

  it('accepts the documented gateway route', () => {
    const r = route({
      targetRef: gatewayRef,
      to: [
        {
          targetRef: { kind: 'Mesh' },
          rules: [
            { matches: [prefix('/api')], default: { backendRefs: [backend] } },
            {
              matches: [prefix('/')],
              default: { backendRefs: [{ kind: 'MeshService', name: 'frontend', port: 8080 }] },
            },
          ],
        },
        {
          targetRef: { kind: 'Mesh' },
          hostnames: ['dev.example.com'],
          rules: [
            {
              matches: [prefix('/')],
              default: {
                backendRefs: [{ kind: 'MeshService', name: 'frontend-dev', weight: 100 }],
              },
            },
          ],
        },
      ],
    });
    for (const ctx of [v26, v29, v214]) {
      expect(validateMeshHTTPRoute(r, ctx)).toEqual([]);
    }
  });

  it('does not throw on malformed input', () => {
    const broken = {
      type: 'MeshHTTPRoute',
      spec: {
        targetRef: 'x',
        to: [
          null,
          {
            rules: [
              null,
              { matches: 'x', default: { filters: [null, { type: 'URLRewrite', urlRewrite: 3 }] } },
            ],
          },
        ],
      },
    } as unknown as MeshHTTPRoute;
    expect(() => validateMeshHTTPRoute(broken, v214)).not.toThrow();
    expect(() => validateMeshHTTPRoute({} as MeshHTTPRoute, v214)).not.toThrow();
  });
});

describe('route regexes: kuma-cp checks none of them', () => {
  // validation.go passes RegularExpression values through (`case RegularExpression: break`,
  // v2.14.3 lines 144 and 180, 2.6.15 lines 115 and 151): a real kuma-cp 2.14.3 and 2.6.15 both
  // answered 201 to this body and stored it as sent, so the demo's PUT must accept it too.
  const invalid = gatewayRoute({
    matches: [
      {
        path: { type: 'RegularExpression', value: '/(a)\\1(?=x)([' },
        headers: [{ type: 'RegularExpression', name: 'x-env', value: 'a**' }],
        queryParams: [{ type: 'RegularExpression', name: 'v', value: '(?<=a)' }],
      },
    ],
  });

  it.each(['2.6.15', '2.14.3'])('the PUT is accepted, as by kuma-cp %s', (version) => {
    const ctx = v(version);
    expect(validateMeshHTTPRoute(invalid, ctx)).toEqual([]);
    const type = resourceTypesFor(ctx.version).find((t) => t.name === 'MeshHTTPRoute');
    if (!type) throw new Error('no MeshHTTPRoute type');
    const target = {
      version: ctx.version,
      environment: 'universal' as const,
      mode: 'standalone' as const,
      federatedZone: false,
      zoneName: '',
    };
    const request = { type, mesh: 'default', name: 'edge-http', creating: true };
    expect(predictPut('MeshHTTPRoute', invalid, request, target)).toMatchObject({
      accepted: true,
    });
  });
});
