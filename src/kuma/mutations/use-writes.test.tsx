import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import type { Capabilities } from '../capabilities';
import { KumaClient } from '../client';
import type { KumaApi } from '../queries/api';
import { formKeys, gatewayKeys, keysAfterWrite, topologyKeys } from '../queries/keys';
import { parseKumaVersion } from '../version';
import { type Resource, versionOf } from './resource-version';
import { useDeleteMutation, useSaveMutation } from './use-writes';
import type { WriteItem } from './writes';

const PATH = '/meshes/default/meshgateways/edge-gateway';

function setUp() {
  const backend = demoBackend();
  const client = new KumaClient({
    baseUrl: '/api',
    getToken: () => undefined,
    fetch: backend.fetch,
  });
  const caps = {
    identity: 'test-cp',
    version: parseKumaVersion('2.14.3'),
    environment: 'universal',
  } as Capabilities;
  const api: KumaApi = { client, caps };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // One query under each prefix a write makes stale, and one a write leaves alone.
  const watched = [...keysAfterWrite(api), ['kuma', 'test-cp', 'zones']];
  for (const key of watched) queryClient.setQueryData(key, 'cached');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const stored = backend.world.store.get('MeshGateway', 'default', 'edge-gateway') as Resource;
  const { creationTime: _c, modificationTime: _m, kri: _k, labels: _l, ...body } = stored;
  const item = (base = versionOf(stored)): WriteItem => ({
    resource: body as Resource,
    label: 'MeshGateway edge-gateway',
    path: PATH,
    base,
    toField: (path) => path,
  });
  const stale = () =>
    watched.filter((key) => queryClient.getQueryState(key)?.isInvalidated).map(String);
  return { api, wrapper, item, stale, backend };
}

describe('useSaveMutation', () => {
  it('writes, re-reads, and makes every query a write touches stale (and no other)', async () => {
    const { api, wrapper, item, stale } = setUp();
    const { result } = renderHook(() => useSaveMutation(api), { wrapper });
    const saved = await act(() => result.current.mutateAsync({ items: [item()] }));
    expect(saved.conflicts).toEqual([]);
    expect(saved.outcome?.written.map(({ item }) => item.path)).toEqual([PATH]);
    await waitFor(() => expect(stale()).toEqual(keysAfterWrite(api).map(String)));
    expect(stale()).toContain(String(topologyKeys.all(api)));
    expect(stale()).toContain(String(formKeys.all(api)));
    expect(stale()).not.toContain(String(['kuma', 'test-cp', 'zones']));
  });

  it('writes nothing and refreshes nothing when the check finds a change', async () => {
    const { api, wrapper, item, stale, backend } = setUp();
    const { result } = renderHook(() => useSaveMutation(api), { wrapper });
    const saved = await act(() =>
      result.current.mutateAsync({ items: [item({ hash: 'opened-on-another-version' })] }),
    );
    expect(saved.conflicts.map((conflict) => conflict.when)).toEqual(['before']);
    expect(saved.outcome).toBeUndefined();
    expect(backend.requests.filter((request) => request.startsWith('PUT'))).toEqual([]);
    expect(stale()).toEqual([]);
  });
});

describe('useDeleteMutation', () => {
  it('deletes and refreshes; a path already gone counts as deleted', async () => {
    const { api, wrapper, stale } = setUp();
    const { result } = renderHook(() => useDeleteMutation(api), { wrapper });
    const gone = '/meshes/default/meshgateways/never-there';
    const deleted = await act(() => result.current.mutateAsync([PATH, gone]));
    expect(deleted).toEqual({ deleted: [PATH] });
    await waitFor(() => expect(stale()).toContain(String(gatewayKeys.all(api))));
  });
});
