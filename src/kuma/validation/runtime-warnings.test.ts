import { describe, expect, it } from 'vitest';
import type { Mesh, MeshGateway, MeshGatewayListener } from '../types';
import { parseKumaVersion } from '../version';
import type { ValidationContext } from './context';
import type { MeshGatewayInstanceInput } from './mesh-gateway-instance';
import { meshGatewayInstanceRuntimeWarnings, meshGatewayRuntimeWarnings } from './runtime-warnings';
import type { Violation } from './violations';

const gateway = (...listeners: MeshGatewayListener[]): MeshGateway => ({
  type: 'MeshGateway',
  mesh: 'default',
  name: 'edge-gateway',
  selectors: [{ match: { 'kuma.io/service': 'edge-gateway' } }],
  conf: { listeners },
});

const mtlsMesh: Mesh = {
  type: 'Mesh',
  name: 'default',
  mtls: { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin' }] },
};
const plainMesh: Mesh = { type: 'Mesh', name: 'default' };

type Case = [description: string, gw: MeshGateway, mesh: Mesh | undefined, expected: Violation[]];

const clean: Case[] = [
  [
    'TLS listener with PASSTHROUGH',
    gateway({ port: 443, protocol: 'TLS', tls: { mode: 'PASSTHROUGH' } }),
    plainMesh,
    [],
  ],
  [
    'crossMesh HTTP listener in an mTLS mesh',
    gateway({ port: 8080, protocol: 'HTTP', crossMesh: true }),
    mtlsMesh,
    [],
  ],
  [
    'crossMesh listener when the mesh is unknown',
    gateway({ port: 8080, protocol: 'HTTP', crossMesh: true }),
    undefined,
    [],
  ],
  [
    'two different certificates',
    gateway({
      port: 443,
      protocol: 'HTTPS',
      tls: { mode: 'TERMINATE', certificates: [{ secret: 'rsa' }, { secret: 'ecdsa' }] },
    }),
    plainMesh,
    [],
  ],
];

const warned: Case[] = [
  [
    'TLS listener without tls',
    gateway({ port: 443, protocol: 'TLS' }),
    plainMesh,
    [{ field: 'conf.listeners[0].tls', message: 'unsupported TLS mode "NONE"' }],
  ],
  [
    'crossMesh listener in a mesh without mTLS',
    gateway({ port: 80, protocol: 'HTTP' }, { port: 8080, protocol: 'HTTP', crossMesh: true }),
    plainMesh,
    [
      {
        field: 'conf.listeners[1].crossMesh',
        message: 'mTLS must be enabled for crossMesh-enabled MeshGateways',
      },
    ],
  ],
  [
    'crossMesh on a TCP listener',
    gateway({ port: 6379, protocol: 'TCP', crossMesh: true }),
    mtlsMesh,
    [{ field: 'conf.listeners[0].protocol', message: 'protocol is not supported with crossMesh' }],
  ],
  [
    'the same certificate secret twice',
    gateway({
      port: 443,
      protocol: 'HTTPS',
      tls: { mode: 'TERMINATE', certificates: [{ secret: 'foo-cert' }, { secret: 'foo-cert' }] },
    }),
    plainMesh,
    [
      {
        field: 'conf.listeners[0].tls.certificates[1]',
        message: 'duplicate TLS certificate "foo-cert"',
      },
    ],
  ],
];

describe('meshGatewayRuntimeWarnings', () => {
  it.each(clean)('no warning: %s', (_description, gw, mesh, expected) => {
    expect(meshGatewayRuntimeWarnings(gw, mesh)).toEqual(expected);
  });

  it.each(warned)('warns: %s', (_description, gw, mesh, expected) => {
    expect(meshGatewayRuntimeWarnings(gw, mesh)).toEqual(expected);
  });

  it('does not throw on malformed input', () => {
    const broken = { conf: { listeners: [null, { tls: { certificates: [null, 'x'] } }] } };
    expect(() =>
      meshGatewayRuntimeWarnings(broken as unknown as MeshGateway, undefined),
    ).not.toThrow();
  });
});

describe('meshGatewayInstanceRuntimeWarnings', () => {
  const v = (raw: string): ValidationContext => ({
    version: parseKumaVersion(raw),
    environment: 'kubernetes',
  });
  const mgi = (spec: MeshGatewayInstanceInput['spec'] = {}): MeshGatewayInstanceInput => ({
    metadata: { name: 'edge', namespace: 'kuma-demo' },
    spec,
  });
  const selecting = (
    match: Record<string, string>,
    ...listeners: MeshGatewayListener[]
  ): MeshGateway => ({
    ...gateway(...(listeners.length > 0 ? listeners : [{ port: 80, protocol: 'HTTP' as const }])),
    selectors: [{ match }],
  });
  const noGatewayMatched = (service: string): Violation => ({
    field: '',
    message: `no selector of this MeshGateway matches kuma.io/service: ${service}, the service of the instance's Dataplanes: the control plane creates no Deployment or Service until one does (condition NoGatewayMatched)`,
  });

  type InstanceCase = [
    description: string,
    instance: MeshGatewayInstanceInput,
    gw: MeshGateway,
    ctx: ValidationContext,
    expected: Violation[],
  ];

  const clean: InstanceCase[] = [
    [
      'selector on the derived service (2.9+)',
      mgi(),
      selecting({ 'kuma.io/service': 'edge_kuma-demo_svc' }),
      v('2.14.3'),
      [],
    ],
    ['selector with a * service', mgi(), selecting({ 'kuma.io/service': '*' }), v('2.14.3'), []],
    [
      'selector on the service and an instance tag',
      mgi({ tags: { team: 'edge' } }),
      selecting({ 'kuma.io/service': 'edge_kuma-demo_svc', team: 'edge' }),
      v('2.14.3'),
      [],
    ],
    [
      'selector on an instance tag only',
      mgi({ tags: { team: 'edge' } }),
      selecting({ team: 'edge' }),
      v('2.14.3'),
      [],
    ],
    [
      'explicit service tag (2.7–2.8)',
      mgi({ tags: { 'kuma.io/service': 'edge' } }),
      selecting({ 'kuma.io/service': 'edge' }),
      v('2.8.0'),
      [],
    ],
    [
      'explicit service tag (2.6)',
      mgi({ tags: { 'kuma.io/service': 'edge' } }),
      selecting({ 'kuma.io/service': 'edge' }),
      v('2.6.15'),
      [],
    ],
    [
      'no service before 2.7 (the webhook rejects that: I2)',
      mgi(),
      selecting({ 'kuma.io/service': 'other' }),
      v('2.6.15'),
      [],
    ],
    [
      'NodePort with listener ports in the range',
      mgi({ serviceType: 'NodePort' }),
      selecting(
        { 'kuma.io/service': '*' },
        { port: 30000, protocol: 'HTTP' },
        { port: 32767, protocol: 'HTTP', hostname: 'a.example.com' },
      ),
      v('2.14.3'),
      [],
    ],
    [
      'LoadBalancer with any port',
      mgi({ serviceType: 'LoadBalancer' }),
      selecting({ 'kuma.io/service': '*' }),
      v('2.14.3'),
      [],
    ],
  ];

  const warned: InstanceCase[] = [
    [
      'selector on another service',
      mgi(),
      selecting({ 'kuma.io/service': 'edge' }),
      v('2.14.3'),
      [noGatewayMatched('edge_kuma-demo_svc')],
    ],
    [
      'selector on the service and a tag the instance lacks',
      mgi(),
      selecting({ 'kuma.io/service': 'edge_kuma-demo_svc', team: 'edge' }),
      v('2.14.3'),
      [noGatewayMatched('edge_kuma-demo_svc')],
    ],
    [
      'explicit service tag ignored from 2.9 (the webhook rejects it: I3)',
      mgi({ tags: { 'kuma.io/service': 'edge' } }),
      selecting({ 'kuma.io/service': 'edge' }),
      v('2.9.0'),
      [noGatewayMatched('edge_kuma-demo_svc')],
    ],
    [
      'NodePort with ports outside the range',
      mgi({ serviceType: 'NodePort' }),
      selecting(
        { 'kuma.io/service': '*' },
        { port: 80, protocol: 'HTTP' },
        { port: 80, protocol: 'HTTP', hostname: 'a.example.com' },
        { port: 40000, protocol: 'TCP' },
      ),
      v('2.14.3'),
      [
        {
          field: 'spec.serviceType',
          message:
            "with NodePort each listener port becomes the Service's nodePort: 80, 40000 are outside the default NodePort range 30000–32767",
        },
      ],
    ],
    [
      'NodePort with one port outside the range',
      mgi({ serviceType: 'NodePort' }),
      selecting({ 'kuma.io/service': '*' }, { port: 8080, protocol: 'HTTP' }),
      v('2.14.3'),
      [
        {
          field: 'spec.serviceType',
          message:
            "with NodePort each listener port becomes the Service's nodePort: 8080 is outside the default NodePort range 30000–32767",
        },
      ],
    ],
  ];

  it.each(clean)('no warning: %s', (_description, instance, gw, ctx, expected) => {
    expect(meshGatewayInstanceRuntimeWarnings(instance, gw, ctx)).toEqual(expected);
  });

  it.each(warned)('warns: %s', (_description, instance, gw, ctx, expected) => {
    expect(meshGatewayInstanceRuntimeWarnings(instance, gw, ctx)).toEqual(expected);
  });
});
