/**
 * Requests aimed at what neither Kuma's test tables nor the generated bodies reach: what the
 * resource managers add and check when they store (a Mesh's defaults and CA checks, a
 * MeshService's name), the router's answer for a kind a release does not have, label and name
 * wording, and how Go's JSON and jsonpb readers treat odd input (`-0` for an unsigned field, a
 * lone surrogate, quoted `NaN`, `__proto__`, runes `%q` escapes). Each sequence cleans up after
 * itself, so it runs without the automatic clean-up and can read back what it wrote.
 */
import { isAtLeast, parseKumaVersion } from '../../src/kuma/version';
import type { Sequence, Step } from './compare';

const step = (method: Step['method'], path: string, body?: unknown, label = path): Step => ({
  method,
  path,
  ...(body === undefined ? {} : { body }),
  label,
});

const put = (path: string, body: unknown, label?: string) => step('PUT', path, body, label);
const get = (path: string) => step('GET', path);
const del = (path: string) => step('DELETE', path);

const mesh = (name: string, spec: Record<string, unknown> = {}) => ({
  type: 'Mesh',
  name,
  ...spec,
});

const prometheus = (name: string, conf?: Record<string, unknown>) => ({
  name,
  type: 'prometheus',
  ...(conf ? { conf } : {}),
});

const TOO_LONG = 'a'.repeat(64);

function meshManagerSteps(): Step[] {
  const builtin = (name: string) => ({ name, type: 'builtin' });
  return [
    put(
      '/meshes/h-unknown-ca',
      mesh('h-unknown-ca', { mtls: { backends: [{ name: 'x', type: 'vault' }] } }),
    ),
    put(`/meshes/${TOO_LONG}`, mesh(TOO_LONG), 'a mesh name longer than 63'),
    put(
      '/meshes/h-provided',
      mesh('h-provided', {
        mtls: { backends: [{ name: 'ca-1', type: 'provided', conf: { cert: { secret: '' } } }] },
      }),
    ),
    put(
      '/meshes/h-metrics',
      mesh('h-metrics', {
        metrics: {
          enabledBackend: 'plain',
          backends: [
            prometheus('plain'),
            prometheus('skip', {
              skipMTLS: true,
              port: '1234',
              aggregate: [{ name: 'a', port: 1 }],
            }),
            prometheus('keep', {
              skipMTLS: false,
              tls: { mode: 'activeMTLSBackend' },
              tags: { b: '1', a: '2' },
            }),
            prometheus('provided', { tls: { mode: 'providedTLS' } }),
            prometheus('zeros', { port: 0, path: '', tags: {} }),
          ],
        },
      }),
    ),
    get('/meshes/h-metrics'),
    put(
      '/meshes/h-metrics',
      mesh('h-metrics', { metrics: { backends: [prometheus('again', { path: '/m' })] } }),
    ),
    get('/meshes/h-metrics'),
    del('/meshes/h-metrics'),
    put(
      '/meshes/h-ca',
      mesh('h-ca', { mtls: { enabledBackend: 'ca-1', backends: [builtin('ca-1')] } }),
    ),
    put(
      '/meshes/h-ca',
      mesh('h-ca', { mtls: { enabledBackend: 'ca-2', backends: [builtin('ca-2')] } }),
      'changing the CA while mTLS is on',
    ),
    put('/meshes/h-ca', mesh('h-ca', { mtls: { backends: [{ name: 'ca-1', type: 'vault' }] } })),
    del('/meshes/h-ca'),
  ];
}

function meshServiceSteps(): Step[] {
  const service = (name: string, labels?: Record<string, string>) => ({
    type: 'MeshService',
    mesh: 'default',
    name,
    ...(labels ? { labels } : {}),
    spec: { ports: [{ port: 80 }] },
  });
  const path = (name: string) => `/meshes/default/meshservices/${name}`;
  return [
    put(path(TOO_LONG), service(TOO_LONG), 'a MeshService name longer than 63'),
    put(path('h-display'), service('h-display', { 'kuma.io/display-name': TOO_LONG })),
  ];
}

