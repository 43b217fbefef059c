import { queryOptions } from '@tanstack/react-query';
import { pathOf } from '../client';
import {
  dataplaneOverviewSchema,
  listOf,
  meshHttpRouteSchema,
  meshServiceSchema,
  meshTcpRouteSchema,
  meshTrafficPermissionSchema,
} from '../responses';
import type { MeshService } from '../types';
import { type KumaApi, rootKey } from './api';

/** Everything of one mesh the topology draws when the mesh is expanded. */
export function meshTopologyQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: [...rootKey(api), 'topology', 'mesh', mesh] as const,
    queryFn: async ({ signal }) => {
      const all = { signal };
      const [proxies, httpRoutes, tcpRoutes, trafficPermissions, meshServices] = await Promise.all([
        api.client.getAll(
          pathOf('meshes', mesh, 'dataplanes', '_overview'),
          listOf(dataplaneOverviewSchema),
          all,
        ),
        api.client.getAll(
          pathOf('meshes', mesh, 'meshhttproutes'),
          listOf(meshHttpRouteSchema),
          all,
        ),
        api.client.getAll(pathOf('meshes', mesh, 'meshtcproutes'), listOf(meshTcpRouteSchema), all),
        api.client.getAll(
          pathOf('meshes', mesh, 'meshtrafficpermissions'),
          listOf(meshTrafficPermissionSchema),
          all,
        ),
        api.caps.meshServices
          ? api.client.getAll(
              pathOf('meshes', mesh, 'meshservices'),
              listOf(meshServiceSchema),
              all,
            )
          : Promise.resolve([] as MeshService[]),
      ]);
      return {
        dataplanes: proxies,
        httpRoutes,
        tcpRoutes,
        trafficPermissions,
        meshServices,
      };
    },
  });
}

/** One gateway proxy's Envoy stats, for observed request rates on the gateway's edges. */
export function proxyStatsQuery(api: KumaApi, mesh: string, name: string) {
  return queryOptions({
    queryKey: [...rootKey(api), 'topology', 'stats', mesh, name] as const,
    queryFn: ({ signal }) =>
      api.client.getText(`${pathOf('meshes', mesh, 'dataplanes', name)}/stats`, { signal }),
    retry: false,
  });
}
