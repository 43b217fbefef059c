import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBlankAuthorization, proxyRequest, SERVER_TOKEN_HEADER, upstreamUrl } from './proxy';

/** Fuzz runs per property: each is a round trip to a local upstream. */
const RUNS = 300;

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
  /** A port nothing listens on: the connection is refused. */
  let closedPort: number;
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
        if (req.url === '/hang-up') {
          req.socket.destroy();
          return;
        }
        if (req.url === '/unauthorized') {
          res.writeHead(401, { 'content-type': 'application/json', [SERVER_TOKEN_HEADER]: 'x' });
          res.end('{"title":"Unauthenticated"}');
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
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
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

  it('answers a Kuma-shaped 504 when the control plane is too slow, and logs it', async () => {
    const lines: string[] = [];
    const response = await proxyRequest(
      { ...target(), log: (line) => lines.push(line) },
      new Request('http://dashboard/api/slow'),
      '/slow',
    );
    expect(response.status).toBe(504);
    const body = await response.json();
    expect(body).toMatchObject({ type: '/std-errors', status: 504, title: 'Gateway Timeout' });
    expect(body.detail).toMatch(/did not answer within 200 ms/);
    expect(JSON.stringify(body)).not.toContain('127.0.0.1');
    expect(lines.join('\n')).toContain(`127.0.0.1:${port}/slow`);
  });

  it.each([
    ['nothing listens', () => new URL(`http://127.0.0.1:${closedPort}`), '/meshes', 'ECONNREFUSED'],
    ['the connection is dropped', () => new URL(`http://127.0.0.1:${port}`), '/hang-up', 'fetch'],
  ])(
    'answers a 502 that reveals no address nor socket error when %s',
    async (_, url, path, logged) => {
      const lines: string[] = [];
      const response = await proxyRequest(
        { url: url(), timeoutMs: 2000, log: (line) => lines.push(line) },
        new Request(`http://dashboard/api${path}`),
        path,
      );
      expect(response.status).toBe(502);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({
        status: 502,
        title: 'Bad Gateway',
        detail: 'the control plane could not be reached',
      });
      // The address, the port and the socket's own words stay in the server's log.
      expect(text).not.toMatch(/127\.0\.0\.1|\d{4,5}|ECONN|socket|fetch failed|other side/i);
      expect(lines.join('\n')).toContain(logged);
    },
  );

  it.each(['', ' ', '\t ', 'Bearer', 'bearer   '])(
    'sends the configured token when the browser sends Authorization %j',
    async (value) => {
      await proxyRequest(
        target(),
        new Request('http://dashboard/api/meshes', { headers: { authorization: value } }),
        '/meshes',
      );
      expect(seen.at(-1)?.headers.authorization).toBe('Bearer server-token');
    },
  );

  it('drops a blank Authorization without a configured token', async () => {
    await proxyRequest(
      { ...target(), token: undefined },
      new Request('http://dashboard/api/meshes', { headers: { authorization: ' ' } }),
      '/meshes',
    );
    expect(seen.at(-1)?.headers.authorization).toBeUndefined();
  });

  it.each<[string, string | undefined, string | null]>([
    ['the server token was refused', undefined, 'refused'],
    ["the browser's token was refused", 'Bearer user', null],
  ])('marks a 401 when %s, and never passes the upstream mark on', async (_, auth, mark) => {
    const response = await proxyRequest(
      target(),
      new Request('http://dashboard/api/unauthorized', {
        headers: auth ? { authorization: auth } : {},
      }),
      '/unauthorized',
    );
    expect(response.status).toBe(401);
    expect(response.headers.get(SERVER_TOKEN_HEADER)).toBe(mark);
  });

  it.each([
    ['x-forwarded-for', '6.6.6.6'],
    ['X-Forwarded-Host', 'evil.example'],
    ['x-forwarded-proto', 'https'],
    ['x-forwarded-port', '443'],
    ['x-forwarded-prefix', '/admin'],
    ['forwarded', 'for=6.6.6.6;host=evil.example;proto=https'],
    ['x-real-ip', '6.6.6.6'],
    ['x-http-method-override', 'DELETE'],
    ['via', '1.1 evil'],
  ])('does not pass on the client claim %s', async (name, value) => {
    await proxyRequest(
      target(),
      new Request('http://dashboard/api/meshes', { headers: { [name]: value } }),
      '/meshes',
    );
    expect(seen.at(-1)?.headers[name.toLowerCase()]).toBeUndefined();
  });

  // What the upstream may see of a request, whatever headers the client sends: a model written
  // apart from the proxy's own lists.
  // `connection` is left out: fetch sets its own (keep-alive), checked apart.
  const NEVER_FORWARDED = [
    'keep-alive',
    'proxy-authorization',
    'te',
    'trailer',
    'upgrade',
    'cookie',
    'origin',
    'forwarded',
    'via',
    'x-real-ip',
    'x-http-method-override',
  ];
  const headerName = fc.oneof(
    fc.constantFrom(
      ...NEVER_FORWARDED,
      'connection',
      'authorization',
      'accept',
      'content-type',
      'x-request-id',
    ),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/).map((tail) => `x-forwarded-${tail}`),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
  );
  // Visible ASCII and inner blanks: what survives header normalisation unchanged.
  const headerValue = fc.oneof(
    fc.constant(''),
    fc.constantFrom(' ', '\t', 'Bearer ', 'close, x-request-id'),
    fc.stringMatching(/^[!-~]([ !-~]{0,30}[!-~])?$/),
  );

  it(`forwards only what it may, and the token unless the client sends its own (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(headerName, headerValue), {
          maxLength: 8,
          selector: ([name]) => name,
        }),
        async (pairs) => {
          const sent = new Headers();
          for (const [name, value] of pairs) sent.set(name, value);
          const response = await proxyRequest(
            target(),
            new Request('http://dashboard/api/meshes', { headers: sent }),
            '/meshes',
          );
          expect(response.status).toBe(200);
          const got = seen.at(-1)?.headers ?? {};
          const listed = (sent.get('connection') ?? '')
            .split(',')
            .map((name) => name.trim().toLowerCase());
          for (const name of Object.keys(got)) {
            expect(NEVER_FORWARDED.includes(name) || name.startsWith('x-forwarded-')).toBe(false);
            if (name !== 'connection' && name !== 'authorization') {
              expect(listed.includes(name)).toBe(false);
            }
          }
          expect(got.connection ?? 'keep-alive').toBe('keep-alive');
          const clientAuth = sent.get('authorization');
          const ownCredential =
            clientAuth !== null && /\S/.test(clientAuth.replace(/^\s*bearer/i, ''));
          if (!listed.includes('authorization')) {
            expect(got.authorization).toBe(ownCredential ? clientAuth : 'Bearer server-token');
          }
          for (const [name, value] of sent) {
            const dropped =
              NEVER_FORWARDED.includes(name) ||
              name === 'connection' ||
              name.startsWith('x-forwarded-') ||
              listed.includes(name) ||
              ['authorization', 'host', 'content-length', 'transfer-encoding'].includes(name);
            if (!dropped) expect(got[name]).toBe(value);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('isBlankAuthorization', () => {
  it.each<[string | null, boolean]>([
    [null, true],
    ['', true],
    ['  ', true],
    ['Bearer', true],
    ['BEARER \t', true],
    ['Bearer x', false],
    ['Basic YWxhZGRpbjpvcGVuc2VzYW1l', false],
    ['x', false],
  ])('%j → %s', (value, blank) => {
    expect(isBlankAuthorization(value)).toBe(blank);
  });
});
