/**
 * Contract: gateways, routes, policies, MeshServices, service insights and zones
 * (kuma-api.md §1, §2, §9, §13).
 */
import { describe, expect, it } from 'vitest';
import { cp, expectKumaError, type Json, type ListBody, names } from './harness';

describe('MeshGateway', () => {
  it('lists gateways as flat legacy resources (no `spec`)', async () => {
    const client = cp();
    const list = await client.json<ListBody<Json>>('/meshes/default/meshgateways');
    expect(list.total).toBe(1);
    expect(list.next).toBeNull();
    const gateway = list.items[0] as Json;
    expect(gateway).toMatchObject({
      type: 'MeshGateway',
      mesh: 'default',
      name: 'edge-gateway',
      selectors: [{ match: { 'kuma.io/service': 'edge-gateway' } }],
      kri: 'kri_mgw_default_default__edge-gateway_',
    });
    expect(gateway).not.toHaveProperty('spec');
    expect(gateway.conf.listeners.map((l: Json) => `${l.protocol}:${l.port}`)).toEqual([
      'HTTP:80',
      'HTTPS:443',
      'HTTP:8081',
      'TCP:6379',
      'HTTP:9080',
    ]);
    expect(gateway.conf.listeners[1].tls).toEqual({
      mode: 'TERMINATE',
      certificates: [{ secret: 'shop-example-com-cert' }],
    });
    expect(await client.json('/meshes/default/meshgateways/edge-gateway')).toEqual(gateway);
    const all = await client.json<ListBody<Json>>('/meshgateways');
    expect(all.items.map((item) => `${item.mesh}/${item.name}`)).toEqual([
      'default/edge-gateway',
      'legacy/legacy-gateway',
    ]);
    expectKumaError(await client.get('/meshes/default/meshgateways/nope'), {
      status: 404,
      detail: 'Not found',
    });
  });

  it('lists the built-in dataplanes a gateway selects, unpaginated (§13)', async () => {
    const client = cp();
    const body = await client.json<Json>('/meshes/default/meshgateways/edge-gateway/dataplanes');
    expect(body).toEqual({
      total: 2,
      items: [
        { dataplane: { mesh: 'default', name: 'edge-gateway-1' } },
        { dataplane: { mesh: 'default', name: 'edge-gateway-2' } },
      ],
    });
    // A new BUILTIN dataplane whose tags match the selector joins the list.
    const added = await client.put('/meshes/default/dataplanes/edge-gateway-3', {
      type: 'Dataplane',
      mesh: 'default',
      name: 'edge-gateway-3',
      networking: {
        address: '10.1.9.3',
        gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': 'edge-gateway', zone: 'b' } },
      },
    });
    expect(added.status).toBe(201);
    const after = await client.json<Json>('/meshes/default/meshgateways/edge-gateway/dataplanes');
    expect(after.total).toBe(3);
    expect(after.items[2]).toEqual({ dataplane: { mesh: 'default', name: 'edge-gateway-3' } });
    expect((await client.get('/meshes/default/meshgateways/nope/dataplanes')).status).toBe(404);
  });

  it('shows the routes that target it in `_rules` (§13)', async () => {
    const client = cp();
    const rules = await client.json<Json>('/meshes/default/meshgateways/edge-gateway/_rules');
    expect(rules.resource).toMatchObject({
      type: 'MeshGateway',
      mesh: 'default',
      name: 'edge-gateway',
    });
    expect(Array.isArray(rules.httpMatches)).toBe(true);
    const byType = new Map<string, Json>(rules.rules.map((rule: Json) => [rule.type, rule]));
    // Every policy kind that selects the gateway, as kuma-cp lists them: the mesh's default
    // timeouts, circuit breaker, retries and permissions too, not only its routes.
    expect([...byType.keys()].sort()).toEqual([
      'MeshCircuitBreaker',
      'MeshHTTPRoute',
      'MeshRetry',
      'MeshTCPRoute',
      'MeshTimeout',
      'MeshTrafficPermission',
    ]);
    const origins = (type: string) =>
      ((byType.get(type)?.toRules ?? []) as Json[]).flatMap((rule) =>
        rule.origin.map((origin: Json) => origin.name),
      );
    expect(origins('MeshHTTPRoute').sort()).toEqual([
      'edge-admin',
      'edge-cross-mesh',
      'edge-routes',
    ]);
    expect(origins('MeshTCPRoute')).toEqual(['edge-redis']);
    for (const rule of rules.rules as Json[]) {
      expect(rule.warnings).toEqual([]);
      for (const toRule of rule.toRules) {
        expect(Array.isArray(toRule.matchers)).toBe(true);
        expect(toRule.conf).toBeDefined();
      }
    }
    expectKumaError(await client.get('/meshes/default/meshgateways/nope/_rules'), {
      status: 404,
      title: 'Could not retrieve MeshGateway',
    });
  });

  it('answers `_rules` for a dataplane too', async () => {
    const client = cp();
    const rules = await client.json<Json>('/meshes/default/dataplanes/frontend-1/_rules');
    expect(rules.resource).toMatchObject({
      type: 'Dataplane',
      mesh: 'default',
      name: 'frontend-1',
    });
    expect(Array.isArray(rules.rules)).toBe(true);
    expect(Array.isArray(rules.httpMatches)).toBe(true);
    expect((await client.get('/meshes/default/dataplanes/nope/_rules')).status).toBe(404);
  });
});

