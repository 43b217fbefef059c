import { useId } from 'react';
import { Link } from 'react-router';
import type { Finding } from '../../diagnosis';
import { serviceDataplanesQuery } from '../../kuma/queries/topology';
import { counted } from '../../lib/plural';
import { dataplaneRefOf, sidecarOnline } from '../../topology/service-health';
import type {
  DataplaneRef,
  GatewayNode,
  TopologyEdge,
  TopologyGraph,
  TopologyNode,
} from '../../topology/types';
import { useKumaApi } from '../../ui/api-context';
import { FindingCard } from '../../ui/finding-card';
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
import { HEALTH_LABEL, trafficLabel } from './legend';

/** The edge Kong Gateway's fronted gateways, as the page keeps them. */
export interface EdgeFrontsControl {
  isFronted: (gatewayNodeId: string) => boolean;
  setFronted: (gatewayNodeId: string, fronted: boolean) => void;
}

export interface SidePanelProps {
  nodeId: string;
  model: TopologyGraph;
  view: TopologyGraph;
  onClose: () => void;
  onSelect: (nodeId: string) => void;
  onToggleMesh: (mesh: string, collapse: boolean) => void;
  /** Frames the node and its neighbours on the canvas. */
  onFocus?: (nodeId: string) => void;
  fronts: EdgeFrontsControl;
  /** The diagnosis findings about this node, worst first. */
  findings?: readonly Finding[];
}

const RELATION: Record<TopologyEdge['relation'], string> = {
  'client-edge': 'sends requests to',
  'edge-gateway': 'fronted by the edge',
  'gateway-service': 'routes to',
  'service-sidecar': 'its own sidecar',
  'sidecar-sidecar': 'calls',
  'cross-mesh': 'cross-mesh listener',
  'delegated-peers': 'between delegated gateways',
};

function nameOf(node: TopologyNode | undefined, fallback: string): string {
  if (!node) return fallback;
  if (node.kind === 'sidecar') return `KUMA-DP of ${node.service}`;
  if (node.kind === 'service') return `service ${node.service}`;
  if (node.kind === 'gateway') return `${node.displayName} (${node.mesh})`;
  return node.label;
}

function viaHref(via: { type: string; mesh: string; name: string }): string {
  if (via.type === 'Dataplane') return dataplaneHref(via);
  if (via.type === 'MeshGateway')
    return gatewayHref({ mesh: via.mesh, name: via.name, gatewayKind: 'builtin' });
  // Routes have no screen of their own: the mesh page lists them.
  return meshHref(via.mesh);
}

/** Dataplanes listed in the panel; the dataplane list has the rest. */
const MAX_LISTED = 50;

/** A route attached to two listeners of one gateway names the edge twice. */
function uniqueVias(vias: TopologyEdge['via']): NonNullable<TopologyEdge['via']> {
  const unique = new Map<string, NonNullable<TopologyEdge['via']>[number]>();
  for (const via of vias ?? []) unique.set(`${via.type}/${via.mesh}/${via.name}`, via);
  return [...unique.values()];
}

