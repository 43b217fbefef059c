import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { AppProviders, createQueryClient } from './app/providers';
import { createAppRouter, preloadRouteLoader } from './app/router';
import { KumaClient } from './kuma/client';
import { API_BASE_URL } from './kuma/first-requests';
import { controlPlaneQuery } from './kuma/queries/control-plane';
import { TokenStore } from './ui/token';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const tokens = new TokenStore();
const queryClient = createQueryClient();
// Every screen's first request waits for the control plane's capabilities: asked for now, while
// React renders and the route's chunks load, not after the first render (0.2-0.4 s later on a
// busy machine). The provider's query has the same key and takes this answer, and the route
// loaders wait for it to start their screens' requests.
const client = new KumaClient({ baseUrl: API_BASE_URL, getToken: tokens.get });
void queryClient.prefetchQuery(controlPlaneQuery(client));

// The route loader's module, which starts the screen's requests, loads meanwhile.
const routeLoader = preloadRouteLoader(location.pathname).catch(() => undefined);

// A task later: the requests above leave a few promise turns from now, and a router created at
// once would ask for the route's chunks first (twenty-odd requests at /topology), which then
// hold the browser's six connections while the capabilities wait, 0.2-0.3 s on this machine.
// And once the route loader's module is in (for at most ROUTE_LOADER_WAIT_MS): with React's
// first renders beside it, it took 0.1-0.3 s longer, and the screen's requests with it.
const ROUTE_LOADER_WAIT_MS = 150;
const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
void Promise.all([after(0), Promise.race([routeLoader, after(ROUTE_LOADER_WAIT_MS)])]).then(() => {
  const router = createAppRouter(tokens, { queryClient, client });
  createRoot(root).render(
    <StrictMode>
      <AppProviders queryClient={queryClient} tokens={tokens} client={client}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
});
