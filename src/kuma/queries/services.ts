import { queryOptions } from '@tanstack/react-query';
import { pathOf } from '../client';
import {
  listOf,
  meshServiceSchema,
  meshTrafficPermissionSchema,
  serviceInsightSchema,
} from '../responses';
import type { MeshService, ServiceInsight } from '../types';
import { type KumaApi, rootKey } from './api';

const ALL = { size: 1000 };

/** The services of a mesh: ServiceInsights (2.6 – 2.14) and MeshServices (2.9+) where present. */
export function meshServicesQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: [...rootKey(api), 'services', mesh] as const,
    queryFn: async ({
      signal,
    }): Promise<{ insights: ServiceInsight[]; meshServices: MeshService[] }> => {
      const [insights, meshServices] = await Promise.all([
        api.caps.serviceInsights
          ? api.client.get(
              pathOf('meshes', mesh, 'service-insights'),
              listOf(serviceInsightSchema),
              { signal, query: ALL },
            )
          : Promise.resolve({ items: [] as ServiceInsight[] }),
        api.caps.meshServices
          ? api.client.get(pathOf('meshes', mesh, 'meshservices'), listOf(meshServiceSchema), {
              signal,
              query: ALL,
            })
          : Promise.resolve({ items: [] as MeshService[] }),
      ]);
      return { insights: insights.items, meshServices: meshServices.items };
    },
  });
}

export function trafficPermissionsQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: [...rootKey(api), 'permissions', mesh] as const,
    queryFn: ({ signal }) =>
      api.client.get(
        pathOf('meshes', mesh, 'meshtrafficpermissions'),
        listOf(meshTrafficPermissionSchema),
        {
          signal,
          query: ALL,
        },
      ),
  });
}
