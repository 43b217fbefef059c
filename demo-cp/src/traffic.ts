import { isConnected } from '../../src/kuma/dataplane-status';
import type { ControlPlaneSnapshot, MeshSnapshot } from '../../src/kuma/snapshot';
import type { Dataplane, MeshGateway } from '../../src/kuma/types';
import {
  type BackendOutcome,
  evaluateGatewayRequest,
  evaluateServiceCall,
  type GatewayRequest,
  type TraceResult,
} from '../../src/traffic/evaluate-request';
import { selectGateway } from '../../src/traffic/gateway-binding';
import { gatewayRouting } from '../../src/traffic/gateway-config';
import { routeFamilyForProtocol } from '../../src/traffic/route-attachment';
import {
  builtinGatewayStatPrefix,
  type EnvoyClusterSnapshot,
  type EnvoyListenerCounters,
  type EnvoyListenerSnapshot,
  type EnvoyProxySnapshot,
  sidecarInboundStatPrefix,
} from './envoy/types';
import { controlPlaneSnapshot } from './snapshot';
import type { SimulatedProxy, World } from './world';
import { proxyKey } from './world';

/**
 * Cluster counters as kept between ticks. Status codes live in a Map: an object indexed by 200 or
 * 503 would get a dense elements store of that length, kilobytes per cluster at 15,000 clusters.
 */
interface ClusterCounters extends Omit<EnvoyClusterSnapshot['counters'], 'rqByCode'> {
  byCode: Map<number, number>;
}

/** Counters of one running Envoy; they start from zero when the proxy (re)connects. */
export interface EnvoyCounters {
  startedAtTick: number;
  listeners: Map<string, EnvoyListenerSnapshot>;
  clusters: Map<string, ClusterCounters>;
}

/** A request the simulation sends through a built-in gateway listener. */
export interface GatewaySample {
  request: GatewayRequest;
  listenerIndex: number;
}

/** The status a backend's share of the requests gets. */
const BACKEND_STATUS: Record<BackendOutcome, number> = {
  ok: 200,
  'rbac-denied': 403,
  'no-healthy-upstream': 503,
  'unresolved-backend': 503,
};

function emptyListenerCounters(): EnvoyListenerCounters {
  return {
    cxTotal: 0,
    cxActive: 0,
    rqTotal: 0,
    rq2xx: 0,
    rq4xx: 0,
    rq5xx: 0,
    noRoute: 0,
    rbacDenied: 0,
    noFilterChainMatch: 0,
    sslHandshake: 0,
  };
}

/** A concrete host a listener or route hostname accepts (`*.example.com` → `www.example.com`). */
function concreteHost(hostname: string | undefined): string | undefined {
  if (!hostname || hostname === '*') return undefined;
  return hostname.startsWith('*.') ? `www.${hostname.slice(2)}` : hostname;
}

/**
 * The requests a platform team's users would send through a gateway: one per attached route
 * rule (matching it), and a stray one for `/` on HTTP listeners where no rule's path is `/`.
 */
export function gatewaySamples(
  mesh: MeshSnapshot,
  gateway: MeshGateway,
  instanceTags: Record<string, string>,
  crossMeshCaller?: { mesh: string; dataplane: string },
): GatewaySample[] {
  const samples: GatewaySample[] = [];
  for (const { entry, routes } of gatewayRouting(mesh, gateway, instanceTags).listeners) {
    if (entry.port === undefined) continue;
    const family = routeFamilyForProtocol(entry.protocol);
    const scheme = entry.protocol === 'HTTPS' || entry.protocol === 'TLS' ? 'https' : 'http';
    // Cross-mesh listeners only take mesh proxies of other meshes, over mTLS.
    const from = entry.listener.crossMesh ? crossMeshCaller : undefined;
    if (entry.listener.crossMesh && !from) continue;
    const base = {
      gateway: { mesh: mesh.mesh.name, name: gateway.name },
      scheme,
      port: entry.port,
      headers: {},
      ...(from ? { from } : {}),
    } as const;
    const listenerHost = concreteHost(entry.hostname);
    if (family === 'http') {
      const own: GatewaySample[] = [];
      for (const route of routes.attachedHttp) {
        for (const to of route.spec.to ?? []) {
          const host = listenerHost ?? concreteHost(to.hostnames?.[0]) ?? 'www.example.com';
          for (const rule of to.rules ?? []) {
            const match = rule.matches?.[0];
            const path =
              match?.path && match.path.type !== 'RegularExpression' ? match.path.value : '/';
            const headers: Record<string, string> = {};
            for (const header of match?.headers ?? []) {
              if ((header.type ?? 'Exact') === 'Exact' && header.value !== undefined)
                headers[header.name] = header.value;
              if (header.type === 'Present') headers[header.name] = 'yes';
            }
            own.push({
              listenerIndex: entry.index,
              request: { ...base, host, path, method: match?.method ?? 'GET', headers },
            });
          }
        }
      }
      // Users try the root of every host, whether a rule serves it or not.
      if (!own.some((sample) => sample.request.path === '/')) {
        own.push({
          listenerIndex: entry.index,
          request: { ...base, host: listenerHost ?? 'www.example.com', path: '/', method: 'GET' },
        });
      }
      samples.push(...own);
    } else if (family === 'tcp') {
      samples.push({
        listenerIndex: entry.index,
        request: { ...base, host: listenerHost ?? 'tcp.example.com', path: '/', method: 'GET' },
      });
    }
  }
  return samples;
}

