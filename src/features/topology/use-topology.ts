import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { sameGatewaysBesidesStatus } from '../../kuma/queries/gateway-proxies';
import type { GatewayList } from '../../kuma/queries/gateways';
import { meshListQuery } from '../../kuma/queries/meshes';
import {
  namesCertificateSecret,
  readableSecretNames,
  secretNamesQuery,
} from '../../kuma/queries/secrets';
import {
  allPoliciesQuery,
  type MeshStructure,
  meshStructureQuery,
  topologyKeys,
} from '../../kuma/queries/topology';
import type { ControlPlaneSnapshot } from '../../kuma/snapshot';
import { buildTopology, type MeshSections, withTraffic } from '../../topology/build-topology';
import { withGatewayStatus } from '../../topology/gateway-health';
import {
  countsSourceOf,
  type ServiceCounts,
  structureSignature,
  withServiceHealth,
} from '../../topology/service-health';
import type { TopologyGraph } from '../../topology/types';
import { collapseMeshes, filterTopology, type TopologyFilter } from '../../topology/view';
import { useKumaApi } from '../../ui/api-context';
import { combineQueries, useLiveQuery } from '../../ui/live';
import { useSettings } from '../../ui/settings';
import { assembleSnapshot, type MeshDetail, topologyDetail } from './assemble-snapshot';
import { withMeshInsights } from './mesh-insight-counts';
import { answerOf, holdsRefresh, type RefreshTake, takeRefresh } from './refresh-hold';
import { STRUCTURE_BACKSTOP_MS, structureDue, structureStep } from './structure-backstop';
import {
  countsOf,
  type LiveView,
  NO_POLICIES,
  selectAllPolicies,
  selectLive,
} from './topology-live';
import {
  collapsedMeshesOf,
  liveQueryOf,
  type MeshChoices,
  prefetchMeshDetails,
  readsPoliciesAcrossMeshes,
} from './topology-queries';
import { useGatewayList } from './use-gateway-list';
import { useGatewayRates } from './use-gateway-rates';
import { useKept, useSettled, useShallowStable } from './use-shallow-stable';

/** Secrets change rarely; their names are read again once a minute, not on every refresh. */
const SECRETS_REFRESH_MS = 60_000;

export interface TopologyViewState extends MeshChoices {
  filter: TopologyFilter;
  /** Gateways (node ids) the edge Kong Gateway fronts; undefined: the default (all with listeners). */
  edgeFronts?: ReadonlySet<string>;
  /**
   * false where no request rate is shown (the mermaid tab without its traffic labels): the
   * gateway proxies' Envoy stats, read for the rates only, are then not read at all.
   */
  rates?: boolean;
}

const NO_MESHES: readonly string[] = [];

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
  /**
   * Starts loading meshes about to be drawn in full, as the click that asks for them happens:
   * the navigation that draws them renders first, and its requests would wait for that.
   */
  prefetch: (meshes: readonly string[]) => void;
  /**
   * True while the first data is loading or an expanded mesh has no structure (dataplane list)
   * yet: the drawing is still incomplete, so a layout now would be redone in a moment.
   */
  settling: boolean;
}

/**
 * Everything the topology screens show, from queries whose size per refresh depends on the meshes
 * and services on screen, not on the number of dataplanes: meshes and their insights on every
 * refresh, the gateways where the insights say they changed (see gateway-refresh.ts); per
 * expanded mesh its service aggregates and policies on every refresh, and its dataplane list (the
 * structure) only when the aggregates say it changed, or by a slow backstop; Envoy stats only for
 * gateway proxies. Health and counts come from the aggregates.
 */
