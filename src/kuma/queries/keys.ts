/**
 * Every query key of the dashboard, one factory per resource. Keys start at the control plane's
 * identity (`rootKey`), so data from two control planes never mixes, and each factory's `all`
 * is the prefix that invalidates everything of its resource: a write refreshes by prefix, so a
 * key built by hand elsewhere would silently miss the refresh.
 */

import type { WritableKind } from '../resource-kind';
import type { DataplaneSearch } from '../search';
import { type KumaApi, type Page, rootKey } from './api';
import type { InspectKind } from './dataplanes';

/** Before the control plane's identity is known: the read that learns it. */
export const controlPlaneKeys = {
  identity: () => ['kuma', 'control-plane'] as const,
};

export const meshKeys = {
  all: (api: KumaApi) => [...rootKey(api), 'meshes'] as const,
  list: (api: KumaApi) => [...meshKeys.all(api), 'list'] as const,
  detail: (api: KumaApi, mesh: string) => [...meshKeys.all(api), 'detail', mesh] as const,
};

export const gatewayKeys = {
  all: (api: KumaApi) => [...rootKey(api), 'gateways'] as const,
  list: (api: KumaApi) => [...gatewayKeys.all(api), 'list'] as const,
  /** The MeshGateways of one mesh. */
  ofMesh: (api: KumaApi, mesh: string) => [...gatewayKeys.all(api), 'mesh', mesh] as const,
  /** The gateway proxies of one mesh. */
  proxiesOf: (api: KumaApi, mesh: string) => [...gatewayKeys.all(api), 'proxies', mesh] as const,
  builtin: (api: KumaApi, mesh: string, name: string) =>
    [...gatewayKeys.all(api), 'builtin', mesh, name] as const,
  /** A delegated gateway, by the `kuma.io/service` its proxies share. */
  delegated: (api: KumaApi, mesh: string, service: string) =>
    [...gatewayKeys.all(api), 'delegated', mesh, service] as const,
  kubernetes: (api: KumaApi, mesh: string, name: string) =>
    [...gatewayKeys.all(api), 'kubernetes', mesh, name] as const,
};

export const routeKeys = {
  all: (api: KumaApi) => [...rootKey(api), 'routes'] as const,
  mesh: (api: KumaApi, mesh: string) => [...routeKeys.all(api), mesh] as const,
};

export const dataplaneKeys = {
  all: (api: KumaApi) => [...rootKey(api), 'dataplanes'] as const,
  list: (api: KumaApi, mesh: string | undefined, search: DataplaneSearch, page: Page) =>
    [...dataplaneKeys.all(api), 'list', mesh ?? '*', search, page] as const,
  detail: (api: KumaApi, mesh: string, name: string) =>
    [...dataplaneKeys.all(api), 'detail', mesh, name] as const,
  inspect: (api: KumaApi, mesh: string, name: string, kind: InspectKind) =>
    [...dataplaneKeys.all(api), 'inspect', mesh, name, kind] as const,
  /** The stored Dataplane resource (Universal form). */
  resource: (api: KumaApi, mesh: string, name: string) =>
    [...dataplaneKeys.all(api), 'resource', mesh, name] as const,
};

export const serviceKeys = {
  all: (api: KumaApi) => [...rootKey(api), 'services'] as const,
  mesh: (api: KumaApi, mesh: string) => [...serviceKeys.all(api), mesh] as const,
  insights: (api: KumaApi, mesh: string) => [...serviceKeys.mesh(api, mesh), 'insights'] as const,
};

export const topologyKeys = {
  all: (api: KumaApi) => [...rootKey(api), 'topology'] as const,
  /** One mesh in full, dataplanes included (the trace). */
  mesh: (api: KumaApi, mesh: string) => [...topologyKeys.all(api), 'mesh', mesh] as const,
  live: (api: KumaApi, mesh: string) => [...topologyKeys.all(api), 'live', mesh] as const,
  liveParts: (api: KumaApi, mesh: string, insights: boolean, policies: boolean) =>
    [...topologyKeys.live(api, mesh), insights, policies] as const,
  structure: (api: KumaApi, mesh: string) => [...topologyKeys.all(api), 'structure', mesh] as const,
  policies: (api: KumaApi) => [...topologyKeys.all(api), 'policies'] as const,
  serviceDataplanes: (api: KumaApi, mesh: string, service: string) =>
    [...topologyKeys.all(api), 'service-dataplanes', mesh, service] as const,
  stats: (api: KumaApi, mesh: string, name: string) =>
    [...topologyKeys.all(api), 'stats', mesh, name] as const,
};

export const zoneKeys = {
  all: (api: KumaApi) => [...rootKey(api), 'zones'] as const,
  list: (api: KumaApi) => [...zoneKeys.all(api), 'list'] as const,
  meshCounts: (api: KumaApi, mesh: string, zones: readonly string[]) =>
    [...zoneKeys.all(api), 'mesh-counts', mesh, zones] as const,
};

export const secretKeys = {
  all: (api: KumaApi) => [...rootKey(api), 'secrets'] as const,
  names: (api: KumaApi, mesh: string) => [...secretKeys.all(api), 'names', mesh] as const,
};

export const searchKeys = {
  all: (api: KumaApi) => [...rootKey(api), 'search'] as const,
  text: (api: KumaApi, text: string) => [...searchKeys.all(api), text] as const,
};

/** What the gateway forms read: kept still while the user edits, refreshed after a write. */
export const formKeys = {
  all: (api: KumaApi) => [...rootKey(api), 'gateway-forms'] as const,
  stored: (api: KumaApi, kind: WritableKind, mesh: string, name: string) =>
    [...formKeys.all(api), 'stored', kind, mesh, name] as const,
  mesh: (api: KumaApi, mesh: string) => [...formKeys.all(api), 'mesh', mesh] as const,
  permissions: (api: KumaApi, mesh: string) => [...formKeys.all(api), 'permissions', mesh] as const,
  /** Prefix of every create form's "is this name taken" check. */
  nameChecks: (api: KumaApi) => [...formKeys.all(api), 'name-check'] as const,
  nameCheck: (api: KumaApi, path: string) => [...formKeys.nameChecks(api), path] as const,
  /** The stored resource a YAML-mode editor diffs against, by its API path. */
  yamlCurrent: (api: KumaApi, path: string) =>
    [...formKeys.all(api), 'yaml-current', path] as const,
};

/**
 * The prefixes a write makes stale: gateway lists and details, routes, dataplanes, meshes,
 * services, the topology and the forms' stored copies.
 */
export function keysAfterWrite(api: KumaApi): readonly (readonly unknown[])[] {
  return [
    gatewayKeys.all(api),
    routeKeys.all(api),
    dataplaneKeys.all(api),
    meshKeys.all(api),
    topologyKeys.all(api),
    serviceKeys.all(api),
    formKeys.all(api),
  ];
}
