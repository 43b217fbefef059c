import { describe, expect, it } from 'vitest';
import type { HttpRouteMatch, HttpRouteRule, MeshHTTPRoute } from '../kuma/types';
import { MatchBudget } from './re2';
import { sortRoutesForMerge } from './route-attachment';
import {
  buildVirtualHosts,
  findMatchingEntry,
  headerMatches,
  matchRequest,
  parseRequest,
  pathMatches,
  queryMatches,
  selectVirtualHost,
  toMatchedRule,
} from './route-matching';
import { httpRoute } from './test-fixtures';

const req = (path: string, method = 'GET', headers: Record<string, string> = {}) =>
  parseRequest({ path, method, headers });

describe('pathMatches', () => {
  it.each([
    // PathPrefix is segment-wise
    { type: 'PathPrefix', value: '/api', path: '/api', expected: true },
    { type: 'PathPrefix', value: '/api', path: '/api/x', expected: true },
    { type: 'PathPrefix', value: '/api', path: '/api/', expected: true },
    { type: 'PathPrefix', value: '/api', path: '/apix', expected: false },
    { type: 'PathPrefix', value: '/api/', path: '/api', expected: true },
    { type: 'PathPrefix', value: '/', path: '/anything/at/all', expected: true },
    { type: 'PathPrefix', value: '/a/b', path: '/a/bc', expected: false },
    { type: 'Exact', value: '/api', path: '/api', expected: true },
    { type: 'Exact', value: '/api', path: '/api/', expected: false },
    { type: 'RegularExpression', value: '/users/[0-9]+', path: '/users/42', expected: true },
    { type: 'RegularExpression', value: '/users/[0-9]+', path: '/users/42/x', expected: false },
    { type: 'RegularExpression', value: '([', path: '/x', expected: false },
  ] as const)('$type $value vs $path → $expected', ({ type, value, path, expected }) => {
    expect(pathMatches({ type, value }, path)).toBe(expected);
  });

  it('ignores the query string', () => {
    expect(matchRequest({ path: { type: 'Exact', value: '/a' } }, req('/a?x=1'))).toBe(true);
  });
});

describe('headerMatches (names are case-insensitive)', () => {
  const headers = parseRequest({
    path: '/',
    method: 'GET',
    headers: { 'X-Env': 'canary-1', Accept: 'json' },
  }).headers;
  it.each([
    { match: { name: 'x-env', value: 'canary-1' }, expected: true },
    { match: { type: 'Exact', name: 'x-env', value: 'canary' }, expected: false },
    { match: { type: 'Prefix', name: 'X-ENV', value: 'canary' }, expected: true },
    { match: { type: 'Prefix', name: 'x-missing', value: '' }, expected: false },
    { match: { type: 'RegularExpression', name: 'x-env', value: 'canary-[0-9]' }, expected: true },
    { match: { type: 'RegularExpression', name: 'x-env', value: 'canary' }, expected: false },
    { match: { type: 'Present', name: 'accept' }, expected: true },
    { match: { type: 'Present', name: 'x-missing' }, expected: false },
    { match: { type: 'Absent', name: 'x-missing' }, expected: true },
    { match: { type: 'Absent', name: 'accept' }, expected: false },
  ] as const)('$match → $expected', ({ match, expected }) => {
    expect(headerMatches(match, headers)).toBe(expected);
  });
});

describe('queryMatches (first value, full match for regex)', () => {
  const { query } = req('/search?q=kuma&v=2&v=3&flag');
  it.each([
    { match: { type: 'Exact', name: 'q', value: 'kuma' }, expected: true },
    { match: { type: 'Exact', name: 'v', value: '2' }, expected: true },
    { match: { type: 'Exact', name: 'v', value: '3' }, expected: false },
    { match: { type: 'RegularExpression', name: 'q', value: 'ku.*' }, expected: true },
    { match: { type: 'RegularExpression', name: 'q', value: 'ku' }, expected: false },
    { match: { type: 'Exact', name: 'flag', value: '' }, expected: true },
    { match: { type: 'Exact', name: 'missing', value: '' }, expected: false },
  ] as const)('$match → $expected', ({ match, expected }) => {
    expect(queryMatches(match, query)).toBe(expected);
  });
});

function rule(match: HttpRouteMatch, backend: string): HttpRouteRule {
  return { matches: [match], default: { backendRefs: [{ kind: 'MeshService', name: backend }] } };
}

