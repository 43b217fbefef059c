import { queryOptions } from '@tanstack/react-query';
import { SERVICE_TAG } from '../../mesh-model/identity';
import { pathOf } from '../client';
import {
  meshHttpRouteSchema,
  meshServiceSchema,
  meshTcpRouteSchema,
  meshTrafficPermissionSchema,
} from '../policy-schemas';
import type { RequestPriority } from '../request-limiter';
import { dataplaneOverviewSchema, listOf, serviceInsightSchema } from '../schemas';
import type {
  DataplaneOverview,
  MeshHTTPRoute,
  MeshService,
  MeshTCPRoute,
  MeshTrafficPermission,
  ServiceInsight,
} from '../types';
import type { KumaApi } from './api';
import { topologyKeys } from './keys';
import { readableSecretNames, readSecretNames } from './secrets';

// `use-topology.ts` imports it from here; new code imports `./keys`.
export { topologyKeys };

/** Present only when readable, so the type says it may be absent. */
function optionalSecretNames(names: string[] | undefined): { secretNames?: string[] } {
  return names ? { secretNames: names } : {};
}

/**
 * Everything of one mesh at once, dataplanes included, for screens that evaluate one mesh in
 * full on demand (the trace). The topology reads `meshLiveQuery` and `meshStructureQuery`.
 */
export function meshTopologyQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: topologyKeys.mesh(api, mesh),
    queryFn: async ({ signal }) => {
      const all = { signal };
      const [proxies, httpRoutes, tcpRoutes, trafficPermissions, meshServices, secrets] =
        await Promise.all([
          api.client.getAll(
            pathOf('meshes', mesh, 'dataplanes', '_overview'),
            listOf(dataplaneOverviewSchema),
            all,
          ),
          api.client.getAll(
            pathOf('meshes', mesh, 'meshhttproutes'),
            listOf(meshHttpRouteSchema),
            all,
          ),
          api.client.getAll(
            pathOf('meshes', mesh, 'meshtcproutes'),
            listOf(meshTcpRouteSchema),
            all,
          ),
          api.client.getAll(
            pathOf('meshes', mesh, 'meshtrafficpermissions'),
            listOf(meshTrafficPermissionSchema),
            all,
          ),
          api.caps.meshServices
            ? api.client.getAll(
                pathOf('meshes', mesh, 'meshservices'),
                listOf(meshServiceSchema),
                all,
              )
            : Promise.resolve([] as MeshService[]),
          // Names only, for the missing-secret finding; unreadable (admin-only) or failing is
          // no judgement, never a failed trace.
          readSecretNames(api, mesh, signal).catch(() => undefined),
        ]);
      return {
        dataplanes: proxies,
        httpRoutes,
        tcpRoutes,
        trafficPermissions,
        meshServices,
        ...optionalSecretNames(readableSecretNames(secrets)),
      };
    },
  });
}

/** What the topology fetches of an expanded mesh on every refresh: nothing per dataplane. */
export interface MeshLive {
  /** Per-service aggregates (2.6 – 2.14); empty where MeshService statuses count instead. */
  serviceInsights: ServiceInsight[];
  httpRoutes: MeshHTTPRoute[];
  tcpRoutes: MeshTCPRoute[];
  trafficPermissions: MeshTrafficPermission[];
  meshServices: MeshService[];
}

export interface MeshLiveParts {
  /** ServiceInsights: false on 3.x and in Exclusive meshes (MeshService statuses count there). */
  insights: boolean;
  /** Its policies: false when the screen reads them across meshes (`allPoliciesQuery`). */
  policies: boolean;
}

/**
 * An expanded mesh's aggregates and, unless read across meshes, the policies its drawing needs,
 * on every refresh: these grow with services and configuration, not with dataplanes.
 */
export function meshLiveQuery(
  api: KumaApi,
  mesh: string,
  parts: MeshLiveParts,
  priority?: RequestPriority,
) {
  return queryOptions({
    queryKey: topologyKeys.liveParts(api, mesh, parts.insights, parts.policies),
    queryFn: async ({ signal }): Promise<MeshLive> => {
      const all = { signal, ...(priority ? { priority } : {}) };
      const none = <T>() => Promise.resolve([] as T[]);
      const [serviceInsights, httpRoutes, tcpRoutes, trafficPermissions, meshServices] =
        await Promise.all([
          parts.insights && api.caps.serviceInsights
            ? api.client.getAll(
                pathOf('meshes', mesh, 'service-insights'),
                listOf(serviceInsightSchema),
                all,
              )
            : none<ServiceInsight>(),
          parts.policies
            ? api.client.getAll(
                pathOf('meshes', mesh, 'meshhttproutes'),
                listOf(meshHttpRouteSchema),
                all,
              )
            : none<MeshHTTPRoute>(),
          parts.policies
            ? api.client.getAll(
                pathOf('meshes', mesh, 'meshtcproutes'),
                listOf(meshTcpRouteSchema),
                all,
              )
            : none<MeshTCPRoute>(),
          parts.policies
            ? api.client.getAll(
                pathOf('meshes', mesh, 'meshtrafficpermissions'),
                listOf(meshTrafficPermissionSchema),
                all,
              )
            : none<MeshTrafficPermission>(),
          parts.policies && api.caps.meshServices
            ? api.client.getAll(
                pathOf('meshes', mesh, 'meshservices'),
                listOf(meshServiceSchema),
                all,
              )
            : none<MeshService>(),
        ]);
      return { serviceInsights, httpRoutes, tcpRoutes, trafficPermissions, meshServices };
    },
  });
}

