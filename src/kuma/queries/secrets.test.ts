import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createDemoApp } from '../../../demo-cp/src/app';
import { buildWorld } from '../../../demo-cp/src/contract/harness';
import type { Capabilities } from '../capabilities';
import { KumaClient } from '../client';
import type { KumaApi } from './api';
import {
  namesCertificateSecret,
  parseSecretList,
  readableSecretNames,
  secretNamesQuery,
} from './secrets';

function apiOn(fetchImpl: typeof fetch): KumaApi {
  const client = new KumaClient({
    baseUrl: 'http://cp.test',
    getToken: () => undefined,
    fetch: fetchImpl,
  });
  return { client, caps: { identity: 'test-cp' } as Capabilities };
}

function demoApi(): { api: KumaApi; secretData: string[] } {
  const world = buildWorld({ scenario: 'mixed' });
  const app = createDemoApp(world);
  const secretData = world.store
    .list('Secret')
    .map((secret) => String((secret as unknown as { data: string }).data));
  return { api: apiOn((input, init) => app.fetch(new Request(String(input), init))), secretData };
}

function status(code: number): typeof fetch {
  return async () =>
    new Response(JSON.stringify({ title: 'Access Denied', detail: 'Access Denied' }), {
      status: code,
      headers: { 'content-type': 'application/json' },
    });
}

describe('parseSecretList', () => {
  const cases: { name: string; body: unknown; names: string[] }[] = [
    {
      name: 'keeps names, sorted, and nothing else',
      body: {
        total: 2,
        next: null,
        items: [
          { type: 'Secret', mesh: 'default', name: 'z-cert', data: 'LS0tLS1CRUdJTiBQUklWQVRF' },
          { type: 'Secret', mesh: 'default', name: 'a-cert', data: 'c2VjcmV0' },
        ],
      },
      names: ['a-cert', 'z-cert'],
    },
    { name: 'an empty list', body: { total: 0, items: [], next: null }, names: [] },
    {
      name: 'a name listed twice (paging shifted) once',
      body: { total: 2, items: [{ name: 'x' }, { name: 'x' }] },
      names: ['x'],
    },
  ];
  it.each(cases)('$name', ({ body, names }) => {
    const parsed = parseSecretList(body);
    expect(parsed.names).toEqual(names);
    expect(JSON.stringify(parsed)).not.toMatch(/LS0t|c2VjcmV0|data/);
  });

  it('refuses a body that is not a list', () => {
    expect(() => parseSecretList({ items: 'nope' })).toThrow();
  });
});

describe('secretNamesQuery against the demo control plane', () => {
  it('lists the names of the mesh, and the query cache never holds secret data', async () => {
    const { api, secretData } = demoApi();
    const queryClient = new QueryClient();
    const result = await queryClient.fetchQuery(secretNamesQuery(api, 'default'));
    expect(result).toMatchObject({ readable: true, mesh: 'default' });
    expect(readableSecretNames(result)).toContain('shop-example-com-cert');
    const cached = queryClient.getQueryCache().getAll();
    const text = JSON.stringify(cached.map((query) => query.state));
    expect(secretData.length).toBeGreaterThan(0);
    for (const data of secretData) expect(text).not.toContain(data);
    // The cached value has names only: no `data` key anywhere in it.
    expect(JSON.stringify(cached.map((query) => query.state.data))).not.toContain('"data"');
  });

  it('a mesh the control plane does not have: not readable, with the reason', async () => {
    const { api } = demoApi();
    const result = await new QueryClient().fetchQuery(secretNamesQuery(api, 'no-such-mesh'));
    expect(result).toEqual({
      readable: false,
      mesh: 'no-such-mesh',
      status: 404,
      reason: 'the control plane has no mesh no-such-mesh to list secrets of',
    });
    expect(readableSecretNames(result)).toBeUndefined();
  });

  it.each([
    [403, 'listing secrets needs an admin token (Kuma keeps secrets admin-only)'],
    [401, 'the control plane did not accept the token, so secrets cannot be listed'],
  ])('%i: not readable, with the reason', async (code, reason) => {
    const result = await new QueryClient().fetchQuery(
      secretNamesQuery(apiOn(status(code)), 'default'),
    );
    expect(result).toMatchObject({ readable: false, status: code, reason });
  });

  it('a 500 stays an error', async () => {
    const query = { ...secretNamesQuery(apiOn(status(500)), 'default'), retry: false };
    await expect(new QueryClient().fetchQuery(query)).rejects.toThrow();
  });
});

describe('namesCertificateSecret', () => {
  it.each([
    [{ conf: { listeners: [{ tls: { certificates: [{ secret: 'a' }] } }] } }, true],
    [
      { conf: { listeners: [{ tls: { mode: 'TERMINATE', certificates: [{ file: 'f' }] } }] } },
      false,
    ],
    [
      { conf: { listeners: [{ tls: { mode: 'PASSTHROUGH', certificates: [{ secret: 'a' }] } }] } },
      false,
    ],
    [{ conf: { listeners: [{}] } }, false],
    [{}, false],
  ])('%j: %s', (gateway, expected) => {
    expect(namesCertificateSecret(gateway as Parameters<typeof namesCertificateSecret>[0])).toBe(
      expected,
    );
  });
});
