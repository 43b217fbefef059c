/**
 * Where the app's screens live, built in one place: features link to each other's screens but
 * must not import each other's files, so the path builders they share are here. Every segment
 * is encoded (names are user input, hashed on a global control plane).
 */

const segment = encodeURIComponent;

/** A service of a mesh: a `kuma.io/service` tag value or a MeshService name (2.9+). */
export interface ServiceRef {
  mesh: string;
  service: string;
}

/** `/meshes/<mesh>`: the mesh overview. */
export function meshPath(mesh: string): string {
  return `/meshes/${segment(mesh)}`;
}

/** `/meshes/<mesh>/services/<service>`: the service page. */
export function servicePath(mesh: string, service: string): string {
  return `/meshes/${segment(mesh)}/services/${segment(service)}`;
}

/** The same, from a reference. */
export function serviceRefPath(ref: ServiceRef): string {
  return servicePath(ref.mesh, ref.service);
}

/** A gateway's own screen: a MeshGateway's detail, or a delegated gateway's. */
export function gatewayPath(gateway: {
  mesh: string;
  name: string;
  gatewayKind: 'builtin' | 'delegated';
}): string {
  return gateway.gatewayKind === 'builtin'
    ? `/meshes/${segment(gateway.mesh)}/gateways/${segment(gateway.name)}`
    : `/meshes/${segment(gateway.mesh)}/delegated-gateways/${segment(gateway.name)}`;
}

/** A dataplane's detail, by its stored name. */
export function dataplanePath(dataplane: { mesh: string; name: string }): string {
  return `/meshes/${segment(dataplane.mesh)}/dataplanes/${segment(dataplane.name)}`;
}

/** The dataplane list narrowed to one service, as the mesh overview links it. */
export function serviceDataplanesPath(mesh: string, service: string): string {
  return `/dataplanes?${new URLSearchParams({ mesh, q: `service:${service}` }).toString()}`;
}
