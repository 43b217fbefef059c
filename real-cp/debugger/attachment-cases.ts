/**
 * Small gateways that each exercise one rule of how routes attach to listeners and hostnames,
 * one mesh per case, written to a real kuma-cp beside the docs and `mixed` scenarios. kuma-cp's
 * generated Envoy configuration is the judge of what they do; nothing here states an outcome.
 */
import { EXAMPLE_COM_CERTIFICATE_PEM } from '../../demo-cp/src/scenarios/example-certificate';
import type { Write } from '../seed';

type Listener = Record<string, unknown>;
type RouteTo = Record<string, unknown>;

interface RouteSpec {
  kind: 'MeshHTTPRoute' | 'MeshTCPRoute';
  name: string;
  /** `targetRef.tags`: which listeners of the gateway the route selects. */
  tags?: Record<string, string>;
  to: RouteTo[];
}

export interface AttachmentCase {
  name: string;
  listeners: Listener[];
  routes: RouteSpec[];
}

const CERTIFICATE = 'example-com-cert';

function listener(
  protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'TLS',
  port: number,
  options: { hostname?: string; tags?: Record<string, string> } = {},
): Listener {
  return {
    port,
    protocol,
    ...(options.hostname ? { hostname: options.hostname } : {}),
    ...(options.tags ? { tags: options.tags } : {}),
    ...(protocol === 'HTTPS' || protocol === 'TLS'
      ? { tls: { mode: 'TERMINATE', certificates: [{ secret: CERTIFICATE }] } }
      : {}),
  };
}

/** A `to` entry of a MeshHTTPRoute: PathPrefix rules, each to one service. */
function http(hostnames: string[] | undefined, rules: [path: string, service: string][]): RouteTo {
  return {
    targetRef: { kind: 'Mesh' },
    ...(hostnames ? { hostnames } : {}),
    rules: rules.map(([path, service]) => ({
      matches: [{ path: { type: 'PathPrefix', value: path } }],
      default: { backendRefs: [{ kind: 'MeshService', name: service }] },
    })),
  };
}

/** A `to` entry of a MeshTCPRoute; 2.6 stores `weight` only when it is given. */
function tcp(service: string, weight?: number): RouteTo {
  return {
    targetRef: { kind: 'Mesh' },
    rules: [
      {
        default: {
          backendRefs: [{ kind: 'MeshService', name: service, ...(weight ? { weight } : {}) }],
        },
      },
    ],
  };
}

const A = { listener: 'a' };
const B = { listener: 'b' };

