import type { ControlPlaneSnapshot } from '../../kuma/snapshot';
import { CLIENT_ID, EDGE_ID, gatewayId, serviceId, sidecarId } from '../../topology/types';
import { evaluateGatewayRequest, type TraceResult } from '../../traffic/evaluate-request';
import { gatewayRequest, type ParsedTarget } from './trace-input';

export interface GatewayCandidate {
  kind: 'builtin' | 'delegated';
  name: string;
}

export interface TraceRun {
  /** The gateway the request went through (for `edge`, the one the edge most plausibly uses). */
  gateway?: GatewayCandidate;
  viaEdge: boolean;
  result?: TraceResult;
  /** For `edge`: every fronted gateway tried, with its verdict. */
  tried: { gateway: GatewayCandidate; result: TraceResult }[];
  problem?: string;
}

/** How far a trace got before failing: used to pick the gateway the edge would use. */
function progress(result: TraceResult): number {
  if (result.verdict.kind === 'ok') return Number.POSITIVE_INFINITY;
  return result.steps.filter((step) => step.outcome !== 'fail').length;
}

/**
 * Runs a trace through one gateway, or through the edge Kong Gateway: Kuma cannot see Kong's
 * routes, so every gateway the edge fronts is tried and the one that takes the request furthest
 * is shown (all verdicts stay available).
 */
export function runTrace(
  snapshot: ControlPlaneSnapshot,
  mesh: string,
  choice: { kind: 'edge' } | GatewayCandidate,
  target: ParsedTarget,
  method: string,
  fronted: GatewayCandidate[],
): TraceRun {
  if (!target.ok) return { viaEdge: choice.kind === 'edge', tried: [], problem: target.error };
  if (choice.kind !== 'edge') {
    const result = evaluateGatewayRequest(snapshot, gatewayRequest(mesh, choice, target, method));
    return { gateway: choice, viaEdge: false, result, tried: [{ gateway: choice, result }] };
  }
  if (fronted.length === 0) {
    return {
      viaEdge: true,
      tried: [],
      problem: `The edge Kong Gateway fronts no gateway in mesh "${mesh}".`,
    };
  }
  const tried = fronted.map((gateway) => ({
    gateway,
    result: evaluateGatewayRequest(snapshot, gatewayRequest(mesh, gateway, target, method)),
  }));
  // On a tie a built-in gateway wins: its listener matched the host, while a delegated
  // gateway's route is Kong's and only guessed from the host.
  const best = [...tried].sort(
    (a, b) =>
      progress(b.result) - progress(a.result) ||
      Number(b.gateway.kind === 'builtin') - Number(a.gateway.kind === 'builtin'),
  )[0];
  return { gateway: best?.gateway, viaEdge: true, result: best?.result, tried };
}

/** The topology nodes and edges a trace went through, to highlight on both views. */
export function tracePath(run: TraceRun, mesh: string): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (!run.gateway || !run.result) return { nodes, edges };
  const gateway = gatewayId(mesh, run.gateway.kind, run.gateway.name);
  nodes.add(CLIENT_ID);
  nodes.add(gateway);
  if (run.viaEdge) {
    nodes.add(EDGE_ID);
    edges.add(`client-edge:${CLIENT_ID}->${EDGE_ID}`);
    edges.add(`edge-gateway:${EDGE_ID}->${gateway}`);
  }
  for (const backend of run.result.backends) {
    const sidecar = sidecarId(mesh, backend.service);
    nodes.add(sidecar);
    nodes.add(serviceId(mesh, backend.service));
    edges.add(`gateway-service:${gateway}->${serviceId(mesh, backend.service)}`);
    edges.add(`service-sidecar:${serviceId(mesh, backend.service)}->${sidecar}`);
  }
  return { nodes, edges };
}
