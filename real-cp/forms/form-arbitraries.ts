/**
 * Form inputs as people type them, drawn by fast-check: names, hostnames, ports, tags and
 * choices mixing what a control plane accepts with what it refuses. Numbers are typed as digits
 * (a form stops "8O" itself, before any control plane sees it).
 */
import fc from 'fast-check';

/** Mostly what a control plane takes, sometimes what it refuses: both verdicts get exercised. */
function mostly<T>(valid: readonly T[], invalid: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...valid), weight: 5 },
    { arbitrary: fc.constantFrom(...invalid), weight: 1 },
  );
}

import type {
  BackendForm,
  CertificateRow,
  DelegatedForm,
  HttpRouteForm,
  ListenerForm,
  MatchForm,
  MeshGatewayForm,
  OutboundForm,
  TagRow,
  TcpRouteForm,
} from '../../src/features/gateway-forms/model';

// Never empty: a form without a name has nowhere to PUT to.
const name = fc.constantFrom('edge', 'edge-2', 'gw.team-a', 'Edge', 'a_b', '-x', 'x'.repeat(254));
const digits = fc.constantFrom('80', '443', '8080', '0', '65535', '65536', '70000');
const optionalDigits = fc.oneof(fc.constant(''), digits);
const hostname = fc.constantFrom(
  '',
  '*',
  'example.com',
  '*.example.com',
  'foo.example.com',
  'Foo.example.com',
  '*.foo.*.com',
  'bad host',
  '.example.com',
);

const tagKey = fc.constantFrom(
  'kuma.io/service',
  'zone',
  'listener',
  'version',
  'kuma.io/protocol',
  'bad key',
  'kuma.io/zone',
);
const tagValue = fc.constantFrom('edge', 'public', 'v1', '', '*', 'a b', 'http');

/** Rows without a repeated key: the form flags those itself. */
function tagRows(max: number, keys: fc.Arbitrary<string> = tagKey): fc.Arbitrary<TagRow[]> {
  return fc.uniqueArray(fc.record({ key: keys, value: tagValue }), {
    maxLength: max,
    selector: (row) => row.key,
  });
}

const certificate: fc.Arbitrary<CertificateRow> = fc.record({
  source: fc.constant('secret' as const),
  value: mostly(['edge-cert', 'other-cert'], ['']),
});

const listener: fc.Arbitrary<ListenerForm> = fc.record({
  port: digits,
  protocol: fc.constantFrom(
    '' as const,
    'HTTP' as const,
    'HTTPS' as const,
    'TCP' as const,
    'TLS' as const,
  ),
  hostname,
  tlsMode: fc.constantFrom('' as const, 'TERMINATE' as const, 'PASSTHROUGH' as const),
  certificates: fc.array(certificate, { maxLength: 3 }),
  crossMesh: fc.boolean(),
  tags: tagRows(2),
  connectionLimit: fc.constantFrom('', '10', '0'),
});

export const meshGatewayForm: fc.Arbitrary<MeshGatewayForm> = fc.record({
  name,
  selectors: fc.array(
    fc.record({
      tags: tagRows(2, mostly(['kuma.io/service'], ['zone', 'bad key'])).map((rows) =>
        rows.map((row) => (row.key === 'kuma.io/service' ? { ...row, value: 'edge' } : row)),
      ),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  tags: tagRows(2),
  listeners: fc.array(listener, { minLength: 1, maxLength: 3 }),
  instances: fc.uniqueArray(
    fc.record({
      name: mostly(['edge-1', 'edge-2'], ['Edge-3']),
      address: mostly(['10.0.0.1', '::1'], ['', 'not an ip']),
    }),
    { maxLength: 2, selector: (instance) => instance.name },
  ),
  kubernetes: fc.constant({
    enabled: false,
    namespace: '',
    replicas: '',
    serviceType: '',
    cpuRequest: '',
    memoryRequest: '',
    cpuLimit: '',
    memoryLimit: '',
    tags: [],
  }),
});

const headerOrQuery = fc.record({
  type: mostly(['Exact', 'Prefix', 'RegularExpression', 'Present', 'Absent'], ['']),
  name: mostly(['x-version', 'version'], ['X-Version', '', 'bad name']),
  value: mostly(['2', '^v[0-9]$'], ['']),
});

const match: fc.Arbitrary<MatchForm> = fc.record({
  pathType: fc.constantFrom(
    '' as const,
    'PathPrefix' as const,
    'Exact' as const,
    'RegularExpression' as const,
  ),
  pathValue: fc.constantFrom('/', '/api', '', 'api', '/api/', '^/v[0-9]+$', '/a//b'),
  method: fc.constantFrom('', 'GET', 'POST', 'FOO'),
  headers: fc.array(headerOrQuery, { maxLength: 2 }),
  queryParams: fc.array(headerOrQuery, { maxLength: 1 }),
});

const backend: fc.Arbitrary<BackendForm> = fc
  .record({
    ref: fc.constantFrom(
      'service' as const,
      'MeshService' as const,
      'MeshMultiZoneService' as const,
    ),
    name: fc.constantFrom('frontend', 'backend', '', 'Bad_Name'),
    namespace: fc.constant(''),
    port: optionalDigits,
    weight: fc.constantFrom('', '1', '0', '100'),
  })
  // A MeshService resource needs a port: the form asks for it before anything else.
  .filter((entry) => entry.ref !== 'MeshService' || entry.port !== '');

export const httpRouteForm: fc.Arbitrary<HttpRouteForm> = fc.record({
  name,
  targetTags: tagRows(2),
  entries: fc.array(
    fc.record({
      // An empty hostname row is the form's own concern (it asks to fill or remove it).
      hostnames: fc.array(fc.record({ value: hostname.filter((value) => value.trim() !== '') }), {
        maxLength: 2,
      }),
      rules: fc.array(
        fc.record({
          matches: fc.array(match, { minLength: 1, maxLength: 2 }),
          backends: fc.array(backend, { minLength: 1, maxLength: 2 }),
          filters: fc.constant([]),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});

export const tcpRouteForm: fc.Arbitrary<TcpRouteForm> = fc.record({
  name,
  targetTags: tagRows(2),
  backends: fc.array(backend, { minLength: 1, maxLength: 2 }),
});

const outbound: fc.Arbitrary<OutboundForm> = fc.record({
  port: digits,
  target: fc.constantFrom('service' as const, 'MeshService' as const),
  service: mostly(['frontend', 'backend'], ['']),
  name: mostly(['frontend', 'backend'], ['']),
  namespace: fc.constant(''),
  targetPort: digits,
});

export const delegatedForm: fc.Arbitrary<DelegatedForm> = fc.record({
  name,
  address: mostly(['10.0.0.9', '::1', 'kong.local'], ['', 'not an ip', '0.0.0.0']),
  service: mostly(['kong'], ['', 'a b']),
  tags: tagRows(2, mostly(['zone', 'version'], ['bad key', 'kuma.io/protocol'])),
  outbounds: fc.array(outbound, { maxLength: 2 }),
});
