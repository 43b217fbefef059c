import type { DataplaneOverview } from '../kuma/types';
import { instanceOrder } from '../mesh-model/mesh-model';
import { healthOf } from './build/graph-builder';
import { dataplaneRefOf } from './service-health';
import type { DataplaneRef, GatewayNode, MeshNode, TopologyGraph, TopologyNode } from './types';

type Status = DataplaneRef['status'];

const proxyKey = (mesh: string, name: string) => `${mesh}\u0000${name}`;

function statusesOf(proxies: readonly DataplaneOverview[]): Map<string, Status> {
  return new Map(
    proxies.map((proxy) => [proxyKey(proxy.mesh, proxy.name), dataplaneRefOf(proxy).status]),
  );
}

function gatewayAfter(node: GatewayNode, statuses: ReadonlyMap<string, Status>): GatewayNode {
  let changed = false;
  const refs = node.instances.map((ref) => {
    const status = statuses.get(proxyKey(ref.mesh, ref.name)) ?? ref.status;
    if (status === ref.status) return ref;
    changed = true;
    return { ...ref, status };
  });
  if (!changed) return node;
  // The order the mesh model gives built-in instances depends on which are connected.
  const instances =
    node.gatewayKind === 'builtin'
      ? refs.sort((a, b) =>
          instanceOrder(
            { online: a.status === 'online', name: a.name },
            { online: b.status === 'online', name: b.name },
          ),
        )
      : refs;
  return { ...node, instances, health: healthOf(instances) };
}

/** Per mesh, how many of its gateway proxies are not offline (what a mesh's `online` counts). */
function upByMesh(statuses: ReadonlyMap<string, Status>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [key, status] of statuses) {
    if (status === 'offline') continue;
    const mesh = key.slice(0, key.indexOf('\u0000'));
    counts.set(mesh, (counts.get(mesh) ?? 0) + 1);
  }
  return counts;
}

/**
 * A built graph with the gateway proxies' statuses of `now` in place of those of `builtFrom`
 * (the same proxies, as the list was when the graph was built): gateway instances, their
 * order and health, and each affected mesh's health and online count, as a build from `now`
 * would give them. A proxy connecting or disconnecting thus costs no rebuild of the model; the
 * same graph back when no status changed.
 */
export function withGatewayStatus(
  graph: TopologyGraph,
  builtFrom: readonly DataplaneOverview[],
  now: readonly DataplaneOverview[],
): TopologyGraph {
  if (builtFrom === now) return graph;
  const statuses = statusesOf(now);
  const touched = new Set<string>();
  let nodes: TopologyNode[] = graph.nodes.map((node) => {
    if (node.kind !== 'gateway') return node;
    const after = gatewayAfter(node, statuses);
    if (after !== node) touched.add(node.mesh);
    return after;
  });
  const upBefore = upByMesh(statusesOf(builtFrom));
  const upNow = upByMesh(statuses);
  for (const [mesh, count] of upNow) if (count !== upBefore.get(mesh)) touched.add(mesh);
  for (const [mesh, count] of upBefore) if (count !== upNow.get(mesh)) touched.add(mesh);
  if (touched.size === 0) return graph;

  // A mesh's health covers its sidecars' dataplanes and its gateways' instances.
  const refsByMesh = new Map<string, DataplaneRef[]>();
  for (const node of nodes) {
    if ((node.kind !== 'gateway' && node.kind !== 'sidecar') || !touched.has(node.mesh)) continue;
    const refs = node.kind === 'gateway' ? node.instances : node.dataplanes;
    refsByMesh.set(node.mesh, [...(refsByMesh.get(node.mesh) ?? []), ...refs]);
  }
  nodes = nodes.map((node) => {
    if (node.kind !== 'mesh' || !touched.has(node.mesh)) return node;
    const online =
      node.counts.online - (upBefore.get(node.mesh) ?? 0) + (upNow.get(node.mesh) ?? 0);
    const patched: MeshNode = {
      ...node,
      health: healthOf(refsByMesh.get(node.mesh) ?? []),
      counts: { ...node.counts, online },
    };
    return patched;
  });
  return { ...graph, nodes };
}
