/**
 * Where a service's page lives. The topology's side panel, the dataplane and gateway screens and
 * the trace link here, so the URL is built in one place.
 */

/** A service of a mesh: a `kuma.io/service` tag value or a MeshService name (2.9+). */
export interface ServiceRef {
  mesh: string;
  service: string;
}

/** `/meshes/<mesh>/services/<service>`, each segment encoded (names are user input). */
export function servicePath(mesh: string, service: string): string {
  return `/meshes/${encodeURIComponent(mesh)}/services/${encodeURIComponent(service)}`;
}

/** The same, from a reference. */
export function serviceRefPath(ref: ServiceRef): string {
  return servicePath(ref.mesh, ref.service);
}
