/**
 * Backend stage: every weighted backendRef of the matched rule (or the service a sidecar calls)
 * resolved to its endpoints, their health, and the permission stage on the healthy ones. The
 * heaviest backend decides the verdict; the others' failures are reported with their share.
 */
import type { MeshSnapshot } from '../../kuma/snapshot';
import type { BackendRef } from '../../kuma/types';
import { backendShares, type ResolvedBackend, resolveBackendRef } from '../backends';
import type { SourceIdentity } from '../permissions';
import { addPermissionStep, decidePermission, type PermissionVerdict } from './permission';
import { percent, type Trace } from './trace';
import {
  type BackendOutcome,
  type BackendReport,
  NO_HEALTHY_UPSTREAM_MESSAGE,
  RBAC_DENIED_MESSAGE,
  type Verdict,
} from './types';

interface BackendEvaluation {
  report: BackendReport;
  resolved: ResolvedBackend;
  /** Undefined when the backend did not get as far as a permission check. */
  verdict?: PermissionVerdict;
}

function evaluateBackend(
  mesh: MeshSnapshot,
  ref: BackendRef,
  weight: number,
  share: number,
  source: SourceIdentity,
): BackendEvaluation {
  const resolved = resolveBackendRef(mesh, ref);
  const report: BackendReport = {
    ref,
    weight,
    share,
    service: resolved.service,
    status: resolved.status,
    healthyEndpoints: resolved.healthyEndpoints,
    totalEndpoints: resolved.totalEndpoints,
    dataplanes: resolved.endpoints.map((endpoint) => ({
      mesh: endpoint.mesh,
      name: endpoint.dataplane,
      online: endpoint.online,
    })),
    outcome: 'ok',
  };
  if (resolved.status === 'unresolved')
    return { report: { ...report, outcome: 'unresolved-backend' }, resolved };
  if (resolved.status === 'unhealthy')
    return { report: { ...report, outcome: 'no-healthy-upstream' }, resolved };
  if (resolved.status === 'unknown') return { report, resolved };
  const verdict = decidePermission(mesh, resolved, source);
  const { permission } = verdict;
  return {
    report: {
      ...report,
      outcome: verdict.allowed ? 'ok' : 'rbac-denied',
      permission: permission
        ? {
            allowed: verdict.allowed,
            mtls: permission.mtls,
            reason: permission.reason,
            policy: permission.decidedBy?.policy.name,
            ...(permission.via ? { via: permission.via } : {}),
            ...(source.services[0] ? { caller: source.services[0] } : {}),
          }
        : undefined,
    },
    resolved,
    verdict,
  };
}

export type Transport = 'http' | 'tcp';

/** The resource a backend step names: the MeshService, or the service (ServiceInsight) for tags. */
function backendResource(resolved: ResolvedBackend, mesh: string) {
  if (resolved.resource) return resolved.resource;
  if (resolved.kind === 'legacy') return { type: 'ServiceInsight', mesh, name: resolved.service };
  return undefined;
}

function failureVerdict(
  outcome: BackendOutcome,
  transport: Transport,
  evaluation: BackendEvaluation,
  failingStep: number,
): Verdict {
  const name = evaluation.report.service;
  if (transport === 'tcp') {
    const httpInbound = evaluation.resolved.endpoints.some((endpoint) =>
      ['http', 'http2', 'grpc'].includes(endpoint.inboundTags['kuma.io/protocol'] ?? ''),
    );
    if (outcome === 'rbac-denied' && httpInbound) {
      return { status: 403, kind: 'rbac-denied', failingStep, message: RBAC_DENIED_MESSAGE };
    }
    const why =
      outcome === 'unresolved-backend'
        ? `backend ${name} does not resolve`
        : outcome === 'no-healthy-upstream'
          ? `backend ${name} has no healthy endpoint`
          : `the MeshTrafficPermissions on ${name} deny the caller`;
    return {
      status: 0,
      kind: outcome === 'rbac-denied' ? 'rbac-denied' : 'connection-reset',
      failingStep,
      message: `Connection closed: ${why}.`,
    };
  }
  switch (outcome) {
    case 'unresolved-backend':
      return {
        status: 503,
        kind: 'unresolved-backend',
        failingStep,
        message: `Backend ${name} does not resolve (kuma.io/unresolved-backend), so the gateway has no cluster to send to.`,
      };
    case 'no-healthy-upstream':
      return {
        status: 503,
        kind: 'no-healthy-upstream',
        failingStep,
        message: NO_HEALTHY_UPSTREAM_MESSAGE,
      };
    default:
      return { status: 403, kind: 'rbac-denied', failingStep, message: RBAC_DENIED_MESSAGE };
  }
}

