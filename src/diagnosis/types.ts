/**
 * Findings of the mesh-wide diagnosis (gateway-semantics.md §6.2): what a platform engineer can
 * act on, computed from what the control plane says about the meshes. Pure data.
 */

export type Severity = 'error' | 'warning' | 'info';

/** One id per §6.2 item; items with distinct conditions (2, 3) have one id per condition. */
export type DiagnosisRule =
  | 'no-capacity'
  | 'shadowed-gateway'
  | 'unbound-gateway-dataplane'
  | 'gateway-not-built'
  | 'listener-without-routes'
  | 'route-on-some-instances'
  | 'host-shadowed'
  | 'route-hostnames-never-match'
  | 'unresolvable-backend'
  | 'no-healthy-backend'
  | 'missing-traffic-permission'
  | 'mtls-off'
  | 'tls-sni'
  | 'tls-missing-secret'
  | 'config-rejected'
  | 'legacy-routes-overridden'
  | 'delegated-not-meshed'
  | 'cross-mesh-unreachable';

/** A resource a finding is about or involves. */
export interface ResourceRef {
  /**
   * Kuma resource type (`MeshGateway`, `MeshHTTPRoute`, `Dataplane`, `MeshService`, `Mesh`, …),
   * `ServiceInsight` for a `kuma.io/service` tag value (as the traffic trace names it), and
   * `DelegatedGateway` for the delegated gateway proxies sharing one `kuma.io/service`.
   */
  type: string;
  mesh: string;
  name: string;
}

export type FixActionKind =
  | 'edit-gateway'
  | 'new-route'
  | 'edit-route'
  | 'new-permission'
  | 'edit-permission'
  | 'edit-mesh'
  | 'start-dataplane';

/** The route kind a route form edits: MeshHTTPRoute (`http`) or MeshTCPRoute (`tcp`). */
export type FixRouteKind = 'http' | 'tcp';

/**
 * What the UI can open to fix a finding. `name` is the MeshGateway for `edit-gateway` and
 * `new-route` (omitted: a new MeshGateway), the route for `edit-route`, the destination service
 * for `new-permission`, the MeshTrafficPermission for `edit-permission` (one whose `rules[]`
 * decide, so a new `from[]` policy would be ignored), and for `start-dataplane` the Dataplane to
 * start (omitted when none exists yet: the subject names what needs one).
 *
 * `routeKind` is set for `new-route` (the kind the listener needs) and `edit-route` (the kind of
 * the route); `gateway` is the MeshGateway an `edit-route` route targets, or for
 * `new-permission` the gateway that is denied, whose proxies present `source` as their
 * `kuma.io/service`.
 */
export interface FixAction {
  kind: FixActionKind;
  mesh: string;
  name?: string;
  listenerIndex?: number;
  routeKind?: FixRouteKind;
  gateway?: string;
  source?: string;
}

export interface Finding {
  /** Stable across refreshes: `${rule}:${mesh}:${type}/${name}` plus a qualifier when one resource has several. */
  id: string;
  rule: DiagnosisRule;
  severity: Severity;
  mesh: string;
  subject: ResourceRef;
  related: ResourceRef[];
  /** Topology node ids to badge (`src/topology/types.ts`). */
  nodeIds: string[];
  title: string;
  /** What clients see. */
  symptom: string;
  /** The data that proves it, as sentences quoting the values; says what could not be checked. */
  evidence: string[];
  fix: string;
  fixAction?: FixAction;
}
