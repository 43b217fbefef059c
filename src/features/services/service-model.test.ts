import { describe, expect, it } from 'vitest';
import type { MeshSnapshot } from '../../kuma/snapshot';
import {
  builtinGatewayDp,
  edgeExample,
  httpRoute,
  meshGateway,
  meshSnapshot,
  prefixRule,
  sidecarDp,
} from '../../traffic/test-fixtures';
import { serviceModel } from './service-model';
import { MESH_SERVICES, WEIGHTED } from './test-fixtures';

/** What a row of the "Ways in" table says, in one line. */
function ways(mesh: MeshSnapshot, service: string): string[] {
  const model = serviceModel(mesh, service);
  return [
    ...model.builtin.map(
      (entry) =>
        `${entry.gateway} #${entry.listener.index} ${entry.virtualHost ?? '-'} ${entry.route.name} ${entry.match} ${entry.percent}%${entry.gatewayBroken ? ' broken' : ''}`,
    ),
    ...model.delegated.map(
      (entry) => `${entry.gateway} via ${entry.via} ${entry.listeners.join(',')}`,
    ),
  ];
}

describe('serviceModel: ways in', () => {
  it.each<[string, MeshSnapshot, string, string[]]>([
    [
      'a prefix rule on every HTTP listener and virtual host it lands in',
      edgeExample(),
      'backend',
      [
        'edge-gateway #0 dev.example.com edge-http PathPrefix /api 100%',
        'edge-gateway #0 *.example.com edge-http PathPrefix /api 100%',
        'edge-gateway #1 foo.example.com edge-http PathPrefix /api 100%',
        'edge-gateway #2 foo.example.com edge-http PathPrefix /api 100%',
      ],
    ],
    [
      'a route hostname: only the virtual host it makes',
      edgeExample(),
      'frontend-dev',
      ['edge-gateway #0 dev.example.com edge-http PathPrefix / 100%'],
    ],
    [
      'a TCP listener: the effective MeshTCPRoute',
      edgeExample(),
      'redis',
      ['edge-gateway #3 - edge-tcp every connection 100%'],
    ],
    [
      'a weighted split: the service share',
      WEIGHTED,
      'frontend',
      [
        'edge-gateway #1 foo.example.com split Exact /v2, POST 25%',
        'edge-gateway #2 foo.example.com split Exact /v2, POST 25%',
      ],
    ],
    [
      'a MeshService by port, from a built-in and a delegated gateway',
      MESH_SERVICES,
      'checkout',
      [
        'gw #0 * gw-routes PathPrefix /pay 100%',
        'kong via MeshService checkout:8080 127.0.0.1:10001',
      ],
    ],
    [
      'a renamed MeshService by its display name',
      MESH_SERVICES,
      'ledger',
      ['gw #0 * gw-routes PathPrefix /ledger 100%'],
    ],
    [
      'the same MeshService by its stored name',
      MESH_SERVICES,
      'ledger-4fa7c1',
      ['gw #0 * gw-routes PathPrefix /ledger 100%'],
    ],
    ['a service no gateway sends to', MESH_SERVICES, 'ledger_ns_svc_80', []],
  ])('%s', (_label, mesh, service, expected) => {
    expect(ways(mesh, service)).toEqual(expected);
  });

  it('marks every way in of a gateway kuma-cp cannot build', () => {
    const mesh = meshSnapshot({
      ...edgeExample(),
      gateways: [
        meshGateway('edge-gateway', [
          { port: 8080, protocol: 'HTTP', tags: { listener: 'a' } },
          { port: 9090, protocol: 'HTTP', tags: { listener: 'b' } },
        ]),
      ],
      tcpRoutes: [],
      httpRoutes: [
        httpRoute('only-a', {
          targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { listener: 'a' } },
          to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/', 'backend')] }],
        }),
      ],
    });
    const model = serviceModel(mesh, 'backend');
    expect(ways(mesh, 'backend')).toEqual(['edge-gateway #0 * only-a PathPrefix / 100% broken']);
    expect(model.builtin[0]?.gatewayBroken).toContain('HTTP port 9090');
  });
});

