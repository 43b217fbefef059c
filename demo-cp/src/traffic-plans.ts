/**
 * What the traffic simulation keeps between ticks so a tick costs what changed, not what exists:
 * evaluations of a call (caller service → callee, or a request through a gateway) reused while
 * everything they read is the same, and per-mesh snapshots whose overviews are rebuilt only for
 * proxies whose state changed.
 *
 * An evaluation reads the store (any write drops every cached evaluation) and, of the simulated
 * proxies, only whether each one it looks at is connected and which of its inbounds are ready:
 * the endpoints of every backend it resolves, the instances of a built-in gateway and a
 * cross-mesh caller (a sidecar caller's own state only words a trace step). Those proxies' states form the key a cached evaluation is found under, so
 * a proxy flapping back and forth finds the evaluation it had before. `traffic.test.ts` checks
 * the counters against evaluating everything every tick.
 */
import { isConnectedSubscription } from '../../src/kuma/dataplane-status';
import type { ControlPlaneSnapshot, MeshSnapshot } from '../../src/kuma/snapshot';
import type {
  Dataplane,
  DataplaneInbound,
  DataplaneOverview,
  Mesh,
  MeshGateway,
  MeshHTTPRoute,
  MeshService,
  MeshTCPRoute,
  MeshTrafficPermission,
} from '../../src/kuma/types';
import type { BackendOutcome, TraceResult } from '../../src/traffic/evaluate-request';
import { appended, flatString } from './compact';
import type { StoredResource } from './store';
import { proxyKey, type SimulatedProxy, type World } from './world';

/** A backend endpoint as a plan keeps it: which dataplane, nothing else. */
export interface PlanEndpoint {
  readonly mesh: string;
  readonly name: string;
}

/**
 * The online endpoints of a backend, shared by every plan that names the same ones: at 50,000
 * dataplanes the cached plans named ~350,000 endpoints (~17 MB of the demo's heap), about ten
 * per plan, mostly the same ten of a service again and again.
 */
export interface PlanEndpoints {
  /** In the evaluation's order. */
  readonly online: readonly PlanEndpoint[];
  /**
   * Where requests to `service` land on each of them, looked up on first use: a tick sends
   * requests to these endpoints for every caller, and the store does not change under a list
   * (a write makes new ones).
   */
  targets?: { service: string; of: (EndpointTarget | undefined)[] };
}

/** An endpoint as a request reaches it: its proxy and the inbound that serves the service. */
export interface EndpointTarget {
  proxy: SimulatedProxy;
  address: string | undefined;
  inbound: DataplaneInbound;
}

export interface PlanBackend {
  service: string;
  share: number;
  outcome: BackendOutcome;
  endpoints: PlanEndpoints;
}

/** What the counters take from an evaluation: a few fields of its TraceResult. */
export interface TrafficPlan {
  status: number;
  kind: TraceResult['verdict']['kind'];
  backends: PlanBackend[];
}

/**
 * Interns endpoints and endpoint lists for plans. Everything is dropped on a write (a proxy
 * deleted and written again is a new object, so `proxies` would be stale), and when it has grown
 * past what the world's proxies can explain (lists with a proxy down come and go): plans made
 * before keep their own lists, new ones share again.
 */
export class EndpointLists {
  private readonly lists = new Map<string, PlanEndpoints>();
  private readonly endpoints = new Map<string, PlanEndpoint>();
  private version = -1;

  constructor(private readonly world: World) {}

  get size(): number {
    return this.lists.size;
  }

  clear(): void {
    this.lists.clear();
    this.endpoints.clear();
  }

  intern(online: readonly PlanEndpoint[]): PlanEndpoints {
    const version = this.world.store.version;
    if (version !== this.version || this.lists.size > this.world.proxies.size + 1024) {
      this.clear();
      this.version = version;
    }
    const keys = online.map((endpoint) => proxyKey(endpoint.mesh, endpoint.name));
    const key = keys.join('\n');
    let list = this.lists.get(key);
    if (!list) {
      list = {
        online: online.map((endpoint, i) => {
          const endpointKey = keys[i] ?? '';
          let shared = this.endpoints.get(endpointKey);
          if (!shared) {
            // Only mesh and name: the evaluation's own objects carry more.
            shared = { mesh: endpoint.mesh, name: endpoint.name };
            this.endpoints.set(endpointKey, shared);
          }
          return shared;
        }),
      };
      this.lists.set(flatString(key), list);
    }
    return list;
  }
}

/** A plan from an evaluation; with `lists`, its endpoint lists are shared with other plans'. */
export function planOf(result: TraceResult, lists?: EndpointLists): TrafficPlan {
  return {
    status: result.verdict.status,
    kind: result.verdict.kind,
    backends: result.backends.map((backend) => {
      const online = backend.dataplanes.filter((dataplane) => dataplane.online);
      return {
        service: backend.service,
        share: backend.share,
        outcome: backend.outcome,
        endpoints: lists ? lists.intern(online) : { online },
      };
    }),
  };
}

