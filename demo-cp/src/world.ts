// Over 400 lines: the demo's store and every index derived from it, kept consistent on each write in one class.
import {
  type DataplaneStatus,
  dataplaneKind,
  dataplaneStatus,
  isConnectedSubscription,
} from '../../src/kuma/dataplane-status';
import type { KumaResourceType } from '../../src/kuma/resource-types';
import type {
  Dataplane,
  DataplaneInsight,
  DataplaneOverview,
  DiscoverySubscription,
  Mesh,
  Mesh as MeshResource,
  MeshService,
} from '../../src/kuma/types';
import { isAtLeast, type KumaVersion, parseKumaVersion } from '../../src/kuma/version';
import { flatString } from './compact';
import { GatewayGeneration } from './gateway-generation';
import { DEFAULT_MESH_POLICIES, signingKeyName } from './mesh-defaults';
import { meshServiceState } from './mesh-service-state';
import type { DemoOptions } from './options';
import { type Personality, resourceType } from './personality';
import { Random } from './random';
import { ResourceStore, type StoredResource } from './store';
import { computedLabels, kriOf, withDataplaneManagerChanges } from './stored-form';

/** What a scenario fixes about a proxy; everything else churns with the ticks. */
export interface ProxyPin {
  connected?: boolean;
  /** Indexes of inbounds that stay not ready (a partially degraded proxy). */
  notReadyInbounds?: number[];
}

/** The simulated kuma-dp + Envoy behind one Dataplane resource. */
export interface SimulatedProxy {
  mesh: string;
  name: string;
  connected: boolean;
  pin?: ProxyPin;
  inboundReady: boolean[];
  subscriptions: DiscoverySubscription[];
  generation: number;
  /** Tick at which the current Envoy started: its counters count from there. */
  startedAtTick: number;
  responsesSent: number;
  /**
   * Bumped whenever what a client can see of the proxy's state changes (connection, inbound
   * health): caches of its overview compare it.
   */
  stamp: number;
  /** `stateCode()` as of `stateStamp`, kept so a tick need not make it again. */
  stateText: string;
  stateStamp: number;
}

/**
 * A Zone resource as a control plane stores it: on a global, one per zone that connected over
 * KDS or was created through the API; on a federated zone, its own.
 */
export interface ZoneState {
  name: string;
  creationTime: string;
  modificationTime: string;
  /** `Zone.enabled` as stored: a zone's first connection sets it; a PUT may leave it out. */
  enabled?: boolean;
  labels?: Record<string, string>;
  /** The KDS stream to the other side, once there is one (never for a zone made by a PUT). */
  link?: ZoneLink;
}

/** One KDS connection between a zone and the global control plane, as its ZoneInsight shows it. */
export interface ZoneLink {
  connected: boolean;
  connectTime: string;
  disconnectTime?: string;
  subscriptionId: string;
  /** The instance ids of the control planes at both ends. */
  globalInstanceId: string;
  zoneInstanceId: string;
  /** The zone control plane's version and its config (what its `GET /config` says). */
  zoneVersion: string;
  zoneConfig: object;
  /** Responses sent per resource type on this side's stream: one per changed snapshot. */
  sent: Record<string, number>;
  lastUpdateTime: string;
}

export interface Faults {
  /** Added latency in ms for every Kuma API request. */
  latencyMs: number;
  /** Share of Kuma API requests (0–1) that fail with `status`. */
  errorRate: number;
  status: number;
  /** Answer 200 with a body that is not JSON, or JSON cut short. */
  malformed: 'none' | 'invalid-json' | 'truncated';
  /** Refuse every request as if the control plane were down (the embedding server drops it). */
  down: boolean;
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  errorRate: 0,
  status: 500,
  malformed: 'none',
  down: false,
};

const DP_VERSION = { kumaDp: '2.14.3', envoy: '1.34.1' };

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}

/**
 * What every simulated kuma-dp reports: one object shared by every subscription (frozen, as
 * nothing may change it), not 50,000 copies.
 */
