import type { Finding } from '../diagnosis';
import { isResourceKind, type ResourceKind } from '../kuma/resource-kind';
import {
  builtinGatewayPath,
  dataplanePath,
  delegatedGatewayPath,
  editGatewayPath,
  editPermissionPath,
  editRoutePath,
  meshPath,
  newGatewayPath,
  newPermissionPath,
  newRoutePath,
  permissionsPath,
  servicePath,
} from './paths';

/**
 * Links from what the dashboard diagnoses to the screen that fixes it. Shared by the trace, the
 * mesh check, the service page and the topology's side panel, which must not import each other.
 */

export interface PermissionFix {
  mesh: string;
  /** The gateway's name, for the label and the policy name. */
  gateway: string;
  /** The gateway proxies' `kuma.io/service`. */
  source: string;
  service: string;
}

/** The query string of `/meshes/:mesh/permissions/new` that carries a fix. */
export function fixSearch(fix: Omit<PermissionFix, 'mesh'>): string {
  const params = new URLSearchParams({
    gateway: fix.gateway,
    from: fix.source,
    to: fix.service,
  });
  return `?${params.toString()}`;
}

/** The fix in a `/permissions/new` query string, when it carries one. */
export function fixFromSearch(mesh: string, search: URLSearchParams): PermissionFix | undefined {
  const source = search.get('from') ?? '';
  const service = search.get('to') ?? '';
  if (source === '' || service === '') return undefined;
  return { mesh, gateway: search.get('gateway') || source, source, service };
}

/**
 * "Fix: allow <gateway> → <service>": the MeshTrafficPermission form of the mesh, pre-filled
 * with the service as target and the gateway's identity as the allowed caller.
 */
export function permissionFixLink(fix: PermissionFix): { href: string; label: string } {
  return {
    href: newPermissionPath(fix.mesh, new URLSearchParams(fixSearch(fix))),
    label: `Fix: allow ${fix.gateway} → ${fix.service}`,
  };
}

/** Where the dashboard shows a resource a trace step or a finding names, if anywhere. */
export function resourceHref(resource: {
  type: string;
  mesh: string;
  name: string;
}): string | undefined {
  // Findings carry the kind as a plain string (it comes from the wire, too): unknown is no link.
  return isResourceKind(resource.type)
    ? kindHref(resource.type, resource.mesh, resource.name)
    : undefined;
}

function kindHref(kind: ResourceKind, mesh: string, name: string): string | undefined {
  switch (kind) {
    case 'MeshGateway':
      return builtinGatewayPath(mesh, name);
    case 'DelegatedGateway':
      return delegatedGatewayPath(mesh, name);
    case 'Dataplane':
    case 'DataplaneOverview':
      return dataplanePath({ mesh, name });
    case 'Mesh':
    case 'MeshInsight':
      return meshPath(mesh);
    case 'ServiceInsight':
    case 'MeshService':
      return servicePath(mesh, name);
    default:
      return undefined;
  }
}

/** The screen that fixes a finding: the gateway, route or mesh it names. */
export function findingActionHref(finding: Finding): { href: string; label: string } | undefined {
  const action = finding.fixAction;
  if (!action) return undefined;
  const mesh = action.mesh;
  const name = action.name ?? '';
  switch (action.kind) {
    case 'edit-gateway':
      // Without a name the fix is a MeshGateway that does not exist yet: the create form.
      return name
        ? { href: editGatewayPath(mesh, name), label: 'Edit the gateway' }
        : {
            href: newGatewayPath(new URLSearchParams({ mesh, kind: 'builtin' })),
            label: 'Create a MeshGateway',
          };
    case 'new-route':
      return name
        ? { href: newRoutePath(mesh, name, action.routeKind ?? 'http'), label: 'Attach a route' }
        : undefined;
    case 'edit-route':
      // The route form lives under the gateway the route targets; without it, the mesh.
      return name && action.gateway && action.routeKind
        ? {
            href: editRoutePath(mesh, action.gateway, action.routeKind, name),
            label: 'Edit the route',
          }
        : { href: meshPath(mesh), label: 'Go to the mesh' };
    case 'new-permission':
      // Without the caller's identity there is nothing to pre-fill: the mesh's permissions.
      return name && action.source
        ? permissionFixLink({
            mesh: action.mesh,
            gateway: action.gateway ?? action.source,
            source: action.source,
            service: action.name ?? '',
          })
        : { href: permissionsPath(mesh), label: 'Open the mesh’s permissions' };
    case 'edit-permission':
      return name
        ? { href: editPermissionPath(mesh, name), label: `Edit MeshTrafficPermission ${name}` }
        : { href: permissionsPath(mesh), label: 'Open the mesh’s permissions' };
    case 'edit-mesh':
      return { href: meshPath(mesh), label: 'Go to the mesh' };
    case 'start-dataplane':
      return name
        ? { href: dataplanePath({ mesh, name }), label: 'Go to the dataplane' }
        : undefined;
    default:
      return undefined;
  }
}
