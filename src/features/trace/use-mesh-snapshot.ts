import { type UseQueryResult, useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { gatewayListQuery } from '../../kuma/queries/gateways';
import { meshListQuery } from '../../kuma/queries/meshes';
import { serviceInsightsQuery } from '../../kuma/queries/services';
import { meshTopologyQuery } from '../../kuma/queries/topology';
import type { ControlPlaneSnapshot } from '../../kuma/snapshot';
import { useKumaApi } from '../../ui/api-context';
import { combineQueries, useLiveQuery } from '../../ui/live';
import { useSettings } from '../../ui/settings';
import { assembleSnapshot } from '../topology';

/** What the snapshot and the stale banner read of one query. */
interface QuerySlice<T> {
  data: T | undefined;
  isPending: boolean;
  error: unknown;
  isRefetchError: boolean;
  dataUpdatedAt: number;
}

/**
 * `useQueries`' `combine`: a module-level function, so react-query runs it only when a result
 * changes and hands back the same array (structurally shared) otherwise; the snapshot below is
 * then memoised on it without keys made of joined strings.
 */
function slices<T>(results: UseQueryResult<T>[]): QuerySlice<T>[] {
  return results.map(({ data, isPending, error, isRefetchError, dataUpdatedAt }) => ({
    data,
    isPending,
    error,
    isRefetchError,
    dataUpdatedAt,
  }));
}

/**
 * A control-plane snapshot with full detail for `mesh` (dataplanes, routes, permissions,
 * services; none when empty) and, for every other mesh, what cross-mesh evaluation needs (the
 * mesh, its gateways and gateway proxies). Live: refreshed on the user's interval.
 */
export function useControlPlaneSnapshot(mesh: string) {
  const api = useKumaApi();
  const { refreshMs, paused } = useSettings();
  const meshes = useLiveQuery(meshListQuery(api));
  const gateways = useLiveQuery(gatewayListQuery(api));
  const live = {
    refetchInterval: paused ? (false as const) : refreshMs,
    refetchIntervalInBackground: false,
  };
  const detailed = mesh ? [mesh] : [];
  const details = useQueries({
    queries: detailed.map((name) => ({ ...meshTopologyQuery(api, name), ...live })),
    combine: slices,
  });
  const services = useQueries({
    queries: detailed.map((name) => ({ ...serviceInsightsQuery(api, name), ...live })),
    combine: slices,
  });
  const snapshot = useMemo((): ControlPlaneSnapshot | undefined => {
    if (!meshes.data || !gateways.data) return undefined;
    const names = mesh ? [mesh] : [];
    return assembleSnapshot(
      meshes.data.map((entry) => entry.mesh),
      gateways.data,
      new Map(names.map((name, index) => [name, details[index]?.data])),
      new Map(names.map((name, index) => [name, services[index]?.data])),
    );
  }, [meshes.data, gateways.data, details, services, mesh]);
  const { isPending: pending, error, status } = combineQueries([meshes, gateways, ...details]);
  return {
    snapshot: pending ? undefined : snapshot,
    meshNames: (meshes.data ?? []).map((entry) => entry.mesh.name),
    gateways: gateways.data,
    pending,
    error,
    status,
  };
}
