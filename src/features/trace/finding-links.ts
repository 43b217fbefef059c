import type { Finding } from '../../diagnosis';
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
