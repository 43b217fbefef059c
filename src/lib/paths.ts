/**
 * Where the app's screens live, in one place: the route table (`src/app/router.tsx`) takes its
 * patterns from `ROUTES`, and every link is built from the same patterns by `pathTo` (or a named
 * builder below), so a path and its route cannot drift. Features link to each other's screens
 * but must not import each other's files, so the builders they share are here. Every segment is
 * encoded (names are user input, hashed on a global control plane).
 */

/** Every screen's pattern, as React Router matches it. */
export const ROUTES = {
  meshes: '/meshes',
  mesh: '/meshes/:mesh',
  gateways: '/gateways',
  newGateway: '/gateways/new',
  gateway: '/meshes/:mesh/gateways/:name',
  editGateway: '/meshes/:mesh/gateways/:name/edit',
  newRoute: '/meshes/:mesh/gateways/:name/routes/new',
  editRoute: '/meshes/:mesh/gateways/:name/routes/:kind/:route/edit',
  delegatedGateway: '/meshes/:mesh/delegated-gateways/:service',
  editDelegatedDataplane: '/meshes/:mesh/delegated-gateways/:service/dataplanes/:name/edit',
  permissions: '/meshes/:mesh/permissions',
  newPermission: '/meshes/:mesh/permissions/new',
  editPermission: '/meshes/:mesh/permissions/:name/edit',
  service: '/meshes/:mesh/services/:service',
  dataplanes: '/dataplanes',
  dataplane: '/meshes/:mesh/dataplanes/:name',
  topology: '/topology',
  trace: '/trace',
  zones: '/zones',
} as const;

export type RouteName = keyof typeof ROUTES;

/** The `:param` names of a pattern, read from its text by the compiler. */
type ParamNames<P extends string> = P extends `${string}:${infer Param}/${infer Rest}`
  ? Param | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Param}`
    ? Param
    : never;

/** The values a route's pattern needs, each a plain (unencoded) string. */
export type RouteParams<R extends RouteName> = { [K in ParamNames<(typeof ROUTES)[R]>]: string };

/** A query string's entries; undefined and empty values are left out. */
export type SearchInit = Record<string, string | undefined> | URLSearchParams;

function searchOf(search: SearchInit | undefined): string {
  if (!search) return '';
  const params =
    search instanceof URLSearchParams
      ? search
      : new URLSearchParams(
          Object.entries(search).filter(
            (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
          ),
        );
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The path of a screen: its pattern with each `:param` replaced by the encoded value, then the
 * query string. Routes without parameters take `{}`.
 */
export function pathTo<R extends RouteName>(
  route: R,
  params: RouteParams<R>,
  search?: SearchInit,
): string {
  const values = params as Record<string, string>;
  const path = ROUTES[route].replace(/:([A-Za-z]+)/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? ''),
  );
  return `${path}${searchOf(search)}`;
}

/** A service of a mesh: a `kuma.io/service` tag value or a MeshService name (2.9+). */
export interface ServiceRef {
  mesh: string;
  service: string;
}

/** `/meshes`, optionally searched. */
export function meshListPath(q?: string): string {
  return pathTo('meshes', {}, { q });
}

/** `/meshes/<mesh>`: the mesh overview. */
export function meshPath(mesh: string): string {
  return pathTo('mesh', { mesh });
}

/** `/meshes/<mesh>/services/<service>`: the service page. */
export function servicePath(mesh: string, service: string): string {
  return pathTo('service', { mesh, service });
}

/** The same, from a reference. */
export function serviceRefPath(ref: ServiceRef): string {
  return servicePath(ref.mesh, ref.service);
}

/** A built-in gateway's (MeshGateway's) detail. */
export function builtinGatewayPath(mesh: string, name: string): string {
  return pathTo('gateway', { mesh, name });
}

/** A delegated gateway's detail, by the `kuma.io/service` its proxies share. */
export function delegatedGatewayPath(mesh: string, service: string): string {
  return pathTo('delegatedGateway', { mesh, service });
}

/** A gateway's own screen: a MeshGateway's detail, or a delegated gateway's. */
export function gatewayPath(gateway: {
  mesh: string;
  name: string;
  gatewayKind: 'builtin' | 'delegated';
}): string {
  return gateway.gatewayKind === 'builtin'
    ? builtinGatewayPath(gateway.mesh, gateway.name)
    : delegatedGatewayPath(gateway.mesh, gateway.name);
}

/** The gateway list, optionally of one mesh and searched. */
export function gatewayListPath(filter: { mesh?: string; q?: string } = {}): string {
  return pathTo('gateways', {}, filter);
}

/** The create form of a gateway; its query string pre-selects what to create. */
export function newGatewayPath(search?: SearchInit): string {
  return pathTo('newGateway', {}, search);
}

export function editGatewayPath(mesh: string, name: string): string {
  return pathTo('editGateway', { mesh, name });
}

/** Which route form: MeshHTTPRoute (`http`) or MeshTCPRoute (`tcp`). */
export type RouteFormKind = 'http' | 'tcp';

/** A new route attached to a built-in gateway. */
export function newRoutePath(mesh: string, gateway: string, kind: RouteFormKind = 'http'): string {
  return pathTo('newRoute', { mesh, name: gateway }, { kind });
}

/** A route's edit form, under the gateway it targets. */
export function editRoutePath(
  mesh: string,
  gateway: string,
  kind: RouteFormKind,
  route: string,
): string {
  return pathTo('editRoute', { mesh, name: gateway, kind, route });
}

/** The edit form of one Dataplane of a delegated gateway. */
export function editDelegatedDataplanePath(mesh: string, service: string, name: string): string {
  return pathTo('editDelegatedDataplane', { mesh, service, name });
}

/** The MeshTrafficPermissions of a mesh. */
export function permissionsPath(mesh: string): string {
  return pathTo('permissions', { mesh });
}

/** The permission form; its query string may carry a fix to pre-fill (see `fix-links.ts`). */
export function newPermissionPath(mesh: string, search?: SearchInit): string {
  return pathTo('newPermission', { mesh }, search);
}

export function editPermissionPath(mesh: string, name: string): string {
  return pathTo('editPermission', { mesh, name });
}

/** A dataplane's detail, by its stored name. */
export function dataplanePath(dataplane: { mesh: string; name: string }): string {
  return pathTo('dataplane', { mesh: dataplane.mesh, name: dataplane.name });
}

/** The dataplane list, optionally of one mesh and searched (`q` in the list's search syntax). */
export function dataplaneListPath(filter: { mesh?: string; q?: string } = {}): string {
  return pathTo('dataplanes', {}, filter);
}

/** The dataplane list narrowed to one service, as the mesh overview links it. */
export function serviceDataplanesPath(mesh: string, service: string): string {
  return dataplaneListPath({ mesh, q: `service:${service}` });
}

/** The topology; its query string may carry a mesh and a trace to draw. */
export function topologyPath(search?: SearchInit): string {
  return pathTo('topology', {}, search);
}

/** The trace page; its query string carries the request (or `tab=check` and a mesh). */
export function tracePath(search?: SearchInit): string {
  return pathTo('trace', {}, search);
}

/** _Check a mesh_ on the trace page. */
export function meshCheckPath(mesh: string): string {
  return tracePath({ tab: 'check', mesh });
}

export function zoneListPath(): string {
  return pathTo('zones', {});
}
