/**
 * Permission stage: whether the MeshTrafficPermissions on a healthy backend let the gateway's
 * proxy in. Each healthy endpoint is judged (the service's tags when none is healthy); Envoy
 * spreads requests over the endpoints, so the majority decides the prediction and a split is
 * reported as such.
 */
import type { MeshSnapshot } from '../../kuma/snapshot';
import { SERVICE_TAG } from '../../mesh-model/identity';
import type { ResolvedBackend } from '../backends';
import { evaluatePermission, type PermissionDecision, type SourceIdentity } from '../permissions';
import type { Trace } from './trace';
import { RBAC_DENIED_MESSAGE } from './types';

export function permissionTargets(backend: ResolvedBackend, mesh: string) {
  const healthy = backend.endpoints.filter((endpoint) => endpoint.healthy);
  const meshService = backend.meshService?.name;
  if (healthy.length > 0) {
    return healthy.map((endpoint) => ({
      mesh,
      tags: endpoint.inboundTags,
      dataplane: { name: endpoint.dataplane, labels: endpoint.labels },
      meshService,
    }));
  }
  const service =
    backend.kind === 'legacy'
      ? backend.service
      : (backend.meshService?.spec?.selector?.dataplaneTags?.[SERVICE_TAG] ?? backend.service);
  return [{ mesh, tags: { [SERVICE_TAG]: service }, meshService }];
}

export interface PermissionVerdict {
  allowed: boolean;
  /** The decision shown: one that agrees with the verdict. */
  permission?: PermissionDecision;
  /** Permission decisions disagree across endpoints. */
  mixed?: { allowed: number; denied: number };
}

/** The permission verdict for a caller with identity `source` on a resolved, healthy backend. */
export function decidePermission(
  mesh: MeshSnapshot,
  resolved: ResolvedBackend,
  source: SourceIdentity,
): PermissionVerdict {
  const meshName = mesh.mesh?.name ?? '';
  const decisions = permissionTargets(resolved, meshName).map((target) =>
    evaluatePermission(mesh, source, target),
  );
  const allowed = decisions.filter((d) => d.allowed);
  const denied = decisions.filter((d) => !d.allowed);
  // Envoy spreads requests over the endpoints; the majority decides the prediction.
  const verdictAllowed = allowed.length >= denied.length;
  const permission = (verdictAllowed ? allowed[0] : denied[0]) ?? decisions[0];
  return {
    allowed: verdictAllowed,
    ...(permission ? { permission } : {}),
    ...(allowed.length > 0 && denied.length > 0
      ? { mixed: { allowed: allowed.length, denied: denied.length } }
      : {}),
  };
}

/** Adds the permission step for one backend; returns its index. */
export function addPermissionStep(
  trace: Trace,
  meshName: string,
  verdict: PermissionVerdict & { permission: PermissionDecision },
  failOutcome: 'fail' | 'warn',
): number {
  const { permission } = verdict;
  const mixed = verdict.mixed
    ? ` MeshTrafficPermissions differ across endpoints: ${verdict.mixed.allowed} allow and ${verdict.mixed.denied} deny the caller, so some requests get 403 ${RBAC_DENIED_MESSAGE}.`
    : '';
  return trace.add({
    kind: 'permission',
    outcome: !verdict.allowed ? failOutcome : verdict.mixed ? 'warn' : 'pass',
    resource: permission.resource ?? { type: 'Mesh', mesh: meshName, name: meshName },
    summary: permission.reason,
    detail: mixed ? mixed.trim() : undefined,
  });
}
