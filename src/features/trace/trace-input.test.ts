import { describe, expect, it } from 'vitest';
import { gatewayChoice, parseTarget, traceFromParams, traceToParams } from './trace-input';

describe('parseTarget', () => {
  it.each([
    [
      'http://shop.example.com/api/x?y=1',
      '',
      { scheme: 'http', host: 'shop.example.com', port: 80, path: '/api/x?y=1' },
    ],
    [
      'https://shop.example.com/',
      '',
      { scheme: 'https', host: 'shop.example.com', port: 443, path: '/' },
    ],
    [
      'shop.example.com:8081/admin',
      '',
      { scheme: 'http', host: 'shop.example.com', port: 8081, path: '/admin' },
    ],
    ['http://10.0.0.1:9080', '', { scheme: 'http', host: '10.0.0.1', port: 9080, path: '/' }],
    [
      'http://10.0.0.1:9080/x',
      'Host: Shop.example.com:9080',
      { scheme: 'http', host: 'shop.example.com', port: 9080, path: '/x' },
    ],
  ])('%s', (url, headers, expected) => {
    expect(parseTarget({ url, headers })).toMatchObject({ ok: true, ...expected });
  });

  it('reads header lines, names lowercased', () => {
    expect(
      parseTarget({ url: 'http://a/', headers: 'X-Canary: yes\n\nAuthorization: Bearer t' }),
    ).toMatchObject({
      headers: { 'x-canary': 'yes', authorization: 'Bearer t' },
    });
  });

  it.each([
    ['ftp://a/', '', /only http and https/],
    ['http://', '', /is not a URL/],
    ['http://a/', 'no colon here', /header line 1/],
    ['http://a/', 'Host: a b', /Host header "a b" is not a host name/],
  ])('refuses %s %s', (url, headers, error) => {
    const result = parseTarget({ url, headers });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});

describe('URL state', () => {
  it('round-trips a trace', () => {
    const input = {
      mesh: 'default',
      gateway: 'builtin:edge-gateway',
      url: 'http://a/b',
      method: 'POST',
      headers: 'x: y',
    };
    expect(traceFromParams(traceToParams(input))).toEqual(input);
  });

  it.each([
    ['edge', { kind: 'edge' }],
    ['builtin:edge-gateway', { kind: 'builtin', name: 'edge-gateway' }],
    ['delegated:kong:with:colons', { kind: 'delegated', name: 'kong:with:colons' }],
    ['nonsense', { kind: 'edge' }],
  ])('gateway %s', (value, expected) => {
    expect(gatewayChoice(value)).toEqual(expected);
  });
});
