import { queryOptions } from '@tanstack/react-query';
import { listOf, zoneOverviewSchema } from '../responses';
import { type KumaApi, rootKey } from './api';

export function zoneListQuery(api: KumaApi) {
  return queryOptions({
    queryKey: [...rootKey(api), 'zones', 'list'] as const,
    queryFn: ({ signal }) =>
      api.client.get('/zones/_overview', listOf(zoneOverviewSchema), {
        signal,
        query: { size: 1000 },
      }),
  });
}
