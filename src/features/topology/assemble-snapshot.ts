import type { GatewayList } from '../../kuma/queries/gateways';
import type { meshTopologyQuery } from '../../kuma/queries/topology';
import type { ControlPlaneSnapshot, MeshSnapshot } from '../../kuma/snapshot';
import type { Mesh, ServiceInsight } from '../../kuma/types';

export type MeshDetail = Awaited<
  ReturnType<NonNullable<ReturnType<typeof meshTopologyQuery>['queryFn']>>
>;

/**
 * A control-plane snapshot from what the screens fetched: every mesh with its gateways and
 * gateway proxies, and full detail (all dataplanes, routes, permissions, services) where it was
 * loaded. The topology and the debugger both build it this way.
 */
export function assembleSnapshot(
  meshes: readonly Mesh[],
  gateways: GatewayList,
  details: ReadonlyMap<string, MeshDetail | undefined>,
  serviceInsights: ReadonlyMap<string, ServiceInsight[] | undefined> = new Map(),
): ControlPlaneSnapshot {
  return {
    meshes: meshes.map((mesh): MeshSnapshot => {
      const detail = details.get(mesh.name);
      return {
        mesh,
        gateways: gateways.builtin
          .map((entry) => entry.gateway)
          .filter((gateway) => gateway.mesh === mesh.name),
        dataplanes:
          detail?.dataplanes ??
          gateways.proxies.filter((dataplane) => dataplane.mesh === mesh.name),
        httpRoutes: detail?.httpRoutes ?? [],
        tcpRoutes: detail?.tcpRoutes ?? [],
        trafficPermissions: detail?.trafficPermissions ?? [],
        meshServices: detail?.meshServices ?? [],
        serviceInsights: serviceInsights.get(mesh.name) ?? [],
      };
    }),
  };
}
