/** Snapshots for the service page's tests, on top of the traffic fixtures (REST wire shape). */
import {
  builtinGatewayDp,
  delegatedGatewayDp,
  edgeExample,
  httpRoute,
  meshGateway,
  meshResource,
  meshService,
  meshSnapshot,
  sidecarDp,
} from '../../traffic/test-fixtures';

/** edgeExample with a route splitting POST /v2 on foo.example.com 3:1 between backend and frontend. */
export const WEIGHTED = meshSnapshot({
  ...edgeExample(),
  httpRoutes: [
    httpRoute('split', {
      targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
      to: [
        {
          targetRef: { kind: 'Mesh' },
          hostnames: ['foo.example.com'],
          rules: [
            {
              matches: [{ path: { type: 'Exact', value: '/v2' }, method: 'POST' }],
              default: {
                backendRefs: [
                  { kind: 'MeshService', name: 'backend', weight: 3 },
                  { kind: 'MeshService', name: 'frontend', weight: 1 },
                ],
              },
            },
          ],
        },
      ],
    }),
  ],
});

/** MeshServices (2.9+): one named like its tag (Universal), one renamed with a display name. */
export const MESH_SERVICES = meshSnapshot({
  mesh: meshResource('payments', { mtls: true, mode: 'Exclusive' }),
  gateways: [meshGateway('gw', [{ port: 80, protocol: 'HTTP' }], { mesh: 'payments' })],
  dataplanes: [
    builtinGatewayDp('gw-1', { 'kuma.io/service': 'gw' }, { mesh: 'payments' }),
    sidecarDp('checkout-1', [{ service: 'checkout', port: 8080 }], { mesh: 'payments' }),
    sidecarDp('checkout-2', [{ service: 'checkout', port: 8080 }], {
      mesh: 'payments',
      online: false,
    }),
    sidecarDp('ledger-1', [{ service: 'ledger_ns_svc_80', port: 80, tags: { app: 'ledger' } }], {
      mesh: 'payments',
    }),
    delegatedGatewayDp(
      'kong-1',
      'kong',
      [{ port: 10001, backendRef: { kind: 'MeshService', name: 'checkout', port: 8080 } }],
      { mesh: 'payments' },
    ),
  ],
  meshServices: [
    meshService(
      'checkout',
      {
        selector: { dataplaneTags: { 'kuma.io/service': 'checkout' } },
        ports: [{ port: 8080, targetPort: 8080 }],
      },
      'payments',
    ),
    {
      ...meshService(
        'ledger-4fa7c1',
        { selector: { dataplaneTags: { app: 'ledger' } }, ports: [{ port: 80 }] },
        'payments',
      ),
      labels: { 'kuma.io/display-name': 'ledger' },
    },
  ],
  httpRoutes: [
    httpRoute(
      'gw-routes',
      {
        targetRef: { kind: 'MeshGateway', name: 'gw' },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            rules: [
              {
                matches: [{ path: { type: 'PathPrefix', value: '/pay' } }],
                default: { backendRefs: [{ kind: 'MeshService', name: 'checkout', port: 8080 }] },
              },
              {
                matches: [{ path: { type: 'PathPrefix', value: '/ledger' } }],
                default: { backendRefs: [{ kind: 'MeshService', name: 'ledger', port: 80 }] },
              },
            ],
          },
        ],
      },
      'payments',
    ),
  ],
});
