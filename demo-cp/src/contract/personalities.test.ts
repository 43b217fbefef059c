/**
 * Contract: which control plane the demo pretends to be — version (2.6.15, 3.0.0), environment
 * (Kubernetes) and multi-zone mode (global, federated zone). kuma-api.md §0, §2, §4–§7, §10.
 */
import { describe, expect, it } from 'vitest';
import {
  type Cp,
  cp,
  expectInvalid,
  expectKumaError,
  expectPageNotFound,
  type Json,
  type ListBody,
} from './harness';

const K8S_READ_ONLY =
  "On Kubernetes you cannot change the state of Kuma resources with 'kumactl apply' or via the HTTP API. As a best practice, you should always be using 'kubectl apply' instead. You can still use 'kumactl' or the HTTP API to make read-only operations. On Universal this limitation does not apply.\n";
const GLOBAL_READ_ONLY =
  "On global control plane you can not modify dataplane resources with 'kumactl apply' or via the HTTP API. You can still use 'kumactl' or the HTTP API to modify them on the zone control plane.\n";
const ZONE_READ_ONLY =
  "On zone control plane you can only modify zone resources with 'kumactl apply' or via the HTTP API. You can still use 'kumactl' or the HTTP API to modify the rest of the resource on the global control plane.\n";

const meshGateway = (name: string) => ({
  type: 'MeshGateway',
  mesh: 'default',
  name,
  selectors: [{ match: { 'kuma.io/service': name } }],
  conf: { listeners: [{ port: 8080, protocol: 'HTTP' }] },
});
const dataplane = (name: string) => ({
  type: 'Dataplane',
  mesh: 'default',
  name,
  networking: { address: '10.1.9.1', gateway: { tags: { 'kuma.io/service': 'kong' } } },
});
const httpRoute = (name: string, labels?: Record<string, string>) => ({
  type: 'MeshHTTPRoute',
  mesh: 'default',
  name,
  ...(labels ? { labels } : {}),
  spec: {
    targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
    to: [
      {
        targetRef: { kind: 'Mesh' },
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            default: { backendRefs: [{ kind: 'MeshService', name: 'frontend' }] },
          },
        ],
      },
    ],
  },
});
const meshService = (name: string) => ({
  type: 'MeshService',
  mesh: 'default',
  name,
  spec: { selector: { dataplaneTags: { 'kuma.io/service': name } }, ports: [{ port: 8080 }] },
});

/** A PUT and a DELETE of an existing resource of every type this CP lists in `/_resources`. */
async function writesOfEveryType(client: Cp) {
  const { resources } = await client.json<{ resources: Json[] }>('/_resources');
  const writes: { label: string; method: string; path: string; body?: Json }[] = [];
  for (const type of resources) {
    if (type.scope === 'Global') {
      writes.push(
        {
          label: `PUT ${type.name}`,
          method: 'PUT',
          path: `/${type.path}/x`,
          body: { type: type.name, name: 'x' },
        },
        { label: `DELETE ${type.name}`, method: 'DELETE', path: `/${type.path}/x` },
      );
      continue;
    }
    writes.push({
      label: `PUT ${type.name}`,
      method: 'PUT',
      path: `/meshes/default/${type.path}/x`,
      body: { type: type.name, mesh: 'default', name: 'x' },
    });
    const existing = await client.json<ListBody<Json>>(`/meshes/default/${type.path}`);
    const name = existing.items[0]?.name ?? 'x';
    writes.push({
      label: `DELETE ${type.name}`,
      method: 'DELETE',
      path: `/meshes/default/${type.path}/${name}`,
    });
  }
  writes.push({ label: 'DELETE Mesh', method: 'DELETE', path: '/meshes/legacy' });
  return { resources, writes };
}

