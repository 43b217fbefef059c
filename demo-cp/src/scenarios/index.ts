import type { MeshGatewayListener } from '../../../src/kuma/types';
import { connectZone, ownZone } from '../federation';
import type { ScenarioName } from '../options';
import type { World } from '../world';
import { ScenarioBuilder } from './builder';
import { EXAMPLE_COM_CERTIFICATE_PEM } from './example-certificate';

/**
 * The two meshes of the docs' flowcharts: in each, two pairs of services where the first
 * calls the second, and a gateway that routes to the first service of each pair.
 */
const DOCS_MESHES = [
  {
    mesh: 'team-1',
    pairs: [
      ['frontend', 'backend'],
      ['catalog', 'inventory'],
    ],
  },
  {
    mesh: 'team-2',
    pairs: [
      ['portal', 'accounts'],
      ['search', 'index'],
    ],
  },
] as const;

function docsServices(build: ScenarioBuilder): void {
  for (const { mesh, pairs } of DOCS_MESHES) {
    build.mesh(mesh, { mtls: true });
    for (const [caller, callee] of pairs) {
      build.service(mesh, caller);
      build.service(mesh, callee);
      build.calls(mesh, caller, callee);
    }
    build.permission(mesh, 'allow-all', {
      to: 'Mesh',
      from: [{ service: 'Mesh', action: 'Allow' }],
    });
  }
}

function docsBuiltin(world: World): void {
  const build = new ScenarioBuilder(world);
  docsServices(build);
  for (const { mesh, pairs } of DOCS_MESHES) {
    const gateway = `${mesh}-gateway`;
    build.builtinGateway(mesh, gateway, {
      listeners: [
        { port: 8080, protocol: 'HTTP', hostname: '*', tags: { listener: 'public' } },
        // The cross-mesh listener links the two meshes' gateways (dashed, managed by the mesh).
        {
          port: 9080,
          protocol: 'HTTP',
          hostname: `${gateway}.mesh`,
          crossMesh: true,
          tags: { listener: 'cross-mesh' },
        },
      ],
    });
    build.httpRoute(mesh, `${gateway}-routes`, gateway, {
      rules: pairs.map(([caller], i) => ({
        path: i === 0 ? '/' : `/${caller}`,
        backends: [{ service: caller }],
      })),
    });
  }
  world.churn = 0;
}

function docsDelegated(world: World): void {
  const build = new ScenarioBuilder(world);
  docsServices(build);
  for (const { mesh, pairs } of DOCS_MESHES) {
    build.delegatedGateway(mesh, `${mesh}-kong`, { calls: pairs.map(([caller]) => caller) });
  }
  world.churn = 0;
}

const PUBLIC = { listener: 'public' };
const ADMIN = { listener: 'admin' };

/**
 * Several meshes with both gateway kinds, HTTPS, cross-mesh, TCP and replicas, one proxy
 * offline, one degraded, and deliberate faults for the traffic-path debugger to find: a
 * listener whose route serves one path only, a route to a service with no healthy backend, a
 * service no MeshTrafficPermission opens to the gateway, and a gateway kuma-cp cannot build.
 *
 * Every HTTP listener of edge-gateway has a route on purpose: once one route attaches to a
 * gateway, one HTTP port without any makes kuma-cp send its proxies no configuration at all
 * (src/traffic/gateway-config.ts). legacy-gateway shows that fault: its reviews listener
 * (:8090) was added without a route, so kuma-cp cannot build the gateway and catalog.example.com
 * stops answering too.
 */
