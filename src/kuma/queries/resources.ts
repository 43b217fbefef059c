import { queryOptions } from '@tanstack/react-query';
import { pathOf } from '../client';
import { anyJsonSchema, dataplaneSchema } from '../schemas';
import type { KumaApi } from './api';
import { dataplaneKeys, gatewayKeys } from './keys';

/** The MeshGateway as `kubectl get -o yaml` shows it, from the control plane's own conversion. */
export function meshGatewayKubernetesQuery(api: KumaApi, mesh: string, name: string) {
  return queryOptions({
    queryKey: gatewayKeys.kubernetes(api, mesh, name),
    queryFn: ({ signal }) =>
      api.client.get(pathOf('meshes', mesh, 'meshgateways', name), anyJsonSchema, {
        signal,
        query: { format: 'kubernetes' },
      }),
  });
}

/** One Dataplane resource (Universal form), as stored: what `kumactl get dataplane -o yaml` shows. */
export function dataplaneResourceQuery(api: KumaApi, mesh: string, name: string) {
  return queryOptions({
    queryKey: dataplaneKeys.resource(api, mesh, name),
    queryFn: ({ signal }) =>
      api.client.get(pathOf('meshes', mesh, 'dataplanes', name), dataplaneSchema, { signal }),
  });
}
