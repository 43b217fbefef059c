import { Link, useParams } from 'react-router';
import { gatewayListQuery } from '../../kuma/queries/gateways';
import { meshDetailQuery } from '../../kuma/queries/meshes';
import { meshServicesQuery } from '../../kuma/queries/services';
import type { DataplaneCounts } from '../../kuma/types';
import {
  builtinGatewayPath,
  dataplaneListPath,
  delegatedGatewayPath,
  meshListPath,
  permissionsPath,
  servicePath,
} from '../../lib/paths';
import { counted } from '../../lib/plural';
import { useKumaApi } from '../../ui/api-context';
import { StaleBanner, useLiveQuery } from '../../ui/live';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Pill, StatusBadge } from '../../ui/status-badge';

function Stat({ label, counts }: { label: string; counts: DataplaneCounts | undefined }) {
  return (
    <div className="stat">
      <div className="stat__value">
        {counts?.online ?? 0}
        <span className="muted"> / {counts?.total ?? 0}</span>
      </div>
      <div className="stat__label">{label} online</div>
      {(counts?.partiallyDegraded ?? 0) > 0 && (
        <div className="badge badge--partially_degraded">{counts?.partiallyDegraded} degraded</div>
      )}
    </div>
  );
}

export function MeshOverview() {
  const { mesh = '' } = useParams();
  const api = useKumaApi();
  const detail = useLiveQuery(meshDetailQuery(api, mesh));
  const gateways = useLiveQuery(gatewayListQuery(api));
  const services = useLiveQuery(meshServicesQuery(api, mesh));
  const builtin = gateways.data?.builtin.filter((entry) => entry.gateway.mesh === mesh) ?? [];
  const delegated = gateways.data?.delegated.filter((entry) => entry.mesh === mesh) ?? [];
  return (
    <>
      <PageHeader
        trail={[{ label: 'Meshes', to: meshListPath() }]}
        title={`Mesh ${mesh}`}
        actions={
          <>
            <Link to={dataplaneListPath({ mesh })}>Dataplanes of this mesh</Link>
            {' · '}
            <Link to={permissionsPath(mesh)}>Permissions</Link>
          </>
        }
      />
      <StaleBanner query={detail} />
      {detail.isPending && <LoadingState label="Loading the mesh…" />}
      {detail.isError && !detail.data && (
        <ErrorState
          title={`Cannot read mesh ${mesh}`}
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      )}
      {detail.data && (
        <>
          <div className="stats">
            <Stat label="Dataplanes" counts={detail.data.insight.dataplanes} />
            <Stat label="Sidecars" counts={detail.data.insight.dataplanesByType?.standard} />
            {api.caps.builtinGateways && (
              <Stat
                label="Built-in gateway proxies"
                counts={detail.data.insight.dataplanesByType?.gatewayBuiltin}
              />
            )}
            <Stat
              label="Delegated gateway proxies"
              counts={detail.data.insight.dataplanesByType?.gatewayDelegated}
            />
          </div>
          <div className="grid" style={{ marginTop: 16 }}>
            <section className="card" aria-labelledby="mesh-settings">
              <h2 id="mesh-settings">Settings</h2>
              <dl className="details">
                <dt>mTLS</dt>
                <dd>
                  {detail.data.mesh.mtls?.enabledBackend ? (
                    <Pill tone="success">on, backend {detail.data.mesh.mtls.enabledBackend}</Pill>
                  ) : (
                    <Pill>off</Pill>
                  )}
                </dd>
                <dt>MeshServices</dt>
                <dd>{detail.data.mesh.meshServices?.mode ?? 'Disabled'}</dd>
                <dt>Created</dt>
                <dd>{detail.data.mesh.creationTime ?? 'unknown'}</dd>
              </dl>
            </section>
            <section className="card" aria-labelledby="mesh-gateways">
              <h2 id="mesh-gateways">Gateways</h2>
              {builtin.length === 0 && delegated.length === 0 && (
                <p className="muted">No gateway in this mesh.</p>
              )}
              <ul>
                {builtin.map(({ gateway, instances }) => (
                  <li key={gateway.name}>
                    <Link to={builtinGatewayPath(mesh, gateway.name)}>{gateway.name}</Link>{' '}
                    <Pill tone="info">built-in</Pill>{' '}
                    {counted(gateway.conf?.listeners?.length ?? 0, 'listener')},{' '}
                    {counted(instances.length, 'instance')}
                  </li>
                ))}
                {delegated.map((entry) => (
                  <li key={entry.service}>
                    <Link to={delegatedGatewayPath(mesh, entry.service)}>{entry.service}</Link>{' '}
                    <Pill>delegated</Pill> {counted(entry.dataplanes.length, 'proxy', 'proxies')}
                  </li>
                ))}
              </ul>
            </section>
          </div>
          <section className="card" aria-labelledby="mesh-services">
            <h2 id="mesh-services">Services</h2>
            {services.data &&
              services.data.insights.length === 0 &&
              services.data.meshServices.length === 0 && (
                <EmptyState title="No service information">
                  <p className="muted">
                    {api.caps.serviceInsights
                      ? 'No dataplane serves a kuma.io/service in this mesh yet (Exclusive meshes on 2.14 list MeshServices instead).'
                      : 'This control plane does not compute ServiceInsights.'}
                  </p>
                </EmptyState>
              )}
            {services.data && services.data.insights.length > 0 && (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Service</th>
                      <th scope="col">Type</th>
                      <th scope="col">Status</th>
                      <th scope="col">Proxies online / total</th>
                    </tr>
                  </thead>
                  <tbody>
                    {services.data.insights.map((insight) => (
                      <tr key={insight.name}>
                        <td>
                          <Link to={servicePath(mesh, insight.name)}>{insight.name}</Link>
                        </td>
                        <td>{insight.serviceType ?? 'internal'}</td>
                        <td>
                          <StatusBadge
                            status={
                              insight.status === 'not_available'
                                ? 'offline'
                                : (insight.status ?? 'unknown')
                            }
                          />
                        </td>
                        <td>
                          {insight.dataplanes?.online ?? 0} / {insight.dataplanes?.total ?? 0}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {services.data && services.data.meshServices.length > 0 && (
              <>
                <h3>MeshServices</h3>
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">MeshService</th>
                        <th scope="col">Ports</th>
                        <th scope="col">State</th>
                        <th scope="col">Proxies healthy / total</th>
                      </tr>
                    </thead>
                    <tbody>
                      {services.data.meshServices.map((service) => (
                        <tr key={service.name}>
                          <td>
                            <Link to={servicePath(mesh, service.name)}>{service.name}</Link>
                          </td>
                          <td>
                            {(service.spec.ports ?? [])
                              .map(
                                (port) =>
                                  `${port.port}${port.appProtocol ? `/${port.appProtocol}` : ''}`,
                              )
                              .join(', ')}
                          </td>
                          <td>{service.spec.state ?? 'unknown'}</td>
                          <td>
                            {service.status?.dataplaneProxies?.healthy ?? 0} /{' '}
                            {service.status?.dataplaneProxies?.total ?? 0}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
