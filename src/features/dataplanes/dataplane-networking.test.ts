import { describe, expect, it } from 'vitest';
import type { DataplaneNetworking, MeshGateway } from '../../kuma/types';
import {
  backendRefLabel,
  gatewayBinding,
  gatewayInfo,
  inboundRows,
  outboundRows,
} from './dataplane-networking';

describe('inboundRows', () => {
  it.each<[string, DataplaneNetworking['inbound'], object]>([
    [
      'a ready HTTP inbound',
      [
        {
          port: 18080,
          servicePort: 8080,
          tags: { 'kuma.io/service': 'web', 'kuma.io/protocol': 'http' },
          health: { ready: true },
        },
      ],
      {
        port: 18080,
        servicePort: 8080,
        service: 'web',
        protocol: 'http',
        health: 'ready',
        healthReported: true,
      },
    ],
    [
      'no health reported counts as ready',
      [{ port: 1, tags: { 'kuma.io/service': 'tcp' } }],
      { health: 'ready', healthReported: false, protocol: undefined },
    ],
    [
      'health.ready false',
      [{ port: 1, health: { ready: false } }],
      { health: 'not-ready', healthReported: true },
    ],
    [
      'state NotReady wins over health',
      [{ port: 1, health: { ready: true }, state: 'NotReady' }],
      { health: 'not-ready', state: 'NotReady' },
    ],
    [
      'junk tags are dropped',
      [{ port: 1, tags: { good: 'yes', bad: 3 } as unknown as Record<string, string> }],
      { tags: { good: 'yes' }, service: undefined },
    ],
  ])('%s', (_label, inbound, expected) => {
    expect(inboundRows({ inbound })[0]).toMatchObject(expected);
  });

  it('is empty for a gateway', () => {
    expect(inboundRows({ gateway: { tags: {} } })).toEqual([]);
  });
});

describe('outboundRows', () => {
  it.each<[string, NonNullable<DataplaneNetworking['outbound']>[number], object]>([
    [
      'a service tag',
      { port: 10001, address: '127.0.0.1', tags: { 'kuma.io/service': 'backend' } },
      { port: 10001, address: '127.0.0.1', target: 'backend', targetKind: 'service' },
    ],
    [
      'a backendRef',
      {
        port: 10003,
        address: '127.0.0.1',
        backendRef: { kind: 'MeshService', name: 'checkout', port: 8080 },
      },
      { target: 'MeshService checkout:8080', targetKind: 'backendRef' },
    ],
    [
      'other tags only',
      { port: 1, tags: { app: 'x', env: 'prod' } },
      { target: 'app=x, env=prod', targetKind: 'tags' },
    ],
    ['nothing', { port: 1 }, { target: 'unknown', targetKind: 'unknown' }],
  ])('%s', (_label, outbound, expected) => {
    expect(outboundRows({ outbound: [outbound] })[0]).toMatchObject(expected);
  });
});

describe('backendRefLabel', () => {
  it.each([
    [{ kind: 'MeshService', name: 'a' }, 'MeshService a'],
    [{ kind: 'MeshService', name: 'a', namespace: 'ns', port: 80 }, 'MeshService a.ns:80'],
    [{ kind: 'MeshService', labels: { app: 'a' } }, 'MeshService app=a'],
  ])('%j → %s', (ref, expected) => {
    expect(backendRefLabel(ref)).toBe(expected);
  });
});

describe('gatewayInfo', () => {
  it.each<[string, DataplaneNetworking, ReturnType<typeof gatewayInfo>]>([
    ['a sidecar', { inbound: [] }, undefined],
    [
      'BUILTIN',
      { gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': 'edge' } } },
      { type: 'BUILTIN', tags: { 'kuma.io/service': 'edge' }, service: 'edge' },
    ],
    [
      'no type means DELEGATED',
      { gateway: { tags: { 'kuma.io/service': 'kong' } } },
      { type: 'DELEGATED', tags: { 'kuma.io/service': 'kong' }, service: 'kong' },
    ],
    ['no tags', { gateway: {} }, { type: 'DELEGATED', tags: {}, service: undefined }],
  ])('%s', (_label, networking, expected) => {
    expect(gatewayInfo(networking)).toEqual(expected);
  });
});

describe('gatewayBinding', () => {
  const gateway = (name: string, match: Record<string, string>, creationTime?: string) =>
    ({
      type: 'MeshGateway',
      mesh: 'default',
      name,
      selectors: [{ match }],
      creationTime,
    }) as MeshGateway;
  const edge = gateway('edge', { 'kuma.io/service': 'edge' });
  const wide = gateway('any-edge', { 'kuma.io/service': '*' });
  const other = gateway('other', { 'kuma.io/service': 'other' });

  it.each([
    ['no gateways', [], undefined, []],
    ['one match', [edge, other], 'edge', []],
    ['the most specific wins', [wide, edge, other], 'edge', ['any-edge']],
    ['no match', [other], undefined, []],
  ] as const)('%s', (_label, gateways, bound, others) => {
    const binding = gatewayBinding(gateways, { 'kuma.io/service': 'edge' });
    expect(binding.bound?.name).toBe(bound);
    expect(binding.others.map((entry) => entry.name)).toEqual(others);
  });
});
