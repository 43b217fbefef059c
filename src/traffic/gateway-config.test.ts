import { describe, expect, it } from 'vitest';
import type { MeshGatewayListener, MeshHTTPRoute, MeshTCPRoute } from '../kuma/types';
import { type ConfigFailureKind, gatewayRouting } from './gateway-config';
import {
  edgeExample,
  httpRoute,
  meshGateway,
  meshSnapshot,
  prefixRule,
  tcpRoute,
} from './test-fixtures';

const TAGS = { 'kuma.io/service': 'gw' };

const listener = (
  port: number,
  name: string,
  extra: Partial<MeshGatewayListener> = {},
): MeshGatewayListener => ({ port, protocol: 'HTTP', tags: { listener: name }, ...extra });

const route = (name: string, listenerName: string): MeshHTTPRoute =>
  httpRoute(name, {
    targetRef: { kind: 'MeshGateway', name: 'gw', tags: { listener: listenerName } },
    to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/', 'app')] }],
  });

const tcp = (name: string, weight?: number): MeshTCPRoute =>
  tcpRoute(name, {
    targetRef: { kind: 'MeshGateway', name: 'gw', tags: { listener: 'redis' } },
    to: [
      {
        targetRef: { kind: 'Mesh' },
        rules: [
          {
            default: {
              backendRefs: [
                { kind: 'MeshService', name: 'redis', ...(weight === undefined ? {} : { weight }) },
              ],
            },
          },
        ],
      },
    ],
  });

const REDIS: MeshGatewayListener = { port: 6379, protocol: 'TCP', tags: { listener: 'redis' } };

describe('gatewayRouting: when kuma-cp can build a gateway (real-cp/debugger)', () => {
  it.each<{
    name: string;
    listeners: MeshGatewayListener[];
    http?: MeshHTTPRoute[];
    tcp?: MeshTCPRoute[];
    routed: boolean;
    failure?: ConfigFailureKind;
    port?: number;
    route?: string;
  }>([
    {
      name: 'no route anywhere: built the old way',
      listeners: [listener(80, 'a'), listener(81, 'b')],
      routed: false,
    },
    {
      name: 'every HTTP port routed',
      listeners: [listener(80, 'a'), listener(81, 'b')],
      http: [route('a', 'a'), route('b', 'b')],
      routed: true,
    },
    {
      name: 'an HTTP port without a virtual host',
      listeners: [listener(80, 'a'), listener(81, 'b')],
      http: [route('a', 'a')],
      routed: true,
      failure: 'http-port-without-virtual-host',
      port: 81,
    },
    {
      name: 'a cross-mesh HTTP port without a virtual host',
      listeners: [listener(80, 'a'), listener(81, 'b', { crossMesh: true, hostname: 'gw.mesh' })],
      http: [route('a', 'a')],
      routed: true,
      failure: 'http-port-without-virtual-host',
      port: 81,
    },
    {
      name: 'a routeless host on a port another listener serves',
      listeners: [
        listener(80, 'a', { hostname: 'a.example.com' }),
        listener(80, 'b', { hostname: 'b.example.com' }),
      ],
      http: [route('a', 'a')],
      routed: true,
    },
    {
      name: 'an HTTPS listener without a virtual host (only its handshake fails)',
      listeners: [
        listener(80, 'a'),
        listener(443, 'b', {
          protocol: 'HTTPS',
          hostname: 'b.example.com',
          tls: { mode: 'TERMINATE', certificates: [{ secret: 'b' }] },
        }),
      ],
      http: [route('a', 'a')],
      routed: true,
    },
    {
      name: 'only a TCP route: every HTTP port then needs one too',
      listeners: [listener(80, 'a'), REDIS],
      tcp: [tcp('redis', 1)],
      routed: true,
      failure: 'http-port-without-virtual-host',
      port: 80,
    },
    {
      name: 'a TCP route with weights',
      listeners: [listener(80, 'a'), REDIS],
      http: [route('a', 'a')],
      tcp: [tcp('redis', 1)],
      routed: true,
    },
    {
      name: 'a TCP backendRef without weight',
      listeners: [listener(80, 'a'), REDIS],
      http: [route('a', 'a')],
      tcp: [tcp('redis')],
      routed: true,
      failure: 'tcp-backend-without-weight',
      route: 'redis',
    },
  ])('$name', ({ listeners, http, tcp: tcpRoutes, routed, failure, port, route: routeName }) => {
    const gateway = meshGateway('gw', listeners);
    const result = gatewayRouting(
      meshSnapshot({ gateways: [gateway], httpRoutes: http ?? [], tcpRoutes: tcpRoutes ?? [] }),
      gateway,
      TAGS,
    );
    expect(result.routed).toBe(routed);
    expect(result.failure?.kind).toBe(failure);
    expect(result.failure?.port).toBe(port);
    expect(result.failure?.route?.name).toBe(routeName);
  });

  it('the §1.7 example is built: virtual hosts per HTTP listener, the TCP route carries redis', () => {
    const mesh = edgeExample();
    const result = gatewayRouting(mesh, mesh.gateways[0]!, { 'kuma.io/service': 'edge-gateway' });
    expect(result.failure).toBeUndefined();
    expect(
      result.listeners.map((entry) => entry.virtualHosts.map((host) => host.hostname)),
    ).toEqual([['dev.example.com', '*.example.com'], ['foo.example.com'], ['foo.example.com'], []]);
    expect(result.listeners[3]?.effectiveTcp?.name).toBe('edge-tcp');
  });
});
