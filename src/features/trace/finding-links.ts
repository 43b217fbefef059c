import type { Finding } from '../../diagnosis';
import type { TraceStep } from '../../traffic/evaluate-request';
import { fixSearch, type PermissionFix } from '../gateway-forms/permission-convert';

/**
 * "Fix: allow <gateway> → <service>": the MeshTrafficPermission form of the mesh, pre-filled
 * with the service as target and the gateway's identity as the allowed caller.
 */
export function permissionFixLink(fix: PermissionFix): { href: string; label: string } {
  return {
    href: `/meshes/${encodeURIComponent(fix.mesh)}/permissions/new${fixSearch(fix)}`,
    label: `Fix: allow ${fix.gateway} → ${fix.service}`,
  };
}

/**
 * The fix of a trace's permission step that denies (or denies some endpoints). The step's
 * summary is its backend's permission reason, which is how the two are paired; the backend
 * report names the caller's identity and the service.
 */
export function tracePermissionFix(
  run: { gateway?: { name: string }; result?: { backends: readonly BackendReportLike[] } },
  step: TraceStep,
): { href: string; label: string } | undefined {
  if (step.kind !== 'permission' || step.outcome === 'pass' || !step.resource) return undefined;
  const backend = run.result?.backends.find(
    (candidate) => candidate.permission?.reason === step.summary,
  );
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
  permission?: { reason: string; caller?: string };
}

/** The screen that fixes a finding: the gateway, route or mesh it names. */
export function findingActionHref(finding: Finding): { href: string; label: string } | undefined {
  const action = finding.fixAction;
  if (!action) return undefined;
  const mesh = encodeURIComponent(action.mesh);
  const name = action.name ? encodeURIComponent(action.name) : '';
  switch (action.kind) {
    case 'edit-gateway':
      return name
        ? { href: `/meshes/${mesh}/gateways/${name}/edit`, label: 'Edit the gateway' }
        : undefined;
    case 'new-route':
      return name
        ? {
            href: `/meshes/${mesh}/gateways/${name}/routes/new?kind=${action.routeKind ?? 'http'}`,
            label: 'Attach a route',
          }
        : undefined;
    case 'edit-route':
      // The route form lives under the gateway the route targets; without it, the mesh.
      return name && action.gateway && action.routeKind
        ? {
            href: `/meshes/${mesh}/gateways/${encodeURIComponent(action.gateway)}/routes/${action.routeKind}/${name}/edit`,
            label: 'Edit the route',
          }
        : { href: `/meshes/${mesh}`, label: 'Go to the mesh' };
    case 'new-permission':
      // Without the caller's identity there is nothing to pre-fill: the mesh's permissions.
      return name && action.source
        ? permissionFixLink({
            mesh: action.mesh,
            gateway: action.gateway ?? action.source,
            source: action.source,
            service: action.name ?? '',
          })
        : { href: `/meshes/${mesh}/permissions`, label: 'Open the mesh’s permissions' };
    case 'edit-mesh':
      return { href: `/meshes/${mesh}`, label: 'Go to the mesh' };
    case 'start-dataplane':
      return name
        ? { href: `/meshes/${mesh}/dataplanes/${name}`, label: 'Go to the dataplane' }
        : undefined;
    default:
      return undefined;
  }
}