interface CrudCase {
  type: string;
  path: string;
  mesh: string;
  create: Json;
  update: Json;
  /** Reads the field the update changed. */
  changed: (resource: Json) => unknown;
  before: unknown;
  after: unknown;
  /** What a write answers besides success (2.14 deprecations). */
  warnings?: string[];
}

const routeTo = (service: string) => [
  {
    targetRef: { kind: 'Mesh' },
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/shop' } }],
        default: { backendRefs: [{ kind: 'MeshService', name: service }] },
      },
    ],
  },
];

const crudCases: CrudCase[] = [
  {
    type: 'MeshGateway',
    path: 'meshgateways',
    mesh: 'default',
    create: {
      selectors: [{ match: { 'kuma.io/service': 'shop-gateway' } }],
      conf: { listeners: [{ port: 8080, protocol: 'HTTP', hostname: 'shop.example.com' }] },
    },
    update: {
      selectors: [{ match: { 'kuma.io/service': 'shop-gateway' } }],
      conf: { listeners: [{ port: 8443, protocol: 'HTTP', hostname: 'shop.example.com' }] },
    },
    changed: (gateway) => gateway.conf.listeners[0].port,
    before: 8080,
    after: 8443,
  },
  {
    type: 'MeshHTTPRoute',
    path: 'meshhttproutes',
    mesh: 'default',
    create: {
      spec: { targetRef: { kind: 'MeshGateway', name: 'edge-gateway' }, to: routeTo('frontend') },
    },
    update: {
      spec: { targetRef: { kind: 'MeshGateway', name: 'edge-gateway' }, to: routeTo('backend') },
    },
    changed: (route) => route.spec.to[0].rules[0].default.backendRefs[0].name,
    before: 'frontend',
    after: 'backend',
  },
  {
    type: 'MeshTCPRoute',
    path: 'meshtcproutes',
    mesh: 'default',
    create: {
      spec: {
        targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { listener: 'redis' } },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            rules: [{ default: { backendRefs: [{ kind: 'MeshService', name: 'redis' }] } }],
          },
        ],
      },
    },
    update: {
      spec: {
        targetRef: { kind: 'MeshGateway', name: 'edge-gateway', tags: { listener: 'redis' } },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            rules: [{ default: { backendRefs: [{ kind: 'MeshService', name: 'orders' }] } }],
          },
        ],
      },
    },
    changed: (route) => route.spec.to[0].rules[0].default.backendRefs[0].name,
    before: 'redis',
    after: 'orders',
  },
  {
    type: 'MeshTrafficPermission',
    path: 'meshtrafficpermissions',
    mesh: 'default',
    warnings: [
      "'from' field is deprecated and will be removed in 3.0, use 'rules' with MeshIdentity (spiffeId) instead",
      "MeshSubset value for 'targetRef.kind' is deprecated, use Dataplane with labels instead",
    ],
    create: {
      spec: {
        targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'orders' } },
        from: [
          {
            targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'edge-gateway' } },
            default: { action: 'Allow' },
          },
        ],
      },
    },
    update: {
      spec: {
        targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'orders' } },
        from: [
          {
            targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'edge-gateway' } },
            default: { action: 'Deny' },
          },
        ],
      },
    },
    changed: (permission) => permission.spec.from[0].default.action,
    before: 'Allow',
    after: 'Deny',
  },
  {
    type: 'MeshService',
    path: 'meshservices',
    mesh: 'payments',
    create: {
      spec: {
        selector: { dataplaneTags: { 'kuma.io/service': 'ledger' } },
        ports: [{ port: 8080, targetPort: 8080, appProtocol: 'http' }],
      },
    },
    update: {
      spec: {
        selector: { dataplaneTags: { 'kuma.io/service': 'ledger' } },
        ports: [{ port: 9090, targetPort: 8080, appProtocol: 'http' }],
      },
    },
    changed: (service) => service.spec.ports[0].port,
    before: 8080,
    after: 9090,
  },
];

