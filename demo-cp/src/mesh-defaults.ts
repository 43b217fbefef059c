/**
 * What kuma-cp creates in every new mesh (`EnsureDefaultMeshResources`): a dataplane token
 * signing key and four default policies named `<prefix>-<mesh>`, unless the mesh lists them
 * (or `*`) in `skipCreatingInitialPolicies`. The specs are kuma-cp's own defaults, the same in
 * 2.6.15 and 2.14.3.
 */

const mesh = { kind: 'Mesh' } as const;

export const DEFAULT_MESH_POLICIES: readonly { type: string; prefix: string; spec: object }[] = [
  {
    type: 'MeshTimeout',
    prefix: 'mesh-gateways-timeout-all',
    spec: {
      targetRef: { kind: 'Mesh', proxyTypes: ['Gateway'] },
      to: [
        { targetRef: mesh, default: { idleTimeout: '1h0m0s', http: { streamIdleTimeout: '5s' } } },
      ],
      from: [
        {
          targetRef: mesh,
          default: {
            idleTimeout: '5m0s',
            http: { streamIdleTimeout: '5s', requestHeadersTimeout: '500ms' },
          },
        },
      ],
    },
  },
  {
    type: 'MeshTimeout',
    prefix: 'mesh-timeout-all',
    spec: {
      targetRef: { kind: 'Mesh', proxyTypes: ['Sidecar'] },
      to: [
        {
          targetRef: mesh,
          default: {
            connectionTimeout: '5s',
            idleTimeout: '1h0m0s',
            http: { requestTimeout: '15s', streamIdleTimeout: '30m0s' },
          },
        },
      ],
      from: [
        {
          targetRef: mesh,
          default: {
            connectionTimeout: '10s',
            idleTimeout: '2h0m0s',
            http: { requestTimeout: '0s', streamIdleTimeout: '1h0m0s', maxStreamDuration: '0s' },
          },
        },
      ],
    },
  },
  {
    type: 'MeshCircuitBreaker',
    prefix: 'mesh-circuit-breaker-all',
    spec: {
      targetRef: mesh,
      to: [
        {
          targetRef: mesh,
          default: {
            connectionLimits: {
              maxConnections: 1024,
              maxPendingRequests: 1024,
              maxRetries: 3,
              maxRequests: 1024,
            },
          },
        },
      ],
    },
  },
  {
    type: 'MeshRetry',
    prefix: 'mesh-retry-all',
    spec: {
      targetRef: mesh,
      to: [
        {
          targetRef: mesh,
          default: {
            tcp: { maxConnectAttempt: 5 },
            http: {
              numRetries: 5,
              perTryTimeout: '16s',
              backOff: { baseInterval: '25ms', maxInterval: '250ms' },
            },
            grpc: {
              numRetries: 5,
              perTryTimeout: '16s',
              backOff: { baseInterval: '25ms', maxInterval: '250ms' },
            },
          },
        },
      ],
    },
  },
];

/** The per-mesh dataplane token signing key (its key material is the demo's own). */
export function signingKeyName(meshName: string): string {
  return `dataplane-token-signing-key-${meshName}-1`;
}
