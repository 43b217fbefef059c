import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useKumaApi } from '../../app/api-context';
import { StaleBanner, useLiveQuery } from '../../app/live';
import { dataplaneListQuery } from '../../kuma/queries/dataplanes';
import { meshListQuery } from '../../kuma/queries/meshes';
import { parseDataplaneSearch } from '../../kuma/search';
import { applyListParams, type ListParamChanges, readListParams } from '../../ui/list-params';
import { Pager } from '../../ui/pager';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { dataplaneRow, filterByStatus, STATUS_LABELS } from './dataplane-rows';
import { DataplaneSearchBox } from './dataplane-search';
import { DataplaneTable } from './dataplane-table';
import './dataplanes.css';

function useListParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = readListParams(searchParams);
  const update = useCallback(
    (changes: ListParamChanges, push = false) =>
      setSearchParams((current) => applyListParams(current, changes), { replace: !push }),
    [setSearchParams],
  );
  return { params, update };
}

export function DataplaneList() {
  const api = useKumaApi();
  const { params, update } = useListParams();
  const search = useMemo(() => parseDataplaneSearch(params.q), [params.q]);
  const list = useLiveQuery(
    dataplaneListQuery(api, params.mesh || undefined, search, {
      page: params.page,
      size: params.size,
    }),
  );
  const meshes = useLiveQuery(meshListQuery(api));
  const onSearch = useCallback((q: string) => update({ q }), [update]);

  const loaded = useMemo(() => (list.data?.items ?? []).map(dataplaneRow), [list.data]);
  const rows = useMemo(() => filterByStatus(loaded, search.status), [loaded, search.status]);
  const meshNames = useMemo(() => {
    const names = (meshes.data ?? []).map((entry) => entry.mesh.name);
    return params.mesh && !names.includes(params.mesh) ? [params.mesh, ...names] : names;
  }, [meshes.data, params.mesh]);
  const showZone = api.caps.mode !== 'standalone' || loaded.some((row) => row.zone);
  const filtered = params.q.trim() !== '' || params.mesh !== '';
  const total = list.data?.total ?? 0;

  return (
    <>
      <div className="page-header">
        <h1>Dataplanes</h1>
      </div>
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
          the {loaded.length} proxies of this page: {rows.length} {STATUS_LABELS[search.status]}.
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
      {list.data && total > 0 && loaded.length === 0 && (
        <EmptyState title={`Page ${params.page} is past the last dataplane.`}>
          <button type="button" className="button" onClick={() => update({ page: 1 }, true)}>
            Go to page 1
          </button>
        </EmptyState>
      )}
      {list.data && loaded.length > 0 && rows.length === 0 && search.status && (
        <EmptyState title={`No ${STATUS_LABELS[search.status]} proxy on this page.`} />
      )}
      {list.data && rows.length > 0 && (
        <div
          className={list.isPlaceholderData ? 'dp-busy' : undefined}
          aria-busy={list.isPlaceholderData}
        >
          <DataplaneTable rows={rows} showZone={showZone} />
        </div>
      )}
      {list.data && total > 0 && (
        <Pager
          page={params.page}
          size={params.size}
          total={total}
          onPage={(page) => update({ page }, true)}
          onSize={(size) => update({ size }, true)}
        />
      )}
    </>
  );
}
