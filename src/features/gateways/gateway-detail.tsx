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
import { meshGatewayKubernetesQuery } from '../../kuma/queries/resources';
import type { Mesh, MeshGateway } from '../../kuma/types';
import { servicePath } from '../../lib/paths';
import { counted, plural } from '../../lib/plural';
import type { ConfigFailure } from '../../traffic/gateway-config';
import { useKumaApi } from '../../ui/api-context';
import { StaleBanner, useLiveQuery } from '../../ui/live';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Pill } from '../../ui/status-badge';
import { Tabs } from '../../ui/tabs';
import { TagList } from '../../ui/tags';
import { BuiltinGatewayActions, MissingSecretBanner, RouteEditLink } from '../gateway-forms';
import { HealthSummary, InstancesTable, YamlBlock } from './gateway-parts';
import {
  certificateSource,
  crossMeshAddress,
  delegatedGatewayPath,
  instanceHealth,
  REDACTED,
  redactInlineCertificates,
} from './gateway-summary';
import {
  type AttachedRouteView,
  type BuiltinGatewayModel,
  builtinGatewayModel,
  type ListenerView,
} from './listener-routes';

function Breadcrumbs({ mesh, name }: { mesh: string; name: string }) {
  return (
    <nav className="breadcrumbs gw-name" aria-label="Breadcrumbs">
      <Link to="/meshes">Meshes</Link> /{' '}
      <Link to={`/meshes/${encodeURIComponent(mesh)}`}>{mesh}</Link> /{' '}
      <Link to={`/gateways?mesh=${encodeURIComponent(mesh)}`}>Gateways</Link> /{' '}
      <span aria-current="page">{name}</span>
    </nav>
  );
}

