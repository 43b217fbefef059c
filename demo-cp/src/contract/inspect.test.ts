/**
 * Contract: the Envoy admin pass-through (`stats`, `clusters`, `xds`; kuma-api.md §1, §3, §13)
 * and the mixed scenario's deliberate faults as the simulated counters show them.
 */
import { describe, expect, it } from 'vitest';
import { type Cp, cp, expectKumaError, type Json } from './harness';

function parseStats(text: string): Map<string, number> {
  const stats = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const match = /^(\S+): (\d+)$/.exec(line);
    expect(match, `not an Envoy stat line: ${line}`).not.toBeNull();
    stats.set(match?.[1] as string, Number(match?.[2]));
  }
  return stats;
}

async function stats(client: Cp, mesh: string, name: string): Promise<Map<string, number>> {
  const reply = await client.get(`/meshes/${mesh}/dataplanes/${name}/stats`);
  expect(reply.status, reply.text).toBe(200);
  expect(reply.contentType).toMatch(/^text\/plain/);
  return parseStats(reply.text);
}

/** Gateway proxies (`mesh/name`) pinned online, so their counters never restart. */
async function gatewaysAfter(ticks: number, proxies: readonly string[]): Promise<Cp> {
  const client = cp();
  for (const proxy of proxies) {
    const pinned = await client.put(`/_demo/proxies/${proxy}`, { connected: true });
    expect(pinned.status).toBe(200);
  }
  await client.tick(ticks);
  return client;
}

/** Both edge-gateway instances pinned online. */
function edgeGatewayAfter(ticks: number): Promise<Cp> {
  return gatewaysAfter(ticks, ['default/edge-gateway-1', 'default/edge-gateway-2']);
}

/** A counter summed over both edge-gateway instances. */
async function edgeCounter(client: Cp, stat: string): Promise<number> {
  let sum = 0;
  for (const name of ['edge-gateway-1', 'edge-gateway-2']) {
    sum += (await stats(client, 'default', name)).get(stat) ?? 0;
  }
  return sum;
}

describe('stats', () => {
  it('is Envoy text, sorted by name, and its counters grow with ticks', async () => {
    const client = await edgeGatewayAfter(2);
    const reply = await client.get('/meshes/default/dataplanes/edge-gateway-1/stats');
    const lines = reply.text.trimEnd().split('\n');
    expect([...lines].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(lines);
    const before = parseStats(reply.text);
    const total = 'http.edge-gateway_80.downstream_rq_total';
    expect(before.get(total)).toBeGreaterThan(0);
    expect(before.get('server.live')).toBe(1);
    await client.tick(3);
    const after = await stats(client, 'default', 'edge-gateway-1');
    expect(after.get(total)).toBeGreaterThan(before.get(total) as number);
    expect(after.get('cluster.frontend.upstream_rq_total')).toBeGreaterThan(
      before.get('cluster.frontend.upstream_rq_total') as number,
    );
  });

  it('format=json gives the same stats as JSON', async () => {
    const client = await edgeGatewayAfter(2);
    const text = await stats(client, 'default', 'edge-gateway-1');
    const body = await client.json<{ stats: { name: string; value: number }[] }>(
      '/meshes/default/dataplanes/edge-gateway-1/stats?format=json',
    );
    expect(new Map(body.stats.map(({ name, value }) => [name, value]))).toEqual(text);
  });

  it('usedonly=false (2.14) adds counters that were never written', async () => {
    const client = await edgeGatewayAfter(1);
    const used = await stats(client, 'default', 'edge-gateway-1');
    const reply = await client.get(
      '/meshes/default/dataplanes/edge-gateway-1/stats?usedonly=false',
    );
    const every = parseStats(reply.text);
    expect(every.size).toBeGreaterThan(used.size);
    for (const [name, value] of used) expect(every.get(name), name).toBe(value);
  });

  it('shows a sidecar’s inbound traffic', async () => {
    const client = cp();
    await client.tick(3);
    const frontend = await stats(client, 'default', 'frontend-1');
    expect(frontend.get('cluster.backend.upstream_rq_total')).toBeGreaterThan(0);
  });

  it('404s an unknown dataplane', async () => {
    const reply = await cp().get('/meshes/default/dataplanes/nope/stats');
    expectKumaError(reply, { status: 404 });
  });
});

describe('clusters and xds', () => {
  it('clusters is Envoy text by default and JSON with format=json', async () => {
    const client = await edgeGatewayAfter(2);
    const reply = await client.get('/meshes/default/dataplanes/edge-gateway-1/clusters');
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/^text\/plain/);
    const lines = reply.text.trimEnd().split('\n');
    expect(lines.every((line) => line.includes('::'))).toBe(true);
    expect(lines).toContain('frontend::observability_name::frontend');
    const body = await client.json<{ cluster_statuses: Json[] }>(
      '/meshes/default/dataplanes/edge-gateway-1/clusters?format=json',
    );
    const clusterNames = body.cluster_statuses.map((cluster) => cluster.name);
    expect(clusterNames).toEqual(expect.arrayContaining(['ads_cluster', 'frontend', 'orders']));
  });

  it('xds is the config_dump JSON', async () => {
    const client = await edgeGatewayAfter(1);
    const dump = await client.json<{ configs: Json[] }>(
      '/meshes/default/dataplanes/edge-gateway-1/xds',
    );
    expect(Array.isArray(dump.configs)).toBe(true);
    const types = dump.configs.map((config) => config['@type']);
    expect(types[0]).toBe('type.googleapis.com/envoy.admin.v3.BootstrapConfigDump');
    expect(types).toContain('type.googleapis.com/envoy.admin.v3.ListenersConfigDump');
    expect(types).toContain('type.googleapis.com/envoy.admin.v3.ClustersConfigDump');
    expect(dump.configs[0]?.bootstrap.node.id).toBe('default.edge-gateway-1');
  });
});

