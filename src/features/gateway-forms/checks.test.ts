// Over 400 lines: one table of cases per form check, kept beside each other so a rule and its cases read together.
/**
 * Every rule of gateway-semantics §4 a form can break, through the form: the input, the field
 * the message lands on, and Kuma's exact message. The rules themselves are tested in
 * `src/kuma/validation`; these tables prove the forms run them and show them in the right place.
 *
 * Not reachable from the forms, by construction: G10 (conf is always written), D1–D7 and D14/D16
 * (no inbound, listener, probe or admin fields; outbounds are either tags or a backendRef), R1/R1b
 * (gateway routes always go to the system namespace), R2–R4 and R6/R7 (the targetRef and
 * `to[].targetRef` are fixed), R12 (no label selectors), R19–R23 (filters are kept, not edited).
 */
import { describe, expect, it } from 'vitest';
import { HEADER_NAME_PATTERN, MSG_MESH_CHARS, MSG_NAME_RFC1123 } from '../../kuma/validation';
import { parseKumaVersion } from '../../kuma/version';
import {
  checkDelegatedForm,
  checkHttpRouteForm,
  checkMeshGatewayForm,
  checkTcpRouteForm,
  crossMeshRequirements,
  MSG_DUPLICATE_INSTANCE,
  MSG_DUPLICATE_TAG,
  MSG_EMPTY_HOSTNAME,
  MSG_PORT_FOR_RESOURCE,
  MSG_REDACTED_CERTIFICATE,
  MSG_WHOLE_NUMBER,
} from './checks';
import type { FormIssue } from './field-paths';
import {
  type BackendForm,
  type DelegatedForm,
  emptyListener,
  emptyMeshGatewayForm,
  emptyMeshGatewayInstance,
  type FormContext,
  type HttpRouteForm,
  type ListenerForm,
  type MatchForm,
  type MeshGatewayForm,
  type TcpRouteForm,
} from './model';

