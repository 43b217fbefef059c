import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, METHODS } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../demo-cp/src/options';
import { startDemo } from '../demo-cp/src/start';
import { createServerApp, startApiBackend } from './app';
import { parseServerOptions } from './options';

describe('the server behind npm start', () => {
  let staticDir: string;
  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'dashboard-static-'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
  });

  async function app() {
    const demo = await startDemo({ ...DEFAULT_OPTIONS, startTime: 0 }, { ticking: false });
    return {
      demo,
      server: createServerApp({ kind: 'demo', fetch: demo.fetch }, staticDir, {
        listenHost: '127.0.0.1',
        allowedHosts: ['dashboard.example.com'],
      }),
    };
  }

  it('sends /api/* to the control plane, path and query intact', async () => {
    const { server } = await app();
    const response = await server.request(
      '/api/meshes/default/dataplanes/_overview?size=2&gateway=builtin',
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.items).toHaveLength(2);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('reaches the demo controls under /api/_demo', async () => {
    const { server, demo } = await app();
    const before = demo.world.ticks;
    expect((await server.request('/api/_demo/tick', { method: 'POST' })).status).toBe(200);
    expect(demo.world.ticks).toBe(before + 1);
  });

  it('answers 502 in Kuma shape while the demo control plane is "down"', async () => {
    const { server, demo } = await app();
    demo.world.faults.down = true;
    const response = await server.request('/api/meshes');
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      status: 502,
      title: 'Bad Gateway',
      detail: 'the control plane could not be reached',
    });
  });

  it('serves the SPA for client-side routes and refuses to leave its folder', async () => {
    const { server } = await app();
    const page = await server.request('/meshes/default/gateways/edge-gateway');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const traversal = await server.request('/..%2f..%2fetc%2fpasswd.txt');
    expect(traversal.status).toBe(404);
  });

  it('answers 404, not a crash, for a path that is not valid percent-encoding', async () => {
    const { server } = await app();
    expect((await server.request('/assets/%E0%A4%A.js')).status).toBe(404);
  });

  it.each([
    ['gzip, deflate', 'gzip'],
    ['', null],
  ])(
    'serves a hashed asset with Accept-Encoding %j: encoding %s, same bytes',
    async (accept, encoding) => {
      const { server } = await app();
      const script = 'export const answer = 42;\n'.repeat(300);
      await mkdir(join(staticDir, 'assets'), { recursive: true });
      await writeFile(join(staticDir, 'assets', 'chunk-abc123.js'), script);
      for (let i = 0; i < 2; i++) {
        const response = await server.request('/assets/chunk-abc123.js', {
          headers: accept ? { 'accept-encoding': accept } : {},
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-encoding')).toBe(encoding);
        expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
        const bytes = Buffer.from(await response.arrayBuffer());
        expect((encoding ? gunzipSync(bytes) : bytes).toString()).toBe(script);
      }
      const missing = await server.request('/assets/missing-abc123.js', {
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(missing.status).toBe(404);
    },
  );

  it.each([
    ['localhost:8080', 200],
    ['127.0.0.1:8080', 200],
    ['[::1]:8080', 200],
    ['dashboard.example.com', 200],
    ['attacker.example:8080', 403],
    ['127.0.0.1.attacker.example', 403],
  ])('answers a read with Host %s with %i (DNS rebinding)', async (host, status) => {
    const { server } = await app();
    const response = await server.request('/api/meshes', { headers: { host } });
    expect(response.status).toBe(status);
    if (status === 403) {
      expect(await response.json()).toMatchObject({ status: 403, title: 'Forbidden' });
      // Marked as the dashboard's own refusal: the page advises no token for it.
      expect(response.headers.get('x-dashboard-guard')).toBe('refused');
    }
  });

  it('refuses a cross-site read: the answers carry what the injected token unlocks', async () => {
    const { server } = await app();
    const response = await server.request('/api/meshes', {
      headers: {
        host: 'localhost:8080',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
    });
    expect(response.status).toBe(403);
  });

  it.each<[string, Record<string, string>, number]>([
    ['same origin', { origin: 'http://localhost:8080', 'sec-fetch-site': 'same-origin' }, 200],
    ['no Origin (curl)', {}, 200],
    ['another site', { origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' }, 403],
    ['another port', { origin: 'http://localhost:9999' }, 403],
    ['an opaque origin', { origin: 'null' }, 403],
    ['a cross-site fetch without Origin', { 'sec-fetch-site': 'cross-site' }, 403],
  ])('answers a write from %s accordingly', async (_, headers, status) => {
    const { server, demo } = await app();
    const before = demo.world.ticks;
    const response = await server.request('/api/_demo/tick', {
      method: 'POST',
      headers: { host: 'localhost:8080', ...headers },
    });
    expect(response.status).toBe(status);
    expect(demo.world.ticks).toBe(status === 200 ? before + 1 : before);
  });

  it.each([
    ['a control plane URL: the proxy, and nothing to stop', 'http://kuma-cp:5681', 'proxy'],
    ['no URL: an embedded demo', undefined, 'demo'],
  ] as const)('startApiBackend with %s', async (_, url, kind) => {
    const options = parseServerOptions(['--skip-build'], url ? { KUMA_CP_URL: url } : {});
    const started = await startApiBackend(options);
    expect(started.backend.kind).toBe(kind);
    started.stop();
  });
});

/** One request over a real socket: `Request` itself refuses TRACE, so Hono's helpers cannot. */
function send(
  port: number,
  method: string,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}` } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('methods the control plane does not serve', () => {
  // What kuma-cp 2.14.3 serves: GET, PUT, DELETE (resources) and POST (/tokens/*); its router
  // answers TRACE, PATCH, OPTIONS, HEAD … with 405.
  const FORWARDED = ['GET', 'PUT', 'POST', 'DELETE'];
  let dashboard: ReturnType<typeof createServer>;
  let port: number;
  let upstream: ReturnType<typeof createServer>;
  const reachedDemo: string[] = [];
  const reachedUpstream: string[] = [];
  let proxyDashboard: ReturnType<typeof createServer>;
  let proxyPort: number;

  const listen = (server: ReturnType<typeof createServer>) =>
    new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
    );

  beforeAll(async () => {
    const staticDir = await mkdtemp(join(tmpdir(), 'dashboard-static-'));
    const guard = { listenHost: '127.0.0.1', allowedHosts: [] };
    const demo = createServerApp(
      {
        kind: 'demo',
        fetch: async (request) => {
          reachedDemo.push(request.method);
          return new Response('{}', { headers: { 'content-type': 'application/json' } });
        },
      },
      staticDir,
      guard,
    );
    dashboard = createServer(getRequestListener(demo.fetch));
    port = await listen(dashboard);
    upstream = createServer((req, res) => {
      reachedUpstream.push(req.method ?? '');
      res.end('{}');
    });
    const upstreamPort = await listen(upstream);
    const proxied = createServerApp(
      {
        kind: 'proxy',
        target: { url: new URL(`http://127.0.0.1:${upstreamPort}`), timeoutMs: 2000 },
      },
      staticDir,
      guard,
    );
    proxyDashboard = createServer(getRequestListener(proxied.fetch));
    proxyPort = await listen(proxyDashboard);
  });

  afterAll(async () => {
    for (const server of [dashboard, upstream, proxyDashboard]) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  // Every method Node's parser accepts; CONNECT never reaches a request handler (Node answers
  // it on the socket), so it is left out.
  const methods = METHODS.filter((method) => method !== 'CONNECT');

  it.each(methods)('%s /api/meshes', async (method) => {
    for (const [target, reached] of [
      [port, reachedDemo],
      [proxyPort, reachedUpstream],
    ] as const) {
      const before = reached.length;
      const response = await send(target, method, '/api/meshes');
      if (FORWARDED.includes(method)) {
        expect(response.status).toBe(200);
        expect(reached.slice(before)).toEqual([method]);
        continue;
      }
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, PUT, POST, DELETE');
      expect(reached.length).toBe(before);
      if (method !== 'HEAD') {
        expect(JSON.parse(response.body)).toMatchObject({
          status: 405,
          title: 'Method Not Allowed',
        });
      }
    }
  });
});