describe('the mixed scenario’s faults in the counters', () => {
  it('edge-gateway gets 403 from orders (no MeshTrafficPermission lets it in)', async () => {
    const client = await edgeGatewayAfter(6);
    expect(await edgeCounter(client, 'cluster.orders.upstream_rq_403')).toBeGreaterThan(0);
    expect(await edgeCounter(client, 'cluster.orders.upstream_rq_2xx')).toBe(0);
    expect(await edgeCounter(client, 'cluster.orders.upstream_rq_total')).toBe(
      await edgeCounter(client, 'cluster.orders.upstream_rq_403'),
    );
  });

  it('edge-gateway gets 503 from payments (its only proxy is offline)', async () => {
    const client = await edgeGatewayAfter(6);
    expect(await edgeCounter(client, 'cluster.payments.upstream_rq_503')).toBeGreaterThan(0);
    expect(await edgeCounter(client, 'cluster.payments.upstream_rq_2xx')).toBe(0);
    expect(await edgeCounter(client, 'cluster.payments.membership_healthy')).toBe(0);
  });

  it('the admin listener (8081) serves /status only: every other path is a 404 (no_route)', async () => {
    const client = await edgeGatewayAfter(6);
    const prefix = 'http.edge-gateway_8081';
    const total = await edgeCounter(client, `${prefix}.downstream_rq_total`);
    const notFound = await edgeCounter(client, `${prefix}.downstream_rq_4xx`);
    const ok = await edgeCounter(client, `${prefix}.downstream_rq_2xx`);
    expect(notFound).toBeGreaterThan(0);
    expect(ok).toBeGreaterThan(0);
    expect(await edgeCounter(client, `${prefix}.no_route`)).toBe(notFound);
    expect(await edgeCounter(client, `${prefix}.downstream_rq_5xx`)).toBe(0);
    expect(ok + notFound).toBe(total);
  });

  it('healthy routes answer 2xx (frontend)', async () => {
    const client = await edgeGatewayAfter(6);
    expect(await edgeCounter(client, 'cluster.frontend.upstream_rq_2xx')).toBeGreaterThan(0);
    expect(await edgeCounter(client, 'cluster.frontend.upstream_rq_403')).toBe(0);
    expect(await edgeCounter(client, 'cluster.frontend.upstream_rq_503')).toBe(0);
  });
});

