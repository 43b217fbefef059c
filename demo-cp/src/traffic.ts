// Over 400 lines: the traffic simulation's counters, cached plans and their invalidation share state a split would pass around.
import { isConnectedSubscription } from '../../src/kuma/dataplane-status';
import type { ControlPlaneSnapshot, MeshSnapshot } from '../../src/kuma/snapshot';
import type { Dataplane, DataplaneInbound, Mesh, MeshGateway } from '../../src/kuma/types';
import { SERVICE_TAG } from '../../src/mesh-model/identity';
import { buildGatewayModel } from '../../src/mesh-model/mesh-model';
import {
  type BackendOutcome,
  evaluateGatewayRequest,
  evaluateServiceCall,
  type GatewayRequest,
  type TraceResult,
} from '../../src/traffic/evaluate-request';
import { selectGateway } from '../../src/traffic/gateway-binding';
import { routeFamilyForProtocol } from '../../src/traffic/route-attachment';
import { appended, flatString } from './compact';
import {
  builtinGatewayStatPrefix,
  type EnvoyClusterSnapshot,
  type EnvoyListenerCounters,
  type EnvoyListenerSnapshot,
  type EnvoyProxySnapshot,
  sidecarInboundStatPrefix,
} from './envoy/types';
import { controlPlaneSnapshot } from './snapshot';
import type { StoredResource } from './store';
import {
  EndpointLists,
  type EndpointTarget,
  type Evaluated,
  EvaluationCache,
  EvaluationSnapshots,
  type PlanBackend,
  planOf,
  type TrafficPlan,
} from './traffic-plans';
import type { SimulatedProxy, World } from './world';
import { proxyKey } from './world';

/**
 * Cluster counters as kept between ticks, sized for 50,000 proxies: a cluster almost always sees
 * one status code, kept inline; more go to small arrays (an object indexed by 200 or 503 would
 * get a dense elements store of that length). Clusters and listeners sit in arrays of their exact
 * length (a proxy has a few; Maps and pushed-to arrays reserve far more).
 */
interface ClusterCounters extends Omit<EnvoyClusterSnapshot['counters'], 'rqByCode'> {
  name: string;
  code: number;
  count: number;
  more?: { codes: number[]; counts: number[] };
}

/** Counters of one running Envoy; they start from zero when the proxy (re)connects. */
export interface EnvoyCounters {
  startedAtTick: number;
  listeners: EnvoyListenerSnapshot[];
  clusters: ClusterCounters[];
}

function addByCode(cluster: ClusterCounters, code: number, requests: number): void {
  if (cluster.code === code || cluster.count === 0) {
    cluster.code = code;
    cluster.count += requests;
    return;
  }
  const more = cluster.more ?? { codes: [], counts: [] };
  cluster.more = more;
  const index = more.codes.indexOf(code);
  if (index >= 0) more.counts[index] = (more.counts[index] ?? 0) + requests;
  else {
    more.codes = appended(more.codes, code);
    more.counts = appended(more.counts, requests);
  }
}

/** Status code → requests, in the order the codes were first seen. */
function byCode(cluster: ClusterCounters): Record<number, number> {
  const entries: [number, number][] = cluster.count > 0 ? [[cluster.code, cluster.count]] : [];
  cluster.more?.codes.forEach((code, i) => {
    entries.push([code, cluster.more?.counts[i] ?? 0]);
  });
  return Object.fromEntries(entries);
}

/** A request the simulation sends through a built-in gateway listener. */
export interface GatewaySample {
  request: GatewayRequest;
  listenerIndex: number;
}

/** The first inbound of a dataplane that serves `service`. */
function servingInbound(
  stored: Dataplane | undefined,
  service: string,
): DataplaneInbound | undefined {
  for (const inbound of stored?.networking.inbound ?? []) {
    if (inbound.tags?.[SERVICE_TAG] === service) return inbound;
  }
  return undefined;
}

/** The inbound a sidecar listener is made from. */
interface InboundListener {
  address: string | undefined;
  inbound: DataplaneInbound;
}

const statPrefixes = new Map<number, string>();

/** `sidecarInboundStatPrefix`, made once per port: a tick asks for it on every request. */
function inboundStatPrefix(port: number): string {
  let prefix = statPrefixes.get(port);
  if (prefix === undefined) {
    prefix = sidecarInboundStatPrefix(port);
    statPrefixes.set(port, prefix);
  }
  return prefix;
}

