/**
 * Form inputs as people type them, drawn by fast-check: names, hostnames, ports, tags and
 * choices mixing what a control plane accepts with what it refuses. Numbers are typed as digits
 * (a form stops "8O" itself, before any control plane sees it).
 *
 * Half of the forms are drawn from the accepted values only (one listener, one selector, no
 * cross-mesh): with a dozen fields each able to go wrong, a form mixing both kinds of value is
 * almost never accepted, and the comparison must see both verdicts. Rules that tie fields
 * together (a protocol and its TLS mode, a kind and its port) still refuse some of those.
 */
import fc from 'fast-check';
import type {
  BackendForm,
  CertificateRow,
  DelegatedForm,
  FormContext,
  HttpRouteForm,
  ListenerForm,
  MatchForm,
  MeshGatewayForm,
  OutboundForm,
  TagRow,
  TcpRouteForm,
} from '../../src/features/gateway-forms/model';
import type { Mesh } from '../../src/kuma/types';
import { parseKumaVersion } from '../../src/kuma/version';

/** Whether a form is drawn from accepted values only. */
type Clean = boolean;

/** Every value alike, or only the accepted ones for a clean form. */
function anyOf<T>(clean: Clean, valid: readonly T[], invalid: readonly T[]): fc.Arbitrary<T> {
  return clean ? fc.constantFrom(...valid) : fc.constantFrom(...valid, ...invalid);
}

/** Mostly what a control plane takes, sometimes what it refuses: both verdicts get exercised. */
function mostly<T>(clean: Clean, valid: readonly T[], invalid: readonly T[]): fc.Arbitrary<T> {
  if (clean) return fc.constantFrom(...valid);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...valid), weight: 5 },
    { arbitrary: fc.constantFrom(...invalid), weight: 1 },
  );
}

/** Builds a form arbitrary whose draws are clean half of the time. */
function halfClean<T>(build: (clean: Clean) => fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.boolean().chain(build);
}

// Never empty: a form without a name has nowhere to PUT to.
const name = (clean: Clean) =>
  anyOf(clean, ['edge', 'edge-2', 'gw.team-a'], ['Edge', 'a_b', '-x', 'x'.repeat(254)]);
const digits = (clean: Clean) =>
  anyOf(clean, ['80', '443', '8080', '65535'], ['0', '65536', '70000']);
const optionalDigits = (clean: Clean) => fc.oneof(fc.constant(''), digits(clean));
const hostname = (clean: Clean) =>
  anyOf(
    clean,
    ['', '*', 'example.com', '*.example.com', 'foo.example.com'],
    ['Foo.example.com', '*.foo.*.com', 'bad host', '.example.com'],
  );

const tagKey = (clean: Clean) =>
  anyOf(
    clean,
    ['zone', 'listener', 'version'],
    ['kuma.io/service', 'kuma.io/protocol', 'bad key', 'kuma.io/zone'],
  );
const tagValue = (clean: Clean) => anyOf(clean, ['edge', 'public', 'v1', 'http'], ['', '*', 'a b']);

/** Rows without a repeated key: the form flags those itself. */
function tagRows(
  clean: Clean,
  max: number,
  keys: fc.Arbitrary<string> = tagKey(clean),
): fc.Arbitrary<TagRow[]> {
  return fc.uniqueArray(fc.record({ key: keys, value: tagValue(clean) }), {
    maxLength: max,
    selector: (row) => row.key,
  });
}

const certificate = (clean: Clean): fc.Arbitrary<CertificateRow> =>
  fc.record({
    source: fc.constant('secret' as const),
    value: mostly(clean, ['edge-cert', 'other-cert'], ['']),
  });

const listener = (clean: Clean): fc.Arbitrary<ListenerForm> =>
  fc.record({
    port: digits(clean),
    protocol: anyOf(clean, ['HTTP', 'HTTPS', 'TCP', 'TLS'] as const, ['' as const]),
    hostname: hostname(clean),
    tlsMode: fc.constantFrom('' as const, 'TERMINATE' as const, 'PASSTHROUGH' as const),
    certificates: fc.array(certificate(clean), { maxLength: clean ? 1 : 3 }),
    crossMesh: clean ? fc.constant(false) : fc.boolean(),
    tags: tagRows(clean, 2),
    connectionLimit: anyOf(clean, ['', '10'], ['0']),
  });

