import { queryOptions } from '@tanstack/react-query';
import { deriveCapabilities } from '../capabilities';
import type { KumaClient } from '../client';
import { configSchema, indexSchema, resourcesSchema } from '../schemas';
import { controlPlaneKeys } from './keys';

/** `/`, `/config` and `/_resources`, read together into the control plane's capabilities. */
export function controlPlaneQuery(client: KumaClient) {
  return queryOptions({
    queryKey: controlPlaneKeys.identity(),
    queryFn: async ({ signal }) => {
      const [index, config, resources] = await Promise.all([
        client.get('/', indexSchema, { signal }),
        client.get('/config', configSchema, { signal }),
        client.get('/_resources', resourcesSchema, { signal }),
      ]);
      return deriveCapabilities(index, config, resources.resources);
    },
    staleTime: 60_000,
  });
}