describe('Kuma 2.6.15', () => {
  const v26 = () => cp({ kumaVersion: '2.6.15' });

  it('sends `tagline` in the index', async () => {
    const index = await v26().json<Json>('/');
    expect(index).toMatchObject({ product: 'Kuma', tagline: 'Kuma', version: '2.6.15' });
  });

  it('has no `kri` on any item', async () => {
    const client = v26();
    for (const path of [
      '/meshes/default',
      '/meshes/default/dataplanes/frontend-1',
      '/meshes/default/meshgateways/edge-gateway',
      '/meshes/default/meshhttproutes/edge-routes',
    ]) {
      expect(await client.json(path), path).not.toHaveProperty('kri');
    }
    const list = await client.json<ListBody<Json>>('/dataplanes');
    expect(list.items.some((item) => 'kri' in item)).toBe(false);
  });

  it('answers writes with an empty body', async () => {
    const client = v26();
    const created = await client.put('/meshes/default/meshgateways/gw', meshGateway('gw'));
    expect(created.status).toBe(201);
    expect(created.text).toBe('');
    const updated = await client.put('/meshes/default/meshgateways/gw', meshGateway('gw'));
    expect(updated.status).toBe(200);
    expect(updated.text).toBe('');
    const deleted = await client.del('/meshes/default/meshgateways/gw');
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
  });

  it('uses 2.6 wording: 405 "Method not Allowed", offsets, validation messages', async () => {
    const k8s = cp({ kumaVersion: '2.6.15', environment: 'kubernetes' });
    expectKumaError(await k8s.put('/meshes/default/meshgateways/gw', meshGateway('gw')), {
      status: 405,
      title: 'Method not Allowed',
      detail: 'Method not allowed',
    });
    const client = v26();
    expectKumaError(await client.get('/meshes/default/dataplanes?offset=abc'), {
      status: 400,
      detail: 'Invalid offset',
      invalidParameters: [{ field: 'offset', reason: 'Invalid format' }],
    });
    const route = httpRoute('r');
    route.spec.targetRef = { kind: 'MeshGateway' } as typeof route.spec.targetRef;
    expectInvalid(await client.put('/meshes/default/meshhttproutes/r', route), [
      { field: 'spec.targetRef.name', reason: 'must be set with kind MeshGateway' },
    ]);
  });

  it('has no size ≤ 0 check, no `type=` on service insights, no label filters', async () => {
    const client = v26();
    expect((await client.get('/meshes/default/dataplanes?size=0')).status).toBe(200);
    const all = await client.json<ListBody<Json>>('/meshes/default/service-insights');
    const typed = await client.json<ListBody<Json>>('/meshes/default/service-insights?type=bogus');
    expect(typed).toEqual(all);
    const labelled = await client.json<ListBody<Json>>('/meshes?filter[labels.a]=b');
    expect(labelled.total).toBe(3);
  });

  it('describes types without shortName (added in 2.10)', async () => {
    const { resources } = await v26().json<{ resources: Json[] }>('/_resources');
    expect(resources.length).toBeGreaterThan(0);
    for (const descriptor of resources) {
      expect(descriptor, descriptor.name).not.toHaveProperty('shortName');
      expect(typeof descriptor.pluralDisplayName).toBe('string');
    }
    // MeshService is usable from 2.9.
    expect(resources.map((r) => r.name)).not.toContain('MeshService');
  });

  it('has no `resources` in mesh insights (added in 2.9)', async () => {
    const insight = await v26().json<Json>('/mesh-insights/default');
    expect(insight).not.toHaveProperty('resources');
    expect(insight.dataplanesByType).toHaveProperty('gatewayBuiltin');
  });
});