/** Every endpoint a result's backends resolved to: the evaluation read their state. */
function endpointsOf(result: TraceResult): { mesh: string; name: string }[] {
  return result.backends.flatMap((backend) => backend.dataplanes);
}

/** Dataplanes a tick in slices visits between two chances to pause. */
const ROWS_PER_SLICE = 64;

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
  // What kuma-cp generates for a proxy with these tags, as the mesh model says: routing reads
  // the gateways and routes only, so the model is built without the mesh's Dataplanes.
  const model = buildGatewayModel({ ...mesh, dataplanes: [] }).builtinGateway(gateway.name);
  const routing = model?.routingFor({ tags: instanceTags });
  for (const { entry, routes } of routing?.listeners ?? []) {
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
        !dataplane.dataplane.networking.gateway &&
        (dataplane.dataplaneInsight?.subscriptions ?? []).some(isConnectedSubscription),
    );
    if (caller) return { mesh: caller.mesh, dataplane: caller.name };
  }
  return undefined;
}

/** A gateway request as a tick sends it from one gateway proxy, with what its listener shows. */
interface SampleRow {
  sample: GatewaySample;
  /** The request as JSON: requests with the same text share one evaluation per tick. */
  key: string;
  listener: Omit<EnvoyListenerSnapshot, 'counters'>;
}

/** What a tick needs of one stored dataplane, derived once per store version. */
interface DataplaneRow {
  stored: StoredResource;
  proxy: SimulatedProxy | undefined;
  builtin?: { gateway: MeshGateway | undefined; samples: Map<string, SampleRow[]> };
  /** Services the sidecar (or delegated gateway) calls, with their evaluation keys. */
  calls: { service: string; key: string }[];
}

interface MeshRows {
  list: StoredResource[];
  version: number;
  rows: DataplaneRow[];
}

/** Per tick: evaluations already made (the first caller of a key in a tick decides it). */
interface TickState {
  snapshot: () => ControlPlaneSnapshot;
  plans: Map<string, TrafficPlan>;
  crossMeshCallers: Map<string, { mesh: string; dataplane: string } | undefined>;
}

export interface TrafficOptions {
  /**
   * Reuse evaluations across ticks while nothing they read has changed (the default). Off, every
   * call is evaluated each tick on a full snapshot, as the simulation first did: the reference
   * the cache is tested against.
   */
  reuseEvaluations?: boolean;
}

/**
 * Simulated requests, decided by the same evaluator the dashboard's traffic-path debugger
 * uses, so a trace's predicted status is what the simulated Envoy counters show.
 */
export class TrafficSimulator {
  /** By proxy object: a proxy deleted and written again starts with fresh counters. */
  private counters = new WeakMap<SimulatedProxy, EnvoyCounters>();
  private readonly evaluations: EvaluationCache;
  private readonly endpointLists: EndpointLists;
  private readonly snapshots: EvaluationSnapshots;
  private readonly meshRows = new Map<string, MeshRows>();
  private readonly reuse: boolean;

  constructor(
    private readonly world: World,
    options: TrafficOptions = {},
  ) {
    this.reuse = options.reuseEvaluations ?? true;
    this.evaluations = new EvaluationCache(world);
    this.endpointLists = new EndpointLists(world);
    this.snapshots = new EvaluationSnapshots(world);
  }

  reset(): void {
    this.counters = new WeakMap();
    this.evaluations.clear();
    this.endpointLists.clear();
    this.snapshots.clear();
    this.meshRows.clear();
  }

  private countersOf(proxy: SimulatedProxy): EnvoyCounters {
    let counters = this.counters.get(proxy);
    if (!counters || counters.startedAtTick !== proxy.startedAtTick) {
      counters = { startedAtTick: proxy.startedAtTick, listeners: [], clusters: [] };
      this.counters.set(proxy, counters);
    }
    return counters;
  }

