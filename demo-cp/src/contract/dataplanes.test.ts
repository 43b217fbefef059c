/**
 * Contract: dataplane lists, overviews, filters and pagination (kuma-api.md §1–§4, §8).
 */
import { describe, expect, it } from 'vitest';
import { allPages, cp, expectKumaError, type Json, type ListBody, names } from './harness';

const DEFAULT_MESH_DATAPLANES = [
  'backend-1',
  'backend-2',
  'backend-v2-1',
  'edge-gateway-1',
  'edge-gateway-2',
  'frontend-1',
  'frontend-2',
  'orders-1',
  'payments-1',
  'redis-1',
];

describe('dataplane lists', () => {
  it('lists a mesh’s dataplanes sorted by name, as plain Dataplane resources', async () => {
    const client = cp();
    const list = await client.json<ListBody<Json>>('/meshes/default/dataplanes');
    expect(list.total).toBe(DEFAULT_MESH_DATAPLANES.length);
    expect(names(list.items)).toEqual(DEFAULT_MESH_DATAPLANES);
    expect(list.next).toBeNull();
    for (const item of list.items) {
      expect(item.type).toBe('Dataplane');
      expect(item.mesh).toBe('default');
      expect(typeof item.creationTime).toBe('string');
      expect(typeof item.modificationTime).toBe('string');
      expect(item.networking).toBeDefined();
      expect(item).not.toHaveProperty('dataplaneInsight');
      // The zone a standalone kuma-cp stamps on what it stores is `default`.
      expect(item.kri).toBe(`kri_dp_default_default__${item.name}_`);
    }
  });

  it('gets one dataplane, and 404s an unknown one', async () => {
    const client = cp();
    const dataplane = await client.json<Json>('/meshes/default/dataplanes/frontend-1');
    expect(dataplane).toMatchObject({ type: 'Dataplane', mesh: 'default', name: 'frontend-1' });
    expect(dataplane.networking.inbound[0].tags['kuma.io/service']).toBe('frontend');
    expectKumaError(await client.get('/meshes/default/dataplanes/nope'), {
      status: 404,
      detail: 'Not found',
    });
    expect((await client.get('/meshes/nope/dataplanes/frontend-1')).status).toBe(404);
  });

  it('serves overviews: the dataplane plus its insight, under both paths', async () => {
    const client = cp();
    await client.tick(2);
    const overview = await client.json<ListBody<Json>>('/meshes/default/dataplanes/_overview');
    expect(overview.total).toBe(DEFAULT_MESH_DATAPLANES.length);
    expect(names(overview.items)).toEqual(DEFAULT_MESH_DATAPLANES);
    for (const item of overview.items) {
      expect(item.type).toBe('DataplaneOverview');
      expect(item.mesh).toBe('default');
      expect(item.dataplane.networking).toBeDefined();
      expect(item.dataplane).not.toHaveProperty('name');
      expect(Array.isArray(item.dataplaneInsight.subscriptions)).toBe(true);
    }
    const legacy = await client.get('/meshes/default/dataplanes+insights');
    expect(legacy.status).toBe(200);
    expect(legacy.body).toEqual(overview);

    const one = await client.json<Json>('/meshes/default/dataplanes/frontend-1/_overview');
    expect(one).toEqual(overview.items.find((item) => item.name === 'frontend-1'));
    expect(await client.json('/meshes/default/dataplanes+insights/frontend-1')).toEqual(one);
    expect((await client.get('/meshes/default/dataplanes/nope/_overview')).status).toBe(404);
  });

  it('PUT creates (201) and updates (200) a dataplane, DELETE removes it and its proxy', async () => {
    const client = cp();
    const body = (address: string) => ({
      type: 'Dataplane',
      mesh: 'default',
      name: 'catalog-1',
      networking: {
        address,
        inbound: [{ port: 18080, servicePort: 8080, tags: { 'kuma.io/service': 'catalog' } }],
      },
    });
    const created = await client.put('/meshes/default/dataplanes/catalog-1', body('10.1.9.1'));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({});
    const updated = await client.put('/meshes/default/dataplanes/catalog-1', body('10.1.9.2'));
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({});
    const stored = await client.json<Json>('/meshes/default/dataplanes/catalog-1');
    expect(stored.networking.address).toBe('10.1.9.2');
    const overview = await client.json<Json>('/meshes/default/dataplanes/catalog-1/_overview');
    expect(overview.dataplaneInsight.subscriptions).toHaveLength(1);
    expect((await client.json<ListBody>('/meshes/default/dataplanes')).total).toBe(
      DEFAULT_MESH_DATAPLANES.length + 1,
    );
    const deleted = await client.del('/meshes/default/dataplanes/catalog-1');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    expect((await client.get('/meshes/default/dataplanes/catalog-1')).status).toBe(404);
    const after = await client.json<ListBody<Json>>('/meshes/default/dataplanes/_overview');
    expect(names(after.items)).toEqual(DEFAULT_MESH_DATAPLANES);
    expect((await client.get('/meshes/default/dataplanes/catalog-1/stats')).status).toBe(404);
  });

  it('lists across meshes, sorted by mesh then name', async () => {
    const client = cp();
    const all = await client.json<ListBody<Json>>('/dataplanes');
    const perMesh: string[] = [];
    for (const mesh of ['default', 'legacy', 'payments']) {
      const list = await client.json<ListBody<Json>>(`/meshes/${mesh}/dataplanes`);
      perMesh.push(...list.items.map((item) => `${mesh}/${item.name}`));
    }
    expect(all.total).toBe(perMesh.length);
    expect(all.items.map((item) => `${item.mesh}/${item.name}`)).toEqual(perMesh);
    const overview = await client.json<ListBody<Json>>('/dataplanes/_overview');
    expect(overview.total).toBe(perMesh.length);
    expect(overview.items.map((item) => `${item.mesh}/${item.name}`)).toEqual(perMesh);
    expect(overview.items.every((item) => item.type === 'DataplaneOverview')).toBe(true);
  });

  it('sends protojson: a delegated gateway has no `type`, counters are strings', async () => {
    const client = cp();
    await client.tick(3);
    const delegated = await client.json<Json>('/meshes/payments/dataplanes/kong-payments-1');
    // The dataplane manager adds the zone tag; DELEGATED, the zero value, is left out.
    expect(delegated.networking.gateway).toEqual({
      tags: { 'kuma.io/service': 'kong-payments', 'kuma.io/zone': 'default' },
    });
    expect('type' in delegated.networking.gateway).toBe(false);
    const builtin = await client.json<Json>('/meshes/default/dataplanes/edge-gateway-1');
    expect(builtin.networking.gateway.type).toBe('BUILTIN');

    const overview = await client.json<ListBody<Json>>('/dataplanes/_overview?gateway=delegated');
    expect(overview.total).toBeGreaterThan(0);
    for (const item of overview.items) {
      expect('type' in item.dataplane.networking.gateway).toBe(false);
    }

    const all = await client.json<ListBody<Json>>('/dataplanes/_overview?size=1000');
    let counters = 0;
    for (const item of all.items) {
      for (const subscription of item.dataplaneInsight?.subscriptions ?? []) {
        expect(typeof subscription.connectTime).toBe('string');
        for (const [key, value] of Object.entries(subscription.status ?? {})) {
          if (key === 'lastUpdateTime') continue;
          for (const counter of Object.values(value as Record<string, unknown>)) {
            expect(typeof counter, `${item.name} ${key}`).toBe('string');
            expect(counter).toMatch(/^\d+$/);
            counters += 1;
          }
        }
      }
    }
    expect(counters).toBeGreaterThan(0);
  });
});