const SUBSCRIPTION_VERSION: NonNullable<DiscoverySubscription['version']> = deepFreeze({
  kumaDp: {
    version: DP_VERSION.kumaDp,
    gitTag: DP_VERSION.kumaDp,
    gitCommit: '0c7aaec033b7dad03c3a9f4d5b56eb6d941bfff9',
    buildDate: '2026-08-10T00:00:00Z',
    kumaCpCompatible: true,
  },
  envoy: { version: DP_VERSION.envoy, build: 'hash/1.34.1/RELEASE', kumaDpCompatible: true },
});

type SubscriptionStatus = NonNullable<DiscoverySubscription['status']>;
type XdsCounters = SubscriptionStatus['total'];

const NO_RESPONSES: XdsCounters = Object.freeze({});

/**
 * xDS statuses are shared between subscriptions with the same content: after a tick every
 * connected proxy has the same `lastUpdateTime` and one of a few counts. Frozen, replaced (never
 * changed) on update, so an overview being serialized sees one consistent status.
 */
class XdsStatuses {
  private time = '';
  private readonly byCount = new Map<string | undefined, SubscriptionStatus>();
  private readonly counters = new Map<string, XdsCounters>();

  get(time: string, sent: string | undefined): SubscriptionStatus {
    if (time !== this.time) {
      this.time = time;
      this.byCount.clear();
    }
    let status = this.byCount.get(sent);
    if (!status) {
      const counters = sent === undefined ? NO_RESPONSES : this.countersOf(sent);
      status = Object.freeze({
        lastUpdateTime: time,
        total: counters,
        cds: counters,
        eds: counters,
        lds: counters,
        rds: counters,
      });
      this.byCount.set(sent, status);
    }
    return status;
  }

  private countersOf(sent: string): XdsCounters {
    let counters = this.counters.get(sent);
    if (!counters) {
      counters = Object.freeze({ responsesSent: sent, responsesAcknowledged: sent });
      this.counters.set(sent, counters);
    }
    return counters;
  }
}

/** Inbound health as served: two shared objects instead of one per inbound per overview. */
const READY = Object.freeze({ ready: true });
const NOT_READY = Object.freeze({ ready: false });

function withoutTimes(resource: StoredResource): StoredResource {
  const { creationTime: _c, modificationTime: _m, ...rest } = resource;
  return rest as StoredResource;
}

const TIMES = new Set(['creationTime', 'modificationTime']);

/** The same JSON content, key order aside; at the top level the times do not count. */
function sameContent(a: unknown, b: unknown, top = true): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => !(top && TIMES.has(key)));
  const keysB = Object.keys(b).filter((key) => !(top && TIMES.has(key)));
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) &&
      sameContent((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], false),
  );
}

/** What runs at the end of a tick: at once, or as slices a tick can pause between. */
export type TickListener = () => Iterable<unknown> | undefined;

/** Proxies evolved between two chances for a request to run, in a tick in slices. */
const EVOLVE_SLICE = 2000;

export function proxyKey(mesh: string, name: string): string {
  return `${mesh}/${name}`;
}

/**
 * The demo control plane's whole state: stored resources, the simulated proxies behind them,
 * a seeded random source and a tick clock. Everything that changes over time changes in
 * `tick()`, so a seed and a number of ticks give the same world every time.
 */
export class World {
  readonly store = new ResourceStore();
  /** Built-in gateway proxies kuma-cp would send no configuration. */
  readonly gatewayGeneration = new GatewayGeneration(this.store);
  readonly proxies = new Map<string, SimulatedProxy>();
  readonly zones: ZoneState[] = [];
  readonly personality: Personality;
  readonly version: KumaVersion;
  readonly instanceId: string;
  faults: Faults = { ...NO_FAULTS };
  random: Random;
  ticks = 0;
  /** Share of proxies that drop off or come back per tick, set by the scenario. */
  churn = 0.02;
  /**
   * Counts every change to the simulated proxies (ticks, pins, proxies added or removed); never
   * goes back. With the store's version it tells a cache whether anything it read has changed.
   */
  proxyRevision = 0;
  /** `proxyRevision` as of the end of the last tick, or of a change made outside a tick. */
  private settledProxyRevision = 0;
  private readonly startTime: number;
  private readonly tickListeners: TickListener[] = [];
  /** A tick running in slices (`tickInSlices`), until its last slice has run. */
  private pendingTick: Iterator<unknown> | undefined;
  /** The settled revisions before and after the running tick's proxies moved, until it ends. */
  private settling: { from: string; to: string } | undefined;
  private readonly xdsStatuses = new XdsStatuses();
  private timestampCache = { ticks: -1, text: '' };