describe('serviceModel: routes that send nothing', () => {
  const mesh = meshSnapshot({
    ...edgeExample(),
    httpRoutes: [
      ...edgeExample().httpRoutes,
      httpRoute('to-nowhere', {
        targetRef: { kind: 'MeshGateway', name: 'gone' },
        to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/', 'backend')] }],
      }),
      httpRoute('wrong-tags', {
        targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { listener: 'none' } },
        to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/b', 'backend')] }],
      }),
    ],
  });

  it.each([
    ['to-nowhere', 'MeshGateway "gone", which is not in mesh "default"'],
    ['wrong-tags', 'selects listeners with tags {listener: none}'],
  ])('%s: says why', (name, reason) => {
    const route = serviceModel(mesh, 'backend').inactive.find((entry) => entry.name === name);
    expect(route?.reason).toContain(reason);
  });

  it('leaves out routes that do send to it', () => {
    expect(serviceModel(mesh, 'backend').inactive.map((route) => route.name)).toEqual([
      'to-nowhere',
      'wrong-tags',
    ]);
  });
  it('names the instances a route attaches on when it attaches on some of them only', () => {
    const base = edgeExample();
    const mesh = meshSnapshot({
      ...base,
      dataplanes: [
        builtinGatewayDp('edge-east', {
          'kuma.io/service': 'edge-gateway',
          'kuma.io/zone': 'east',
        }),
        builtinGatewayDp('edge-west', {
          'kuma.io/service': 'edge-gateway',
          'kuma.io/zone': 'west',
        }),
        ...base.dataplanes.filter((dataplane) => dataplane.name !== 'edge-gateway-1'),
      ],
      httpRoutes: [
        httpRoute('east-only', {
          targetRef: {
            kind: 'MeshGateway',
            name: 'edge-gateway',
            tags: { 'kuma.io/zone': 'east' },
          },
          to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/east', 'backend')] }],
        }),
      ],
      tcpRoutes: [],
    });
    const [route] = serviceModel(mesh, 'backend').inactive;
    expect(route?.name).toBe('east-only');
    expect(route?.reason).toMatch(/attaches only on instance edge-east/);
  });
});

describe('serviceModel: identity and dataplanes', () => {
  it.each<[string, MeshSnapshot, string, boolean, string[]]>([
    ['proxies of a tag value', edgeExample(), 'frontend', true, ['frontend-1:online']],
    [
      'a MeshService: the proxies its selector picks, offline ones too',
      MESH_SERVICES,
      'checkout',
      true,
      ['checkout-1:online', 'checkout-2:offline'],
    ],
    ['a renamed MeshService: by selector', MESH_SERVICES, 'ledger', true, ['ledger-1:online']],
    [
      'a gateway proxy serving its own service',
      edgeExample(),
      'edge-gateway',
      true,
      ['edge-gateway-1:online'],
    ],
    ['unknown everywhere', edgeExample(), 'nope', false, []],
    ['a name that only differs in case', edgeExample(), 'Backend', false, []],
  ])('%s', (_label, mesh, service, known, dataplanes) => {
    const model = serviceModel(mesh, service);
    expect(model.known).toBe(known);
    expect(model.dataplanes.map((dataplane) => `${dataplane.name}:${dataplane.status}`)).toEqual(
      dataplanes,
    );
  });

  it('knows a service that only a route names, with no dataplane and an unresolved backend', () => {
    const mesh = meshSnapshot({
      ...edgeExample(),
      httpRoutes: [
        httpRoute('ghost', {
          targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
          to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/ghost', 'ghost')] }],
        }),
      ],
    });
    const model = serviceModel(mesh, 'ghost');
    expect(model.known).toBe(true);
    expect(model.dataplanes).toEqual([]);
    expect(model.builtin.map((entry) => entry.resolution.resolved)).not.toContain(true);
    expect(model.builtin[0]?.resolution.summary).toContain('no Dataplane inbound carries it');
  });

  it('reports inbound readiness per port', () => {
    const mesh = meshSnapshot({
      dataplanes: [
        sidecarDp('web-1', [
          { service: 'web', port: 8080 },
          { service: 'web', port: 8081, ready: false },
          { service: 'admin', port: 9901 },
        ]),
      ],
    });
    const [dataplane] = serviceModel(mesh, 'web').dataplanes;
    expect(dataplane?.status).toBe('partially_degraded');
    expect(dataplane?.inbounds).toEqual([
      { port: 8080, ready: true },
      { port: 8081, ready: false },
    ]);
  });

  it('names a MeshService by every name a ref may use', () => {
    expect(serviceModel(MESH_SERVICES, 'ledger').identity.names).toEqual([
      'ledger',
      'ledger-4fa7c1',
    ]);
    expect(serviceModel(MESH_SERVICES, 'checkout').identity.names).toEqual(['checkout']);
  });
});
