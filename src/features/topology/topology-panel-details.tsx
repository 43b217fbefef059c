import { useId } from 'react';
import { Link } from 'react-router';
import { serviceDataplanesQuery } from '../../kuma/queries/topology';
import { counted, formatCount } from '../../lib/plural';
import { dataplaneRefOf, sidecarOnline } from '../../topology/service-health';
import type {
  DataplaneRef,
  GatewayNode,
  ServiceNode,
  SidecarNode,
  TopologyGraph,
  TopologyNode,
} from '../../topology/types';
import { useKumaApi } from '../../ui/api-context';
import { useLiveQuery } from '../../ui/live';
import { Pill, StatusBadge } from '../../ui/status-badge';
import {
  dataplaneHref,
  gatewayHref,
  listenerText,
  meshHref,
  onlineCount,
  serviceDataplanesHref,
  serviceHref,
  undrawnLinksOf,
} from './describe';
import { HEALTH_LABEL } from './legend';

/** The side panel's part per kind of node: what it is, its health, and links to its screens. */

/** The edge Kong Gateway's fronted gateways, as the page keeps them. */
export interface EdgeFrontsControl {
  isFronted: (gatewayNodeId: string) => boolean;
  setFronted: (gatewayNodeId: string, fronted: boolean) => void;
}

export function viaHref(via: { type: string; mesh: string; name: string }): string {
  if (via.type === 'Dataplane') return dataplaneHref(via);
  if (via.type === 'MeshGateway')
    return gatewayHref({ mesh: via.mesh, name: via.name, gatewayKind: 'builtin' });
  // Routes have no screen of their own: the mesh page lists them.
  return meshHref(via.mesh);
}

/** Dataplanes listed in the panel; the dataplane list has the rest. */
const MAX_LISTED = 50;

function Dataplanes({ refs, all }: { refs: readonly DataplaneRef[]; all?: string }) {
  if (refs.length === 0) return <p className="muted">No dataplanes.</p>;
  return (
    <ul className="topo-panel__list">
      {refs.length > MAX_LISTED && (
        <li className="muted">
          The first {MAX_LISTED} of {formatCount(refs.length)}
          {all ? (
            <>
              {' '}
              (<Link to={all}>all of them</Link>)
            </>
          ) : null}
          .
        </li>
      )}
      {refs.slice(0, MAX_LISTED).map((ref) => (
        <li key={`${ref.mesh}/${ref.name}`}>
          <Link to={dataplaneHref(ref)} title={ref.displayName === ref.name ? undefined : ref.name}>
            {ref.displayName}
          </Link>{' '}
          <StatusBadge status={ref.status} />
          {ref.zone && <span className="muted"> {ref.zone}</span>}
        </li>
      ))}
    </ul>
  );
}

/**
 * The dataplanes of one service, fetched live while its node is selected: the diagram's list
 * comes from the structure, which is refetched only when it changes, so its statuses may be
 * older than a refresh. Until the live list arrives (or if it fails), the diagram's is shown.
 */
