import type { QueryClient } from '@tanstack/react-query';
import type { KumaApi } from '../../kuma/queries/api';
import { gatewayListQuery } from '../../kuma/queries/gateways';
import { type MeshEntry, meshListQuery } from '../../kuma/queries/meshes';
import { allPoliciesQuery, meshLiveQuery, meshStructureQuery } from '../../kuma/queries/topology';
import type { RequestPriority } from '../../kuma/request-limiter';
import { type CountsSource, countsSourceOf } from '../../topology/service-health';

/** Above this many dataplanes, meshes start collapsed: summaries first, details on demand. */
export const COLLAPSE_ABOVE_DATAPLANES = 300;
/**
 * Above this many expanded meshes, policies are read across meshes: 4 requests per refresh
 * instead of 4 per mesh (500 at "expand all" of 100 meshes, queued behind each other). Below it,
 * per mesh: the other meshes' policies would be bytes for nothing.
 */
export const CROSS_MESH_POLICIES_ABOVE = 3;

/**
 * Whether the expanded meshes' policies are read across meshes: past the threshold, or when
 * every one of several meshes is drawn, where the lists across meshes hold nothing unused and
 * take 4 requests instead of 4 per mesh (8 of a 2-mesh page's 12 first reads).
 */
export function readsPoliciesAcrossMeshes(expanded: number, meshes: number): boolean {
  return expanded > CROSS_MESH_POLICIES_ABOVE || (expanded > 1 && expanded >= meshes);
}

/** The user's departures from the default: meshes drawn in full, and meshes folded. */
export interface MeshChoices {
  expand: readonly string[];
  collapse: readonly string[];
}

/**
 * Which meshes are folded into a summary: by default all of them once the meshes hold more than
 * `COLLAPSE_ABOVE_DATAPLANES` dataplanes, none below; the user's choices win.
 */
export function collapsedMeshesOf(
  entries: readonly MeshEntry[],
  choices: MeshChoices,
): { collapsed: Set<string>; defaultCollapsed: boolean } {
  const total = entries.reduce((sum, entry) => sum + (entry.insight?.dataplanes?.total ?? 0), 0);
  const defaultCollapsed = total > COLLAPSE_ABOVE_DATAPLANES;
  const collapsed = new Set(
    entries
      .map((entry) => entry.mesh.name)
      .filter((name) =>
        choices.collapse.includes(name)
          ? true
          : choices.expand.includes(name)
            ? false
            : defaultCollapsed,
      ),
  );
  return { collapsed, defaultCollapsed };
}

/** An expanded mesh's per-refresh query: its aggregates, and its policies unless read across meshes. */
export function liveQueryOf(
  api: KumaApi,
  mesh: string,
  source: CountsSource,
  acrossMeshes: boolean,
  priority?: RequestPriority,
) {
  return meshLiveQuery(
    api,
    mesh,
    { insights: source === 'service-insights', policies: !acrossMeshes },
    priority,
  );
}

/**
 * Starts the requests of meshes about to be drawn in full (structure and aggregates, and the
 * cross-mesh policies when they are read that way), under the keys the screen reads them with;
 * `asked` when a user just asked for them (see `RequestPriority`). Only these first requests
 * carry it: the screen's refreshes are its own.
 */
export function prefetchMeshDetails(
  queryClient: QueryClient,
  api: KumaApi,
  meshes: readonly string[],
  entries: readonly MeshEntry[] | undefined,
  acrossMeshes: boolean,
  priority?: RequestPriority,
): void {
  const resources = new Map(entries?.map((entry) => [entry.mesh.name, entry.mesh]));
  for (const mesh of meshes) {
    const resource = resources.get(mesh);
    void queryClient.prefetchQuery(meshStructureQuery(api, mesh, priority));
    void queryClient.prefetchQuery(
      liveQueryOf(api, mesh, countsSourceOf(resource, api.caps), acrossMeshes, priority),
    );
  }
  // Once: from then on the screen keeps it fresh.
  const policies = allPoliciesQuery(api, priority);
  if (acrossMeshes && meshes.length > 0 && !queryClient.getQueryData(policies.queryKey))
    void queryClient.prefetchQuery(policies);
}

/**
 * What the topology screen asks for first, asked for as soon as the capabilities are known:
 * the mesh list and every gateway, then, as the mesh list arrives, the meshes drawn in full. The
 * screen's own queries find them in flight or done, where they would otherwise start only after
 * its first render (0.2-0.3 s after the capabilities on a busy 2-core machine). Resolves with the
 * meshes drawn in full.
 */
export async function prefetchTopology(
  queryClient: QueryClient,
  api: KumaApi,
  choices: MeshChoices,
): Promise<{ expanded: readonly string[] }> {
  void queryClient.prefetchQuery(gatewayListQuery(api));
  const entries = await queryClient.fetchQuery(meshListQuery(api));
  const { collapsed } = collapsedMeshesOf(entries, choices);
  const expanded = entries.map((entry) => entry.mesh.name).filter((name) => !collapsed.has(name));
  prefetchMeshDetails(
    queryClient,
    api,
    expanded,
    entries,
    readsPoliciesAcrossMeshes(expanded.length, entries.length),
  );
  return { expanded };
}