const MESH_MTLS = {
  type: 'Mesh' as const,
  name: 'default',
  mtls: { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin' }] },
};

function ctxOf(version = '2.14.3', extra: Partial<FormContext> = {}): FormContext {
  return {
    version: parseKumaVersion(version),
    environment: 'universal',
    mode: 'standalone',
    product: 'Kuma',
    mesh: 'default',
    zoneName: 'default',
    meshResource: MESH_MTLS,
    federatedZone: false,
    systemNamespace: 'kuma-system',
    ...extra,
  };
}

function expectIssue(issues: FormIssue[], field: string, message: string) {
  expect(issues).toContainEqual(expect.objectContaining({ field, message }));
}

// ------------------------------------------------------------------ MeshGateway

function listener(patch: Partial<ListenerForm> = {}): ListenerForm {
  return { ...emptyListener('80'), ...patch };
}

function gateway(patch: Partial<MeshGatewayForm> = {}): MeshGatewayForm {
  return {
    ...emptyMeshGatewayForm(parseKumaVersion('2.14.3')),
    name: 'edge',
    selectors: [{ tags: [{ key: 'kuma.io/service', value: 'edge' }] }],
    listeners: [listener()],
    ...patch,
  };
}

const secret = (value: string) => ({ source: 'secret' as const, value });

type GatewayRow = [
  rule: string,
  form: MeshGatewayForm,
  field: string,
  message: string,
  severity?: 'error' | 'warning',
  ctx?: FormContext,
];

const gatewayRules: GatewayRow[] = [
  ['name empty', gateway({ name: '' }), 'name', 'cannot be empty'],
  ['name not RFC 1123', gateway({ name: 'Edge' }), 'name', MSG_NAME_RFC1123],
  ['G1', gateway({ selectors: [] }), 'selectors', 'must have at least one element'],
  ['G2', gateway({ selectors: [{ tags: [] }] }), 'selectors.0.tags', 'must have at least one tag'],
  [
    'G3',
    gateway({ selectors: [{ tags: [{ key: 'env', value: 'prod' }] }] }),
    'selectors.0.tags',
    'mandatory tag "kuma.io/service" is missing',
  ],
  [
    'G4',
    gateway({
      selectors: [
        { tags: [{ key: 'kuma.io/service', value: 'a' }] },
        { tags: [{ key: 'kuma.io/service', value: 'b' }] },
      ],
      listeners: [listener({ crossMesh: true })],
    }),
    'selectors.1',
    'there can be at most one selector',
  ],
  ['G5', gateway({ tags: [{ key: '', value: 'x' }] }), 'tags.0.key', 'tag name must be non-empty'],
  [
    'G6',
    gateway({ tags: [{ key: 'bad key', value: 'x' }] }),
    'tags.0.key',
    'tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores',
  ],
  [
    'G7',
    gateway({ tags: [{ key: 'team', value: '' }] }),
    'tags.0.value',
    'tag value must be non-empty',
  ],
  [
    'G8',
    gateway({ tags: [{ key: 'team', value: 'a b' }] }),
    'tags.0.value',
    'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"',
  ],
  [
    'G9 gateway tags',
    gateway({ tags: [{ key: 'kuma.io/zone', value: 'east' }] }),
    'tags.0.key',
    'tag name must not be "kuma.io/zone"',
  ],
  [
    'G9 listener tags',
    gateway({ listeners: [listener({ tags: [{ key: 'kuma.io/service', value: 'x' }] })] }),
    'listeners.0.tags.0.key',
    'tag name must not be "kuma.io/service"',
  ],
  ['G11', gateway({ listeners: [] }), 'listeners', 'cannot be empty'],
  [
    'G12',
    gateway({ listeners: [listener({ hostname: `${`${'a'.repeat(60)}.`.repeat(5)}com` })] }),
    'listeners.0.hostname',
    'must be at most 253 characters',
  ],
  [
    'G13',
    gateway({ listeners: [listener({ hostname: '*.Example.com' })] }),
    'listeners.0.hostname',
    'invalid wildcard domain',
  ],
  [
    'G14',
    gateway({ listeners: [listener({ hostname: 'foo*.example.com' })] }),
    'listeners.0.hostname',
    'invalid hostname',
  ],
  [
    'G15 zero',
    gateway({ listeners: [listener({ port: '0' })] }),
    'listeners.0.port',
    'port must be in the range [1, 65535]',
  ],
  [
    'G15 too big',
    gateway({ listeners: [listener({ port: '65536' })] }),
    'listeners.0.port',
    'port must be in the range [1, 65535]',
  ],
  [
    'G15 not a number',
    gateway({ listeners: [listener({ port: 'http' })] }),
    'listeners.0.port',
    'port must be in the range [1, 65535]',
  ],
  [
    'G16',
    gateway({ listeners: [listener({ protocol: '' })] }),
    'listeners.0.protocol',
    'cannot be empty',
  ],
  [
    'G17',
    gateway({
      listeners: [
        listener({
          protocol: 'HTTPS',
          crossMesh: true,
          tlsMode: 'TERMINATE',
          certificates: [secret('a')],
        }),
      ],
    }),
    'listeners.0.protocol',
    'protocol is not supported with crossMesh',
  ],
  [
    'G18',
    gateway({ listeners: [listener({ protocol: 'HTTPS' })] }),
    'listeners.0.tlsMode',
    'cannot be empty',
  ],
  [
    'G19',
    gateway({ listeners: [listener({ protocol: 'HTTPS', tlsMode: 'PASSTHROUGH' })] }),
    'listeners.0.tlsMode',
    'mode is not supported on HTTPS listeners',
  ],
  [
    'G20',
    gateway({ listeners: [listener({ protocol: 'TLS', certificates: [secret('a')] })] }),
    'listeners.0.tlsMode',
    'cannot be empty',
  ],
  [
    'G21',
    gateway({ listeners: [listener({ protocol: 'HTTPS', tlsMode: 'TERMINATE' })] }),
    'listeners.0.certificates',
    'cannot be empty in TLS termination mode',
  ],
  [
    'G22',
    gateway({
      listeners: [
        listener({
          protocol: 'HTTPS',
          tlsMode: 'TERMINATE',
          certificates: [secret('a'), secret('b'), secret('c')],
        }),
      ],
    }),
    'listeners.0.certificates',
    'cannot have more than 2 certificates',
  ],
  [
    'G23',
    gateway({
      listeners: [listener({ protocol: 'TLS', crossMesh: true, tlsMode: 'PASSTHROUGH' })],
    }),
    'listeners.0.tlsMode',
    'must be empty with crossMesh',
  ],
  [
    'G24',
    gateway({ listeners: [listener(), listener({ protocol: 'TCP' })] }),
    'listeners.1',
    'protocol conflicts with other listeners on this port',
  ],
  [
    'G25',
    gateway({ listeners: [listener({ hostname: '*' }), listener()] }),
    'listeners.0',
    'multiple listeners for hostname on this port',
  ],
  [
    'G26',
    gateway({
      listeners: [
        listener({ hostname: 'a.example.com', connectionLimit: '10' }),
        listener({ hostname: 'b.example.com', connectionLimit: '20' }),
      ],
    }),
    'listeners.0.connectionLimit',
    'conflicting values for this port',
  ],
  [
    '§4.6 cross-mesh on TCP',
    gateway({ listeners: [listener({ protocol: 'TCP', crossMesh: true })] }),
    'listeners.0.protocol',
    'protocol is not supported with crossMesh',
    'warning',
  ],
  [
    '§4.6 TLS listener without tls',
    gateway({ listeners: [listener({ protocol: 'TLS' })] }),
    'listeners.0.tlsMode',
    'unsupported TLS mode "NONE"',
    'warning',
  ],
  [
    '§4.6 cross-mesh without mTLS',
    gateway({ listeners: [listener({ crossMesh: true })] }),
    'listeners.0.crossMesh',
    'mTLS must be enabled for crossMesh-enabled MeshGateways',
    'warning',
    ctxOf('2.14.3', { meshResource: { type: 'Mesh', name: 'default' } }),
  ],
  [
    '§4.6 duplicate certificate',
    gateway({
      listeners: [
        listener({
          protocol: 'HTTPS',
          tlsMode: 'TERMINATE',
          certificates: [secret('a'), secret('a')],
        }),
      ],
    }),
    'listeners.0.certificates.1.value',
    'duplicate TLS certificate "a"',
    'warning',
  ],
  [
    'form: connection limit is a number',
    gateway({ listeners: [listener({ connectionLimit: 'lots' })] }),
    'listeners.0.connectionLimit',
    MSG_WHOLE_NUMBER,
  ],
  [
    'form: a tag name twice',
    gateway({
      tags: [
        { key: 'team', value: 'a' },
        { key: 'team', value: 'b' },
      ],
    }),
    'tags.1.key',
    MSG_DUPLICATE_TAG,
  ],
  [
    'form: inline certificate lost in a draft',
    gateway({
      listeners: [
        listener({
          protocol: 'HTTPS',
          tlsMode: 'TERMINATE',
          certificates: [{ source: 'inline', value: '', redacted: true }],
        }),
      ],
    }),
    'listeners.0.certificates.0.value',
    MSG_REDACTED_CERTIFICATE,
  ],
  // Universal capacity: the BUILTIN gateway Dataplanes (D8–D11) and their names.
  [
    'D11 empty address',
    gateway({ instances: [{ name: 'edge-1', address: '' }] }),
    'instances.0.address',
    "address can't be empty",
  ],
  [
    'D11 unspecified address',
    gateway({ instances: [{ name: 'edge-1', address: '0.0.0.0' }] }),
    'instances.0.address',
    'must not be 0.0.0.0 or ::',
  ],
  [
    'D11 not an address',
    gateway({ instances: [{ name: 'edge-1', address: 'not an address' }] }),
    'instances.0.address',
    'address has to be valid IP address or domain name',
  ],
  [
    'D8',
    gateway({
      selectors: [{ tags: [{ key: 'env', value: 'prod' }] }],
      instances: [{ name: 'edge-1', address: '10.0.0.1' }],
    }),
    'instances.0.tags',
    'mandatory tag "kuma.io/service" is missing',
  ],
  [
    'D9',
    gateway({
      selectors: [
        {
          tags: [
            { key: 'kuma.io/service', value: 'edge' },
            { key: 'kuma.io/protocol', value: 'http' },
          ],
        },
      ],
      instances: [{ name: 'edge-1', address: '10.0.0.1' }],
    }),
    'instances.0.tags',
    'other values than tcp are not allowed, provided value "http"',
  ],
  [
    'D10',
    gateway({
      selectors: [{ tags: [{ key: 'kuma.io/service', value: 'team/edge' }] }],
      instances: [{ name: 'edge-1', address: '10.0.0.1' }],
    }),
    'instances.0.tags',
    'tag value must consist of alphanumeric characters, dots, dashes and underscores',
  ],
  [
    'instance name',
    gateway({ instances: [{ name: 'Edge 1', address: '10.0.0.1' }] }),
    'instances.0.name',
    MSG_NAME_RFC1123,
  ],
  [
    'form: two instances with one name',
    gateway({
      instances: [
        { name: 'edge-1', address: '10.0.0.1' },
        { name: 'edge-1', address: '10.0.0.2' },
      ],
    }),
    'instances.1.name',
    MSG_DUPLICATE_INSTANCE,
  ],
];

const k8s = (version: string, extra: Partial<FormContext> = {}) =>
  ctxOf(version, { environment: 'kubernetes', ...extra });

function withInstance(
  version: string,
  patch: Partial<MeshGatewayForm['kubernetes']>,
  form: Partial<MeshGatewayForm> = {},
): MeshGatewayForm {
  return gateway({
    ...form,
    kubernetes: {
      ...emptyMeshGatewayInstance(parseKumaVersion(version)),
      namespace: 'kuma-demo',
      ...patch,
    },
  });
}

const instanceRules: GatewayRow[] = [
  [
    'I1 (2.8+, global)',
    withInstance('2.14.3', {}),
    'kubernetes',
    "Operation not allowed. Kuma resources like MeshGatewayInstance can be created only from the 'zone' control plane and not from a 'global' control plane.",
    'error',
    k8s('2.14.3', { mode: 'global' }),
  ],
  [
    'I2 (2.6)',
    withInstance('2.6.15', { tags: [] }),
    'kubernetes.tags',
    'mandatory tag "kuma.io/service" is missing',
    'error',
    k8s('2.6.15'),
  ],
  [
    'I3 (2.9+)',
    withInstance('2.14.3', { tags: [{ key: 'kuma.io/service', value: 'edge' }] }),
    'kubernetes.tags',
    '"kuma.io/service" must not be defined',
    'error',
    k8s('2.14.3'),
  ],
  [
    'I4',
    withInstance('2.14.3', { tags: [{ key: 'team', value: 'a/b' }] }),
    'kubernetes.tags.0.value',
    'tag value must consist of alphanumeric characters, dots, dashes and underscores',
    'error',
    k8s('2.14.3'),
  ],
  [
    'I5 replicas',
    withInstance('2.14.3', { replicas: '0' }),
    'kubernetes.replicas',
    'Invalid value: 0: spec.replicas in body should be greater than or equal to 1',
    'error',
    k8s('2.14.3'),
  ],
  [
    'I5 service type',
    withInstance('2.14.3', { serviceType: 'ExternalName' }),
    'kubernetes.serviceType',
    'Unsupported value: "ExternalName": supported values: "LoadBalancer", "ClusterIP", "NodePort"',
    'error',
    k8s('2.14.3'),
  ],
  [
    'form: replicas is a number',
    withInstance('2.14.3', { replicas: 'two' }),
    'kubernetes.replicas',
    MSG_WHOLE_NUMBER,
    'error',
    k8s('2.14.3'),
  ],
  [
    'NoGatewayMatched',
    withInstance('2.14.3', {}),
    'kubernetes',
    "no selector of this MeshGateway matches kuma.io/service: edge_kuma-demo_svc, the service of the instance's Dataplanes: the control plane creates no Deployment or Service until one does (condition NoGatewayMatched)",
    'warning',
    k8s('2.14.3'),
  ],
  [
    'NodePort range',
    withInstance('2.14.3', { serviceType: 'NodePort' }),
    'kubernetes.serviceType',
    "with NodePort each listener port becomes the Service's nodePort: 80 is outside the default NodePort range 30000–32767",
    'warning',
    k8s('2.14.3'),
  ],
];

describe('built-in gateway form rules', () => {
  it('has nothing to say about a valid gateway with instances', () => {
    const check = checkMeshGatewayForm(
      gateway({ instances: [{ name: 'edge-1', address: '10.0.0.1' }] }),
      ctxOf(),
      { isNew: true },
    );
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(check.resources.dataplanes).toHaveLength(1);
  });

  it.each([...gatewayRules, ...instanceRules])(
    '%s → %s: %s',
    (_rule, form, field, message, severity = 'error', ctx = ctxOf()) => {
      const check = checkMeshGatewayForm(form, ctx, { isNew: true });
      expectIssue(severity === 'error' ? check.errors : check.warnings, field, message);
    },
  );

  it('accepts a valid MeshGatewayInstance on every version', () => {
    for (const [version, tags, selector] of [
      ['2.6.15', [{ key: 'kuma.io/service', value: 'edge' }], 'edge'],
      ['2.8.0', [], 'edge_kuma-demo_svc'],
      ['2.14.3', [], 'edge_kuma-demo_svc'],
    ] as const) {
      const check = checkMeshGatewayForm(
        withInstance(
          version,
          { tags: [...tags] },
          {
            selectors: [{ tags: [{ key: 'kuma.io/service', value: selector }] }],
          },
        ),
        k8s(version),
        { isNew: true },
      );
      expect(check.errors, version).toEqual([]);
      expect(check.warnings, version).toEqual([]);
      expect(check.resources.instance?.kind).toBe('MeshGatewayInstance');
    }
  });

  it('checks the name of a stored gateway as each release does', () => {
    const errorsFor = (name: string, version: string) =>
      checkMeshGatewayForm(gateway({ name }), ctxOf(version), { isNew: false }).errors.map(
        (issue) => issue.message,
      );
    // 2.6 lets an update keep a name from before 2.5 (with `_`), not one with capitals.
    expect(errorsFor('legacy_name', '2.6.15')).toEqual([]);
    expect(errorsFor('Legacy_Name', '2.6.15')).toEqual([MSG_MESH_CHARS]);
    expect(errorsFor('legacy_name', '2.14.3')).toEqual([MSG_NAME_RFC1123]);
  });

  it('lists what a cross-mesh listener needs', () => {
    const form = gateway({ listeners: [listener({ crossMesh: true })] });
    expect(crossMeshRequirements(form, 0, ctxOf()).map((r) => r.met)).toEqual([true, true, true]);
    const twoSelectors = gateway({
      selectors: [{ tags: [] }, { tags: [] }],
      listeners: [listener({ crossMesh: true, protocol: 'HTTPS' })],
    });
    expect(
      crossMeshRequirements(twoSelectors, 0, ctxOf('2.14.3', { meshResource: undefined })).map(
        (r) => r.met,
      ),
    ).toEqual([false, false, undefined]);
  });

  it.each<[string, MeshGatewayForm, Partial<FormContext>, (boolean | undefined)[]]>([
    // The checklist reads the shared rules: G17 (HTTPS), the TCP/TLS runtime check, G4, mTLS.
    [
      'TCP listener',
      gateway({ listeners: [listener({ protocol: 'TCP' })] }),
      {},
      [false, true, true],
    ],
    [
      'TLS listener',
      gateway({ listeners: [listener({ protocol: 'TLS' })] }),
      {},
      [false, true, true],
    ],
    ['no protocol', gateway({ listeners: [listener({ protocol: '' })] }), {}, [false, true, true]],
    ['no selector', gateway({ selectors: [] }), {}, [true, false, true]],
    [
      'mesh without mTLS',
      gateway(),
      { meshResource: { type: 'Mesh', name: 'default' } },
      [true, true, false],
    ],
    [
      'only the listener concerned counts',
      gateway({ listeners: [listener(), listener({ port: '443', protocol: 'HTTPS' })] }),
      {},
      [true, true, true],
    ],
  ])('cross-mesh checklist: %s', (_case, form, extra, met) => {
    expect(crossMeshRequirements(form, 0, ctxOf('2.14.3', extra)).map((r) => r.met)).toEqual(met);
  });
});

// ------------------------------------------------------------------ routes

const routeMeta = { mesh: 'default', gateway: 'edge-gateway' };

function backend(patch: Partial<BackendForm> = {}): BackendForm {
  return { ref: 'service', name: 'frontend', namespace: '', port: '', weight: '', ...patch };
}

function match(patch: Partial<MatchForm> = {}): MatchForm {
  return {
    pathType: 'PathPrefix',
    pathValue: '/',
    method: '',
    headers: [],
    queryParams: [],
    ...patch,
  };
}

function httpRoute(
  rule: { matches?: MatchForm[]; backends?: BackendForm[]; filters?: unknown[] } = {},
  patch: Partial<HttpRouteForm> = {},
): HttpRouteForm {
  return {
    name: 'edge-api',
    targetTags: [],
    entries: [
      {
        hostnames: [],
        rules: [
          {
            matches: rule.matches ?? [match()],
            backends: rule.backends ?? [backend()],
            filters: rule.filters ?? [],
          },
        ],
      },
    ],
    ...patch,
  };
}

const R = 'entries.0.rules.0';

type RouteRow = [
  rule: string,
  form: HttpRouteForm,
  field: string,
  message: string,
  version?: string,
];

const httpRules: RouteRow[] = [
  ['name', httpRoute({}, { name: 'Edge' }), 'name', MSG_NAME_RFC1123],
  [
    'R5 (2.10+)',
    httpRoute({}, { targetTags: [{ key: 'listener', value: 'a b' }] }),
    'targetTags.0.value',
    'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"',
  ],
  [
    'R5 (before 2.10)',
    httpRoute({}, { targetTags: [{ key: 'listener', value: 'a/b' }] }),
    'targetTags.0.value',
    'tag value must consist of alphanumeric characters, dots, dashes and underscores',
    '2.6.15',
  ],
  ['R8', httpRoute({ backends: [] }), `${R}.backends`, 'must not be empty'],
  [
    // 2.6's schema already lists the kinds it knows, so its enum refuses the kind first.
    'R10 (2.6)',
    httpRoute({ backends: [backend({ ref: 'MeshMultiZoneService', port: '80' })] }),
    `${R}.backends.0.ref`,
    'in body should be one of [Mesh MeshSubset MeshGateway MeshService MeshServiceSubset MeshHTTPRoute]',
    '2.6.15',
  ],
  [
    'R11 (2.14)',
    httpRoute({ backends: [backend({ name: '' })] }),
    `${R}.backends.0.name`,
    'name or labels must be set when kind is MeshService',
  ],
  [
    'R11 (2.6)',
    httpRoute({ backends: [backend({ name: '' })] }),
    `${R}.backends.0.name`,
    'must be set with kind MeshService',
    '2.6.15',
  ],
  [
    'backend name characters',
    httpRoute({ backends: [backend({ name: 'Front End' })] }),
    `${R}.backends.0.name`,
    "invalid characters: must consist of lower case alphanumeric characters, '-', '.' and '_'.",
  ],
  [
    'R13',
    httpRoute({ backends: [backend({ ref: 'MeshMultiZoneService' })] }),
    `${R}.backends.0.port`,
    'must be defined with kind MeshMultiZoneService',
  ],
  [
    'R14',
    httpRoute({ matches: [match({ pathType: 'Exact', pathValue: 'api' })] }),
    `${R}.matches.0.pathValue`,
    'must be an absolute path',
  ],
  [
    'R15',
    httpRoute({ matches: [match({ pathValue: '/api/' })] }),
    `${R}.matches.0.pathValue`,
    'does not need a trailing slash because only a `/`-separated prefix or an entire path is matched',
  ],
  [
    'R16',
    httpRoute({
      matches: [
        match({
          queryParams: [
            { type: 'Exact', name: 'beta', value: '1' },
            { type: 'Exact', name: 'beta', value: '2' },
          ],
        }),
      ],
    }),
    `${R}.matches.0.queryParams.1.name`,
    'multiple entries for name beta',
  ],
  [
    'R17',
    httpRoute({ matches: [match({ headers: [{ type: 'Present', name: 'x-a', value: '1' }] })] }),
    `${R}.matches.0.headers.0.value`,
    'must not be defined',
  ],
  [
    'R18 (a stored filter)',
    httpRoute({ filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: {} }] }),
    `${R}.filters`,
    'must have at least one defined: set, add, remove',
  ],
  [
    'schema: header name pattern',
    httpRoute({
      matches: [match({ headers: [{ type: 'Exact', name: 'X-Version', value: '2' }] })],
    }),
    `${R}.matches.0.headers.0.name`,
    `in body should match '${HEADER_NAME_PATTERN}'`,
  ],
  [
    'schema: header name required',
    httpRoute({ matches: [match({ headers: [{ type: 'Exact', name: '', value: '2' }] })] }),
    `${R}.matches.0.headers.0.name`,
    'in body should be at least 1 chars long',
  ],
  [
    'schema: query name required',
    httpRoute({ matches: [match({ queryParams: [{ type: 'Exact', name: '', value: '2' }] })] }),
    `${R}.matches.0.queryParams.0.name`,
    'in body should be at least 1 chars long',
  ],
  [
    'schema: regular expression required',
    httpRoute({ matches: [match({ pathType: 'RegularExpression', pathValue: '' })] }),
    `${R}.matches.0.pathValue`,
    'in body should be at least 1 chars long',
  ],
  [
    'form: a MeshService resource needs a port',
    httpRoute({ backends: [backend({ ref: 'MeshService' })] }),
    `${R}.backends.0.port`,
    MSG_PORT_FOR_RESOURCE,
  ],
  [
    'form: weight is a number',
    httpRoute({ backends: [backend({ weight: 'half' })] }),
    `${R}.backends.0.weight`,
    MSG_WHOLE_NUMBER,
  ],
  [
    'form: empty hostname row',
    httpRoute(
      {},
      {
        entries: [{ hostnames: [{ value: '' }], rules: httpRoute().entries[0]?.rules ?? [] }],
      },
    ),
    'entries.0.hostnames.0.value',
    MSG_EMPTY_HOSTNAME,
  ],
];

