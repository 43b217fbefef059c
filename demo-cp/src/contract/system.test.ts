/**
 * Contract: the system endpoints, meshes and mesh insights (kuma-api.md §2, §4, §6, §8).
 */
import { describe, expect, it } from 'vitest';
import {
  cp,
  documentedStatus,
  expectKumaError,
  type Json,
  type ListBody,
  names,
  type OverviewLike,
} from './harness';

describe('GET /', () => {
  it('is the index of a 2.14 control plane, without mode or environment', async () => {
    const client = cp();
    const reply = await client.get('/');
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/^application\/json/);
    const body = reply.body as Json;
    expect(body).toMatchObject({ product: 'Kuma', version: '2.14.3', gui: '/gui' });
    expect(Object.keys(body).sort()).toEqual(
      ['clusterId', 'gui', 'hostname', 'instanceId', 'product', 'version'].sort(),
    );
    expect(typeof body.hostname).toBe('string');
    expect(typeof body.instanceId).toBe('string');
    expect(typeof body.clusterId).toBe('string');
    expect(body).not.toHaveProperty('tagline');
    expect(body).not.toHaveProperty('mode');
    expect(body).not.toHaveProperty('environment');
  });
});

describe('GET /config', () => {
  it('carries mode, environment, store and apiServer.readOnly', async () => {
    const config = await cp().json<Json>('/config');
    expect(config.environment).toBe('universal');
    // A control plane that is not federated runs in kuma-cp's `zone` mode, without a global address.
    expect(config.mode).toBe('zone');
    expect(typeof config.store.type).toBe('string');
    expect(config.apiServer.readOnly).toBe(false);
    // 2.14 turned CORS off by default.
    expect(config.apiServer.corsAllowedDomains).toEqual([]);
    expect(config.metrics.dataplane.subscriptionLimit).toBe(2);
    expect(config.multizone.zone).not.toHaveProperty('globalAddress');
  });
});

describe('GET /_resources', () => {
  it('describes every type with its path, scope and readOnly flag', async () => {
    const { resources } = await cp().json<{ resources: Json[] }>('/_resources');
    const byName = new Map(resources.map((r) => [r.name as string, r]));
    for (const [name, path, scope] of [
      ['Mesh', 'meshes', 'Global'],
      ['Dataplane', 'dataplanes', 'Mesh'],
      ['MeshGateway', 'meshgateways', 'Mesh'],
      ['MeshHTTPRoute', 'meshhttproutes', 'Mesh'],
      ['MeshTCPRoute', 'meshtcproutes', 'Mesh'],
      ['MeshTrafficPermission', 'meshtrafficpermissions', 'Mesh'],
      ['MeshService', 'meshservices', 'Mesh'],
    ] as const) {
      const descriptor = byName.get(name);
      expect(descriptor, name).toBeDefined();
      expect(descriptor).toMatchObject({ name, path, scope, readOnly: false });
      expect(typeof descriptor?.singularDisplayName).toBe('string');
      expect(typeof descriptor?.pluralDisplayName).toBe('string');
      expect(typeof descriptor?.includeInFederation).toBe('boolean');
      // shortName arrived in 2.10.
      expect(typeof descriptor?.shortName).toBe('string');
    }
    expect(byName.get('MeshHTTPRoute')?.policy).toBeDefined();
    expect(byName.get('Mesh')?.policy).toBeUndefined();
  });

  it('lists only paths that answer', async () => {
    const client = cp();
    const { resources } = await client.json<{ resources: Json[] }>('/_resources');
    for (const descriptor of resources) {
      const path =
        descriptor.scope === 'Global'
          ? `/${descriptor.path}`
          : `/meshes/default/${descriptor.path}`;
      const list = await client.json<ListBody>(path);
      expect(list, path).toHaveProperty('total');
    }
  });
});

