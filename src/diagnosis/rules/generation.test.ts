import { describe, expect, it } from 'vitest';
import type { MeshGatewayListener, MeshHTTPRoute } from '../../kuma/types';
import {
  builtinGatewayDp,
  edgeExample,
  httpRoute,
  meshGateway,
  meshSnapshot,
  prefixRule,
  sidecarDp,
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

function route(name: string, tags?: Record<string, string>): MeshHTTPRoute {
  return httpRoute(name, {
    targetRef: { kind: 'MeshGateway', name: 'edge-gateway', ...(tags ? { tags } : {}) },
    to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/', 'app')] }],
  });
}

const PUBLIC: MeshGatewayListener = { port: 8080, protocol: 'HTTP', tags: { listener: 'public' } };
const ADMIN: MeshGatewayListener = {
  port: 8081,
  protocol: 'HTTP',
  hostname: 'admin.example.com',
  tags: { listener: 'admin' },
};

function gatewayMesh(
  listeners: MeshGatewayListener[],
  routes: MeshHTTPRoute[],
  subscriptionStatus?: 'none-sent' | 'configured',
) {
  const dataplane = builtinGatewayDp('edge-gateway-1', { 'kuma.io/service': 'edge-gateway' });
  const subscription = dataplane.dataplaneInsight?.subscriptions?.[0];
  if (subscription && subscriptionStatus === 'none-sent') {
    subscription.status = { total: {}, lds: {}, cds: {}, rds: {} };
  }
  if (subscription && subscriptionStatus === 'configured') {
    const sent = { responsesSent: '3', responsesAcknowledged: '3' };
    subscription.status = { total: sent, lds: sent, cds: sent, rds: sent };
  }
  return meshSnapshot({
    gateways: [meshGateway('edge-gateway', listeners)],
    dataplanes: [dataplane, sidecarDp('app-1', [{ service: 'app' }])],
    httpRoutes: routes,
  });
}

const failing: FailingCase[] = [
  {
    name: 'an HTTP port no route serves while another listener has one',
    meshes: () => gatewayMesh([PUBLIC, ADMIN], [route('public', { listener: 'public' })]),
    rule: 'gateway-not-built',
    severity: 'error',
    subject: edge,
    idEndsWith: ':port-8081',
    evidence: [
      'Listener #1 (HTTP :8081, hostname admin.example.com) gets no virtual host from any MeshHTTPRoute.',
      /^MeshHTTPRoute "public" attaches to other listeners, so kuma-cp builds the gateway with its route plugins/,
      'Not attached to port 8081: MeshHTTPRoute "public" selects listeners with tags {listener: public}',
    ],
    symptom:
      /^Every listener of the gateway is down, not only port 8081: a proxy that starts now gets no configuration and refuses every connection/,
    fixAction: {
      kind: 'new-route',
      mesh: 'default',
      name: 'edge-gateway',
      listenerIndex: 1,
      routeKind: 'http',
    },
  },
  {
    name: 'its proxy is online and kuma-cp has sent it no LDS, CDS or RDS response',
    meshes: () =>
      gatewayMesh([PUBLIC, ADMIN], [route('public', { listener: 'public' })], 'none-sent'),
    rule: 'gateway-not-built',
    severity: 'error',
    subject: edge,
    evidence: [
      'edge-gateway-1 is online and has received no LDS, CDS or RDS response on its current xDS stream.',
    ],
  },
  {
    name: 'a proxy configured before the change keeps its last configuration',
    meshes: () =>
      gatewayMesh([PUBLIC, ADMIN], [route('public', { listener: 'public' })], 'configured'),
    rule: 'gateway-not-built',
    severity: 'error',
    subject: edge,
    evidence: [/^edge-gateway-1 received configuration .* keeps serving it until it restarts\.$/],
  },
  {
    name: 'a cross-mesh HTTP port without a route',
    meshes: () =>
      gatewayMesh(
        [PUBLIC, { ...ADMIN, hostname: 'edge.mesh', crossMesh: true }],
        [route('public', { listener: 'public' })],
      ),
    rule: 'gateway-not-built',
    severity: 'error',
    subject: edge,
    idEndsWith: ':port-8081',
    evidence: ['Listener #1 (HTTP :8081, hostname edge.mesh) gets no virtual host'],
  },
  {
    name: 'a MeshTCPRoute backendRef without weight',
    meshes: () => {
      const mesh = edgeExample();
      const ref = mesh.tcpRoutes[0]?.spec.to?.[0]?.rules?.[0]?.default.backendRefs?.[0];
      if (ref) delete ref.weight;
      return mesh;
    },
    rule: 'gateway-not-built',
    severity: 'error',
    subject: edge,
    idEndsWith: ':route-edge-tcp',
    evidence: [/MeshTCPRoute "edge-tcp" has a backendRef without weight/],
    fixAction: {
      kind: 'edit-route',
      mesh: 'default',
      name: 'edge-tcp',
      routeKind: 'tcp',
      gateway: 'edge-gateway',
    },
  },
];

const healthy: HealthyCase[] = [
  { name: 'a healthy mesh', meshes: () => healthyMesh(), rule: 'gateway-not-built' },
  {
    name: '§1.7 example: every HTTP port has a virtual host, every TCP backendRef a weight',
    meshes: () => edgeExample({ mtls: true }),
    rule: 'gateway-not-built',
  },
  {
    // Built the old way: Kuma's 404 page, reported by listener-without-routes.
    name: 'no route attaches to any listener',
    meshes: () => gatewayMesh([PUBLIC, ADMIN], []),
    rule: 'gateway-not-built',
  },
  {
    name: 'an HTTPS listener without a route (its handshake fails; the gateway is built)',
    meshes: () =>
      gatewayMesh(
        [
          PUBLIC,
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
    rule: 'gateway-not-built',
  },
];

describe('gateway-not-built: kuma-cp generates no configuration for the gateway', () => {
  it.each(failing)('finds $rule: $name', (testCase) => {
    expectFailing(testCase);
  });
  it.each(healthy)('no $rule: $name', (testCase) => {
    expectHealthy(testCase);
  });

  it('badges the gateway node of the topology', () => {
    const [finding] = findingsOf(
      gatewayMesh([PUBLIC, ADMIN], [route('public', { listener: 'public' })]),
      'gateway-not-built',
    );
    expect(finding?.nodeIds).toEqual(['gateway:builtin:default/edge-gateway']);
  });
});
