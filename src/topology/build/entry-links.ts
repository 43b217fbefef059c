import { CLIENT_ID, EDGE_ID, type GatewayNode } from '../types';
import type { GraphBuilder } from './graph-builder';

/** The client and the edge Kong Gateway in front of every mesh, and the link between them. */
export function addClientAndEdge(graph: GraphBuilder): void {
  graph.node({ id: CLIENT_ID, kind: 'client', label: 'Client' });
  graph.node({ id: EDGE_ID, kind: 'edge', label: 'Kong Gateway' });
  graph.edge({
    source: CLIENT_ID,
    target: EDGE_ID,
    kind: 'unmanaged',
    origin: 'declared',
    relation: 'client-edge',
    bidirectional: false,
  });
}

/** Whether the edge can front a gateway by default: a delegated one, or one with a listener not cross-mesh only. */
export function frontable(node: GatewayNode): boolean {
  return node.gatewayKind === 'delegated' || node.listeners.some((listener) => !listener.crossMesh);
}

/**
 * The edge Kong Gateway in front of the gateways it is declared to front (Kuma cannot see it):
 * `edgeFronts` when the user said, else every frontable gateway.
 */
export function addEdgeGatewayLinks(
  graph: GraphBuilder,
  gateways: readonly GatewayNode[],
  edgeFronts: ReadonlySet<string> | undefined,
): void {
  for (const node of gateways) {
    const fronted = edgeFronts ? edgeFronts.has(node.id) : frontable(node);
    if (!fronted) continue;
    graph.edge({
      source: EDGE_ID,
      target: node.id,
      kind: 'unmanaged',
      origin: 'declared',
      relation: 'edge-gateway',
      bidirectional: false,
    });
  }
}
