import type {
  DataplaneOverview,
  Mesh,
  MeshGateway,
  MeshHTTPRoute,
  MeshService,
  MeshTCPRoute,
  MeshTrafficPermission,
  ServiceInsight,
} from './types';

/**
 * Everything the control plane says about one mesh, gathered in one object. The topology
 * builder, the traffic-path evaluator and the demo control plane's traffic simulation all read
 * this shape, so they agree on what the data means.
 */
export interface MeshSnapshot {
  mesh: Mesh;
  /** Empty on 3.x, which has no built-in gateways. */
  gateways: MeshGateway[];
  /** Sidecars and gateway proxies, with their insights (online status). */
  dataplanes: DataplaneOverview[];
  httpRoutes: MeshHTTPRoute[];
  tcpRoutes: MeshTCPRoute[];
  trafficPermissions: MeshTrafficPermission[];
  /** Empty where MeshServices are not in use (2.6, or `meshServices.mode: Disabled`). */
  meshServices: MeshService[];
  /** Empty on 3.x and in Exclusive meshes on 2.14, which no longer compute ServiceInsights. */
  serviceInsights: ServiceInsight[];
  /**
   * Names of the mesh's Secrets, where the token may list them (Secrets are admin-only);
   * undefined when they were not read or not readable, so no rule judges a secret then.
   */
  secretNames?: readonly string[];
}

/** Several meshes: cross-mesh gateways are reachable from every mesh with mTLS. */
export interface ControlPlaneSnapshot {
  meshes: MeshSnapshot[];
}
