import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { pathOf } from '../client';
import { anyJsonSchema, dataplaneOverviewSchema, dataplaneSchema, listOf } from '../schemas';
import { type DataplaneSearch, dataplaneSearchQuery } from '../search';
import { type KumaApi, offsetOf, type Page } from './api';
import { dataplaneKeys } from './keys';

/** One page of dataplane overviews, filtered by the control plane (one request per refresh). */
export function dataplaneListQuery(
  api: KumaApi,
  mesh: string | undefined,
  search: DataplaneSearch,
  page: Page,
) {
  const path = mesh ? pathOf('meshes', mesh, 'dataplanes', '_overview') : '/dataplanes/_overview';
  return queryOptions({
    queryKey: dataplaneKeys.list(api, mesh, search, page),
    queryFn: ({ signal }) =>
      api.client.get(path, listOf(dataplaneOverviewSchema), {
        signal,
        query: { ...dataplaneSearchQuery(search), size: page.size, offset: offsetOf(page) },
      }),
    placeholderData: keepPreviousData,
  });
}

export function dataplaneDetailQuery(api: KumaApi, mesh: string, name: string) {
  return queryOptions({
    queryKey: dataplaneKeys.detail(api, mesh, name),
    queryFn: ({ signal }) =>
      api.client.get(
        pathOf('meshes', mesh, 'dataplanes', name, '_overview'),
        dataplaneOverviewSchema,
        { signal },
      ),
  });
}

export type InspectKind = 'stats' | 'clusters' | 'xds' | 'kubernetes' | 'universal';

/** Envoy admin views and the resource in both YAML forms; fetched on demand, not polled. */
export function dataplaneInspectQuery(api: KumaApi, mesh: string, name: string, kind: InspectKind) {
  return queryOptions({
    queryKey: dataplaneKeys.inspect(api, mesh, name, kind),
    queryFn: async ({ signal }): Promise<string | unknown> => {
      const base = pathOf('meshes', mesh, 'dataplanes', name);
      if (kind === 'stats' || kind === 'clusters')
        return api.client.getText(`${base}/${kind}`, { signal });
      if (kind === 'xds') return api.client.get(`${base}/xds`, anyJsonSchema, { signal });
      if (kind === 'kubernetes')
        return api.client.get(base, anyJsonSchema, { signal, query: { format: 'kubernetes' } });
      return api.client.get(base, dataplaneSchema, { signal });
    },
  });
}
