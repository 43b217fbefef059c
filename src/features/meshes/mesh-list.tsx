import { Link } from 'react-router';
import { useKumaApi } from '../../app/api-context';
import { StaleBanner, useLiveQuery } from '../../app/live';
import { gatewayListQuery } from '../../kuma/queries/gateways';
import { meshListQuery } from '../../kuma/queries/meshes';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Pill } from '../../ui/status-badge';
import { meshRows } from './mesh-summary';
import { MeshZones } from './mesh-zones';

export function MeshList() {
  const api = useKumaApi();
  const meshes = useLiveQuery(meshListQuery(api));
  const gateways = useLiveQuery(gatewayListQuery(api));
  return (
    <>
      <div className="page-header">
        <h1>Meshes</h1>
      </div>
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
      {meshes.data && meshes.data.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="mesh-table">
            <thead>
              <tr>
                <th scope="col">Mesh</th>
                <th scope="col">mTLS</th>
                <th scope="col">Dataplanes online / offline / total</th>
                <th scope="col">Built-in gateways</th>
                <th scope="col">Delegated gateways</th>
                {api.caps.zones && <th scope="col">Zones</th>}
              </tr>
            </thead>
            <tbody>
              {meshRows(meshes.data, gateways.data).map((row) => (
                <tr key={row.name}>
                  <td>
                    <Link to={`/meshes/${encodeURIComponent(row.name)}`}>{row.name}</Link>
                  </td>
                  <td>
                    {row.mtls ? <Pill tone="success">on ({row.mtls})</Pill> : <Pill>off</Pill>}
                  </td>
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