export const ATTACHMENT_CASES: readonly AttachmentCase[] = [
  {
    name: 'one-listener',
    listeners: [listener('HTTP', 80)],
    routes: [{ kind: 'MeshHTTPRoute', name: 'all', to: [http(undefined, [['/', 'web']])] }],
  },
  {
    name: 'http-listener-without-route',
    listeners: [listener('HTTP', 80, { tags: A }), listener('HTTP', 81, { tags: B })],
    routes: [
      { kind: 'MeshHTTPRoute', name: 'a-only', tags: A, to: [http(undefined, [['/', 'web']])] },
    ],
  },
  {
    name: 'no-route-at-all',
    listeners: [listener('HTTP', 80)],
    routes: [],
  },
  {
    name: 'tcp-listener-without-route',
    listeners: [listener('HTTP', 80), listener('TCP', 6379)],
    routes: [{ kind: 'MeshHTTPRoute', name: 'all', to: [http(undefined, [['/', 'web']])] }],
  },
  {
    name: 'tcp-route',
    listeners: [listener('HTTP', 80, { tags: A }), listener('TCP', 6379, { tags: B })],
    routes: [
      { kind: 'MeshHTTPRoute', name: 'web', tags: A, to: [http(undefined, [['/', 'web']])] },
      { kind: 'MeshTCPRoute', name: 'store', tags: B, to: [tcp('api')] },
    ],
  },
  {
    name: 'https-listener-without-route',
    listeners: [
      listener('HTTP', 80, { tags: A }),
      listener('HTTPS', 443, { hostname: 'shop.example.com', tags: B }),
    ],
    routes: [
      { kind: 'MeshHTTPRoute', name: 'a-only', tags: A, to: [http(undefined, [['/', 'web']])] },
    ],
  },
  {
    name: 'https-listener',
    listeners: [listener('HTTPS', 443, { hostname: 'shop.example.com' })],
    routes: [{ kind: 'MeshHTTPRoute', name: 'shop', to: [http(undefined, [['/', 'web']])] }],
  },
  {
    name: 'route-hostname-misses-listener',
    listeners: [
      listener('HTTP', 80, { hostname: 'a.example.com', tags: A }),
      listener('HTTP', 81, { tags: B }),
    ],
    routes: [
      {
        kind: 'MeshHTTPRoute',
        name: 'for-b-host',
        tags: A,
        to: [http(['b.example.com'], [['/', 'web']])],
      },
      { kind: 'MeshHTTPRoute', name: 'on-b', tags: B, to: [http(undefined, [['/', 'web']])] },
    ],
  },
  {
    name: 'one-port-two-hostnames',
    listeners: [
      listener('HTTP', 80, { hostname: 'a.example.com' }),
      listener('HTTP', 80, { hostname: 'b.example.com' }),
    ],
    routes: [{ kind: 'MeshHTTPRoute', name: 'a', to: [http(['a.example.com'], [['/a', 'web']])] }],
  },
  {
    name: 'exact-and-wildcard-listeners',
    listeners: [
      listener('HTTP', 80, { hostname: 'a.example.com' }),
      listener('HTTP', 80, { hostname: '*.example.com' }),
    ],
    routes: [
      { kind: 'MeshHTTPRoute', name: 'everywhere', to: [http(undefined, [['/x', 'web']])] },
      { kind: 'MeshHTTPRoute', name: 'a-host', to: [http(['a.example.com'], [['/a', 'api']])] },
    ],
  },
  {
    name: 'route-hostnames-on-wildcard-listener',
    listeners: [listener('HTTP', 80)],
    routes: [
      {
        kind: 'MeshHTTPRoute',
        name: 'hosts',
        to: [
          http(['*.example.com'], [['/w', 'web']]),
          http(['exact.example.com'], [['/e', 'api']]),
        ],
      },
    ],
  },
  {
    name: 'tags-select-some-listeners',
    listeners: [listener('HTTP', 80, { tags: A }), listener('HTTP', 81, { tags: B })],
    routes: [
      { kind: 'MeshHTTPRoute', name: 'on-a', tags: A, to: [http(undefined, [['/a', 'api']])] },
      { kind: 'MeshHTTPRoute', name: 'on-all', to: [http(undefined, [['/all', 'web']])] },
    ],
  },
  {
    name: 'cross-mesh-listener-without-route',
    listeners: [
      listener('HTTP', 80, { tags: A }),
      { ...listener('HTTP', 9080, { hostname: 'gateway.mesh', tags: B }), crossMesh: true },
    ],
    routes: [
      { kind: 'MeshHTTPRoute', name: 'a-only', tags: A, to: [http(undefined, [['/', 'web']])] },
    ],
  },
  {
    name: 'cross-mesh-listener',
    listeners: [{ ...listener('HTTP', 9080, { hostname: 'gateway.mesh' }), crossMesh: true }],
    routes: [{ kind: 'MeshHTTPRoute', name: 'all', to: [http(undefined, [['/', 'web']])] }],
  },
  {
    name: 'https-hostname-without-route',
    listeners: [
      listener('HTTPS', 443, { hostname: 'a.example.com' }),
      listener('HTTPS', 443, { hostname: 'b.example.com' }),
    ],
    routes: [{ kind: 'MeshHTTPRoute', name: 'a', to: [http(['a.example.com'], [['/', 'web']])] }],
  },
  {
    name: 'more-tags-earlier-name',
    listeners: [listener('HTTP', 80, { tags: A })],
    routes: [
      { kind: 'MeshHTTPRoute', name: 'aaa-tagged', tags: A, to: [http(undefined, [['/', 'api']])] },
      { kind: 'MeshHTTPRoute', name: 'zzz', to: [http(undefined, [['/', 'web']])] },
    ],
  },
  {
    name: 'more-tags-later-name',
    listeners: [listener('HTTP', 80, { tags: A })],
    routes: [
      { kind: 'MeshHTTPRoute', name: 'aaa', to: [http(undefined, [['/', 'web']])] },
      { kind: 'MeshHTTPRoute', name: 'zzz-tagged', tags: A, to: [http(undefined, [['/', 'api']])] },
    ],
  },
  {
    name: 'created-later-earlier-name',
    listeners: [listener('HTTP', 80)],
    routes: [
      { kind: 'MeshHTTPRoute', name: 'zzz', to: [http(undefined, [['/', 'web']])] },
      { kind: 'MeshHTTPRoute', name: 'aaa', to: [http(undefined, [['/', 'api']])] },
    ],
  },
  {
    name: 'https-only-without-route',
    listeners: [listener('HTTPS', 443, { hostname: 'shop.example.com' })],
    routes: [],
  },
  {
    name: 'tcp-only-without-route',
    listeners: [listener('TCP', 6379)],
    routes: [],
  },
  {
    name: 'tcp-route-with-weight',
    listeners: [listener('TCP', 6379)],
    routes: [{ kind: 'MeshTCPRoute', name: 'store', to: [tcp('api', 1)] }],
  },
  {
    name: 'tcp-route-with-weight-beside-http',
    listeners: [listener('HTTP', 80, { tags: A }), listener('TCP', 6379, { tags: B })],
    routes: [
      { kind: 'MeshHTTPRoute', name: 'web', tags: A, to: [http(undefined, [['/', 'web']])] },
      { kind: 'MeshTCPRoute', name: 'store', tags: B, to: [tcp('api', 1)] },
    ],
  },
  {
    name: 'route-selects-no-listener',
    listeners: [listener('HTTP', 80, { tags: A })],
    routes: [
      { kind: 'MeshHTTPRoute', name: 'on-b', tags: B, to: [http(undefined, [['/', 'web']])] },
    ],
  },
  {
    name: 'same-match-two-routes',
    listeners: [listener('HTTP', 80, { tags: A })],
    routes: [
      { kind: 'MeshHTTPRoute', name: 'aaa', to: [http(undefined, [['/', 'web']])] },
      { kind: 'MeshHTTPRoute', name: 'zzz', to: [http(undefined, [['/', 'api']])] },
      { kind: 'MeshHTTPRoute', name: 'tagged', tags: A, to: [http(undefined, [['/t', 'api']])] },
    ],
  },
];