export function useTopology(state: TopologyViewState): TopologyData {
  const api = useKumaApi();
  const queryClient = useQueryClient();
  const { refreshMs, paused } = useSettings();
  const meshes = useLiveQuery(meshListQuery(api));
  const interval = paused ? false : refreshMs;
  const {
    gateways,
    onRefresh: gatewaysOnRefresh,
    answeredAt: gatewaysAnsweredAt,
  } = useGatewayList(api, meshes, interval);
  // Derived anew each render, kept while their items are the same: the memos below depend on them.
  const meshNames = useShallowStable((meshes.data ?? []).map((entry) => entry.mesh.name));
  // The mesh resources, not their insights (which change on every refresh): what the model reads.
  const meshResources = useShallowStable((meshes.data ?? []).map((entry) => entry.mesh));
  const { collapsed, defaultCollapsed } = collapsedMeshesOf(meshes.data ?? [], state);
  // Kept while its members are: insights change on every refresh, the folded meshes seldom.
  const collapsedNames = useShallowStable([...collapsed]);
  const collapsedMeshes = useMemo(() => new Set(collapsedNames), [collapsedNames]);
  const expanded = useShallowStable(meshNames.filter((name) => !collapsedMeshes.has(name)));
  const entries = new Map((meshes.data ?? []).map((entry) => [entry.mesh.name, entry]));
  const sources = useShallowStable(
    expanded.map((mesh) => countsSourceOf(entries.get(mesh)?.mesh, api.caps)),
  );

  // The structure (dataplane list) of each expanded mesh: requested as the mesh is expanded,
  // ahead of its aggregates (it is the bigger one), then only when they say it changed.
  const structures = useQueries({
    queries: expanded.map((mesh) => meshStructureQuery(api, mesh)),
  });

  // Every refresh: aggregates and policies of each expanded mesh.
  const crossMesh = readsPoliciesAcrossMeshes(expanded.length, meshNames.length);
  const live = useQueries({
    queries: expanded.map((mesh, index) => ({
      ...liveQueryOf(api, mesh, sources[index] ?? 'service-insights', crossMesh),
      select: selectLive,
      refetchInterval: interval,
      refetchIntervalInBackground: false,
    })),
  });
  const allPolicies = useQuery({
    ...allPoliciesQuery(api),
    select: selectAllPolicies,
    enabled: crossMesh,
    refetchInterval: interval,
    refetchIntervalInBackground: false,
  });
  const liveData = useShallowStable(live.map((result) => result.data));
  const views = useMemo(
    () =>
      expanded.map((mesh, index): LiveView | undefined => {
        const own = liveData[index];
        if (!own || !crossMesh) return own;
        if (!allPolicies.data) return undefined;
        return { ...own, ...(allPolicies.data[mesh] ?? NO_POLICIES) };
      }),
    [expanded, liveData, crossMesh, allPolicies.data],
  );
  const counts = useMemo(
    () =>
      views.map((view, index) =>
        view ? countsOf(view, sources[index] ?? 'service-insights') : undefined,
      ),
    [views, sources],
  );
  // Each structure follows what the aggregates say about it (see structureStep): the signature
  // it was taken to answer is kept with it in the cache.
  const signatures = useShallowStable(
    expanded.map((_, index) => {
      const serviceCounts = counts[index];
      return serviceCounts ? structureSignature(serviceCounts) : undefined;
    }),
  );
  const structureData = useShallowStable(structures.map((result) => result.data));
  // For the refetches, as they are when an effect runs.
  const structuresNow = useRef(structures);
  structuresNow.current = structures;
  useEffect(() => {
    expanded.forEach((mesh, index) => {
      const data = structureData[index];
      const signature = signatures[index];
      const step = structureStep(data?.signature, signature, data !== undefined);
      if (step === 'refetch') void structuresNow.current[index]?.refetch();
      if (step === 'record')
        queryClient.setQueryData<MeshStructure>(
          topologyKeys.structure(api, mesh),
          (current) => (current ? { ...current, signature } : current),
          // The list is as old as it was: the backstop goes by its age.
          { updatedAt: structuresNow.current[index]?.dataUpdatedAt },
        );
    });
  }, [expanded, signatures, structureData, queryClient, api]);

  // The backstop for changes the signature cannot see (see structure-backstop.ts): checked as
  // each refresh's aggregates arrive.
  const lastBackstopAt = useRef(0);
  const liveStamps = useShallowStable(live.map((result) => result.dataUpdatedAt));
  useEffect(() => {
    if (paused || liveStamps.length === 0) return;
    const structures = structuresNow.current;
    const now = Date.now();
    const due = structureDue(
      structures.map((result) => ({
        fetchedAt: result.data ? result.dataUpdatedAt : 0,
        fetching: result.isFetching,
      })),
      now,
      lastBackstopAt.current,
      STRUCTURE_BACKSTOP_MS,
    );
    if (due === undefined) return;
    lastBackstopAt.current = now;
    void structures[due]?.refetch();
  }, [liveStamps, paused]);

  const { stats, statsTargets, rates } = useGatewayRates(
    api,
    gateways.data,
    state.rates === false ? NO_MESHES : expanded,
    interval,
  );

  // Secret names, for the missing-secret finding's badge: only meshes whose gateways name a
  // certificate secret, once a minute (Secrets are admin-only: unreadable is no judgement).
  const secretMeshes = useShallowStable(
    expanded.filter((mesh) =>
      gateways.data?.builtin.some(
        (entry) => entry.gateway.mesh === mesh && namesCertificateSecret(entry.gateway),
      ),
    ),
  );
  const secrets = useQueries({
    queries: secretMeshes.map((mesh) => ({
      ...secretNamesQuery(api, mesh),
      refetchInterval: paused ? (false as const) : SECRETS_REFRESH_MS,
      refetchIntervalInBackground: false,
    })),
  });
  const secretData = useShallowStable(secrets.map((result) => result.data));
  const secretNames = useMemo(
    () =>
      new Map(secretMeshes.map((mesh, index) => [mesh, readableSecretNames(secretData[index])])),
    [secretMeshes, secretData],
  );

  // The model is rebuilt when what it draws changed: structures, policies, mesh resources,
  // gateways and their proxies; rates, health, counts and the proxies' statuses are overlaid
  // afterwards. A mesh is drawn in full once its structure and policies are both in: expanding
  // one changes nothing drawn until then, and rebuilding at that moment only delayed its
  // requests.
  const loaded = expanded.flatMap((mesh, index) => {
    const structure = structureData[index]?.dataplanes;
    const policies = views[index]?.policies;
    return structure && policies
      ? [{ mesh, structure, policies, names: secretNames.get(mesh) }]
      : [];
  });
  const loadedMeshes = useShallowStable(loaded.map((entry) => entry.mesh));
  const loadedStructures = useShallowStable(loaded.map((entry) => entry.structure));
  const loadedPolicies = useShallowStable(loaded.map((entry) => entry.policies));
  const loadedNames = useShallowStable(loaded.map((entry) => entry.names));
  // Each refresh is drawn once (see refresh-hold.ts).
  const shared = crossMesh ? [allPolicies] : [];
  const answers = [
    answerOf('meshes', meshes),
    { id: 'gateways', answeredAt: gatewaysAnsweredAt },
    ...shared.map((result) => answerOf('policies', result)),
    ...live.map((result, index) => answerOf(`live ${expanded[index]}`, result)),
    ...stats.map((result, index) => {
      const proxy = statsTargets[index];
      return answerOf(`stats ${proxy?.mesh}/${proxy?.name}`, result);
    }),
  ];
  const structure = useShallowStable([
    meshResources,
    expanded,
    loadedMeshes,
    loadedStructures,
    loadedPolicies,
    loadedNames,
    state.edgeFronts,
  ]);
  const taken = useRef<RefreshTake>({ at: 0, structure: undefined, answered: new Set() });
  const now = Date.now();
  const holdRefresh = !paused && holdsRefresh(taken.current, answers, structure, now, refreshMs);
  if (!holdRefresh) taken.current = takeRefresh(answers, structure, now);
  const [gatewayData, meshData, settledCounts, settledRates] = useSettled(
    [gateways.data, meshes.data, counts, rates] as const,
    holdRefresh,
  );

  // What the model is built from: the same list while the settled one differs from it only in
  // its proxies' statuses, which are laid over the model instead (a proxy connecting or
  // disconnecting, every refresh on a large mesh, costs no rebuild).
  const gatewayStructure = useKept(gatewayData, sameGatewaysBesidesStatus);
  const snapshotOf = useCallback(
    (gateways: GatewayList) =>
      assembleSnapshot(
        meshResources,
        gateways,
        new Map<string, MeshDetail>(
          loadedMeshes.map((mesh, index) => {
            const structure = loadedStructures[index] ?? [];
            const policies = loadedPolicies[index] ?? NO_POLICIES.policies;
            const names = loadedNames[index];
            const detail = topologyDetail(mesh, structure, gateways.proxies, policies);
            return [mesh, names ? { ...detail, secretNames: names } : detail];
          }),
        ),
      ),
    [meshResources, loadedMeshes, loadedStructures, loadedPolicies, loadedNames],
  );
  // Whether the mesh list is in; its insights, which change on every refresh, are overlaid.
  const meshesIn = meshData !== undefined;
  // Each mesh's part of the last model: a mesh expanded, or its details arriving, builds that
  // mesh's part, not all 100 meshes' (60 ms of an "Only mesh-X" click at 50,000 dataplanes).
  const sections = useRef<MeshSections>(new Map());
  const built = useMemo(() => {
    if (!meshesIn || !gatewayStructure) return undefined;
    const snapshot = snapshotOf(gatewayStructure);
    const graph = buildTopology(snapshot, {
      sections: sections.current,
      ...(state.edgeFronts ? { edgeFronts: state.edgeFronts } : {}),
    });
    return { snapshot, graph, gateways: gatewayStructure, loaded: new Set(loadedMeshes) };
  }, [meshesIn, gatewayStructure, snapshotOf, loadedMeshes, state.edgeFronts]);
  // With the current statuses, for the findings and traces.
  const snapshot = useMemo(() => {
    if (!built || !gatewayData) return undefined;
    return gatewayData === built.gateways ? built.snapshot : snapshotOf(gatewayData);
  }, [built, gatewayData, snapshotOf]);

  // Health and counts from the aggregates, fresh on every refresh: services and sidecars of
  // expanded meshes from their services' aggregates, every mesh from its MeshInsight (collapsed
  // ones have only their gateway proxies in the model).
  const model = useMemo(() => {
    if (!built || !meshData) return undefined;
    const byMesh = new Map<string, ReadonlyMap<string, ServiceCounts>>();
    expanded.forEach((mesh, index) => {
      const serviceCounts = settledCounts[index];
      if (serviceCounts && built.loaded.has(mesh)) byMesh.set(mesh, serviceCounts);
    });
    const current = withGatewayStatus(
      built.graph,
      built.gateways.proxies,
      gatewayData?.proxies ?? built.gateways.proxies,
    );
    return withMeshInsights(
      withServiceHealth(withTraffic(current, settledRates), byMesh),
      new Map(meshData.map((entry) => [entry.mesh.name, entry.insight])),
      built.loaded,
    );
  }, [built, gatewayData, settledRates, settledCounts, meshData, expanded]);

  const view = useMemo(
    () =>
      model ? filterTopology(collapseMeshes(model, collapsedMeshes), state.filter) : undefined,
    [model, collapsedMeshes, state.filter],
  );
  const meshEntries = meshes.data;
  const prefetch = useCallback(
    (meshes: readonly string[]) => {
      const coming = meshes.filter((mesh) => !expanded.includes(mesh));
      // Across meshes or not as the hook will decide once they are expanded; a wrong guess only
      // costs the early start, never a wrong drawing.
      const acrossMeshes = readsPoliciesAcrossMeshes(
        expanded.length + coming.length,
        meshEntries?.length ?? Number.POSITIVE_INFINITY,
      );
      // Asked for by a click (or a pointer resting on it): ahead of the screen's refreshes.
      prefetchMeshDetails(queryClient, api, coming, meshEntries, acrossMeshes, 'asked');
    },
    [expanded, meshEntries, queryClient, api],
  );

  const combined = combineQueries([meshes, gateways, ...shared, ...live, ...structures]);
  // A structure (and a gateway list read as the insights say) is meant to be older than a
  // refresh: the banner's age is that of the rest.
  const fresh = combineQueries([
    meshes,
    ...(gatewaysOnRefresh ? [gateways] : []),
    ...shared,
    ...live,
  ]);
  // A mesh is drawn in full once it has its structure and its policies; a failed request ends
  // the wait (the error is shown instead).
  const settling =
    meshes.isPending ||
    gateways.isPending ||
    expanded.some(
      (_, index) =>
        (structures[index]?.data === undefined || views[index] === undefined) &&
        !structures[index]?.error &&
        !live[index]?.error &&
        !(crossMesh && allPolicies.error),
    );
  return {
    ...(snapshot ? { snapshot } : {}),
    ...(gateways.data ? { gateways: gateways.data } : {}),
    model,
    view,
    collapsedMeshes,
    defaultCollapsed,
    prefetch,
    isPending: combined.isPending,
    error: combined.error,
    status: { ...fresh.status, error: combined.error },
    settling,
  };
}
