import { queryOptions } from '@tanstack/react-query';
import { pathOf } from '../../kuma/client';
import type { KumaApi } from '../../kuma/queries/api';
import { gatewayKeys } from '../../kuma/queries/gateways';
import { listOf, meshGatewaySchema } from '../../kuma/responses';

/** The MeshGateways of one mesh, to tell which one a built-in gateway proxy serves. */
export function meshGatewaysQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: [...gatewayKeys.all(api), 'mesh', mesh] as const,
    queryFn: ({ signal }) =>
      api.client.getAll(pathOf('meshes', mesh, 'meshgateways'), listOf(meshGatewaySchema), {
        signal,
      }),
  });
}
