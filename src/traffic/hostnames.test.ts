import { describe, expect, it } from 'vitest';
import {
  compareHostnameExactness,
  hostnameContains,
  hostnameMatches,
  hostnamesIntersect,
  intersectHostnames,
  isWildcardHostname,
  mostExactMatch,
  normalizeHostname,
  normalizeRequestHost,
  sortByExactness,
} from './hostnames';

describe('hostnameMatches (listener / route hostname against a request host)', () => {
  it.each([
    // gateway-semantics.md §1.5 rule 1: a wildcard matches one or more labels
    { pattern: '*.example.com', host: 'a.example.com', expected: true },
    { pattern: '*.example.com', host: 'a.b.example.com', expected: true },
    { pattern: '*.example.com', host: 'example.com', expected: false },
    { pattern: '*.example.com', host: 'a.example.org', expected: false },
    { pattern: '*.example.com', host: 'aexample.com', expected: false },
    { pattern: '*', host: 'anything.at.all', expected: true },
    { pattern: '', host: 'empty-means-star.io', expected: true },
    { pattern: undefined, host: 'undefined-means-star.io', expected: true },
    { pattern: 'foo.example.com', host: 'foo.example.com', expected: true },
    { pattern: 'foo.example.com', host: 'bar.example.com', expected: false },
    { pattern: 'foo.example.com', host: 'foo.a.example.com', expected: false },
    { pattern: 'foo.example.com', host: 'example.com', expected: false },
    { pattern: 'Foo.Example.COM', host: 'foo.example.com', expected: true },
    { pattern: 'foo.example.com', host: 'FOO.example.com:8080', expected: true },
    { pattern: 'foo.example.com', host: 'foo.example.com.', expected: true },
    { pattern: '*', host: '', expected: true },
    { pattern: 'foo.example.com', host: '', expected: false },
  ])('$pattern accepts "$host": $expected', ({ pattern, host, expected }) => {
    expect(hostnameMatches(pattern, host)).toBe(expected);
  });
});

describe('hostnameContains (pattern inside pattern)', () => {
  it.each([
    { container: '*', contained: '*.example.com', expected: true },
    { container: '*.example.com', contained: '*.a.example.com', expected: true },
    { container: '*.a.example.com', contained: '*.example.com', expected: false },
    { container: '*.example.com', contained: 'dev.example.com', expected: true },
    { container: 'dev.example.com', contained: '*.example.com', expected: false },
    { container: '*.com', contained: 'example.com', expected: true },
    { container: 'example.com', contained: 'example.com', expected: true },
  ])('$container contains $contained: $expected', ({ container, contained, expected }) => {
    expect(hostnameContains(container, contained)).toBe(expected);
  });
});

describe('hostnamesIntersect', () => {
  it.each([
    { a: '*', b: 'foo.example.com', expected: true },
    { a: '*.example.com', b: 'dev.example.com', expected: true },
    { a: 'dev.example.com', b: '*.example.com', expected: true },
    { a: 'api.other.com', b: '*.example.com', expected: false },
    { a: 'example.com', b: '*.example.com', expected: false },
    { a: '*.a.example.com', b: '*.example.com', expected: true },
    { a: 'a.example.com', b: 'b.example.com', expected: false },
  ])('$a ∩ $b: $expected', ({ a, b, expected }) => {
    expect(hostnamesIntersect(a, b)).toBe(expected);
  });
});

describe('intersectHostnames (§1.5 rule 3: the virtual host of a route hostname on a listener)', () => {
  it.each([
    { route: 'dev.example.com', listener: '*.example.com', expected: 'dev.example.com' },
    { route: '*', listener: 'foo.example.com', expected: 'foo.example.com' },
    { route: '*', listener: '', expected: '*' },
    { route: '*.example.com', listener: '*', expected: '*.example.com' },
    { route: '*.example.com', listener: 'foo.example.com', expected: 'foo.example.com' },
    { route: 'foo.example.com', listener: 'foo.example.com', expected: 'foo.example.com' },
    { route: 'api.other.com', listener: '*.example.com', expected: undefined },
    { route: 'example.com', listener: '*.example.com', expected: undefined },
  ])('route $route on listener "$listener" → $expected', ({ route, listener, expected }) => {
    expect(intersectHostnames(route, listener)).toBe(expected);
  });
});

describe('exactness ordering', () => {
  it('orders exact names, then longer wildcards, then shorter ones, then *', () => {
    const sorted = sortByExactness(
      ['*', '*.example.com', 'dev.example.com', '*.a.example.com', 'api.example.com'],
      (h) => h,
    );
    expect(sorted).toEqual([
      'api.example.com',
      'dev.example.com',
      '*.a.example.com',
      '*.example.com',
      '*',
    ]);
  });

  it.each([
    { a: 'dev.example.com', b: '*', sign: -1 },
    { a: '*', b: 'dev.example.com', sign: 1 },
    { a: '*.a.example.com', b: '*.example.com', sign: -1 },
    { a: '*.example.com', b: '*.example.com', sign: 0 },
  ])('compare($a, $b) has sign $sign', ({ a, b, sign }) => {
    expect(Math.sign(compareHostnameExactness(a, b))).toBe(sign);
  });

  it.each([
    // dev.example.com vs * precedence: the exact name wins for its own host only
    { patterns: ['*', 'dev.example.com'], host: 'dev.example.com', expected: 'dev.example.com' },
    { patterns: ['*', 'dev.example.com'], host: 'www.example.com', expected: '*' },
    {
      patterns: ['*.example.com', '*.a.example.com'],
      host: 'x.a.example.com',
      expected: '*.a.example.com',
    },
    { patterns: ['*.example.com'], host: 'example.com', expected: undefined },
  ])('mostExactMatch($patterns, $host) = $expected', ({ patterns, host, expected }) => {
    expect(mostExactMatch(patterns, host)).toBe(expected);
  });
});

describe('normalisation', () => {
  it.each([
    { input: '', expected: '*' },
    { input: undefined, expected: '*' },
    { input: 'Foo.Example.com.', expected: 'foo.example.com' },
  ])('normalizeHostname($input) = $expected', ({ input, expected }) => {
    expect(normalizeHostname(input)).toBe(expected);
  });

  it.each([
    { input: 'Foo.example.com:8443', expected: 'foo.example.com' },
    { input: '[::1]:8080', expected: '::1' },
    { input: 'example.com', expected: 'example.com' },
    { input: undefined, expected: '' },
  ])('normalizeRequestHost($input) = $expected', ({ input, expected }) => {
    expect(normalizeRequestHost(input)).toBe(expected);
  });

  it.each([
    { input: '*', expected: true },
    { input: '', expected: true },
    { input: '*.example.com', expected: true },
    { input: 'example.com', expected: false },
  ])('isWildcardHostname($input) = $expected', ({ input, expected }) => {
    expect(isWildcardHostname(input)).toBe(expected);
  });
});
