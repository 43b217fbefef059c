import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { AppProviders, createQueryClient } from './app/providers';
import { createAppRouter } from './app/router';
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

// A task later: the requests above leave a few promise turns from now, and a router created at
// once would ask for the route's chunks first (twenty-odd requests at /topology), which then
// hold the browser's six connections while the capabilities wait, 0.2-0.3 s on this machine.
setTimeout(() => {
  const router = createAppRouter(tokens, { queryClient, client });
  createRoot(root).render(
    <StrictMode>
      <AppProviders queryClient={queryClient} tokens={tokens} client={client}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
}, 0);
