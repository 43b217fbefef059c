import { type UseQueryResult, useQueries } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import type { KumaApi } from '../../kuma/queries/api';
import type { GatewayList } from '../../kuma/queries/gateways';
import { proxyStatsQuery } from '../../kuma/queries/topology';
import type { DataplaneOverview } from '../../kuma/types';
import { type EdgeTraffic, gatewayId } from '../../topology/types';
import { gatewayRates, type StatsSample, sampleOf } from './traffic-rates';
import { useShallowStable } from './use-shallow-stable';

/** Stats are fetched for at most this many gateway proxies per refresh. */
export const MAX_STATS_PROXIES = 24;

/**
 * Envoy stats of the connected gateway proxies of expanded meshes, each on the refresh interval,
 * and the request rates they give per gateway node: two samples make a rate. Each sample is taken
 * as it arrives; the caller draws the rates with the refresh they belong to.
 */
export function useGatewayRates(
  api: KumaApi,
  gateways: GatewayList | undefined,
  expanded: readonly string[],
  interval: number | false,
): {
  stats: UseQueryResult<unknown>[];
  statsTargets: readonly DataplaneOverview[];
  rates: ReadonlyMap<string, EdgeTraffic>;
} {
  const statsTargets = useShallowStable(
    (gateways?.proxies ?? [])
      .filter((dataplane) => expanded.includes(dataplane.mesh))
      .filter((dataplane) =>
        (dataplane.dataplaneInsight?.subscriptions ?? []).some(
          (s) => s.connectTime && !s.disconnectTime,
        ),
      )
      .slice(0, MAX_STATS_PROXIES),
  );
  const stats = useQueries({
    queries: statsTargets.map((dataplane) => ({
      ...proxyStatsQuery(api, dataplane.mesh, dataplane.name),
      refetchInterval: interval,
      refetchIntervalInBackground: false,
    })),
  });
  const samples = useRef(new Map<string, { previous?: StatsSample; current?: StatsSample }>());
  const statsData = useShallowStable(stats.map((result) => result.data));
  const statsStamps = useShallowStable(stats.map((result) => result.dataUpdatedAt));
  const rates = useMemo(() => {
    const inputs = statsTargets.map((dataplane, index) => {
      const key = `${dataplane.mesh}/${dataplane.name}`;
      const data = statsData[index];
      const at = statsStamps[index] ?? 0;
      const entry = samples.current.get(key) ?? {};
      if (data && at && entry.current?.at !== at) {
        entry.previous = entry.current;
        entry.current = sampleOf(data, at);
        samples.current.set(key, entry);
      }
      const gateway = dataplane.dataplane.networking.gateway;
      const service = gateway?.tags?.['kuma.io/service'] ?? dataplane.name;
      const nodeId =
        gateway?.type === 'BUILTIN'
          ? gatewayId(
              dataplane.mesh,
              'builtin',
              gateways?.builtin.find((entry) => entry.instances.includes(dataplane))?.gateway
                .name ?? service,
            )
          : gatewayId(dataplane.mesh, 'delegated', service);
      return { gatewayNodeId: nodeId, ...entry };
    });
    return gatewayRates(inputs);
  }, [statsTargets, statsData, statsStamps, gateways]);
  return { stats, statsTargets, rates };
}