describe('GET /global-insight', () => {
  it('counts what the lists show, by kind and by status (kuma-api.md §8)', async () => {
    const client = cp();
    await client.tick(3);
    const insight = await client.json<Json>('/global-insight');
    expect(typeof insight.createdAt).toBe('string');
    expect(Number.isNaN(Date.parse(insight.createdAt))).toBe(false);
    const all = await client.json<ListBody<OverviewLike & Json>>('/dataplanes/_overview?size=1000');
    const buckets = {
      standard: all.items.filter((item) => !item.dataplane.networking.gateway),
      gatewayBuiltin: all.items.filter(
        (item) => (item.dataplane.networking.gateway as Json | undefined)?.type === 'BUILTIN',
      ),
      gatewayDelegated: all.items.filter(
        (item) =>
          item.dataplane.networking.gateway &&
          (item.dataplane.networking.gateway as Json).type === undefined,
      ),
    };
    for (const [bucket, items] of Object.entries(buckets)) {
      const statuses = items.map(documentedStatus);
      expect(insight.dataplanes[bucket], bucket).toEqual({
        total: items.length,
        online: statuses.filter((s) => s === 'online').length,
        offline: statuses.filter((s) => s === 'offline').length,
        partiallyDegraded: statuses.filter((s) => s === 'partially_degraded').length,
      });
    }
    expect(buckets.gatewayBuiltin.length).toBeGreaterThan(0);
    expect(buckets.gatewayDelegated.length).toBeGreaterThan(0);
    const meshes = await client.json<ListBody>('/meshes');
    expect(insight.meshes).toEqual({ total: meshes.total });
    expect(insight.resources.Dataplane).toEqual({ total: all.total });
    expect(insight.resources.MeshGateway.total).toBe(
      (await client.json<ListBody>('/meshgateways')).total,
    );
    for (const key of ['total', 'internal', 'external', 'gatewayBuiltin', 'gatewayDelegated']) {
      expect(insight.services, key).toHaveProperty(key);
    }
    expect(insight.policies.total).toBeGreaterThan(0);
    expect(insight.zones).toHaveProperty('controlPlanes');
  });
});

