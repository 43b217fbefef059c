import { describe, expect, it } from 'vitest';
import type { MeshHTTPRoute } from '../kuma/types';
import { listenerTagSet } from './gateway-binding';
import { indexedListeners } from './listener-selection';
import {
  type ListenerContext,
  routeFamilyForProtocol,
  routesForListener,
  routeTargetsGateway,
  sortRoutesForMerge,
} from './route-attachment';
import { edgeExample, httpRoute, meshSnapshot, prefixRule, tcpRoute } from './test-fixtures';

const mesh = edgeExample();
const gateway = mesh.gateways[0];
if (!gateway) throw new Error('fixture');
const listeners = indexedListeners(gateway);

function context(index: number): ListenerContext {
  const listener = listeners[index];
  if (!listener || !gateway) throw new Error('fixture');
  return {
    gateway,
    listener,
    tags: listenerTagSet({ 'kuma.io/service': 'edge-gateway' }, gateway, listener.listener),
    onPort: listeners.filter((l) => l.port === listener.port),
  };
}

describe('routeFamilyForProtocol', () => {
  it.each([
    { protocol: 'HTTP', family: 'http' },
    { protocol: 'HTTPS', family: 'http' },
    { protocol: 'TCP', family: 'tcp' },
    { protocol: 'TLS', family: 'tcp' },
    { protocol: 'NONE', family: undefined },
    { protocol: undefined, family: undefined },
  ])('$protocol → $family', ({ protocol, family }) => {
    expect(routeFamilyForProtocol(protocol)).toBe(family);
  });
});

describe('the §1.7 example: which routes attach to which listener', () => {
  it.each([
    { index: 0, name: 'http-wild', http: ['edge-http'], tcp: [] },
    { index: 1, name: 'http-foo', http: ['edge-http'], tcp: [] },
    { index: 2, name: 'https-foo', http: ['edge-http'], tcp: [] },
    { index: 3, name: 'tcp-redis', http: [], tcp: ['edge-tcp'] },
  ])('listener $name', ({ index, http, tcp }) => {
    const routes = routesForListener(mesh, context(index));
    expect(routes.attachedHttp.map((r) => r.name)).toEqual(http);
    expect(routes.attachedTcp.map((r) => r.name)).toEqual(tcp);
  });

  it('edge-tcp does not attach to HTTP listeners: its tags select tcp-redis only', () => {
    const outcome = routesForListener(mesh, context(0)).tcp[0];
    expect(outcome?.attached).toBe(false);
    expect(outcome?.problem).toBe('tags');
    expect(outcome?.reason).toContain('listener: tcp-redis');
  });

  it('the dev.example.com hostname only lands on the *.example.com listener', () => {
    const wild = routesForListener(mesh, context(0)).http[0];
    const foo = routesForListener(mesh, context(1)).http[0];
    expect(wild?.hostnames.map((h) => h.virtualHost)).toEqual(['*.example.com', 'dev.example.com']);
    expect(foo?.hostnames.map((h) => h.virtualHost)).toEqual(['foo.example.com', undefined]);
  });
});

describe('attachment failures', () => {
  const target = { kind: 'MeshGateway', name: 'edge-gateway' };
  it.each([
    {
      name: 'targetRef.tags not in the listener tag set',
      route: httpRoute('r', {
        targetRef: { ...target, tags: { port: 'http-9090' } },
        to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/', 'x')] }],
      }),
      problem: 'tags',
    },
    {
      name: 'no hostname intersects the listener',
      route: httpRoute('r', {
        targetRef: target,
        to: [
          {
            targetRef: { kind: 'Mesh' },
            hostnames: ['api.other.com'],
            rules: [prefixRule('/', 'x')],
          },
        ],
      }),
      problem: 'hostnames',
    },
    {
      name: 'example.com is not inside *.example.com',
      route: httpRoute('r', {
        targetRef: target,
        to: [
          {
            targetRef: { kind: 'Mesh' },
            hostnames: ['example.com'],
            rules: [prefixRule('/', 'x')],
          },
        ],
      }),
      problem: 'hostnames',
    },
    {
      name: 'to[].targetRef other than Mesh is ignored under a MeshGateway',
      route: httpRoute('r', {
        targetRef: target,
        to: [{ targetRef: { kind: 'MeshService', name: 'x' }, rules: [prefixRule('/', 'x')] }],
      }),
      problem: 'no-valid-to',
    },
    {
      name: 'targetRef tags may use *',
      route: httpRoute('r', {
        targetRef: { ...target, tags: { listener: '*' } },
        to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/', 'x')] }],
      }),
      problem: undefined,
    },
  ])('$name', ({ route, problem }) => {
    const routes = routesForListener(meshSnapshot({ httpRoutes: [route] }), context(0));
    expect(routes.http[0]?.problem).toBe(problem);
    expect(routes.http[0]?.attached).toBe(problem === undefined);
  });

  it('a MeshTCPRoute on an HTTP listener does nothing (protocol family)', () => {
    const route = tcpRoute('tcp-on-http', {
      targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
      to: [
        {
          targetRef: { kind: 'Mesh' },
          rules: [{ default: { backendRefs: [{ kind: 'MeshService', name: 'x' }] } }],
        },
      ],
    });
    const routes = routesForListener(meshSnapshot({ tcpRoutes: [route] }), context(0));
    expect(routes.tcp[0]?.problem).toBe('protocol');
    expect(routes.attachedTcp).toEqual([]);
  });

  it('routes for another gateway or mesh are not considered at all', () => {
    const other = httpRoute('other', { targetRef: { kind: 'MeshGateway', name: 'nope' }, to: [] });
    const otherMesh = httpRoute(
      'x',
      { targetRef: { kind: 'MeshGateway', name: 'edge-gateway' }, to: [] },
      'other',
    );
    expect(routeTargetsGateway(other, gateway)).toBe(false);
    expect(routeTargetsGateway(otherMesh, gateway)).toBe(false);
    expect(routesForListener(meshSnapshot({ httpRoutes: [other] }), context(0)).http).toEqual([]);
  });
});

describe('merge order (the winner of a conflict comes last)', () => {
  const route = (name: string, tags?: Record<string, string>): MeshHTTPRoute =>
    httpRoute(name, { targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags }, to: [] });
  // On a gateway listener kuma-cp applies routes by name and targetRef tags do not rank them
  // (real-cp/debugger compares this with the configuration a real kuma-cp generates).
  it.each([
    { routes: [route('b'), route('a')], expected: ['a', 'b'] },
    { routes: [route('a'), route('b')], expected: ['a', 'b'] },
    { routes: [route('a', { listener: 'http-wild' }), route('z')], expected: ['a', 'z'] },
    { routes: [route('z', { listener: 'http-wild' }), route('a')], expected: ['a', 'z'] },
    { routes: [route('a-2'), route('a-10'), route('a')], expected: ['a', 'a-10', 'a-2'] },
  ])('$expected', ({ routes, expected }) => {
    expect(sortRoutesForMerge(routes).map((r) => r.name)).toEqual(expected);
  });
});