export function caseMesh(attachment: AttachmentCase): string {
  return `case-${attachment.name}`;
}

/** The writes that set a case up: a mesh with mTLS, two services, the gateway and its routes. */
export function caseWrites(attachment: AttachmentCase): Write[] {
  const mesh = caseMesh(attachment);
  const at = (type: string, name: string) => `/meshes/${mesh}/${type}/${name}`;
  const sidecar = (name: string, address: string): Write => ({
    path: at('dataplanes', `${name}-1`),
    body: {
      type: 'Dataplane',
      mesh,
      name: `${name}-1`,
      networking: {
        address,
        inbound: [{ port: 8080, tags: { 'kuma.io/service': name, 'kuma.io/protocol': 'http' } }],
      },
    },
  });
  return [
    {
      path: `/meshes/${mesh}`,
      body: {
        type: 'Mesh',
        name: mesh,
        mtls: { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin' }] },
      },
    },
    {
      path: at('secrets', CERTIFICATE),
      body: {
        type: 'Secret',
        mesh,
        name: CERTIFICATE,
        data: Buffer.from(EXAMPLE_COM_CERTIFICATE_PEM).toString('base64'),
      },
    },
    sidecar('web', '10.0.0.2'),
    sidecar('api', '10.0.0.3'),
    {
      path: at('meshgateways', 'gateway'),
      body: {
        type: 'MeshGateway',
        mesh,
        name: 'gateway',
        selectors: [{ match: { 'kuma.io/service': 'gateway' } }],
        conf: { listeners: attachment.listeners },
      },
    },
    {
      path: at('dataplanes', 'gateway-1'),
      body: {
        type: 'Dataplane',
        mesh,
        name: 'gateway-1',
        networking: {
          address: '10.0.0.1',
          gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': 'gateway' } },
        },
      },
    },
    ...attachment.routes.map(
      (route): Write => ({
        path: at(route.kind === 'MeshHTTPRoute' ? 'meshhttproutes' : 'meshtcproutes', route.name),
        body: {
          type: route.kind,
          mesh,
          name: route.name,
          spec: {
            targetRef: {
              kind: 'MeshGateway',
              name: 'gateway',
              ...(route.tags ? { tags: route.tags } : {}),
            },
            to: route.to,
          },
        },
      }),
    ),
  ];
}
