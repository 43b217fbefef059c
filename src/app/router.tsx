import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import type { TokenStore } from '../ui/token';
import { Layout } from './layout';
import { RouteError } from './route-error';

function HydrateFallback() {
  return null;
}

/** Screens load lazily: the first route only pays for the shell and the screen it shows. */
export function appRoutes(tokens: TokenStore): RouteObject[] {
  return [
    {
      path: '/',
      element: <Layout tokens={tokens} />,
      errorElement: <RouteError />,
      HydrateFallback,
      children: [
        { index: true, element: <Navigate to="/meshes" replace /> },
        {
          errorElement: <RouteError />,
          children: [
            {
              path: 'meshes',
              lazy: async () => ({
                Component: (await import('../features/meshes/mesh-list')).MeshList,
              }),
            },
            {
              path: 'meshes/:mesh',
              lazy: async () => ({
                Component: (await import('../features/meshes/mesh-overview')).MeshOverview,
              }),
            },
            {
              path: 'gateways',
              lazy: async () => ({
                Component: (await import('../features/gateways/gateway-list')).GatewayList,
              }),
            },
            {
              path: 'gateways/new',
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/pages')).CreateGatewayPage,
              }),
            },
            {
              path: 'meshes/:mesh/gateways/:name/edit',
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/pages')).EditGatewayPage,
              }),
            },
            {
              path: 'meshes/:mesh/gateways/:name/routes/new',
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/pages')).CreateRoutePage,
              }),
            },
            {
              path: 'meshes/:mesh/gateways/:name/routes/:kind/:route/edit',
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/pages')).EditRoutePage,
              }),
            },
            {
              path: 'meshes/:mesh/delegated-gateways/:service/dataplanes/:name/edit',
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/pages'))
                  .EditDelegatedGatewayPage,
              }),
            },
            {
              path: 'meshes/:mesh/permissions',
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/permission-pages'))
                  .PermissionListPage,
              }),
            },
            {
              path: 'meshes/:mesh/permissions/new',
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/permission-pages'))
                  .CreatePermissionPage,
              }),
            },
            {
              path: 'meshes/:mesh/permissions/:name/edit',
              lazy: async () => ({
                Component: (await import('../features/gateway-forms/permission-pages'))
                  .EditPermissionPage,
              }),
            },
            {
              path: 'meshes/:mesh/gateways/:name',
              lazy: async () => ({
                Component: (await import('../features/gateways/gateway-detail')).GatewayDetail,
              }),
            },
            {
              path: 'meshes/:mesh/delegated-gateways/:service',
              lazy: async () => ({
                Component: (await import('../features/gateways/delegated-gateway-detail'))
                  .DelegatedGatewayDetail,
              }),
            },
            {
              path: 'meshes/:mesh/services/:service',
              lazy: async () => ({
                Component: (await import('../features/services/service-page')).ServicePage,
              }),
            },
            {
              path: 'dataplanes',
              lazy: async () => ({
                Component: (await import('../features/dataplanes/dataplane-list')).DataplaneList,
              }),
            },
            {
              path: 'meshes/:mesh/dataplanes/:name',
              lazy: async () => ({
                Component: (await import('../features/dataplanes/dataplane-detail'))
                  .DataplaneDetail,
              }),
            },
            {
              path: 'topology',
              lazy: async () => ({
                Component: (await import('../features/topology/topology-page')).TopologyPage,
              }),
            },
            {
              path: 'trace',
              lazy: async () => ({
                Component: (await import('../features/trace/trace-page')).TracePage,
              }),
            },
            {
              path: 'zones',
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
