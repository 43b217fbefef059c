import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { StateFileError } from '../demo-cp/src/persistence';
import { compressAssetsAhead, createServerApp, startApiBackend } from './app';
import { ensureBuilt } from './build';
import { GzipAssets } from './gzip-assets';
import { createLayoutService } from './layout/layout-route';
import { parseServerOptions } from './options';
import { listensEverywhere } from './request-guard';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  let options: ReturnType<typeof parseServerOptions>;
  try {
    options = parseServerOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    process.exit(2);
  }
  if (!options.skipBuild) await ensureBuilt(root);
  const guardOptions = { listenHost: options.host, allowedHosts: options.allowedHosts };
  // ELK's processes load and warm up while the control plane (or the demo) starts, not while
  // the first browser loads the page and wants its first layout.
  const layout = createLayoutService(guardOptions);

  let started: Awaited<ReturnType<typeof startApiBackend>>;
  try {
    started = await startApiBackend(options);
  } catch (error) {
    if (error instanceof StateFileError) {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const { backend, stop: stopDemo, firstTick } = started;
  const startedAt = performance.now();

  const staticDir = join(root, 'dist');
  const gzipped = new GzipAssets();
  const app = createServerApp(backend, staticDir, guardOptions, layout, gzipped);
  // Idle connections stay open longer than the clients in front keep theirs (reverse proxies
  // commonly 60 s): with Node's 5 s, a client reusing a socket just as the server closed it got a
  // reset (Playwright's request context did, between two calls 5 s apart).
  const server = createServer(getRequestListener(app.fetch));
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(options.port, options.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const source = options.upstreamUrl
      ? `control plane ${options.upstreamUrl.origin}${options.upstreamUrl.pathname}`
      : `embedded demo control plane (scenario "${options.demo.scenario}", Kuma ${options.demo.kumaVersion}, ${options.demo.environment}, ${options.demo.mode})`;
    console.log(`Kuma ingress dashboard on http://${options.host}:${port}/ — ${source}`);
    // At 50,000 dataplanes the demo's first tick takes seconds of a core: pages load meanwhile,
    // more slowly. Said when it is over, so whoever measures pages knows when to start.
    void firstTick?.then(() =>
      console.log(
        `demo control plane: first tick done, ${Math.round(performance.now() - startedAt)} ms after it began answering`,
      ),
    );
    // The layout processes warm up one after the other, then lay out a few graphs shaped like a
    // page's through the route, a few seconds of a core: said when done, for the same reason.
    void layout.ready.then(() =>
      console.log(
        `layout engine warmed up, ${Math.round(performance.now() - startedAt)} ms after the API began answering`,
      ),
    );
    // Then the SPA's files are compressed, so that the first visitor does not wait for it.
    void layout.ready
      .catch(() => undefined)
      .then(() => compressAssetsAhead(staticDir, gzipped))
      .then(
        (files) =>
          console.log(
            `static files compressed: ${files}, ${Math.round(performance.now() - startedAt)} ms after the API began answering`,
          ),
        // Not fatal: each file is compressed on its first request instead.
        (error: unknown) =>
          console.warn(`warning: static files not compressed ahead: ${(error as Error).message}`),
      );
    if (listensEverywhere(options.host) && options.allowedHosts.length === 0) {
      console.warn(
        'warning: listening on every interface without ALLOWED_HOSTS: any Host name is accepted, ' +
          'so DNS rebinding is not prevented; set ALLOWED_HOSTS to the names users type',
      );
    }
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    stopDemo();
    layout.close();
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, 5000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