function outcomeSentence(outcome: BackendOutcome): string {
  switch (outcome) {
    case 'unresolved-backend':
      return '503 (unresolved backend)';
    case 'no-healthy-upstream':
      return `503 ${NO_HEALTHY_UPSTREAM_MESSAGE}`;
    case 'rbac-denied':
      return `403 ${RBAC_DENIED_MESSAGE}`;
    default:
      return 'success';
  }
}

/** Evaluate every weighted backend, add their steps, and return the verdict of the heaviest. */
export function evaluateBackends(
  trace: Trace,
  mesh: MeshSnapshot,
  refs: readonly BackendRef[],
  source: SourceIdentity,
  transport: Transport,
  successMessage: (service: string) => string,
): Verdict {
  const meshName = mesh.mesh?.name ?? '';
  if (refs.length === 0) {
    const failingStep = trace.add({
      kind: 'backend',
      outcome: 'fail',
      summary: 'The matched rule has no backendRefs, so there is nowhere to send the request.',
      detail:
        'Kuma requires backendRefs on gateway rules unless a RequestRedirect filter is present.',
    });
    return transport === 'tcp'
      ? {
          status: 0,
          kind: 'connection-reset',
          failingStep,
          message: 'Connection closed: the route has no backend.',
        }
      : {
          status: 503,
          kind: 'unresolved-backend',
          failingStep,
          message: 'The matched rule has no backendRefs.',
        };
  }
  const shares = backendShares(refs);
  let primaryIndex = 0;
  shares.forEach((entry, index) => {
    if (entry.weight > (shares[primaryIndex]?.weight ?? 0)) primaryIndex = index;
  });
  const evaluations = shares.map((entry) =>
    evaluateBackend(mesh, entry.ref, entry.weight, entry.share, source),
  );
  trace.backends = evaluations.map((evaluation) => evaluation.report);
  const several = evaluations.length > 1;
  let primaryFailingStep: number | undefined;
  evaluations.forEach((evaluation, index) => {
    const { report, resolved } = evaluation;
    const isPrimary = index === primaryIndex;
    const failOutcome = isPrimary ? 'fail' : 'warn';
    const shareNote = several
      ? ` It receives ${percent(report.share)} of the traffic (weight ${report.weight})${isPrimary ? ', the largest share, so it decides the verdict' : ''}.`
      : '';
    const backendStep = trace.add({
      kind: 'backend',
      outcome: resolved.resolved ? (resolved.status === 'unknown' ? 'warn' : 'pass') : failOutcome,
      resource: backendResource(resolved, meshName),
      summary: `${resolved.summary}${shareNote}`,
    });
    if (isPrimary && report.outcome === 'unresolved-backend') primaryFailingStep = backendStep;
    if (!resolved.resolved || resolved.status === 'unknown') return;
    const endpointsStep = trace.add({
      kind: 'endpoints',
      outcome: resolved.status === 'healthy' ? 'pass' : failOutcome,
      resource: backendResource(resolved, meshName),
      summary: resolved.healthSummary,
      detail:
        report.dataplanes.length > 0
          ? `Endpoints: ${resolved.endpoints
              .map(
                (e) =>
                  `${e.dataplane} (${e.online ? 'online' : 'offline'}${e.ready ? '' : ', inbound not ready'})`,
              )
              .join(', ')}.`
          : undefined,
    });
    if (isPrimary && report.outcome === 'no-healthy-upstream') primaryFailingStep = endpointsStep;
    const permitted = evaluation.verdict;
    if (resolved.status !== 'healthy' || !permitted?.permission) return;
    const permissionStep = addPermissionStep(
      trace,
      meshName,
      { ...permitted, permission: permitted.permission },
      failOutcome,
    );
    if (isPrimary && report.outcome === 'rbac-denied') primaryFailingStep = permissionStep;
  });
  const failingOthers = evaluations.filter(
    (evaluation, index) =>
      index !== primaryIndex && evaluation.report.outcome !== 'ok' && evaluation.report.share > 0,
  );
  if (failingOthers.length > 0) {
    trace.add({
      kind: 'backend',
      outcome: 'warn',
      summary: `Some requests fail: ${failingOthers
        .map(
          (e) =>
            `${e.report.service} (${percent(e.report.share)} of requests) gets ${outcomeSentence(e.report.outcome)}`,
        )
        .join('; ')}.`,
      detail:
        'Envoy picks a backend per request by weight, so these failures hit only that share of the traffic.',
    });
  }
  const primary = evaluations[primaryIndex];
  if (!primary) {
    return { status: 503, kind: 'unresolved-backend', message: 'No backend to evaluate.' };
  }
  if (primary.report.outcome !== 'ok') {
    return failureVerdict(
      primary.report.outcome,
      transport,
      primary,
      primaryFailingStep ?? trace.steps.length - 1,
    );
  }
  return {
    status: 200,
    kind: 'ok',
    message: successMessage(primary.report.service),
  };
}
