import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppProviders, createQueryClient } from '../../app/providers';
import { KumaClient } from '../../kuma/client';
import { API_BASE_URL, firstPageUrl, TOPOLOGY_FIRST_LISTS } from '../../kuma/first-requests';
import type { KumaApi } from '../../kuma/queries/api';
import { controlPlaneQuery } from '../../kuma/queries/control-plane';
import { type DemoBackend, demoBackend } from '../../test/demo-backend';
import type { GatewayNode, SidecarNode } from '../../topology/types';
import { ControlPlaneGate } from '../../ui/api-context';
import { TokenStore } from '../../ui/token';
import { prefetchTopologyScreen } from './topology-prefetch';
import { type TopologyViewState, useTopology } from './use-topology';

const REFRESH_MS = 5_000;
const STATE: TopologyViewState = { expand: ['team-1'], collapse: [], filter: {} };

function wrapperFor(backend: DemoBackend, queryClient = createQueryClient()) {
  vi.stubGlobal('fetch', backend.fetch);
  const tokens = new TokenStore(undefined);
  return ({ children }: { children: ReactNode }) => (
    <AppProviders queryClient={queryClient} tokens={tokens}>
      <ControlPlaneGate>{children}</ControlPlaneGate>
    </AppProviders>
  );
}

/** Requests so far whose path starts with `prefix`. */
function count(backend: DemoBackend, prefix: string): number {
  return backend.requests.filter((request) => request.startsWith(`GET ${prefix}`)).length;
}

/** The route's prefetch for `search`, run to the end; its query client. */
async function prefetchRoute(backend: DemoBackend, search: string) {
  vi.stubGlobal('fetch', backend.fetch);
  const queryClient = createQueryClient();
  const client = new KumaClient({ baseUrl: API_BASE_URL, getToken: () => undefined });
  const api = queryClient
    .fetchQuery(controlPlaneQuery(client))
    .then((caps): KumaApi => ({ client, caps }));
  await prefetchTopologyScreen(queryClient, api, new URLSearchParams(search));
  await waitFor(() => expect(queryClient.isFetching()).toBe(0));
  return queryClient;
}

const STRUCTURE = '/meshes/team-1/dataplanes/_overview?gateway=false';
const AGGREGATES = '/meshes/team-1/service-insights';
const ALL_GATEWAY_PROXIES = '/dataplanes/_overview?gateway=true';
const TEAM_GATEWAY_PROXIES = '/meshes/team-1/dataplanes/_overview?gateway=true';

function sidecar(result: { current: ReturnType<typeof useTopology> }, service: string) {
  return result.current.model?.nodes.find(
    (node): node is SidecarNode => node.kind === 'sidecar' && node.service === service,
  );
}

/** A dataplane of a new service in team-1: the aggregates' signature changes. */
async function addAuditDataplane(backend: DemoBackend) {
  const response = await backend.fetch('/api/meshes/team-1/dataplanes/audit-1', {
    method: 'PUT',
    body: JSON.stringify({
      type: 'Dataplane',
      mesh: 'team-1',
      name: 'audit-1',
      networking: {
        address: '10.1.9.9',
        inbound: [{ port: 18080, servicePort: 8080, tags: { 'kuma.io/service': 'audit' } }],
      },
    }),
    headers: { 'content-type': 'application/json' },
  });
  expect(response.status).toBe(201);
}

async function refreshes(times: number) {
  for (let i = 0; i < times; i++) {
    await act(() => vi.advanceTimersByTimeAsync(REFRESH_MS));
  }
}