/** An online sidecar in another mesh with mTLS, to call cross-mesh listeners from. */
function crossMeshCaller(snapshot: ControlPlaneSnapshot, gatewayMesh: string) {
  for (const mesh of snapshot.meshes) {
    if (mesh.mesh.name === gatewayMesh || !mesh.mesh.mtls?.enabledBackend) continue;
    const caller = mesh.dataplanes.find(
      (dataplane) =>
        !dataplane.dataplane.networking.gateway && isConnected(dataplane.dataplaneInsight),
    );
    if (caller) return { mesh: caller.mesh, dataplane: caller.name };
  }
  return undefined;
}

/**
 * Simulated requests, decided by the same evaluator the dashboard's traffic-path debugger
 * uses, so a trace's predicted status is what the simulated Envoy counters show.
 */
export class TrafficSimulator {
  private readonly counters = new Map<string, EnvoyCounters>();

  constructor(private readonly world: World) {}

  reset(): void {
    this.counters.clear();
  }

  private countersOf(proxy: SimulatedProxy): EnvoyCounters {
    const key = proxyKey(proxy.mesh, proxy.name);
    let counters = this.counters.get(key);
    if (!counters || counters.startedAtTick !== proxy.startedAtTick) {
      counters = { startedAtTick: proxy.startedAtTick, listeners: new Map(), clusters: new Map() };
      this.counters.set(key, counters);
    }
    return counters;
  }

  private listener(
    proxy: SimulatedProxy,
    meta: Omit<EnvoyListenerSnapshot, 'counters'>,
  ): EnvoyListenerCounters {
    const counters = this.countersOf(proxy);
    let listener = counters.listeners.get(meta.statPrefix);
    if (!listener) {
      listener = { ...meta, counters: emptyListenerCounters() };
      counters.listeners.set(meta.statPrefix, listener);
    }
    return listener.counters;
  }

  private cluster(proxy: SimulatedProxy, name: string) {
    const counters = this.countersOf(proxy);
    let cluster = counters.clusters.get(name);
    if (!cluster) {
      cluster = { rqTotal: 0, byCode: new Map(), cxTotal: 0, cxActive: 0, rqTimeout: 0 };
      counters.clusters.set(name, cluster);
    }
    return cluster;
  }

  private countResponses(
    listener: EnvoyListenerCounters,
    status: number,
    requests: number,
    result: TraceResult,
  ): void {
    listener.cxTotal += Math.max(1, Math.ceil(requests / 4));
    // Refused, reset or failed handshakes never become HTTP requests.
    if (status === 0) return;
    listener.rqTotal += requests;
    if (status < 300) listener.rq2xx += requests;
    else if (status < 500) listener.rq4xx += requests;
    else listener.rq5xx += requests;
    if (result.verdict.kind === 'no-route') listener.noRoute += requests;
  }

