import { describe, it } from 'vitest';
import {
  expectFailing,
  expectHealthy,
  type FailingCase,
  type HealthyCase,
  healthyMesh,
} from '../test-fixtures';
import type { DiagnosisMeshSnapshot, MeshGatewayRoute } from './legacy-routes';

function legacyRoute(
  conf: MeshGatewayRoute['conf'],
  match = { 'kuma.io/service': 'edge-gateway' },
): MeshGatewayRoute {
  return {
    type: 'MeshGatewayRoute',
    mesh: 'default',
    name: 'edge-legacy',
    selectors: [{ match }],
    conf,
  };
}

function withLegacy(route: MeshGatewayRoute, options: { httpRoutes?: boolean } = {}) {
  return (): DiagnosisMeshSnapshot => {
    const mesh = healthyMesh();
    return {
      ...mesh,
      httpRoutes: options.httpRoutes === false ? [] : mesh.httpRoutes,
      gatewayRoutes: [route],
    };
  };
}

const httpConf = { http: { rules: [{ matches: [{ path: { match: 'PREFIX', value: '/' } }] }] } };

const failing: FailingCase[] = [
  {
    name: 'a MeshHTTPRoute and a MeshGatewayRoute on the same gateway',
    meshes: withLegacy(legacyRoute(httpConf)),
    rule: 'legacy-routes-overridden',
    severity: 'warning',
    subject: { type: 'MeshGatewayRoute', mesh: 'default', name: 'edge-legacy' },
    idEndsWith: ':edge-gateway:http',
    evidence: [
      'MeshGatewayRoute "edge-legacy" selects listener #0 (HTTP :8080, hostname *) of "edge-gateway" (selectors {kuma.io/service: edge-gateway}).',
      'MeshHTTPRoute "edge-http" is attached to the same gateway, so Kuma skips MeshGatewayRoute config for its HTTP/HTTPS listeners.',
    ],
    fixAction: {
      kind: 'edit-route',
      mesh: 'default',
      name: 'edge-http',
      routeKind: 'http',
      gateway: 'edge-gateway',
    },
  },
];

const healthy: HealthyCase[] = [
  {
    name: 'only the MeshGatewayRoute serves the gateway',
    meshes: withLegacy(legacyRoute(httpConf), { httpRoutes: false }),
    rule: 'legacy-routes-overridden',
  },
  {
    name: 'a TCP MeshGatewayRoute next to a MeshHTTPRoute',
    meshes: withLegacy(legacyRoute({ tcp: { rules: [] } })),
    rule: 'legacy-routes-overridden',
  },
  {
    name: 'a MeshGatewayRoute selecting another gateway',
    meshes: withLegacy(legacyRoute(httpConf, { 'kuma.io/service': 'other-gateway' })),
    rule: 'legacy-routes-overridden',
  },
  {
    name: 'no MeshGatewayRoutes in the snapshot',
    meshes: () => healthyMesh(),
    rule: 'legacy-routes-overridden',
  },
];

describe('§6.2 rule 12: legacy MeshGatewayRoute overridden', () => {
  it.each(failing)('finds $rule: $name', (testCase) => {
    expectFailing(testCase);
  });
  it.each(healthy)('no $rule: $name', (testCase) => {
    expectHealthy(testCase);
  });
});
