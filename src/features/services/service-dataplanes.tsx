/** The service page's table of the proxies that serve the service, with their inbounds' health. */
import { Link } from 'react-router';
import { dataplanePath, serviceDataplanesPath } from '../../lib/paths';
import { counted } from '../../lib/plural';
import { EmptyState } from '../../ui/states';
import { Pill, StatusBadge } from '../../ui/status-badge';
import type { ServiceModel } from './service-model';

/** Above this many proxies the table shows the first ones and links to the filtered list. */
const DATAPLANE_ROWS = 200;

export function Dataplanes({ mesh, model }: { mesh: string; model: ServiceModel }) {
  const { dataplanes } = model;
  const online = dataplanes.filter((dataplane) => dataplane.status !== 'offline').length;
  const shown = dataplanes.slice(0, DATAPLANE_ROWS);
  return (
    <section className="card" aria-labelledby="svc-dataplanes">
      <h2 id="svc-dataplanes">
        Dataplanes ({online} of {dataplanes.length} online)
      </h2>
      {dataplanes.length === 0 ? (
        <EmptyState title={`No dataplane serves ${model.identity.name}.`}>
          <p className="muted">
            No proxy in mesh {mesh} has an inbound for it
            {model.identity.meshService ? ' and its MeshService selects none' : ''}: requests sent
            here find no endpoint (503 “no healthy upstream”).
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table svc-dataplanes" data-testid="dataplane-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Inbounds</th>
                <th scope="col">Zone</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((dataplane) => (
                <tr key={dataplane.name}>
                  <td className="svc-name">
                    <Link to={dataplanePath({ mesh, name: dataplane.name })}>
                      {dataplane.displayName}
                    </Link>
                    {dataplane.kind !== 'standard' && (
                      <>
                        {' '}
                        <Pill tone="info">{dataplane.kind} gateway</Pill>
                      </>
                    )}
                  </td>
                  <td>
                    <StatusBadge status={dataplane.status} />
                  </td>
                  <td>
                    {dataplane.inbounds.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      dataplane.inbounds.map((inbound, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: inbounds are positional
                        <span key={index} className="svc-inbound">
                          :{inbound.port ?? '—'}{' '}
                          {inbound.ready ? (
                            <Pill tone="success">ready</Pill>
                          ) : (
                            <Pill tone="danger">not ready</Pill>
                          )}
                        </span>
                      ))
                    )}
                  </td>
                  <td>{dataplane.zone ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dataplanes.length > shown.length && (
        <p>
          <Link to={serviceDataplanesPath(mesh, model.identity.name)}>
            All {counted(dataplanes.length, 'dataplane')} in the dataplane list
          </Link>
        </p>
      )}
    </section>
  );
}
