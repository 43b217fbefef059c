import { dataplaneStatus } from '../kuma/dataplane-status';
import { displayNameOf } from '../kuma/display-name';
import type { DataplaneOverview, Mesh, MeshService, ServiceInsight } from '../kuma/types';
import type { DataplaneRef, Health, SidecarNode, TopologyGraph } from './types';

/**
 * Health and counts of the topology from the control plane's aggregates, which stay the same
 * size however many dataplanes there are: per service, ServiceInsights (2.6 – 2.14) or, where
 * those are not computed (3.x, and meshes with `meshServices.mode: Exclusive`), MeshService
 * `status.dataplaneProxies`. The structure (which sidecars call which) comes from the dataplane
 * list, fetched only when it changes; these counts are fresh on every refresh.
 */

/** What one service's aggregate says about its (non-gateway) dataplanes. */
export interface ServiceCounts {
  total: number;
  online: number;
  offline: number;
  health: Health;
}

/** Which aggregate a mesh has: ServiceInsights, or MeshService statuses. */
export type CountsSource = 'service-insights' | 'mesh-services';

export function countsSourceOf(
  mesh: Pick<Mesh, 'meshServices'> | undefined,
  caps: { serviceInsights: boolean },
): CountsSource {
  if (!caps.serviceInsights) return 'mesh-services';
  return mesh?.meshServices?.mode === 'Exclusive' ? 'mesh-services' : 'service-insights';
}

function healthOfCounts(total: number, online: number, offline: number): Health {
  if (total === 0) return 'unknown';
  if (online === total) return 'online';
  if (offline === total) return 'offline';
  return 'degraded';
}

const INSIGHT_HEALTH: Record<string, Health> = {
  online: 'online',
  offline: 'offline',
  partially_degraded: 'degraded',
  not_available: 'unknown',
};

/**
 * Per `kuma.io/service`, from ServiceInsights. Gateway services are left out: gateway nodes take
 * their health from the gateway proxies, which the gateway list keeps current (laid over the
 * model by `withGatewayStatus`).
 */
export function countsFromServiceInsights(
  insights: readonly ServiceInsight[],
): Map<string, ServiceCounts> {
  const counts = new Map<string, ServiceCounts>();
  for (const insight of insights) {
    if (insight.serviceType === 'gateway_builtin' || insight.serviceType === 'gateway_delegated')
      continue;
    const total = insight.dataplanes?.total ?? 0;
    const online = insight.dataplanes?.online ?? 0;
    const offline = insight.dataplanes?.offline ?? 0;
    counts.set(insight.name, {
      total,
      online,
      offline,
      // Kuma's own verdict where it gives one; the counts otherwise.
      health:
        (insight.status && INSIGHT_HEALTH[insight.status]) ??
        healthOfCounts(total, online, offline),
    });
  }
  return counts;
}

/**
 * The service a MeshService stands for in the topology: the `kuma.io/service` it selects
 * dataplanes by (Universal), else its name as shown (what `backendRef`s name in Exclusive meshes).
 */
export function meshServiceKey(service: MeshService): string {
  return service.spec?.selector?.dataplaneTags?.['kuma.io/service'] ?? displayNameOf(service);
}

/** Per service, from MeshService `status.dataplaneProxies` (connected, healthy, total). */
export function countsFromMeshServices(
  services: readonly MeshService[],
): Map<string, ServiceCounts> {
  const counts = new Map<string, ServiceCounts>();
  for (const service of services) {
    const proxies = service.status?.dataplaneProxies;
    if (!proxies) continue;
    const total = proxies.total ?? 0;
    const online = Math.min(total, proxies.healthy ?? 0);
    const offline = Math.max(0, total - (proxies.connected ?? 0));
    counts.set(meshServiceKey(service), {
      total,
      online,
      offline,
      health: healthOfCounts(total, online, offline),
    });
  }
  return counts;
}

/**
 * What the structure of a mesh (its sidecars and their outbounds) is keyed by: its services and
 * each one's total. A dataplane added, removed or moved to another service changes it; an
 * outbound edited with every count the same does not (a slow backstop refetch catches that).
 * The mesh's own total is left out on purpose: every sidecar inbound carries `kuma.io/service`
 * (Kuma requires it), so the services' totals already add up to it, and the MeshInsight arrives
 * by another request at another moment than the ServiceInsights, so each change would fetch the
 * list twice (once per request that saw it).
 */
export function structureSignature(services: ReadonlyMap<string, ServiceCounts>): string {
  return [...services.entries()]
    .map(([name, counts]) => `${name}=${counts.total}`)
    .sort()
    .join(',');
}

/**
 * Statuses of a sidecar's dataplanes, where the aggregate settles them: all online or all
 * offline. A mixed count cannot say which one is which, so the listed statuses (from the
 * structure) stay as they were; the node's `counts` carry the fresh figures.
 */
function refsAfter(refs: DataplaneRef[], counts: ServiceCounts): DataplaneRef[] {
  if (counts.total !== refs.length || refs.length === 0) return refs;
  const status =
    counts.online === counts.total ? 'online' : counts.offline === counts.total ? 'offline' : null;
  if (!status || refs.every((ref) => ref.status === status)) return refs;
  return refs.map((ref) => (ref.status === status ? ref : { ...ref, status }));
}

/**
 * The built graph with health and counts from the aggregates, per mesh (meshes absent from
 * `byMesh` keep what the structure said): service and sidecar nodes take their service's health,
 * sidecars its counts. Services without an aggregate keep theirs. Pure; the same graph back when
 * nothing changes.
 */
export function withServiceHealth(
  graph: TopologyGraph,
  byMesh: ReadonlyMap<string, ReadonlyMap<string, ServiceCounts>>,
): TopologyGraph {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    if (node.kind !== 'service' && node.kind !== 'sidecar') return node;
    const counts = byMesh.get(node.mesh)?.get(node.service);
    if (!counts) return node;
    if (node.kind === 'service') {
      if (node.health === counts.health) return node;
      changed = true;
      return { ...node, health: counts.health };
    }
    const dataplanes = refsAfter(node.dataplanes, counts);
    const same =
      node.health === counts.health &&
      dataplanes === node.dataplanes &&
      node.counts?.total === counts.total &&
      node.counts?.online === counts.online;
    if (same) return node;
    changed = true;
    const patched: SidecarNode = {
      ...node,
      health: counts.health,
      dataplanes,
      counts: { total: counts.total, online: counts.online },
    };
    return patched;
  });
  return changed ? { ...graph, nodes } : graph;
}

/** What a sidecar node shows as "n/m online": the aggregate where there is one. */
export function sidecarOnline(node: SidecarNode): { online: number; total: number } {
  if (node.counts) return node.counts;
  return {
    online: node.dataplanes.filter((ref) => ref.status === 'online').length,
    total: node.dataplanes.length,
  };
}

/** A dataplane as the topology lists it (as `build-topology` makes its refs). */
export function dataplaneRefOf(dataplane: DataplaneOverview): DataplaneRef {
  const networking = dataplane.dataplane?.networking ?? {};
  const tags = networking.gateway?.tags ?? networking.inbound?.[0]?.tags ?? {};
  const zone = tags['kuma.io/zone'];
  return {
    mesh: dataplane.mesh,
    name: dataplane.name,
    displayName: displayNameOf(dataplane),
    status: dataplaneStatus(networking, dataplane.dataplaneInsight),
    ...(zone ? { zone } : {}),
  };
}