describe.each(crudCases)('$type CRUD', (crud) => {
  const base = `/meshes/${crud.mesh}/${crud.path}`;
  const name = 'contract-test';
  const body = (extra: Json) => ({ type: crud.type, mesh: crud.mesh, name, ...extra });

  it('PUT 201 → GET → PUT 200 → DELETE 200 → 404', async () => {
    const client = cp();
    const before = await client.json<ListBody<Json>>(base);
    const created = await client.put(`${base}/${name}`, body(crud.create));
    expect(created.status, created.text).toBe(201);
    // A MeshTrafficPermission with `from` comes back with 2.14's deprecation warning.
    expect(created.body).toEqual(crud.warnings ? { warnings: crud.warnings } : {});
    const stored = await client.json<Json>(`${base}/${name}`);
    expect(stored).toMatchObject({ type: crud.type, mesh: crud.mesh, name });
    expect(crud.changed(stored)).toEqual(crud.before);
    // The zone a standalone kuma-cp stamps is `default`.
    expect(stored.kri).toMatch(new RegExp(`^kri_[a-z]+_${crud.mesh}_default__${name}_$`));
    const listed = await client.json<ListBody<Json>>(base);
    expect(listed.total).toBe(before.total + 1);
    expect(names(listed.items)).toContain(name);

    const updated = await client.put(`${base}/${name}`, body(crud.update));
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toEqual(crud.warnings ? { warnings: crud.warnings } : {});
    const after = await client.json<Json>(`${base}/${name}`);
    expect(crud.changed(after)).toEqual(crud.after);
    expect(after.creationTime).toBe(stored.creationTime);

    const deleted = await client.del(`${base}/${name}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    expectKumaError(await client.get(`${base}/${name}`), { status: 404, detail: 'Not found' });
    expectKumaError(await client.del(`${base}/${name}`), { status: 404, detail: 'Not found' });
    expect((await client.json<ListBody<Json>>(base)).total).toBe(before.total);
  });

  it('is listed across meshes at the type path', async () => {
    const client = cp();
    const perMesh = await client.json<ListBody<Json>>(base);
    const all = await client.json<ListBody<Json>>(`/${crud.path}`);
    expect(all.items.filter((item) => item.mesh === crud.mesh)).toEqual(perMesh.items);
  });
});

describe('new-style resources', () => {
  it('nest their payload under `spec` and carry `status` when computed (MeshService)', async () => {
    const client = cp();
    const route = await client.json<Json>('/meshes/default/meshhttproutes/edge-routes');
    expect(route.spec.targetRef).toEqual({
      kind: 'MeshGateway',
      name: 'edge-gateway',
      tags: { listener: 'public' },
    });
    expect(route).not.toHaveProperty('conf');
    const service = await client.json<Json>('/meshes/payments/meshservices/checkout');
    expect(service.spec.selector).toEqual({ dataplaneTags: { 'kuma.io/service': 'checkout' } });
    expect(Array.isArray(service.status.vips)).toBe(true);
    expect(service.status.tls).toBeDefined();
    expect(service.status.dataplaneProxies).toEqual({ connected: 2, healthy: 2, total: 2 });
  });

  it('filter[labels.*] keeps exact label matches (2.10+), other filters are a 400', async () => {
    const client = cp();
    const list = await client.json<ListBody<Json>>(
      '/meshes/payments/meshservices?filter[labels.kuma.io/origin]=zone',
    );
    expect(list.total).toBe(3);
    const none = await client.json<ListBody<Json>>(
      '/meshes/payments/meshservices?filter[labels.kuma.io/origin]=zon',
    );
    expect(none.total).toBe(0);
    const bad = expectKumaError(
      await client.get('/meshes/payments/meshservices?filter[name]=checkout'),
      { status: 400 },
    );
    expect(bad.invalid_parameters?.[0]?.reason).toBe('filters are only supported on labels');
  });
});

describe('service insights (2.7 – 2.14)', () => {
  it('lists one insight per kuma.io/service with status and counts', async () => {
    const client = cp();
    const list = await client.json<ListBody<Json>>('/meshes/default/service-insights');
    expect(names(list.items)).toEqual([
      'backend',
      'backend-v2',
      'edge-gateway',
      'frontend',
      'orders',
      'payments',
      'redis',
    ]);
    for (const item of list.items) {
      expect(item.type).toBe('ServiceInsight');
      expect(item.mesh).toBe('default');
      expect(['online', 'offline', 'partially_degraded']).toContain(item.status);
      // protojson leaves zero counters out; `total` is online + offline.
      expect(item.dataplanes.total).toBe(
        (item.dataplanes.online ?? 0) + (item.dataplanes.offline ?? 0),
      );
    }
    const payments = list.items.find((item) => item.name === 'payments') as Json;
    // payments-1 is pinned offline by the scenario.
    expect(payments.status).toBe('offline');
    expect(payments.dataplanes).toEqual({ total: 1, offline: 1 });
    const gateway = await client.json<Json>('/meshes/default/service-insights/edge-gateway');
    expect(gateway).toMatchObject({ name: 'edge-gateway', serviceType: 'gateway_builtin' });
    expect(gateway.dataplanes.total).toBe(2);
    expectKumaError(await client.get('/meshes/default/service-insights/nope'), {
      status: 404,
      detail: 'Not found',
    });
  });

  it.each([
    ['gateway_builtin', 'default', ['edge-gateway']],
    ['gateway_delegated', 'legacy', ['kong-legacy']],
    ['gateway_builtin,gateway_delegated', 'legacy', ['kong-legacy', 'legacy-gateway']],
    ['internal', 'legacy', ['catalog', 'reviews', 'search', 'search-admin']],
  ])('type=%s in %s', async (type, mesh, expected) => {
    const list = await cp().json<ListBody<Json>>(`/meshes/${mesh}/service-insights?type=${type}`);
    expect(names(list.items)).toEqual(expected);
    expect(list.total).toBe(expected.length);
  });

  it('lists every mesh’s services at /service-insights, by mesh then name, with name= and paging', async () => {
    const client = cp();
    const list = await client.json<ListBody<Json>>('/service-insights?name=pay&size=1');
    // kuma-cp serves the all-meshes list too (pkg/api-server/server.go, "listing all resources in all meshes").
    expect(list.items.map((item) => `${item.mesh}/${item.name}`)).toEqual(['default/payments']);
    expect(list.total).toBe(2);
    expect(list.next).toContain('offset=1');
    const next = await client.json<ListBody<Json>>('/service-insights?name=pay&size=1&offset=1');
    expect(next.items.map((item) => `${item.mesh}/${item.name}`)).toEqual([
      'payments/kong-payments',
    ]);
    const gateways = await client.json<ListBody<Json>>('/service-insights?type=gateway_builtin');
    expect(gateways.items.map((item) => `${item.mesh}/${item.name}`)).toEqual([
      'default/edge-gateway',
      'legacy/legacy-gateway',
    ]);
  });

  it('keeps delegated gateways in an Exclusive mesh on 2.14.2+ (kuma-api.md §2)', async () => {
    const list = await cp().json<ListBody<Json>>(
      '/meshes/payments/service-insights?type=gateway_delegated',
    );
    expect(names(list.items)).toEqual(['kong-payments']);
    expect(list.items[0]?.serviceType).toBe('gateway_delegated');
    const all = await cp().json<ListBody<Json>>('/meshes/payments/service-insights');
    expect(all.total).toBe(1);
    expect(all.items.every((item) => item.serviceType === 'gateway_delegated')).toBe(true);
  });

  it('is empty in an Exclusive mesh on 2.14.0 and 2.14.1', async () => {
    const list = await cp({ kumaVersion: '2.14.1' }).json<ListBody<Json>>(
      '/meshes/payments/service-insights?type=gateway_delegated',
    );
    expect(list.total).toBe(0);
  });

  it('rejects an unknown type with 400 "unsupported service type"', async () => {
    const reply = await cp().get('/meshes/default/service-insights?type=internal,sidecar');
    expectKumaError(reply, { status: 400 });
    expect(reply.text).toContain('unsupported service type');
  });

  it('pages like any list', async () => {
    const page = await cp().json<ListBody<Json>>('/meshes/default/service-insights?size=3');
    expect(page.total).toBe(7);
    expect(page.items).toHaveLength(3);
    expect(page.next).toBe('http://cp.test/meshes/default/service-insights?offset=3&size=3');
  });
});

describe('zones on a global control plane', () => {
  it('lists zones and their overviews', async () => {
    const client = cp({ mode: 'global' });
    const zones = await client.json<ListBody<Json>>('/zones');
    expect(zones.total).toBe(2);
    expect(names(zones.items)).toEqual(['zone-east', 'zone-west']);
    expect(zones.items[0]).toMatchObject({ type: 'Zone', name: 'zone-east' });
    const overview = await client.json<ListBody<Json>>('/zones/_overview');
    expect(names(overview.items)).toEqual(['zone-east', 'zone-west']);
    for (const item of overview.items) {
      expect(item.type).toBe('ZoneOverview');
      expect(item.zone).toEqual({ enabled: true });
      const [subscription] = item.zoneInsight.subscriptions;
      expect(typeof subscription.connectTime).toBe('string');
      expect(subscription.disconnectTime).toBeUndefined();
      expect(subscription.version.kumaCp.version).toBe('2.14.3');
      // The zone CP's config travels as a JSON string.
      expect(JSON.parse(subscription.config)).toMatchObject({ environment: 'universal' });
    }
    expect(await client.json('/zones+insights')).toEqual(overview);
    expect(await client.json('/zones/zone-west/_overview')).toEqual(overview.items[1]);
    expect(await client.json('/zones/zone-west')).toEqual(zones.items[1]);
    expect((await client.get('/zones/nope')).status).toBe(404);
  });

  it('writes Zones on global: 201, 200, DELETE 200; a new zone has no insight yet', async () => {
    const client = cp({ mode: 'global' });
    const created = await client.put('/zones/zone-north', { type: 'Zone', name: 'zone-north' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toEqual({});
    const zones = await client.json<ListBody<Json>>('/zones');
    expect(names(zones.items)).toEqual(['zone-east', 'zone-north', 'zone-west']);
    // `enabled` is a BoolValue: a PUT without it stores none (a connecting zone sets it).
    expect(await client.json('/zones/zone-north')).not.toHaveProperty('enabled');
    await client.tick();
    const overview = await client.json<Json>('/zones/zone-north/_overview');
    expect(overview.zoneInsight.subscriptions ?? []).toEqual([]);
    const disabled = await client.put('/zones/zone-north', {
      type: 'Zone',
      name: 'zone-north',
      enabled: false,
    });
    expect(disabled.status).toBe(200);
    expect((await client.json<Json>('/zones/zone-north')).enabled).toBe(false);
    expectKumaError(await client.put('/zones/zone-south', { type: 'Zone', name: 'zone-x' }), {
      status: 400,
      invalidParameters: [
        { field: 'name', reason: 'name from the URL has to be the same as in body' },
      ],
    });
    expect((await client.del('/zones/zone-north')).status).toBe(200);
    expect((await client.get('/zones/zone-north')).status).toBe(404);
    expect((await client.del('/zones/zone-north')).status).toBe(404);
  });

  it('has no zones on a standalone control plane', async () => {
    const zones = await cp().json<ListBody<Json>>('/zones');
    expect(zones).toEqual({ total: 0, items: [], next: null });
  });

  it('tags every dataplane with its zone', async () => {
    const client = cp({ mode: 'global' });
    const all = await client.json<ListBody<Json>>('/dataplanes?size=1000');
    expect(all.total).toBeGreaterThan(0);
    const zones = new Set<string>();
    for (const item of all.items) {
      const tagSets: Record<string, string>[] = item.networking.gateway
        ? [item.networking.gateway.tags]
        : item.networking.inbound.map((inbound: Json) => inbound.tags);
      for (const tags of tagSets) {
        expect(['zone-east', 'zone-west'], `${item.mesh}/${item.name}`).toContain(
          tags['kuma.io/zone'],
        );
        zones.add(tags['kuma.io/zone'] as string);
      }
    }
    expect([...zones].sort()).toEqual(['zone-east', 'zone-west']);
    const east = await client.json<ListBody<Json>>('/dataplanes?tag=kuma.io/zone:zone-east');
    expect(east.total).toBeGreaterThan(0);
    expect(east.total).toBeLessThan(all.total);
  });
});
