import { describe, expect, it } from 'vitest';
import type { BackendRef, MeshTCPRoute, MeshTCPRouteSpec, TargetRef } from '../types';
import { parseKumaVersion } from '../version';
import type { ValidationContext } from './context';
import { validateMeshTCPRoute } from './mesh-tcp-route';
import type { Violation } from './violations';

const v = (raw: string): ValidationContext => ({ version: parseKumaVersion(raw) });
const v212 = v('2.12.0');
const v213 = v('2.13.0');
const v214 = v('2.14.3');

const route = (spec: MeshTCPRouteSpec): MeshTCPRoute => ({
  type: 'MeshTCPRoute',
  mesh: 'default',
  name: 'edge-tcp',
  spec,
});

const gatewayRef: TargetRef = { kind: 'MeshGateway', name: 'edge-gateway' };

function gatewayRoute(
  backendRefs: BackendRef[] | undefined = [{ kind: 'MeshService', name: 'redis' }],
  top: TargetRef = gatewayRef,
  toRef: TargetRef = { kind: 'Mesh' },
): MeshTCPRoute {
  return route({
    targetRef: top,
    to: [{ targetRef: toRef, rules: [{ default: { backendRefs } }] }],
  });
}

const BR = 'spec.to[0].rules[0].default.backendRefs';

type Case = [
  rule: string,
  description: string,
  r: MeshTCPRoute,
  ctx: ValidationContext,
  expected: Violation[],
];

const valid: Case[] = [
  [
    'R4',
    'before 2.10 an empty proxyTypes list passes the validator',
    gatewayRoute(undefined, { kind: 'Mesh', proxyTypes: [] } as never, {
      kind: 'MeshService',
      name: 'redis',
    }),
    v('2.9.0'),
    [],
  ],
  ['R2', 'MeshGateway with a name', gatewayRoute(), v214, []],
  [
    'R5',
    'listener tags',
    gatewayRoute(undefined, { ...gatewayRef, tags: { listener: 'tcp-redis' } }),
    v214,
    [],
  ],
  ['R9', 'a rule with backendRefs', gatewayRoute(), v214, []],
  [
    'R10',
    'MeshServiceSubset backend',
    gatewayRoute([{ kind: 'MeshServiceSubset', name: 'redis', tags: { version: 'v1' } }]),
    v214,
    [],
  ],
];

const invalid: Case[] = [
  [
    'R4',
    '2.10+: an empty proxyTypes list with kind Mesh',
    gatewayRoute(undefined, { kind: 'Mesh', proxyTypes: [] } as never, {
      kind: 'MeshService',
      name: 'redis',
    }),
    v214,
    [
      {
        field: 'spec.targetRef.proxyTypes',
        message: 'must be undefined or have at least one element',
      },
    ],
  ],
  [
    'R2',
    'MeshGateway without name',
    gatewayRoute(undefined, { kind: 'MeshGateway' }),
    v213,
    [{ field: 'spec.targetRef.name', message: 'must be set with kind MeshGateway' }],
  ],
  [
    'R3',
    'name with "/"',
    gatewayRoute(undefined, { kind: 'MeshGateway', name: 'a/b' }),
    v214,
    [
      {
        field: 'spec.targetRef.name',
        message:
          "invalid characters: must consist of lower case alphanumeric characters, '-', '.' and '_'.",
      },
    ],
  ],
  [
    'R4',
    'sectionName with kind MeshGateway',
    gatewayRoute(undefined, { ...gatewayRef, sectionName: 'tcp' }),
    v214,
    [{ field: 'spec.targetRef.sectionName', message: 'must not be set with kind MeshGateway' }],
  ],
  [
    'R6',
    'to[].targetRef MeshService under a MeshGateway',
    gatewayRoute(undefined, gatewayRef, { kind: 'MeshService', name: 'redis' }),
    v212,
    [{ field: 'spec.to[0].targetRef.kind', message: 'value is not supported' }],
  ],
  [
    'R9',
    'a rule without backendRefs',
    gatewayRoute([]),
    v214,
    [{ field: BR, message: 'must be defined' }],
  ],
  [
    'R9',
    'a rule without default',
    route({ targetRef: gatewayRef, to: [{ targetRef: { kind: 'Mesh' }, rules: [{} as never] }] }),
    v214,
    [{ field: BR, message: 'must be defined' }],
  ],
  [
    'R10',
    'backendRef of kind Mesh',
    gatewayRoute([{ kind: 'Mesh' }]),
    v213,
    [{ field: `${BR}[0].kind`, message: "value 'Mesh' is not supported" }],
  ],
  [
    'R11',
    'MeshService without name or labels (2.14)',
    gatewayRoute([{ kind: 'MeshService', port: 6379 }]),
    v214,
    [{ field: `${BR}[0]`, message: 'name or labels must be set when kind is MeshService' }],
  ],
  [
    'R13',
    'MeshMultiZoneService without port',
    gatewayRoute([{ kind: 'MeshMultiZoneService', name: 'redis' }]),
    v214,
    [{ field: `${BR}[0].port`, message: 'must be defined with kind MeshMultiZoneService' }],
  ],
];

describe('validateMeshTCPRoute', () => {
  it.each(valid)('%s valid: %s', (_rule, _description, r, ctx, expected) => {
    expect(validateMeshTCPRoute(r, ctx)).toEqual(expected);
  });

  it.each(invalid)('%s invalid: %s', (_rule, _description, r, ctx, expected) => {
    expect(validateMeshTCPRoute(r, ctx)).toEqual(expected);
  });

  it('does not throw on malformed input', () => {
    const broken = { spec: { to: [{ rules: [{ default: { backendRefs: [null, 1] } }] }] } };
    expect(() => validateMeshTCPRoute(broken as unknown as MeshTCPRoute, v214)).not.toThrow();
  });
});
