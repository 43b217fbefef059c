import { describe, expect, it } from 'vitest';
import { parseKumaVersion } from '../version';
import type { ValidationContext } from './context';
import {
  type MeshGatewayInstanceInput,
  type MeshGatewayInstanceOptions,
  meshGatewayInstanceServiceTag,
  validateMeshGatewayInstance,
} from './mesh-gateway-instance';
import type { Violation } from './violations';

const v = (raw: string): ValidationContext => ({
  version: parseKumaVersion(raw),
  environment: 'kubernetes',
});

const mgi = (spec: MeshGatewayInstanceInput['spec']): MeshGatewayInstanceInput => ({
  metadata: { name: 'edge-gateway', namespace: 'kuma-demo' },
  spec,
});

type Case = [
  rule: string,
  description: string,
  input: MeshGatewayInstanceInput,
  ctx: ValidationContext,
  expected: Violation[],
  opts?: MeshGatewayInstanceOptions,
];

const valid: Case[] = [
  ['I1', 'zone control plane', mgi({ replicas: 1 }), v('2.14.0'), [], { controlPlaneMode: 'zone' }],
  ['I1', 'global before 2.8', mgi({}), v('2.7.0'), [], { controlPlaneMode: 'global' }],
  ['I2', '2.6 with the service tag', mgi({ tags: { 'kuma.io/service': 'edge' } }), v('2.6.15'), []],
  ['I2', '2.7 without tags', mgi({}), v('2.7.0'), []],
  ['I3', '2.9 with other tags', mgi({ tags: { team: 'edge' } }), v('2.9.0'), []],
  [
    'I5',
    'replicas and serviceType',
    mgi({ replicas: 2, serviceType: 'NodePort' }),
    v('2.14.0'),
    [],
  ],
];

const invalid: Case[] = [
  [
    'I1',
    'created on a global control plane',
    mgi({}),
    v('2.8.0'),
    [
      {
        field: '',
        message:
          "Operation not allowed. Kong Mesh resources like MeshGatewayInstance can be created only from the 'zone' control plane and not from a 'global' control plane.",
      },
    ],
    { controlPlaneMode: 'global', product: 'Kong Mesh' },
  ],
  [
    'I2',
    '2.6 without the service tag',
    mgi({}),
    v('2.6.15'),
    [{ field: 'tags', message: 'mandatory tag "kuma.io/service" is missing' }],
  ],
  [
    'I3',
    '2.9 with the service tag',
    mgi({ tags: { 'kuma.io/service': 'edge' } }),
    v('2.9.0'),
    [{ field: 'tags', message: '"kuma.io/service" must not be defined' }],
  ],
  [
    'I4',
    'a tag value with "/"',
    mgi({ tags: { team: 'a/b' } }),
    v('2.14.0'),
    [
      {
        field: 'tags["team"]',
        message: 'tag value must consist of alphanumeric characters, dots, dashes and underscores',
      },
    ],
  ],
  [
    'I5',
    'zero replicas',
    mgi({ replicas: 0 }),
    v('2.14.0'),
    [
      {
        field: 'spec.replicas',
        message: 'Invalid value: 0: spec.replicas in body should be greater than or equal to 1',
      },
    ],
  ],
  [
    'I5',
    'unknown serviceType',
    mgi({ serviceType: 'ExternalName' }),
    v('2.14.0'),
    [
      {
        field: 'spec.serviceType',
        message:
          'Unsupported value: "ExternalName": supported values: "LoadBalancer", "ClusterIP", "NodePort"',
      },
    ],
  ],
];

describe('validateMeshGatewayInstance', () => {
  it.each(valid)('%s valid: %s', (_rule, _description, input, ctx, expected, opts) => {
    expect(validateMeshGatewayInstance(input, ctx, opts)).toEqual(expected);
  });

  it.each(invalid)('%s invalid: %s', (_rule, _description, input, ctx, expected, opts) => {
    expect(validateMeshGatewayInstance(input, ctx, opts)).toEqual(expected);
  });
});

describe('meshGatewayInstanceServiceTag', () => {
  it.each<[version: string, tags: Record<string, string> | undefined, service: string | undefined]>(
    [
      ['2.6.15', { 'kuma.io/service': 'edge' }, 'edge'],
      ['2.6.15', undefined, undefined],
      ['2.6.15', { 'kuma.io/service': '' }, undefined],
      ['2.7.0', undefined, 'edge-gateway_kuma-demo_svc'],
      ['2.8.4', { 'kuma.io/service': 'edge' }, 'edge'],
      ['2.9.0', { 'kuma.io/service': 'edge' }, 'edge-gateway_kuma-demo_svc'],
      ['2.14.3', { team: 'a' }, 'edge-gateway_kuma-demo_svc'],
    ],
  )('%s with tags %j → %s', (version, tags, service) => {
    expect(meshGatewayInstanceServiceTag(mgi(tags ? { tags } : {}), v(version))).toBe(service);
  });
});
