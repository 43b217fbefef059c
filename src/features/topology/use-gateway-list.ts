import { type UseQueryResult, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { KumaApi } from '../../kuma/queries/api';
import { meshGatewayProxiesQuery, withMeshProxies } from '../../kuma/queries/gateway-proxies';
import { type GatewayList, gatewayListQuery } from '../../kuma/queries/gateways';
import type { MeshEntry } from '../../kuma/queries/meshes';
import {
  GATEWAY_BACKSTOP_MS,
  type GatewaySignature,
  gatewayRefresh,
  gatewaySignatures,
} from './gateway-refresh';

/**
 * Every gateway, read again where the meshes' insights say it changed (see gateway-refresh.ts).
 * `onRefresh`: it is read on every refresh (no insights to go by), and the banner's age counts
 * it. `answeredAt`: when it last answered a refresh, for the refresh to be drawn once (see
 * refresh-hold.ts): as it arrives when read on every refresh or read again; else as the mesh
 * list arrives, if that says the list is current.
 */
export function useGatewayList(
  api: KumaApi,
  meshes: UseQueryResult<MeshEntry[]>,
  interval: number | false,
): { gateways: UseQueryResult<GatewayList>; onRefresh: boolean; answeredAt: number | undefined } {
  const queryClient = useQueryClient();
  const signatures = useMemo(
    () => (meshes.data ? gatewaySignatures(meshes.data) : undefined),
    [meshes.data],
  );
  const onRefresh = meshes.data !== undefined && signatures === undefined;
  const gateways = useQuery({
    ...gatewayListQuery(api),
    // Until it has data (a control plane down at first), it is asked for on every refresh.
    refetchInterval: (query) =>
      interval === false
        ? false
        : onRefresh || query.state.data === undefined
          ? interval
          : GATEWAY_BACKSTOP_MS,
    refetchIntervalInBackground: false,
  });
  // The signatures the cached list answers, and the list's time they were recorded for: a list
  // read whole (first, by the backstop, after a write) answers the insights of that moment.
  const recorded = useRef<
    { at: number; signatures: ReadonlyMap<string, GatewaySignature> } | undefined
  >(undefined);
  const reading = useRef(false);
  const { data, dataUpdatedAt, errorUpdatedAt, isFetching, refetch } = gateways;
  useEffect(() => {
    if (!signatures || !data || interval === false) return;
    if (recorded.current?.at !== dataUpdatedAt) {
      recorded.current = { at: dataUpdatedAt, signatures };
      return;
    }
    if (reading.current || isFetching) return;
    const refresh = gatewayRefresh(recorded.current.signatures, signatures);
    if (refresh.read === 'none') return;
    if (refresh.read === 'all') {
      void refetch();
      return;
    }
    reading.current = true;
    const key = gatewayListQuery(api).queryKey;
    Promise.all(
      refresh.meshes.map((mesh) =>
        queryClient.fetchQuery({ ...meshGatewayProxiesQuery(api, mesh), staleTime: 0 }),
      ),
    )
      .then((lists) => {
        const fresh = new Map(refresh.meshes.map((mesh, index) => [mesh, lists[index] ?? []]));
        queryClient.setQueryData(key, (list) => (list ? withMeshProxies(list, fresh) : list));
        const at = queryClient.getQueryState(key)?.dataUpdatedAt ?? 0;
        recorded.current = { at, signatures };
      })
      // A mesh that cannot be read alone (deleted meanwhile, a refused token): the whole list
      // says what is there, or the error.
      .catch(() => void refetch())
      .finally(() => {
        reading.current = false;
      });
  }, [signatures, data, dataUpdatedAt, isFetching, refetch, interval, queryClient, api]);

  const ownAnswer = data === undefined ? undefined : Math.max(dataUpdatedAt, errorUpdatedAt);
  const current =
    ownAnswer !== undefined &&
    signatures !== undefined &&
    !isFetching &&
    // Not recorded yet: it is, in this render's effect, against these signatures.
    (recorded.current?.at !== dataUpdatedAt ||
      gatewayRefresh(recorded.current.signatures, signatures).read === 'none');
  const answeredAt = current
    ? Math.max(ownAnswer, meshes.dataUpdatedAt, meshes.errorUpdatedAt)
    : ownAnswer;
  return { gateways, onRefresh, answeredAt };
}