describe('gateway= filter', () => {
  const cases: [string, string[]][] = [
    ['builtin', ['default/edge-gateway-1', 'default/edge-gateway-2', 'legacy/legacy-gateway-1']],
    ['BUILTIN', ['default/edge-gateway-1', 'default/edge-gateway-2', 'legacy/legacy-gateway-1']],
    ['delegated', ['legacy/kong-legacy-1', 'payments/kong-payments-1', 'payments/kong-payments-2']],
    [
      'true',
      [
        'default/edge-gateway-1',
        'default/edge-gateway-2',
        'legacy/kong-legacy-1',
        'legacy/legacy-gateway-1',
        'payments/kong-payments-1',
        'payments/kong-payments-2',
      ],
    ],
  ];

  it.each(cases)('gateway=%s', async (value, expected) => {
    const client = cp();
    for (const path of ['/dataplanes', '/dataplanes/_overview']) {
      const list = await client.json<ListBody<Json>>(`${path}?gateway=${value}`);
      expect(list.total, path).toBe(expected.length);
      expect(list.items.map((item) => `${item.mesh}/${item.name}`)).toEqual(expected);
    }
  });

  it('gateway=false keeps exactly the sidecars', async () => {
    const client = cp();
    const all = await client.json<ListBody<Json>>('/meshes/default/dataplanes');
    const sidecars = await client.json<ListBody<Json>>('/meshes/default/dataplanes?gateway=false');
    expect(names(sidecars.items)).toEqual(
      names(all.items.filter((item) => !item.networking.gateway)),
    );
    expect(sidecars.items.every((item) => !item.networking.gateway)).toBe(true);
    expect(sidecars.total).toBe(DEFAULT_MESH_DATAPLANES.length - 2);
  });

  it.each([
    ['/meshes/default/dataplanes', '/meshes/{mesh}/dataplanes'],
    ['/meshes/default/dataplanes/_overview', '/meshes/{mesh}/dataplanes/_overview'],
    ['/dataplanes', '/dataplanes'],
  ])('any other value is a 400 on %s', async (path, routePath) => {
    expectKumaError(await cp().get(`${path}?gateway=yes`), {
      status: 400,
      detail: 'Resource is not valid',
      invalidParameters: [
        {
          field: `${routePath}.gateway`,
          reason: "shoud use `true`, `false`, 'builtin' or 'delegated' instead of yes",
        },
      ],
    });
  });
});