describe('route form rules', () => {
  it('has nothing to say about a valid MeshHTTPRoute', () => {
    const form = httpRoute({
      matches: [
        match({
          method: 'GET',
          headers: [{ type: 'Exact', name: 'x-version', value: 'v2' }],
          queryParams: [{ type: 'RegularExpression', name: 'q', value: '.*' }],
        }),
      ],
      backends: [
        backend({ weight: '90' }),
        backend({ ref: 'MeshService', port: '80', weight: '10' }),
      ],
    });
    const check = checkHttpRouteForm(form, ctxOf(), routeMeta, { isNew: true });
    expect(check.errors).toEqual([]);
  });

  it('warns, and does not block the save, on a regex RE2 refuses (kuma-cp accepts it)', () => {
    const form = httpRoute({
      matches: [
        match({
          pathType: 'RegularExpression',
          pathValue: '/(a)\\1',
          headers: [{ type: 'RegularExpression', name: 'x-env', value: '(?=canary)' }],
        }),
      ],
    });
    const check = checkHttpRouteForm(form, ctxOf(), routeMeta, { isNew: true });
    expect(check.errors).toEqual([]);
    expect(check.warnings.map((w) => [w.field, w.severity, w.message.split(':')[0]])).toEqual([
      ['entries.0.rules.0.matches.0.pathValue', 'warning', 'not valid RE2 (error parsing regexp'],
      [
        'entries.0.rules.0.matches.0.headers.0.value',
        'warning',
        'not valid RE2 (error parsing regexp',
      ],
    ]);
    expect(check.warnings[0]?.message).toContain('invalid escape sequence: `\\1`');
  });

  it.each(httpRules)('%s → %s: %s', (_rule, form, field, message, version = '2.14.3') => {
    const check = checkHttpRouteForm(form, ctxOf(version), routeMeta, { isNew: true });
    expectIssue(check.errors, field, message);
  });

  it.each<[string, TcpRouteForm, string, string]>([
    [
      'valid',
      { name: 'edge-redis', targetTags: [], backends: [backend({ name: 'redis' })] },
      '',
      '',
    ],
    ['R9', { name: 'edge-redis', targetTags: [], backends: [] }, 'backends', 'must be defined'],
    [
      'R11',
      { name: 'edge-redis', targetTags: [], backends: [backend({ name: '' })] },
      'backends.0.name',
      'name or labels must be set when kind is MeshService',
    ],
    [
      'form: port of a MeshService resource',
      { name: 'edge-redis', targetTags: [], backends: [backend({ ref: 'MeshService' })] },
      'backends.0.port',
      MSG_PORT_FOR_RESOURCE,
    ],
  ])('MeshTCPRoute %s', (_rule, form, field, message) => {
    const check = checkTcpRouteForm(form, ctxOf(), routeMeta, { isNew: true });
    if (field === '') expect(check.errors).toEqual([]);
    else expectIssue(check.errors, field, message);
  });
});

