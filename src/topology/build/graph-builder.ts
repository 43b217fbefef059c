import {
  type DataplaneRef,
  type EdgeTraffic,
  edgeId,
  type Health,
  type TopologyEdge,
  type TopologyNode,
} from '../types';

/** The resource that makes an edge exist (a route, a Dataplane's outbound, a listener). */
export interface Via {
  type: string;
  mesh: string;
  name: string;
}

export function healthOf(refs: readonly DataplaneRef[]): Health {
  if (refs.length === 0) return 'unknown';
  const online = refs.filter((ref) => ref.status === 'online').length;
  if (online === refs.length) return 'online';
  if (refs.every((ref) => ref.status === 'offline')) return 'offline';
  return 'degraded';
}

export function zonesOf(refs: readonly DataplaneRef[]): string[] {
  return [
    ...new Set(refs.map((ref) => ref.zone).filter((zone): zone is string => Boolean(zone))),
  ].sort();
}

/** The key of an observed rate: `<gateway or sidecar node id> -> <service>`. */
export function trafficKey(sourceNodeId: string, service: string): string {
  return `${sourceNodeId} -> ${service}`;
}

/** Two rates on one link: requests add up, the error share weighted by requests. */
export function mergeTraffic(
  a: EdgeTraffic | undefined,
  b: EdgeTraffic | undefined,
): EdgeTraffic | undefined {
  if (!a || !b) return a ?? b;
  const requestsPerSecond = a.requestsPerSecond + b.requestsPerSecond;
  const errors = a.requestsPerSecond * a.errorShare + b.requestsPerSecond * b.errorShare;
  return { requestsPerSecond, errorShare: requestsPerSecond > 0 ? errors / requestsPerSecond : 0 };
}

/** Where the builders put nodes and edges: the graph itself, or a record of one mesh's part. */
export type GraphSink = Pick<GraphBuilder, 'node' | 'edge'>;

/** One call a builder made on its sink. */
export type GraphStep =
  | { node: TopologyNode }
  | { edge: Omit<TopologyEdge, 'id'>; rate?: string | undefined };

/**
 * The calls made on it, in order, to be made again on a graph (`replayOn`): the same calls in
 * the same order make the same graph, merged edges included.
 */
export class GraphRecorder implements GraphSink {
  readonly steps: GraphStep[] = [];

  node(node: TopologyNode): void {
    this.steps.push({ node });
  }

  edge(edge: Omit<TopologyEdge, 'id'>, rate?: string): void {
    this.steps.push({ edge, rate });
  }
}

export function replayOn(graph: GraphSink, steps: readonly GraphStep[]): void {
  for (const step of steps) {
    if ('node' in step) graph.node(step.node);
    else graph.edge(step.edge, step.rate);
  }
}

/** Accumulates nodes and edges, merging opposite directions of the same pair into one edge. */
export class GraphBuilder {
  readonly nodes = new Map<string, TopologyNode>();
  readonly edges = new Map<string, TopologyEdge>();

  node(node: TopologyNode): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
  }

  /** `rate`: the key of the observed rate this link shows (see `trafficKey`). */
  edge(edge: Omit<TopologyEdge, 'id'>, rate?: string): void {
    const id = edgeId(edge.relation, edge.source, edge.target);
    const reverse = this.edges.get(edgeId(edge.relation, edge.target, edge.source));
    if (reverse) {
      reverse.bidirectional = true;
      return;
    }
    const existing = this.edges.get(id);
    if (existing) {
      existing.via = [...(existing.via ?? []), ...(edge.via ?? [])];
      // Calls to two services one sidecar serves are one link: their rates add up.
      if (rate) existing.trafficKeys = [...(existing.trafficKeys ?? []), rate];
      return;
    }
    this.edges.set(id, { id, ...edge, ...(rate ? { trafficKeys: [rate] } : {}) });
  }
}
