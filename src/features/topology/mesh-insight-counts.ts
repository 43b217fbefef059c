import type { MeshInsight } from '../../kuma/types';
import type { Health, MeshNode, TopologyGraph } from '../../topology/types';

function healthOfCounts(total: number, online: number, offline: number): Health {
  if (total === 0) return 'unknown';
  if (online === total) return 'online';
  if (offline === total) return 'offline';
  return 'degraded';
}

/**
 * A mesh whose details are not loaded (collapsed) only has its gateway proxies in the model,
 * so its counts and health would describe those alone. Its MeshInsight has the real totals:
 * every dataplane, every service. Expanded meshes keep the counts of their loaded details.
 */
export function withMeshInsights(
  graph: TopologyGraph,
  insights: ReadonlyMap<string, MeshInsight | undefined>,
  loaded: ReadonlySet<string>,
): TopologyGraph {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    if (node.kind !== 'mesh' || loaded.has(node.mesh)) return node;
    const insight = insights.get(node.mesh);
    if (!insight) return node;
    const total = insight.dataplanes?.total ?? 0;
    const offline = insight.dataplanes?.offline ?? 0;
    const online = insight.dataplanes?.online ?? 0;
    changed = true;
    const patched: MeshNode = {
      ...node,
      health: healthOfCounts(total, online, offline),
      counts: {
        ...node.counts,
        dataplanes: total,
        // As the model counts: everything not offline (degraded proxies still serve).
        online: Math.max(0, total - offline),
        services: insight.services?.total ?? node.counts.services,
      },
    };
    return patched;
  });
  return changed ? { ...graph, nodes } : graph;
}
