import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { displayNameOf } from '../../kuma/display-name';
import { delegatedGatewayQuery } from '../../kuma/queries/gateways';
import { dataplaneResourceQuery } from '../../kuma/queries/resources';
import type { DataplaneOverview } from '../../kuma/types';
import {
  builtinGatewayPath,
  gatewayListPath,
  meshListPath,
  meshPath,
  servicePath,
} from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import { StaleBanner, useLiveQuery } from '../../ui/live';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Pill } from '../../ui/status-badge';
import { Tabs } from '../../ui/tabs';
import { useUrlState } from '../../ui/url-state';
import { DelegatedGatewayActions } from '../gateway-forms';
import { delegatedOutbounds } from './delegated-summary';
import { HealthSummary, InstancesTable, YamlBlock } from './gateway-parts';
import { instanceHealth, zonesOf } from './gateway-summary';

function OutboundsTable({
  mesh,
  dataplanes,
}: {
  mesh: string;
  dataplanes: readonly DataplaneOverview[];
}) {
  const outbounds = useMemo(() => delegatedOutbounds(dataplanes), [dataplanes]);
  if (outbounds.length === 0) {
    return (
      <EmptyState title="No outbound declared.">
        <p className="muted">
          With transparent proxying the proxy reaches services through their .mesh names, which Kuma
          does not list per gateway; otherwise add outbounds to the Dataplanes.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="outbound-table">
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Reached through</th>
            <th scope="col">Local address (what the proxy calls)</th>
            <th scope="col">Declared by</th>
          </tr>
        </thead>
        <tbody>
          {outbounds.map((target) => (
            <tr key={target.key}>
              <td className="gw-name">
                {target.via === 'no tags' ? (
                  target.service
                ) : (
                  <Link to={servicePath(mesh, target.service)}>{target.service}</Link>
                )}
              </td>
              <td className="gw-name">{target.via}</td>
              <td>
                {target.listeners.map((listener) => (
                  <div key={listener}>
                    <code>{listener}</code>
                  </div>
                ))}
              </td>
              <td className="gw-name">
                {target.dataplanes.length === dataplanes.length
                  ? 'every instance'
                  : target.dataplanes.join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DataplaneYaml({
  mesh,
  dataplanes,
}: {
  mesh: string;
  dataplanes: readonly DataplaneOverview[];
}) {
  const api = useKumaApi();
  const first = dataplanes[0]?.name ?? '';
  const [selected, setSelected] = useUrlState('dataplane', first);
  const name = dataplanes.some((dataplane) => dataplane.name === selected) ? selected : first;
  const query = useLiveQuery({ ...dataplaneResourceQuery(api, mesh, name), enabled: name !== '' });
  return (
    <div data-testid="dataplane-yaml">
      {dataplanes.length > 1 && (
        <div className="gw-yaml-switch">
          <label>
            Dataplane{' '}
            <select value={name} onChange={(event) => setSelected(event.target.value)}>
              {dataplanes.map((dataplane) => (
                <option key={dataplane.name} value={dataplane.name}>
                  {displayNameOf(dataplane)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {query.isPending && <LoadingState label="Loading the Dataplane…" />}
      {query.isError && query.data === undefined && (
        <ErrorState
          title={`Cannot read Dataplane ${name}`}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      {query.data && <YamlBlock value={query.data} label={`Dataplane ${name} (Universal)`} />}
    </div>
  );
}

function DelegatedGateway({ mesh, service }: { mesh: string; service: string }) {
  const api = useKumaApi();
  const query = useLiveQuery(delegatedGatewayQuery(api, mesh, service));
  if (query.isPending) return <LoadingState label="Loading the gateway…" />;
  if (!query.data) {
    return (
      <ErrorState
        title={`Cannot read delegated gateway ${service}`}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  const { dataplanes } = query.data;
  if (dataplanes.length === 0) {
    return (
      <EmptyState title={`No delegated gateway “${service}” in mesh “${mesh}”.`}>
        <p className="muted">
          No delegated gateway Dataplane carries kuma.io/service: {service} in this mesh: it may
          have been removed, or the mesh or name in the address is wrong.
        </p>
        <p>
          {api.caps.builtinGateways && (
            <>
              <Link to={builtinGatewayPath(mesh, service)}>
                Look for a built-in gateway {service}
              </Link>{' '}
              ·{' '}
            </>
          )}
          <Link to={gatewayListPath()}>All gateways</Link>
        </p>
      </EmptyState>
    );
  }
  const zones = zonesOf(dataplanes);
  return (
    <>
      <DelegatedGatewayActions
        mesh={mesh}
        service={service}
        dataplanes={dataplanes.map((dataplane) => dataplane.name)}
      />
      <StaleBanner query={query} />
      <div className="gw-header-meta">
        <section aria-labelledby="gw-instances-heading">
          <h2 id="gw-instances-heading">Instances</h2>
          <HealthSummary health={instanceHealth(dataplanes)} />
        </section>
        {zones.length > 0 && (
          <section aria-labelledby="gw-zones-heading">
            <h2 id="gw-zones-heading">Zones</h2>
            {zones.join(', ')}
          </section>
        )}
      </div>
      <Tabs
        label="Delegated gateway views"
        tabs={[
          {
            id: 'overview',
            label: 'Overview',
            render: () => (
              <>
                <section className="card" aria-labelledby="gw-dataplanes-heading">
                  <h2 id="gw-dataplanes-heading">Dataplanes ({dataplanes.length})</h2>
                  <InstancesTable dataplanes={dataplanes} testId="instance-table" />
                </section>
                <section className="card" aria-labelledby="gw-outbounds-heading">
                  <h2 id="gw-outbounds-heading">Services it can reach</h2>
                  <p className="muted">
                    The outbounds of its Dataplanes: the mesh manages these legs (mTLS, load
                    balancing, routes); which requests the proxy sends where is its own
                    configuration.
                  </p>
                  <OutboundsTable mesh={mesh} dataplanes={dataplanes} />
                </section>
              </>
            ),
          },
          {
            id: 'yaml',
            label: 'YAML',
            render: () => <DataplaneYaml mesh={mesh} dataplanes={dataplanes} />,
          },
        ]}
      />
    </>
  );
}

export function DelegatedGatewayDetail() {
  const { mesh = '', service = '' } = useParams();
  return (
    <>
      <PageHeader
        trail={[
          { label: 'Meshes', to: meshListPath() },
          { label: mesh, to: meshPath(mesh) },
          { label: 'Gateways', to: gatewayListPath({ mesh }) },
          { label: service },
        ]}
        title={service}
        kind={<Pill>delegated gateway</Pill>}
        subtitle={`mesh ${mesh}`}
      />
      <p className="muted" data-testid="delegated-explainer">
        A delegated gateway is Kong or another proxy running beside a kuma-dp that only manages its
        outbound traffic: the proxy handles clients, TLS and routing; the mesh secures and balances
        what it sends to services.
      </p>
      <DelegatedGateway mesh={mesh} service={service} />
    </>
  );
}
