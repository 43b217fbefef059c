import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, type DemoOptions } from '../../demo-cp/src/options';
import { loadScenario } from '../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../demo-cp/src/snapshot';
import { World } from '../../demo-cp/src/world';
import { isConnected } from '../kuma/dataplane-status';
import type { ControlPlaneSnapshot, MeshSnapshot } from '../kuma/snapshot';
import type { DataplaneOverview } from '../kuma/types';
import { buildTopology } from './build-topology';
import { withGatewayStatus } from './gateway-health';

function snapshotOf(options: Partial<DemoOptions>): ControlPlaneSnapshot {
  const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, ...options });
  loadScenario(world, world.options.scenario);
  world.tick();
  return controlPlaneSnapshot(world);
}

const isGatewayProxy = (dataplane: DataplaneOverview) =>
  Boolean(dataplane.dataplane?.networking?.gateway);

/** As the topology holds a collapsed mesh: its gateway proxies and nothing else. */
function collapsed(mesh: MeshSnapshot): MeshSnapshot {
  return { ...mesh, dataplanes: mesh.dataplanes.filter(isGatewayProxy) };
}

/** A BUILTIN proxy that no MeshGateway of its mesh selects (Kuma leaves it unbound). */
function withUnboundProxy(snapshot: ControlPlaneSnapshot): ControlPlaneSnapshot {
  const meshes = snapshot.meshes.map((mesh) => {
    const builtin = mesh.dataplanes.find(
      (dataplane) => dataplane.dataplane.networking.gateway?.type === 'BUILTIN',
    );
    if (!builtin) return mesh;
    const gateway = builtin.dataplane.networking.gateway;
    const stray: DataplaneOverview = {
      ...builtin,
      name: `${builtin.name}-stray`,
      dataplane: {
        ...builtin.dataplane,
        networking: {
          ...builtin.dataplane.networking,
          gateway: { ...gateway, tags: { 'kuma.io/service': 'selected-by-nobody' } },
        },
      },
    };
    return { ...mesh, dataplanes: [...mesh.dataplanes, stray] };
  });
  return { meshes };
}

/** The proxy connected or disconnected, as kuma-cp's insight says it. */
function flipped(proxy: DataplaneOverview): DataplaneOverview {
  const subscriptions = proxy.dataplaneInsight?.subscriptions ?? [];
  const next = isConnected(proxy.dataplaneInsight)
    ? subscriptions.map((subscription) => ({
        ...subscription,
        disconnectTime: subscription.disconnectTime ?? '2026-12-06T08:00:00Z',
      }))
    : [
        ...subscriptions,
        { id: 'reconnected', controlPlaneInstanceId: 'cp-1', connectTime: '2026-12-06T08:00:00Z' },
      ];
  return { ...proxy, dataplaneInsight: { ...proxy.dataplaneInsight, subscriptions: next } };
}

function gatewayProxies(snapshot: ControlPlaneSnapshot): DataplaneOverview[] {
  return snapshot.meshes.flatMap((mesh) => mesh.dataplanes.filter(isGatewayProxy));
}

/** The snapshot with the chosen gateway proxies flipped. */
function withFlipped(
  snapshot: ControlPlaneSnapshot,
  chosen: (proxy: DataplaneOverview, index: number) => boolean,
): ControlPlaneSnapshot {
  let index = 0;
  return {
    meshes: snapshot.meshes.map((mesh) => ({
      ...mesh,
      dataplanes: mesh.dataplanes.map((dataplane) => {
        if (!isGatewayProxy(dataplane)) return dataplane;
        return chosen(dataplane, index++) ? flipped(dataplane) : dataplane;
      }),
    })),
  };
}

const demoCases: [string, Partial<DemoOptions>][] = [
  ['mixed', { scenario: 'mixed' }],
  ['docs-builtin', { scenario: 'docs-builtin' }],
  ['docs-delegated', { scenario: 'docs-delegated' }],
  ['hostile', { scenario: 'hostile' }],
  ['large', { scenario: 'large', large: { meshes: 3, services: 9, dataplanes: 40 } }],
  ['mixed, every proxy offline', { scenario: 'mixed', simulateProxies: false }],
];

const shapes: [string, (snapshot: ControlPlaneSnapshot) => ControlPlaneSnapshot][] = [
  ['loaded', (snapshot) => snapshot],
  ['collapsed', (snapshot) => ({ meshes: snapshot.meshes.map(collapsed) })],
  ['with an unbound proxy', withUnboundProxy],
];

describe('withGatewayStatus', () => {
  describe.each(demoCases)('%s', (_, options) => {
    const base = snapshotOf(options);
    it.each(shapes)(
      '%s: equals a build from the new statuses, for any proxies flipped',
      (_, shape) => {
        const before = shape(base);
        const proxies = gatewayProxies(before);
        expect(proxies.length).toBeGreaterThan(0);
        const built = buildTopology(before);
        const choices: ((proxy: DataplaneOverview, index: number) => boolean)[] = [
          () => true,
          (_, index) => index % 2 === 0,
          ...proxies.map((_, only) => (__: DataplaneOverview, index: number) => index === only),
        ];
        for (const chosen of choices) {
          const after = withFlipped(before, chosen);
          expect(withGatewayStatus(built, proxies, gatewayProxies(after))).toEqual(
            buildTopology(after),
          );
        }
      },
    );
  });

  it('gives the same graph back when no status changed', () => {
    const snapshot = snapshotOf({ scenario: 'mixed' });
    const built = buildTopology(snapshot);
    const proxies = gatewayProxies(snapshot);
    expect(withGatewayStatus(built, proxies, proxies)).toBe(built);
    const copies = proxies.map((proxy) => ({ ...proxy }));
    expect(withGatewayStatus(built, proxies, copies)).toBe(built);
  });

  it('patches only the gateway and its mesh', () => {
    const snapshot = snapshotOf({ scenario: 'mixed' });
    const built = buildTopology(snapshot);
    const proxies = gatewayProxies(snapshot);
    const after = withGatewayStatus(
      built,
      proxies,
      proxies.map((proxy, index) => (index === 0 ? flipped(proxy) : proxy)),
    );
    const changed = after.nodes.filter((node, index) => node !== built.nodes[index]);
    expect(changed.map((node) => node.kind).sort()).toEqual(['gateway', 'mesh']);
    expect(after.edges).toBe(built.edges);
  });
});
