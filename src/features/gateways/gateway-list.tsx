import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { gatewayListQuery } from '../../kuma/queries/gateways';
import { meshListQuery } from '../../kuma/queries/meshes';
import { useKumaApi } from '../../ui/api-context';
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
import { CreateGatewayLink, DraftList } from '../gateway-forms';
import { GATEWAY_SORTABLE, gatewayColumns } from './gateway-columns';
import { HealthSummary } from './gateway-parts';
import {
  filterGatewayRows,
  type GatewayRow,
  gatewayRows,
  KIND_LABELS,
  meshChoices,
  parseKind,
} from './gateway-summary';

function ListenerCell({ row }: { row: GatewayRow }) {
  if (row.kind === 'delegated') {
    return <span className="muted">in the proxy (not managed by Kuma)</span>;
  }
  return (
    <>
      {row.listeners.length} listener{row.listeners.length === 1 ? '' : 's'}
      {row.listeners.length > 0 && (
        <ul className="gw-listener-summary">
          {row.listeners.map((listener, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: listeners are positional
            <li key={index}>
              {listener.text}
              {listener.crossMesh && (
                <>
                  {' '}
                  <Pill tone="info">cross-mesh</Pill>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function GatewayList() {
  const api = useKumaApi();
  const gateways = useLiveQuery(gatewayListQuery(api));
  const meshes = useLiveQuery(meshListQuery(api));
  const { params, sort, update } = useListParams(GATEWAY_SORTABLE);
  const { mesh, q } = params;
  const setMesh = (value: string) => update({ mesh: value }, true);
  const setQ = (value: string, push = false) => update({ q: value }, push);
  const [searchParams, setSearchParams] = useSearchParams();
  const kindParam = searchParams.get('kind') ?? '';
  // `kind` is this screen's own filter: like the shared ones it sends the list back to page 1.
  const setKind = useCallback(
    (value: string) =>
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        if (value) next.set('kind', value);
        else next.delete('kind');
        next.delete('page');
        return next;
      }),
    [setSearchParams],
  );
  const builtinSupported = api.caps.builtinGateways;
  const kind = builtinSupported ? parseKind(kindParam) : undefined;

  const rows = useMemo(() => (gateways.data ? gatewayRows(gateways.data) : []), [gateways.data]);
  const visible = useMemo(
    () => filterGatewayRows(rows, { mesh: mesh || undefined, kind, q }),
    [rows, mesh, kind, q],
  );
  const choices = meshChoices(
    (meshes.data ?? []).map((entry) => entry.mesh.name),
    rows,
    mesh || undefined,
  );
  const showZones = rows.some((row) => row.zones.length > 0);
  const filtered = Boolean(mesh || kind || q);
  const columns = useMemo(() => gatewayColumns(showZones), [showZones]);
  const { sorted, headers } = useSortedRows(visible, columns, sort, (next) =>
    update({ sort: formatSort(next), page: 1 }, true),
  );
  const shown = pageOf(sorted, params.page, params.size);

  return (
    <>
      <PageHeader title="Gateways" actions={<CreateGatewayLink mesh={mesh || undefined} />} />
      <DraftList mesh={mesh || undefined} />
      {!builtinSupported && (
        <div className="banner banner--info" role="note" data-testid="no-builtin-note">
          {api.caps.product} {api.caps.displayVersion} has no built-in gateways (MeshGateway was
          removed in Kuma 3.0): only delegated gateways are listed.
        </div>
      )}
      <StaleBanner query={gateways} />
      <form
        className="gw-filters"
        aria-label="Filter gateways"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Mesh
          <select value={mesh} onChange={(event) => setMesh(event.target.value)}>
            <option value="">All meshes</option>
            {choices.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {builtinSupported && (
          <label>
            Kind
            <select value={kind ?? ''} onChange={(event) => setKind(event.target.value)}>
              <option value="">Both kinds</option>
              <option value="builtin">Built-in</option>
              <option value="delegated">Delegated</option>
            </select>
          </label>
        )}
        <input
          type="search"
          value={q}
          placeholder="Filter by name, hostname, zone…"
          aria-label="Filter gateways by text"
          onChange={(event) => setQ(event.target.value)}
        />
        {filtered && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setSearchParams((current) => {
                const next = new URLSearchParams(current);
                for (const key of ['mesh', 'kind', 'q', 'page']) next.delete(key);
                return next;
              });
            }}
          >
            Clear filters
          </button>
        )}
      </form>
      {gateways.isPending && <LoadingState label="Loading gateways…" />}
      {gateways.isError && !gateways.data && (
        <ErrorState
          title="Cannot list gateways"
          error={gateways.error}
          onRetry={() => void gateways.refetch()}
        />
      )}
      {gateways.data && rows.length === 0 && (
        <EmptyState title="No gateway yet.">
          <p className="muted">
            {builtinSupported
              ? 'A built-in gateway is a MeshGateway with BUILTIN gateway Dataplanes; a delegated gateway is a proxy such as Kong beside a Dataplane with networking.gateway. Both show up here on the next refresh.'
              : 'A delegated gateway is a proxy such as Kong beside a Dataplane with networking.gateway (on Kubernetes, the kuma.io/gateway: enabled annotation). It shows up here on the next refresh.'}
          </p>
        </EmptyState>
      )}
      {gateways.data && rows.length > 0 && visible.length === 0 && (
        <EmptyState title="No gateway matches the filters.">
          <p className="muted">
            {rows.length} gateway{rows.length === 1 ? '' : 's'} in total; change or clear the
            filters.
          </p>
        </EmptyState>
      )}
      <SortNote sort={sort} headers={headers} scope="all" noun="gateways" count={sorted.length}>
        every MeshGateway and gateway proxy is read
      </SortNote>
      {visible.length > 0 && shown.length === 0 && (
        <PastLastPage
          page={params.page}
          noun="gateway"
          onFirstPage={() => update({ page: 1 }, true)}
        />
      )}
      {shown.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="gateway-table">
            <thead>
              <tr>
                {headers.map((header) => (
                  <SortableTh key={header.id} header={header} />
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.key} data-testid="gateway-row">
                  <td className="gw-name">
                    <Link to={row.href} title={row.displayName === row.name ? undefined : row.name}>
                      {row.displayName}
                    </Link>
                  </td>
                  <td className="gw-name">{row.mesh}</td>
                  <td>
                    <Pill tone={row.kind === 'builtin' ? 'info' : 'neutral'}>
                      {KIND_LABELS[row.kind]}
                    </Pill>
                  </td>
                  <td>
                    <ListenerCell row={row} />
                  </td>
                  <td>
                    <HealthSummary health={row.health} />
                  </td>
                  {showZones && (
                    <td>
                      {row.zones.length > 0 ? (
                        row.zones.join(', ')
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sorted.length > PAGE_SIZES[0] && (
        <Pager
          label="Gateway pages"
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
