// Over 400 lines on purpose: one view per node kind, sharing Handles, rootClass and the far/near switch; apart they would import each other.
import {
  Handle,
  type NodeProps,
  type NodeTypes,
  Position,
  type ReactFlowState,
  useStore,
} from '@xyflow/react';
import {
  type ComponentType,
  type KeyboardEvent,
  type MouseEvent,
  memo,
  type ReactNode,
} from 'react';
import { sidecarOnline } from '../../topology/service-health';
import type { TopologyFlowNode } from '../../topology/to-react-flow';
import type { Health, TopologyNode } from '../../topology/types';
import { useCanvasActions } from './canvas-actions';
import { listenerText, onlineCount } from './describe';
import { LATERAL_HANDLES } from './layout-graph';
import { HEALTH_LABEL } from './legend';
import { useNodeFindings } from './node-findings';

type FlowNodeProps = NodeProps<TopologyFlowNode>;
type NodeOf<K extends TopologyNode['kind']> = Extract<TopologyNode, { kind: K }>;

/** Listener rows a gateway node shows before "+N more" (the layout leaves room for 8). */
const MAX_LISTENER_ROWS = 8;
/** Dataplane rows an expanded sidecar shows (the layout leaves room for 20). */
const MAX_DATAPLANE_ROWS = 20;

/** Left in, right out; nodes that link across meshes also get top and bottom handles. */
function Handles({ lateral = false }: { lateral?: boolean }) {
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Handle type="source" position={Position.Right} isConnectable={false} />
      {lateral &&
        (['top', 'bottom'] as const).flatMap((side) =>
          (['source', 'target'] as const).map((type) => (
            <Handle
              key={`${side}-${type}`}
              id={LATERAL_HANDLES[side]}
              type={type}
              position={side === 'top' ? Position.Top : Position.Bottom}
              isConnectable={false}
            />
          )),
        )}
    </>
  );
}

function HealthDot({ health }: { health: Health }) {
  return (
    <span
      className={`topo-dot topo-dot--${health}`}
      role="img"
      aria-label={HEALTH_LABEL[health]}
      title={HEALTH_LABEL[health]}
    />
  );
}

/** A button inside a node: acts without selecting the node or panning the canvas. */
function NodeButton({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="topo-node__button nodrag nopan"
      aria-label={label}
      title={label}
      onClick={(event: MouseEvent) => {
        event.stopPropagation();
        onClick();
      }}
      onKeyDown={(event: KeyboardEvent) => event.stopPropagation()}
    >
      {children}
    </button>
  );
}

function rootClass(kind: string, data: FlowNodeProps['data'], extra = ''): string {
  return [
    'topo-node',
    `topo-node--${kind}`,
    data.dimmed ? 'topo-node--dimmed' : '',
    data.highlighted ? 'topo-node--highlighted' : '',
    extra,
  ]
    .filter(Boolean)
    .join(' ');
}

/** The diagnosis findings that concern a node, as a small badge (the Trace page's Check tab lists them). */
function FindingBadge({ id }: { id: string }) {
  const findings = useNodeFindings(id);
  if (!findings) return null;
  return (
    <span
      className={`topo-finding topo-finding--${findings.severity}`}
      data-finding-severity={findings.severity}
      role="img"
      title={findings.titles.join('\n')}
      aria-label={`${findings.count} ${findings.severity === 'info' ? 'note' : findings.severity}${findings.count === 1 ? '' : 's'}: ${findings.titles.join('; ')}`}
    >
      {findings.count > 1 ? findings.count : findings.severity === 'info' ? 'i' : '!'}
    </span>
  );
}

function ClientView({ data }: FlowNodeProps) {
  return (
    <div className={rootClass('client', data)} data-kind="client">
      <span className="topo-node__title">{data.node.label}</span>
      <Handles />
    </div>
  );
}

function EdgeGatewayView({ data }: FlowNodeProps) {
  return (
    <div className={rootClass('edge', data)} data-kind="edge">
      <span className="topo-node__title">{data.node.label}</span>
      <span className="topo-node__caption">edge · declared by you</span>
      <Handles />
    </div>
  );
}

function MeshGroupView({ data, id }: FlowNodeProps) {
  const mesh = data.node as NodeOf<'mesh'>;
  const { toggleMesh } = useCanvasActions();
  return (
    <div
      className={rootClass('mesh', data, `topo-health--${mesh.health}`)}
      data-kind="mesh"
      data-parent={data.node.parent}
      data-health={mesh.health}
      data-mesh={mesh.mesh}
    >
      <div className="topo-mesh__header">
        <HealthDot health={mesh.health} />
        <span className="topo-mesh__title">{mesh.label}</span>
        <FindingBadge id={id} />
        <span className={`topo-tag ${mesh.mtls ? 'topo-tag--ok' : ''}`}>
          mTLS {mesh.mtls ? 'on' : 'off'}
        </span>
        {mesh.zones.length > 0 && (
          <span className="topo-mesh__zones" title={mesh.zones.join(', ')}>
            {mesh.zones.length === 1 ? mesh.zones[0] : `${mesh.zones.length} zones`}
          </span>
        )}
        <NodeButton
          label={`Collapse mesh ${mesh.mesh}`}
          onClick={() => toggleMesh(mesh.mesh, true)}
        >
          −
        </NodeButton>
      </div>
      <Handles lateral />
    </div>
  );
}

