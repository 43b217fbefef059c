import { queryOptions } from '@tanstack/react-query';
import { useKumaApi } from '../../app/api-context';
import { useLiveQuery } from '../../app/live';
import { pathOf } from '../../kuma/client';
import type { KumaApi } from '../../kuma/queries/api';
import { rootKey } from '../../kuma/queries/api';
import { zoneListQuery } from '../../kuma/queries/zones';
import { dataplaneSchema, listOf } from '../../kuma/responses';

/** Per zone, how many dataplanes of the mesh run there: one `size=1` count per zone. */
function meshZonesQuery(api: KumaApi, mesh: string, zones: string[]) {
  return queryOptions({
    queryKey: [...rootKey(api), 'mesh-zones', mesh, zones] as const,
    queryFn: async ({ signal }) =>
      Promise.all(
        zones.map(async (zone) => {
          const page = await api.client.get(
            pathOf('meshes', mesh, 'dataplanes'),
            listOf(dataplaneSchema),
            {
              signal,
              query: { size: 1, tag: [`kuma.io/zone:${zone}`] },
            },
          );
          return { zone, dataplanes: page.total };
        }),
      ),
  });
}

export function MeshZones({ mesh }: { mesh: string }) {
  const api = useKumaApi();
  const zones = useLiveQuery(zoneListQuery(api));
  const names = (zones.data?.items ?? []).map((zone) => zone.name);
  const counts = useLiveQuery({ ...meshZonesQuery(api, mesh, names), enabled: names.length > 0 });
  if (!counts.data) return <span className="muted">…</span>;
  const present = counts.data.filter((entry) => entry.dataplanes > 0);
  if (present.length === 0) return <span className="muted">none</span>;
  return <span>{present.map((entry) => `${entry.zone} (${entry.dataplanes})`).join(', ')}</span>;
}
