import { describe, expect, it } from 'vitest';
import type { Mesh, MeshGateway, MeshGatewayListener } from '../types';
import { meshGatewayRuntimeWarnings } from './runtime-warnings';
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
