import { useQueries } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { useKumaApi } from '../../app/api-context';
import { combineQueries, useLiveQuery } from '../../app/live';
import { useSettings } from '../../app/settings';
import { type GatewayList, gatewayListQuery } from '../../kuma/queries/gateways';
import { meshListQuery } from '../../kuma/queries/meshes';
import { meshTopologyQuery, proxyStatsQuery } from '../../kuma/queries/topology';
import type { ControlPlaneSnapshot } from '../../kuma/snapshot';
import { buildTopology } from '../../topology/build-topology';
import { gatewayId, type TopologyGraph } from '../../topology/types';
import { collapseMeshes, filterTopology, type TopologyFilter } from '../../topology/view';
import { assembleSnapshot } from './assemble-snapshot';
import { withMeshInsights } from './mesh-insight-counts';
import { gatewayRates, type StatsSample, sampleOf } from './traffic-rates';

/** Above this many dataplanes, meshes start collapsed: summaries first, details on demand. */
export const COLLAPSE_ABOVE_DATAPLANES = 300;
/** Stats are fetched for at most this many gateway proxies per refresh. */
export const MAX_STATS_PROXIES = 24;

export interface TopologyViewState {
  /** Meshes the user expanded or collapsed against the default. */
  expand: readonly string[];
  collapse: readonly string[];
  filter: TopologyFilter;
  /** Gateways (node ids) the edge Kong Gateway fronts; undefined: the default (all with listeners). */
  edgeFronts?: ReadonlySet<string>;
}

export interface TopologyData {
  /** Every gateway, as listed (for traces through the edge). */
  gateways?: GatewayList;
  /** What the model was built from, for traces evaluated on the same data. */
  snapshot?: ControlPlaneSnapshot;
  /** The whole model, before collapsing and filtering (for the mermaid view and the side panel). */
  model?: TopologyGraph;
  /** What the interactive view draws. */
  view?: TopologyGraph;
  collapsedMeshes: ReadonlySet<string>;
  defaultCollapsed: boolean;
  isPending: boolean;
  error: unknown;
  /** For the stale-data banner. */
  status: { isRefetchError: boolean; data: unknown; dataUpdatedAt: number; error: unknown };
}

/**
 * Everything the topology screens show, from queries whose number depends on the meshes on
 * screen, not on the number of dataplanes: meshes and their insights, all gateways, and full
 * detail only for expanded meshes; Envoy stats only for their gateway proxies.
 */
export function useTopology(state: TopologyViewState): TopologyData {
  const api = useKumaApi();
  const { refreshMs, paused } = useSettings();
  const meshes = useLiveQuery(meshListQuery(api));
  const gateways = useLiveQuery(gatewayListQuery(api));
  const totalDataplanes = (meshes.data ?? []).reduce(
    (sum, entry) => sum + (entry.insight?.dataplanes?.total ?? 0),
    0,
  );
  const defaultCollapsed = totalDataplanes > COLLAPSE_ABOVE_DATAPLANES;
  const meshNames = (meshes.data ?? []).map((entry) => entry.mesh.name);
  // biome-ignore lint/correctness/useExhaustiveDependencies: memoized on a value key on purpose (the arrays are new on every render)
  const collapsedMeshes = useMemo(
    () =>
      new Set(
        meshNames.filter((name) =>
          state.collapse.includes(name)
            ? true
            : state.expand.includes(name)
              ? false
              : defaultCollapsed,
        ),
      ),
    [meshNames.join('\u0000'), state.collapse, state.expand, defaultCollapsed],
  );
  const expanded = meshNames.filter((name) => !collapsedMeshes.has(name));
  const interval = paused ? false : refreshMs;
  const details = useQueries({
    queries: expanded.map((mesh) => ({
      ...meshTopologyQuery(api, mesh),
      refetchInterval: interval,
      refetchIntervalInBackground: false,
    })),
  });

  // Envoy stats of the gateway proxies of expanded meshes: two samples make a rate.
  const statsTargets = (gateways.data?.proxies ?? [])
    .filter((dataplane) => expanded.includes(dataplane.mesh))
    .filter((dataplane) =>
      (dataplane.dataplaneInsight?.subscriptions ?? []).some(
        (s) => s.connectTime && !s.disconnectTime,
      ),
    )
    .slice(0, MAX_STATS_PROXIES);
  const stats = useQueries({
    queries: statsTargets.map((dataplane) => ({
      ...proxyStatsQuery(api, dataplane.mesh, dataplane.name),
      refetchInterval: interval,
      refetchIntervalInBackground: false,
    })),
  });
  const samples = useRef(new Map<string, { previous?: StatsSample; current?: StatsSample }>());
  // biome-ignore lint/correctness/useExhaustiveDependencies: memoized on a value key on purpose (the arrays are new on every render)
  const rates = useMemo(() => {
    const inputs = statsTargets.map((dataplane, index) => {
      const key = `${dataplane.mesh}/${dataplane.name}`;
      const result = stats[index];
      const entry = samples.current.get(key) ?? {};
      if (result?.data && result.dataUpdatedAt && entry.current?.at !== result.dataUpdatedAt) {
        entry.previous = entry.current;
        entry.current = sampleOf(result.data, result.dataUpdatedAt);
        samples.current.set(key, entry);
      }
      const gateway = dataplane.dataplane.networking.gateway;
      const service = gateway?.tags?.['kuma.io/service'] ?? dataplane.name;
      const nodeId =
        gateway?.type === 'BUILTIN'
          ? gatewayId(
              dataplane.mesh,
              'builtin',
              gateways.data?.builtin.find((entry) => entry.instances.includes(dataplane))?.gateway
                .name ?? service,
            )
          : gatewayId(dataplane.mesh, 'delegated', service);
      return { gatewayNodeId: nodeId, ...entry };
    });
    return gatewayRates(inputs);
  }, [stats.map((result) => result.dataUpdatedAt).join(','), gateways.data]);

  const detailsKey = details.map((result) => result.dataUpdatedAt).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: memoized on a value key on purpose (the arrays are new on every render)
  const built = useMemo(() => {
    if (!meshes.data || !gateways.data) return undefined;
    const snapshot = assembleSnapshot(
      meshes.data.map(({ mesh }) => mesh),
      gateways.data,
      new Map(expanded.map((mesh, index) => [mesh, details[index]?.data])),
    );
    const graph = buildTopology(snapshot, {
      traffic: rates,
      ...(state.edgeFronts ? { edgeFronts: state.edgeFronts } : {}),
    });
    // Meshes without loaded details: counts and health from their insights, not from the
    // gateway proxies alone.
    const loaded = new Set(expanded.filter((_, index) => details[index]?.data));
    const model = withMeshInsights(
      graph,
      new Map(meshes.data.map((entry) => [entry.mesh.name, entry.insight])),
      loaded,
    );
    return { snapshot, model };
  }, [meshes.data, gateways.data, detailsKey, rates, state.edgeFronts]);
  const model = built?.model;

  const view = useMemo(
    () =>
      model ? filterTopology(collapseMeshes(model, collapsedMeshes), state.filter) : undefined,
    [model, collapsedMeshes, state.filter],
  );
  const combined = combineQueries([meshes, gateways, ...details]);
  return {
    ...(built ? { snapshot: built.snapshot } : {}),
    ...(gateways.data ? { gateways: gateways.data } : {}),
    model,
    view,
    collapsedMeshes,
    defaultCollapsed,
    ...combined,
  };
}