  constructor(readonly options: DemoOptions) {
    this.version = parseKumaVersion(options.kumaVersion);
    this.personality = {
      version: this.version,
      environment: options.environment,
      mode: options.mode,
      zoneName: options.zone,
    };
    this.random = new Random(options.seed);
    this.startTime = options.startTime ?? Date.now();
    this.instanceId = `demo-cp-${new Random(options.seed).hex(8)}`;
  }

  /** Simulated wall clock: start time plus elapsed ticks. */
  now(): Date {
    return new Date(this.startTime + this.ticks * this.options.tickMs);
  }

  /** The simulated time as text, made once per tick (every proxy's xDS status carries it). */
  timestamp(): string {
    if (this.timestampCache.ticks !== this.ticks) {
      this.timestampCache = { ticks: this.ticks, text: this.now().toISOString() };
    }
    return this.timestampCache.text;
  }

  /** Changes whenever anything a response could show has changed. */
  revision(): string {
    return `${this.store.version}:${this.proxyRevision}`;
  }

  /**
   * Like `revision()`, but a tick counts once its proxies have all moved: until then summaries
   * (insights) stay those of the last finished tick, as kuma-cp's insights lag behind its
   * proxies (and until the tick ends, those not made again yet; see `lagsBehindTick`). A write
   * or a pinned proxy still changes it at once.
   */
  settledRevision(): string {
    return `${this.store.version}:${this.settledProxyRevision}`;
  }

  /**
   * Whether summaries made at `revision` may still be served: it is the one the running tick
   * settled from, nothing else has changed since, and the tick's last slices, which make the
   * new ones, have not all run (see `perRevision`).
   */
  lagsBehindTick(revision: string): boolean {
    return this.settling?.from === revision && this.settling.to === this.settledRevision();
  }

  /** Runs at the end of every tick; one that returns slices runs them in order. */
  onTick(listener: TickListener): void {
    this.tickListeners.push(listener);
  }

  reset(): void {
    // A tick still running in slices is abandoned: there is nothing left for it to move.
    this.pendingTick = undefined;
    this.settling = undefined;
    this.store.clear();
    this.proxies.clear();
    this.changedOutsideTick();
    this.zones.length = 0;
    this.random = new Random(this.options.seed);
    this.ticks = 0;
    this.churn = 0.02;
  }

  meshes(): Mesh[] {
    return this.store.list('Mesh') as unknown as Mesh[];
  }

  dataplanes(mesh?: string): Dataplane[] {
    return this.store.list('Dataplane', mesh) as unknown as Dataplane[];
  }

  /**
   * Stores a resource as kuma-cp's managers would: times, the dataplane manager's zone tags and
   * probe state, a simulated proxy for a dataplane, and a new mesh's default resources.
   */
  write(
    type: KumaResourceType,
    resource: StoredResource,
    existing?: StoredResource,
  ): StoredResource {
    const now = this.timestamp();
    let stored: StoredResource = {
      ...resource,
      creationTime: existing?.creationTime ?? now,
      modificationTime: now,
    };
    delete stored.kri;
    if (type.newStyle) delete stored.status;
    if (type.name === 'Dataplane') {
      const mesh = this.store.get('Mesh', undefined, stored.mesh ?? '') as MeshResource | undefined;
      stored = withDataplaneManagerChanges(this.personality, stored, {
        created: !existing,
        exclusiveMesh: mesh?.meshServices?.mode === 'Exclusive',
      });
    }
    this.store.put(stored);
    if (type.name === 'Dataplane') this.ensureProxy(stored as unknown as Dataplane);
    if (type.name === 'Mesh' && !existing)
      this.ensureMeshDefaults(stored as MeshResource & StoredResource);
    if (type.name === 'Mesh') this.ensureCaSecrets(stored as MeshResource & StoredResource);
    return stored;
  }

