import { describe, expect, it } from 'vitest';
import { createRequestGuard, parseAllowedHosts } from './request-guard';

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
      true,
    ],
  ])('%s → %s', (_, method, host, headers, ok) => {
    const request = new Request('http://x/api/meshes', { method, headers: { host, ...headers } });
    expect(guard(request).allowed).toBe(ok);
  });
});

describe('parseAllowedHosts', () => {
  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['a.example, b.example ,', ['a.example', 'b.example']],
  ])('%j → %j', (value, hosts) => {
    expect(parseAllowedHosts(value)).toEqual(hosts);
  });
});