function route(
  name: string,
  rules: HttpRouteRule[],
  hostnames?: string[],
  tags?: Record<string, string>,
): MeshHTTPRoute {
  return httpRoute(name, {
    targetRef: { kind: 'MeshGateway', name: 'gw', tags },
    to: [{ targetRef: { kind: 'Mesh' }, hostnames, rules }],
  });
}

function winner(
  routes: MeshHTTPRoute[],
  host: string,
  path: string,
  method = 'GET',
  headers: Record<string, string> = {},
  listener = '*',
) {
  const hosts = buildVirtualHosts(sortRoutesForMerge(routes), listener);
  const vh = selectVirtualHost(hosts, host);
  const { entry } = findMatchingEntry(vh, req(path, method, headers));
  return entry ? toMatchedRule(entry, vh?.hostname ?? '').backendRefs[0]?.name : undefined;
}

describe('rule precedence within one virtual host', () => {
  const routes = [
    route('r', [
      rule({ path: { type: 'PathPrefix', value: '/' } }, 'root'),
      rule({ path: { type: 'PathPrefix', value: '/api' } }, 'api'),
      rule({ path: { type: 'PathPrefix', value: '/api/v2' } }, 'api-v2'),
      rule({ path: { type: 'Exact', value: '/api/health' } }, 'health'),
      rule({ path: { type: 'PathPrefix', value: '/api' }, method: 'POST' }, 'api-post'),
      rule(
        {
          path: { type: 'PathPrefix', value: '/api' },
          headers: [{ name: 'x-canary', value: 'yes' }],
        },
        'api-canary',
      ),
      rule(
        {
          path: { type: 'PathPrefix', value: '/api' },
          headers: [
            { name: 'x-canary', value: 'yes' },
            { type: 'Present', name: 'x-user' },
          ],
        },
        'api-canary-user',
      ),
      rule(
        {
          path: { type: 'PathPrefix', value: '/api' },
          queryParams: [{ type: 'Exact', name: 'debug', value: '1' }],
        },
        'api-debug',
      ),
      rule({ path: { type: 'RegularExpression', value: '/files/.*' } }, 'files'),
    ]),
  ];
  it.each([
    { path: '/', expected: 'root' },
    { path: '/apix', expected: 'root' },
    { path: '/api', expected: 'api' },
    { path: '/api/users', expected: 'api' },
    { path: '/api/v2/users', expected: 'api-v2' },
    { path: '/api/health', expected: 'health' },
    { path: '/api/health', method: 'POST', expected: 'health' },
    { path: '/api/users', method: 'POST', expected: 'api-post' },
    { path: '/api/users', headers: { 'x-canary': 'yes' }, expected: 'api-canary' },
    {
      path: '/api/users',
      headers: { 'x-canary': 'yes', 'x-user': 'u' },
      expected: 'api-canary-user',
    },
    { path: '/api/users', method: 'POST', headers: { 'x-canary': 'yes' }, expected: 'api-post' },
    { path: '/api/users?debug=1', expected: 'api-debug' },
    { path: '/api/users?debug=1', headers: { 'x-canary': 'yes' }, expected: 'api-canary' },
    { path: '/files/a.txt', expected: 'root' },
  ] as { path: string; method?: string; headers?: Record<string, string>; expected: string }[])(
    '$method $path $headers → $expected',
    ({ path, method, headers, expected }) => {
      expect(winner(routes, 'any.host', path, method ?? 'GET', headers ?? {})).toBe(expected);
    },
  );

  it('a regex rule wins only when no prefix entry matches', () => {
    const onlyRegex = [
      route('r', [rule({ path: { type: 'RegularExpression', value: '/files/.*' } }, 'files')]),
    ];
    expect(winner(onlyRegex, 'h', '/files/a.txt')).toBe('files');
    expect(winner(onlyRegex, 'h', '/other')).toBeUndefined();
  });

  it('Kuma quirk: an Exact /api rule suppresses the exact twin of PathPrefix /api', () => {
    const quirk = [
      route('r', [
        rule({ path: { type: 'Exact', value: '/api' }, method: 'GET' }, 'exact-get'),
        rule({ path: { type: 'PathPrefix', value: '/api' } }, 'prefix'),
      ]),
    ];
    expect(winner(quirk, 'h', '/api', 'GET')).toBe('exact-get');
    expect(winner(quirk, 'h', '/api', 'POST')).toBeUndefined();
    expect(winner(quirk, 'h', '/api/x', 'POST')).toBe('prefix');
  });
});