function MeshSummaryView({ data, id }: FlowNodeProps) {
  const mesh = data.node as NodeOf<'mesh'>;
  const { toggleMesh } = useCanvasActions();
  const { counts } = mesh;
  return (
    <div
      className={rootClass('mesh-summary', data, `topo-health--${mesh.health}`)}
      data-kind="mesh"
      data-parent={data.node.parent}
      data-collapsed="true"
      data-health={mesh.health}
      data-mesh={mesh.mesh}
    >
      <div className="topo-mesh__header">
        <HealthDot health={mesh.health} />
        <span className="topo-mesh__title" title={mesh.label}>
          {mesh.mesh}
        </span>
        <FindingBadge id={id} />
        <span className={`topo-tag ${mesh.mtls ? 'topo-tag--ok' : ''}`}>
          mTLS {mesh.mtls ? 'on' : 'off'}
        </span>
        <NodeButton label={`Expand mesh ${mesh.mesh}`} onClick={() => toggleMesh(mesh.mesh, false)}>
          +
        </NodeButton>
      </div>
      <div className="topo-node__line">
        {counts.gateways} gateway{counts.gateways === 1 ? '' : 's'} · {counts.services} service
        {counts.services === 1 ? '' : 's'}
      </div>
      <div className="topo-node__line">
        {counts.online}/{counts.dataplanes} dataplanes online
      </div>
      <Handles lateral />
    </div>
  );
}

function CallGroupView({ data }: FlowNodeProps) {
  return <div className="topo-callgroup" data-kind="call-group" data-parent={data.node.parent} />;
}

function GatewayView({ data, id }: FlowNodeProps) {
  const gateway = data.node as NodeOf<'gateway'>;
  const { online, total } = onlineCount(gateway.instances);
  const shown =
    gateway.listeners.length > MAX_LISTENER_ROWS
      ? gateway.listeners.slice(0, MAX_LISTENER_ROWS - 1)
      : gateway.listeners;
  const hidden = gateway.listeners.length - shown.length;
  return (
    <div
      className={rootClass('gateway', data, `topo-health--${gateway.health}`)}
      data-kind="gateway"
      data-parent={data.node.parent}
      data-gateway-kind={gateway.gatewayKind}
      data-health={gateway.health}
    >
      <div className="topo-node__head">
        <span className={`topo-badge topo-badge--${gateway.gatewayKind}`}>
          {gateway.gatewayKind === 'builtin' ? 'built-in' : 'delegated'}
        </span>
        <span className="topo-node__name" title={gateway.name}>
          {gateway.displayName}
        </span>
        <FindingBadge id={id} />
      </div>
      {shown.length > 0 ? (
        <ul className="topo-listeners">
          {shown.map((listener) => (
            <li key={listener.index}>
              <span className="topo-listeners__text">{listenerText(listener)}</span>
              {listener.crossMesh && <span className="topo-tag topo-tag--cross">cross-mesh</span>}
            </li>
          ))}
          {hidden > 0 && <li className="muted">+{hidden} more</li>}
        </ul>
      ) : gateway.gatewayKind === 'builtin' ? (
        <div className="topo-node__line muted">no listeners</div>
      ) : null}
      <div className="topo-node__foot">
        <HealthDot health={gateway.health} />
        <span>
          {online}/{total} instance{total === 1 ? '' : 's'} online
        </span>
      </div>
      <Handles lateral />
    </div>
  );
}

function ServiceView({ data, id }: FlowNodeProps) {
  const service = data.node as NodeOf<'service'>;
  return (
    <div
      className={rootClass('service', data, `topo-health--${service.health}`)}
      data-kind="service"
      data-parent={data.node.parent}
      data-health={service.health}
    >
      <span className="topo-node__caption">Service</span>
      <span className="topo-node__name" title={service.service}>
        {service.service}
      </span>
      <FindingBadge id={id} />
      <Handles />
    </div>
  );
}