describe('a gateway kuma-cp cannot build (legacy-gateway: a listener without a route)', () => {
  const legacyGatewayAfter = (ticks: number) =>
    gatewaysAfter(ticks, ['legacy/legacy-gateway-1', 'default/edge-gateway-1']);

  it('its proxy is online, and kuma-cp answered none of its LDS, CDS or RDS requests', async () => {
    const client = await legacyGatewayAfter(4);
    const overview = await client.json<Json>(
      '/meshes/legacy/dataplanes/legacy-gateway-1/_overview',
    );
    const subscription = overview.dataplaneInsight.subscriptions.at(-1);
    expect(subscription.connectTime).toBeDefined();
    expect(subscription.disconnectTime).toBeUndefined();
    // What kuma-cp 2.6.15 and 2.14.3 show for a proxy of a gateway they cannot build.
    for (const type of ['total', 'lds', 'cds', 'rds']) {
      expect(subscription.status[type], type).toEqual({});
    }
    expect(subscription.status.lastUpdateTime).toBe(subscription.connectTime);
    // A gateway kuma-cp can build, for contrast.
    const edge = await client.json<Json>('/meshes/default/dataplanes/edge-gateway-1/_overview');
    expect(Number(edge.dataplaneInsight.subscriptions.at(-1).status.lds.responsesSent)).toBe(
      Number(edge.dataplaneInsight.subscriptions.at(-1).status.lds.responsesAcknowledged),
    );
    expect(edge.dataplaneInsight.subscriptions.at(-1).status.lds).not.toEqual({});
  });

  it('its Envoy has no gateway listener and no cluster but the bootstrap ones', async () => {
    const client = await legacyGatewayAfter(4);
    const counters = await stats(client, 'legacy', 'legacy-gateway-1');
    const names = [...counters.keys()];
    expect(names.filter((name) => name.startsWith('listener.'))).toEqual([]);
    expect(names.filter((name) => name.startsWith('http.'))).toEqual([]);
    expect(counters.get('listener_manager.total_listeners_active')).toBe(0);
    const clusters = await client.json<{ cluster_statuses: Json[] }>(
      '/meshes/legacy/dataplanes/legacy-gateway-1/clusters?format=json',
    );
    expect(clusters.cluster_statuses.map((cluster) => cluster.name).sort()).toEqual([
      'access_log_sink',
      'ads_cluster',
      'kuma_envoy_admin',
    ]);
    const dump = await client.json<{ configs: Json[] }>(
      '/meshes/legacy/dataplanes/legacy-gateway-1/xds',
    );
    const config = (type: string) =>
      dump.configs.find((entry) => entry['@type'] === `type.googleapis.com/envoy.admin.v3.${type}`);
    expect(config('ListenersConfigDump')?.dynamic_listeners).toEqual([]);
    expect(config('ClustersConfigDump')?.dynamic_active_clusters).toEqual([]);
    expect(config('RoutesConfigDump')?.dynamic_route_configs).toEqual([]);
  });

  it('gets its configuration once a route attaches to the listener: counters grow, listeners appear', async () => {
    const client = await legacyGatewayAfter(2);
    const written = await client.put('/meshes/legacy/meshhttproutes/reviews-routes', {
      type: 'MeshHTTPRoute',
      mesh: 'legacy',
      name: 'reviews-routes',
      spec: {
        targetRef: { kind: 'MeshGateway', name: 'legacy-gateway', tags: { listener: 'reviews' } },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            rules: [
              {
                matches: [{ path: { type: 'PathPrefix', value: '/' } }],
                default: { backendRefs: [{ kind: 'MeshService', name: 'reviews' }] },
              },
            ],
          },
        ],
      },
    });
    expect(written.status).toBe(201);
    await client.tick(3);
    const overview = await client.json<Json>(
      '/meshes/legacy/dataplanes/legacy-gateway-1/_overview',
    );
    const lds = overview.dataplaneInsight.subscriptions.at(-1).status.lds;
    // kuma-cp answers its requests again: the counters are there (and grow from here).
    expect(lds).toHaveProperty('responsesSent');
    const counters = await stats(client, 'legacy', 'legacy-gateway-1');
    expect(counters.get('http.legacy-gateway_8090.downstream_rq_2xx')).toBeGreaterThan(0);
    expect(counters.get('http.legacy-gateway_8080.downstream_rq_2xx')).toBeGreaterThan(0);
  });
});