describe('hostname precedence: dev.example.com vs * (docs example)', () => {
  const routes = [
    route('example', [
      rule({ path: { type: 'PathPrefix', value: '/' } }, 'example-v1'),
      rule({ path: { type: 'PathPrefix', value: '/api' } }, 'example-api'),
    ]),
    route(
      'example-dev',
      [rule({ path: { type: 'PathPrefix', value: '/' } }, 'example-v2')],
      ['dev.example.com'],
    ),
  ];
  it.each([
    { listener: '*', host: 'dev.example.com', path: '/', expected: 'example-v2' },
    { listener: '*', host: 'www.example.com', path: '/', expected: 'example-v1' },
    { listener: '*', host: 'other.org', path: '/', expected: 'example-v1' },
    // paths defined only under * still work on dev.example.com
    { listener: '*', host: 'dev.example.com', path: '/api/x', expected: 'example-api' },
    { listener: '*.example.com', host: 'dev.example.com', path: '/', expected: 'example-v2' },
    { listener: '*.example.com', host: 'a.b.example.com', path: '/', expected: 'example-v1' },
    // the dev hostname does not intersect this listener: its rule is ignored
    { listener: 'foo.example.com', host: 'foo.example.com', path: '/', expected: 'example-v1' },
  ])('listener $listener, $host$path → $expected', ({ listener, host, path, expected }) => {
    expect(winner(routes, host, path, 'GET', {}, listener)).toBe(expected);
  });

  it('builds one virtual host per intersecting route hostname', () => {
    const hosts = buildVirtualHosts(sortRoutesForMerge(routes), '*.example.com');
    expect(hosts.map((h) => `${h.hostname}<-${h.ruleHostnames.join('+')}`)).toEqual([
      'dev.example.com<-dev.example.com+*',
      '*.example.com<-*',
    ]);
  });

  it('drops virtual hosts owned by a more exact listener on the port', () => {
    const hosts = buildVirtualHosts(sortRoutesForMerge(routes), '*', ['dev.example.com']);
    expect(hosts.map((h) => h.hostname)).toEqual(['*']);
  });
});

describe('merging identical matches across routes', () => {
  const match: HttpRouteMatch = { path: { type: 'PathPrefix', value: '/' } };
  it.each([
    {
      name: 'the name that sorts last wins',
      routes: [
        route('b-route', [rule(match, 'from-b')]),
        route('a-route', [rule(match, 'from-a')]),
      ],
      expected: 'from-b',
    },
    {
      name: 'more targetRef tags do not outrank the name',
      routes: [
        route('a-route', [rule(match, 'from-a')], undefined, { listener: 'x' }),
        route('z-route', [rule(match, 'from-z')]),
      ],
      expected: 'from-z',
    },
    {
      name: 'the name decides with the tags on the winner too',
      routes: [
        route('a-route', [rule(match, 'from-a')]),
        route('z-route', [rule(match, 'from-z')], undefined, { listener: 'x' }),
      ],
      expected: 'from-z',
    },
  ])('$name', ({ routes, expected }) => {
    const hosts = buildVirtualHosts(sortRoutesForMerge(routes), '*');
    const { entry } = findMatchingEntry(hosts[0], req('/x'));
    if (!entry) throw new Error('no match');
    const matched = toMatchedRule(entry, '*');
    expect(matched.backendRefs[0]?.name).toBe(expected);
    expect(matched.overridden).toHaveLength(1);
  });
});

describe('no match', () => {
  it('reports why each rule was rejected', () => {
    const hosts = buildVirtualHosts(
      [route('r', [rule({ path: { type: 'Exact', value: '/only' }, method: 'GET' }, 'x')])],
      '*',
    );
    const result = findMatchingEntry(hosts[0], req('/only', 'DELETE'));
    expect(result.entry).toBeUndefined();
    expect(result.rejected[0]?.reason).toBe('method DELETE is not GET');
  });

  it('copes with rules without matches or routes without to', () => {
    const broken = httpRoute('broken', { targetRef: { kind: 'MeshGateway', name: 'gw' } });
    const noMatches = httpRoute('no-matches', {
      targetRef: { kind: 'MeshGateway', name: 'gw' },
      to: [{ targetRef: { kind: 'Mesh' }, rules: [{ default: {} } as HttpRouteRule] }],
    });
    const hosts = buildVirtualHosts([broken, noMatches], '*');
    expect(hosts.map((h) => h.entries.length)).toEqual([0]);
    expect(findMatchingEntry(hosts[0], req('/')).entry).toBeUndefined();
    expect(findMatchingEntry(undefined, req('/')).entry).toBeUndefined();
  });
});

