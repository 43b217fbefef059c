import { describe, expect, it } from 'vitest';
import type { MeshGatewayListener, MeshHTTPRoute } from '../../kuma/types';
import { NO_ROUTES_MESSAGE } from '../../traffic/evaluate-request';
import {
  builtinGatewayDp,
  edgeExample,
  httpRoute,
  meshGateway,
  meshSnapshot,
  prefixRule,
  sidecarDp,
  tcpRoute,
} from '../../traffic/test-fixtures';
import {
  expectFailing,
  expectHealthy,
  type FailingCase,
  findingsOf,
  type HealthyCase,
  healthyMesh,
} from '../test-fixtures';

const edge = { type: 'MeshGateway', mesh: 'default', name: 'edge-gateway' };

function route(name: string, tags?: Record<string, string>, hostnames?: string[]): MeshHTTPRoute {
  return httpRoute(name, {
    targetRef: { kind: 'MeshGateway', name: 'edge-gateway', ...(tags ? { tags } : {}) },
    to: [
      {
        targetRef: { kind: 'Mesh' },
        ...(hostnames ? { hostnames } : {}),
        rules: [prefixRule('/', 'app')],
      },
    ],
  });
}

function gatewayMesh(listeners: MeshGatewayListener[], routes: MeshHTTPRoute[]) {
  return meshSnapshot({
    gateways: [meshGateway('edge-gateway', listeners)],
    dataplanes: [
      builtinGatewayDp('edge-gateway-1', { 'kuma.io/service': 'edge-gateway' }),
      sidecarDp('app-1', [{ service: 'app' }]),
    ],
    httpRoutes: routes,
  });
}

/** The docs' "isolated listeners" example: the route only selects the wildcard listener. */
function isolatedListeners(routeTags?: Record<string, string>) {
  return gatewayMesh(
    [
      { port: 8080, protocol: 'HTTP', hostname: 'foo.example.com', tags: { hostname: 'foo' } },
      { port: 8080, protocol: 'HTTP', hostname: '*.example.com', tags: { hostname: 'wild' } },
    ],
    [route('http-route', routeTags)],
  );
}

const failing: FailingCase[] = [
  {
    name: 'no route attaches to the gateway at all: Kuma builds it without routes',
    meshes: () =>
      gatewayMesh(
        [
          {
            port: 8081,
            protocol: 'HTTP',
            hostname: 'admin.example.com',
            tags: { listener: 'admin' },
          },
        ],
        [route('public', { listener: 'public' })],
      ),
    rule: 'listener-without-routes',
    severity: 'error',
    subject: edge,
    idEndsWith: ':listener-0',
    evidence: [
      'No MeshHTTPRoute attaches to listener #0 (HTTP :8081, hostname admin.example.com), whose tag set is {kuma.io/service: edge-gateway, listener: admin}',
      'MeshHTTPRoute "public" selects listeners with tags {listener: public}',
    ],
    symptom: `404 "${NO_ROUTES_MESSAGE}" for every request on port 8081 for host admin.example.com`,
    fixAction: {
      kind: 'edit-route',
      mesh: 'default',
      name: 'public',
      routeKind: 'http',
      gateway: 'edge-gateway',
    },
  },
  {
    name: 'an HTTP host next to a routed listener on its port: Envoy’s own 404',
    meshes: () =>
      gatewayMesh(
        [
          {
            port: 8080,
            protocol: 'HTTP',
            hostname: 'shop.example.com',
            tags: { listener: 'shop' },
          },
          {
            port: 8080,
            protocol: 'HTTP',
            hostname: 'admin.example.com',
            tags: { listener: 'admin' },
          },
        ],
        [route('shop', { listener: 'shop' })],
      ),
    rule: 'listener-without-routes',
    severity: 'error',
    subject: edge,
    idEndsWith: ':listener-1',
    evidence: ['MeshHTTPRoute "shop" selects listeners with tags {listener: shop}'],
    symptom: /^Envoy's own empty 404 .* on port 8080 for host admin\.example\.com/,
    fixAction: {
      kind: 'new-route',
      mesh: 'default',
      name: 'edge-gateway',
      listenerIndex: 1,
      routeKind: 'http',
    },
  },
  {
    name: 'an HTTPS listener without a route on a routed gateway: the TLS handshake fails',
    meshes: () =>
      gatewayMesh(
        [
          { port: 8080, protocol: 'HTTP', tags: { listener: 'public' } },
          {
            port: 8443,
            protocol: 'HTTPS',
            hostname: 'secure.example.com',
            tls: { mode: 'TERMINATE', certificates: [{ secret: 'secure-cert' }] },
            tags: { listener: 'secure' },
          },
        ],
        [route('public', { listener: 'public' })],
      ),
    rule: 'listener-without-routes',
    severity: 'error',
    subject: edge,
    idEndsWith: ':listener-1',
    evidence: [
      'No MeshHTTPRoute attaches to listener #1 (HTTPS :8443, hostname secure.example.com)',
    ],
    symptom: /^TLS handshakes on port 8443 for host secure\.example\.com fail/,
  },
  {
    name: 'a TCP listener with only a MeshHTTPRoute',
    meshes: () =>
      gatewayMesh(
        [{ port: 6379, protocol: 'TCP', tags: { listener: 'redis' } }],
        [route('wrong-kind')],
      ),
    rule: 'listener-without-routes',
    severity: 'error',
    subject: edge,
    idEndsWith: ':listener-0',
    evidence: [
      'MeshHTTPRoute "wrong-kind" targets this gateway, but listener #0 (TCP :6379, hostname *) takes MeshTCPRoute; it does nothing here.',
      'Only MeshHTTPRoutes target this gateway; a TCP listener is served by MeshTCPRoute only.',
    ],
    symptom: /reset/,
    fixAction: {
      kind: 'new-route',
      mesh: 'default',
      name: 'edge-gateway',
      listenerIndex: 0,
      routeKind: 'tcp',
    },
  },
  {
    name: 'a route whose tags select no listener is the one to fix',
    meshes: () =>
      gatewayMesh(
        [{ port: 8080, protocol: 'HTTP', tags: { listener: 'http' } }],
        [route('typo', { listener: 'htp' })],
      ),
    rule: 'listener-without-routes',
    severity: 'error',
    subject: edge,
    evidence: ['MeshHTTPRoute "typo" selects listeners with tags {listener: htp}'],
    fixAction: {
      kind: 'edit-route',
      mesh: 'default',
      name: 'typo',
      routeKind: 'http',
      gateway: 'edge-gateway',
    },
  },
  {
    name: 'isolated listeners: foo.example.com lands on the listener without routes',
    meshes: () => isolatedListeners({ hostname: 'wild' }),
    rule: 'host-shadowed',
    severity: 'error',
    subject: edge,
    idEndsWith: ':port-8080:foo.example.com',
    evidence: [
      'listener #0 (HTTP :8080, hostname foo.example.com) is more exact than listener #1 (HTTP :8080, hostname *.example.com) on the same port, so Kuma removes foo.example.com from listener #1.',
      'MeshHTTPRoute "http-route" is attached to listener #1 and would serve foo.example.com there.',
    ],
    symptom:
      /^Envoy's own empty 404 .* on port 8080 for host foo\.example\.com.* Other hosts of \*\.example\.com work\.$/,
    fixAction: {
      kind: 'new-route',
      mesh: 'default',
      name: 'edge-gateway',
      listenerIndex: 0,
      routeKind: 'http',
    },
  },
  {
    name: 'route hostname outside every listener hostname',
    meshes: () =>
      gatewayMesh(
        [{ port: 8080, protocol: 'HTTP', hostname: '*.example.com' }],
        [route('other', undefined, ['api.other.com'])],
      ),
    rule: 'route-hostnames-never-match',
    severity: 'warning',
    subject: { type: 'MeshHTTPRoute', mesh: 'default', name: 'other' },
    evidence: [
      "to[0] hostname api.other.com intersects none of the listener hostnames the route's tags select (HTTP/HTTPS listeners: #0 *.example.com); its rules are ignored.",
    ],
    fixAction: {
      kind: 'edit-route',
      mesh: 'default',
      name: 'other',
      routeKind: 'http',
      gateway: 'edge-gateway',
    },
  },
  {
    name: 'one route hostname is owned by a more exact listener the route skips',
    meshes: () =>
      gatewayMesh(
        [
          { port: 8080, protocol: 'HTTP', hostname: 'foo.example.com', tags: { hostname: 'foo' } },
          { port: 8080, protocol: 'HTTP', hostname: '*.example.com', tags: { hostname: 'wild' } },
        ],
        [
          route('wild', { hostname: 'wild' }, ['foo.example.com', 'bar.example.com']),
          route('foo', { hostname: 'foo' }),
        ],
      ),
    rule: 'route-hostnames-never-match',
    severity: 'info',
    subject: { type: 'MeshHTTPRoute', mesh: 'default', name: 'wild' },
    evidence: [
      'to[0] hostname foo.example.com is owned by the more exact listener #0 (HTTP :8080, hostname foo.example.com), which the route does not attach to',
    ],
  },
];

