/**
 * What kuma-cp's resource managers do once a PUT has passed the request checks, as kuma-cp
 * 2.6.15 and 2.14.3 answered it: the mesh manager's defaults and checks, a MeshService's name
 * checked with its meta, and MeshServices shown as written until the controllers have run.
 */
import { describe, expect, it } from 'vitest';
import { cp, expectKumaError, expectPageNotFound, type Json } from './harness';

const mesh = (name: string, spec: Json = {}) => ({ type: 'Mesh', name, ...spec });

describe('the mesh manager', () => {
  it.each([
    ['2.14.3', 'Failed to create a resource'],
    ['2.6.15', 'Could not create a resource'],
  ])('%s refuses a CA no plugin serves, titled as the store call (%s)', async (version, title) => {
    const client = cp({ kumaVersion: version });
    const reply = await client.put(
      '/meshes/vault-mesh',
      mesh('vault-mesh', { mtls: { backends: [{ name: 'ca-1', type: 'vault' }] } }),
    );
    expectKumaError(reply, {
      status: 400,
      title,
      detail: 'Resource is not valid',
      invalidParameters: [
        { field: 'mtls.backends[0].type', reason: 'could not find installed plugin for this type' },
      ],
    });
    expect((await client.get('/meshes/vault-mesh')).status).toBe(404);
  });

  it('refuses a mesh name longer than a DNS label', async () => {
    const name = 'a'.repeat(64);
    expectKumaError(await cp().put(`/meshes/${name}`, mesh(name)), {
      status: 400,
      title: 'Failed to create a resource',
      invalidParameters: [{ field: 'name', reason: 'cannot be longer than 63 characters' }],
    });
  });

  it('refuses to change the CA while mTLS is on', async () => {
    const client = cp();
    const ca = (name: string) => ({ enabledBackend: name, backends: [{ name, type: 'builtin' }] });
    expect(
      (await client.put('/meshes/ca-mesh', mesh('ca-mesh', { mtls: ca('ca-1') }))).status,
    ).toBe(201);
    expectKumaError(await client.put('/meshes/ca-mesh', mesh('ca-mesh', { mtls: ca('ca-2') })), {
      status: 400,
      title: 'Failed to update a resource',
      invalidParameters: [
        {
          field: 'mtls.enabledBackend',
          reason:
            'Changing CA when mTLS is enabled is forbidden. Disable mTLS first and then change the CA',
        },
      ],
    });
  });

  it('stores Prometheus backends with their defaults', async () => {
    const client = cp();
    const metrics = {
      enabledBackend: 'prom',
      backends: [{ name: 'prom', type: 'prometheus', conf: { skipMTLS: true } }],
    };
    expect(
      (await client.put('/meshes/metrics-mesh', mesh('metrics-mesh', { metrics }))).status,
    ).toBe(201);
    const stored = await client.json<Json>('/meshes/metrics-mesh');
    expect(stored.metrics.backends[0].conf).toEqual({
      path: '/metrics',
      port: 5670,
      skipMTLS: true,
      tags: { 'kuma.io/service': 'dataplane-metrics' },
      tls: { mode: 'disabled' },
    });
  });
});

describe('MeshService', () => {
  const service = (name: string) => ({
    type: 'MeshService',
    mesh: 'default',
    name,
    spec: { ports: [{ port: 80 }], state: 'Available' },
  });

  it('has its name checked when it is stored', async () => {
    const name = 'a'.repeat(64);
    expectKumaError(await cp().put(`/meshes/default/meshservices/${name}`, service(name)), {
      status: 400,
      title: 'Failed to create a resource',
      invalidParameters: [{ field: 'name', reason: 'must not be longer than 63 characters' }],
    });
  });

  it('is served as written until the controllers have run on it', async () => {
    const client = cp();
    const path = '/meshes/default/meshservices/fresh';
    expect((await client.put(path, service('fresh'))).status).toBe(201);
    const fresh = await client.json<Json>(path);
    expect(fresh.spec.state).toBe('Available');
    expect(fresh.status).toEqual({ tls: {}, dataplaneProxies: {} });
    await client.tick();
    const settled = await client.json<Json>(path);
    expect(settled.spec.state).toBe('Unavailable');
    expect(settled.status.vips).toHaveLength(1);
    // An update keeps the status it had and the state it was sent, until the next run.
    expect((await client.put(path, service('fresh'))).status).toBe(200);
    const updated = await client.json<Json>(path);
    expect(updated.spec.state).toBe('Available');
    expect(updated.status.vips).toEqual(settled.status.vips);
  });

  it('has no route on 2.6, which does not know the kind', async () => {
    expectPageNotFound(await cp({ kumaVersion: '2.6.15' }).get('/meshes/default/meshservices'));
  });
});
