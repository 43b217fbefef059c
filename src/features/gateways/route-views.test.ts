import { describe, expect, it } from 'vitest';
import type { BackendRef } from '../../kuma/types';
import { httpRoute } from '../../traffic/test-fixtures';
import { backendViews, httpRouteView } from './route-views';

describe('backendViews', () => {
  it.each<[string, BackendRef[], [string, number, number][]]>([
    [
      'weighted split',
      [
        { kind: 'MeshService', name: 'backend', weight: 90 },
        { kind: 'MeshService', name: 'backend-v2', weight: 10 },
      ],
      [
        ['backend', 90, 90],
        ['backend-v2', 10, 10],
      ],
    ],
    [
      'default weight 1',
      [
        { kind: 'MeshService', name: 'a' },
        { kind: 'MeshService', name: 'b' },
      ],
      [
        ['a', 1, 50],
        ['b', 1, 50],
      ],
    ],
    [
      'zero weight',
      [
        { kind: 'MeshService', name: 'a', weight: 0 },
        { kind: 'MeshService', name: 'b', weight: 3 },
      ],
      [
        ['a', 0, 0],
        ['b', 3, 100],
      ],
    ],
    [
      'selected by labels',
      [{ kind: 'MeshService', labels: { 'kuma.io/display-name': 'x' }, port: 80 }],
      [['kuma.io/display-name=x', 1, 100]],
    ],
  ])('%s', (_label, refs, expected) => {
    expect(backendViews(refs).map((view) => [view.name, view.weight, view.percent])).toEqual(
      expected,
    );
  });

  it.each<[string, BackendRef, string | undefined]>([
    ['a kuma.io/service value', { kind: 'MeshService', name: 'backend' }, 'backend'],
    ['no kind is a MeshService', { name: 'backend' } as BackendRef, 'backend'],
    ['a MeshService resource', { kind: 'MeshService', name: 'checkout', port: 8080 }, 'checkout'],
    ['a subset', { kind: 'MeshServiceSubset', name: 'backend', tags: { v: '2' } }, 'backend'],
    ['an external service', { kind: 'MeshExternalService', name: 'httpbin' }, undefined],
    ['a multi-zone service', { kind: 'MeshMultiZoneService', name: 'global' }, undefined],
    ['selected by labels', { kind: 'MeshService', labels: { app: 'x' }, port: 80 }, undefined],
  ])('links %s to a service page: %s', (_label, ref, service) => {
    expect(backendViews([ref])[0]?.service).toBe(service);
  });

  it('describes real MeshService refs with their port', () => {
    expect(backendViews([{ kind: 'MeshService', name: 'checkout', port: 8080 }])[0]?.detail).toBe(
      'MeshService checkout:8080',
    );
  });
});

describe('httpRouteView', () => {
  it('describes method, headers, query and filters', () => {
    const route = httpRoute('r', {
      targetRef: { kind: 'MeshGateway', name: 'gw' },
      to: [
        {
          targetRef: { kind: 'Mesh' },
          rules: [
            {
              matches: [
                {
                  path: { type: 'Exact', value: '/login' },
                  method: 'POST',
                  headers: [{ type: 'Exact', name: 'x-env', value: 'canary' }],
                  queryParams: [{ type: 'Exact', name: 'v', value: '2' }],
                },
              ],
              default: {
                filters: [
                  {
                    type: 'RequestRedirect',
                    requestRedirect: { scheme: 'https', statusCode: 301 },
                  },
                ],
              },
            },
            { default: { backendRefs: [{ kind: 'MeshService', name: 'web' }] } },
          ],
        },
        // Not a Mesh target: not valid under a MeshGateway, not shown.
        { targetRef: { kind: 'MeshService', name: 'x' }, rules: [] },
      ],
    });
    const view = httpRouteView(route, 'attached', []);
    expect(view.entries).toHaveLength(1);
    const [first, second] = view.entries[0]!.rules;
    expect(first?.matches).toEqual(['Exact /login, POST, header x-env: canary, query v=2']);
    expect(first?.filters).toEqual(['redirect 301 to https://']);
    expect(first?.backends).toEqual([]);
    expect(second?.matches).toEqual(['any request']);
  });
});
