import { describe, expect, it } from 'vitest';
import type { MeshSnapshot } from '../../kuma/snapshot';
import type { HttpRouteMatch } from '../../kuma/types';
import {
  cpSnapshot,
  edgeExample,
  httpRoute,
  meshSnapshot,
  prefixRule,
} from '../../traffic/test-fixtures';
import { traceFromParams } from '../trace';
import { serviceModel } from './service-model';
import { MESH_SERVICES, WEIGHTED } from './test-fixtures';
import {
  builtinTraceInput,
  delegatedTraceInput,
  exampleHost,
  previewTrace,
  requestFor,
  traceRequestPath,
} from './trace-request';

describe('exampleHost', () => {
  it.each([
    ['*', 'example.com'],
    ['', 'example.com'],
    ['*.example.com', 'www.example.com'],
    ['shop.example.com', 'shop.example.com'],
  ])('%s → %s', (hostname, host) => {
    expect(exampleHost(hostname)).toBe(host);
  });
});

describe('requestFor', () => {
  it.each<[string, HttpRouteMatch | undefined, ReturnType<typeof requestFor>]>([
    ['no match', undefined, { path: '/', query: '', headers: [], method: 'GET' }],
    [
      'exact path and method',
      { path: { type: 'Exact', value: '/status' }, method: 'post' },
      { path: '/status', query: '', headers: [], method: 'POST' },
    ],
    [
      'prefix',
      { path: { type: 'PathPrefix', value: '/api' } },
      { path: '/api', query: '', headers: [], method: 'GET' },
    ],
    [
      'a regex is not inverted',
      { path: { type: 'RegularExpression', value: '/v[0-9]+' } },
      { path: '/', query: '', headers: [], method: 'GET' },
    ],
    [
      'headers and query parameters that satisfy the match',
      {
        headers: [
          { name: 'x-env', value: 'canary' },
          { type: 'Prefix', name: 'x-team', value: 'pay' },
          { type: 'Present', name: 'x-debug' },
          { type: 'Absent', name: 'x-legacy' },
          { type: 'RegularExpression', name: 'x-id', value: '[0-9]+' },
        ],
        queryParams: [
          { type: 'Exact', name: 'v', value: '2 & 3' },
          { type: 'RegularExpression', name: 'q', value: '.*' },
        ],
      },
      {
        path: '/',
        query: 'v=2%20%26%203',
        headers: ['x-env: canary', 'x-team: pay', 'x-debug: 1'],
        method: 'GET',
      },
    ],
  ])('%s', (_label, match, expected) => {
    expect(requestFor(match)).toEqual(expected);
  });
});

describe('builtinTraceInput', () => {
  it('writes the listener scheme, the virtual host, a non-default port and the rule', () => {
    const [entry] = serviceModel(WEIGHTED, 'frontend').builtin;
    expect(entry && builtinTraceInput('default', entry)).toEqual({
      mesh: 'default',
      gateway: 'builtin:edge-gateway',
      url: 'http://foo.example.com:8080/v2',
      method: 'POST',
      headers: '',
    });
  });

  it('round-trips through the trace screen URL', () => {
    const [entry] = serviceModel(edgeExample(), 'backend').builtin;
    const input = entry && builtinTraceInput('default', entry);
    const path = input ? traceRequestPath(input) : '';
    const params = new URLSearchParams(path.slice(path.indexOf('?')));
    expect(path.startsWith('/trace?')).toBe(true);
    expect(params.get('tab')).toBe('trace');
    expect(traceFromParams(params)).toEqual(input);
  });
});

/** Every way in of a service, traced: does the prefilled request reach the service? */
function reaches(mesh: MeshSnapshot, service: string): string[] {
  const snapshot = cpSnapshot(mesh);
  const model = serviceModel(mesh, service);
  const name = mesh.mesh.name;
  return [
    ...model.builtin.map((entry) => builtinTraceInput(name, entry)),
    ...model.delegated.map((entry) => delegatedTraceInput(name, entry)),
  ].map((input) => {
    const preview = previewTrace(snapshot, input, model.identity);
    return `${input.method} ${input.url} ${preview?.reaches} ${preview?.verdict.status}`;
  });
}

describe('previewTrace: the prefilled request takes the rule it was written for', () => {
  it.each<[string, MeshSnapshot, string, string[]]>([
    [
      'every listener and virtual host',
      edgeExample(),
      'backend',
      [
        'GET http://dev.example.com:8080/api service 200',
        'GET http://www.example.com:8080/api service 200',
        'GET http://foo.example.com:8080/api service 200',
        'GET https://foo.example.com:8443/api service 200',
      ],
    ],
    ['a TCP listener', edgeExample(), 'redis', ['GET http://example.com:6379/ service 200']],
    [
      'MeshService ports through a built-in and a delegated gateway (mTLS on, nothing allowed)',
      MESH_SERVICES,
      'checkout',
      ['GET http://example.com/pay service 403', 'GET http://example.com/ service 403'],
    ],
  ])('%s', (_label, mesh, service, expected) => {
    expect(reaches(mesh, service)).toEqual(expected);
  });

  it('says when the request lands on other backends (a regex it cannot write)', () => {
    const mesh = meshSnapshot({
      ...edgeExample(),
      httpRoutes: [
        httpRoute('versions', {
          targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
          to: [
            {
              targetRef: { kind: 'Mesh' },
              hostnames: ['foo.example.com'],
              rules: [
                {
                  matches: [{ path: { type: 'RegularExpression', value: '/v[0-9]+' } }],
                  default: { backendRefs: [{ kind: 'MeshService', name: 'backend' }] },
                },
                prefixRule('/', 'frontend'),
              ],
            },
          ],
        }),
      ],
      tcpRoutes: [],
    });
    expect(reaches(mesh, 'backend')).toEqual([
      'GET http://foo.example.com:8080/ elsewhere 200',
      'GET https://foo.example.com:8443/ elsewhere 200',
    ]);
  });

  it('says when the request stops before any backend', () => {
    const mesh = meshSnapshot({
      ...edgeExample(),
      dataplanes: edgeExample().dataplanes.filter(
        (dataplane) => dataplane.name !== 'edge-gateway-1',
      ),
    });
    expect(reaches(mesh, 'redis')).toEqual(['GET http://example.com:6379/ stopped 0']);
  });
});
