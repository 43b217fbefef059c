import { Fragment } from 'react';
import { Link } from 'react-router';
import { meshGatewaysQuery } from '../../kuma/queries/gateways';
import type { DataplaneOverview } from '../../kuma/types';
import { builtinGatewayPath, delegatedGatewayPath, meshPath, servicePath } from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import { useLiveQuery, useNow } from '../../ui/live';
import { EmptyState } from '../../ui/states';
import { Pill } from '../../ui/status-badge';
import { TagList } from '../../ui/tags';
import {
  type GatewayInfo,
  gatewayBinding,
  gatewayInfo,
  inboundRows,
  outboundRows,
} from './dataplane-networking';
import { certificateLabel, networkingOf, zoneOf } from './dataplane-rows';
import { formatCounter, formatTime } from './format';
import { subscriptionRows } from './subscriptions';

function Networking({ overview }: { overview: DataplaneOverview }) {
  const networking = networkingOf(overview);
  const zone = zoneOf(overview);
  return (
    <section className="card" aria-labelledby="dp-networking">
      <h2 id="dp-networking">Networking</h2>
      <dl className="details">
        <dt>Address</dt>
        <dd>{networking.address ?? '—'}</dd>
        {networking.advertisedAddress && (
          <>
            <dt>Advertised address</dt>
            <dd>{networking.advertisedAddress}</dd>
          </>
        )}
        <dt>Mesh</dt>
        <dd>
          <Link to={meshPath(overview.mesh)}>{overview.mesh}</Link>
        </dd>
        {zone && (
          <>
            <dt>Zone</dt>
            <dd>{zone}</dd>
          </>
        )}
        <dt>Transparent proxying</dt>
        <dd>{networking.transparentProxying ? 'on' : 'off'}</dd>
        {typeof networking.admin?.port === 'number' && (
          <>
            <dt>Envoy admin port</dt>
            <dd>{networking.admin.port}</dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{formatTime(overview.creationTime) ?? 'unknown'}</dd>
        <dt>Modified</dt>
        <dd>{formatTime(overview.modificationTime) ?? 'unknown'}</dd>
      </dl>
    </section>
  );
}

function Inbounds({ overview }: { overview: DataplaneOverview }) {
  const rows = inboundRows(networkingOf(overview));
  return (
    <section className="card" aria-labelledby="dp-inbounds">
      <h2 id="dp-inbounds">Inbounds</h2>
      {rows.length === 0 ? (
        <p className="muted">No inbound: this proxy serves no traffic of its own.</p>
      ) : (
        <div className="table-wrap">
          <table className="table dp-section-table" data-testid="inbounds">
            <thead>
              <tr>
                <th scope="col">Port</th>
                <th scope="col">Service port</th>
                <th scope="col">Service</th>
                <th scope="col">Protocol</th>
                <th scope="col">Tags</th>
                <th scope="col">Health</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <td>
                    {row.address ? `${row.address}:` : ''}
                    {row.port ?? '—'}
                  </td>
                  <td>{row.servicePort ?? '—'}</td>
                  <td>
                    {row.service ? (
                      <Link to={servicePath(overview.mesh, row.service)}>{row.service}</Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{row.protocol ?? 'tcp (default)'}</td>
                  <td>
                    <TagList tags={row.tags} />
                  </td>
                  <td>
                    {row.health === 'ready' ? (
                      <Pill tone="success">ready</Pill>
                    ) : (
                      <Pill tone="danger">not ready</Pill>
                    )}
                    {!row.healthReported && <span className="muted"> (no health check)</span>}
                  </td>
                  <td>{row.state ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Outbounds({ overview }: { overview: DataplaneOverview }) {
  const rows = outboundRows(networkingOf(overview));
  return (
    <section className="card" aria-labelledby="dp-outbounds">
      <h2 id="dp-outbounds">Outbounds</h2>
      {rows.length === 0 ? (
        <p className="muted">
          No outbound listed: with transparent proxying, Kuma may generate them without listing them
          here.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table dp-section-table" data-testid="outbounds">
            <thead>
              <tr>
                <th scope="col">Port</th>
                <th scope="col">Address</th>
                <th scope="col">Target</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <td>{row.port ?? '—'}</td>
                  <td>{row.address ?? '—'}</td>
                  <td>
                    {row.targetKind === 'service' ? (
                      <Link to={servicePath(overview.mesh, row.target)}>{row.target}</Link>
                    ) : (
                      row.target
                    )}{' '}
                    {row.targetKind === 'service' && (
                      <span className="muted">(kuma.io/service)</span>
                    )}
                    {row.targetKind === 'backendRef' && <span className="muted">(backendRef)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function BuiltinBinding({ mesh, gateway }: { mesh: string; gateway: GatewayInfo }) {
  const api = useKumaApi();
  const gateways = useLiveQuery(meshGatewaysQuery(api, mesh));
  const link = (name: string) => <Link to={builtinGatewayPath(mesh, name)}>{name}</Link>;
  if (!gateways.data) {
    return (
      <>
        <dt>MeshGateway</dt>
        <dd>
          {gateways.isError ? (
            <span role="alert">
              Cannot list the mesh&apos;s MeshGateways:{' '}
              {gateways.error instanceof Error ? gateways.error.message : String(gateways.error)}
            </span>
          ) : (
            <span className="muted" role="status">
              Finding the MeshGateway…
            </span>
          )}
        </dd>
      </>
    );
  }
  const binding = gatewayBinding(gateways.data, gateway.tags);
  return (
    <>
      <dt>MeshGateway</dt>
      <dd data-testid="bound-gateway">
        {binding.bound ? (
          link(binding.bound.name)
        ) : (
          <>
            <Pill tone="warning">none</Pill>{' '}
            <span className="muted">
              no MeshGateway selects these tags, so the proxy has no listeners
            </span>
          </>
        )}
      </dd>
      {binding.others.length > 0 && (
        <>
          <dt>Also matched by</dt>
          <dd>
            {binding.others.map((other, index) => (
              <span key={other.name}>
                {index > 0 && ', '}
                {link(other.name)}
              </span>
            ))}{' '}
            <span className="muted">(less specific selectors: Kuma binds one gateway)</span>
          </dd>
        </>
      )}
    </>
  );
}

function Gateway({ overview, gateway }: { overview: DataplaneOverview; gateway: GatewayInfo }) {
  const { caps } = useKumaApi();
  return (
    <section className="card" aria-labelledby="dp-gateway">
      <h2 id="dp-gateway">Gateway</h2>
      <dl className="details">
        <dt>Type</dt>
        <dd data-testid="gateway-type">
          {gateway.type === 'BUILTIN'
            ? 'BUILTIN (built-in gateway)'
            : 'DELEGATED (delegated gateway)'}
        </dd>
        <dt>Tags</dt>
        <dd>
          <TagList tags={gateway.tags} />
        </dd>
        {gateway.type === 'BUILTIN' && caps.builtinGateways && (
          <BuiltinBinding mesh={overview.mesh} gateway={gateway} />
        )}
        {gateway.type === 'DELEGATED' && gateway.service && (
          <>
            <dt>Delegated gateway</dt>
            <dd>
              <Link to={delegatedGatewayPath(overview.mesh, gateway.service)}>
                {gateway.service}
              </Link>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function neverConnected(overview: DataplaneOverview): boolean {
  return (overview.dataplaneInsight?.subscriptions ?? []).length === 0;
}

function Mtls({ overview }: { overview: DataplaneOverview }) {
  const now = useNow(60_000);
  const mtls = overview.dataplaneInsight?.mTLS;
  const certificate = certificateLabel(mtls?.certificateExpirationTime, now);
  return (
    <section className="card" aria-labelledby="dp-mtls">
      <h2 id="dp-mtls">mTLS</h2>
      {!mtls || certificate.state === 'none' ? (
        <p className="muted">
          {neverConnected(overview)
            ? 'No certificate: no proxy has connected yet to be issued one.'
            : 'No certificate issued: mTLS is off for this proxy.'}
        </p>
      ) : (
        <dl className="details">
          <dt>Issued backend</dt>
          <dd>{typeof mtls.issuedBackend === 'string' ? mtls.issuedBackend : 'unknown'}</dd>
          <dt>Certificate expiry</dt>
          <dd>
            {certificate.state === 'expired' ? (
              <Pill tone="danger">expired {certificate.text}</Pill>
            ) : (
              certificate.text
            )}
          </dd>
          <dt>Last regeneration</dt>
          <dd>{formatTime(mtls.lastCertificateRegeneration) ?? 'unknown'}</dd>
          <dt>Regenerations</dt>
          <dd>{formatCounter(mtls.certificateRegenerations)}</dd>
          {Array.isArray(mtls.supportedBackends) && mtls.supportedBackends.length > 0 && (
            <>
              <dt>Supported backends</dt>
              <dd>{mtls.supportedBackends.join(', ')}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

function Subscriptions({ overview }: { overview: DataplaneOverview }) {
  const rows = subscriptionRows(overview.dataplaneInsight);
  return (
    <section className="card" aria-labelledby="dp-subscriptions">
      <h2 id="dp-subscriptions">xDS subscriptions</h2>
      {rows.length === 0 ? (
        <EmptyState title="This proxy has never connected to the control plane." />
      ) : (
        <div className="table-wrap">
          <table className="table dp-section-table" data-testid="subscriptions">
            <thead>
              <tr>
                <th scope="col">Control plane instance</th>
                <th scope="col">Connected</th>
                <th scope="col">Disconnected</th>
                <th scope="col">Responses sent / acknowledged / rejected</th>
                <th scope="col">kuma-dp</th>
                <th scope="col">Envoy</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <td>
                    {row.controlPlane}{' '}
                    {row.connected ? <Pill tone="success">connected</Pill> : <Pill>closed</Pill>}
                  </td>
                  <td>{row.connectTime ?? '—'}</td>
                  <td>{row.disconnectTime ?? '—'}</td>
                  <td>
                    {row.total.sent} / {row.total.acknowledged} /{' '}
                    {row.total.rejected === '0' ? (
                      row.total.rejected
                    ) : (
                      <Pill tone="danger">{row.total.rejected}</Pill>
                    )}
                    <details className="dp-xds-details">
                      <summary>By type</summary>
                      <dl className="details">
                        {row.byType.map(({ type, counts }) => (
                          <Fragment key={type}>
                            <dt>{type.toUpperCase()}</dt>
                            <dd>
                              {counts.sent} / {counts.acknowledged} / {counts.rejected}
                            </dd>
                          </Fragment>
                        ))}
                      </dl>
                    </details>
                  </td>
                  <td>{row.kumaDp ?? 'unknown'}</td>
                  <td>{row.envoy ?? 'unknown'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function DataplaneOverviewPanel({ overview }: { overview: DataplaneOverview }) {
  const networking = networkingOf(overview);
  const gateway = gatewayInfo(networking);
  const hasInbounds = (networking.inbound ?? []).length > 0;
  return (
    <>
      <div className="dp-grid">
        <Networking overview={overview} />
        {gateway ? <Gateway overview={overview} gateway={gateway} /> : <Mtls overview={overview} />}
      </div>
      {(!gateway || hasInbounds) && <Inbounds overview={overview} />}
      <Outbounds overview={overview} />
      {gateway && <Mtls overview={overview} />}
      <Subscriptions overview={overview} />
    </>
  );
}
