/**
 * The trace a request builds as it goes through the stages: steps in order, what was found on
 * the way (listener, rule, TCP route, backends), and how a stage either hands its result to the
 * next (`{ next }`) or ends the trace (a `TraceResult`).
 */
import type { ControlPlaneSnapshot, MeshSnapshot } from '../../kuma/snapshot';
import type { MeshGateway, MeshGatewayListener } from '../../kuma/types';
import type { IndexedListener } from '../listener-selection';
import type { MatchedRule } from '../route-matching';
import type { BackendReport, TraceResult, TraceStep, Verdict, VerdictKind } from './types';

/** What a stage returns: the finished trace when the request stops there, else what it found. */
export type Stage<T> = TraceResult | { next: T };

export function stopped<T>(stage: Stage<T>): stage is TraceResult {
  return 'verdict' in stage;
}

export class Trace {
  readonly steps: TraceStep[] = [];
  backends: BackendReport[] = [];
  listener?: MeshGatewayListener & { index: number };
  rule?: MatchedRule;
  tcpRoute?: TraceResult['tcpRoute'];

  add(step: TraceStep): number {
    const clean: TraceStep = { kind: step.kind, outcome: step.outcome, summary: step.summary };
    if (step.resource) clean.resource = step.resource;
    if (step.detail) clean.detail = step.detail;
    this.steps.push(clean);
    return this.steps.length - 1;
  }

  finish(verdict: Verdict): TraceResult {
    const result: TraceResult = { steps: this.steps, verdict, backends: this.backends };
    if (this.listener) result.listener = this.listener;
    if (this.rule) result.rule = this.rule;
    if (this.tcpRoute) result.tcpRoute = this.tcpRoute;
    return result;
  }

  fail(step: TraceStep, kind: VerdictKind, status: number, message: string): TraceResult {
    const failingStep = this.add({ ...step, outcome: 'fail' });
    return this.finish({ status, kind, failingStep, message });
  }
}

export function findMesh(snapshot: ControlPlaneSnapshot, name: string): MeshSnapshot | undefined {
  return (snapshot?.meshes ?? []).find((mesh) => mesh?.mesh?.name === name);
}

export function gatewayResource(gateway: MeshGateway, mesh: string) {
  return { type: 'MeshGateway', mesh: gateway.mesh ?? mesh, name: gateway.name };
}

export function dataplaneResource(dataplane: { mesh: string; name: string }) {
  return { type: 'Dataplane', mesh: dataplane.mesh, name: dataplane.name };
}

export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

export function listenerOf(entry: IndexedListener): MeshGatewayListener & { index: number } {
  return { ...entry.listener, index: entry.index };
}

export function missingMesh(
  trace: Trace,
  mesh: string,
  snapshot: ControlPlaneSnapshot,
): TraceResult {
  const known = (snapshot?.meshes ?? []).map((m) => m?.mesh?.name).filter(Boolean);
  return trace.fail(
    {
      kind: 'gateway',
      outcome: 'fail',
      resource: { type: 'Mesh', mesh, name: mesh },
      summary: `Mesh "${mesh}" is not in the control-plane snapshot.`,
      detail:
        known.length > 0 ? `Known meshes: ${known.join(', ')}.` : 'The snapshot has no meshes.',
    },
    'connection-refused',
    0,
    `Mesh "${mesh}" does not exist, so nothing listens for this gateway.`,
  );
}
