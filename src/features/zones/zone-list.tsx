import { useMemo } from 'react';
import { Link } from 'react-router';
import { useKumaApi } from '../../app/api-context';
import { StaleBanner, useLiveQuery } from '../../app/live';
import { zoneListQuery } from '../../kuma/queries/zones';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Pill, StatusBadge } from '../../ui/status-badge';
import { dataplaneListPath } from '../dataplanes/format';
import { zoneRows } from './zone-rows';
import '../dataplanes/dataplanes.css';

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
        <div className="table-wrap">
          <table className="table dp-table" data-testid="zone-table">
            <thead>
              <tr>
                <th scope="col">Zone</th>
                <th scope="col">Status</th>
                <th scope="col">Zone CP version</th>
                <th scope="col">Environment</th>
                <th scope="col">Connected since</th>
                <th scope="col">Dataplanes</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
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
                    <Link to={dataplaneListPath(`zone:${row.name}`)}>Dataplanes in {row.name}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ZoneList() {
  const { caps } = useKumaApi();
  return (
    <>
      <div className="page-header">
        <h1>Zones</h1>
      </div>
      {caps.zones ? <Zones /> : <NotGlobal />}
    </>
  );
}
