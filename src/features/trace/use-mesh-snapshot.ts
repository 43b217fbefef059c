import { useQueries } from '@tanstack/react-query';
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

/**
 * A control-plane snapshot with full detail for the meshes in `detailed` (dataplanes, routes,
 * permissions, services) and, for every other mesh, what cross-mesh evaluation needs (the mesh,
 * its gateways and gateway proxies). Live: refreshed on the user's interval.
 */
export function useControlPlaneSnapshot(detailed: readonly string[]) {
  const api = useKumaApi();
  const { refreshMs, paused } = useSettings();
  const meshes = useLiveQuery(meshListQuery(api));
  const gateways = useLiveQuery(gatewayListQuery(api));
  const live = {
    refetchInterval: paused ? (false as const) : refreshMs,
    refetchIntervalInBackground: false,
  };
  const details = useQueries({
    queries: detailed.map((mesh) => ({ ...meshTopologyQuery(api, mesh), ...live })),
  });
  const services = useQueries({
    queries: detailed.map((mesh) => ({ ...serviceInsightsQuery(api, mesh), ...live })),
  });
  const stamp = [...details, ...services].map((result) => result.dataUpdatedAt).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: memoized on value keys (`stamp`, the joined mesh names); the query arrays are new on every render
  const snapshot = useMemo((): ControlPlaneSnapshot | undefined => {
    if (!meshes.data || !gateways.data) return undefined;
    return assembleSnapshot(
      meshes.data.map(({ mesh }) => mesh),
      gateways.data,
      new Map(detailed.map((mesh, index) => [mesh, details[index]?.data])),
      new Map(detailed.map((mesh, index) => [mesh, services[index]?.data])),
    );
  }, [meshes.data, gateways.data, stamp, detailed.join('\u0000')]);
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
