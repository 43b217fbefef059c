import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyRequest, upstreamUrl } from './proxy';

describe('upstreamUrl never leaves the configured control plane', () => {
  const target = new URL('http://kuma-cp.internal:5681/base/');
  it.each([
    ['/meshes', 'http://kuma-cp.internal:5681/base/meshes'],
    ['/meshes?size=2&tag=a:b', 'http://kuma-cp.internal:5681/base/meshes?size=2&tag=a:b'],
    ['//evil.example/x', 'http://kuma-cp.internal:5681/base//evil.example/x'],
    ['/\\evil.example/x', 'http://kuma-cp.internal:5681/base/\\evil.example/x'],
    ['/http://evil.example/', 'http://kuma-cp.internal:5681/base/http://evil.example/'],
    ['/@evil.example', 'http://kuma-cp.internal:5681/base/@evil.example'],
    ['/%2e%2e/%2e%2e/etc', 'http://kuma-cp.internal:5681/base/%2e%2e/%2e%2e/etc'],
  ])('%s', (path, expected) => {
    const url = upstreamUrl(target, path);
    expect(url).toBe(expected);
    expect(new URL(url).host).toBe('kuma-cp.internal:5681');
  });
});

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('proxyRequest', () => {
  let server: Server;
  let port: number;
  const seen: Seen[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (req.url === '/slow') {
          setTimeout(() => res.end('{}'), 500);
          return;
        }
        res.writeHead(200, {
          'content-type': 'application/json',
          connection: 'keep-alive',
          'keep-alive': 'timeout=5',
          'x-upstream': 'kuma',
          'set-cookie': 'session=secret',
          // What Kuma's API server answers by default (corsAllowedDomains ".*").
          ...(req.headers.origin
            ? {
                'access-control-allow-origin': req.headers.origin,
                'access-control-allow-credentials': 'true',
              }
            : {}),
        });
        res.end(JSON.stringify({ ok: true }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const target = () => ({
    url: new URL(`http://127.0.0.1:${port}`),
    token: 'server-token',
    timeoutMs: 200,
  });

  it('injects the configured token when the browser sends none, and strips hop-by-hop headers', async () => {
    const response = await proxyRequest(
      target(),
      new Request('http://dashboard/api/meshes', {
        headers: {
          connection: 'x-private',
          'x-private': 'drop me',
          'proxy-authorization': 'x',
          cookie: 'a=b',
          te: 'trailers',
        },
      }),
      '/meshes',
    );
    expect(response.status).toBe(200);
    const request = seen.at(-1);
    expect(request?.url).toBe('/meshes');
    expect(request?.headers.authorization).toBe('Bearer server-token');
    expect(request?.headers['x-private']).toBeUndefined();
    expect(request?.headers['proxy-authorization']).toBeUndefined();
    expect(request?.headers.cookie).toBeUndefined();
    expect(response.headers.get('x-upstream')).toBe('kuma');
    expect(response.headers.get('keep-alive')).toBeNull();
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it("hides the browser's Origin from the control plane and its CORS answer from the browser", async () => {
    const response = await proxyRequest(
      target(),
      new Request('http://dashboard/api/meshes', { headers: { origin: 'https://evil.example' } }),
      '/meshes',
    );
    expect(seen.at(-1)?.headers.origin).toBeUndefined();
    expect(
      [...response.headers.keys()].filter((name) => name.startsWith('access-control-')),
    ).toEqual([]);
  });

  it("passes the browser's own Authorization header instead", async () => {
    await proxyRequest(
      target(),
      new Request('http://dashboard/api/', { headers: { authorization: 'Bearer user' } }),
      '/',
    );
    expect(seen.at(-1)?.headers.authorization).toBe('Bearer user');
  });

  it('streams request bodies of writes', async () => {
    const body = JSON.stringify({ type: 'Mesh', name: 'x', padding: 'y'.repeat(200_000) });
    const response = await proxyRequest(
      target(),
      new Request('http://dashboard/api/meshes/x', {
        method: 'PUT',
        body,
        headers: { 'content-type': 'application/json' },
      }),
      '/meshes/x',
    );
    expect(response.status).toBe(200);
    expect(seen.at(-1)?.method).toBe('PUT');
    expect(seen.at(-1)?.body).toBe(body);
  });

  it('answers a Kuma-shaped 502 when the control plane is too slow', async () => {
    const response = await proxyRequest(
      target(),
      new Request('http://dashboard/api/slow'),
      '/slow',
    );
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body).toMatchObject({ type: '/std-errors', status: 502, title: 'Bad Gateway' });
    expect(body.detail).toMatch(/did not answer within 200 ms/);
  });

  it('answers a Kuma-shaped 502 when the control plane is down', async () => {
    const response = await proxyRequest(
      { url: new URL('http://127.0.0.1:1'), timeoutMs: 1000 },
      new Request('http://dashboard/api/meshes'),
      '/meshes',
    );
    expect(response.status).toBe(502);
    expect((await response.json()).detail).toMatch(/could not be reached/);
  });
});
