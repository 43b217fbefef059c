import { useMemo } from 'react';
import { Link } from 'react-router';
import { gatewayListQuery } from '../../kuma/queries/gateways';
import { meshListQuery } from '../../kuma/queries/meshes';
import { meshPath } from '../../lib/paths';
import { counted } from '../../lib/plural';
import { useKumaApi } from '../../ui/api-context';
import { ListFilter } from '../../ui/list-filter';
import { pageOf } from '../../ui/list-paging';
import { formatSort } from '../../ui/list-sort';
import { StaleBanner, useLiveQuery } from '../../ui/live';
import { PageHeader } from '../../ui/page-header';
import { PAGE_SIZES, Pager, PastLastPage } from '../../ui/pager';
import { SortNote } from '../../ui/sort-note';
import { SortableTh } from '../../ui/sortable-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Pill } from '../../ui/status-badge';
import { useListParams } from '../../ui/use-list-params';
import { useSortedRows } from '../../ui/use-sorted-rows';
import { filterMeshRows, meshColumns } from './mesh-columns';
import { type MeshRow, meshRows } from './mesh-summary';
import { MeshZones } from './mesh-zones';

const SORTABLE = ['name', 'mtls', 'dataplanes', 'builtin', 'delegated'];

function MeshCells({ row }: { row: MeshRow }) {
  const api = useKumaApi();
  return (
    <>
      <td>
        <Link to={meshPath(row.name)}>{row.name}</Link>
      </td>
      <td>{row.mtls ? <Pill tone="success">on ({row.mtls})</Pill> : <Pill>off</Pill>}</td>
      <td>
        <span className="badge badge--online">{row.dataplanes.online}</span> /{' '}
        <span className="badge badge--offline">{row.dataplanes.offline}</span> /{' '}
        {row.dataplanes.total}
        {row.dataplanes.partiallyDegraded > 0 && (
          <span className="muted"> ({row.dataplanes.partiallyDegraded} degraded)</span>
        )}
      </td>
      <td>
        {api.caps.builtinGateways ? (
          row.builtinGateways
        ) : (
          <span className="muted">n/a on {api.caps.displayVersion}</span>
        )}
      </td>
      <td>{row.delegatedGateways}</td>
      {api.caps.zones && (
        <td>
          <MeshZones mesh={row.name} />
        </td>
      )}
    </>
  );
}

export function MeshList() {
  const api = useKumaApi();
  const meshes = useLiveQuery(meshListQuery(api));
  const gateways = useLiveQuery(gatewayListQuery(api));
  const { params, sort, update } = useListParams(SORTABLE);
  const columns = useMemo(() => meshColumns(api.caps.zones), [api.caps.zones]);
  const rows = useMemo(
    () => (meshes.data ? meshRows(meshes.data, gateways.data) : []),
    [meshes.data, gateways.data],
  );
  const matching = useMemo(() => filterMeshRows(rows, params.q), [rows, params.q]);
  // Every mesh is loaded (two requests whatever their number): sort all, then page.
  const { sorted, headers } = useSortedRows(matching, columns, sort, (next) =>
    update({ sort: formatSort(next), page: 1 }, true),
  );
  const shown = pageOf(sorted, params.page, params.size);
  return (
    <>
      <PageHeader title="Meshes" />
      <StaleBanner query={meshes} />
      {meshes.isPending && <LoadingState label="Loading meshes…" />}
      {meshes.isError && !meshes.data && (
        <ErrorState
          title="Cannot list meshes"
          error={meshes.error}
          onRetry={() => void meshes.refetch()}
        />
      )}
      {meshes.data && meshes.data.length === 0 && (
        <EmptyState title="This control plane has no meshes yet.">
          <p className="muted">
            Create one with kumactl or kubectl; it shows up here on the next refresh.
          </p>
        </EmptyState>
      )}
      {rows.length > 0 && (
        <ListFilter
          label="Filter meshes by name"
          placeholder="Filter by name…"
          value={params.q}
          onChange={(q) => update({ q })}
        />
      )}
      {rows.length > 0 && matching.length === 0 && (
        <EmptyState title="No mesh matches the filter.">
          <p className="muted">
            {counted(rows.length, 'mesh', 'meshes')} in total; change or clear the filter.
          </p>
        </EmptyState>
      )}
      <SortNote sort={sort} headers={headers} scope="all" noun="meshes" count={sorted.length}>
        the list is read whole
      </SortNote>
      {matching.length > 0 && shown.length === 0 && (
        <PastLastPage
          page={params.page}
          noun="mesh"
          onFirstPage={() => update({ page: 1 }, true)}
        />
      )}
      {shown.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="mesh-table">
            <thead>
              <tr>
                {headers.map((header) => (
                  <SortableTh key={header.id} header={header} />
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.name} data-testid="mesh-row">
                  <MeshCells row={row} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sorted.length > PAGE_SIZES[0] && (
        <Pager
          label="Mesh pages"
          page={params.page}
          size={params.size}
          total={sorted.length}
          onPage={(page) => update({ page }, true)}
          onSize={(size) => update({ size }, true)}
        />
      )}
    </>
  );
}
