/**
 * What a form is opened on. Read once and kept still while the user edits (no polling): the
 * form compares against this version before it writes.
 */
import { queryOptions } from '@tanstack/react-query';
import { pathOf } from '../../kuma/client';
import { type KumaApi, rootKey } from '../../kuma/queries/api';
import {
  dataplaneSchema,
  meshGatewaySchema,
  meshHttpRouteSchema,
  meshSchema,
  meshTcpRouteSchema,
} from '../../kuma/responses';

const still = { staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false } as const;

export const formKeys = {
  all: (api: KumaApi) => [...rootKey(api), 'gateway-forms'] as const,
  stored: (api: KumaApi, type: string, mesh: string, name: string) =>
    [...formKeys.all(api), 'stored', type, mesh, name] as const,
  mesh: (api: KumaApi, mesh: string) => [...formKeys.all(api), 'mesh', mesh] as const,
};

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

/** The mesh (mTLS for cross-mesh listeners, `meshServices.mode` for backends). */
export function formMeshQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: formKeys.mesh(api, mesh),
    queryFn: ({ signal }) => api.client.get(pathOf('meshes', mesh), meshSchema, { signal }),
    staleTime: 30_000,
  });
}
