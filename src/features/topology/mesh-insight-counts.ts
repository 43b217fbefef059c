import type { MeshInsight } from '../../kuma/types';
import type { Health, MeshNode, TopologyGraph } from '../../topology/types';

function healthOfCounts(total: number, online: number, offline: number): Health {
  if (total === 0) return 'unknown';
  if (online === total) return 'online';
  if (offline === total) return 'offline';
  return 'degraded';
}

/**
 * Mesh counts and health from MeshInsights, fetched on every refresh. A mesh whose details are
 * not loaded (collapsed) only has its gateway proxies in the model, so its counts would describe
 * those alone; a loaded mesh's dataplane list is refetched only when its structure changes, so
 * its statuses may be older than the insight. Either way the insight has the current totals:
 * every dataplane, and for collapsed meshes every service. A loaded mesh keeps the number of
 * services it draws.
 */
export function withMeshInsights(
  graph: TopologyGraph,
  insights: ReadonlyMap<string, MeshInsight | undefined>,
  loaded: ReadonlySet<string>,
): TopologyGraph {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    if (node.kind !== 'mesh') return node;
    const insight = insights.get(node.mesh);
    if (!insight) return node;
    const total = insight.dataplanes?.total ?? 0;
    const offline = insight.dataplanes?.offline ?? 0;
    const online = insight.dataplanes?.online ?? 0;
    const counts = {
      ...node.counts,
      dataplanes: total,
      // As the model counts: everything not offline (degraded proxies still serve).
      online: Math.max(0, total - offline),
      services: loaded.has(node.mesh)
        ? node.counts.services
        : (insight.services?.total ?? node.counts.services),
    };
    const health = healthOfCounts(total, online, offline);
    if (
      health === node.health &&
      counts.dataplanes === node.counts.dataplanes &&
      counts.online === node.counts.online &&
      counts.services === node.counts.services
    )
      return node;
    changed = true;
    const patched: MeshNode = { ...node, health, counts };
    return patched;
  });
  return changed ? { ...graph, nodes } : graph;
}
