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
  ])('listening on %s with allow-list %j, Host %s → %s', (listenHost, allowedHosts, host, ok) => {
    const guard = createRequestGuard({ listenHost, allowedHosts });
    expect(guard(read(host)).allowed).toBe(ok);
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
