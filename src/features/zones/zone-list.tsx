import { useMemo } from 'react';
import { Link } from 'react-router';
import { zoneListQuery } from '../../kuma/queries/zones';
import { dataplaneListPath } from '../../lib/paths';
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
import { Pill, StatusBadge } from '../../ui/status-badge';
import { useListParams } from '../../ui/use-list-params';
import { useSortedRows } from '../../ui/use-sorted-rows';
import { filterZoneRows, ZONE_COLUMNS, ZONE_SORTABLE } from './zone-columns';
import { zoneRows } from './zone-rows';
import '../../ui/lists.css';
import { counted } from '../../lib/plural';

function NotGlobal() {
  const { caps } = useKumaApi();
  return (
    <div className="banner banner--info" data-testid="zones-not-global">
      <p>
        Zones only exist on a global control plane. This control plane runs in{' '}
        <strong>{caps.mode}</strong> mode
        {caps.federatedZone && caps.zoneName ? (
          <>
            {' '}
            as zone <strong>{caps.zoneName}</strong>, federated with a global control plane: open
            the dashboard against the global one to see every zone.
          </>
        ) : (
          '.'
        )}
      </p>
    </div>
  );
}

function Zones() {
  const api = useKumaApi();
  const zones = useLiveQuery(zoneListQuery(api));
  const rows = useMemo(() => zoneRows(zones.data ?? []), [zones.data]);
  const { params, sort, update } = useListParams(ZONE_SORTABLE);
  const matching = useMemo(() => filterZoneRows(rows, params.q), [rows, params.q]);
  const { sorted, headers } = useSortedRows(matching, ZONE_COLUMNS, sort, (next) =>
    update({ sort: formatSort(next), page: 1 }, true),
  );
  const shown = pageOf(sorted, params.page, params.size);
  return (
    <>
      <StaleBanner query={zones} />
      {zones.isPending && <LoadingState label="Loading zones…" />}
      {zones.isError && !zones.data && (
        <ErrorState
          title="Cannot list zones"
          error={zones.error}
          onRetry={() => void zones.refetch()}
        />
      )}
      {zones.data && rows.length === 0 && (
        <EmptyState title="No zone has joined this global control plane yet.">
          <p className="muted">
            A zone appears once its zone control plane connects with `multizone.zone.globalAddress`.
          </p>
        </EmptyState>
      )}
      {rows.length > 0 && (
        <ListFilter
          label="Filter zones by name"
          placeholder="Filter by name…"
          value={params.q}
          onChange={(q) => update({ q })}
        />
      )}
      {rows.length > 0 && matching.length === 0 && (
        <EmptyState title="No zone matches the filter.">
          <p className="muted">
            {counted(rows.length, 'zone')} in total; change or clear the filter.
          </p>
        </EmptyState>
      )}
      <SortNote sort={sort} headers={headers} scope="all" noun="zones" count={sorted.length}>
        the list is read whole
      </SortNote>
      {matching.length > 0 && shown.length === 0 && (
        <PastLastPage
          page={params.page}
          noun="zone"
          onFirstPage={() => update({ page: 1 }, true)}
        />
      )}
      {shown.length > 0 && (
        <div className="table-wrap">
          <table className="table table--fixed" data-testid="zone-table">
            <thead>
              <tr>
                {headers.map((header) => (
                  <SortableTh key={header.id} header={header} />
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.name} data-testid="zone-row">
                  <td>{row.name}</td>
                  <td>
                    <StatusBadge status={row.status} />
                    {!row.enabled && (
                      <>
                        {' '}
                        <Pill tone="warning">disabled</Pill>
                      </>
                    )}
                  </td>
                  <td>{row.version ?? <span className="muted">unknown</span>}</td>
                  <td>{row.environment ?? <span className="muted">unknown</span>}</td>
                  <td>
                    {row.connectedSince ??
                      (row.neverConnected ? (
                        <span className="muted">never connected</span>
                      ) : (
                        <span className="muted">
                          offline{row.disconnectedAt ? ` since ${row.disconnectedAt}` : ''}
                        </span>
                      ))}
                  </td>
                  <td>
                    <Link to={dataplaneListPath({ q: `zone:${row.name}` })}>
                      Dataplanes in {row.name}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sorted.length > PAGE_SIZES[0] && (
        <Pager
          label="Zone pages"
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

export function ZoneList() {
  const { caps } = useKumaApi();
  return (
    <>
      <PageHeader title="Zones" />
      {caps.zones ? <Zones /> : <NotGlobal />}
    </>
  );
}