/** What an evaluation reads of a proxy: connected, then whether each inbound is ready. */
function stateCode(proxy: SimulatedProxy): string {
  // Asked for ten times per call per tick: made again only when the proxy's state changed.
  if (proxy.stateStamp === proxy.stamp) return proxy.stateText;
  let code = proxy.subscriptions.some(isConnectedSubscription) ? '1' : '0';
  for (const ready of proxy.inboundReady) code += ready ? '1' : '0';
  proxy.stateText = flatString(code);
  proxy.stateStamp = proxy.stamp;
  return code;
}

/** State codes as small numbers, so a signature is one character per proxy. */
const codeIds = new Map<string, number>();

function signatureOf(reads: readonly SimulatedProxy[]): string {
  const ids: number[] = [];
  for (const proxy of reads) {
    const code = stateCode(proxy);
    let id = codeIds.get(code);
    if (id === undefined) {
      id = codeIds.size;
      codeIds.set(code, id);
    }
    ids.push(id);
  }
  // UTF-16 code units: distinct for up to 65,536 distinct states, far beyond any scenario's.
  return String.fromCharCode(...ids);
}

interface CachedEvaluations {
  version: number;
  caller: string;
  /** Every proxy an evaluation under this key has read, in a fixed order. */
  reads: SimulatedProxy[];
  /**
   * Oldest first, at most PLANS_PER_KEY: an array of pairs, as a Map of so few entries took
   * ~475 bytes each for 12,000 keys at 50,000 dataplanes.
   */
  plans: { signature: string; plan: TrafficPlan }[];
  /**
   * The plan the last lookup found or made, and the stamps its reads had then: while none of
   * them has moved (nearly every key, nearly every tick), it is the answer without a signature.
   */
  last?: { plan: TrafficPlan; stamps: number[] };
}

/**
 * Evaluations remembered per key, for as many distinct proxy states: all healthy, and the last
 * few with a proxy down (a proxy is down for a couple of ticks, so its state comes back).
 */
const PLANS_PER_KEY = 4;

export interface Evaluated {
  plan: TrafficPlan;
  /** The proxies (by mesh and name) the evaluation read. */
  reads: { mesh: string; name: string }[];
}

/**
 * Evaluations by key ("mesh|caller service|callee", or a gateway request), reused while the
 * store and the state of every proxy they read are unchanged.
 */
export class EvaluationCache {
  private readonly entries = new Map<string, CachedEvaluations>();
  /** The store's version the entries were made at: after a write, none of them is any use. */
  private version = -1;

  constructor(private readonly world: World) {}

  clear(): void {
    this.entries.clear();
  }

  get(key: string, caller: string, evaluate: () => Evaluated): TrafficPlan {
    const version = this.world.store.version;
    if (version !== this.version) {
      // Dropped at once rather than key by key: keys of deleted services would stay forever.
      this.entries.clear();
      this.version = version;
    }
    let entry = this.entries.get(key);
    if (!entry || entry.version !== version || entry.caller !== caller) {
      entry = { version, caller, reads: [], plans: [] };
      this.entries.set(key, entry);
    }
    if (entry.last && unmoved(entry.reads, entry.last.stamps)) return entry.last.plan;
    let signature = signatureOf(entry.reads);
    for (const cached of entry.plans) {
      if (cached.signature === signature) return remembered(entry, cached.plan);
    }
    const { plan, reads } = evaluate();
    const before = entry.reads.length;
    for (const read of reads) {
      // A dataplane without a simulated proxy has one state until a write (which resets all).
      const proxy = this.world.proxies.get(proxyKey(read.mesh, read.name));
      if (proxy && !entry.reads.includes(proxy)) entry.reads = appended(entry.reads, proxy);
    }
    if (entry.reads.length !== before) {
      // Plans keyed by fewer proxies' states are no longer comparable.
      entry.plans = [];
      signature = signatureOf(entry.reads);
    }
    const kept = entry.plans.length >= PLANS_PER_KEY ? entry.plans.slice(1) : entry.plans;
    entry.plans = appended(kept, { signature, plan });
    return remembered(entry, plan);
  }
}

/** Whether every proxy read still has the stamp it had when `stamps` was taken. */
function unmoved(reads: readonly SimulatedProxy[], stamps: readonly number[]): boolean {
  if (reads.length !== stamps.length) return false;
  for (let i = 0; i < reads.length; i++) if (reads[i]?.stamp !== stamps[i]) return false;
  return true;
}

function remembered(entry: CachedEvaluations, plan: TrafficPlan): TrafficPlan {
  entry.last = { plan, stamps: entry.reads.map((proxy) => proxy.stamp) };
  return plan;
}

interface MeshOverviews {
  list: StoredResource[];
  version: number;
  proxies: (SimulatedProxy | undefined)[];
  stamps: number[];
  overviews: DataplaneOverview[];
}

