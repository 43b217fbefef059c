/**
 * The built-in gateway page's Listeners tab: one card per listener with the routes the mesh
 * model attaches there (rules, hostnames, backends), those that do not attach and why, and the
 * banner for a gateway kuma-cp cannot build.
 */
import { Link } from 'react-router';
import type { Mesh, MeshGateway } from '../../kuma/types';
import { servicePath } from '../../lib/paths';
import { counted, plural } from '../../lib/plural';
import type { ConfigFailure } from '../../traffic/gateway-config';
import { useKumaApi } from '../../ui/api-context';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Pill } from '../../ui/status-badge';
import { TagList } from '../../ui/tags';
import { RouteEditLink } from '../gateway-forms';
import { certificateSource, crossMeshAddress } from './gateway-summary';
import type { BuiltinGatewayModel, ListenerView } from './listener-routes';
import type { AttachedRouteView } from './route-views';

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
export function ConfigFailureBanner({
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

export function ListenersTab({
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
