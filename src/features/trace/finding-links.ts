import type { Finding } from '../../diagnosis';

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
