/**
 * The debugger against a real oracle. The docs and `mixed` scenarios and the attachment cases are
 * written to a real kuma-cp; every Dataplane is then connected to its xDS server by
 * real-cp/go/xds-client, a stand-in for Envoy, so kuma-cp generates the configuration it would
 * send each gateway. The dashboard, reading the same control plane through its own queries, must
 * agree with that configuration and with kuma-cp's `_rules`:
 *
 * - which Dataplanes serve which MeshGateway (kuma-cp's `…/dataplanes/{name}/policies`);
 * - which routes a gateway takes (`_rules`), and which services it sends traffic to (topology);
 * - where each probe request ends (trace): refused, reset, TLS failure, which 404, or which
 *   backends with which shares, judged by Envoy's matching rules on kuma-cp's configuration.
 *
 * `XDS_DUMP=dir` keeps each gateway proxy's configuration as JSON, to read what kuma-cp sent.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleSnapshot, type MeshDetail } from '../../src/features/topology/assemble-snapshot';
import { KumaClient } from '../../src/kuma/client';
import type { KumaApi } from '../../src/kuma/queries/api';
import { controlPlaneQuery } from '../../src/kuma/queries/control-plane';
import { gatewayListQuery } from '../../src/kuma/queries/gateways';
import { meshListQuery } from '../../src/kuma/queries/meshes';
import { serviceInsightsQuery } from '../../src/kuma/queries/services';
import { meshTopologyQuery } from '../../src/kuma/queries/topology';
import type { ControlPlaneSnapshot, MeshSnapshot } from '../../src/kuma/snapshot';
import type { MeshGateway } from '../../src/kuma/types';
import { buildTopology } from '../../src/topology/build-topology';
import { gatewayId } from '../../src/topology/types';
import {
  evaluateGatewayRequest,
  NO_ROUTES_MESSAGE,
  type TraceResult,
} from '../../src/traffic/evaluate-request';
import { gatewayInstances, listenerTagSet } from '../../src/traffic/gateway-binding';
import { indexedListeners } from '../../src/traffic/listener-selection';
import { isMtlsEnabled } from '../../src/traffic/permissions';
import { routesForListener } from '../../src/traffic/route-attachment';
import { httpTarget } from '../api-target';
import { type RunningKumaCp, startKumaCp } from '../control-plane';
import { realVersions } from '../real-versions';
import { scenarioWrites, seed, settle, type Write } from '../seed';
import { type RunningXdsClient, startXdsClient } from '../xds-client';
import { ATTACHMENT_CASES, caseWrites } from './attachment-cases';
import { envoyOutcome, type Outcome, type Probe, serviceOfCluster } from './envoy-routing';
import { gatewayProbes } from './probes';

function dashboardOutcome(result: TraceResult): Outcome {
  const { verdict } = result;
  switch (verdict.kind) {
    case 'connection-refused':
      return { kind: 'refused', why: verdict.message };
    case 'connection-reset':
      return { kind: 'reset', why: verdict.message };
    case 'tls-failure':
      return { kind: 'tls-failure', why: verdict.message };
    case 'no-route':
      return {
        kind: 'not-found',
        page: verdict.message.includes(NO_ROUTES_MESSAGE) ? 'kuma' : 'envoy',
      };
    default: {
      const backends: Record<string, number> = {};
      for (const backend of result.backends) {
        backends[backend.service] = (backends[backend.service] ?? 0) + backend.share;
      }
      return { kind: 'routed', backends };
    }
  }
}

/** Outcomes compare on what the client sees; the reasons are for the report. */
function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'not-found' && b.kind === 'not-found') return a.page === b.page;
  if (a.kind === 'direct' && b.kind === 'direct') return a.status === b.status;
  if (a.kind === 'routed' && b.kind === 'routed') {
    const keys = new Set([...Object.keys(a.backends), ...Object.keys(b.backends)]);
    return [...keys].every(
      (key) => Math.abs((a.backends[key] ?? 0) - (b.backends[key] ?? 0)) < 0.005,
    );
  }
  return true;
}