// ------------------------------------------------------------------ delegated

function delegated(patch: Partial<DelegatedForm> = {}): DelegatedForm {
  return {
    name: 'kong-1',
    address: '10.0.0.20',
    service: 'kong',
    tags: [],
    outbounds: [
      {
        port: '33033',
        target: 'service',
        service: 'backend',
        name: '',
        namespace: '',
        targetPort: '',
      },
    ],
    ...patch,
  };
}

const outbound = (patch: Partial<DelegatedForm['outbounds'][number]>) => ({
  port: '33033',
  target: 'service' as const,
  service: 'backend',
  name: '',
  namespace: '',
  targetPort: '',
  ...patch,
});

describe('delegated gateway form rules', () => {
  it('has nothing to say about a valid delegated gateway, or one without service on 2.14', () => {
    expect(checkDelegatedForm(delegated(), ctxOf(), { isNew: true }).errors).toEqual([]);
    expect(
      checkDelegatedForm(delegated({ service: '' }), ctxOf('2.14.3'), { isNew: true }).errors,
    ).toEqual([]);
  });

  it.each<[string, DelegatedForm, string, string, string?]>([
    ['name', delegated({ name: 'Kong 1' }), 'name', MSG_NAME_RFC1123],
    [
      'D8 (through 2.13)',
      delegated({ service: '' }),
      'service',
      'mandatory tag "kuma.io/service" is missing',
      '2.13.0',
    ],
    [
      'D9',
      delegated({ tags: [{ key: 'kuma.io/protocol', value: 'http' }] }),
      'tags.0.value',
      'other values than tcp are not allowed, provided value "http"',
    ],
    [
      'D10',
      delegated({ tags: [{ key: 'team', value: 'a/b' }] }),
      'tags.0.value',
      'tag value must consist of alphanumeric characters, dots, dashes and underscores',
    ],
    ['D11', delegated({ address: '' }), 'address', "address can't be empty"],
    [
      'D12',
      delegated({ outbounds: [outbound({ port: '0' })] }),
      'outbounds.0.port',
      'port must be in the range [1, 65535]',
    ],
    [
      'D13',
      delegated({ outbounds: [outbound({ service: '' })] }),
      'outbounds.0.service',
      'mandatory tag "kuma.io/service" is missing',
    ],
    [
      'D15',
      delegated({ outbounds: [outbound({ target: 'MeshService', targetPort: '80' })] }),
      'outbounds.0.name',
      "either 'name' or 'labels' should be specified",
    ],
    [
      'MeshService outbound port',
      delegated({ outbounds: [outbound({ target: 'MeshService', name: 'backend' })] }),
      'outbounds.0.targetPort',
      'port must be in the range [1, 65535]',
    ],
    [
      'form: service set twice',
      delegated({ tags: [{ key: 'kuma.io/service', value: 'other' }] }),
      'tags.0.key',
      'set the service in the Service field above',
    ],
    [
      'form: outbound port is a number',
      delegated({ outbounds: [outbound({ port: 'x' })] }),
      'outbounds.0.port',
      MSG_WHOLE_NUMBER,
    ],
  ])('%s → %s: %s', (_rule, form, field, message, version = '2.14.3') => {
    expectIssue(checkDelegatedForm(form, ctxOf(version), { isNew: true }).errors, field, message);
  });
});