function mixed(world: World): void {
  const build = new ScenarioBuilder(world);

  build.mesh('default', { mtls: true });
  build.service('default', 'frontend', { replicas: 2 });
  build.service('default', 'backend', { replicas: 2, version: 'v1' });
  const backendV2 = build.service('default', 'backend-v2', { replicas: 1, version: 'v2' });
  build.service('default', 'redis', { port: 6379, protocol: 'tcp' });
  const payments = build.service('default', 'payments');
  build.service('default', 'orders');
  build.calls('default', 'frontend', ['backend', 'orders']);
  build.calls('default', 'backend', 'redis');
  const listeners: MeshGatewayListener[] = [
    { port: 80, protocol: 'HTTP', hostname: '*', tags: PUBLIC },
    {
      port: 443,
      protocol: 'HTTPS',
      hostname: 'shop.example.com',
      tls: { mode: 'TERMINATE', certificates: [{ secret: 'shop-example-com-cert' }] },
      tags: PUBLIC,
    },
    // Fault: its route serves /status only, so every other path answers 404.
    { port: 8081, protocol: 'HTTP', hostname: 'admin.example.com', tags: ADMIN },
    { port: 6379, protocol: 'TCP', tags: { listener: 'redis' } },
    {
      port: 9080,
      protocol: 'HTTP',
      hostname: 'edge.mesh',
      crossMesh: true,
      tags: { listener: 'cross-mesh' },
    },
  ];
  build.secret('default', 'shop-example-com-cert', EXAMPLE_COM_CERTIFICATE_PEM);
  build.builtinGateway('default', 'edge-gateway', { instances: 2, listeners });
  build.httpRoute('default', 'edge-routes', 'edge-gateway', {
    targetTags: PUBLIC,
    rules: [
      { path: '/', backends: [{ service: 'frontend' }] },
      {
        path: '/api',
        backends: [
          { service: 'backend', weight: 90 },
          { service: 'backend-v2', weight: 10 },
        ],
      },
      // Fault: payments' only proxy is offline, so this rule answers 503.
      { path: '/pay', backends: [{ service: 'payments' }] },
      // Fault: no MeshTrafficPermission lets edge-gateway into orders, so this rule answers 403.
      { path: '/orders', backends: [{ service: 'orders' }] },
    ],
  });
  build.httpRoute('default', 'edge-admin', 'edge-gateway', {
    targetTags: ADMIN,
    rules: [{ path: '/status', pathType: 'Exact', backends: [{ service: 'backend' }] }],
  });
  build.httpRoute('default', 'edge-cross-mesh', 'edge-gateway', {
    targetTags: { listener: 'cross-mesh' },
    rules: [{ path: '/', backends: [{ service: 'frontend' }] }],
  });
  build.tcpRoute('default', 'edge-redis', 'edge-gateway', {
    targetTags: { listener: 'redis' },
    // kuma-cp 2.6 stores a backendRef without weight as sent, and cannot then build the gateway.
    backends: [{ service: 'redis', weight: 1 }],
  });
  build.permission('default', 'allow-edge-gateway', {
    to: 'Mesh',
    from: [
      { service: 'edge-gateway', action: 'Allow' },
      { service: 'frontend', action: 'Allow' },
      { service: 'backend', action: 'Allow' },
    ],
  });
  build.permission('default', 'orders-internal-only', {
    to: 'orders',
    from: [
      { service: 'frontend', action: 'Allow' },
      { service: 'edge-gateway', action: 'Deny' },
    ],
  });
  build.pin('default', payments[0] ?? 'payments-1', { connected: false });
  build.pin('default', backendV2[0] ?? 'backend-v2-1', { connected: true, notReadyInbounds: [] });

  build.mesh('payments', { mtls: true, meshServices: 'Exclusive' });
  build.service('payments', 'checkout', { replicas: 2 });
  build.service('payments', 'ledger', { replicas: 1 });
  build.service('payments', 'fraud-check', { replicas: 1 });
  build.calls('payments', 'checkout', ['ledger', 'fraud-check']);
  build.delegatedGateway('payments', 'kong-payments', { instances: 2, calls: ['checkout'] });
  build.permission('payments', 'allow-kong', {
    to: 'Mesh',
    from: [
      { service: 'kong-payments', action: 'Allow' },
      { service: 'checkout', action: 'Allow' },
    ],
  });

  build.mesh('legacy', { mtls: false });
  const catalog = build.service('legacy', 'catalog', { replicas: 3 });
  build.service('legacy', 'reviews', { replicas: 2 });
  build.calls('legacy', 'catalog', 'reviews');
  build.builtinGateway('legacy', 'legacy-gateway', {
    listeners: [
      { port: 8080, protocol: 'HTTP', hostname: 'catalog.example.com', tags: PUBLIC },
      // Fault: no route attaches to this listener, so kuma-cp cannot build legacy-gateway and
      // its proxy gets no configuration: catalog.example.com:8080 refuses connections too.
      {
        port: 8090,
        protocol: 'HTTP',
        hostname: 'reviews.example.com',
        tags: { listener: 'reviews' },
      },
    ],
  });
  build.httpRoute('legacy', 'legacy-catalog', 'legacy-gateway', {
    targetTags: PUBLIC,
    rules: [{ path: '/', backends: [{ service: 'catalog' }] }],
  });
  build.delegatedGateway('legacy', 'kong-legacy', { calls: ['catalog', 'reviews'] });
  // One proxy runs with a failing admin probe: a partially degraded service.
  build.service('legacy', 'search', { adminPort: 9090 });
  build.pin('legacy', 'search-1', { connected: true, notReadyInbounds: [1] });
  build.pin('legacy', catalog[0] ?? 'catalog-1', { connected: true });
  world.churn = 0.02;
}