function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'routed':
      return `routed to ${Object.entries(outcome.backends)
        .map(([service, share]) => `${service} ${Math.round(share * 100)}%`)
        .join(', ')}`;
    case 'not-found':
      return `404 (${outcome.page} page)`;
    case 'direct':
      return `direct ${outcome.status}`;
    default:
      return `${outcome.kind}: ${outcome.why}`;
  }
}

function describeProbe(probe: Probe): string {
  if (probe.scheme === 'tcp') return `tcp :${probe.port}`;
  if (probe.scheme === 'mesh')
    return `mesh proxy → ${probe.method} http://${probe.host}:${probe.port}${probe.path}`;
  const headers = Object.entries(probe.headers).map(([name, value]) => ` ${name}=${value}`);
  return `${probe.method} ${probe.scheme}://${probe.host}:${probe.port}${probe.path}${headers.join('')}`;
}

/** The snapshot the dashboard's trace and topology screens assemble, read from `url`. */
async function dashboardSnapshot(url: string): Promise<ControlPlaneSnapshot> {
  const client = new KumaClient({ baseUrl: url, getToken: () => undefined });
  const queries = new QueryClient();
  const api: KumaApi = { client, caps: await queries.fetchQuery(controlPlaneQuery(client)) };
  const meshes = await queries.fetchQuery(meshListQuery(api));
  const gateways = await queries.fetchQuery(gatewayListQuery(api));
  const names = meshes.map(({ mesh }) => mesh.name);
  const details = new Map<string, MeshDetail>();
  const insights = new Map<string, Awaited<ReturnType<typeof queries.fetchQuery>>>();
  for (const name of names) {
    details.set(name, await queries.fetchQuery(meshTopologyQuery(api, name)));
    insights.set(name, await queries.fetchQuery(serviceInsightsQuery(api, name)));
  }
  return assembleSnapshot(
    meshes.map(({ mesh }) => mesh),
    gateways,
    details,
    insights as Map<string, never>,
  );
}

interface Disagreement {
  gateway: string;
  what: string;
  dashboard: string;
  kumaCp: string;
}

function formatDisagreements(rows: readonly Disagreement[]): string {
  return rows
    .map(
      (row) =>
        `  ${row.gateway} | ${row.what}\n    dashboard: ${row.dashboard}\n    kuma-cp:   ${row.kumaCp}`,
    )
    .join('\n');
}

function builtinGatewayDataplanes(writes: readonly Write[]): string[] {
  return writes
    .filter((write) => write.body.type === 'Dataplane')
    .filter(
      (write) =>
        (write.body.networking as { gateway?: { type?: string } } | undefined)?.gateway?.type ===
        'BUILTIN',
    )
    .map((write) => `${write.body.mesh}/${write.body.name}`);
}

