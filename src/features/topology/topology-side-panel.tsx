import { useId } from 'react';
import { Link } from 'react-router';
import type { Finding } from '../../diagnosis';
import { counted } from '../../lib/plural';
import type { TopologyEdge, TopologyGraph, TopologyNode } from '../../topology/types';
import { FindingCard } from '../../ui/finding-card';
import { Pill } from '../../ui/status-badge';
import { trafficLabel } from './legend';
import {
  EdgeDetails,
  type EdgeFrontsControl,
  GatewayDetails,
  MeshDetails,
  ServiceDetails,
  SidecarDetails,
  viaHref,
} from './topology-panel-details';

export type { EdgeFrontsControl } from './topology-panel-details';

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
  'service-sidecar': 'its KUMA-DP sidecar',
  'sidecar-sidecar': 'calls',
  'cross-mesh': 'cross-mesh listener',
  'delegated-peers': 'between delegated gateways',
};

function nameOf(node: TopologyNode | undefined, fallback: string): string {
  if (!node) return fallback;
  if (node.kind === 'sidecar') return `KUMA-DP of ${node.services.join(', ')}`;
  if (node.kind === 'service') return `service ${node.service}`;
  if (node.kind === 'gateway') return `${node.displayName} (${node.mesh})`;
  return node.label;
}

/** A route attached to two listeners of one gateway names the edge twice. */
function uniqueVias(vias: TopologyEdge['via']): NonNullable<TopologyEdge['via']> {
  const unique = new Map<string, NonNullable<TopologyEdge['via']>[number]>();
  for (const via of vias ?? []) unique.set(`${via.type}/${via.mesh}/${via.name}`, via);
  return [...unique.values()];
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
      {node?.kind === 'service' && <ServiceDetails service={node} />}
      {node?.kind === 'sidecar' && <SidecarDetails sidecar={node} />}
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