/** `--meshes` meshes, `--services` services and `--dataplanes` proxies, spread evenly. */
function large(world: World): void {
  const build = new ScenarioBuilder(world);
  const { meshes, services, dataplanes } = world.options.large;
  const servicesPerMesh = Math.max(1, Math.floor(services / meshes));
  const gatewayProxies = meshes * (build.builtinGatewaysSupported ? 4 : 2);
  const sidecars = Math.max(servicesPerMesh * meshes, dataplanes - gatewayProxies);
  for (let m = 0; m < meshes; m++) {
    const mesh = `mesh-${String(m + 1).padStart(2, '0')}`;
    build.mesh(mesh, { mtls: m % 3 !== 2 });
    const names: string[] = [];
    for (let s = 0; s < servicesPerMesh; s++) {
      const name = `svc-${String(s + 1).padStart(3, '0')}`;
      const index = m * servicesPerMesh + s;
      const total = servicesPerMesh * meshes;
      const replicas = Math.floor(sidecars / total) + (index < sidecars % total ? 1 : 0);
      build.service(mesh, name, { replicas: Math.max(1, replicas) });
      names.push(name);
    }
    names.forEach((name, s) => {
      const callees = [names[(s + 1) % names.length], names[(s + 7) % names.length]].filter(
        (callee): callee is string => callee !== undefined && callee !== name,
      );
      if (callees.length > 0) build.calls(mesh, name, [...new Set(callees)]);
    });
    const entry = names.slice(0, 10);
    build.builtinGateway(mesh, `${mesh}-gateway`, {
      instances: 2,
      listeners: [{ port: 80, protocol: 'HTTP', hostname: '*', tags: PUBLIC }],
    });
    build.httpRoute(mesh, `${mesh}-routes`, `${mesh}-gateway`, {
      rules: entry.map((name, i) => ({
        path: i === 0 ? '/' : `/${name}`,
        backends: [{ service: name }],
      })),
    });
    build.delegatedGateway(mesh, `${mesh}-kong`, { instances: 2, calls: entry });
    build.permission(mesh, 'allow-all', {
      to: 'Mesh',
      from: [{ service: 'Mesh', action: 'Allow' }],
    });
  }
  world.churn = 0.01;
}

/**
 * Names as an attacker (or an old control plane without name validation) would write them: they
 * end up in HTML, SVG and mermaid text, and must stay literal text everywhere.
 */
export const HOSTILE_NAMES = {
  mesh: '<img src=x onerror=alert(1)>',
  gateway: '"]; click BG1 call alert(1)',
  caller: '%%{init: {"securityLevel": "loose"}}%%',
  callee: '</script><script>alert(1)</script>',
  long: `very-long-${'x'.repeat(240)}`,
  unicode: 'ünïcødé-网关-🚀',
} as const;

function hostile(world: World): void {
  const build = new ScenarioBuilder(world);
  build.mesh(HOSTILE_NAMES.mesh, { mtls: true });
  build.service(HOSTILE_NAMES.mesh, HOSTILE_NAMES.caller);
  build.service(HOSTILE_NAMES.mesh, HOSTILE_NAMES.callee);
  build.service(HOSTILE_NAMES.mesh, HOSTILE_NAMES.long);
  build.service(HOSTILE_NAMES.mesh, HOSTILE_NAMES.unicode);
  build.calls(HOSTILE_NAMES.mesh, HOSTILE_NAMES.caller, [
    HOSTILE_NAMES.callee,
    HOSTILE_NAMES.unicode,
  ]);
  build.builtinGateway(HOSTILE_NAMES.mesh, HOSTILE_NAMES.gateway, {
    listeners: [{ port: 8080, protocol: 'HTTP', hostname: '*', tags: { listener: 'public' } }],
  });
  build.httpRoute(HOSTILE_NAMES.mesh, 'route-1', HOSTILE_NAMES.gateway, {
    rules: [{ path: '/', backends: [{ service: HOSTILE_NAMES.caller }] }],
  });
  build.delegatedGateway(HOSTILE_NAMES.mesh, `kong-${HOSTILE_NAMES.unicode}`, {
    calls: [HOSTILE_NAMES.unicode],
  });
  build.permission(HOSTILE_NAMES.mesh, 'allow-all', {
    to: 'Mesh',
    from: [{ service: 'Mesh', action: 'Allow' }],
  });
  world.churn = 0;
}

/** What a kuma-cp holds right after its first start: the `default` mesh, nothing else. */
function fresh(world: World): void {
  new ScenarioBuilder(world).mesh('default', { mtls: false });
}

const SCENARIO_BUILDERS: Record<ScenarioName, (world: World) => void> = {
  hostile,
  'docs-builtin': docsBuiltin,
  'docs-delegated': docsDelegated,
  mixed,
  large,
  fresh,
  empty: () => {},
};

/** Scenarios of a control plane that has just started: no zone has connected to a global yet. */
const WITHOUT_ZONES: readonly ScenarioName[] = ['fresh', 'empty'];

/** Resets the world to a scenario's start. */
export function loadScenario(world: World, scenario: ScenarioName): void {
  world.reset();
  if (world.options.mode === 'global' && !WITHOUT_ZONES.includes(scenario)) {
    for (const zone of new ScenarioBuilder(world).zones) connectZone(world, { name: zone });
  }
  // A federated zone's control plane creates its own Zone when it starts.
  if (world.options.mode === 'zone') ownZone(world);
  SCENARIO_BUILDERS[scenario](world);
}