function labelAndNameSteps(version: string): Step[] {
  const route = (name: string, labels: Record<string, string>) => ({
    type: 'MeshHTTPRoute',
    mesh: 'default',
    name,
    labels,
    spec: { targetRef: { kind: 'Mesh' }, to: [] },
  });
  const gateway = (name: string) => ({
    type: 'MeshGateway',
    mesh: 'default',
    name,
    selectors: [{ match: { 'kuma.io/service': 'gw' } }],
    conf: { listeners: [{ port: 8080, protocol: 'HTTP' }] },
  });
  const gatewayPath = '/meshes/default/meshgateways/h-gateway';
  return [
    put(
      '/meshes/default/meshhttproutes/h-labels',
      route('h-labels', {
        a: '-bad-',
        [TOO_LONG]: 'x',
        [`${'b'.repeat(254)}/x`]: 'y',
        'a/b/c': 'z',
        v: TOO_LONG,
      }),
    ),
    put(gatewayPath, gateway('h-gateway')),
    // An update whose body names another resource: 2.6 checks that name with its older rules.
    put(gatewayPath, gateway('legacy_name')),
    put(gatewayPath, gateway('Legacy_Name')),
    del(gatewayPath),
    ...(isAtLeast(parseKumaVersion(version), 2, 9) ? [] : [get('/meshes/default/meshservices')]),
    get('/meshes/default/no-such-kind'),
    get('/meshes/default/no-such-kind/x'),
    put('/meshes/default/no-such-kind/x', {}),
    get('/no-such-kind'),
    del('/no-such-kind/x'),
  ];
}

/** JSON texts, sent as written. */
function wireSteps(): Step[] {
  const dataplane = (name: string, inbound: string) =>
    `{"type":"Dataplane","mesh":"default","name":"${name}","networking":{"address":"10.0.0.1","inbound":[${inbound}]}}`;
  /** A Mesh with one Zipkin backend: `backend` adds fields to it, `conf` to its conf. */
  const zipkin = (name: string, backend: string, conf = '') =>
    `{"type":"Mesh","name":"${name}","tracing":{"backends":[{"name":"z","type":"zipkin",${backend}"conf":{${conf}"url":"http://zipkin:9411/api/v2/spans"}}]}}`;
  return [
    put(
      '/meshes/default/dataplanes/h-neg0',
      dataplane('h-neg0', '{"port":-0,"tags":{"kuma.io/service":"a"}}'),
      '-0 for a uint32',
    ),
    put(
      '/meshes/default/dataplanes/h-surrogate',
      dataplane('h-surrogate', '{"port":80,"tags":{"kuma.io/service":"a","\\ud800":"x"}}'),
      'a lone surrogate',
    ),
    put(
      '/meshes/default/meshgateways/h-quote',
      {
        type: 'MeshGateway',
        mesh: 'default',
        name: 'h-quote',
        selectors: [{ match: { 'kuma.io/service': 'gw' } }],
        conf: {
          listeners: [
            {
              port: 8080,
              protocol: 'HTTP',
              tags: { 'a\u0085b': '1', 'c\u00a0': '2', 'd\u00ad': '3', 'e\u2028': '4' },
            },
          ],
        },
      },
      'runes %q escapes',
    ),
    put('/meshes/h-nan', zipkin('h-nan', '"sampling":"NaN",'), 'sampling "NaN"'),
    get('/meshes/h-nan'),
    del('/meshes/h-nan'),
    put('/meshes/h-inf', zipkin('h-inf', '"sampling":"Infinity",'), 'sampling "Infinity"'),
    put('/meshes/h-big', zipkin('h-big', '"sampling":1e400,'), 'sampling out of float64 range'),
    put('/meshes/h-zero', zipkin('h-zero', '"sampling":"0",'), 'a quoted zero'),
    get('/meshes/h-zero'),
    del('/meshes/h-zero'),
    put(
      '/meshes/h-proto',
      zipkin('h-proto', '', '"__proto__":{"x":1},"b":{"z":1,"a":2},'),
      '__proto__ in a Struct',
    ),
    get('/meshes/h-proto'),
    del('/meshes/h-proto'),
  ];
}

export function targetedSequences(version: string): Sequence[] {
  const v = parseKumaVersion(version);
  return [
    { kind: 'write: Mesh (resource manager)', steps: meshManagerSteps() },
    ...(isAtLeast(v, 2, 9)
      ? [{ kind: 'write: MeshService (resource manager)', steps: meshServiceSteps() }]
      : []),
    { kind: 'write: labels, names and paths', steps: labelAndNameSteps(version) },
    { kind: 'write: Go JSON edge cases', steps: wireSteps() },
  ];
}
