/**
 * A mesh's MeshTrafficPermissions: the list on the Permissions page (live, with the refresh
 * interval) and the one a form is opened on (read once and kept still, like the other forms).
 * Keys sit under the forms' prefix, so a save from any form refetches them.
 */
import { queryOptions } from '@tanstack/react-query';
import { pathOf } from '../../kuma/client';
import type { KumaApi } from '../../kuma/queries/api';
import { listOf, meshTrafficPermissionSchema } from '../../kuma/responses';
import { formKeys } from './form-queries';

export function meshPermissionsQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: [...formKeys.all(api), 'permissions', mesh] as const,
    queryFn: ({ signal }) =>
      api.client.getAll(
        pathOf('meshes', mesh, 'meshtrafficpermissions'),
        listOf(meshTrafficPermissionSchema),
        { signal },
      ),
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
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}
