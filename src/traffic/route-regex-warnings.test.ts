import { describe, expect, it } from 'vitest';
import type { HttpRouteMatch, MeshHTTPRoute } from '../kuma/types';
import { meshHttpRouteRegexWarnings } from './route-regex-warnings';

/** A route on a MeshGateway with one `to[]` entry and one rule with these matches. */
function gatewayRoute(matches: HttpRouteMatch[]): MeshHTTPRoute {
  return {
    type: 'MeshHTTPRoute',
    mesh: 'default',
    name: 'edge-http',
    spec: {
      targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
      to: [
        {
          targetRef: { kind: 'Mesh' },
          rules: [
            { matches, default: { backendRefs: [{ kind: 'MeshService', name: 'backend' }] } },
          ],
        },
      ],
    },
  };
}

const R = 'spec.to[0].rules[0]';

describe('meshHttpRouteRegexWarnings', () => {
  // The body a real kuma-cp 2.14.3 and 2.6.15 both answered 201 to (and stored as sent).
  const invalid = gatewayRoute([
    {
      path: { type: 'RegularExpression', value: '/(a)\\1(?=x)([' },
      headers: [{ type: 'RegularExpression', name: 'x-env', value: 'a**' }],
      queryParams: [{ type: 'RegularExpression', name: 'v', value: '(?<=a)' }],
    },
  ]);

  it('warns on each regex RE2 refuses, with Go’s error', () => {
    const tail =
      ': kuma-cp stores it, but Envoy rejects the route configuration, and the trace treats this match as matching nothing';
    expect(meshHttpRouteRegexWarnings(invalid)).toEqual([
      {
        field: `${R}.matches[0].path.value`,
        message: `not valid RE2 (error parsing regexp: invalid escape sequence: \`\\1\`)${tail}`,
      },
      {
        field: `${R}.matches[0].headers[0].value`,
        message: `not valid RE2 (error parsing regexp: invalid nested repetition operator: \`**\`)${tail}`,
      },
      {
        field: `${R}.matches[0].queryParams[0].value`,
        message: `not valid RE2 (error parsing regexp: invalid named capture: \`(?<=a)\`)${tail}`,
      },
    ]);
  });

  it('is silent on valid RE2, including syntax JavaScript refuses', () => {
    const valid = gatewayRoute([
      {
        path: { type: 'RegularExpression', value: '(?i)/api/(?P<v>v[0-9]+)/.*\\z' },
        headers: [{ type: 'RegularExpression', name: 'x-env', value: '[[:alpha:]]+' }],
        queryParams: [{ type: 'Exact', name: 'v', value: '(' }],
      },
      { path: { type: 'PathPrefix', value: '/(' } },
    ]);
    expect(meshHttpRouteRegexWarnings(valid)).toEqual([]);
  });

  it('warns on a regex too large for the trace', () => {
    const huge = gatewayRoute([
      { path: { type: 'RegularExpression', value: '(?:x{1000}){1}'.repeat(30) } },
    ]);
    expect(meshHttpRouteRegexWarnings(huge)).toEqual([
      {
        field: `${R}.matches[0].path.value`,
        message:
          "about 30,002 RE2 instructions: more than the dashboard's trace evaluates (20,000), and Kuma has Envoy warn past a program size of 1,000",
      },
    ]);
  });

  it('copes with any shape', () => {
    expect(meshHttpRouteRegexWarnings({} as MeshHTTPRoute)).toEqual([]);
    const odd = { spec: { to: [{ rules: [{ matches: [null, { path: 'x', headers: {} }] }] }] } };
    expect(meshHttpRouteRegexWarnings(odd as unknown as MeshHTTPRoute)).toEqual([]);
  });
});