describe('regex matches: RE2, full match, invalid ones reported', () => {
  const only = (match: HttpRouteMatch) =>
    buildVirtualHosts([route('r', [rule(match, 'svc')])], '*')[0];

  it.each([
    // RE2 syntax JavaScript refuses.
    { match: { path: { type: 'RegularExpression', value: '(?i)/API/.*' } }, path: '/api/x' },
    {
      match: { headers: [{ type: 'RegularExpression', name: 'x-id', value: '(?P<n>[0-9]+)\\z' }] },
      path: '/',
      headers: { 'x-id': '42' },
    },
    {
      match: { queryParams: [{ type: 'RegularExpression', name: 'v', value: '[[:digit:]]+' }] },
      path: '/?v=2',
    },
  ] as { match: HttpRouteMatch; path: string; headers?: Record<string, string> }[])(
    'accepts $path with RE2-only syntax',
    ({ match, path, headers }) => {
      expect(findMatchingEntry(only(match), req(path, 'GET', headers ?? {})).entry).toBeDefined();
    },
  );

  it.each([
    {
      match: { path: { type: 'RegularExpression', value: '/(a)\\1' } },
      reason:
        'the path regex "/(a)\\1" is not valid RE2 (error parsing regexp: invalid escape sequence: `\\1`), so it matches nothing (Envoy rejects a route configuration carrying it)',
    },
    {
      match: {
        headers: [{ type: 'RegularExpression', name: 'x-env', value: '(?=canary)canary.*' }],
      },
      reason:
        'the header x-env regex "(?=canary)canary.*" is not valid RE2 (error parsing regexp: invalid or unsupported Perl syntax: `(?=`), so it matches nothing (Envoy rejects a route configuration carrying it)',
    },
    {
      match: { queryParams: [{ type: 'RegularExpression', name: 'v', value: 'a(?!b)a' }] },
      reason:
        'the query parameter v regex "a(?!b)a" is not valid RE2 (error parsing regexp: invalid or unsupported Perl syntax: `(?!`), so it matches nothing (Envoy rejects a route configuration carrying it)',
    },
  ] as { match: HttpRouteMatch; reason: string }[])(
    'says why an invalid regex matches nothing',
    ({ match, reason }) => {
      // The request would match what JavaScript makes of each pattern.
      const request = req('/aa?v=aa', 'GET', { 'x-env': '' });
      const result = findMatchingEntry(only(match), request);
      expect(result.entry).toBeUndefined();
      expect(result.rejected.map((r) => r.reason)).toEqual([reason]);
    },
  );

  it('stops, without a winner, when the budget cannot pay for a regex', () => {
    const host = buildVirtualHosts(
      [
        route('r', [
          rule({ path: { type: 'RegularExpression', value: '/x/[0-9]+' } }, 'first'),
          rule({ path: { type: 'RegularExpression', value: '/(a+)+' } }, 'second'),
        ]),
      ],
      '*',
    )[0];
    const path = `/${'a'.repeat(2_000)}`;
    // The first regex (9 instructions) costs 9 × 2,002; the second (8) cannot be paid for.
    const result = findMatchingEntry(host, req(path), new MatchBudget(30_000));
    expect(result.entry).toBeUndefined();
    expect(result.rejected).toHaveLength(1);
    expect(result.notEvaluated?.entry.regexPath).toBe('/(a+)+');
    expect(result.notEvaluated?.reason).toMatch(
      /^the regex "\/\(a\+\)\+" was not evaluated: matching it against 2,001 characters needs 16,016 steps/,
    );
    // With the default budget it is decided.
    expect(findMatchingEntry(host, req(path)).entry?.regexPath).toBe('/(a+)+');
  });

  it('evaluates each regex once per entry', () => {
    const host = only({ path: { type: 'RegularExpression', value: '/(a+)+' } });
    const budget = new MatchBudget();
    findMatchingEntry(host, req('/b'), budget);
    // 8 instructions × ('/b'.length + 1): one match, not one to decide and one to explain.
    expect(budget.used).toBe(24);
  });
});
