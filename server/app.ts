import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { DOWN_HEADER } from '../demo-cp/src/app';
import { kumaError } from '../demo-cp/src/errors';
import { startDemoWorker } from './demo-backend';
import { acceptsGzip, GzipAssets } from './gzip-assets';
import {
  createLayoutService,
  LAYOUT_LEVELS_PATH,
  LAYOUT_PATH,
  type LayoutService,
} from './layout/layout-route';
import type { ServerOptions } from './options';
import {
  isForwardedMethod,
  methodNotAllowed,
  type ProxyTarget,
  proxyRequest,
  upstreamFailure,
} from './proxy';
import { createRequestGuard, GUARD_HEADER, type RequestGuardOptions } from './request-guard';

export type ApiBackend =
  | { kind: 'demo'; fetch: (request: Request) => Promise<Response> }
  | { kind: 'proxy'; target: ProxyTarget };

/** Types worth compressing: text; images and fonts are compressed already. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript)|image\/svg\+xml)/;

/** Where the SPA's hashed, immutable files are, under the static directory. */
const ASSETS_DIR = 'assets';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const contentTypeOf = (file: string) => CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';

/** Whether the server sends `file` gzipped (to a client that accepts it). */
const isCompressible = (file: string) => COMPRESSIBLE.test(contentTypeOf(file));

/** Compresses into `gzipped`, ahead of any request, every asset the server sends gzipped. */
export function compressAssetsAhead(staticDir: string, gzipped: GzipAssets): Promise<number> {
  return gzipped.warm(join(staticDir, ASSETS_DIR), isCompressible);
}

/**
 * The control plane `/api` leads to: `KUMA_CP_URL` through the proxy, else a demo started in a
 * worker thread, so its ticks never hold up the files this server sends. A demo state file that
 * cannot be read throws `StateFileError`.
 */
export async function startApiBackend(
  options: ServerOptions,
): Promise<{ backend: ApiBackend; stop: () => void; firstTick?: Promise<void> }> {
  if (options.upstreamUrl) {
    return {
      backend: {
        kind: 'proxy',
        target: {
          url: options.upstreamUrl,
          token: options.upstreamToken,
          timeoutMs: options.upstreamTimeoutMs,
        },
      },
      stop: () => {},
    };
  }
  const demo = await startDemoWorker(options.demo);
  return {
    backend: { kind: 'demo', fetch: demo.fetch },
    stop: demo.stop,
    firstTick: demo.firstTick,
  };
}

/** The API path and query after `/api`, exactly as the browser sent them. */
function apiPath(url: URL): string {
  const path = url.pathname.slice('/api'.length) || '/';
  return `${path}${url.search}`;
}

async function callDemo(
  fetchDemo: (request: Request) => Promise<Response>,
  request: Request,
  pathAndQuery: string,
) {
  // Appended as text: the in-process demo sees the path exactly as the browser sent it.
  const inner = new Request(`http://demo-cp.local${pathAndQuery}`, request);
  const response = await fetchDemo(inner);
  // What the proxy would answer for a control plane that is not there.
  if (response.headers.has(DOWN_HEADER)) return upstreamFailure('unreachable');
  return response;
}

/** `/api/*` to the control plane: the embedded demo, or a real one through the proxy. */
export function apiHandler(backend: ApiBackend, guardOptions: RequestGuardOptions) {
  const guard = createRequestGuard(guardOptions);
  return async (request: Request): Promise<Response> => {
    const verdict = guard(request);
    if (!verdict.allowed) {
      return new Response(JSON.stringify(kumaError(403, 'Forbidden', verdict.reason)), {
        status: 403,
        headers: {
          'content-type': 'application/json',
          'cache-control': 'no-store',
          // The page tells this refusal from the control plane's (whose fix is a token).
          [GUARD_HEADER]: 'refused',
        },
      });
    }
    // Before either backend: kuma-cp serves no other method, and fetch cannot even send some
    // (TRACE), which would come back as a 502 that blames the control plane.
    if (!isForwardedMethod(request.method)) return noStore(methodNotAllowed(request.method));
    const pathAndQuery = apiPath(new URL(request.url));
    const response =
      backend.kind === 'demo'
        ? await callDemo(backend.fetch, request, pathAndQuery)
        : await proxyRequest(backend.target, request, pathAndQuery);
    return noStore(response);
  };
}

function noStore(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('cache-control', 'no-store');
  return new Response(response.body, { status: response.status, headers });
}

/**
 * The process behind `npm start`: the built SPA, `/api/*` to the control plane (the embedded
 * demo, or a real one through the proxy) and `POST /_layout` (and `/_layout/levels`), where the
 * topology's graphs are laid out in child processes (so the browser never loads ELK). Nothing
 * else is forwarded.
 * `gzipped` keeps the compressed assets (`npm start` fills it ahead of the first visitor).
 */
export function createServerApp(
  backend: ApiBackend,
  staticDir: string,
  guardOptions: RequestGuardOptions,
  layout?: LayoutService,
  gzipped = new GzipAssets(),
) {
  const app = new Hono();
  // Made on first use: a process that never serves the SPA (a test) starts no ELK worker.
  let layoutService = layout;
  const layouts = () => {
    layoutService ??= createLayoutService(guardOptions);
    return layoutService;
  };
  const api = apiHandler(backend, guardOptions);
  app.all('/api', (c) => c.redirect('/api/'));
  app.all('/api/*', (c) => api(c.req.raw));
  app.use('*', compress());
  app.all(LAYOUT_PATH, (c) => layouts().handle(c.req.raw));
  app.all(LAYOUT_LEVELS_PATH, (c) => layouts().handle(c.req.raw));
  app.get('*', async (c) => {
    const url = new URL(c.req.url);
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      return c.text('Not found', 404);
    }
    const relative = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
    const file = join(staticDir, relative);
    const isAsset = file.startsWith(staticDir) && extname(file) !== '';
    if (isAsset) {
      try {
        const immutable = relative.startsWith(`/${ASSETS_DIR}/`);
        const type = contentTypeOf(file);
        const cacheControl = immutable ? 'public, max-age=31536000, immutable' : 'no-cache';
        if (immutable && isCompressible(file) && acceptsGzip(c.req.header('accept-encoding'))) {
          // Compressed once per file, not on every request (the `compress` middleware skips a
          // response that has its encoding already).
          const body = await gzipped.get(file, () => readFile(file));
          return new Response(body, {
            headers: {
              'content-type': type,
              'cache-control': cacheControl,
              'content-encoding': 'gzip',
              vary: 'Accept-Encoding',
            },
          });
        }
        const body = await readFile(file);
        return new Response(body, {
          headers: { 'content-type': type, 'cache-control': cacheControl },
        });
      } catch {
        return c.text('Not found', 404);
      }
    }
    // Client-side routes all get the SPA's index.html. A browser arrived: start ELK's worker
    // while the SPA loads, so that the topology's first layout does not wait for it.
    layouts();
    const index = await readFile(join(staticDir, 'index.html'), 'utf8');
    return c.html(index, 200, { 'cache-control': 'no-cache' });
  });
  return app;
}
