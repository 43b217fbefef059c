import type { GatewayList } from '../../kuma/queries/gateways';
import type { meshTopologyQuery } from '../../kuma/queries/topology';
import type { ControlPlaneSnapshot, MeshSnapshot } from '../../kuma/snapshot';
import type { DataplaneOverview, Mesh, MeshService, ServiceInsight } from '../../kuma/types';

export type MeshDetail = Awaited<
  ReturnType<NonNullable<ReturnType<typeof meshTopologyQuery>['queryFn']>>
>;

/** The policies of a mesh the drawing reads (routes, permissions, MeshServices). */
export type MeshPolicies = Omit<MeshDetail, 'dataplanes'>;

/**
 * An expanded mesh's detail as the topology fetches it: sidecars from its structure (refetched
 * when it changes), gateway proxies from the gateway list (read again where the mesh insights
 * say they changed, so gateway health is current), policies from the per-refresh query.
 */
export function topologyDetail(
  mesh: string,
  structure: readonly DataplaneOverview[],
  gatewayProxies: readonly DataplaneOverview[],
  policies: MeshPolicies,
): MeshDetail {
  return {
    ...policies,
    dataplanes: [
      // The structure asks for non-gateway dataplanes only; a control plane that ignored the
      // filter must not draw its gateway proxies twice.
      ...structure.filter((dataplane) => !dataplane.dataplane?.networking?.gateway),
      ...gatewayProxies.filter((dataplane) => dataplane.mesh === mesh),
    ],
  };
}

/**
 * MeshServices as the model reads them: without `status.dataplaneProxies`, which changes with
 * every proxy that connects or disconnects and plays no part in the drawing (service names and
 * ports do), so the model is not rebuilt for it. The counts are overlaid separately.
 */
export function meshServicesForModel(services: readonly MeshService[]): MeshService[] {
  return services.map((service) => {
    if (!service.status?.dataplaneProxies) return service;
    const { dataplaneProxies: _counts, ...status } = service.status;
    return { ...service, status };
  });
}

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
        ...(detail?.secretNames ? { secretNames: detail.secretNames } : {}),
      };
    }),
  };
}