  /** `write` with the labels kuma-cp computes, as for a resource that came through the API. */
  writeAsApi(typeName: string, resource: StoredResource): StoredResource {
    const type = resourceType(this.personality, typeName);
    const existing = this.store.get(typeName, resource.mesh, resource.name);
    const labels = computedLabels(this.personality, type, resource, existing);
    return this.write(type, { ...resource, ...(labels ? { labels } : {}) }, existing);
  }

  /**
   * Stores a resource another control plane sent over KDS as it arrived: no computed labels and
   * no manager side effects (a zone creates no defaults for a mesh it receives); the times are
   * this control plane's. Says whether anything changed.
   */
  receive(typeName: string, resource: StoredResource): boolean {
    const existing = this.store.get(typeName, resource.mesh, resource.name);
    if (existing && sameContent(existing, resource)) return false;
    const now = this.timestamp();
    const stored: StoredResource = {
      ...withoutTimes(resource),
      creationTime: existing?.creationTime ?? now,
      modificationTime: now,
    };
    this.store.put(stored);
    if (typeName === 'Dataplane') this.ensureProxy(stored as unknown as Dataplane);
    return true;
  }

  /** Deletes a resource; a mesh takes everything in it along. Returns what is gone. */
  remove(type: KumaResourceType, mesh: string | undefined, name: string): StoredResource[] {
    const removed: StoredResource[] = [];
    const take = (typeName: string, resourceMesh: string | undefined, resourceName: string) => {
      const resource = this.store.get(typeName, resourceMesh, resourceName);
      if (!resource || !this.store.delete(typeName, resourceMesh, resourceName)) return;
      if (typeName === 'Dataplane' && resourceMesh) this.removeProxy(resourceMesh, resourceName);
      removed.push(resource);
    };
    if (type.name === 'Mesh') {
      for (const other of this.store.types()) {
        for (const resource of [...this.store.list(other, name)]) take(other, name, resource.name);
      }
    }
    take(type.name, mesh, name);
    return removed;
  }

  /**
   * kuma-cp's builtin CA manager: a certificate and a key Secret per `builtin` mTLS backend,
   * created with the mesh or when an update adds the backend (the key material is the demo's).
   */
  private ensureCaSecrets(mesh: MeshResource): void {
    const now = this.timestamp();
    for (const backend of mesh.mtls?.backends ?? []) {
      if (backend.type !== 'builtin') continue;
      for (const part of ['cert', 'key']) {
        const name = `${mesh.name}.ca-builtin-${part}-${backend.name}`;
        if (this.store.get('Secret', mesh.name, name)) continue;
        this.store.put({
          type: 'Secret',
          mesh: mesh.name,
          name,
          creationTime: now,
          modificationTime: now,
          data: Buffer.from(`demo CA ${part} of ${mesh.name}/${backend.name}`).toString('base64'),
        });
      }
    }
  }

  /** kuma-cp's `EnsureDefaultMeshResources`: a signing key, then the default policies. */
  private ensureMeshDefaults(
    mesh: MeshResource & { skipCreatingInitialPolicies?: string[] },
  ): void {
    const now = this.timestamp();
    this.store.put({
      type: 'Secret',
      mesh: mesh.name,
      name: signingKeyName(mesh.name),
      creationTime: now,
      modificationTime: now,
      data: Buffer.from(`demo signing key for ${mesh.name}`).toString('base64'),
    });
    const skipped = mesh.skipCreatingInitialPolicies ?? [];
    if (skipped.includes('*')) return;
    for (const policy of DEFAULT_MESH_POLICIES) {
      if (skipped.includes(policy.type)) continue;
      const name = `${policy.prefix}-${mesh.name}`;
      if (this.store.get(policy.type, mesh.name, name)) continue;
      const type = resourceType(this.personality, policy.type);
      const resource: StoredResource = {
        type: policy.type,
        mesh: mesh.name,
        name,
        spec: structuredClone(policy.spec),
      };
      // 2.6 creates them without labels; later releases compute them as for any write.
      const labels = isAtLeast(this.version, 2, 10)
        ? computedLabels(this.personality, type, resource)
        : undefined;
      this.store.put({
        ...resource,
        ...(labels ? { labels } : {}),
        creationTime: now,
        modificationTime: now,
      });
    }
  }

