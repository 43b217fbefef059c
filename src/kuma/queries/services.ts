import { queryOptions } from '@tanstack/react-query';
import { pathOf } from '../client';
import { meshServiceSchema } from '../policy-schemas';
import { listOf, serviceInsightSchema } from '../schemas';
import type { MeshService, ServiceInsight } from '../types';
import type { KumaApi } from './api';
import { serviceKeys } from './keys';

/** The services of a mesh: ServiceInsights (2.6 – 2.14) and MeshServices (2.9+) where present. */
export function meshServicesQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: serviceKeys.mesh(api, mesh),
    queryFn: async ({
      signal,
    }): Promise<{ insights: ServiceInsight[]; meshServices: MeshService[] }> => {
      const [insights, meshServices] = await Promise.all([
        api.caps.serviceInsights
          ? api.client.getAll(
              pathOf('meshes', mesh, 'service-insights'),
              listOf(serviceInsightSchema),
              { signal },
            )
          : Promise.resolve([] as ServiceInsight[]),
        api.caps.meshServices
          ? api.client.getAll(pathOf('meshes', mesh, 'meshservices'), listOf(meshServiceSchema), {
              signal,
            })
          : Promise.resolve([] as MeshService[]),
      ]);
      return { insights, meshServices };
    },
  });
}

/** The ServiceInsights of a mesh alone (2.6 – 2.14), for screens that load MeshServices already. */
export function serviceInsightsQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: serviceKeys.insights(api, mesh),
    queryFn: ({ signal }): Promise<ServiceInsight[]> =>
      api.caps.serviceInsights
        ? api.client.getAll(
            pathOf('meshes', mesh, 'service-insights'),
            listOf(serviceInsightSchema),
            {
              signal,
            },
          )
        : Promise.resolve([]),
  });
}
