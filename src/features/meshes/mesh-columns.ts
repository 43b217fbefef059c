import type { ListColumn } from '../../ui/use-sorted-rows';
import type { MeshRow } from './mesh-summary';

/** The mesh list's columns and what each sorts by (the whole list is loaded, so all of it). */
export function meshColumns(zones: boolean): ListColumn<MeshRow>[] {
  return [
    { id: 'name', label: 'Mesh', sortValue: (row) => row.name },
    // mTLS off sorts as missing, so it stays last whichever way the column is sorted.
    { id: 'mtls', label: 'mTLS', sortValue: (row) => row.mtls },
    {
      id: 'dataplanes',
      label: 'Dataplanes online / offline / total',
      sortValue: (row) => row.dataplanes.total,
      descFirst: true,
    },
    {
      id: 'builtin',
      label: 'Built-in gateways',
      sortValue: (row) => row.builtinGateways,
      descFirst: true,
    },
    {
      id: 'delegated',
      label: 'Delegated gateways',
      sortValue: (row) => row.delegatedGateways,
      descFirst: true,
    },
    ...(zones ? [{ id: 'zones', label: 'Zones' }] : []),
  ];
}

/** Meshes whose name contains every word typed (all meshes are loaded, so this is exact). */
export function filterMeshRows(rows: readonly MeshRow[], q: string): MeshRow[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => words.every((word) => row.name.toLowerCase().includes(word)));
}
