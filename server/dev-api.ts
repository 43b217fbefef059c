import { getRequestListener } from '@hono/node-server';
import type { ViteDevServer } from 'vite';
import { StateFileError } from '../demo-cp/src/persistence';
import { type ApiBackend, apiHandler, startApiBackend } from './app';
import { createLayoutService, LAYOUT_LEVELS_PATH, LAYOUT_PATH } from './layout/layout-route';
import { parseServerOptions } from './options';

/**
 * `npm run dev`: Vite's dev server with the same `/api` as `npm start` — the embedded demo
 * control plane, or `KUMA_CP_URL` through the proxy (demo flags come from `DEMO_FLAGS`).
 * `vite.config.ts` loads this file only when a dev server starts (see there why).
 */
export async function attachDevApi(server: ViteDevServer): Promise<void> {
  const options = parseServerOptions(
    (process.env.DEMO_FLAGS ?? '').split(/\s+/).filter(Boolean),
    process.env,
  );
  let backend: ApiBackend;
  try {
    const started = await startApiBackend(options);
    server.httpServer?.once('close', started.stop);
    backend = started.backend;
  } catch (error) {
    if (error instanceof StateFileError) throw new Error(error.message);
    throw error;
  }
  const viteHost = server.config.server.host;
  const listenHost = viteHost === true ? '0.0.0.0' : viteHost || 'localhost';
  const guardOptions = { listenHost, allowedHosts: options.allowedHosts };
  const listener = getRequestListener(apiHandler(backend, guardOptions));
  // The topology's layouts, as `npm start` serves them (ELK in a worker thread of this process).
  const layout = createLayoutService(guardOptions);
  server.httpServer?.once('close', layout.close);
  const layoutListener = getRequestListener(layout.handle);
  server.middlewares.use((req, res, next) => {
    if (req.url === '/api' || req.url?.startsWith('/api/')) void listener(req, res);
    else if (req.url === LAYOUT_PATH || req.url === LAYOUT_LEVELS_PATH)
      void layoutListener(req, res);
    else next();
  });
}
