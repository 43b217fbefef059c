import { useMemo } from 'react';
import { Link } from 'react-router';
import { useKumaApi } from '../../app/api-context';
import { StaleBanner, useLiveQuery } from '../../app/live';
import { gatewayListQuery } from '../../kuma/queries/gateways';
import { meshListQuery } from '../../kuma/queries/meshes';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Pill } from '../../ui/status-badge';
import { useUrlState } from '../../ui/url-state';
import { CreateGatewayLink } from '../gateway-forms/entry-points';
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
  const [mesh, setMesh] = useUrlState('mesh', '');
  const [kindParam, setKind] = useUrlState('kind', '');
  const [q, setQ] = useUrlState('q', '');
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

  return (
    <>
      <div className="page-header">
        <h1>Gateways</h1>
        <CreateGatewayLink mesh={mesh || undefined} />
      </div>
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
          <select value={mesh} onChange={(event) => setMesh(event.target.value, true)}>
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
            <select value={kind ?? ''} onChange={(event) => setKind(event.target.value, true)}>
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
              setMesh('', true);
              setKind('', true);
              setQ('', true);
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
      {visible.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="gateway-table">
            <thead>
              <tr>
                <th scope="col">Gateway</th>
                <th scope="col">Mesh</th>
                <th scope="col">Kind</th>
                <th scope="col">Listeners</th>
                <th scope="col">Instances</th>
                {showZones && <th scope="col">Zones</th>}
              </tr>
            </thead>
            <tbody>
              {visible.map((row) => (
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
    </>
  );
}