function ServiceDataplanes({
  mesh,
  service,
  fallback,
}: {
  mesh: string;
  service: string;
  /** The diagram's own list (a sidecar node), shown until the live one arrives. */
  fallback?: readonly DataplaneRef[];
}) {
  const api = useKumaApi();
  const live = useLiveQuery(serviceDataplanesQuery(api, mesh, service));
  const refs = live.data?.map(dataplaneRefOf);
  const shown = refs ?? fallback;
  return (
    <section data-testid="topology-panel-dataplanes" data-live={refs ? 'true' : 'false'}>
      <h3>Dataplanes</h3>
      {refs && !fallback && (
        <p>
          {onlineCount(refs).online}/{refs.length} online
        </p>
      )}
      {shown ? (
        <Dataplanes refs={shown} all={serviceDataplanesHref(mesh, service)} />
      ) : live.error ? (
        <p className="muted">Could not load them.</p>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}

export function GatewayDetails({
  gateway,
  graph,
  fronts,
}: {
  gateway: GatewayNode;
  graph: TopologyGraph;
  fronts: EdgeFrontsControl;
}) {
  const checkboxId = useId();
  const { online, total } = onlineCount(gateway.instances);
  const fronted = fronts.isFronted(gateway.id);
  const routes = new Map<string, { type: string; mesh: string; name: string }>();
  for (const edge of graph.edges) {
    if (edge.source !== gateway.id || edge.relation !== 'gateway-service') continue;
    for (const via of edge.via ?? []) routes.set(`${via.type}/${via.mesh}/${via.name}`, via);
  }
  return (
    <>
      <dl className="details">
        <dt>Kind</dt>
        <dd>{gateway.gatewayKind === 'builtin' ? 'Built-in (MeshGateway)' : 'Delegated'}</dd>
        <dt>Mesh</dt>
        <dd>
          <Link to={meshHref(gateway.mesh)}>{gateway.mesh}</Link>
        </dd>
        <dt>Instances</dt>
        <dd>
          {online}/{total} online ({HEALTH_LABEL[gateway.health]})
        </dd>
        {gateway.zones.length > 0 && (
          <>
            <dt>Zones</dt>
            <dd>{gateway.zones.join(', ')}</dd>
          </>
        )}
      </dl>
      {undrawnLinksOf(graph, gateway) && (
        <p className="muted" data-testid="topology-panel-undrawn">
          {undrawnLinksOf(graph, gateway)}
        </p>
      )}
      <p>
        <Link to={gatewayHref(gateway)} data-testid="topology-panel-gateway-link">
          Open {gateway.gatewayKind === 'builtin' ? 'gateway' : 'delegated gateway'}
        </Link>
      </p>
      <p className="checkbox">
        <input
          id={checkboxId}
          type="checkbox"
          checked={fronted}
          onChange={(event) => fronts.setFronted(gateway.id, event.target.checked)}
        />
        <label htmlFor={checkboxId}>Fronted by the edge Kong Gateway</label>
      </p>
      {gateway.gatewayKind === 'builtin' && (
        <section>
          <h3>Listeners</h3>
          {gateway.listeners.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="topo-panel__list">
              {gateway.listeners.map((listener) => (
                <li key={listener.index}>
                  <code>{listenerText(listener)}</code>{' '}
                  {listener.crossMesh && <Pill tone="info">cross-mesh</Pill>}{' '}
                  {listener.tls && <Pill>TLS {listener.tls}</Pill>}{' '}
                  <span className="muted">{counted(listener.routes, 'route')}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {routes.size > 0 && (
        <section>
          <h3>Routes</h3>
          <ul className="topo-panel__list">
            {[...routes.values()].map((via) => (
              <li key={`${via.type}/${via.mesh}/${via.name}`}>
                <Link to={viaHref(via)}>{via.name}</Link> <span className="muted">{via.type}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h3>Instances</h3>
        <Dataplanes refs={gateway.instances} />
      </section>
    </>
  );
}

export function EdgeDetails({
  graph,
  fronts,
}: {
  graph: TopologyGraph;
  fronts: EdgeFrontsControl;
}) {
  const gateways = graph.nodes.filter((node): node is GatewayNode => node.kind === 'gateway');
  return (
    <>
      <p className="muted">
        The Kong Gateway at the edge is outside the meshes: Kuma cannot see it, so you declare which
        gateways it sends traffic to. By default it fronts every gateway with a listener that is not
        cross-mesh only. The choice is kept in this browser, per control plane.
      </p>
      {gateways.length === 0 ? (
        <p className="muted">There are no gateways to front.</p>
      ) : (
        <fieldset className="topo-panel__fronts">
          <legend>Fronted gateways</legend>
          {gateways.map((gateway) => (
            <label key={gateway.id} className="checkbox">
              <input
                type="checkbox"
                checked={fronts.isFronted(gateway.id)}
                onChange={(event) => fronts.setFronted(gateway.id, event.target.checked)}
              />
              {gateway.displayName} <span className="muted">({gateway.mesh})</span>
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}

export function MeshDetails({
  mesh,
  onToggleMesh,
}: {
  mesh: Extract<TopologyNode, { kind: 'mesh' }>;
  onToggleMesh: (mesh: string, collapse: boolean) => void;
}) {
  return (
    <>
      <dl className="details">
        <dt>mTLS</dt>
        <dd>{mesh.mtls ? 'on' : 'off'}</dd>
        <dt>Health</dt>
        <dd>{HEALTH_LABEL[mesh.health]}</dd>
        <dt>Gateways</dt>
        <dd>{mesh.counts.gateways}</dd>
        <dt>Services</dt>
        <dd>{mesh.counts.services}</dd>
        <dt>Dataplanes</dt>
        <dd>
          {mesh.counts.online}/{mesh.counts.dataplanes} online
        </dd>
        {mesh.zones.length > 0 && (
          <>
            <dt>Zones</dt>
            <dd>{mesh.zones.join(', ')}</dd>
          </>
        )}
      </dl>
      <p className="topo-panel__actions">
        <Link to={meshHref(mesh.mesh)}>Open mesh</Link>
        <button
          type="button"
          className="button button--small"
          onClick={() => onToggleMesh(mesh.mesh, !mesh.collapsed)}
        >
          {mesh.collapsed ? 'Expand' : 'Collapse'} mesh
        </button>
      </p>
    </>
  );
}

export function ServiceDetails({ service }: { service: ServiceNode }) {
  return (
    <>
      <dl className="details">
        <dt>Service</dt>
        <dd>{service.service}</dd>
        <dt>Mesh</dt>
        <dd>
          <Link to={meshHref(service.mesh)}>{service.mesh}</Link>
        </dd>
        <dt>Health</dt>
        <dd>{HEALTH_LABEL[service.health]}</dd>
      </dl>
      <p className="topo-panel__actions">
        <Link
          to={serviceHref(service.mesh, service.service)}
          data-testid="topology-panel-service-link"
        >
          Open service
        </Link>
        <Link to={serviceDataplanesHref(service.mesh, service.service)}>Its dataplanes</Link>
      </p>
      <ServiceDataplanes mesh={service.mesh} service={service.service} />
    </>
  );
}

/**
 * A sidecar node: its dataplanes are those whose first inbound is its service; when they serve
 * other services too, those are named and linked (the node is drawn once for all of them).
 */
export function SidecarDetails({ sidecar }: { sidecar: SidecarNode }) {
  const { online, total } = sidecarOnline(sidecar);
  const others = sidecar.services.filter((service) => service !== sidecar.service);
  return (
    <>
      <dl className="details">
        <dt>Service</dt>
        <dd>{sidecar.service}</dd>
        {others.length > 0 && (
          <>
            <dt>Also serves</dt>
            <dd data-testid="topology-panel-also-serves">{others.join(', ')}</dd>
          </>
        )}
        <dt>Mesh</dt>
        <dd>
          <Link to={meshHref(sidecar.mesh)}>{sidecar.mesh}</Link>
        </dd>
        <dt>Online</dt>
        <dd>
          {online}/{total} ({HEALTH_LABEL[sidecar.health]})
        </dd>
        {sidecar.zones.length > 0 && (
          <>
            <dt>Zones</dt>
            <dd>{sidecar.zones.join(', ')}</dd>
          </>
        )}
      </dl>
      <p className="topo-panel__actions">
        {sidecar.services.map((service, index) => (
          <Link
            key={service}
            to={serviceHref(sidecar.mesh, service)}
            {...(index === 0 ? { 'data-testid': 'topology-panel-service-link' } : {})}
          >
            Open service {service}
          </Link>
        ))}
      </p>
      <ServiceDataplanes
        mesh={sidecar.mesh}
        service={sidecar.service}
        fallback={sidecar.dataplanes}
      />
    </>
  );
}
