import { queryOptions } from '@tanstack/react-query';
import { delegatedGatewayService, SERVICE_TAG } from '../../mesh-model/identity';
import { selectGateway } from '../../traffic/gateway-binding';
import { pathOf } from '../client';
import { gatewayType } from '../dataplane-status';
import { inspectRulesSchema, meshHttpRouteSchema, meshTcpRouteSchema } from '../policy-schemas';
import { dataplaneOverviewSchema, listOf, meshGatewaySchema } from '../schemas';
import type { DataplaneOverview, MeshGateway, MeshHTTPRoute, MeshTCPRoute } from '../types';
import type { KumaApi } from './api';
import { gatewayKeys, routeKeys } from './keys';

/** A delegated gateway: the gateway dataplanes of one `kuma.io/service` in one mesh. */
export interface DelegatedGateway {
  mesh: string;
  service: string;
  dataplanes: DataplaneOverview[];
}

export interface GatewayList {
  builtin: { gateway: MeshGateway; instances: DataplaneOverview[] }[];
  delegated: DelegatedGateway[];
  /** Every gateway dataplane once, including BUILTIN ones no MeshGateway selects. */
  proxies: DataplaneOverview[];
}

const gatewayKey = (gateway: MeshGateway) => `${gateway.mesh}\u0000${gateway.name}`;

/**
 * Built-in gateways' instances: each BUILTIN dataplane goes to its best-matching MeshGateway of
 * its mesh (Kuma's own selection), so one matched by two gateways is an instance of one only.
 * Keyed by `mesh NUL name`; one selection per dataplane.
 */
export function instancesByGateway(
  meshGateways: readonly MeshGateway[],
  dataplanes: readonly DataplaneOverview[],
): Map<string, DataplaneOverview[]> {
  const byMesh = new Map<string, MeshGateway[]>();
  for (const gateway of meshGateways) {
    byMesh.set(gateway.mesh, [...(byMesh.get(gateway.mesh) ?? []), gateway]);
  }
  const instances = new Map<string, DataplaneOverview[]>();
  for (const dataplane of dataplanes) {
    if (gatewayType(dataplane.dataplane.networking) !== 'BUILTIN') continue;
    const rivals = byMesh.get(dataplane.mesh) ?? [];
    const winner = selectGateway(rivals, dataplane.dataplane.networking.gateway?.tags).gateway;
    if (!winner) continue;
    const list = instances.get(gatewayKey(winner)) ?? [];
    list.push(dataplane);
    instances.set(gatewayKey(winner), list);
  }
  return instances;
}

/** The instances of one built-in gateway, among `meshGateways` as rivals. */
export function instancesOf(
  gateway: MeshGateway,
  meshGateways: readonly MeshGateway[],
  dataplanes: readonly DataplaneOverview[],
): DataplaneOverview[] {
  return instancesByGateway(meshGateways, dataplanes).get(gatewayKey(gateway)) ?? [];
}

export function groupDelegated(dataplanes: DataplaneOverview[]): DelegatedGateway[] {
  const groups = new Map<string, DelegatedGateway>();
  for (const dataplane of dataplanes) {
    if (gatewayType(dataplane.dataplane.networking) !== 'DELEGATED') continue;
    const service = delegatedGatewayService(dataplane);
    const key = `${dataplane.mesh}\u0000${service}`;
    const group = groups.get(key) ?? { mesh: dataplane.mesh, service, dataplanes: [] };
    group.dataplanes.push(dataplane);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The list from its two reads: each BUILTIN proxy under its MeshGateway, DELEGATED ones by service. */
export function gatewayListOf(
  gateways: readonly MeshGateway[],
  proxies: DataplaneOverview[],
): GatewayList {
  const instances = instancesByGateway(gateways, proxies);
  return {
    builtin: gateways.map((gateway) => ({
      gateway,
      instances: instances.get(gatewayKey(gateway)) ?? [],
    })),
    delegated: groupDelegated(proxies),
    proxies,
  };
}

/**
 * Every gateway of every mesh: MeshGateways across meshes and all gateway dataplanes, i.e. two
 * or three requests however many meshes and proxies there are.
 */
export function gatewayListQuery(api: KumaApi) {
  return queryOptions({
    queryKey: gatewayKeys.list(api),
    queryFn: async ({ signal }): Promise<GatewayList> => {
      const [gateways, proxies] = await Promise.all([
        api.caps.builtinGateways
          ? api.client.getAll('/meshgateways', listOf(meshGatewaySchema), { signal })
          : Promise.resolve([] as MeshGateway[]),
        api.client.getAll('/dataplanes/_overview', listOf(dataplaneOverviewSchema), {
          signal,
          query: { gateway: 'true' },
        }),
      ]);
      return gatewayListOf(gateways, proxies);
    },
  });
}

export function builtinGatewayQuery(api: KumaApi, mesh: string, name: string) {
  return queryOptions({
    queryKey: gatewayKeys.builtin(api, mesh, name),
    queryFn: async ({ signal }) => {
      const [gateway, meshGateways, dataplanes, rules] = await Promise.all([
        api.client.get(pathOf('meshes', mesh, 'meshgateways', name), meshGatewaySchema, { signal }),
        // Its rivals: an instance is the gateway's only if no other selects it more specifically.
        api.client.getAll(pathOf('meshes', mesh, 'meshgateways'), listOf(meshGatewaySchema), {
          signal,
        }),
        api.client.getAll(
          pathOf('meshes', mesh, 'dataplanes', '_overview'),
          listOf(dataplaneOverviewSchema),
          { signal, query: { gateway: 'builtin' } },
        ),
        api.client
          .get(pathOf('meshes', mesh, 'meshgateways', name, '_rules'), inspectRulesSchema, {
            signal,
          })
          .catch(() => undefined),
      ]);
      return {
        gateway,
        instances: instancesOf(gateway, meshGateways, dataplanes),
        rules,
      };
    },
  });
}

export function meshRoutesQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: routeKeys.mesh(api, mesh),
    queryFn: async ({ signal }): Promise<{ http: MeshHTTPRoute[]; tcp: MeshTCPRoute[] }> => {
      const [http, tcp] = await Promise.all([
        api.client.getAll(pathOf('meshes', mesh, 'meshhttproutes'), listOf(meshHttpRouteSchema), {
          signal,
        }),
        api.client.getAll(pathOf('meshes', mesh, 'meshtcproutes'), listOf(meshTcpRouteSchema), {
          signal,
        }),
      ]);
      return { http, tcp };
    },
  });
}

export function delegatedGatewayQuery(api: KumaApi, mesh: string, service: string) {
  return queryOptions({
    queryKey: gatewayKeys.delegated(api, mesh, service),
    queryFn: async ({ signal }) => {
      const list = await api.client.getAll(
        pathOf('meshes', mesh, 'dataplanes', '_overview'),
        listOf(dataplaneOverviewSchema),
        { signal, query: { gateway: 'delegated', tag: [`${SERVICE_TAG}:${service}`] } },
      );
      // Tag filters match substrings: keep exact matches only.
      const dataplanes = list.filter((dataplane) => delegatedGatewayService(dataplane) === service);
      return { mesh, service, dataplanes } satisfies DelegatedGateway;
    },
  });
}

/** The MeshGateways of one mesh, to tell which one a built-in gateway proxy serves. */
export function meshGatewaysQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: gatewayKeys.ofMesh(api, mesh),
    queryFn: ({ signal }) =>
      api.client.getAll(pathOf('meshes', mesh, 'meshgateways'), listOf(meshGatewaySchema), {
        signal,
      }),
  });
}
