import { describe, expect, it } from 'vitest';
import type { MeshHTTPRoute } from '../types';
import type { ValidationContext } from './context';
import { gatewayHostnameProblems, routeHostnameWarning } from './hostname';
import { validateMeshGateway } from './mesh-gateway';
import { meshHttpRouteHostnameWarnings } from './mesh-http-route';

/**
 * One table for listeners and routes. A listener gets kuma-cp's errors (`ValidateHostname`);
 * a route the same words as a warning, since kuma-cp stores any route hostname.
 */
const CASES: [string, string[]][] = [
  ['*', []],
  ['example.com', []],
  ['shop.example.com', []],
  ['*.example.com', []],
  ['a', []],
  ['xn--bcher-kva.example', []],
  ['1.2.3.4', []],
  ['*.foo.*.com', ['invalid wildcard domain']],
  ['foo.*.com', ['invalid hostname']],
  ['*.*.com', ['invalid wildcard domain']],
  ['**.com', ['invalid hostname']],
  ['*example.com', ['invalid hostname']],
  ['*.', ['invalid wildcard domain']],
  ['Shop.Example.com', ['invalid hostname']],
  ['-shop.example.com', ['invalid hostname']],
  ['shop_1.example.com', ['invalid hostname']],
  ['shop..example.com', ['invalid hostname']],
  ['shop.example.com.', ['invalid hostname']],
  ['shop.example.com:8080', ['invalid hostname']],
  ['bücher.example', ['invalid hostname']],
  [
    `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`,
    ['must be at most 253 characters'],
  ],
  [`*.${'a'.repeat(252)}`, ['must be at most 253 characters']],
  [`${'a.'.repeat(126)}a!`, ['must be at most 253 characters', 'invalid hostname']],
];

describe('gatewayHostnameProblems: a listener hostname (G12–G14)', () => {
  it.each(CASES)('%s', (hostname, problems) => {
    expect(gatewayHostnameProblems(hostname)).toEqual(problems);
  });

  it.each(CASES)(
    'kuma-cp refuses a listener %s with exactly these messages',
    (hostname, problems) => {
      const gateway = {
        type: 'MeshGateway',
        mesh: 'default',
        name: 'gw',
        selectors: [{ match: { 'kuma.io/service': 'gw' } }],
        conf: { listeners: [{ port: 8080, protocol: 'HTTP', hostname }] },
      };
      const violations = validateMeshGateway(gateway as never, {} as ValidationContext)
        .filter((violation) => violation.field === 'conf.listeners[0].hostname')
        .map((violation) => violation.message);
      expect(violations).toEqual(problems);
    },
  );
});

describe('routeHostnameWarning: the same rule on a route, as a warning', () => {
  it.each(CASES)('%s', (hostname, problems) => {
    const warning = routeHostnameWarning(hostname);
    if (problems.length === 0) expect(warning).toBeUndefined();
    else
      expect(warning).toBe(
        `${problems.join(', ')}: kuma-cp stores this on a route but refuses it on a listener, and no request's host will match it`,
      );
  });
});

describe('meshHttpRouteHostnameWarnings', () => {
  const route = (kind: string, hostnames: string[][]): MeshHTTPRoute =>
    ({
      type: 'MeshHTTPRoute',
      mesh: 'default',
      name: 'r',
      spec: {
        targetRef: { kind, name: 'gw' },
        to: hostnames.map((names) => ({
          targetRef: { kind: 'Mesh' },
          hostnames: names,
          rules: [],
        })),
      },
    }) as unknown as MeshHTTPRoute;

  it('points at each hostname a listener could not have', () => {
    expect(
      meshHttpRouteHostnameWarnings(
        route('MeshGateway', [['ok.example.com', '*.foo.*.com'], ['foo.*.com']]),
      ).map((violation) => violation.field),
    ).toEqual(['spec.to[0].hostnames[1]', 'spec.to[1].hostnames[0]']);
  });

  it('says nothing where hostnames are refused outright (not a MeshGateway route)', () => {
    expect(meshHttpRouteHostnameWarnings(route('Mesh', [['*.foo.*.com']]))).toEqual([]);
  });

  it('reads odd input without throwing', () => {
    expect(meshHttpRouteHostnameWarnings({} as MeshHTTPRoute)).toEqual([]);
    expect(
      meshHttpRouteHostnameWarnings({
        spec: { targetRef: { kind: 'MeshGateway' }, to: [{ hostnames: [7, '', 'a..b'] }] },
      } as never),
    ).toHaveLength(1);
  });
});
