import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRequestGuard, parseAllowedHosts } from './request-guard';

/** Fuzz runs of the origin property (pure, so cheap). */
const ORIGIN_RUNS = 2000;

function read(host: string) {
  return new Request('http://x/api/meshes', { headers: { host } });
}

describe('createRequestGuard', () => {
  it.each<[string, string[], string, boolean]>([
    ['127.0.0.1', [], 'localhost:8080', true],
    ['127.0.0.1', [], 'evil.example', false],
    ['10.0.0.5', [], '10.0.0.5:8080', true],
    ['10.0.0.5', [], 'evil.example', false],
    ['0.0.0.0', [], 'anything.internal:8080', true],
    ['0.0.0.0', ['dash.corp'], 'anything.internal:8080', false],
    ['0.0.0.0', ['dash.corp'], 'DASH.corp:443', true],
    ['::', [], 'whatever', true],
    ['fd00::5', [], '[fd00::5]:8080', true],
    ['127.0.0.1', ['fd00::7'], '[FD00::7]', true],
    ['127.0.0.1', [], '[::1]:8080', true],
  ])('listening on %s with allow-list %j, Host %s → %s', (listenHost, allowedHosts, host, ok) => {
    const guard = createRequestGuard({ listenHost, allowedHosts });
    expect(guard(read(host)).allowed).toBe(ok);
  });
});

describe('requests from a page', () => {
  const guard = createRequestGuard({ listenHost: '127.0.0.1', allowedHosts: ['dash.corp'] });
  it.each<[string, string, string, Record<string, string>, boolean]>([
    [
      'the dashboard itself (POST)',
      'POST',
      'localhost:8080',
      { origin: 'http://localhost:8080' },
      true,
    ],
    ['a navigation or curl (no Origin)', 'GET', 'localhost:8080', {}, true],
    [
      'another site reading',
      'GET',
      'localhost:8080',
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      false,
    ],
    [
      'another site reading, Origin only',
      'GET',
      'localhost:8080',
      { origin: 'https://evil.example' },
      false,
    ],
    ['another local port', 'POST', 'localhost:8080', { origin: 'http://localhost:3000' }, false],
    ['an opaque origin', 'GET', 'localhost:8080', { origin: 'null' }, false],
    [
      'a default port spelled out in Host',
      'POST',
      'dash.corp:443',
      { origin: 'https://dash.corp' },
      true,
    ],
    [
      'behind a proxy that rewrites Host',
      'POST',
      '127.0.0.1:8080',
      { origin: 'https://dash.corp' },
      true,
    ],
    [
      'behind a proxy, on another public port',
      'POST',
      'dash.corp',
      { origin: 'https://dash.corp:8443' },
      false,
    ],
    [
      'an allowed name over plain http',
      'POST',
      '127.0.0.1:8080',
      { origin: 'http://dash.corp' },
      false,
    ],
    [
      'its own host:port over https',
      'POST',
      'localhost:8080',
      { origin: 'https://localhost:8080' },
      false,
    ],
    [
      'its own default port spelled out',
      'POST',
      'localhost',
      { origin: 'http://localhost:80' },
      true,
    ],
    [
      'its own name in capitals',
      'POST',
      'localhost:8080',
      { origin: 'http://LOCALHOST:8080' },
      true,
    ],
    [
      'an Origin with credentials',
      'POST',
      'localhost:8080',
      { origin: 'http://u@localhost:8080' },
      false,
    ],
    [
      'an Origin that is not http',
      'POST',
      'localhost:8080',
      { origin: 'file://localhost:8080' },
      false,
    ],
  ])('%s → %s', (_, method, host, headers, ok) => {
    const request = new Request('http://x/api/meshes', { method, headers: { host, ...headers } });
    expect(guard(request).allowed).toBe(ok);
  });
});