describe('meshes', () => {
  it('lists meshes sorted by name, with the list envelope', async () => {
    const list = await cp().json<ListBody>('/meshes');
    expect(list.total).toBe(3);
    expect(names(list.items)).toEqual(['default', 'legacy', 'payments']);
    expect(list.next).toBeNull();
    const mesh = list.items[0] as Json;
    expect(mesh.type).toBe('Mesh');
    expect(mesh).not.toHaveProperty('mesh');
    expect(mesh.mtls).toEqual({
      enabledBackend: 'ca-1',
      backends: [{ name: 'ca-1', type: 'builtin' }],
    });
  });

  it('pages as in kuma-api.md §4: size=2 of 3, absolute next, null on the last page', async () => {
    const client = cp();
    const first = await client.json<ListBody>('/meshes?size=2');
    expect(first.total).toBe(3);
    expect(names(first.items)).toEqual(['default', 'legacy']);
    expect(first.next).toBe('http://cp.test/meshes?offset=2&size=2');
    const last = await client.json<ListBody>(first.next as string);
    expect(last.total).toBe(3);
    expect(names(last.items)).toEqual(['payments']);
    expect(last.next).toBeNull();
  });

  it('gets one mesh, with kri on 2.14, and 404s an unknown one', async () => {
    const client = cp();
    const mesh = await client.json<Json>('/meshes/default');
    expect(mesh).toMatchObject({ type: 'Mesh', name: 'default', kri: 'kri_m____default_' });
    expect(typeof mesh.creationTime).toBe('string');
    expect(typeof mesh.modificationTime).toBe('string');
    expectKumaError(await client.get('/meshes/nope'), { status: 404, detail: 'Not found' });
  });

  it('PUT creates (201) then updates (200) with `{}`, DELETE answers 200 `{}`', async () => {
    const client = cp();
    const body = { type: 'Mesh', name: 'team-3' };
    const created = await client.put('/meshes/team-3', body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({});
    const stored = await client.json<Json>('/meshes/team-3');
    await client.tick();
    const updated = await client.put('/meshes/team-3', {
      ...body,
      mtls: { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin' }] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({});
    const after = await client.json<Json>('/meshes/team-3');
    expect(after.mtls.enabledBackend).toBe('ca-1');
    expect(after.creationTime).toBe(stored.creationTime);
    expect(Date.parse(after.modificationTime)).toBeGreaterThan(Date.parse(stored.creationTime));
    expect((await client.json<ListBody>('/meshes')).total).toBe(4);
    const deleted = await client.del('/meshes/team-3');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    expect((await client.get('/meshes/team-3')).status).toBe(404);
    expectKumaError(await client.del('/meshes/team-3'), { status: 404, detail: 'Not found' });
  });

  it('refuses to delete a mesh that still has dataplanes (kuma-api.md §2)', async () => {
    const client = cp();
    expectKumaError(await client.del('/meshes/default'), {
      status: 400,
      detail: 'Resource is not valid',
      invalidParameters: [
        {
          field: 'mesh',
          reason: 'unable to delete mesh, there are still some dataplanes attached',
        },
      ],
    });
    expect((await client.get('/meshes/default')).status).toBe(200);
  });

  it('deletes a mesh once its dataplanes are gone, and what was in it', async () => {
    const client = cp();
    await client.put('/meshes/tmp', { type: 'Mesh', name: 'tmp' });
    const dataplane = {
      type: 'Dataplane',
      mesh: 'tmp',
      name: 'dp-1',
      networking: { address: '10.9.0.1', gateway: { tags: { 'kuma.io/service': 'kong' } } },
    };
    expect((await client.put('/meshes/tmp/dataplanes/dp-1', dataplane)).status).toBe(201);
    expect((await client.del('/meshes/tmp')).status).toBe(400);
    expect((await client.del('/meshes/tmp/dataplanes/dp-1')).status).toBe(200);
    expect((await client.del('/meshes/tmp')).status).toBe(200);
    expect((await client.get('/meshes/tmp')).status).toBe(404);
  });
});

describe('mesh insights', () => {
  it('lists one insight per mesh, paginated like any list', async () => {
    const client = cp();
    const list = await client.json<ListBody<Json>>('/mesh-insights');
    expect(list.total).toBe(3);
    expect(names(list.items)).toEqual(['default', 'legacy', 'payments']);
    expect(list.next).toBeNull();
    const page = await client.json<ListBody<Json>>('/mesh-insights?size=1');
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
    expect(page.next).toBe('http://cp.test/mesh-insights?offset=1&size=1');
  });

  it('counts each mesh’s dataplanes by status and by type (kuma-api.md §2, §8)', async () => {
    const client = cp();
    await client.tick(4);
    for (const mesh of ['default', 'legacy', 'payments']) {
      const insight = await client.json<Json>(`/mesh-insights/${mesh}`);
      expect(insight.type).toBe('MeshInsight');
      expect(insight.name).toBe(mesh);
      const overview = await client.json<ListBody<OverviewLike & Json>>(
        `/meshes/${mesh}/dataplanes/_overview`,
      );
      // protojson leaves zero counters out.
      const count = (items: (OverviewLike & Json)[]) => {
        const statuses = items.map(documentedStatus);
        const counts = {
          total: items.length,
          online: statuses.filter((s) => s === 'online').length,
          offline: statuses.filter((s) => s === 'offline').length,
          partiallyDegraded: statuses.filter((s) => s === 'partially_degraded').length,
        };
        return Object.fromEntries(Object.entries(counts).filter(([, value]) => value !== 0));
      };
      const gateways = overview.items.filter((item) => item.dataplane.networking.gateway);
      const builtin = gateways.filter(
        (item) => (item.dataplane.networking.gateway as Json).type === 'BUILTIN',
      );
      expect(insight.dataplanes, mesh).toEqual(count(overview.items));
      expect(insight.dataplanesByType, mesh).toEqual({
        standard: count(overview.items.filter((item) => !item.dataplane.networking.gateway)),
        gateway: count(gateways),
        gatewayBuiltin: count(builtin),
        gatewayDelegated: count(gateways.filter((item) => !builtin.includes(item))),
      });
      // `resources` arrived in 2.9; `policies` is deprecated but still sent before 3.0.
      expect(insight.resources.Dataplane).toEqual({ total: overview.total });
      expect(insight.policies).toBeDefined();
      expect(insight.dpVersions).toHaveProperty('kumaDp');
      // An Exclusive mesh's services are its MeshServices: kuma-cp counts none here.
      if (mesh === 'payments') expect(insight.services).toBeUndefined();
      else expect(insight.services).toHaveProperty('total');
    }
  });

  it('404s an unknown mesh', async () => {
    expectKumaError(await cp().get('/mesh-insights/nope'), { status: 404, detail: 'Not found' });
  });
});
