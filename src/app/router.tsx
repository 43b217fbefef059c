import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { ROUTES } from '../lib/paths';
import type { TokenStore } from '../ui/token';
import { Layout } from './layout';
import { RouteError } from './route-error';

function HydrateFallback() {
  return null;
}

/**
 * Screens load lazily: the first route only pays for the shell and the screen it shows. Patterns
 * come from `ROUTES` (absolute, under `/`), which the links' path builders fill in.
 */
export function appRoutes(tokens: TokenStore): RouteObject[] {
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
              lazy: async () => ({
                Component: (await import('../features/topology/topology-page')).TopologyPage,
              }),
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

export function createAppRouter(tokens: TokenStore) {
  return createBrowserRouter(appRoutes(tokens));
}
