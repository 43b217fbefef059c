import { describe, expect, it } from 'vitest';
import { goMarshal, hashMatches } from './go-json';

/** Hashes as kuma-cp reported them (Kuma's `_rules` goldens and a real 2.14.3 / 2.6.15). */
describe('hashMatches', () => {
  it.each([
    {
      matches: [{ path: { type: 'PathPrefix', value: '/pay' } }],
      hash: '0Fhwwii5BEjei+Lf8bLybMfRXUknvKE/IgCJ7COdAbQ=',
    },
    {
      matches: [{ path: { type: 'PathPrefix', value: '/' } }],
      hash: '9Zuf5Tg79OuZcQITwBbQykxAk2u4fRKrwYn3//AL4Yo=',
    },
    {
      matches: [{ path: { value: '/api', type: 'PathPrefix' } }],
      hash: 'waFsoIISmZDTfFWYqxvY265/GASHYEWvHQTwMh/bpuU=',
    },
    {
      matches: [{ path: { type: 'PathPrefix', value: '/api/v2' } }],
      hash: 'P6k5V5Y/QDNzTnF1vr7gY33PAAoDt+H+DtspboMfNMs=',
    },
    {
      matches: [{ headers: [{ name: 'foo', value: 'baz', type: 'Exact' }] }],
      hash: '7AL18PkCPj3JAlwamTpzmVg7/sLnT8IXWtQljrRqs+4=',
    },
    {
      matches: [{ headers: [{ type: 'Exact', name: 'foo', value: 'bar' }] }],
      hash: 'yM0/dbXyGi3nh/16+QCWa0maH7RkPXftZ4fkR+vFOjA=',
    },
  ])('$hash', ({ matches, hash }) => {
    expect(hashMatches(matches)).toBe(hash);
  });
});

describe('goMarshal', () => {
  it.each([
    { value: 'a<b>&c', text: '"a\\u003cb\\u003e\\u0026c"' },
    { value: 'line\u2028sep', text: '"line\\u2028sep"' },
    { value: '\u0001', text: '"\\u0001"' },
    { value: { b: 1, a: [true, null] }, text: '{"b":1,"a":[true,null]}' },
    { value: undefined, text: 'null' },
  ])('$text', ({ value, text }) => {
    expect(goMarshal(value)).toBe(text);
  });
});
