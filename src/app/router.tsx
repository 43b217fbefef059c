import type { QueryClient } from '@tanstack/react-query';
import {
  createBrowserRouter,
  type LoaderFunction,
  Navigate,
  type RouteObject,
  type ShouldRevalidateFunction,
} from 'react-router';
import type { KumaClient } from '../kuma/client';
import type { KumaApi } from '../kuma/queries/api';
import { controlPlaneQuery } from '../kuma/queries/control-plane';
import { ROUTES } from '../lib/paths';
import type { TokenStore } from '../ui/token';
import { Layout } from './layout';
import { RouteError } from './route-error';

function HydrateFallback() {
  return null;
}

/** What routes need to start their screens' requests: the app's query cache and client. */
export interface RouteData {
  queryClient: QueryClient;
  client: KumaClient;
}

/**
 * A screen's first requests, started as its route is entered: what needs no control plane at
 * once, the rest when `api` (the capabilities, which every query key needs) resolves.
 */
export type ScreenPrefetch = (
  queryClient: QueryClient,
  api: Promise<KumaApi>,
  search: URLSearchParams,
) => Promise<void>;

/**
 * The lazy `loader` of a route whose screen starts its own requests: it starts `prefetch` and
 * returns at once, so the screen renders as it would without it, its queries finding the
 * requests in flight, and shows their errors itself. Loaded apart from the screen's component
 * (`load`, a light module), so it need not wait for the screen's chunks.
 */
function prefetchLoader(
  data: RouteData | undefined,
  load: () => Promise<ScreenPrefetch>,
): { loader?: () => Promise<LoaderFunction> } {
  if (!data) return {};
  const { queryClient, client } = data;
  return {
    loader: async () => {
      const prefetch = await load();
      return ({ request }) => {
        const api = queryClient
          .ensureQueryData(controlPlaneQuery(client))
          .then((caps): KumaApi => ({ client, caps }));
        prefetch(queryClient, api, new URL(request.url).searchParams).catch(() => undefined);
        return null;
      };
    },
  };
}

let topologyPrefetch: Promise<ScreenPrefetch> | undefined;

/** The topology route's prefetch module, loaded once (by `preloadRouteLoader` or the route). */
function loadTopologyPrefetch(): Promise<ScreenPrefetch> {
  topologyPrefetch ??= import('../features/topology/topology-prefetch').then(
    (module) => module.prefetchTopologyScreen,
    (error: unknown) => {
      topologyPrefetch = undefined;
      throw error;
    },
  );
  return topologyPrefetch;
}

/**
 * Starts loading the module the route at `pathname` starts its requests with, before the router
 * exists, and resolves when it is in. A dynamic import of modules already fetched still took
 * 0.1-0.3 s once React's first renders ran beside it (each step of the import waits behind their
 * tasks), and the screen's requests waited for it.
 */
export async function preloadRouteLoader(pathname: string): Promise<void> {
  if (pathname.startsWith(ROUTES.topology)) await loadTopologyPrefetch();
}

/**
 * The topology screen's component, loaded apart from its route's prefetch (object `lazy`). A task
 * later: the router starts both lazies at once, and the page's twenty-odd chunks asked for first
 * would hold the browser's six connections while the prefetch's requests, which leave a few
 * promise turns after it runs, wait behind them.
 */
const loadTopologyPage = async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  return (await import('../features/topology/topology-page')).TopologyPage;
};

/** A new query string on the same screen is no new visit: its own refreshes keep its data. */
const onlyOnEntry: ShouldRevalidateFunction = ({ currentUrl, nextUrl }) =>
  currentUrl.pathname !== nextUrl.pathname;

/**
 * Screens load lazily: the first route only pays for the shell and the screen it shows. Patterns
 * come from `ROUTES` (absolute, under `/`), which the links' path builders fill in.
 */
export function appRoutes(tokens: TokenStore, data?: RouteData): RouteObject[] {
  return [
    {
      path: '/',
      element: <Layout tokens={tokens} />,
      errorElement: <RouteError />,
      HydrateFallback,
      children: [
        { index: true, element: <Navigate to={ROUTES.meshes} replace /> },
        {
          errorElement: <RouteError />,
          children: [
            {
              path: ROUTES.meshes,
              lazy: async () => ({
                Component: (await import('../features/meshes/mesh-list')).MeshList,
              }),
            },
            {
              path: ROUTES.mesh,
              lazy: async () => ({
                Component: (await import('../features/meshes/mesh-overview')).MeshOverview,
              }),
            },
            {
              path: ROUTES.gateways,
              lazy: async () => ({
                Component: (await import('../features/gateways/gateway-list')).GatewayList,
              }),
            },
            {
              path: ROUTES.newGateway,
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/pages')).CreateGatewayPage,
              }),
            },
            {
              path: ROUTES.editGateway,
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/pages')).EditGatewayPage,
              }),
            },
            {
              path: ROUTES.newRoute,
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/pages')).CreateRoutePage,
              }),
            },
            {
              path: ROUTES.editRoute,
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/pages')).EditRoutePage,
              }),
            },
            {
              path: ROUTES.editDelegatedDataplane,
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/pages'))
                  .EditDelegatedGatewayPage,
              }),
            },
            {
              path: ROUTES.permissions,
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/permission-pages'))
                  .PermissionListPage,
              }),
            },
            {
              path: ROUTES.newPermission,
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/permission-pages'))
                  .CreatePermissionPage,
              }),
            },
            {
              path: ROUTES.editPermission,
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/permission-pages'))
                  .EditPermissionPage,
              }),
            },
            {
              path: ROUTES.gateway,
              lazy: async () => ({
                Component: (await import('../features/gateways/gateway-detail')).GatewayDetail,
              }),
            },
            {
              path: ROUTES.delegatedGateway,
              lazy: async () => ({
                Component: (await import('../features/gateways/delegated-gateway-detail'))
                  .DelegatedGatewayDetail,
              }),
            },
            {
              path: ROUTES.service,
              lazy: async () => ({
                Component: (await import('../features/services/service-page')).ServicePage,
              }),
            },
            {
              path: ROUTES.dataplanes,
              lazy: async () => ({
                Component: (await import('../features/dataplanes/dataplane-list')).DataplaneList,
              }),
            },
            {
              path: ROUTES.dataplane,
              lazy: async () => ({
                Component: (await import('../features/dataplanes/dataplane-detail'))
                  .DataplaneDetail,
              }),
            },
            {
              path: ROUTES.topology,
              shouldRevalidate: onlyOnEntry,
              lazy: {
                ...prefetchLoader(data, loadTopologyPrefetch),
                Component: loadTopologyPage,
              },
            },
            {
              path: ROUTES.trace,
              lazy: async () => ({
                Component: (await import('../features/trace/trace-page')).TracePage,
              }),
            },
            {
              path: ROUTES.zones,
              lazy: async () => ({
                Component: (await import('../features/zones/zone-list')).ZoneList,
              }),
            },
            {
              path: '*',
              lazy: async () => ({ Component: (await import('./not-found')).NotFound }),
            },
          ],
        },
      ],
    },
  ];
}

export function createAppRouter(tokens: TokenStore, data: RouteData) {
  return createBrowserRouter(appRoutes(tokens, data));
}
