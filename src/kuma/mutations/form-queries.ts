/**
 * What a form is opened on. Read once and kept still while the user edits (no polling): the
 * form compares against this version before it writes. A mesh's MeshTrafficPermissions are
 * read live for the Permissions page; every key sits under `formKeys`, so a save from any form
 * refetches them.
 */
import { queryOptions } from '@tanstack/react-query';
import { pathOf } from '../client';
import {
  meshHttpRouteSchema,
  meshTcpRouteSchema,
  meshTrafficPermissionSchema,
} from '../policy-schemas';
import type { KumaApi } from '../queries/api';
import { formKeys } from '../queries/keys';
import { dataplaneSchema, listOf, meshGatewaySchema, meshSchema } from '../schemas';

const still = { staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false } as const;

export function storedMeshGatewayQuery(api: KumaApi, mesh: string, name: string) {
  return queryOptions({
    queryKey: formKeys.stored(api, 'MeshGateway', mesh, name),
    queryFn: ({ signal }) =>
      api.client.get(pathOf('meshes', mesh, 'meshgateways', name), meshGatewaySchema, { signal }),
    ...still,
  });
}

export function storedHttpRouteQuery(api: KumaApi, mesh: string, name: string) {
  return queryOptions({
    queryKey: formKeys.stored(api, 'MeshHTTPRoute', mesh, name),
    queryFn: ({ signal }) =>
      api.client.get(pathOf('meshes', mesh, 'meshhttproutes', name), meshHttpRouteSchema, {
        signal,
      }),
    ...still,
  });
}

export function storedTcpRouteQuery(api: KumaApi, mesh: string, name: string) {
  return queryOptions({
    queryKey: formKeys.stored(api, 'MeshTCPRoute', mesh, name),
    queryFn: ({ signal }) =>
      api.client.get(pathOf('meshes', mesh, 'meshtcproutes', name), meshTcpRouteSchema, {
        signal,
      }),
    ...still,
  });
}

export function storedDataplaneQuery(api: KumaApi, mesh: string, name: string) {
  return queryOptions({
    queryKey: formKeys.stored(api, 'Dataplane', mesh, name),
    queryFn: ({ signal }) =>
      api.client.get(pathOf('meshes', mesh, 'dataplanes', name), dataplaneSchema, { signal }),
    ...still,
  });
}

export function storedPermissionQuery(api: KumaApi, mesh: string, name: string) {
  return queryOptions({
    queryKey: formKeys.stored(api, 'MeshTrafficPermission', mesh, name),
    queryFn: ({ signal }) =>
      api.client.get(
        pathOf('meshes', mesh, 'meshtrafficpermissions', name),
        meshTrafficPermissionSchema,
        { signal },
      ),
    ...still,
  });
}

/** The mesh (mTLS for cross-mesh listeners, `meshServices.mode` for backends). */
export function formMeshQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: formKeys.mesh(api, mesh),
    queryFn: ({ signal }) => api.client.get(pathOf('meshes', mesh), meshSchema, { signal }),
    staleTime: 30_000,
  });
}

/** The Permissions page's list (live, with the refresh interval). */
export function meshPermissionsQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: formKeys.permissions(api, mesh),
    queryFn: ({ signal }) =>
      api.client.getAll(
        pathOf('meshes', mesh, 'meshtrafficpermissions'),
        listOf(meshTrafficPermissionSchema),
        { signal },
      ),
  });
}
