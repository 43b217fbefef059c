/**
 * The topology reads its gateway proxies again only where the meshes' insights say they changed
 * (src/features/topology/gateway-refresh.ts). That rests on what kuma-cp puts in a MeshInsight,
 * checked here against a real one: proxies are connected to its xDS server by
 * real-cp/go/xds-client, as their Envoys would be, and disconnected again.
 *
 * - a gateway proxy connecting or disconnecting changes its mesh's signature, and the mesh's
 *   own read then shows it as kuma-cp now does;
 * - a sidecar connecting does not (sidecars come from the services' aggregates);
 * - a MeshGateway created changes the MeshGateway count: the whole list is read.
 */
import { QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GatewaySignature,
  gatewayRefresh,
  gatewaySignatures,
} from '../../src/features/topology/gateway-refresh';
import { KumaClient } from '../../src/kuma/client';
import { isConnected } from '../../src/kuma/dataplane-status';
import type { KumaApi } from '../../src/kuma/queries/api';
import { controlPlaneQuery } from '../../src/kuma/queries/control-plane';
import { meshGatewayProxiesQuery } from '../../src/kuma/queries/gateway-proxies';
import { meshListQuery } from '../../src/kuma/queries/meshes';
import { parseKumaVersion } from '../../src/kuma/version';
import { type ApiTarget, httpTarget } from '../api-target';
import { type RunningKumaCp, startKumaCp } from '../control-plane';
import { realVersions } from '../real-versions';
import { type RunningXdsClient, startXdsClient } from '../xds-client';

const MESH = 'default';
/** kuma-cp recomputes a MeshInsight at most once a second after a change, and every 20 s. */
const INSIGHT_WAIT_MS = 60_000;

const GATEWAY_PROXY = {
  type: 'Dataplane',
  mesh: MESH,
  name: 'edge-kong-1',
  networking: { address: '127.0.0.1', gateway: { tags: { 'kuma.io/service': 'edge-kong' } } },
};
const SIDECAR = {
  type: 'Dataplane',
  mesh: MESH,
  name: 'web-1',
  networking: {
    address: '127.0.0.1',
    inbound: [{ port: 18080, servicePort: 8080, tags: { 'kuma.io/service': 'web' } }],
  },
};

describe.each(realVersions())("gateway signatures from kuma-cp %s's mesh insights", (version) => {
  let cp: RunningKumaCp;
  let target: ApiTarget;
  let api: KumaApi;
  const clients: RunningXdsClient[] = [];

  beforeAll(async () => {
    cp = await startKumaCp({ version });
    target = httpTarget('kuma-cp', cp.url);
    for (const dataplane of [GATEWAY_PROXY, SIDECAR]) {
      const reply = await target.call(
        'PUT',
        `/meshes/${MESH}/dataplanes/${dataplane.name}`,
        dataplane,
      );
      expect(reply.status, reply.text).toBe(201);
    }
    const client = new KumaClient({ baseUrl: cp.url, getToken: () => undefined });
    api = { client, caps: await new QueryClient().fetchQuery(controlPlaneQuery(client)) };
  }, 20 * 60_000);

  afterAll(async () => {
    for (const client of clients) await client.stop();
    await cp?.stop();
  });

  /** The signatures as the topology reads them (its mesh list query), now. */
  async function signaturesNow(): Promise<ReadonlyMap<string, GatewaySignature> | undefined> {
    return gatewaySignatures(await new QueryClient().fetchQuery(meshListQuery(api)));
  }

  /** Polls until `accept` holds for the signatures; the last ones seen otherwise. */
  async function signaturesWhen(
    accept: (signatures: ReadonlyMap<string, GatewaySignature>) => boolean,
  ): Promise<ReadonlyMap<string, GatewaySignature>> {
    const deadline = Date.now() + INSIGHT_WAIT_MS;
    let last: ReadonlyMap<string, GatewaySignature> | undefined;
    while (Date.now() < deadline) {
      last = await signaturesNow();
      if (last && accept(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(
      `no such signatures in ${INSIGHT_WAIT_MS} ms; last: ${JSON.stringify([...(last ?? [])])}`,
    );
  }

  async function gatewayProxyConnected(): Promise<boolean | undefined> {
    const proxies = await new QueryClient().fetchQuery(meshGatewayProxiesQuery(api, MESH));
    const proxy = proxies.find((candidate) => candidate.name === GATEWAY_PROXY.name);
    return proxy && isConnected(proxy.dataplaneInsight);
  }

  async function connect(name: string): Promise<RunningXdsClient> {
    const client = await startXdsClient({
      xdsAddress: cp.xdsAddress,
      kumaVersion: version,
      dataplanes: [`${MESH}/${name}`],
    });
    clients.push(client);
    return client;
  }

  it('follows gateway proxies connecting and disconnecting, and only them', async () => {
    // The insight counts the gateway proxy, offline.
    const offline = await signaturesWhen((signatures) =>
      Boolean(signatures.get(MESH)?.proxies.startsWith('1/0/1/')),
    );
    expect(await gatewayProxyConnected()).toBe(false);

    // A sidecar connects: kuma-cp counts it online, the gateway signature stays.
    await connect(SIDECAR.name);
    const deadline = Date.now() + INSIGHT_WAIT_MS;
    for (;;) {
      const insight = (await target.call('GET', `/mesh-insights/${MESH}`)).body as {
        dataplanesByType?: { standard?: { online?: number } };
      };
      if (insight.dataplanesByType?.standard?.online === 1) break;
      expect(Date.now(), 'the sidecar never counted online').toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(gatewayRefresh(offline, (await signaturesNow()) ?? new Map())).toEqual({ read: 'none' });

    // The gateway proxy connects: its mesh is read again alone, and shows it online.
    const client = await connect(GATEWAY_PROXY.name);
    const online = await signaturesWhen((signatures) =>
      Boolean(signatures.get(MESH)?.proxies.startsWith('1/1/0/')),
    );
    expect(gatewayRefresh(offline, online)).toEqual({ read: 'meshes', meshes: [MESH] });
    expect(await gatewayProxyConnected()).toBe(true);

    // It disconnects: read again, offline.
    await client.stop();
    const gone = await signaturesWhen((signatures) =>
      Boolean(signatures.get(MESH)?.proxies.startsWith('1/0/1/')),
    );
    expect(gatewayRefresh(online, gone)).toEqual({ read: 'meshes', meshes: [MESH] });
    expect(await gatewayProxyConnected()).toBe(false);
  });

  // 3.0 has no built-in gateway.
  it.skipIf(parseKumaVersion(version).major >= 3)(
    'reads the whole list once a MeshGateway is created',
    async () => {
      const before = await signaturesWhen(() => true);
      const reply = await target.call('PUT', `/meshes/${MESH}/meshgateways/edge`, {
        type: 'MeshGateway',
        mesh: MESH,
        name: 'edge',
        selectors: [{ match: { 'kuma.io/service': 'edge' } }],
        conf: { listeners: [{ port: 8080, protocol: 'HTTP' }] },
      });
      expect(reply.status, reply.text).toBe(201);
      const after = await signaturesWhen(
        (signatures) => signatures.get(MESH)?.gateways !== before.get(MESH)?.gateways,
      );
      expect(after.get(MESH)?.gateways).toBe('1');
      expect(gatewayRefresh(before, after)).toEqual({ read: 'all' });
    },
  );
});