  /** A MeshService with what kuma-cp's status updater, VIP allocator and hostname generator add. */
  meshServiceState(service: MeshService) {
    return meshServiceState(this, service);
  }

  /** Registers the simulated proxy for a dataplane that has none yet (if proxies are simulated). */
  ensureProxy(dataplane: Dataplane, connected = true): SimulatedProxy | undefined {
    if (!this.options.simulateProxies) return undefined;
    const key = proxyKey(dataplane.mesh, dataplane.name);
    const existing = this.proxies.get(key);
    const inboundCount = dataplane.networking.inbound?.length ?? 0;
    if (existing) {
      existing.inboundReady = Array.from(
        { length: inboundCount },
        (_, i) => existing.inboundReady[i] ?? true,
      );
      existing.stamp += 1;
      this.changedOutsideTick();
      return existing;
    }
    const proxy: SimulatedProxy = {
      mesh: dataplane.mesh,
      name: dataplane.name,
      connected: false,
      inboundReady: Array.from({ length: inboundCount }, () => true),
      subscriptions: [],
      generation: 0,
      startedAtTick: this.ticks,
      responsesSent: 0,
      stamp: 0,
      stateText: '',
      stateStamp: -1,
    };
    this.proxies.set(flatString(key), proxy);
    this.changedOutsideTick();
    if (connected) this.connect(proxy);
    return proxy;
  }

  /** A proxy changed by a write or a pin: every summary sees it at once. */
  private changedOutsideTick(): void {
    this.proxyRevision += 1;
    this.settledProxyRevision = this.proxyRevision;
  }

  removeProxy(mesh: string, name: string): void {
    if (this.proxies.delete(proxyKey(mesh, name))) this.changedOutsideTick();
  }

  pin(mesh: string, name: string, pin: ProxyPin): void {
    const proxy = this.proxies.get(proxyKey(mesh, name));
    if (!proxy && !this.options.simulateProxies) return;
    if (!proxy) throw new Error(`no proxy ${mesh}/${name} to pin`);
    proxy.pin = pin;
    this.applyPin(proxy);
    this.changedOutsideTick();
  }

  private applyPin(proxy: SimulatedProxy): void {
    const pin = proxy.pin;
    if (!pin) return;
    if (pin.connected === true && !proxy.connected) this.connect(proxy);
    if (pin.connected === false && proxy.connected) this.disconnect(proxy);
    if (pin.notReadyInbounds) {
      proxy.inboundReady = proxy.inboundReady.map((_, i) => !pin.notReadyInbounds?.includes(i));
      proxy.stamp += 1;
    }
  }

  connect(proxy: SimulatedProxy): void {
    const id = flatString(
      `${this.random.hex(8)}-${this.random.hex(4)}-${this.random.hex(4)}-${this.random.hex(12)}`,
    );
    proxy.connected = true;
    proxy.startedAtTick = this.ticks;
    proxy.responsesSent = 0;
    proxy.stamp += 1;
    this.proxyRevision += 1;
    const subscription: DiscoverySubscription = {
      id,
      controlPlaneInstanceId: this.instanceId,
      connectTime: this.timestamp(),
      // kuma-cp lists every xDS type from the start, empty until it sends a response.
      status: this.xdsStatuses.get(this.timestamp(), undefined),
      version: SUBSCRIPTION_VERSION,
      generation: 0,
    };
    // Kuma keeps the last two subscriptions (metrics.dataplane.subscriptionLimit). A new array of
    // the exact length: a pushed-to array reserves room for 17.
    const previous = proxy.subscriptions.at(-1);
    proxy.subscriptions = previous ? [previous, subscription] : [subscription];
  }

  disconnect(proxy: SimulatedProxy): void {
    proxy.connected = false;
    proxy.stamp += 1;
    this.proxyRevision += 1;
    const current = proxy.subscriptions.at(-1);
    if (current && !current.disconnectTime) current.disconnectTime = this.timestamp();
  }

  /** One step of simulated time: churn, health and traffic, all at once. */
  tick(): void {
    this.finishTick();
    const slices = this.tickSlices();
    while (!slices.next().done) {
      // Every slice, now.
    }
  }

