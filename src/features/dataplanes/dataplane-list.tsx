import { useCallback, useEffect, useMemo, useState } from 'react';
import { dataplaneListQuery } from '../../kuma/queries/dataplanes';
import { meshListQuery } from '../../kuma/queries/meshes';
import { parseDataplaneSearch } from '../../kuma/search';
import { useKumaApi } from '../../ui/api-context';
import { pageOf } from '../../ui/list-paging';
import { formatSort } from '../../ui/list-sort';
import { StaleBanner, useLiveQuery } from '../../ui/live';
import { PageHeader } from '../../ui/page-header';
import { Pager, PastLastPage } from '../../ui/pager';
import { SortNote } from '../../ui/sort-note';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useListParams } from '../../ui/use-list-params';
import { useSortedRows } from '../../ui/use-sorted-rows';
import { dataplaneRow, filterByStatus, STATUS_LABELS } from './dataplane-rows';
import { DataplaneSearchBox } from './dataplane-search';
import { DATAPLANE_SORTABLE, DataplaneTable, dataplaneColumns } from './dataplane-table';
import { holdsAll, SORT_WHOLE_AT_MOST, serverPage, sortScope } from './list-scope';
import './dataplanes.css';
import { counted } from '../../lib/plural';

export function DataplaneList() {
  const api = useKumaApi();
  const { params, sort, update } = useListParams(DATAPLANE_SORTABLE);
  const search = useMemo(() => parseDataplaneSearch(params.q), [params.q]);
  // The last total the control plane reported for this mesh and search (another search's total
  // says nothing about this one) decides whether a sort can read the list whole.
  const filterKey = `${params.mesh}\u0000${params.q}`;
  const [known, setKnown] = useState<{ key: string; total: number }>();
  const knownTotal = known?.key === filterKey ? known.total : undefined;
  const scope = sortScope(sort !== undefined, knownTotal);
  const list = useLiveQuery(
    dataplaneListQuery(
      api,
      params.mesh || undefined,
      search,
      serverPage(scope, { page: params.page, size: params.size }),
    ),
  );
  useEffect(() => {
    const data = list.data;
    if (!data || list.isPlaceholderData) return;
    setKnown((previous) =>
      previous?.key === filterKey && previous.total === data.total
        ? previous
        : { key: filterKey, total: data.total },
    );
  }, [list.data, list.isPlaceholderData, filterKey]);
  const meshes = useLiveQuery(meshListQuery(api));
  const onSearch = useCallback((q: string) => update({ q }), [update]);

  const loaded = useMemo(() => (list.data?.items ?? []).map(dataplaneRow), [list.data]);
  const narrowed = useMemo(() => filterByStatus(loaded, search.status), [loaded, search.status]);
  const showZone = api.caps.mode !== 'standalone' || loaded.some((row) => row.zone);
  const columns = useMemo(() => dataplaneColumns(showZone), [showZone]);
  // A sort that can cover every match goes back to page 1; one within a page stays on it.
  const { sorted, headers } = useSortedRows(narrowed, columns, sort, (next) =>
    update(
      {
        sort: formatSort(next),
        ...(sortScope(true, knownTotal) === 'whole' ? { page: 1 } : {}),
      },
      true,
    ),
  );
  // What was loaded is every match (a small list, or read whole to sort): page it here.
  const whole = list.data !== undefined && scope === 'whole' && holdsAll(list.data);
  const rows = whole ? pageOf(sorted, params.page, params.size) : sorted;
  const meshNames = useMemo(() => {
    const names = (meshes.data ?? []).map((entry) => entry.mesh.name);
    return params.mesh && !names.includes(params.mesh) ? [params.mesh, ...names] : names;
  }, [meshes.data, params.mesh]);
  const filtered = params.q.trim() !== '' || params.mesh !== '';
  const total = list.data?.total ?? 0;
  const pagerTotal = whole ? sorted.length : total;

  return (
    <>
      <PageHeader title="Dataplanes" />
      <div className="dp-toolbar">
        <DataplaneSearchBox value={params.q} onSearch={onSearch} />
        <label>
          Mesh{' '}
          <select
            value={params.mesh}
            onChange={(event) => update({ mesh: event.target.value }, true)}
            data-testid="mesh-select"
          >
            <option value="">All meshes</option>
            {meshNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {search.ignored.length > 0 && (
        <p className="banner banner--info" data-testid="search-ignored">
          Not understood, so left out of the search:{' '}
          {[...new Set(search.ignored)].map((term, index) => (
            <span key={term}>
              {index > 0 && ', '}
              <code>{term}</code>
            </span>
          ))}
          .
        </p>
      )}
      {search.status && list.data && (
        <p className="banner banner--info" data-testid="status-note">
          Kuma's API cannot filter on status, so <code>status:{search.status}</code> only narrows
          the {counted(loaded.length, 'proxy', 'proxies')}{' '}
          {whole ? 'loaded (every match of the rest)' : 'of this page'}: {narrowed.length}{' '}
          {STATUS_LABELS[search.status]}.
        </p>
      )}
      <StaleBanner query={list} />
      {list.isPending && <LoadingState label="Loading dataplanes…" />}
      {list.isError && !list.data && (
        <ErrorState
          title="Cannot list dataplanes"
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      {list.data && total === 0 && !filtered && (
        <EmptyState title="No dataplanes yet.">
          <p className="muted">
            Proxies appear here once kuma-dp starts next to a workload or gateway.
          </p>
        </EmptyState>
      )}
      {list.data && total === 0 && filtered && (
        <EmptyState title="No dataplane matches this search.">
          <p className="muted">Try fewer terms, or another mesh.</p>
        </EmptyState>
      )}
      {list.data && (
        <SortNote
          sort={sort}
          headers={headers}
          scope={whole ? 'all' : 'page'}
          noun="dataplanes"
          count={sorted.length}
        >
          {whole ? (
            <>searches with up to {SORT_WHOLE_AT_MOST} matches are read whole to sort them</>
          ) : (
            <>
              Kuma's API returns dataplanes by mesh and name and sorts on nothing else; a search
              with up to {SORT_WHOLE_AT_MOST} matches is sorted across every page
            </>
          )}
        </SortNote>
      )}
      {list.data && total > 0 && !whole && loaded.length === 0 && (
        <PastLastPage
          page={params.page}
          noun="dataplane"
          onFirstPage={() => update({ page: 1 }, true)}
        />
      )}
      {whole && sorted.length > 0 && rows.length === 0 && (
        <PastLastPage
          page={params.page}
          noun="dataplane"
          onFirstPage={() => update({ page: 1 }, true)}
        />
      )}
      {list.data && loaded.length > 0 && narrowed.length === 0 && search.status && (
        <EmptyState title={`No ${STATUS_LABELS[search.status]} proxy on this page.`} />
      )}
      {list.data && rows.length > 0 && (
        <div
          className={list.isPlaceholderData ? 'dp-busy' : undefined}
          aria-busy={list.isPlaceholderData}
        >
          <DataplaneTable rows={rows} showZone={showZone} headers={headers} />
        </div>
      )}
      {list.data && pagerTotal > 0 && (
        <Pager
          page={params.page}
          size={params.size}
          total={pagerTotal}
          onPage={(page) => update({ page }, true)}
          onSize={(size) => update({ size }, true)}
        />
      )}
    </>
  );
}
