import { queryOptions } from '@tanstack/react-query';
import { pathOf } from '../client';
import { dataplaneSchema, listOf, zoneOverviewSchema } from '../schemas';
import type { KumaApi } from './api';
import { zoneKeys } from './keys';

export function zoneListQuery(api: KumaApi) {
  return queryOptions({
    queryKey: zoneKeys.list(api),
    queryFn: ({ signal }) =>
      api.client.getAll('/zones/_overview', listOf(zoneOverviewSchema), { signal }),
  });
}

/**
 * Exact per-zone counts from the API's substring tag filter: a dataplane in zone `east-2` is also
 * counted under `east`. Each dataplane runs in one zone, so the longer names that contain a zone
 * name are subtracted from it, longest first.
 */
export function exactZoneCounts(substringCounts: ReadonlyMap<string, number>): Map<string, number> {
  const exact = new Map<string, number>();
  const longestFirst = [...substringCounts.keys()].sort((a, b) => b.length - a.length);
  for (const zone of longestFirst) {
    let count = substringCounts.get(zone) ?? 0;
    for (const [other, otherCount] of exact) {
      if (other !== zone && other.includes(zone)) count -= otherCount;
    }
    exact.set(zone, Math.max(0, count));
  }
  return exact;
}

/** Per zone, how many dataplanes of `mesh` run there: one `size=1` count per zone. */
export function meshZoneCountsQuery(api: KumaApi, mesh: string, zones: readonly string[]) {
  return queryOptions({
    queryKey: zoneKeys.meshCounts(api, mesh, zones),
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        zones.map(async (zone) => {
          const page = await api.client.get(
            pathOf('meshes', mesh, 'dataplanes'),
            listOf(dataplaneSchema),
            { signal, query: { size: 1, tag: [`kuma.io/zone:${zone}`] } },
          );
          return [zone, page.total] as const;
        }),
      );
      const exact = exactZoneCounts(new Map(pages));
      return zones.map((zone) => ({ zone, dataplanes: exact.get(zone) ?? 0 }));
    },
  });
}