  /**
   * The same step in slices of about `sliceMs`, with other work (the API's requests) run between
   * them: the timer's ticks take a second at 50,000 dataplanes, which no request should wait
   * for. Between slices some proxies have moved and others not yet, as on a real control plane.
   */
  async tickInSlices(sliceMs = 5): Promise<void> {
    this.finishTick();
    const slices = this.tickSlices();
    this.pendingTick = slices;
    let sliceStart = performance.now();
    // Until done, or finished (or abandoned) by a tick or reset that came in between.
    while (this.pendingTick === slices) {
      if (slices.next().done) {
        this.pendingTick = undefined;
        return;
      }
      if (performance.now() - sliceStart >= sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }

  /** Whether a tick is running in slices. */
  get tickRunning(): boolean {
    return this.pendingTick !== undefined;
  }

  /** Runs what is left of a tick running in slices, so the next one starts after it. */
  finishTick(): void {
    const pending = this.pendingTick;
    this.pendingTick = undefined;
    while (pending && !pending.next().done) {
      // The rest of it, now.
    }
  }

  private *tickSlices(): Generator<unknown> {
    this.ticks += 1;
    this.proxyRevision += 1;
    let evolved = 0;
    for (const proxy of this.proxies.values()) {
      this.evolveProxy(proxy);
      evolved += 1;
      if (evolved % EVOLVE_SLICE === 0) {
        // What a request between slices computes (insights) must not outlive the next slice.
        this.proxyRevision += 1;
        yield;
      }
    }
    this.proxyRevision += 1;
    for (const zone of this.zones) {
      if (zone.link && !zone.link.connected) {
        zone.link.connected = true;
        delete zone.link.disconnectTime;
      }
    }
    // The tick's proxy changes are all made: summaries may count them now (the listeners below
    // make insights in their last slices).
    const from = this.settledRevision();
    this.settledProxyRevision = this.proxyRevision;
    this.settling = { from, to: this.settledRevision() };
    for (const listener of this.tickListeners) {
      const slices = listener();
      if (slices) yield* slices;
      yield;
    }
    this.settling = undefined;
  }

  private evolveProxy(proxy: SimulatedProxy): void {
    const pin = proxy.pin;
    if (pin?.connected === undefined) {
      if (proxy.connected && this.random.chance(this.churn)) this.disconnect(proxy);
      else if (!proxy.connected && this.random.chance(0.5)) this.connect(proxy);
    }
    if (!pin?.notReadyInbounds) {
      // Copied only on a change (rare): the array's identity changes with its content.
      const current = proxy.inboundReady;
      let next: boolean[] | undefined;
      for (let i = 0; i < current.length; i++) {
        const ready = current[i] ? !this.random.chance(this.churn / 2) : this.random.chance(0.5);
        if (ready !== current[i]) {
          next ??= current.slice();
          next[i] = ready;
        }
      }
      if (next) {
        proxy.inboundReady = next;
        proxy.stamp += 1;
      }
    }
    if (proxy.connected) {
      const current = proxy.subscriptions.at(-1);
      // kuma-cp keeps a gateway proxy it cannot build connected, but never answers its LDS, CDS
      // or RDS requests: the counters stay where they were.
      if (current && !this.gatewayGeneration.failureOf(proxy.mesh, proxy.name)) {
        proxy.generation += 1;
        proxy.responsesSent += this.random.int(0, 2);
        current.generation = proxy.generation;
        current.status = this.xdsStatuses.get(this.timestamp(), String(proxy.responsesSent));
      }
    }
  }

  /** The dataplane as served: inbound health comes from the simulated probes. */
  servedDataplane(stored: Dataplane): Dataplane {
    const proxy = this.proxies.get(proxyKey(stored.mesh, stored.name));
    const inbound = stored.networking.inbound;
    if (!proxy || !inbound || inbound.length === 0) return stored;
    return {
      ...stored,
      networking: {
        ...stored.networking,
        inbound: inbound.map((entry, i) => ({
          ...entry,
          health: (proxy.inboundReady[i] ?? true) ? READY : NOT_READY,
        })),
      },
    };
  }

  /** The simulated proxy behind a dataplane, if any. */
  proxyOf(dataplane: Pick<Dataplane, 'mesh' | 'name'>): SimulatedProxy | undefined {
    return this.proxies.get(proxyKey(dataplane.mesh, dataplane.name));
  }

  /** The last subscription of the insight (none without one): its kuma-dp and Envoy versions. */
  lastSubscription(proxy: SimulatedProxy | undefined): DiscoverySubscription | undefined {
    return proxy?.subscriptions.at(-1);
  }

  /**
   * The mTLS backend the insight says the proxy's certificate came from (`insight().mTLS`'s
   * issued and only supported backend), without building the insight.
   */
  mtlsBackendOf(
    dataplane: Pick<Dataplane, 'mesh'>,
    proxy: SimulatedProxy | undefined,
  ): string | undefined {
    if (!proxy?.connected || proxy.subscriptions.length === 0) return undefined;
    const mesh = this.store.get('Mesh', undefined, dataplane.mesh) as Mesh | undefined;
    return mesh?.mtls?.enabledBackend || undefined;
  }

  insight(mesh: string, name: string): DataplaneInsight | undefined {
    const proxy = this.proxies.get(proxyKey(mesh, name));
    if (!proxy || proxy.subscriptions.length === 0) return undefined;
    const meshResource = this.store.get('Mesh', undefined, mesh) as Mesh | undefined;
    const insight: DataplaneInsight = { subscriptions: proxy.subscriptions };
    const backend = meshResource?.mtls?.enabledBackend;
    if (backend && proxy.connected) {
      const issued = proxy.subscriptions.at(-1)?.connectTime ?? this.timestamp();
      insight.mTLS = {
        certificateExpirationTime: new Date(Date.parse(issued) + 24 * 3600_000).toISOString(),
        lastCertificateRegeneration: issued,
        certificateRegenerations: 1,
        issuedBackend: backend,
        supportedBackends: [backend],
      };
    }
    return insight;
  }

  /**
   * The dataplane with its insight, as `_overview` serves it. Built when asked, not kept: at
   * 50,000 dataplanes a copy of each was a sixth of the heap, and lists ask for a page at a time.
   * The subscriptions inside are the proxy's own, so it shows the latest xDS counters.
   */
  overview(stored: StoredResource): DataplaneOverview {
    return this.buildOverview(stored);
  }

  private buildOverview(stored: StoredResource): DataplaneOverview {
    const dataplane = this.servedDataplane(stored as unknown as Dataplane);
    const {
      type: _type,
      mesh,
      name,
      creationTime,
      modificationTime,
      labels,
      kri: _kri,
      ...spec
    } = dataplane;
    const overview: DataplaneOverview = {
      type: 'DataplaneOverview',
      mesh,
      name,
      creationTime,
      modificationTime,
      dataplane: spec as DataplaneOverview['dataplane'],
    };
    if (labels) overview.labels = labels;
    const identifier = isAtLeast(this.version, 2, 14)
      ? kriOf(resourceType(this.personality, 'Dataplane'), stored)
      : undefined;
    if (identifier) overview.kri = identifier;
    const insight = this.insight(mesh, name);
    if (insight) overview.dataplaneInsight = insight;
    return overview;
  }

  /**
   * `dataplaneStatus` of the overview, read off the proxy without building it: insights ask it
   * of every dataplane in a mesh.
   */
  statusOf(dataplane: Dataplane, proxy = this.proxyOf(dataplane)): DataplaneStatus {
    const networking = dataplane.networking;
    const inbound = networking.inbound;
    if (!proxy || !inbound || inbound.length === 0) {
      const insight = proxy && proxy.subscriptions.length > 0 ? proxy : undefined;
      return dataplaneStatus(networking, insight && { subscriptions: insight.subscriptions });
    }
    if (!proxy.subscriptions.some(isConnectedSubscription)) return 'offline';
    if (networking.gateway) return 'online';
    let active = 0;
    let ready = 0;
    inbound.forEach((entry, i) => {
      if (entry.state === 'Ignored') return;
      active += 1;
      if (entry.state !== 'NotReady' && (proxy.inboundReady[i] ?? true)) ready += 1;
    });
    if (active === 0 || ready === 0) return 'offline';
    return ready === active ? 'online' : 'partially_degraded';
  }

  kindOf(dataplane: Dataplane) {
    return dataplaneKind(dataplane.networking);
  }
}
