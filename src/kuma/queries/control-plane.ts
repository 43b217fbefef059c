import { queryOptions } from '@tanstack/react-query';
import { deriveCapabilities } from '../capabilities';
import type { KumaClient } from '../client';
import { CAPABILITY_PATHS } from '../first-requests';
import { configSchema, indexSchema, resourcesSchema } from '../schemas';
import { controlPlaneKeys } from './keys';

/** `/`, `/config` and `/_resources`, read together into the control plane's capabilities. */
export function controlPlaneQuery(client: KumaClient) {
  const [indexPath, configPath, resourcesPath] = CAPABILITY_PATHS;
  return queryOptions({
    queryKey: controlPlaneKeys.identity(),
    queryFn: async ({ signal }) => {
      const [index, config, resources] = await Promise.all([
        client.get(indexPath, indexSchema, { signal }),
        client.get(configPath, configSchema, { signal }),
        client.get(resourcesPath, resourcesSchema, { signal }),
      ]);
      return deriveCapabilities(index, config, resources.resources);
    },
    staleTime: 60_000,
  });
}