beforeEach(() => {
  localStorage.clear();
  vi.useFakeTimers({ shouldAdvanceTime: true });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useTopology: what a refresh fetches', () => {
  it("reads the gateway proxies' Envoy stats only while a rate is shown", async () => {
    const backend = demoBackend({ scenario: 'docs-builtin' });
    const stats = () => backend.requests.filter((request) => request.endsWith('/stats')).length;
    const { result, rerender } = renderHook((state: TopologyViewState) => useTopology(state), {
      wrapper: wrapperFor(backend),
      initialProps: { ...STATE, rates: false },
    });
    await waitFor(() => expect(result.current?.settling).toBe(false));
    await refreshes(2);
    expect(stats()).toBe(0);
    // The mermaid tab's traffic labels on (or the interactive tab): every connected gateway
    // proxy of the expanded mesh, then again each refresh.
    rerender({ ...STATE, rates: true });
    await waitFor(() => expect(stats()).toBeGreaterThan(0));
    const first = stats();
    await refreshes(1);
    await waitFor(() => expect(stats()).toBe(2 * first));
  });

  it('fetches aggregates on every refresh and the dataplane list only when they say it changed', async () => {
    const backend = demoBackend({ scenario: 'docs-builtin' });
    const { result } = renderHook(() => useTopology(STATE), { wrapper: wrapperFor(backend) });
    await waitFor(() => expect(result.current?.settling).toBe(false));
    expect(sidecar(result, 'frontend')?.health).toBe('online');
    expect(count(backend, STRUCTURE)).toBe(1);
    const aggregatesBefore = count(backend, AGGREGATES);

    // Statuses change, counts do not: health follows, the list is not fetched again.
    await refreshes(4);
    expect(count(backend, AGGREGATES) - aggregatesBefore).toBeGreaterThanOrEqual(3);
    expect(count(backend, STRUCTURE)).toBe(1);
    backend.world.pin('team-1', 'frontend-1', { connected: false });
    await refreshes(2);
    await waitFor(() => expect(sidecar(result, 'frontend')?.health).not.toBe('online'));
    expect(count(backend, STRUCTURE)).toBe(1);

    // A new dataplane changes the signature: the list is fetched once more, and drawn.
    await addAuditDataplane(backend);
    await refreshes(2);
    await waitFor(() => expect(sidecar(result, 'audit')).toBeDefined());
    expect(count(backend, STRUCTURE)).toBe(2);
    // While it loaded, the previous structure stayed on screen: nothing was settling again.
    expect(result.current.settling).toBe(false);
  });

  it('reads gateway proxies again only where the mesh insights say they changed', async () => {
    const backend = demoBackend({ scenario: 'docs-builtin' });
    const { result } = renderHook(() => useTopology(STATE), { wrapper: wrapperFor(backend) });
    await waitFor(() => expect(result.current?.settling).toBe(false));
    expect(count(backend, ALL_GATEWAY_PROXIES)).toBe(1);

    // The insights say nothing changed: the list is not read again.
    await refreshes(3);
    expect(count(backend, '/mesh-insights')).toBeGreaterThanOrEqual(4);
    expect(count(backend, ALL_GATEWAY_PROXIES)).toBe(1);
    expect(count(backend, TEAM_GATEWAY_PROXIES)).toBe(0);

    // A gateway proxy goes offline: its mesh's counts change, that mesh's proxies are read alone.
    const gatewayProxy = backend.world
      .dataplanes('team-1')
      .find((dataplane) => dataplane.networking.gateway);
    expect(gatewayNodeOf(result)?.health).toBe('online');
    backend.world.pin('team-1', gatewayProxy?.name ?? '', { connected: false });
    await refreshes(2);
    await waitFor(() => expect(gatewayNodeOf(result)?.health).toBe('offline'));
    expect(count(backend, TEAM_GATEWAY_PROXIES)).toBe(1);
    expect(count(backend, ALL_GATEWAY_PROXIES)).toBe(1);
    // No other mesh's.
    const perMesh = backend.requests.filter((request) =>
      /^GET \/meshes\/[^/]+\/dataplanes\/_overview\?gateway=true/.test(request),
    );
    expect(perMesh).toHaveLength(1);
    expect(perMesh[0]).toContain(TEAM_GATEWAY_PROXIES);
  });

  it('asks for a gateway list that failed at first again on every refresh, not by the backstop', async () => {
    const backend = demoBackend({ scenario: 'docs-builtin' });
    let failing = true;
    const flaky: DemoBackend = {
      ...backend,
      fetch: async (input, init) =>
        failing && String(input).includes(`/api${ALL_GATEWAY_PROXIES}`)
          ? new Response('{"title":"Could not list"}', { status: 500 })
          : backend.fetch(input, init),
    };
    const { result } = renderHook(() => useTopology(STATE), { wrapper: wrapperFor(flaky) });
    await refreshes(1);
    expect(result.current.error).toBeTruthy();
    failing = false;
    await refreshes(2);
    await waitFor(() => expect(gatewayNodeOf(result)).toBeDefined());
    expect(result.current.error).toBeFalsy();
  });

  it('requests the structure as the mesh is expanded, not once its aggregates are in', async () => {
    const backend = demoBackend({ scenario: 'docs-builtin' });
    let release = () => {};
    const aggregatesHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held: typeof backend = {
      ...backend,
      fetch: async (input, init) => {
        if (String(input).includes(AGGREGATES)) await aggregatesHeld;
        return backend.fetch(input, init);
      },
    };
    const { result } = renderHook(() => useTopology(STATE), { wrapper: wrapperFor(held) });
    await waitFor(() => expect(count(backend, STRUCTURE)).toBe(1));
    expect(count(backend, AGGREGATES)).toBe(0);
    release();
    await waitFor(() => expect(result.current?.settling).toBe(false));
    // The list fetched with the first aggregates answers them: not fetched a second time.
    await refreshes(2);
    expect(count(backend, STRUCTURE)).toBe(1);
    expect(sidecar(result, 'frontend')?.health).toBe('online');
  });

  it('compares a cached list with the aggregates when the mesh is shown again', async () => {
    const backend = demoBackend({ scenario: 'docs-builtin' });
    const wrapper = wrapperFor(backend);
    const first = renderHook(() => useTopology(STATE), { wrapper });
    await waitFor(() => expect(first.result.current?.settling).toBe(false));
    first.unmount();

    // Back with nothing changed: the cached list is drawn and not fetched again.
    const again = renderHook(() => useTopology(STATE), { wrapper });
    await waitFor(() => expect(again.result.current?.settling).toBe(false));
    await refreshes(1);
    expect(count(backend, STRUCTURE)).toBe(1);
    again.unmount();

    // Back after a dataplane came: the aggregates' signature differs from the one the cached
    // list answered, so it is fetched again.
    await addAuditDataplane(backend);
    const last = renderHook(() => useTopology(STATE), { wrapper });
    await refreshes(2);
    await waitFor(() => expect(sidecar(last.result, 'audit')).toBeDefined());
    expect(count(backend, STRUCTURE)).toBe(2);
  });

  it('prefetches a mesh about to be expanded with the queries that then draw it', async () => {
    const backend = demoBackend({ scenario: 'docs-builtin' });
    const collapsed: TopologyViewState = { expand: [], collapse: ['team-1'], filter: {} };
    const { result, rerender } = renderHook((state: TopologyViewState) => useTopology(state), {
      wrapper: wrapperFor(backend),
      initialProps: collapsed,
    });
    await waitFor(() => expect(result.current?.settling).toBe(false));
    expect(count(backend, STRUCTURE)).toBe(0);

    act(() => result.current.prefetch(['team-1']));
    await waitFor(() => expect(count(backend, STRUCTURE)).toBe(1));
    expect(count(backend, AGGREGATES)).toBe(1);

    rerender(STATE);
    await waitFor(() => expect(sidecar(result, 'frontend')).toBeDefined());
    // The expanded mesh drew from what the prefetch brought: nothing asked twice.
    expect(count(backend, STRUCTURE)).toBe(1);
    expect(count(backend, AGGREGATES)).toBe(1);
  });

  it("draws from what the route prefetched for the URL's meshes: nothing asked twice", async () => {
    const backend = demoBackend({
      scenario: 'large',
      // Above 300 dataplanes: meshes start collapsed, only those the URL names are drawn in full.
      large: { meshes: 5, services: 25, dataplanes: 400 },
    });
    // The mermaid tab draws ?mesh= in full, whatever ?collapse= says.
    const queryClient = await prefetchRoute(
      backend,
      'tab=mermaid&mesh=mesh-03&expand=mesh-02&collapse=mesh-03',
    );
    const asked = [...backend.requests];
    for (const mesh of ['mesh-02', 'mesh-03']) {
      expect(count(backend, `/meshes/${mesh}/dataplanes/_overview`)).toBe(1);
      expect(count(backend, `/meshes/${mesh}/service-insights`)).toBe(1);
    }
    expect(asked.filter((request) => /mesh-0[145]/.test(request))).toEqual([]);

    const { result } = renderHook(
      () => useTopology({ expand: ['mesh-02', 'mesh-03'], collapse: [], filter: {} }),
      { wrapper: wrapperFor(backend, queryClient) },
    );
    await waitFor(() => expect(result.current?.settling).toBe(false));
    expect(result.current.model?.nodes.some((node) => node.id.startsWith('sidecar:mesh-03/'))).toBe(
      true,
    );
    // Stats of gateway proxies are the hook's own; everything the route asked for was reused.
    expect(backend.requests.filter((request) => !request.endsWith('/stats'))).toEqual(asked);
  });

  it.each(['2.6.0', '2.14.3', '3.0.0'])(
    'asks first, on %s, for the lists index.html reads ahead, under the same URLs',
    async (kumaVersion) => {
      const backend = demoBackend({ scenario: 'docs-builtin', kumaVersion });
      await prefetchRoute(backend, '');
      // Asked under another URL, a list read ahead would be read twice, and the first for nothing.
      const asked = backend.requests.map((request) => `GET ${API_BASE_URL}${request.slice(4)}`);
      for (const list of TOPOLOGY_FIRST_LISTS) expect(asked).toContain(`GET ${firstPageUrl(list)}`);
    },
  );

  it('settles only once every expanded mesh has its structure', async () => {
    const backend = demoBackend({ scenario: 'docs-builtin' });
    const seen: boolean[] = [];
    const { result } = renderHook(
      () => {
        const data = useTopology(STATE);
        seen.push(data.settling);
        return data;
      },
      { wrapper: wrapperFor(backend) },
    );
    await waitFor(() => expect(result.current?.settling).toBe(false));
    // Settling from the first render until the structure arrived, never again after.
    expect(seen[0]).toBe(true);
    expect(seen.slice(seen.indexOf(false))).not.toContain(true);
    expect(count(backend, STRUCTURE)).toBe(1);
    expect(result.current.model?.nodes.some((node) => node.id === 'sidecar:team-1/frontend')).toBe(
      true,
    );
  });

  it('reads policies across meshes once several meshes are expanded, and draws the same routes', async () => {
    const meshes = ['mesh-01', 'mesh-02', 'mesh-03', 'mesh-04', 'mesh-05'];
    const routed = async (expand: string[]) => {
      const backend = demoBackend({
        scenario: 'large',
        // Above 300 dataplanes: meshes start collapsed, only `expand` ones are drawn in full.
        large: { meshes: 5, services: 25, dataplanes: 400 },
      });
      const { result } = renderHook(() => useTopology({ expand, collapse: [], filter: {} }), {
        wrapper: wrapperFor(backend),
      });
      await waitFor(() => expect(result.current?.settling).toBe(false));
      const edges = (result.current.model?.edges ?? [])
        .filter((edge) => edge.relation === 'gateway-service')
        .map((edge) => edge.id)
        .sort();
      return { backend, edges };
    };
    const across = await routed(meshes);
    expect(count(across.backend, '/meshhttproutes')).toBeGreaterThanOrEqual(1);
    expect(
      across.backend.requests.filter((r) => /\/meshes\/[^/]+\/meshhttproutes/.test(r)),
    ).toEqual([]);
    // Every mesh's routes drawn, as when each mesh reads its own (one at a time below the limit).
    for (const mesh of meshes) {
      const own = await routed([mesh]);
      expect(count(own.backend, '/meshhttproutes')).toBe(0);
      const mine = across.edges.filter((id) => id.includes(`:${mesh}/`));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine).toEqual(own.edges.filter((id) => id.includes(`:${mesh}/`)));
    }
  });
});

