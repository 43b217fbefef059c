import { queryOptions } from '@tanstack/react-query';
import { pathOf } from '../../kuma/client';
import { type KumaApi, rootKey } from '../../kuma/queries/api';
import {
  dataplaneOverviewSchema,
  listOf,
  meshHttpRouteSchema,
  meshServiceSchema,
  meshTcpRouteSchema,
  meshTrafficPermissionSchema,
} from '../../kuma/responses';
import type { DataplaneOverview, ListResponse, MeshService } from '../../kuma/types';

const PAGE_SIZE = 1000;

/** Everything of one mesh the topology draws when the mesh is expanded. */
export function meshTopologyQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: [...rootKey(api), 'topology', 'mesh', mesh] as const,
    queryFn: async ({ signal }) => {
      const dataplanes = async (): Promise<DataplaneOverview[]> => {
        const items: DataplaneOverview[] = [];
        for (let offset = 0; ; offset += PAGE_SIZE) {
          const page: ListResponse<DataplaneOverview> = await api.client.get(
            pathOf('meshes', mesh, 'dataplanes', '_overview'),
            listOf(dataplaneOverviewSchema),
            { signal, query: { size: PAGE_SIZE, offset } },
          );
          items.push(...page.items);
          if (!page.next || page.items.length === 0 || items.length >= page.total) return items;
        }
      };
      const all = { signal, query: { size: PAGE_SIZE } };
      const [proxies, http, tcp, permissions, meshServices] = await Promise.all([
        dataplanes(),
        api.client.get(pathOf('meshes', mesh, 'meshhttproutes'), listOf(meshHttpRouteSchema), all),
        api.client.get(pathOf('meshes', mesh, 'meshtcproutes'), listOf(meshTcpRouteSchema), all),
        api.client.get(
          pathOf('meshes', mesh, 'meshtrafficpermissions'),
          listOf(meshTrafficPermissionSchema),
          all,
        ),
        api.caps.meshServices
          ? api.client.get(pathOf('meshes', mesh, 'meshservices'), listOf(meshServiceSchema), all)
          : Promise.resolve({ items: [] as MeshService[] }),
      ]);
      return {
        dataplanes: proxies,
        httpRoutes: http.items,
        tcpRoutes: tcp.items,
        trafficPermissions: permissions.items,
        meshServices: meshServices.items,
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