  /**
   * A listener's counters; `meta` (or the inbound it is made from) describes it the first time it
   * counts anything.
   */
  private listener(
    counters: EnvoyCounters,
    statPrefix: string,
    meta: Omit<EnvoyListenerSnapshot, 'counters'> | InboundListener,
  ): EnvoyListenerCounters {
    // Loops, not find(): this runs for every simulated request, and closures add up.
    let listener: EnvoyListenerSnapshot | undefined;
    for (const entry of counters.listeners) if (entry.statPrefix === statPrefix) listener = entry;
    if (!listener) {
      // A literal, not `{ ...meta, counters }`: each spread copy got a hidden class of its own,
      // ~50,000 of them (~13 MB) at 50,000 dataplanes.
      listener =
        'inbound' in meta
          ? {
              name: flatString(`inbound:${meta.address}:${meta.inbound.port}`),
              address: meta.address ?? '0.0.0.0',
              port: meta.inbound.port,
              statPrefix,
              protocol:
                meta.inbound.tags?.['kuma.io/protocol'] === 'tcp'
                  ? ('tcp' as const)
                  : ('http' as const),
              counters: emptyListenerCounters(),
            }
          : { ...meta, counters: emptyListenerCounters() };
      counters.listeners = appended(counters.listeners, listener);
    }
    return listener.counters;
  }

  private cluster(counters: EnvoyCounters, name: string): ClusterCounters {
    let cluster: ClusterCounters | undefined;
    for (const entry of counters.clusters) if (entry.name === name) cluster = entry;
    if (!cluster) {
      cluster = { name, rqTotal: 0, code: 0, count: 0, cxTotal: 0, cxActive: 0, rqTimeout: 0 };
      counters.clusters = appended(counters.clusters, cluster);
    }
    return cluster;
  }

  private countResponses(
    listener: EnvoyListenerCounters,
    status: number,
    requests: number,
    plan: TrafficPlan,
  ): void {
    listener.cxTotal += Math.max(1, Math.ceil(requests / 4));
    // Refused, reset or failed handshakes never become HTTP requests.
    if (status === 0) return;
    listener.rqTotal += requests;
    if (status < 300) listener.rq2xx += requests;
    else if (status < 500) listener.rq4xx += requests;
    else listener.rq5xx += requests;
    if (plan.kind === 'no-route') listener.noRoute += requests;
  }

  /** Requests that reached backends: upstream cluster on the caller, inbound on the callee. */
  private countUpstream(caller: SimulatedProxy, plan: TrafficPlan, requests: number): void {
    const callerCounters = this.countersOf(caller);
    for (const backend of plan.backends) {
      const share = Math.round(requests * backend.share);
      if (share === 0) continue;
      const status = BACKEND_STATUS[backend.outcome];
      const cluster = this.cluster(callerCounters, backend.service);
      cluster.rqTotal += share;
      cluster.cxTotal += 1;
      addByCode(cluster, status, share);
      const online = backend.endpoints.online;
      if (online.length === 0) continue;
      const index = this.world.random.int(0, online.length - 1);
      const target = this.targetsOf(backend)[index];
      if (!target) continue;
      const targetCounters = this.countersOf(target.proxy);
      const statPrefix = inboundStatPrefix(target.inbound.servicePort ?? target.inbound.port);
      const inboundListener = this.listener(targetCounters, statPrefix, target);
      inboundListener.cxTotal += 1;
      inboundListener.rqTotal += share;
      if (status === 403) {
        inboundListener.rq4xx += share;
        inboundListener.rbacDenied += share;
      } else if (status < 300) {
        inboundListener.rq2xx += share;
        const local = this.cluster(targetCounters, statPrefix);
        local.rqTotal += share;
        addByCode(local, 200, share);
      }
    }
  }

  /** Where requests to a backend land, endpoint by endpoint (see `PlanEndpoints.targets`). */
  private targetsOf(backend: PlanBackend): (EndpointTarget | undefined)[] {
    const endpoints = backend.endpoints;
    if (endpoints.targets?.service === backend.service) return endpoints.targets.of;
    const of = endpoints.online.map((endpoint): EndpointTarget | undefined => {
      const proxy = this.world.proxies.get(proxyKey(endpoint.mesh, endpoint.name));
      const stored = this.world.store.get('Dataplane', endpoint.mesh, endpoint.name) as
        | Dataplane
        | undefined;
      const inbound = servingInbound(stored, backend.service);
      if (!proxy || !stored || !inbound) return undefined;
      return { proxy, address: stored.networking.address, inbound };
    });
    endpoints.targets = { service: backend.service, of };
    return of;
  }