/**
 * The policies the topology draws, of every mesh at once (kuma-cp lists each type across meshes
 * at `/<type>`): four requests per refresh however many meshes are expanded, instead of four per
 * mesh. Worth it once several meshes are expanded; the caller splits them by mesh.
 */
export function allPoliciesQuery(api: KumaApi, priority?: RequestPriority) {
  return queryOptions({
    queryKey: topologyKeys.policies(api),
    queryFn: async ({ signal }): Promise<Omit<MeshLive, 'serviceInsights'>> => {
      const all = { signal, ...(priority ? { priority } : {}) };
      const [httpRoutes, tcpRoutes, trafficPermissions, meshServices] = await Promise.all([
        api.client.getAll('/meshhttproutes', listOf(meshHttpRouteSchema), all),
        api.client.getAll('/meshtcproutes', listOf(meshTcpRouteSchema), all),
        api.client.getAll('/meshtrafficpermissions', listOf(meshTrafficPermissionSchema), all),
        api.caps.meshServices
          ? api.client.getAll('/meshservices', listOf(meshServiceSchema), all)
          : Promise.resolve([] as MeshService[]),
      ]);
      return { httpRoutes, tcpRoutes, trafficPermissions, meshServices };
    },
  });
}

/** How long an unused structure stays cached: a mesh expanded again within it is drawn at once. */
const STRUCTURE_GC_MS = 60_000;

/** The sidecars of an expanded mesh, and what the topology judged them against. */
export interface MeshStructure {
  dataplanes: DataplaneOverview[];
  /**
   * The aggregates' signature (see `structureSignature`) this list was taken to answer: set by
   * the topology, kept with the list so that it outlives the screen, absent from a fresh fetch.
   */
  signature?: string;
}

/**
 * The sidecars of an expanded mesh (every dataplane that is not a gateway proxy, page by page):
 * who serves which service and calls which. The one fetch that grows with dataplanes, so it never
 * goes stale by itself (nor on focus or reconnect): the topology refetches it when the aggregates'
 * signature changes, plus a slow backstop. Fetched as the mesh is expanded, alongside its first
 * aggregates rather than after them. Gateway proxies come from the gateway list, fresh on every
 * refresh.
 */
export function meshStructureQuery(api: KumaApi, mesh: string, priority?: RequestPriority) {
  return queryOptions({
    queryKey: topologyKeys.structure(api, mesh),
    queryFn: async ({ signal }): Promise<MeshStructure> => ({
      dataplanes: await api.client.getAll(
        pathOf('meshes', mesh, 'dataplanes', '_overview'),
        listOf(dataplaneOverviewSchema),
        { signal, query: { gateway: 'false' }, ...(priority ? { priority } : {}) },
      ),
    }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: STRUCTURE_GC_MS,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/**
 * The dataplanes of one service, live, for the side panel of its node: the structure's
 * statuses may be older than a refresh.
 */
export function serviceDataplanesQuery(api: KumaApi, mesh: string, service: string) {
  return queryOptions({
    queryKey: topologyKeys.serviceDataplanes(api, mesh, service),
    queryFn: async ({ signal }): Promise<DataplaneOverview[]> => {
      const list = await api.client.getAll(
        pathOf('meshes', mesh, 'dataplanes', '_overview'),
        listOf(dataplaneOverviewSchema),
        { signal, query: { gateway: 'false', tag: [`${SERVICE_TAG}:${service}`] } },
      );
      // Tag filters match substrings: keep the service's own dataplanes.
      return list.filter((dataplane) =>
        (dataplane.dataplane.networking.inbound ?? []).some(
          (inbound) => inbound.tags?.[SERVICE_TAG] === service,
        ),
      );
    },
  });
}

/** One gateway proxy's Envoy stats, for observed request rates on the gateway's edges. */
export function proxyStatsQuery(api: KumaApi, mesh: string, name: string) {
  return queryOptions({
    queryKey: topologyKeys.stats(api, mesh, name),
    queryFn: ({ signal }) =>
      api.client.getText(`${pathOf('meshes', mesh, 'dataplanes', name)}/stats`, {
        signal,
        // Rates decorate the gateway's edges: the meshes' own data is drawn first.
        priority: 'background',
      }),
    retry: false,
  });
}