describe.each(realVersions())('kuma-cp %s', (version) => {
  let cp: RunningKumaCp;
  let xds: RunningXdsClient | undefined;
  let snapshot: ControlPlaneSnapshot;
  /** `mesh/name` of a gateway Dataplane → the MeshGateway kuma-cp bound it to. */
  const boundTo = new Map<string, string | undefined>();
  const writes: Write[] = [
    ...scenarioWrites('docs-builtin', version),
    ...scenarioWrites('mixed', version),
    ...ATTACHMENT_CASES.flatMap(caseWrites),
  ];

  beforeAll(async () => {
    cp = await startKumaCp({ version, log: (line) => console.log(line) });
    await seed(httpTarget('kuma-cp', cp.url), writes);
    await settle(cp.url);
    const dataplanes = writes
      .filter((write) => write.body.type === 'Dataplane')
      .map((write) => `${write.body.mesh}/${write.body.name}`);
    xds = await startXdsClient({ xdsAddress: cp.xdsAddress, kumaVersion: version, dataplanes });
    await xds.settled(8000, 120_000);
    const dump = process.env.XDS_DUMP;
    if (dump) {
      await mkdir(dump, { recursive: true });
      for (const dataplane of builtinGatewayDataplanes(writes)) {
        const file = join(dump, `${version}-${dataplane.replace('/', '--')}.json`);
        await writeFile(file, JSON.stringify(xds.config(dataplane) ?? null, null, 1));
      }
      await writeFile(join(dump, `${version}-kuma-cp.log`), cp.output());
    }
    snapshot = await dashboardSnapshot(cp.url);
    for (const dataplane of builtinGatewayDataplanes(writes)) {
      const [mesh, name] = dataplane.split('/');
      const reply = await fetch(`${cp.url}/meshes/${mesh}/dataplanes/${name}/policies`);
      const body = reply.ok ? ((await reply.json()) as { gateway?: { name?: string } }) : {};
      boundTo.set(dataplane, body.gateway?.name);
    }
  }, 20 * 60_000);

  afterAll(async () => {
    await xds?.stop();
    await cp?.stop();
  });

  function eachGateway(): { mesh: MeshSnapshot; gateway: MeshGateway; label: string }[] {
    return snapshot.meshes.flatMap((mesh) =>
      mesh.gateways.map((gateway) => ({ mesh, gateway, label: `${gateway.mesh}/${gateway.name}` })),
    );
  }

  function report(rows: Disagreement[], what: string): void {
    if (rows.length > 0)
      console.log(`\n${what} on kuma-cp ${version}:\n${formatDisagreements(rows)}`);
    expect(rows.length, `${rows.length} disagreements, listed above`).toBe(0);
  }

  it('binds each gateway Dataplane to the MeshGateway kuma-cp serves on it', () => {
    const rows: Disagreement[] = [];
    for (const { mesh, gateway, label } of eachGateway()) {
      const dashboard = gatewayInstances(mesh, gateway)
        .map((instance) => `${instance.mesh}/${instance.name}`)
        .sort();
      const real = [...boundTo]
        .filter(
          ([dataplane, name]) => name === gateway.name && dataplane.startsWith(`${gateway.mesh}/`),
        )
        .map(([dataplane]) => dataplane)
        .sort();
      if (dashboard.join() !== real.join()) {
        rows.push({
          gateway: label,
          what: 'instances',
          dashboard: dashboard.join(', '),
          kumaCp: real.join(', '),
        });
      }
    }
    report(rows, 'Gateway instances');
  });

  it("takes the routes kuma-cp's _rules lists for each gateway", async () => {
    const rows: Disagreement[] = [];
    for (const { mesh, gateway, label } of eachGateway()) {
      const reply = await fetch(
        `${cp.url}/meshes/${gateway.mesh}/meshgateways/${gateway.name}/_rules`,
      );
      const body = (await reply.json()) as {
        rules?: { type: string; toRules?: { origin?: { name: string }[] }[] }[];
      };
      const real = (body.rules ?? [])
        .filter((rule) => rule.type === 'MeshHTTPRoute' || rule.type === 'MeshTCPRoute')
        .flatMap((rule) =>
          (rule.toRules ?? []).flatMap((entry) =>
            (entry.origin ?? []).map((origin) => `${rule.type} ${origin.name}`),
          ),
        );
      // `_rules` stands a proxy in with the first selector's tags and no listener of its own:
      // a route is in when its targetRef tags select any listener, whatever its hostnames.
      const proxyTags = gateway.selectors?.[0]?.match ?? {};
      const listeners = indexedListeners(gateway);
      const taken = new Set<string>();
      for (const entry of listeners) {
        const context = {
          gateway,
          listener: entry,
          tags: listenerTagSet(proxyTags, gateway, entry.listener),
          onPort: listeners.filter((other) => other.port === entry.port),
        };
        const outcome = routesForListener(mesh, context);
        for (const attachment of [...outcome.http, ...outcome.tcp]) {
          if (attachment.problem !== 'tags')
            taken.add(`${attachment.kind} ${attachment.route.name}`);
        }
      }
      const dashboard = [...taken].sort();
      const fromRules = [...new Set(real)].sort();
      if (dashboard.join() !== fromRules.join()) {
        rows.push({
          gateway: label,
          what: 'routes',
          dashboard: dashboard.join(', '),
          kumaCp: fromRules.join(', '),
        });
      }
    }
    report(rows, 'Routes per gateway');
  });

  it('draws gateway → service links to the services kuma-cp routes the gateway to', () => {
    const rows: Disagreement[] = [];
    const graph = buildTopology(snapshot);
    for (const { gateway, label } of eachGateway()) {
      const id = gatewayId(gateway.mesh ?? '', 'builtin', gateway.name);
      const serviceOf = new Map(
        graph.nodes.flatMap((node) =>
          'service' in node ? [[node.id, node.service] as const] : [],
        ),
      );
      const drawn = graph.edges
        .filter((edge) => edge.source === id && edge.relation === 'gateway-service')
        .map((edge) => serviceOf.get(edge.target) ?? edge.target);
      const instance = [...boundTo].find(
        ([dataplane, name]) => name === gateway.name && dataplane.startsWith(`${gateway.mesh}/`),
      )?.[0];
      const config = instance ? xds?.config(instance) : undefined;
      const routed = [
        ...(config?.routes ?? []).flatMap((table) =>
          (table.virtualHosts ?? []).flatMap((vhost) =>
            (vhost.routes ?? []).flatMap((route) => [
              ...(route.route?.cluster ? [route.route.cluster] : []),
              ...(route.route?.weightedClusters?.clusters ?? []).map((cluster) => cluster.name),
            ]),
          ),
        ),
        ...(config?.listeners ?? []).flatMap((listener) =>
          (listener.filterChains ?? []).flatMap((chain) =>
            (chain.filters ?? []).flatMap((filter) => {
              const proxy = filter.typedConfig as
                | { cluster?: string; weightedClusters?: { clusters: { name: string }[] } }
                | undefined;
              if (filter.name !== 'envoy.filters.network.tcp_proxy' || !proxy) return [];
              return [
                ...(proxy.cluster ? [proxy.cluster] : []),
                ...(proxy.weightedClusters?.clusters ?? []).map((cluster) => cluster.name),
              ];
            }),
          ),
        ),
      ];
      const dashboard = [...new Set(drawn)].sort().join(', ');
      const real = [...new Set(routed.map(serviceOfCluster))].sort().join(', ');
      if (dashboard !== real)
        rows.push({ gateway: label, what: 'services', dashboard, kumaCp: real });
    }
    report(rows, 'Gateway links');
  });

  it('traces every probe request to where the configuration kuma-cp generated sends it', () => {
    const rows: Disagreement[] = [];
    let probes = 0;
    // Cross-mesh listeners take only mesh proxies: probe them from a sidecar of an mTLS mesh.
    const meshClient = snapshot.meshes
      .filter((mesh) => isMtlsEnabled(mesh.mesh))
      .flatMap((mesh) =>
        mesh.dataplanes.filter((dataplane) => !dataplane.dataplane?.networking?.gateway),
      )
      .map((dataplane) => ({ mesh: dataplane.mesh, dataplane: dataplane.name }))[0];
    for (const { mesh, gateway, label } of eachGateway()) {
      const instance = [...boundTo].find(
        ([dataplane, name]) => name === gateway.name && dataplane.startsWith(`${gateway.mesh}/`),
      )?.[0];
      const config = instance ? xds?.config(instance) : undefined;
      for (const probe of gatewayProbes(mesh, gateway, Boolean(meshClient))) {
        probes++;
        const real = instance
          ? envoyOutcome(config, probe)
          : ({ kind: 'refused', why: 'no Dataplane serves this gateway' } as const);
        const trace = evaluateGatewayRequest(snapshot, {
          gateway: { mesh: gateway.mesh ?? '', name: gateway.name },
          scheme: probe.scheme === 'https' ? 'https' : 'http',
          host: probe.host,
          port: probe.port,
          path: probe.path,
          method: probe.method,
          headers: probe.headers,
          ...(probe.scheme === 'mesh' && meshClient ? { from: meshClient } : {}),
        });
        const predicted = dashboardOutcome(trace);
        if (!sameOutcome(predicted, real)) {
          rows.push({
            gateway: label,
            what: describeProbe(probe),
            dashboard: describeOutcome(predicted),
            kumaCp: describeOutcome(real),
          });
        }
      }
    }
    console.log(`kuma-cp ${version}: ${probes} probe requests, ${rows.length} disagreements`);
    report(rows, 'Trace verdicts');
  });
});