  /** Requests that reached backends: upstream cluster on the caller, inbound on the callee. */
  private countUpstream(caller: SimulatedProxy, result: TraceResult, requests: number): void {
    for (const backend of result.backends) {
      const share = Math.round(requests * backend.share);
      if (share === 0) continue;
      const status = BACKEND_STATUS[backend.outcome];
      const cluster = this.cluster(caller, backend.service);
      cluster.rqTotal += share;
      cluster.cxTotal += 1;
      cluster.byCode.set(status, (cluster.byCode.get(status) ?? 0) + share);
      const online = backend.dataplanes.filter((dataplane) => dataplane.online);
      if (online.length === 0) continue;
      const target = online[this.world.random.int(0, online.length - 1)];
      if (!target) continue;
      const targetProxy = this.world.proxies.get(proxyKey(target.mesh, target.name));
      const stored = this.world.store.get('Dataplane', target.mesh, target.name) as
        | Dataplane
        | undefined;
      const inbound = stored?.networking.inbound?.find(
        (entry) => entry.tags?.['kuma.io/service'] === backend.service,
      );
      if (!targetProxy || !stored || !inbound) continue;
      const inboundListener = this.listener(targetProxy, {
        name: `inbound:${stored.networking.address}:${inbound.port}`,
        address: stored.networking.address ?? '0.0.0.0',
        port: inbound.port,
        statPrefix: sidecarInboundStatPrefix(inbound.servicePort ?? inbound.port),
        protocol: inbound.tags?.['kuma.io/protocol'] === 'tcp' ? 'tcp' : 'http',
      });
      inboundListener.cxTotal += 1;
      inboundListener.rqTotal += share;
      if (status === 403) {
        inboundListener.rq4xx += share;
        inboundListener.rbacDenied += share;
      } else if (status < 300) {
        inboundListener.rq2xx += share;
        const local = this.cluster(
          targetProxy,
          sidecarInboundStatPrefix(inbound.servicePort ?? inbound.port),
        );
        local.rqTotal += share;
        local.byCode.set(200, (local.byCode.get(200) ?? 0) + share);
      }
    }
  }

  /** One tick of traffic through every online gateway and sidecar. */
  step(): void {
    const snapshot: ControlPlaneSnapshot = controlPlaneSnapshot(this.world, {
      serviceInsights: false,
    });
    const gatewayResults = new Map<string, TraceResult>();
    const callResults = new Map<string, TraceResult>();
    for (const mesh of snapshot.meshes) {
      for (const overview of mesh.dataplanes) {
        const proxy = this.world.proxies.get(proxyKey(overview.mesh, overview.name));
        if (!proxy?.connected) continue;
        const networking = overview.dataplane.networking;
        if (networking.gateway?.type === 'BUILTIN') {
          const gateway = selectGateway(mesh.gateways, networking.gateway.tags).gateway;
          if (!gateway) continue;
          // An Envoy kuma-cp sent no configuration has no listener to count anything on.
          if (this.world.gatewayGeneration.failureOf(overview.mesh, overview.name)) continue;
          const caller = crossMeshCaller(snapshot, mesh.mesh.name);
          for (const sample of gatewaySamples(
            mesh,
            gateway,
            networking.gateway.tags ?? {},
            caller,
          )) {
            const key = JSON.stringify(sample.request);
            let result = gatewayResults.get(key);
            if (!result) {
              result = evaluateGatewayRequest(snapshot, sample.request);
              gatewayResults.set(key, result);
            }
            const requests = this.world.random.int(2, 12);
            const listener = this.listener(proxy, {
              name: `${gateway.name}:${sample.request.scheme.toUpperCase()}:${sample.request.port}`,
              address: networking.address ?? '0.0.0.0',
              port: sample.request.port,
              statPrefix: builtinGatewayStatPrefix(gateway.name, sample.request.port),
              protocol:
                routeFamilyForProtocol(
                  gateway.conf?.listeners?.[sample.listenerIndex]?.protocol,
                ) === 'tcp'
                  ? 'tcp'
                  : 'http',
              tls: sample.request.scheme === 'https',
            });
            if (sample.request.scheme === 'https') listener.sslHandshake += 1;
            if (sample.request.scheme === 'https' && result.verdict.kind === 'tls-failure')
              listener.noFilterChainMatch += requests;
            if (result.backends.length === 0) {
              this.countResponses(listener, result.verdict.status, requests, result);
            } else {
              for (const backend of result.backends) {
                const share = Math.round(requests * backend.share);
                if (share > 0)
                  this.countResponses(listener, BACKEND_STATUS[backend.outcome], share, result);
              }
            }
            this.countUpstream(proxy, result, requests);
          }
          continue;
        }
        const from =
          networking.gateway?.tags?.['kuma.io/service'] ??
          networking.inbound?.[0]?.tags?.['kuma.io/service'];
        for (const outbound of networking.outbound ?? []) {
          const service = outbound.tags?.['kuma.io/service'] ?? outbound.backendRef?.name;
          if (!service) continue;
          const key = `${mesh.mesh.name}|${from}|${service}`;
          let result = callResults.get(key);
          if (!result) {
            result = evaluateServiceCall(
              snapshot,
              { mesh: mesh.mesh.name, dataplane: overview.name },
              { service },
            );
            callResults.set(key, result);
          }
          this.countUpstream(proxy, result, this.world.random.int(1, 6));
        }
      }
    }
  }