  /** The dataplanes of a mesh in the order a tick visits them, with what it derives of each. */
  private rowsOf(meshName: string): DataplaneRow[] {
    const list = this.world.store.list('Dataplane', meshName);
    const version = this.world.store.version;
    const cached = this.meshRows.get(meshName);
    if (cached && cached.list === list && cached.version === version) return cached.rows;
    // Rows made before a write are all stale (a deleted mesh's too).
    for (const [mesh, rows] of this.meshRows)
      if (rows.version !== version) this.meshRows.delete(mesh);
    // Replicas of a service call the same services: they share one list of calls.
    const sharedCalls = new Map<string, DataplaneRow['calls']>();
    const rows = list.map((stored): DataplaneRow => {
      const networking = (stored as unknown as Dataplane).networking;
      const proxy = this.world.proxies.get(proxyKey(stored.mesh ?? '', stored.name));
      if (networking.gateway?.type === 'BUILTIN') {
        return { stored, proxy, builtin: { gateway: undefined, samples: new Map() }, calls: [] };
      }
      const from =
        networking.gateway?.tags?.[SERVICE_TAG] ?? networking.inbound?.[0]?.tags?.[SERVICE_TAG];
      const services: string[] = [];
      for (const outbound of networking.outbound ?? []) {
        const service = outbound.tags?.[SERVICE_TAG] ?? outbound.backendRef?.name;
        if (service) services.push(service);
      }
      const shareKey = JSON.stringify([from ?? null, services]);
      let calls = sharedCalls.get(shareKey);
      if (!calls) {
        calls = services.map((service) => ({ service, key: `${meshName}|${from}|${service}` }));
        sharedCalls.set(shareKey, calls);
      }
      return { stored, proxy, calls };
    });
    this.meshRows.set(meshName, { list, version, rows });
    return rows;
  }

  private sampleRows(
    mesh: MeshSnapshot,
    stored: StoredResource,
    gateway: MeshGateway,
    caller: { mesh: string; dataplane: string } | undefined,
  ): SampleRow[] {
    const networking = (stored as unknown as Dataplane).networking;
    return gatewaySamples(mesh, gateway, networking.gateway?.tags ?? {}, caller).map((sample) => ({
      sample,
      key: JSON.stringify(sample.request),
      listener: {
        name: `${gateway.name}:${sample.request.scheme.toUpperCase()}:${sample.request.port}`,
        address: networking.address ?? '0.0.0.0',
        port: sample.request.port,
        statPrefix: builtinGatewayStatPrefix(gateway.name, sample.request.port),
        protocol:
          routeFamilyForProtocol(gateway.conf?.listeners?.[sample.listenerIndex]?.protocol) ===
          'tcp'
            ? 'tcp'
            : 'http',
        tls: sample.request.scheme === 'https',
      },
    }));
  }

  /** The evaluation for `key` this tick: made by the first caller to ask, reused after. */
  private plan(
    tick: TickState,
    key: string,
    caller: string,
    evaluate: (snapshot: ControlPlaneSnapshot) => Evaluated,
  ): TrafficPlan {
    let plan = tick.plans.get(key);
    if (plan) return plan;
    plan = this.reuse
      ? this.evaluations.get(key, caller, () => evaluate(tick.snapshot()))
      : evaluate(tick.snapshot()).plan;
    tick.plans.set(key, plan);
    return plan;
  }

  private crossMeshCallerFor(tick: TickState, meshName: string) {
    if (!tick.crossMeshCallers.has(meshName)) {
      tick.crossMeshCallers.set(meshName, crossMeshCaller(tick.snapshot(), meshName));
    }
    return tick.crossMeshCallers.get(meshName);
  }

  /**
   * The built-in gateway proxies of a mesh: a request through a built-in gateway reads the state
   * of its instances (delegated gateways are never its endpoints).
   */
  private gatewayReads(meshName: string): { mesh: string; name: string }[] {
    return this.rowsOf(meshName)
      .filter((row) => row.builtin)
      .map((row) => ({ mesh: meshName, name: row.stored.name }));
  }

  /** One tick of traffic through every online gateway and sidecar. */
  step(): void {
    for (const _ of this.stepSlices()) {
      // Every mesh, now.
    }
  }