describe('origins written in ALLOWED_HOSTS match scheme, host and port', () => {
  const guard = createRequestGuard({
    listenHost: '127.0.0.1',
    allowedHosts: ['http://dash.lan:8080', 'https://dash.corp:443', 'dash.example:8443'],
  });
  it.each<[string, boolean]>([
    ['http://dash.lan:8080', true],
    ['http://DASH.lan:8080', true],
    ['https://dash.lan:8080', false],
    ['http://dash.lan', false],
    ['https://dash.corp', true],
    ['http://dash.corp:443', false],
    ['https://dash.corp:8443', false],
    ['https://dash.example:8443', true],
    ['http://dash.example:8443', false],
    ['https://dash.example', false],
  ])('%s → %s', (origin, ok) => {
    const request = new Request('http://x/api/meshes', {
      method: 'POST',
      headers: { host: '127.0.0.1:8080', origin },
    });
    expect(guard(request).allowed).toBe(ok);
  });

  it('says which origin to allow', () => {
    const verdict = guard(
      new Request('http://x/api/meshes', {
        method: 'POST',
        headers: { host: '127.0.0.1:8080', origin: 'https://dash.lan:8080' },
      }),
    );
    expect(verdict).toEqual({
      allowed: false,
      reason: expect.stringContaining('add https://dash.lan:8080 to ALLOWED_HOSTS'),
    });
  });
});

// The guard against a model written from the components: an origin is accepted when its scheme,
// host and port (the scheme's default when not spelled) are the page's own (`http://` + Host)
// or an allowed entry's (a bare name means https).
describe(`the origin check against a model (${ORIGIN_RUNS} runs)`, () => {
  const HOSTS = ['a.example', 'b.example', '10.0.0.5', '[fd00::7]', 'localhost'];
  const PORTS = [undefined, 80, 443, 8080, 8443];
  const SCHEMES = ['http', 'https'] as const;
  type Parts = { scheme: (typeof SCHEMES)[number]; host: string; port: number | undefined };
  const defaultPort = (scheme: string) => (scheme === 'https' ? 443 : 80);
  const hostPort = ({ host, port }: { host: string; port: number | undefined }) =>
    port === undefined ? host : `${host}:${port}`;
  const parts = fc.record({
    scheme: fc.constantFrom(...SCHEMES),
    host: fc.constantFrom(...HOSTS),
    port: fc.constantFrom(...PORTS),
  });
  const entry = fc.record({ bare: fc.boolean(), parts });
  const same = (a: Parts, b: Parts) =>
    a.scheme === b.scheme &&
    a.host === b.host &&
    (a.port ?? defaultPort(a.scheme)) === (b.port ?? defaultPort(b.scheme));

  it('accepts exactly the origins the model accepts', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 3 }),
        fc.record({ host: fc.constantFrom(...HOSTS), port: fc.constantFrom(...PORTS) }),
        parts,
        fc.boolean(),
        (entries, hostHeader, origin, shout) => {
          const allowedHosts = entries.map(({ bare, parts: p }) =>
            bare ? hostPort(p) : `${p.scheme}://${hostPort(p)}`,
          );
          const guard = createRequestGuard({ listenHost: '127.0.0.1', allowedHosts });
          const originText = `${origin.scheme}://${hostPort(origin)}`;
          const verdict = guard(
            new Request('http://x/api/meshes', {
              method: 'POST',
              headers: {
                host: hostPort(hostHeader),
                origin: shout ? originText.toUpperCase() : originText,
              },
            }),
          );
          const allowed = entries.map(({ bare, parts: p }) => ({
            ...p,
            scheme: bare ? ('https' as const) : p.scheme,
          }));
          const hostOk =
            hostHeader.host === 'localhost' || allowed.some((p) => p.host === hostHeader.host);
          const originOk =
            same(origin, { scheme: 'http', ...hostHeader }) || allowed.some((p) => same(origin, p));
          expect(verdict.allowed).toBe(hostOk && originOk);
        },
      ),
      { numRuns: ORIGIN_RUNS },
    );
  });
});

describe('parseAllowedHosts', () => {
  it.each([
    'ftp://dash.corp',
    'https://dash.corp/path',
    'https://user@dash.corp',
    'dash corp',
    'https://dash.corp?x=1',
    'https://',
  ])('refuses %j, naming it', (value) => {
    expect(() => parseAllowedHosts(value)).toThrow(`ALLOWED_HOSTS entry "${value}"`);
  });

  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['a.example, b.example ,', ['a.example', 'b.example']],
  ])('%j → %j', (value, hosts) => {
    expect(parseAllowedHosts(value)).toEqual(hosts);
  });
});