describe('Kuma 3.0.0 (built-in gateway removed)', () => {
  const v30 = () => cp({ kumaVersion: '3.0.0' });

  it('drops MeshGateway and MeshGatewayRoute from /_resources', async () => {
    const { resources } = await v30().json<{ resources: Json[] }>('/_resources');
    const typeNames = resources.map((r) => r.name);
    expect(typeNames).not.toContain('MeshGateway');
    expect(typeNames).not.toContain('MeshGatewayRoute');
    expect(typeNames).toEqual(expect.arrayContaining(['Mesh', 'Dataplane', 'MeshHTTPRoute']));
  });

  it.each([
    ['GET', '/meshes/default/meshgateways'],
    ['GET', '/meshgateways'],
    ['GET', '/meshes/default/meshgateways/edge-gateway'],
    ['GET', '/meshes/default/meshgateways/edge-gateway/_rules'],
    ['GET', '/meshes/default/meshgateways/edge-gateway/dataplanes'],
    ['GET', '/meshes/default/meshgatewayroutes'],
    ['PUT', '/meshes/default/meshgateways/gw'],
    ['GET', '/meshes/default/service-insights'],
    ['GET', '/meshes/default/service-insights/frontend'],
  ])('%s %s → 404', async (method, path) => {
    const reply = await v30().call(method, path, method === 'PUT' ? meshGateway('gw') : undefined);
    expectPageNotFound(reply);
  });

  it('has no built-in gateway dataplanes, and refuses gateway=builtin', async () => {
    const client = v30();
    const all = await client.json<ListBody<Json>>('/dataplanes?size=1000');
    expect(all.items.some((item) => item.networking.gateway?.type === 'BUILTIN')).toBe(false);
    expectKumaError(await client.get('/meshes/default/dataplanes?gateway=builtin'), {
      status: 400,
      invalidParameters: [
        {
          field: '/meshes/{mesh}/dataplanes.gateway',
          reason: 'should use `true`, `false` or `delegated` instead of builtin',
        },
      ],
    });
    const delegated = await client.json<ListBody<Json>>('/dataplanes?gateway=delegated');
    expect(delegated.total).toBeGreaterThan(0);
  });

  it('drops the gatewayBuiltin statistics and MeshInsight.policies', async () => {
    const client = v30();
    const global = await client.json<Json>('/global-insight');
    expect(global.dataplanes).not.toHaveProperty('gatewayBuiltin');
    expect(global.services).not.toHaveProperty('gatewayBuiltin');
    expect(global.dataplanes).toHaveProperty('gatewayDelegated');
    const insight = await client.json<Json>('/mesh-insights/default');
    expect(insight.dataplanesByType).not.toHaveProperty('gatewayBuiltin');
    expect(insight).not.toHaveProperty('policies');
  });
});

describe('Kubernetes (apiServer.readOnly)', () => {
  it('refuses every PUT and DELETE with 405 and Kuma’s message', async () => {
    const client = cp({ environment: 'kubernetes' });
    const { resources, writes } = await writesOfEveryType(client);
    expect(resources.every((r) => r.readOnly === true)).toBe(true);
    expect(writes.length).toBeGreaterThan(resources.length);
    for (const write of writes) {
      const reply = await client.call(write.method, write.path, write.body);
      expect(reply.status, write.label).toBe(405);
      expectKumaError(reply, {
        status: 405,
        title: 'Method not allowed',
        detail: K8S_READ_ONLY,
      });
    }
    // Nothing changed.
    expect((await client.get('/meshes/legacy')).status).toBe(200);
    expect((await client.get('/meshes/default/meshgateways/edge-gateway')).status).toBe(200);
  });

  it('says so in /config', async () => {
    const config = await cp({ environment: 'kubernetes' }).json<Json>('/config');
    expect(config.environment).toBe('kubernetes');
    expect(config.apiServer.readOnly).toBe(true);
  });
});

describe('global control plane', () => {
  const global = () => cp({ mode: 'global' });

  it('reports mode, and writability as kuma-cp does: in /policies, not in /_resources', async () => {
    const client = global();
    expect((await client.json<Json>('/config')).mode).toBe('global');
    // kuma-cp's `/_resources` marks only computed types read-only on a global control plane,
    // although a Dataplane write gets 405 there (measured on 2.6.15 and 2.14.3).
    const { resources } = await client.json<{ resources: Json[] }>('/_resources');
    const readOnly = Object.fromEntries(resources.map((r) => [r.name, r.readOnly]));
    expect(readOnly).toMatchObject({
      Mesh: false,
      Dataplane: false,
      MeshGateway: false,
      MeshHTTPRoute: false,
      MeshService: false,
      MeshInsight: true,
    });
    const { policies } = await client.json<{ policies: Json[] }>('/policies');
    const policyReadOnly = Object.fromEntries(policies.map((p) => [p.name, p.readOnly]));
    expect(policyReadOnly).toMatchObject({ MeshHTTPRoute: false, MeshTrafficPermission: false });
  });

  it('refuses Dataplane writes with the global message', async () => {
    const client = global();
    // Dataplanes come from their zone under a hashed name (`<name>-<hash of mesh, name, zone>`).
    const frontend = 'frontend-1-294cz59zv4v9cc64';
    for (const reply of [
      await client.put('/meshes/default/dataplanes/kong-9', dataplane('kong-9')),
      await client.del(`/meshes/default/dataplanes/${frontend}`),
    ]) {
      expectKumaError(reply, {
        status: 405,
        title: 'Method not allowed',
        detail: GLOBAL_READ_ONLY,
      });
    }
    expect(await client.json(`/meshes/default/dataplanes/${frontend}`)).toMatchObject({
      labels: {
        'kuma.io/display-name': 'frontend-1',
        'kuma.io/origin': 'zone',
        'kuma.io/zone': 'zone-east',
      },
      kri: 'kri_dp_default_zone-east__frontend-1_',
    });
  });

  it('writes Meshes, MeshGateways and routes', async () => {
    const client = global();
    expect((await client.put('/meshes/team-9', { type: 'Mesh', name: 'team-9' })).status).toBe(201);
    expect((await client.put('/meshes/default/meshgateways/gw', meshGateway('gw'))).status).toBe(
      201,
    );
    expect((await client.put('/meshes/default/meshhttproutes/r', httpRoute('r'))).status).toBe(201);
    expect(
      (
        await client.put(
          '/meshes/default/meshhttproutes/r2',
          httpRoute('r2', { 'kuma.io/origin': 'global' }),
        )
      ).status,
    ).toBe(201);
    const zoneOrigin = await client.put(
      '/meshes/default/meshhttproutes/r3',
      httpRoute('r3', { 'kuma.io/origin': 'zone' }),
    );
    const error = expectKumaError(zoneOrigin, { status: 400 });
    expect(error.invalid_parameters?.map((p) => p.field)).toEqual(['labels["kuma.io/origin"]']);
  });

  it('lists its zones', async () => {
    const zones = await global().json<ListBody<Json>>('/zones');
    expect(zones.items.map((zone) => zone.name)).toEqual(['zone-east', 'zone-west']);
  });
});