/** The backend with each list answering after its own delay, as a busy control plane would. */
function answeringAfter(backend: DemoBackend, delays: [path: string, ms: number][]): DemoBackend {
  return {
    ...backend,
    fetch: async (input, init) => {
      const delay = delays.find(([path]) => String(input).includes(path))?.[1];
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      return backend.fetch(input, init);
    },
  };
}

function gatewayNodeOf(result: { current: ReturnType<typeof useTopology> }) {
  return result.current.model?.nodes.find(
    (node): node is GatewayNode => node.kind === 'gateway' && node.mesh === 'team-1',
  );
}

describe('useTopology: what a refresh draws', () => {
  it('draws a refresh once, though its answers arrive one by one', async () => {
    const backend = demoBackend({ scenario: 'docs-builtin' });
    const slow = answeringAfter(backend, [
      ['/mesh-insights', 50],
      ['/dataplanes/_overview?gateway=true', 150],
      [AGGREGATES, 300],
      ['/stats', 400],
    ]);
    const models = new Set<unknown>();
    const { result } = renderHook(
      () => {
        const topology = useTopology(STATE);
        models.add(topology.model);
        return topology;
      },
      { wrapper: wrapperFor(slow) },
    );
    await waitFor(() => expect(result.current?.settling).toBe(false));
    await refreshes(2);
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    const gatewayProxy = backend.world
      .dataplanes('team-1')
      .find((dataplane) => dataplane.networking.gateway);
    expect(gatewayProxy).toBeDefined();
    expect(gatewayNodeOf(result)?.health).toBe('online');

    // Each of the answers brings a change: the mesh's counts, the gateway's proxy, the sidecar's
    // aggregates, the gateway proxies' Envoy stats (a new sample).
    backend.world.pin('team-1', 'frontend-1', { connected: false });
    backend.world.pin('team-1', gatewayProxy?.name ?? '', { connected: false });
    models.clear();
    models.add(result.current.model);
    await refreshes(1);
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(sidecar(result, 'frontend')?.health).not.toBe('online');
    expect(gatewayNodeOf(result)?.health).toBe('offline');
    expect(models.size).toBe(2);
  });

  it('lays a gateway proxy disconnecting over the model, without building it again', async () => {
    const backend = demoBackend({ scenario: 'docs-builtin' });
    const { result } = renderHook(() => useTopology(STATE), { wrapper: wrapperFor(backend) });
    await waitFor(() => expect(result.current?.settling).toBe(false));
    await refreshes(1);
    const service = () =>
      result.current.model?.nodes.find(
        (node) => node.kind === 'service' && node.service === 'backend',
      );
    const serviceBefore = service();
    expect(serviceBefore).toBeDefined();
    const gatewayProxy = backend.world
      .dataplanes('team-1')
      .find((dataplane) => dataplane.networking.gateway);
    const gatewayBefore = gatewayNodeOf(result);
    expect(gatewayBefore?.health).toBe('online');

    // A sidecar disconnecting changes the mesh's insight, and only the nodes it concerns.
    backend.world.pin('team-1', 'frontend-1', { connected: false });
    await refreshes(2);
    await waitFor(() => expect(sidecar(result, 'frontend')?.health).not.toBe('online'));
    expect(gatewayNodeOf(result)).toBe(gatewayBefore);

    backend.world.pin('team-1', gatewayProxy?.name ?? '', { connected: false });
    await refreshes(2);
    await waitFor(() => expect(gatewayNodeOf(result)?.health).toBe('offline'));
    expect(gatewayNodeOf(result)?.instances.map((ref) => ref.status)).toEqual(['offline']);
    // Built once: the nodes no status touched are the objects they were.
    expect(service()).toBe(serviceBefore);
    // What findings and traces read has the proxy's current insight.
    const proxy = result.current.snapshot?.meshes
      .find((mesh) => mesh.mesh.name === 'team-1')
      ?.dataplanes.find((dataplane) => dataplane.name === gatewayProxy?.name);
    expect(proxy?.dataplaneInsight?.subscriptions?.every((sub) => sub.disconnectTime)).toBe(true);
  });

  it('draws what the first answers bring at once, without waiting for a refresh', async () => {
    const backend = demoBackend({ scenario: 'docs-builtin' });
    // The gateways come last, long after the mesh list was drawn.
    const slow = answeringAfter(backend, [['/dataplanes/_overview?gateway=true', 600]]);
    const { result } = renderHook(() => useTopology(STATE), { wrapper: wrapperFor(slow) });
    await act(() => vi.advanceTimersByTimeAsync(REFRESH_MS / 2));
    expect(gatewayNodeOf(result)).toBeDefined();
    expect(sidecar(result, 'frontend')?.health).toBe('online');
  });
});