function Dataplanes({ refs, all }: { refs: readonly DataplaneRef[]; all?: string }) {
  if (refs.length === 0) return <p className="muted">No dataplanes.</p>;
  return (
    <ul className="topo-panel__list">
      {refs.length > MAX_LISTED && (
        <li className="muted">
          The first {MAX_LISTED} of {refs.length.toLocaleString('en-US')}
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

function Connections({
  nodeId,
  graph,
  drawn,
  onSelect,
}: {
  nodeId: string;
  graph: TopologyGraph;
  drawn: ReadonlySet<string>;
  onSelect: (nodeId: string) => void;
}) {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const edges = graph.edges.filter((edge) => edge.source === nodeId || edge.target === nodeId);
  if (edges.length === 0) return null;
  return (
    <section>
      <h3>Links</h3>
      <ul className="topo-panel__list" data-testid="topology-panel-links">
        {edges.map((edge) => {
          const outgoing = edge.source === nodeId;
          const otherId = outgoing ? edge.target : edge.source;
          const other = nameOf(nodes.get(otherId), otherId);
          const arrow = edge.bidirectional ? '↔' : outgoing ? '→' : '←';
          const traffic = trafficLabel(edge.traffic);
          const vias = uniqueVias(edge.via);
          return (
            <li key={edge.id} data-edge-kind={edge.kind}>
              <span aria-hidden="true">{arrow} </span>
              {drawn.has(otherId) ? (
                <button
                  type="button"
                  className="topo-panel__link"
                  onClick={() => onSelect(otherId)}
                >
                  {other}
                </button>
              ) : (
                <span>{other}</span>
              )}{' '}
              <span className="muted">
                {RELATION[edge.relation]}
                {edge.folded && edge.folded > 1 ? ` (×${edge.folded})` : ''}
              </span>{' '}
              <Pill tone={edge.kind === 'managed' ? 'info' : 'neutral'}>{edge.kind}</Pill>
              {traffic && <span className="topo-panel__traffic"> {traffic}</span>}
              {vias.length > 0 && (
                <span className="topo-panel__via">
                  {' '}
                  via{' '}
                  {vias.map((via, index) => (
                    <span key={`${via.type}/${via.mesh}/${via.name}`}>
                      {index > 0 && ', '}
                      <Link to={viaHref(via)}>
                        {via.type} {via.name}
                      </Link>
                    </span>
                  ))}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function GatewayDetails({
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

function EdgeDetails({ graph, fronts }: { graph: TopologyGraph; fronts: EdgeFrontsControl }) {
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

function MeshDetails({
  mesh,
  onToggleMesh,
}: {
  mesh: Extract<TopologyNode, { kind: 'mesh' }>;
  onToggleMesh: SidePanelProps['onToggleMesh'];
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

/** Details of the selected node, with links to its screens; overlays the canvas's right side. */
export function TopologySidePanel({
  nodeId,
  model,
  view,
  onClose,
  onSelect,
  onToggleMesh,
  onFocus,
  fronts,
  findings,
}: SidePanelProps) {
  const headingId = useId();
  const drawnNode = view.nodes.find((node) => node.id === nodeId);
  const collapsedMesh = drawnNode?.kind === 'mesh' && drawnNode.collapsed;
  // A collapsed mesh exists only in the drawn view; everything else reads the whole model.
  const graph = collapsedMesh ? view : model;
  const node = collapsedMesh ? drawnNode : (model.nodes.find((n) => n.id === nodeId) ?? drawnNode);
  const drawn = new Set(view.nodes.map((n) => n.id));
  const title =
    node?.kind === 'gateway'
      ? node.displayName
      : node?.kind === 'sidecar'
        ? 'KUMA-DP'
        : node?.label;
  return (
    <aside
      className="topo-panel"
      aria-labelledby={headingId}
      data-testid="topology-panel"
      data-node={nodeId}
    >
      <div className="topo-panel__header">
        <h2 id={headingId}>{title ?? 'Not on the diagram'}</h2>
        {onFocus && drawnNode && (
          <button
            type="button"
            className="button button--small"
            onClick={() => onFocus(nodeId)}
            title="Frame this node and the nodes it links to"
            data-testid="topology-focus"
          >
            Focus
          </button>
        )}
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={onClose}
          aria-label="Close details"
        >
          ✕
        </button>
      </div>
      {!node && (
        <p className="muted">
          This element is not in the topology any more, or the filters hide it.
        </p>
      )}
      {node?.kind === 'client' && (
        <p className="muted">Clients outside every mesh, calling through the edge Kong Gateway.</p>
      )}
      {node?.kind === 'edge' && <EdgeDetails graph={model} fronts={fronts} />}
      {node?.kind === 'mesh' && <MeshDetails mesh={node} onToggleMesh={onToggleMesh} />}
      {node?.kind === 'gateway' && <GatewayDetails gateway={node} graph={model} fronts={fronts} />}
      {node?.kind === 'service' && (
        <>
          <dl className="details">
            <dt>Service</dt>
            <dd>{node.service}</dd>
            <dt>Mesh</dt>
            <dd>
              <Link to={meshHref(node.mesh)}>{node.mesh}</Link>
            </dd>
            <dt>Health</dt>
            <dd>{HEALTH_LABEL[node.health]}</dd>
          </dl>
          <p className="topo-panel__actions">
            <Link
              to={serviceHref(node.mesh, node.service)}
              data-testid="topology-panel-service-link"
            >
              Open service
            </Link>
            <Link to={serviceDataplanesHref(node.mesh, node.service)}>Its dataplanes</Link>
          </p>
          <ServiceDataplanes mesh={node.mesh} service={node.service} />
        </>
      )}
      {node?.kind === 'sidecar' && (
        <>
          <dl className="details">
            <dt>Service</dt>
            <dd>{node.service}</dd>
            <dt>Mesh</dt>
            <dd>
              <Link to={meshHref(node.mesh)}>{node.mesh}</Link>
            </dd>
            <dt>Online</dt>
            <dd>
              {sidecarOnline(node).online}/{sidecarOnline(node).total} ({HEALTH_LABEL[node.health]})
            </dd>
            {node.zones.length > 0 && (
              <>
                <dt>Zones</dt>
                <dd>{node.zones.join(', ')}</dd>
              </>
            )}
          </dl>
          <p>
            <Link
              to={serviceHref(node.mesh, node.service)}
              data-testid="topology-panel-service-link"
            >
              Open service {node.service}
            </Link>
          </p>
          <ServiceDataplanes mesh={node.mesh} service={node.service} fallback={node.dataplanes} />
        </>
      )}
      {findings && findings.length > 0 && (
        <section aria-labelledby={`${headingId}-findings`} data-testid="topology-panel-findings">
          <h3 id={`${headingId}-findings`}>{counted(findings.length, 'finding')}</h3>
          <ul className="findings">
            {findings.map((finding) => (
              <FindingCard key={finding.id} finding={finding} />
            ))}
          </ul>
        </section>
      )}
      {node && <Connections nodeId={node.id} graph={graph} drawn={drawn} onSelect={onSelect} />}
    </aside>
  );
}
