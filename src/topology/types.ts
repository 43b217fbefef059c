/**
 * The topology model: one graph of north/south traffic that both renderers (mermaid text in the
 * docs' style, and the interactive React Flow view) read. Pure data, no React.
 */

export type Health = 'online' | 'degraded' | 'offline' | 'unknown';

export type TopologyNodeKind =
  | 'client'
  | 'edge'
  | 'mesh'
  | 'call-group'
  | 'gateway'
  | 'service'
  | 'sidecar';

export interface DataplaneRef {
  mesh: string;
  /** The stored name, which API paths take (hashed on a global control plane). */
  name: string;
  /** The name it was given on its zone (`kuma.io/display-name`), the one to show. */
  displayName: string;
  status: 'online' | 'offline' | 'partially_degraded';
  zone?: string;
}

export interface ListenerSummary {
  index: number;
  port?: number;
  protocol: string;
  hostname: string;
  crossMesh: boolean;
  tls?: string;
  /** Routes attached to this listener. */
  routes: number;
}

interface NodeBase {
  /** Stable across refreshes (built from Kuma identities), so positions and selection survive. */
  id: string;
  kind: TopologyNodeKind;
  label: string;
  /** The group (mesh or call group) this node is drawn in. */
  parent?: string;
}

export interface ClientNode extends NodeBase {
  kind: 'client';
}

/** The Kong Gateway at the edge: Kuma cannot see it, the user declares what it fronts. */
export interface EdgeNode extends NodeBase {
  kind: 'edge';
}

export interface MeshNode extends NodeBase {
  kind: 'mesh';
  mesh: string;
  /** Drawn as one summary node, its members folded in (large meshes, or by the user). */
  collapsed?: boolean;
  mtls: boolean;
  zones: string[];
  health: Health;
  counts: { services: number; dataplanes: number; online: number; gateways: number };
}

/** Services that call each other, drawn together (the docs' inner subgraphs). */
export interface CallGroupNode extends NodeBase {
  kind: 'call-group';
  mesh: string;
}

export interface GatewayNode extends NodeBase {
  kind: 'gateway';
  mesh: string;
  gatewayKind: 'builtin' | 'delegated';
  /** MeshGateway name, or the `kuma.io/service` of the delegated gateway's proxies. */
  name: string;
  /** What to show: a MeshGateway synced by KDS (either direction) is stored under a hashed name. */
  displayName: string;
  listeners: ListenerSummary[];
  instances: DataplaneRef[];
  health: Health;
  zones: string[];
  crossMesh: boolean;
}

export interface ServiceNode extends NodeBase {
  kind: 'service';
  mesh: string;
  service: string;
  health: Health;
}

/**
 * The KUMA-DP sidecars of one service (one per replica), drawn as one node when collapsed. A
 * dataplane is in exactly one: the one of the service of its first inbound, the service Kuma
 * identifies it by; its other inbounds' services link to this node instead of a copy of it.
 */
export interface SidecarNode extends NodeBase {
  kind: 'sidecar';
  mesh: string;
  /** The service of its dataplanes' first inbound: what the node's id is built from. */
  service: string;
  /** Every service its dataplanes serve, `service` first: the services linked to it. */
  services: string[];
  dataplanes: DataplaneRef[];
  health: Health;
  zones: string[];
  /**
   * From the service's aggregate (ServiceInsight or MeshService status), fresher than the
   * statuses in `dataplanes` (the dataplane list is refetched only when the structure changes):
   * what "n/m online" shows. Absent where there is no aggregate.
   */
  counts?: { total: number; online: number };
}

export type TopologyNode =
  | ClientNode
  | EdgeNode
  | MeshNode
  | CallGroupNode
  | GatewayNode
  | ServiceNode
  | SidecarNode;

/** Dashed when the mesh manages the traffic (mTLS, policies), solid when it does not. */
export type EdgeKind = 'managed' | 'unmanaged';

/** Where an edge comes from: Kuma config, Envoy stats, or the user's declaration. */
export type EdgeOrigin = 'configured' | 'observed' | 'declared';

export type EdgeRelation =
  | 'client-edge'
  | 'edge-gateway'
  | 'gateway-service'
  | 'service-sidecar'
  | 'sidecar-sidecar'
  | 'cross-mesh'
  | 'delegated-peers';

export interface EdgeTraffic {
  requestsPerSecond: number;
  /** Share of 4xx + 5xx responses, 0–1. */
  errorShare: number;
}

export interface TopologyEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  origin: EdgeOrigin;
  relation: EdgeRelation;
  /** Traffic both ways (`<-.->` / `<-->` in mermaid). */
  bidirectional: boolean;
  traffic?: EdgeTraffic;
  /**
   * The observed rates this link shows, summed (keys of the rates `withTraffic` lays over the
   * model): a model is built when the structure changes, its rates change every refresh.
   */
  trafficKeys?: string[];
  /** The resources that make this edge exist (routes, outbounds, listeners). */
  via?: { type: string; mesh: string; name: string }[];
  /** How many model edges a collapsed mesh folded into this one. */
  folded?: number;
}

export interface TopologyGraph {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  zones: string[];
  /** Meshes with no gateways and no dataplanes: nothing to draw, but worth naming. */
  emptyMeshes?: string[];
}

export const CLIENT_ID = 'client';
export const EDGE_ID = 'edge';

export function meshId(mesh: string): string {
  return `mesh:${mesh}`;
}

export function gatewayId(mesh: string, kind: 'builtin' | 'delegated', name: string): string {
  return `gateway:${kind}:${mesh}/${name}`;
}

export function serviceId(mesh: string, service: string): string {
  return `service:${mesh}/${service}`;
}

export function sidecarId(mesh: string, service: string): string {
  return `sidecar:${mesh}/${service}`;
}

export function callGroupId(mesh: string, firstService: string): string {
  return `group:${mesh}/${firstService}`;
}

/** An edge's id: its relation and ends, so the same link keeps its id across refreshes. */
export function edgeId(relation: EdgeRelation, source: string, target: string): string {
  return `${relation}:${source}->${target}`;
}
