import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { AppProviders, createQueryClient } from '../app/providers';
import { appRoutes } from '../app/router';
import { KumaClient } from '../kuma/client';
import { API_BASE_URL } from '../kuma/first-requests';
import { TokenStore } from '../ui/token';
import { type DemoBackend, demoBackend } from './demo-backend';

/**
 * The whole app at `url`, on the real providers and routes (with their loaders), backed by the
 * demo control plane.
 */
export function renderApp(url: string, backend: DemoBackend = demoBackend()) {
  vi.stubGlobal('fetch', backend.fetch);
  const tokens = new TokenStore(undefined);
  const queryClient = createQueryClient();
  const client = new KumaClient({ baseUrl: API_BASE_URL, getToken: tokens.get });
  const router = createMemoryRouter(appRoutes(tokens, { queryClient, client }), {
    initialEntries: [url],
  });
  const view = render(
    <AppProviders queryClient={queryClient} tokens={tokens} client={client}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, backend, queryClient };
}