function RouteCard({ route, gateway }: { route: AttachedRouteView; gateway: MeshGateway }) {
  const { caps } = useKumaApi();
  return (
    <li className="gw-route" data-testid="attached-route">
      <h4>
        <Pill>{route.kind}</Pill> <span className="gw-name">{route.name}</span>
        {caps.builtinGateways && (
          <>
            {' '}
            <RouteEditLink
              mesh={gateway.mesh}
              gateway={gateway.name}
              type={route.kind}
              name={route.name}
            />
          </>
        )}
      </h4>
      {route.overriddenBy && (
        <p className="gw-route__reason">
          <Pill tone="warning">overridden</Pill> MeshTCPRoute “{route.overriddenBy}” is merged after
          this one and replaces it on this listener.
        </p>
      )}
      {route.entries.map((to) => (
        <div key={to.key}>
          {to.hostnames.length > 0 && (
            <ul className="gw-hostnames" aria-label="Hostnames">
              {to.hostnames.map((outcome) => (
                <li key={`${outcome.toIndex}-${outcome.routeHostname}`}>
                  <code>{outcome.routeHostname}</code>{' '}
                  <span className={outcome.virtualHost && !outcome.takenBy ? '' : 'muted'}>
                    {outcome.reason}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {!to.applies && <p className="muted">These rules are ignored on this listener.</p>}
          <ul className="gw-rules">
            {to.rules.map((rule) => (
              <li key={rule.key} className="gw-rule" data-testid="route-rule">
                <div>
                  {rule.matches.map((match) => (
                    <div key={match} className="gw-rule__match">
                      {match}
                    </div>
                  ))}
                  {rule.filters.map((filter) => (
                    <div key={filter} className="muted">
                      {filter}
                    </div>
                  ))}
                </div>
                {rule.backends.length > 0 ? (
                  <ul className="gw-backends" aria-label="Backends">
                    {rule.backends.map((backend, index) => (
                      <li
                        // biome-ignore lint/suspicious/noArrayIndexKey: backends are positional
                        key={index}
                        className="gw-backend"
                        title={backend.detail}
                        data-testid="backend"
                      >
                        {backend.service ? (
                          <Link to={servicePath(gateway.mesh, backend.service)}>
                            {backend.name}
                          </Link>
                        ) : (
                          <span>{backend.name}</span>
                        )}
                        <span className="gw-backend__weight">
                          weight {backend.weight} ({backend.percent}%)
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">no backend</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </li>
  );
}

function ListenerCard({
  view,
  gateway,
  mesh,
}: {
  view: ListenerView;
  gateway: MeshGateway;
  mesh: Mesh | undefined;
}) {
  const { entry } = view;
  const listener = entry.listener;
  const tls = listener.tls;
  const titleId = `listener-${entry.index}`;
  const mtlsOff = mesh !== undefined && !mesh.mtls?.enabledBackend;
  return (
    <article
      className={`gw-listener${view.problem ? ` gw-listener--problem gw-listener--${view.problem.severity}` : ''}`}
      aria-labelledby={titleId}
      data-testid="listener-card"
    >
      <h2 className="gw-listener__title" id={titleId}>
        <Pill tone="info">{entry.protocol || 'no protocol'}</Pill>
        <span className="gw-listener__address">:{entry.port ?? '?'}</span>
        <span className="gw-name">{entry.hostname}</span>
        {listener.crossMesh && <Pill tone="info">cross-mesh</Pill>}
        {view.problem && (
          <Pill tone={view.problem.severity === 'error' ? 'danger' : 'warning'}>
            {view.problem.label}
          </Pill>
        )}
      </h2>
      {view.problem && (
        <p
          className={`gw-problem gw-problem--${view.problem.severity}`}
          role="note"
          data-testid="listener-problem"
        >
          {view.problem.text}
        </p>
      )}
      <div className="gw-listener__body">
        <dl className="details">
          <dt>Protocol</dt>
          <dd>{entry.protocol || 'none'}</dd>
          <dt>Port</dt>
          <dd>{entry.port ?? 'none'}</dd>
          <dt>Hostname</dt>
          <dd>{entry.hostname}</dd>
          <dt>TLS</dt>
          <dd>
            {tls ? (
              <>
                {tls.mode ?? 'no mode'}
                {(tls.certificates ?? []).length > 0 && (
                  <ul className="gw-hostnames" aria-label="Certificates">
                    {(tls.certificates ?? []).map((source, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: certificates are positional
                      <li key={index}>{certificateSource(source)}</li>
                    ))}
                  </ul>
                )}
              </>
            ) : (
              <span className="muted">none</span>
            )}
          </dd>
          <dt>Cross-mesh</dt>
          <dd>
            {listener.crossMesh ? (
              <>
                reachable from every mesh with mTLS at{' '}
                <code data-testid="cross-mesh-address">{crossMeshAddress(gateway, listener)}</code>
                {mtlsOff && (
                  <div className="gw-problem">
                    Mesh {gateway.mesh} has mTLS off: the control plane cannot configure a
                    cross-mesh listener without it.
                  </div>
                )}
              </>
            ) : (
              'no'
            )}
          </dd>
          <dt>Listener tags</dt>
          <dd>
            <TagList tags={listener.tags} />
          </dd>
          <dt>Connection limit</dt>
          <dd>{listener.resources?.connectionLimit ?? <span className="muted">none</span>}</dd>
          {view.hostsTakenElsewhere.length > 0 && (
            <>
              <dt>Hosts taken</dt>
              <dd>
                {view.hostsTakenElsewhere.join(', ')}{' '}
                <span className="muted">(served by more exact listeners on this port)</span>
              </dd>
            </>
          )}
        </dl>
        <div>
          <h3>
            Routes attached ({view.attached.length})
            {view.attached.length > 1 && entry.protocol.startsWith('HTTP') && (
              <span className="muted"> · merged in this order, later ones win a conflict</span>
            )}
          </h3>
          {view.attached.length > 0 ? (
            <ul className="gw-routes">
              {view.attached.map((route) => (
                <RouteCard key={`${route.kind}-${route.name}`} route={route} gateway={gateway} />
              ))}
            </ul>
          ) : (
            <p className="muted">None.</p>
          )}
          {view.detached.length > 0 && (
            <details className="gw-detached" data-testid="detached-routes">
              <summary>
                {counted(view.detached.length, 'route')}{' '}
                {plural(view.detached.length, 'targets', 'target')} this gateway but{' '}
                {plural(view.detached.length, 'does', 'do')} not attach here
              </summary>
              <ul>
                {view.detached.map((route) => (
                  <li key={`${route.kind}-${route.name}`}>
                    <strong>
                      {route.kind} {route.name}
                    </strong>
                    : {route.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      </div>
    </article>
  );
}

/**
 * kuma-cp cannot build the gateway: nothing on the page works until it is fixed, and nothing else
 * in the API says so (its proxies stay online), so it goes first and is announced.
 */
function ConfigFailureBanner({
  failure,
  gateway,
}: {
  failure: ConfigFailure;
  gateway: MeshGateway;
}) {
  const { caps } = useKumaApi();
  return (
    <section
      className="banner banner--error gw-config-failure"
      role="alert"
      aria-labelledby="gw-config-failure-title"
      data-testid="gateway-config-failure"
    >
      <h2 id="gw-config-failure-title">No configuration for this gateway’s proxies</h2>
      <p className="gw-config-failure__summary">{failure.summary}</p>
      <p>{failure.detail}</p>
      {failure.route && caps.builtinGateways && (
        <p>
          <RouteEditLink
            mesh={gateway.mesh}
            gateway={gateway.name}
            type={failure.route.type}
            name={failure.route.name}
          />
        </p>
      )}
    </section>
  );
}

function ListenersTab({
  model,
  gateway,
  mesh,
  routes,
}: {
  model: BuiltinGatewayModel;
  gateway: MeshGateway;
  mesh: Mesh | undefined;
  routes: { isPending: boolean; error: unknown; hasData: boolean; retry: () => void };
}) {
  if (model.listeners.length === 0) {
    return (
      <EmptyState title="This gateway has no listener.">
        <p className="muted">Without conf.listeners its proxies accept no traffic.</p>
      </EmptyState>
    );
  }
  if (routes.isPending) return <LoadingState label="Loading the mesh's routes…" />;
  if (routes.error !== null && !routes.hasData) {
    return (
      <ErrorState
        title="Cannot read the mesh's routes, so which route serves which listener is unknown"
        error={routes.error}
        onRetry={routes.retry}
      />
    );
  }
  return (
    <div className="gw-listeners">
      {model.listeners.map((view) => (
        <ListenerCard key={view.entry.index} view={view} gateway={gateway} mesh={mesh} />
      ))}
    </div>
  );
}

function InstancesTab({ model, gateway }: { model: BuiltinGatewayModel; gateway: MeshGateway }) {
  return (
    <>
      {model.stolen.length > 0 && (
        <div className="banner banner--warning" role="note">
          {model.stolen.map(({ instance, boundTo }) => (
            <div key={instance.name}>
              Dataplane {instance.name} matches this gateway's selectors but serves MeshGateway{' '}
              {boundTo.name}, whose selector is more specific or newer.
            </div>
          ))}
        </div>
      )}
      {model.instances.length === 0 ? (
        <EmptyState title="No instance serves this gateway.">
          <p className="muted">
            No BUILTIN gateway Dataplane in mesh {gateway.mesh} is bound to it, so nothing listens
            on its ports. Start kuma-dp with gateway tags matching one of its selectors (on
            Kubernetes, a MeshGatewayInstance).
          </p>
        </EmptyState>
      ) : (
        <InstancesTable
          dataplanes={model.instances.map((instance) => instance.dataplane)}
          testId="instance-table"
        />
      )}
    </>
  );
}

function KubernetesYaml({ mesh, name }: { mesh: string; name: string }) {
  const api = useKumaApi();
  const query = useLiveQuery(meshGatewayKubernetesQuery(api, mesh, name));
  if (query.isPending) return <LoadingState label="Loading the Kubernetes form…" />;
  if (query.isError && query.data === undefined) {
    return (
      <ErrorState
        title="Cannot read the Kubernetes form"
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  return <RedactedYaml value={query.data} label="Kubernetes (kubectl)" />;
}

/** YAML of a MeshGateway without inline certificate data (private keys). */
function RedactedYaml({ value, label }: { value: unknown; label: string }) {
  const redaction = useMemo(() => redactInlineCertificates(value), [value]);
  return (
    <>
      {redaction.redacted > 0 && (
        <p className="gw-problem" role="note">
          {counted(redaction.redacted, 'inline certificate value')}{' '}
          {plural(redaction.redacted, 'is', 'are')} replaced by “{REDACTED}”: the dashboard never
          shows private keys.
        </p>
      )}
      <YamlBlock value={redaction.value} label={label} />
    </>
  );
}

function YamlTab({ gateway, mesh, name }: { gateway: MeshGateway; mesh: string; name: string }) {
  return (
    <div data-testid="gateway-yaml">
      <RedactedYaml value={gateway} label="Universal (kumactl)" />
      <KubernetesYaml mesh={mesh} name={name} />
    </div>
  );
}

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
        <Link to="/gateways">All gateways</Link>
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
      <Breadcrumbs mesh={mesh} name={name} />
      <div className="page-header">
        <h1 className="gw-name">
          {name} <Pill tone="info">built-in gateway</Pill>
        </h1>
        <span className="muted gw-name">mesh {mesh}</span>
        <BuiltinGatewayActions mesh={mesh} name={name} />
      </div>
      {api.caps.builtinGateways ? (
        <BuiltinGateway mesh={mesh} name={name} />
      ) : (
        <EmptyState title="Built-in gateways do not exist on this control plane.">
          <p className="muted">
            {api.caps.product} {api.caps.displayVersion} removed MeshGateway (Kuma 3.0). Delegated
            gateways are listed on the <Link to="/gateways">gateways page</Link>.
          </p>
        </EmptyState>
      )}
    </>
  );
}