describe('federated zone control plane', () => {
  const zone = () => cp({ mode: 'zone', zone: 'zone-east' });

  it('reports mode and its global address', async () => {
    const client = zone();
    const config = await client.json<Json>('/config');
    expect(config.mode).toBe('zone');
    expect(config.multizone.zone.name).toBe('zone-east');
    expect(config.multizone.zone.globalAddress).not.toBe('');
    // The GUI is not mounted on a federated zone: `gui` is "" in 2.14.
    expect((await client.json<Json>('/')).gui).toBe('');
  });

  it('refuses Mesh writes with the zone message', async () => {
    const client = zone();
    for (const reply of [
      await client.put('/meshes/team-9', { type: 'Mesh', name: 'team-9' }),
      await client.del('/meshes/legacy'),
    ]) {
      expectKumaError(reply, { status: 405, title: 'Method not allowed', detail: ZONE_READ_ONLY });
    }
  });

  it('needs the origin label `zone` on policies', async () => {
    const client = zone();
    expectInvalid(await client.put('/meshes/default/meshhttproutes/r', httpRoute('r')), [
      { field: 'labels["kuma.io/origin"]', reason: "the origin label must be set to 'zone'" },
    ]);
    expectInvalid(
      await client.put(
        '/meshes/default/meshhttproutes/r',
        httpRoute('r', { 'kuma.io/origin': 'global' }),
      ),
      [{ field: 'labels["kuma.io/origin"]', reason: "the origin label must be set to 'zone'" }],
    );
    const accepted = await client.put(
      '/meshes/default/meshhttproutes/r',
      httpRoute('r', { 'kuma.io/origin': 'zone' }),
    );
    expect(accepted.status).toBe(201);
    const stored = await client.json<Json>('/meshes/default/meshhttproutes/r');
    expect(stored.labels['kuma.io/origin']).toBe('zone');
  });

  it('writes Dataplanes, MeshGateways and MeshServices', async () => {
    const client = zone();
    expect(
      (await client.put('/meshes/default/dataplanes/kong-9', dataplane('kong-9'))).status,
    ).toBe(201);
    expect((await client.put('/meshes/default/meshgateways/gw', meshGateway('gw'))).status).toBe(
      201,
    );
    // A federated zone takes new-style resources only when they say they originate there.
    const refused = await client.put('/meshes/default/meshservices/svc', meshService('svc'));
    expectKumaError(refused, {
      status: 400,
      invalidParameters: [
        { field: 'labels["kuma.io/origin"]', reason: "the origin label must be set to 'zone'" },
      ],
    });
    const labelled = { ...meshService('svc'), labels: { 'kuma.io/origin': 'zone' } };
    expect((await client.put('/meshes/default/meshservices/svc', labelled)).status).toBe(201);
  });
});
