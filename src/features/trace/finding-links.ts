import { permissionFixLink } from '../../lib/fix-links';
import { editPermissionPath } from '../../lib/paths';
import type { TraceStep } from '../../traffic/evaluate-request';

/**
 * The fix of a trace's permission step that denies (or denies some endpoints). The step's
 * summary is its backend's permission reason, which is how the two are paired; the backend
 * report names the caller's identity and the service. A denial decided by a policy's `rules[]`
 * is fixed in that policy: `rules[]` override every `from[]` for the destination, so a new
 * allowing policy would change nothing.
 */
export function tracePermissionFix(
  run: { gateway?: { name: string }; result?: { backends: readonly BackendReportLike[] } },
  step: TraceStep,
): { href: string; label: string } | undefined {
  if (step.kind !== 'permission' || step.outcome === 'pass' || !step.resource) return undefined;
  const backend = run.result?.backends.find(
    (candidate) => candidate.permission?.reason === step.summary,
  );
  if (backend?.permission?.via === 'rules') {
    const policy =
      step.resource.type === 'MeshTrafficPermission'
        ? step.resource.name
        : backend.permission.policy;
    return policy
      ? {
          href: editPermissionPath(step.resource.mesh, policy),
          label: `Fix: edit MeshTrafficPermission ${policy}`,
        }
      : undefined;
  }
  const caller = backend?.permission?.caller;
  if (!backend || !caller) return undefined;
  return permissionFixLink({
    mesh: step.resource.mesh,
    gateway: run.gateway?.name ?? caller,
    source: caller,
    service: backend.service,
  });
}

interface BackendReportLike {
  service: string;
  permission?: { reason: string; caller?: string; policy?: string; via?: 'from' | 'rules' };
}