const ready = (inbound: DataplaneInbound) => !inbound.health;

/**
 * A dataplane's overview as the evaluator reads it: its meta, networking with the simulated
 * inbound health, and its subscriptions; none of the insight's mTLS details, the kri or the rest
 * of the spec, which it never reads. A stored inbound without health reads as ready, so the
 * stored networking serves as it is while every inbound is ready (almost always).
 */
function evaluationOverview(
  world: World,
  stored: StoredResource,
  proxy: SimulatedProxy | undefined,
): DataplaneOverview {
  const dataplane = stored as unknown as Dataplane;
  const inbound = dataplane.networking.inbound ?? [];
  const asStored = !proxy || (inbound.every(ready) && proxy.inboundReady.every((value) => value));
  const networking = asStored ? dataplane.networking : world.servedDataplane(dataplane).networking;
  const overview: DataplaneOverview = {
    type: 'DataplaneOverview',
    mesh: dataplane.mesh,
    name: dataplane.name,
    creationTime: dataplane.creationTime,
    modificationTime: dataplane.modificationTime,
    dataplane: { networking },
  };
  if (dataplane.labels) overview.labels = dataplane.labels;
  if (proxy && proxy.subscriptions.length > 0) {
    overview.dataplaneInsight = { subscriptions: proxy.subscriptions };
  }
  return overview;
}

/**
 * The control plane as the evaluator reads it, one tick at a time: a mesh's dataplane overviews
 * are made only when an evaluation asks for them, and then only for proxies whose state changed
 * since the last tick that asked.
 */
export class EvaluationSnapshots {
  private readonly byMesh = new Map<string, MeshOverviews>();
  private current: { tick: number; revision: string; snapshot: ControlPlaneSnapshot } | undefined;

  constructor(private readonly world: World) {}

  clear(): void {
    this.byMesh.clear();
    this.current = undefined;
  }

  snapshot(): ControlPlaneSnapshot {
    const revision = this.world.revision();
    if (this.current?.revision === revision) return this.current.snapshot;
    const snapshot = { meshes: this.world.meshes().map((mesh) => this.meshSnapshot(mesh)) };
    this.current = { tick: this.world.ticks, revision, snapshot };
    return snapshot;
  }

  private meshSnapshot(mesh: Mesh): MeshSnapshot {
    const store = this.world.store;
    const list = <T>(type: string) => store.list(type, mesh.name) as unknown as T[];
    let dataplanes: DataplaneOverview[] | undefined;
    const overviews = () => {
      dataplanes ??= this.overviews(mesh.name);
      return dataplanes;
    };
    return {
      mesh,
      gateways: list<MeshGateway>('MeshGateway'),
      get dataplanes() {
        return overviews();
      },
      httpRoutes: list<MeshHTTPRoute>('MeshHTTPRoute'),
      tcpRoutes: list<MeshTCPRoute>('MeshTCPRoute'),
      trafficPermissions: list<MeshTrafficPermission>('MeshTrafficPermission'),
      meshServices: list<MeshService>('MeshService'),
      // The simulation has every dataplane: ServiceInsights would tell the evaluator nothing.
      serviceInsights: [],
    };
  }

  private overviews(meshName: string): DataplaneOverview[] {
    const world = this.world;
    const list = world.store.list('Dataplane', meshName);
    const cached = this.byMesh.get(meshName);
    if (!cached || cached.list !== list || cached.version !== world.store.version) {
      // A deleted mesh's overviews go with the first rebuild after the write.
      for (const [mesh, entry] of this.byMesh) {
        if (entry.version !== world.store.version) this.byMesh.delete(mesh);
      }
      const proxies = list.map((stored) =>
        world.proxies.get(proxyKey(stored.mesh ?? '', stored.name)),
      );
      const fresh: MeshOverviews = {
        list,
        version: world.store.version,
        proxies,
        stamps: proxies.map((proxy) => proxy?.stamp ?? -1),
        overviews: list.map((stored, i) => evaluationOverview(world, stored, proxies[i])),
      };
      this.byMesh.set(meshName, fresh);
      return fresh.overviews;
    }
    // Updated in place: the evaluator indexes a mesh's dataplanes by service once per array, and
    // what it indexes (inbound tags) changes only with a write, which makes a new array.
    cached.proxies.forEach((proxy, i) => {
      const stored = cached.list[i];
      const overview = cached.overviews[i];
      if (!proxy || proxy.stamp === cached.stamps[i] || !stored || !overview) return;
      const fresh = evaluationOverview(world, stored, proxy);
      overview.dataplane = fresh.dataplane;
      if (fresh.dataplaneInsight) overview.dataplaneInsight = fresh.dataplaneInsight;
      else delete overview.dataplaneInsight;
      cached.stamps[i] = proxy.stamp;
    });
    return cached.overviews;
  }
}
