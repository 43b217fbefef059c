import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { AppProviders, createQueryClient } from '../app/providers';
import { appRoutes } from '../app/router';
import { TokenStore } from '../ui/token';
import { type DemoBackend, demoBackend } from './demo-backend';

/** The whole app at `url`, on the real providers and routes, backed by the demo control plane. */
export function renderApp(url: string, backend: DemoBackend = demoBackend()) {
  vi.stubGlobal('fetch', backend.fetch);
  const tokens = new TokenStore(undefined);
  const router = createMemoryRouter(appRoutes(tokens), { initialEntries: [url] });
  const queryClient = createQueryClient();
  const view = render(
    <AppProviders queryClient={queryClient} tokens={tokens}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, backend, queryClient };
}
