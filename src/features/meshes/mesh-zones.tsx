import { meshZoneCountsQuery, zoneListQuery } from '../../kuma/queries/zones';
import { useKumaApi } from '../../ui/api-context';
import { useLiveQuery } from '../../ui/live';

export function MeshZones({ mesh }: { mesh: string }) {
  const api = useKumaApi();
  const zones = useLiveQuery(zoneListQuery(api));
  const names = (zones.data ?? []).map((zone) => zone.name);
  const counts = useLiveQuery({
    ...meshZoneCountsQuery(api, mesh, names),
    enabled: names.length > 0,
  });
  if (!counts.data) return <span className="muted">…</span>;
  const present = counts.data.filter((entry) => entry.dataplanes > 0);
  if (present.length === 0) return <span className="muted">none</span>;
  return <span>{present.map((entry) => `${entry.zone} (${entry.dataplanes})`).join(', ')}</span>;
}