describe('tag= filter (kuma-api.md §3)', () => {
  /** Two dataplanes whose tags are spread over two inbounds, and one with a `:` in a value. */
  async function withSplitTags() {
    const client = cp();
    const put = (name: string, inbound: Json[]) =>
      client.put(`/meshes/legacy/dataplanes/${name}`, {
        type: 'Dataplane',
        mesh: 'legacy',
        name,
        networking: { address: '10.3.9.1', inbound },
      });
    expect(
      (
        await put('split-1', [
          { port: 18080, servicePort: 8080, tags: { 'kuma.io/service': 'alpha', team: 'red' } },
          { port: 18081, servicePort: 8081, tags: { 'kuma.io/service': 'beta', team: 'blue' } },
        ])
      ).status,
    ).toBe(201);
    expect(
      (
        await put('colon-1', [
          {
            port: 18080,
            servicePort: 8080,
            tags: { 'kuma.io/service': 'gamma', endpoint: 'db.local:5432' },
          },
        ])
      ).status,
    ).toBe(201);
    return client;
  }

  const cases: [string, string, string[]][] = [
    ['exact value', 'tag=kuma.io/service:redis', ['redis-1']],
    [
      'the value is a substring',
      'tag=kuma.io/service:backend',
      ['backend-1', 'backend-2', 'backend-v2-1'],
    ],
    ['a shorter substring', 'tag=kuma.io/service:ack', ['backend-1', 'backend-2', 'backend-v2-1']],
    [
      'all tags must match',
      'tag=kuma.io/service:backend&tag=version:v1',
      ['backend-1', 'backend-2'],
    ],
    ['a key the proxy lacks', 'tag=kuma.io/service:backend&tag=team:a', []],
    ['* matches any value', 'tag=version:*', ['backend-1', 'backend-2', 'backend-v2-1']],
    ['gateway tags count', 'tag=kuma.io/service:edge', ['edge-gateway-1', 'edge-gateway-2']],
    ['an entry without `:` is ignored', 'tag=version&tag=kuma.io/service:redis', ['redis-1']],
    ['only a malformed entry: no filter', 'tag=nonsense', DEFAULT_MESH_DATAPLANES],
    // Kuma parses the entries into a map: a repeated key keeps its last value.
    [
      'a repeated key keeps the last value',
      'tag=kuma.io/service:frontend&tag=kuma.io/service:redis',
      ['redis-1'],
    ],
    [
      'combined with gateway=',
      'gateway=false&tag=kuma.io/service:a',
      ['backend-1', 'backend-2', 'backend-v2-1', 'payments-1'],
    ],
    ['combined with name=', 'name=2&tag=kuma.io/service:backend', ['backend-2', 'backend-v2-1']],
  ];

  it.each(cases)('%s: %s', async (_label, query, expected) => {
    const client = cp();
    const list = await client.json<ListBody<Json>>(`/meshes/default/dataplanes?${query}`);
    expect(names(list.items)).toEqual(expected);
    expect(list.total).toBe(expected.length);
    const overview = await client.json<ListBody<Json>>(
      `/meshes/default/dataplanes/_overview?${query}`,
    );
    expect(names(overview.items)).toEqual(expected);
  });

  it('matches when one single inbound holds every tag, not tags spread over inbounds', async () => {
    const client = await withSplitTags();
    const query = async (q: string) =>
      names((await client.json<ListBody<Json>>(`/meshes/legacy/dataplanes?${q}`)).items);
    expect(await query('tag=kuma.io/service:alpha&tag=team:red')).toEqual(['split-1']);
    expect(await query('tag=kuma.io/service:beta&tag=team:blue')).toEqual(['split-1']);
    expect(await query('tag=kuma.io/service:alpha&tag=team:blue')).toEqual([]);
  });

  it('splits key and value at the first `:` only', async () => {
    const client = await withSplitTags();
    const query = async (q: string) =>
      names((await client.json<ListBody<Json>>(`/meshes/legacy/dataplanes?${q}`)).items);
    expect(await query('tag=endpoint:db.local:5432')).toEqual(['colon-1']);
    expect(await query('tag=endpoint:local:54')).toEqual(['colon-1']);
    expect(await query('tag=endpoint:db.local:9999')).toEqual([]);
  });

  it('filters across meshes too', async () => {
    const list = await cp().json<ListBody<Json>>('/dataplanes?tag=kuma.io/service:kong');
    expect(list.items.map((item) => `${item.mesh}/${item.name}`)).toEqual([
      'legacy/kong-legacy-1',
      'payments/kong-payments-1',
      'payments/kong-payments-2',
    ]);
  });
});

