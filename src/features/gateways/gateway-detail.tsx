import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { KumaApiError } from '../../kuma/client';
import { displayNameOf, storedNameIfRenamed } from '../../kuma/display-name';
import {
  builtinGatewayQuery,
  gatewayListQuery,
  meshRoutesQuery,
} from '../../kuma/queries/gateways';
import { meshDetailQuery } from '../../kuma/queries/meshes';
import { delegatedGatewayPath, gatewayListPath, meshListPath, meshPath } from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import { StaleBanner, useLiveQuery } from '../../ui/live';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Pill } from '../../ui/status-badge';
import { Tabs } from '../../ui/tabs';
import { TagList } from '../../ui/tags';
import { BuiltinGatewayActions, MissingSecretBanner } from '../gateway-forms';
import { HealthSummary } from './gateway-parts';
import { instanceHealth } from './gateway-summary';
import { InstancesTab, YamlTab } from './gateway-tabs';
import { ConfigFailureBanner, ListenersTab } from './listener-cards';
import { builtinGatewayModel } from './listener-routes';

function NotFoundGateway({ mesh, name }: { mesh: string; name: string }) {
  const api = useKumaApi();
  const list = useLiveQuery(gatewayListQuery(api));
  const delegated = list.data?.delegated.find(
    (entry) => entry.mesh === mesh && entry.service === name,
  );
  return (
    <EmptyState title={`No built-in gateway “${name}” in mesh “${mesh}”.`}>
      <p className="muted">
        It may have been deleted, or the mesh or name in the address is wrong.
      </p>
      <p>
        {delegated && (
          <>
            <Link to={delegatedGatewayPath(mesh, name)}>
              Open the delegated gateway {name} instead
            </Link>{' '}
            ·{' '}
          </>
        )}
        <Link to={gatewayListPath()}>All gateways</Link>
      </p>
    </EmptyState>
  );
}

function BuiltinGateway({ mesh, name }: { mesh: string; name: string }) {
  const api = useKumaApi();
  const detail = useLiveQuery(builtinGatewayQuery(api, mesh, name));
  const routes = useLiveQuery(meshRoutesQuery(api, mesh));
  const list = useLiveQuery(gatewayListQuery(api));
  const meshDetail = useLiveQuery(meshDetailQuery(api, mesh));
  const meshResource = meshDetail.data?.mesh;

  const model = useMemo(() => {
    if (!detail.data) return undefined;
    return builtinGatewayModel({
      mesh: meshResource ?? mesh,
      gateway: detail.data.gateway,
      candidates: detail.data.instances,
      siblings: list.data?.builtin.filter((entry) => entry.gateway.mesh === mesh),
      httpRoutes: routes.data?.http,
      tcpRoutes: routes.data?.tcp,
    });
  }, [detail.data, list.data, routes.data, meshResource, mesh]);

  if (detail.isPending) return <LoadingState label="Loading the gateway…" />;
  if (!detail.data || !model) {
    if (detail.error instanceof KumaApiError && detail.error.status === 404) {
      return <NotFoundGateway mesh={mesh} name={name} />;
    }
    return (
      <ErrorState
        title={`Cannot read gateway ${name}`}
        error={detail.error}
        onRetry={() => void detail.refetch()}
      />
    );
  }
  const gateway = detail.data.gateway;
  return (
    <>
      <StaleBanner query={detail} />
      {storedNameIfRenamed(gateway) && (
        <p className="muted gw-name" data-testid="gateway-display-name">
          Written as <strong>{displayNameOf(gateway)}</strong>; stored here as{' '}
          <code>{gateway.name}</code>
          {gateway.labels?.['kuma.io/origin'] === 'global'
            ? ', synced from the global control plane.'
            : gateway.labels?.['kuma.io/zone']
              ? `, synced from zone ${gateway.labels['kuma.io/zone']}.`
              : '.'}
        </p>
      )}
      {model.failure && <ConfigFailureBanner failure={model.failure} gateway={gateway} />}
      <MissingSecretBanner gateway={gateway} mesh={mesh} />
      <div className="gw-header-meta">
        <section aria-labelledby="gw-instances-heading">
          <h2 id="gw-instances-heading">Instances</h2>
          <HealthSummary
            health={instanceHealth(model.instances.map((instance) => instance.dataplane))}
          />
          {model.failure && model.instances.some((instance) => instance.online) && (
            <div className="muted">connected, yet sent no configuration</div>
          )}
        </section>
        <section aria-labelledby="gw-selectors-heading">
          <h2 id="gw-selectors-heading">Selectors</h2>
          {(gateway.selectors ?? []).length === 0 ? (
            <span className="muted">none</span>
          ) : (
            (gateway.selectors ?? []).map((selector, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: selectors are positional
              <div key={index}>
                <TagList tags={selector.match} />
              </div>
            ))
          )}
        </section>
        <section aria-labelledby="gw-tags-heading">
          <h2 id="gw-tags-heading">Gateway tags</h2>
          <TagList tags={gateway.tags} />
        </section>
      </div>
      <Tabs
        label="Gateway views"
        tabs={[
          {
            id: 'listeners',
            label: `Listeners (${model.listeners.length})`,
            render: () => (
              <ListenersTab
                model={model}
                gateway={gateway}
                mesh={meshResource}
                routes={{
                  isPending: routes.isPending,
                  error: routes.error,
                  hasData: routes.data !== undefined,
                  retry: () => void routes.refetch(),
                }}
              />
            ),
          },
          {
            id: 'instances',
            label: `Instances (${model.instances.length})`,
            render: () => <InstancesTab model={model} gateway={gateway} />,
          },
          {
            id: 'yaml',
            label: 'YAML',
            render: () => <YamlTab gateway={gateway} mesh={mesh} name={name} />,
          },
        ]}
      />
    </>
  );
}

export function GatewayDetail() {
  const { mesh = '', name = '' } = useParams();
  const api = useKumaApi();
  return (
    <>
      <PageHeader
        trail={[
          { label: 'Meshes', to: meshListPath() },
          { label: mesh, to: meshPath(mesh) },
          { label: 'Gateways', to: gatewayListPath({ mesh }) },
          { label: name },
        ]}
        title={name}
        kind={<Pill tone="info">built-in gateway</Pill>}
        subtitle={`mesh ${mesh}`}
        actions={<BuiltinGatewayActions mesh={mesh} name={name} />}
      />
      {api.caps.builtinGateways ? (
        <BuiltinGateway mesh={mesh} name={name} />
      ) : (
        <EmptyState title="Built-in gateways do not exist on this control plane.">
          <p className="muted">
            {api.caps.product} {api.caps.displayVersion} removed MeshGateway (Kuma 3.0). Delegated
            gateways are listed on the <Link to={gatewayListPath()}>gateways page</Link>.
          </p>
        </EmptyState>
      )}
    </>
  );
}