export const meshGatewayForm: fc.Arbitrary<MeshGatewayForm> = halfClean((clean) =>
  fc.record({
    name: name(clean),
    selectors: fc.array(
      fc.record({
        tags: tagRows(clean, 2, mostly(clean, ['kuma.io/service'], ['zone', 'bad key'])).map(
          (rows) =>
            rows.map((row) => (row.key === 'kuma.io/service' ? { ...row, value: 'edge' } : row)),
        ),
      }),
      { minLength: 1, maxLength: clean ? 1 : 2 },
    ),
    tags: tagRows(clean, 2),
    listeners: fc.array(listener(clean), { minLength: 1, maxLength: clean ? 1 : 3 }),
    instances: fc.uniqueArray(
      fc.record({
        name: mostly(clean, ['edge-1', 'edge-2'], ['Edge-3']),
        address: mostly(clean, ['10.0.0.1', '::1'], ['', 'not an ip']),
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
  }),
);

/** Header and query matches; query parameters take fewer match types than headers. */
const headerOrQuery = (clean: Clean, types: readonly string[]) =>
  fc.record({
    type: mostly(clean, types, ['', 'Prefix', 'Present', 'Absent']),
    name: mostly(clean, ['x-version', 'version'], ['X-Version', '', 'bad name']),
    value: mostly(clean, ['2', '^v[0-9]$'], ['']),
  });

const match = (clean: Clean): fc.Arbitrary<MatchForm> =>
  fc.record({
    pathType: fc.constantFrom(
      '' as const,
      'PathPrefix' as const,
      'Exact' as const,
      'RegularExpression' as const,
    ),
    pathValue: anyOf(clean, ['/', '/api'], ['', 'api', '/api/', '^/v[0-9]+$', '/a//b']),
    method: anyOf(clean, ['', 'GET', 'POST'], ['FOO']),
    headers: fc.array(
      headerOrQuery(clean, ['Exact', 'Prefix', 'RegularExpression', 'Present', 'Absent']),
      { maxLength: 2 },
    ),
    queryParams: fc.array(headerOrQuery(clean, ['Exact', 'RegularExpression']), {
      maxLength: 1,
    }),
  });

const backend = (clean: Clean): fc.Arbitrary<BackendForm> =>
  fc
    .record({
      ref: anyOf(
        clean,
        ['service' as const, 'MeshService' as const],
        ['MeshMultiZoneService' as const],
      ),
      name: anyOf(clean, ['frontend', 'backend'], ['', 'Bad_Name']),
      namespace: fc.constant(''),
      port: optionalDigits(clean),
      weight: anyOf(clean, ['', '1', '100'], ['0']),
    })
    // A MeshService resource needs a port: the form asks for it before anything else.
    .filter((entry) => entry.ref !== 'MeshService' || entry.port !== '')
    // A `kuma.io/service` backend takes no port.
    .filter((entry) => !clean || entry.ref !== 'service' || entry.port === '');

export const httpRouteForm: fc.Arbitrary<HttpRouteForm> = halfClean((clean) =>
  fc.record({
    name: name(clean),
    targetTags: tagRows(clean, 2),
    entries: fc.array(
      fc.record({
        // An empty hostname row is the form's own concern (it asks to fill or remove it).
        hostnames: fc.array(
          fc.record({ value: hostname(clean).filter((value) => value.trim() !== '') }),
          { maxLength: 2 },
        ),
        rules: fc.array(
          fc.record({
            matches: fc.array(match(clean), { minLength: 1, maxLength: 2 }),
            backends: fc.array(backend(clean), { minLength: 1, maxLength: 2 }),
            filters: fc.constant([]),
          }),
          { minLength: 1, maxLength: 2 },
        ),
      }),
      { minLength: 1, maxLength: 2 },
    ),
  }),
);

export const tcpRouteForm: fc.Arbitrary<TcpRouteForm> = halfClean((clean) =>
  fc.record({
    name: name(clean),
    targetTags: tagRows(clean, 2),
    backends: fc.array(backend(clean), { minLength: 1, maxLength: 2 }),
  }),
);

const outbound = (clean: Clean): fc.Arbitrary<OutboundForm> =>
  fc.record({
    port: digits(clean),
    target: fc.constantFrom('service' as const, 'MeshService' as const),
    service: mostly(clean, ['frontend', 'backend'], ['']),
    name: mostly(clean, ['frontend', 'backend'], ['']),
    namespace: fc.constant(''),
    targetPort: digits(clean),
  });

export const delegatedForm: fc.Arbitrary<DelegatedForm> = halfClean((clean) =>
  fc.record({
    name: name(clean),
    address: mostly(clean, ['10.0.0.9', '::1', 'kong.local'], ['', 'not an ip', '0.0.0.0']),
    service: mostly(clean, ['kong'], ['', 'a b']),
    tags: tagRows(clean, 2, mostly(clean, ['zone', 'version'], ['bad key', 'kuma.io/protocol'])),
    outbounds: fc.array(outbound(clean), { maxLength: 2 }),
  }),
);

/** What the dashboard reads from a standalone kuma-cp's `/config`, for the forms' checks. */
export function standaloneFormContext(version: string, mesh: Mesh): FormContext {
  return {
    version: parseKumaVersion(version),
    environment: 'universal',
    mode: 'zone',
    product: 'Kuma',
    mesh: 'default',
    meshResource: mesh,
    federatedZone: false,
    zoneName: 'default',
    systemNamespace: 'kuma-system',
  };
}
