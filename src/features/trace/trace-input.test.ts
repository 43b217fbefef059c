import { describe, expect, it } from 'vitest';
import {
  gatewayChoice,
  parseRequestUrl,
  parseTarget,
  traceFromParams,
  traceToParams,
} from './trace-input';

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
    ['ftp://a/', '', /only http and https requests can be traced \(got ftp\)/],
    ['http://', '', /there is no host/],
    ['http://a/', 'no colon here', /header line 1/],
    ['http://a/', 'Host: a b', /Host header "a b" is not a host name/],
    ['http://a/', 'Host: *.example.com', /Host header "\*.example.com" is not a host name/],
  ])('refuses %s %s', (url, headers, error) => {
    const result = parseTarget({ url, headers });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it('says which field is wrong', () => {
    expect(parseTarget({ url: 'not a url', headers: '' })).toMatchObject({
      ok: false,
      field: 'url',
    });
    expect(parseTarget({ url: 'http://a/', headers: 'x' })).toMatchObject({
      ok: false,
      field: 'headers',
    });
  });
});

describe('parseRequestUrl: what the trace refuses, and why', () => {
  it.each([
    ['', /enter a URL/],
    ['   ', /enter a URL/],
    ['not a url', /has a space at character 4/],
    ['http://exa mple.com/', /has a space at character 11/],
    ['http://a/b c', /has a space at character 11; .* %20/],
    ['http://a/\tb', /has a space/],
    ['http://a/\u0001', /control character at character 10/],
    ['http:\\\\a\\b', /backslash at character 6/],
    ['ftp://files.example.com/', /only http and https .* \(got ftp\)/],
    ['javascript:alert(1)', /only http and https .* \(got javascript\)/],
    ['mailto:ops@example.com', /only http and https .* \(got mailto\)/],
    ['ws://chat.example.com/', /only http and https .* \(got ws\)/],
    ['http:foo', /"\/\/" and a host must follow "http:"/],
    ['https:/shop.example.com', /"\/\/" and a host must follow "https:"/],
    ['/path/only', /there is no host/],
    ['?q=1', /there is no host/],
    ['#top', /there is no host/],
    ['http:///path', /there is no host/],
    ['://x', /there is no host/],
    ['http://:8080/', /there is no host/],
    ['http://user:pw@shop.example.com/', /user names and passwords/],
    ['shop@example.com', /user names and passwords/],
    ['http://shop.example.com:/', /port after ":" is empty/],
    ['http://shop.example.com:http/', /port "http" is not a number/],
    ['http://shop.example.com:-1/', /port "-1" is not a number/],
    ['http://shop.example.com:0/', /port 0 is out of range/],
    ['http://shop.example.com:65536/', /port 65536 is out of range/],
    ['http://shop.example.com:99999999999999999999/', /out of range/],
    ['localhost:', /port after ":" is empty/],
    ['http://::1/', /IPv6 address goes in brackets/],
    ['http://[::1/', /no closing "\]"/],
    ['http://[::g]/', /"::g" is not an IPv6 address/],
    ['http://[1.2.3.4]/', /"1.2.3.4" is not an IPv6 address/],
    ['http://[fe80::1%25eth0]/', /zone identifiers/],
    ['http://[::1]x/', /"x" after the IPv6 address/],
    ['http://*.example.com/', /has a "\*": wildcards belong to listener and route hostnames/],
    ['http://*/', /has a "\*"/],
    ['http://%41.example.com/', /percent-encoded/],
    ['http://shop..example.com/', /empty label/],
    ['http://.example.com/', /empty label/],
    ['http://-shop.example.com/', /starts or ends with "-"/],
    ['http://shop-.example.com/', /starts or ends with "-"/],
    ['http://shop!.example.com/', /has "!"/],
    ['http://sh<op>.com/', /has "<"/],
    [`http://${'a'.repeat(64)}.com/`, /longer than 63/],
    [`http://${Array(60).fill('abcd').join('.')}.com/`, /at most 253/],
    ['http://256.1.1.1/', /not an IPv4 address/],
    ['http://1.2.3/', /not an IPv4 address/],
    ['http://010.0.0.1/', /not an IPv4 address/],
    ['http://example.123/', /not an IPv4 address/],
    ['http://a/%zz', /"%zz" at character 10 is not percent-encoding/],
    ['http://a/?q=100%', /"%" at character 16 is not percent-encoding/],
    ['http://a/%4', /"%4" .* not percent-encoding/],
    ['http://a/\ud800', /not valid Unicode/],
  ])('%j', (input, error) => {
    const result = parseRequestUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});

describe('parseRequestUrl: what it accepts, as the data plane sees it', () => {
  it.each([
    ['http://shop.example.com', 'http', 'shop.example.com', 80, '/'],
    ['https://shop.example.com', 'https', 'shop.example.com', 443, '/'],
    ['HTTPS://Shop.Example.COM/Cart', 'https', 'shop.example.com', 443, '/Cart'],
    ['  http://a/  ', 'http', 'a', 80, '/'],
    ['shop.example.com', 'http', 'shop.example.com', 80, '/'],
    ['localhost:8080/x', 'http', 'localhost', 8080, '/x'],
    ['not-a-url', 'http', 'not-a-url', 80, '/'],
    ['http://a:1/', 'http', 'a', 1, '/'],
    ['http://a:65535/', 'http', 'a', 65535, '/'],
    ['http://a:0080/', 'http', 'a', 80, '/'],
    ['http://10.0.0.1:9080', 'http', '10.0.0.1', 9080, '/'],
    ['http://[::1]/', 'http', '[::1]', 80, '/'],
    ['http://[2001:DB8::1]:8443/x', 'http', '[2001:db8::1]', 8443, '/x'],
    ['https://[::ffff:10.0.0.1]/', 'https', '[::ffff:10.0.0.1]', 443, '/'],
    ['http://shop.example.com./', 'http', 'shop.example.com.', 80, '/'],
    ['http://under_score.example.com/', 'http', 'under_score.example.com', 80, '/'],
    ['http://bücher.example/', 'http', 'xn--bcher-kva.example', 80, '/'],
    ['http://a/api/x?y=1&z=2', 'http', 'a', 80, '/api/x?y=1&z=2'],
    ['http://a?y=1', 'http', 'a', 80, '/?y=1'],
    ['http://a/search?q=a%20b&x=%2F', 'http', 'a', 80, '/search?q=a%20b&x=%2F'],
    ['http://a/%E2%82%AC', 'http', 'a', 80, '/%E2%82%AC'],
    ['http://a/€', 'http', 'a', 80, '/%E2%82%AC'],
    ['http://a/docs#install', 'http', 'a', 80, '/docs'],
    ['http://a/a/./b/../c', 'http', 'a', 80, '/a/c'],
    ['http://a/../../x', 'http', 'a', 80, '/x'],
    ['http://a/x/..', 'http', 'a', 80, '/'],
    ['http://a/x?path=../y', 'http', 'a', 80, '/x?path=../y'],
    ['http://a//double//slash', 'http', 'a', 80, '//double//slash'],
    ['http://a/?', 'http', 'a', 80, '/?'],
  ])('%j', (input, scheme, host, port, path) => {
    expect(parseRequestUrl(input)).toEqual({ ok: true, value: { scheme, host, port, path } });
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
