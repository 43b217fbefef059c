import type { MeshLive } from '../../kuma/queries/topology';
import type { MeshService, ServiceInsight } from '../../kuma/types';
import {
  type CountsSource,
  countsFromMeshServices,
  countsFromServiceInsights,
  type ServiceCounts,
} from '../../topology/service-health';
import { type MeshPolicies, meshServicesForModel } from './assemble-snapshot';

/** What the topology reads of an expanded mesh on every refresh. */
export interface LiveView {
  /** Stable across refreshes while unchanged (react-query shares what is deep-equal). */
  policies: MeshPolicies;
  serviceInsights: ServiceInsight[];
  /** With their statuses: the counts where ServiceInsights are not computed. */
  meshServices: MeshService[];
}

/**
 * Module-level, so react-query runs it only when the data changed; its result is structurally
 * shared with the previous one, so `policies` keeps its identity while the counts change.
 */
export function selectLive(data: MeshLive): LiveView {
  return {
    policies: {
      httpRoutes: data.httpRoutes,
      tcpRoutes: data.tcpRoutes,
      trafficPermissions: data.trafficPermissions,
      meshServices: meshServicesForModel(data.meshServices),
    },
    serviceInsights: data.serviceInsights,
    meshServices: data.meshServices,
  };
}

export type MeshShare = Pick<LiveView, 'policies' | 'meshServices'>;

export const NO_POLICIES: MeshShare = {
  policies: { httpRoutes: [], tcpRoutes: [], trafficPermissions: [], meshServices: [] },
  meshServices: [],
};

/** Policies read across meshes, by mesh (structurally shared, like `selectLive`). */
export function selectAllPolicies(
  data: Omit<MeshLive, 'serviceInsights'>,
): Record<string, MeshShare> {
  const byMesh: Record<string, MeshShare> = {};
  const entry = (mesh: string): MeshShare => {
    byMesh[mesh] ??= {
      policies: { httpRoutes: [], tcpRoutes: [], trafficPermissions: [], meshServices: [] },
      meshServices: [],
    };
    return byMesh[mesh];
  };
  for (const route of data.httpRoutes) entry(route.mesh).policies.httpRoutes.push(route);
  for (const route of data.tcpRoutes) entry(route.mesh).policies.tcpRoutes.push(route);
  for (const permission of data.trafficPermissions)
    entry(permission.mesh).policies.trafficPermissions.push(permission);
  for (const service of data.meshServices) entry(service.mesh).meshServices.push(service);
  for (const share of Object.values(byMesh))
    share.policies.meshServices = meshServicesForModel(share.meshServices);
  return byMesh;
}

export function countsOf(view: LiveView, source: CountsSource): Map<string, ServiceCounts> {
  return source === 'service-insights'
    ? countsFromServiceInsights(view.serviceInsights)
    : countsFromMeshServices(view.meshServices);
}