const healthy: HealthyCase[] = [
  {
    name: 'every listener has a route',
    meshes: () => healthyMesh(),
    rule: 'listener-without-routes',
  },
  {
    name: '§1.7 example: HTTP, HTTPS and TCP listeners all served',
    meshes: () => edgeExample({ mtls: true }),
    rule: 'listener-without-routes',
  },
  {
    name: 'a MeshTCPRoute serves the TCP listener',
    meshes: () => {
      const mesh = gatewayMesh([{ port: 6379, protocol: 'TCP' }], []);
      mesh.tcpRoutes.push(
        tcpRoute('redis', {
          targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
          to: [
            {
              targetRef: { kind: 'Mesh' },
              rules: [{ default: { backendRefs: [{ kind: 'MeshService', name: 'app' }] } }],
            },
          ],
        }),
      );
      return mesh;
    },
    rule: 'listener-without-routes',
  },
  {
    name: 'isolated listeners with a route on both',
    meshes: () => isolatedListeners(),
    rule: 'host-shadowed',
  },
  {
    name: '§1.7 example: dev.example.com lands on the wildcard listener',
    meshes: () => edgeExample({ mtls: true }),
    rule: 'route-hostnames-never-match',
  },
];

describe('§6.2 rules 3–5: listeners, hosts and route hostnames', () => {
  it.each(failing)('finds $rule: $name', (testCase) => {
    expectFailing(testCase);
  });
  it.each(healthy)('no $rule: $name', (testCase) => {
    expectHealthy(testCase);
  });

  it('leaves an HTTP port without any route to gateway-not-built, which breaks every listener', () => {
    const mesh = gatewayMesh(
      [
        { port: 8080, protocol: 'HTTP', tags: { listener: 'public' } },
        {
          port: 8081,
          protocol: 'HTTP',
          hostname: 'admin.example.com',
          tags: { listener: 'admin' },
        },
      ],
      [route('public', { listener: 'public' })],
    );
    expect(findingsOf(mesh).map((finding) => finding.rule)).toEqual(['gateway-not-built']);
  });

  it('reports the shadowed host once, not also as a listener without routes', () => {
    const rules = findingsOf(isolatedListeners({ hostname: 'wild' })).map(
      (finding) => finding.rule,
    );
    expect(rules).toEqual(['host-shadowed']);
  });
});