function SidecarView({ data, id }: FlowNodeProps) {
  const sidecar = data.node as NodeOf<'sidecar'>;
  const { toggleSidecar } = useCanvasActions();
  const { online, total } = sidecarOnline(sidecar);
  const rows =
    sidecar.dataplanes.length > MAX_DATAPLANE_ROWS
      ? sidecar.dataplanes.slice(0, MAX_DATAPLANE_ROWS - 1)
      : sidecar.dataplanes;
  return (
    <div
      className={rootClass('sidecar', data, `topo-health--${sidecar.health}`)}
      data-kind="sidecar"
      data-parent={data.node.parent}
      data-health={sidecar.health}
      data-expanded={data.expanded ? 'true' : 'false'}
    >
      <div className="topo-node__head">
        <HealthDot health={sidecar.health} />
        <span className="topo-node__title">KUMA-DP{total > 1 ? ` ×${total}` : ''}</span>
        <span className="topo-node__count">
          {online}/{total}
        </span>
        <FindingBadge id={id} />
        {total > 0 && (
          <NodeButton
            label={`${data.expanded ? 'Hide' : 'List'} the dataplanes of ${sidecar.service}`}
            onClick={() => toggleSidecar(id)}
          >
            {data.expanded ? '▾' : '▸'}
          </NodeButton>
        )}
      </div>
      {data.expanded ? (
        <ul className="topo-dataplanes">
          {rows.map((dataplane) => (
            <li key={dataplane.name}>
              <span className={`topo-dot topo-dot--${dataplane.status}`} aria-hidden="true" />
              <span className="topo-dataplanes__name" title={dataplane.name}>
                {dataplane.displayName}
              </span>
            </li>
          ))}
          {sidecar.dataplanes.length > rows.length && (
            <li className="muted">+{sidecar.dataplanes.length - rows.length} more</li>
          )}
        </ul>
      ) : (
        <span className="topo-node__caption" title={sidecar.service}>
          {total === 1 ? sidecar.dataplanes[0]?.displayName : sidecar.service}
        </span>
      )}
      <Handles />
    </div>
  );
}

/**
 * Below this zoom, in a graph of more than FAR_ABOVE_NODES nodes, a node is drawn as its box
 * only (and the canvas hides edge dashes, arrowheads and rate labels): text a few pixels high
 * is noise, and a box mounts and paints in a fraction of the time, which is what panning a
 * zoomed-out large graph spends its frames on. A small graph keeps its text at any zoom.
 */
export const FAR_NODE_ZOOM = 0.35;
export const FAR_ABOVE_NODES = 150;

/** A boolean selector: re-renders when the answer flips, not on every frame. */
export const isFarView = (state: ReactFlowState) =>
  state.transform[2] < FAR_NODE_ZOOM && state.nodeLookup.size > FAR_ABOVE_NODES;

/**
 * Further out still, in a graph of more than DETAIL_ABOVE_NODES nodes (several expanded
 * meshes), the services and sidecars inside meshes are not mounted at all: a 170 px box is
 * 25 px there and its text under 2 px, and a thousand boxes with their edges are what a pan
 * or a zoom repaints. Meshes, gateways and the edge stay; the canvas says what is hidden.
 */
export const DETAIL_HIDDEN_ZOOM = 0.15;
export const DETAIL_ABOVE_NODES = 300;

export const isDetailHidden = (state: ReactFlowState) =>
  state.transform[2] < DETAIL_HIDDEN_ZOOM && state.nodeLookup.size > DETAIL_ABOVE_NODES;

/** The box of a node seen from afar: its kind, health colour and handles, no text. */
function FarShell({ data, kind }: { data: FlowNodeProps['data']; kind: string }) {
  const node = data.node;
  const health = 'health' in node ? node.health : undefined;
  const className = node.kind === 'mesh' && node.collapsed ? 'mesh-summary' : kind;
  return (
    <div
      className={rootClass(
        className,
        data,
        health ? `topo-health--${health} topo-node--far` : 'topo-node--far',
      )}
      data-kind={node.kind}
      data-parent={node.parent}
      {...(health ? { 'data-health': health } : {})}
      title={node.label}
    >
      {node.kind === 'mesh' && (
        // Readable at any zoom (`--topo-zoom`, set by the canvas): from afar a mesh is its name.
        <span className="topo-far-label">
          {node.mesh}
          <small>
            {node.counts.services} {node.counts.services === 1 ? 'service' : 'services'}
          </small>
        </span>
      )}
      <Handles lateral={node.kind === 'mesh' || node.kind === 'gateway'} />
    </div>
  );
}

function nearOnly(kind: string, View: ComponentType<FlowNodeProps>) {
  function NodeView(props: FlowNodeProps) {
    const far = useStore(isFarView);
    return far ? <FarShell data={props.data} kind={kind} /> : <View {...props} />;
  }
  return memo(NodeView);
}

/** Module constant: React Flow re-creates every node when this object changes identity. */
export const nodeTypes: NodeTypes = {
  client: nearOnly('client', ClientView),
  edge: nearOnly('edge', EdgeGatewayView),
  meshGroup: nearOnly('mesh', MeshGroupView),
  meshSummary: nearOnly('mesh-summary', MeshSummaryView),
  callGroup: memo(CallGroupView),
  gateway: nearOnly('gateway', GatewayView),
  service: nearOnly('service', ServiceView),
  sidecar: nearOnly('sidecar', SidecarView),
};