  /** What this proxy's Envoy admin would report right now. */
  snapshot(dataplane: Dataplane): EnvoyProxySnapshot | undefined {
    const proxy = this.world.proxies.get(proxyKey(dataplane.mesh, dataplane.name));
    if (!proxy) return undefined;
    const counters = this.countersOf(proxy);
    const networking = dataplane.networking;
    const kind =
      networking.gateway?.type === 'BUILTIN'
        ? 'builtin-gateway'
        : networking.gateway
          ? 'delegated-gateway'
          : 'sidecar';
    const clusters: EnvoyClusterSnapshot[] = [...counters.clusters.entries()].map(
      ([name, cluster]) => ({
        name,
        endpoints: this.endpointsOf(dataplane.mesh, name, cluster.rqTotal),
        counters: {
          rqTotal: cluster.rqTotal,
          cxTotal: cluster.cxTotal,
          cxActive: cluster.cxActive,
          rqTimeout: cluster.rqTimeout,
          rqByCode: Object.fromEntries(cluster.byCode),
        },
      }),
    );
    return {
      mesh: dataplane.mesh,
      name: dataplane.name,
      address: networking.address ?? '0.0.0.0',
      adminPort: networking.admin?.port ?? 9901,
      kind,
      service:
        networking.gateway?.tags?.['kuma.io/service'] ??
        networking.inbound?.[0]?.tags?.['kuma.io/service'],
      uptimeSeconds: Math.max(
        0,
        Math.round(((this.world.ticks - proxy.startedAtTick) * this.world.options.tickMs) / 1000),
      ),
      listeners: [...counters.listeners.values()],
      clusters,
    };
  }

  /**
   * A cluster's endpoints: the proxies serving the service, healthy when online and ready. Per-host
   * request counts are the cluster's total spread over its healthy hosts, as round robin would;
   * keeping a counter per caller and host would cost more memory than the demo is worth.
   */
  private endpointsOf(mesh: string, cluster: string, clusterRequests: number) {
    if (cluster.startsWith('localhost_')) {
      return [
        {
          address: '127.0.0.1',
          port: Number(cluster.slice('localhost_'.length)),
          healthy: true,
          weight: 1,
          rqTotal: 0,
        },
      ];
    }
    const endpoints: EnvoyClusterSnapshot['endpoints'] = [];
    for (const dataplane of this.world.dataplanes(mesh)) {
      const served = this.world.servedDataplane(dataplane);
      const index =
        served.networking.inbound?.findIndex(
          (entry) => entry.tags?.['kuma.io/service'] === cluster,
        ) ?? -1;
      const inbound = index >= 0 ? served.networking.inbound?.[index] : undefined;
      if (!inbound) continue;
      const proxy = this.world.proxies.get(proxyKey(mesh, dataplane.name));
      const address = served.networking.address ?? '0.0.0.0';
      endpoints.push({
        address,
        port: inbound.port,
        healthy: Boolean(proxy?.connected) && inbound.health?.ready !== false,
        weight: 1,
        rqTotal: 0,
      });
    }
    const healthy = endpoints.filter((endpoint) => endpoint.healthy);
    healthy.forEach((endpoint, index) => {
      const base = Math.floor(clusterRequests / healthy.length);
      endpoint.rqTotal = base + (index < clusterRequests % healthy.length ? 1 : 0);
    });
    return endpoints;
  }
}
