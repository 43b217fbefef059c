import type { ListColumn } from '../../ui/use-sorted-rows';
import type { ZoneRow } from './zone-rows';

/** The zone list's columns and what each sorts by; every zone is loaded, so all of them. */
export const ZONE_COLUMNS: ListColumn<ZoneRow>[] = [
  { id: 'name', label: 'Zone', sortValue: (row) => row.name },
  {
    id: 'status',
    label: 'Status',
    // Offline (and disabled) first when descending: the zones that need a look.
    sortValue: (row) => (row.status === 'offline' ? 2 : 0) + (row.enabled ? 0 : 1),
    descFirst: true,
  },
  { id: 'version', label: 'Zone CP version', sortValue: (row) => row.version },
  { id: 'environment', label: 'Environment', sortValue: (row) => row.environment },
  // The formatted time (`2026-11-01 10:00:00 UTC`) sorts as the time does.
  { id: 'connected', label: 'Connected since', sortValue: (row) => row.connectedSince },
  { id: 'dataplanes', label: 'Dataplanes' },
];

export const ZONE_SORTABLE = ZONE_COLUMNS.filter((column) => column.sortValue).map(
  (column) => column.id,
);

/** Zones whose name contains every word typed. */
export function filterZoneRows(rows: readonly ZoneRow[], q: string): ZoneRow[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => words.every((word) => row.name.toLowerCase().includes(word)));
}