  /** The same, one mesh per slice (a tick in slices answers requests in between). */
  *stepSlices(): Generator<void> {
    let full: ControlPlaneSnapshot | undefined;
    const tick: TickState = {
      snapshot: () => {
        if (this.reuse) return this.snapshots.snapshot();
        full ??= controlPlaneSnapshot(this.world, { serviceInsights: false });
        return full;
      },
      plans: new Map(),
      crossMeshCallers: new Map(),
    };
    for (const meshResource of this.world.meshes() as (Mesh & StoredResource)[]) {
      const meshName = meshResource.name;
      let visited = 0;
      for (const row of this.rowsOf(meshName)) {
        // A chance to pause now and then inside a mesh too: evaluations make some rows slow.
        visited += 1;
        if (visited % ROWS_PER_SLICE === 0) yield;
        const proxy = row.proxy;
        if (!proxy?.connected) continue;
        const stored = row.stored;
        if (row.builtin) {
          this.gatewayStep(tick, meshName, row, proxy, row.builtin);
          continue;
        }
        for (const call of row.calls) {
          const plan =
            tick.plans.get(call.key) ??
            this.plan(tick, call.key, stored.name, (snapshot) => {
              const result = evaluateServiceCall(
                snapshot,
                { mesh: meshName, dataplane: stored.name },
                { service: call.service },
              );
              // The caller's own state only words a trace step (the verdict is the backends'),
              // so its flapping does not make the call evaluated again.
              return { plan: planOf(result, this.endpointLists), reads: endpointsOf(result) };
            });
          this.countUpstream(proxy, plan, this.world.random.int(1, 6));
        }
      }
      yield;
    }
  }

  private gatewayStep(
    tick: TickState,
    meshName: string,
    row: DataplaneRow,
    proxy: SimulatedProxy,
    builtin: NonNullable<DataplaneRow['builtin']>,
  ): void {
    const mesh = tick.snapshot().meshes.find((candidate) => candidate.mesh.name === meshName);
    if (!mesh) return;
    const tags = (row.stored as unknown as Dataplane).networking.gateway?.tags;
    builtin.gateway ??= selectGateway(mesh.gateways, tags).gateway;
    const gateway = builtin.gateway;
    if (!gateway) return;
    // An Envoy kuma-cp sent no configuration has no listener to count anything on.
    if (this.world.gatewayGeneration.failureOf(meshName, row.stored.name)) return;
    const caller = this.crossMeshCallerFor(tick, meshName);
    const callerKey = caller ? proxyKey(caller.mesh, caller.dataplane) : '';
    let samples = builtin.samples.get(callerKey);
    if (!samples) {
      samples = this.sampleRows(mesh, row.stored, gateway, caller);
      builtin.samples.set(callerKey, samples);
    }
    for (const { sample, key, listener: meta } of samples) {
      const plan =
        tick.plans.get(key) ??
        this.plan(tick, key, '', (snapshot) => {
          const result = evaluateGatewayRequest(snapshot, sample.request);
          const from = sample.request.from;
          return {
            plan: planOf(result, this.endpointLists),
            reads: [
              ...this.gatewayReads(meshName),
              ...(from ? [{ mesh: from.mesh, name: from.dataplane }] : []),
              ...endpointsOf(result),
            ],
          };
        });
      const requests = this.world.random.int(2, 12);
      const listener = this.listener(this.countersOf(proxy), meta.statPrefix, meta);
      if (sample.request.scheme === 'https') listener.sslHandshake += 1;
      if (sample.request.scheme === 'https' && plan.kind === 'tls-failure')
        listener.noFilterChainMatch += requests;
      if (plan.backends.length === 0) {
        this.countResponses(listener, plan.status, requests, plan);
      } else {
        for (const backend of plan.backends) {
          const share = Math.round(requests * backend.share);
          if (share > 0)
            this.countResponses(listener, BACKEND_STATUS[backend.outcome], share, plan);
        }
      }
      this.countUpstream(proxy, plan, requests);
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
    const clusters: EnvoyClusterSnapshot[] = counters.clusters.map((cluster) => ({
      name: cluster.name,
      endpoints: this.endpointsOf(dataplane.mesh, cluster.name, cluster.rqTotal),
      counters: {
        rqTotal: cluster.rqTotal,
        cxTotal: cluster.cxTotal,
        cxActive: cluster.cxActive,
        rqTimeout: cluster.rqTimeout,
        rqByCode: byCode(cluster),
      },
    }));
    return {
      mesh: dataplane.mesh,
      name: dataplane.name,
      address: networking.address ?? '0.0.0.0',
      adminPort: networking.admin?.port ?? 9901,
      kind,
      service:
        networking.gateway?.tags?.[SERVICE_TAG] ?? networking.inbound?.[0]?.tags?.[SERVICE_TAG],
      uptimeSeconds: Math.max(
        0,
        Math.round(((this.world.ticks - proxy.startedAtTick) * this.world.options.tickMs) / 1000),
      ),
      listeners: [...counters.listeners],
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
        served.networking.inbound?.findIndex((entry) => entry.tags?.[SERVICE_TAG] === cluster) ??
        -1;
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