describe('name= filter', () => {
  it.each([
    ['backend', ['backend-1', 'backend-2', 'backend-v2-1']],
    ['end', ['backend-1', 'backend-2', 'backend-v2-1', 'frontend-1', 'frontend-2']],
    [
      '-1',
      [
        'backend-1',
        'backend-v2-1',
        'edge-gateway-1',
        'frontend-1',
        'orders-1',
        'payments-1',
        'redis-1',
      ],
    ],
    ['zzz', []],
  ])('name=%s keeps names that contain it', async (value, expected) => {
    const client = cp();
    const list = await client.json<ListBody<Json>>(`/meshes/default/dataplanes?name=${value}`);
    expect(names(list.items)).toEqual(expected);
    expect(list.total).toBe(expected.length);
  });

  it('works on every list, e.g. meshes', async () => {
    const list = await cp().json<ListBody<Json>>('/meshes?name=ay');
    expect(names(list.items)).toEqual(['payments']);
  });
});

describe('pagination (kuma-api.md §3, §4)', () => {
  it('defaults to pages of 100 and links to the rest', async () => {
    const client = cp();
    await client.put('/meshes/bulk', { type: 'Mesh', name: 'bulk' });
    for (let i = 0; i < 105; i++) {
      const name = `dp-${String(i).padStart(3, '0')}`;
      const reply = await client.put(`/meshes/bulk/dataplanes/${name}`, {
        type: 'Dataplane',
        mesh: 'bulk',
        name,
        networking: {
          address: `10.50.${Math.floor(i / 200)}.${(i % 200) + 1}`,
          gateway: { tags: { 'kuma.io/service': 'kong' } },
        },
      });
      expect(reply.status).toBe(201);
    }
    const first = await client.json<ListBody<Json>>('/meshes/bulk/dataplanes');
    expect(first.total).toBe(105);
    expect(first.items).toHaveLength(100);
    expect(first.items[0]?.name).toBe('dp-000');
    expect(first.next).toBe('http://cp.test/meshes/bulk/dataplanes?offset=100');
    const rest = await client.json<ListBody<Json>>(first.next as string);
    expect(rest.total).toBe(105);
    expect(names(rest.items)).toEqual(['dp-100', 'dp-101', 'dp-102', 'dp-103', 'dp-104']);
    expect(rest.next).toBeNull();
  });

  it('walks every page through absolute next links, keeping the filters', async () => {
    const client = cp();
    const expected = (await client.json<ListBody<Json>>('/dataplanes/_overview?gateway=true'))
      .items;
    const { pages } = await allPages<Json>(client, '/dataplanes/_overview?gateway=true&size=4');
    expect(pages).toHaveLength(2);
    expect(pages.map((page) => page.total)).toEqual([6, 6]);
    expect(pages[0]?.next).toBe('http://cp.test/dataplanes/_overview?gateway=true&offset=4&size=4');
    expect(pages.at(-1)?.next).toBeNull();
    expect(pages.flatMap((page) => page.items)).toEqual(expected);
  });

  it('takes offset as an index into the sorted list', async () => {
    const client = cp();
    const page = await client.json<ListBody<Json>>('/meshes/default/dataplanes?offset=3&size=2');
    expect(page.total).toBe(DEFAULT_MESH_DATAPLANES.length);
    expect(names(page.items)).toEqual(DEFAULT_MESH_DATAPLANES.slice(3, 5));
    expect(page.next).toBe('http://cp.test/meshes/default/dataplanes?offset=5&size=2');
    const past = await client.json<ListBody<Json>>('/meshes/default/dataplanes?offset=50');
    expect(past.items).toEqual([]);
    expect(past.total).toBe(DEFAULT_MESH_DATAPLANES.length);
    expect(past.next).toBeNull();
  });

  it('accepts size=1000', async () => {
    const list = await cp().json<ListBody<Json>>('/dataplanes?size=1000');
    expect(list.next).toBeNull();
    expect(list.items).toHaveLength(list.total);
  });

  it.each([
    ['1001', '/meshes/default/dataplanes'],
    ['1001', '/meshes'],
    ['1001', '/mesh-insights'],
    ['abc', '/meshes/default/dataplanes/_overview'],
    ['12x', '/meshes/default/meshgateways'],
    ['0', '/meshes/default/dataplanes'],
    ['-5', '/dataplanes'],
  ])('size=%s is a 400 on %s', async (size, path) => {
    const body = expectKumaError(await cp().get(`${path}?size=${size}`), { status: 400 });
    expect(body.invalid_parameters?.map((parameter) => parameter.field)).toEqual(['size']);
  });

  it('rejects an offset that is not an index (2.14 wording)', async () => {
    expectKumaError(await cp().get('/meshes/default/dataplanes?offset=abc'), {
      status: 400,
      detail: 'invalid: invalid offset: strconv.Atoi: parsing "abc": invalid syntax',
    });
  });
});
