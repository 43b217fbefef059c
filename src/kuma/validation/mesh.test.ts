import { describe, expect, it } from 'vitest';
import type { Mesh } from '../types';
import { parseKumaVersion } from '../version';
import { storeErrorTitle, type ValidationContext } from './context';
import { goRegexpError } from './go-regexp';
import { requestUriPort, splitHostPort } from './go-url';
import { isMtlsEnabled, validateMesh } from './mesh';
import { validateMeshCreate, validateMeshUpdate, withMeshDefaults } from './mesh-manager';
import type { Violation } from './violations';

const v = (raw: string): ValidationContext => ({ version: parseKumaVersion(raw) });
const v214 = v('2.14.3');
const v26 = v('2.6.15');

const mesh = (extra: Partial<Mesh> = {}): Mesh => ({ type: 'Mesh', name: 'default', ...extra });
const builtinCa = { name: 'ca-1', type: 'builtin' };

type Case = [description: string, m: Mesh, ctx: ValidationContext, expected: Violation[]];

const prometheus = (conf: Record<string, unknown>) =>
  mesh({ metrics: { backends: [{ name: 'backend-1', type: 'prometheus', conf }] } });
const zipkin = (conf: Record<string, unknown>) =>
  mesh({ tracing: { backends: [{ name: 'zipkin-us', type: 'zipkin', conf }] } });

/** Kuma's "should pass validation" mesh, as jsonpb hands it to the validator. */
const kumaValidMesh = mesh({
  mtls: {
    enabledBackend: 'builtin-1',
    backends: [{ name: 'builtin-1', type: 'builtin', dpCert: { rotation: { expiration: '2y' } } }],
  },
  logging: {
    backends: [
      { name: 'file-1', type: 'file', conf: { path: '/path/to/file' } },
      {
        name: 'file-2',
        format: '%START_TIME% %KUMA_SOURCE_SERVICE%',
        type: 'file',
        conf: { path: '/path/to/file2' },
      },
      { name: 'tcp-1', type: 'tcp', conf: { address: 'kibana:1234' } },
    ],
    defaultBackend: 'tcp-1',
  },
  tracing: {
    backends: [
      {
        name: 'zipkin-us',
        sampling: 80,
        type: 'zipkin',
        conf: {
          url: 'http://zipkin.local:9411/v2/spans',
          traceId128bit: true,
          apiVersion: 'httpProto',
          sharedSpanContext: true,
        },
      },
      { name: 'zipkin-eu', type: 'zipkin', conf: { url: 'http://zipkin.local:9411/v2/spans' } },
    ],
    defaultBackend: 'zipkin-us',
  },
  metrics: {
    enabledBackend: 'prom-1',
    backends: [
      {
        name: 'prom-1',
        type: 'prometheus',
        conf: {
          port: 5670,
          path: '/metrics',
          envoy: { filterRegex: '^server[0-9]+', usedOnly: true },
          aggregate: [
            { name: 'application', port: 1234, path: '/stats' },
            { name: 'sidecar', port: 12345, path: '/stats/sidecar' },
          ],
          tls: { mode: 'providedTLS' },
        },
      },
    ],
  },
  constraints: {
    dataplaneProxy: {
      requirements: [{ tags: { 'k8s.kuma.io/namespace': 'ns-1', 'kuma.io/zone': 'east' } }],
      restrictions: [{ tags: { 'k8s.kuma.io/namespace': 'ns-1', 'kuma.io/zone': 'west' } }],
    },
  },
  routing: { zoneEgress: true },
});

const valid: Case[] = [
  ['no mTLS', mesh(), v214, []],
  [
    'mTLS with its backend',
    mesh({ mtls: { enabledBackend: 'ca-1', backends: [builtinCa] } }),
    v214,
    [],
  ],
  ['a backend that is not enabled', mesh({ mtls: { backends: [builtinCa] } }), v214, []],
  ['meshServices.mode Exclusive', mesh({ meshServices: { mode: 'Exclusive' } }), v214, []],
  // jsonpb keeps an enum number it does not know, and no Mesh rule looks at the mode.
  [
    'meshServices.mode as an unknown number',
    mesh({ meshServices: { mode: 7 as never } }),
    v214,
    [],
  ],
  [
    'zone egress with mTLS',
    mesh({
      mtls: { enabledBackend: 'ca-1', backends: [builtinCa] },
      routing: { zoneEgress: true },
    }),
    v214,
    [],
  ],
  ["Kuma's valid mesh (2.14)", kumaValidMesh, v214, []],
  ["Kuma's valid mesh (2.6)", kumaValidMesh, v26, []],
  [
    'rotation "0" without a unit',
    mesh({ mtls: { backends: [{ ...builtinCa, dpCert: { rotation: { expiration: '0' } } }] } }),
    v214,
    [],
  ],
  [
    'rotation in milliseconds',
    mesh({ mtls: { backends: [{ ...builtinCa, dpCert: { rotation: { expiration: '5ms' } } }] } }),
    v214,
    [],
  ],
  [
    'prometheus without conf',
    mesh({ metrics: { backends: [{ name: 'p', type: 'prometheus' }] } }),
    v214,
    [],
  ],
  ['skipMTLS false with activeMTLSBackend', prometheus({ skipMTLS: false, tls: {} }), v214, []],
  [
    'skipMTLS true with disabled',
    prometheus({ skipMTLS: true, tls: { mode: 'disabled' } }),
    v214,
    [],
  ],
  [
    'datadog with address and port',
    mesh({
      tracing: { backends: [{ name: 'dd', type: 'datadog', conf: { address: 'dd', port: 8126 } }] },
    }),
    v214,
    [],
  ],
  [
    'sampling at the bounds',
    mesh({
      tracing: {
        backends: [{ name: 'z', type: 'zipkin', sampling: 100, conf: { url: 'http://z:1/' } }],
      },
    }),
    v214,
    [],
  ],
  [
    'a zipkin URL with two colons (2.6, Go ≤ 1.25 rules)',
    zipkin({ url: 'http://a:b:80/x' }),
    v26,
    [],
  ],
  ['a non-http URL with two colons (2.14)', zipkin({ url: 'foo://a:b:80/x' }), v214, []],
];

const invalid: Case[] = [
  [
    'enabledBackend naming no backend',
    mesh({ mtls: { enabledBackend: 'ca-2', backends: [builtinCa] } }),
    v214,
    [{ field: 'mtls.enabledBackend', message: 'has to be set to one of the backends in the mesh' }],
  ],
  [
    'enabledBackend without backends',
    mesh({ mtls: { enabledBackend: 'ca-1' } }),
    v214,
    [{ field: 'mtls.enabledBackend', message: 'has to be set to one of the backends in the mesh' }],
  ],
  [
    'two backends with one name',
    mesh({ mtls: { enabledBackend: 'ca-1', backends: [builtinCa, builtinCa] } }),
    v214,
    [
      { field: 'mtls.backends', message: 'cannot have more than 1 backends' },
      {
        field: 'mtls.backends[1].name',
        message: '"ca-1" name is already used for another backend',
      },
    ],
  ],
  [
    'zone egress without mTLS',
    mesh({ routing: { zoneEgress: true } }),
    v214,
    [{ field: 'mtls', message: 'has to be set when zoneEgress enabled' }],
  ],
  [
    'zone egress with a backend that is not enabled',
    mesh({ mtls: { backends: [builtinCa] }, routing: { zoneEgress: true } }),
    v214,
    [{ field: 'mtls', message: 'has to be set when zoneEgress enabled' }],
  ],
  [
    'dpCert rotation invalid expiration time',
    mesh({
      mtls: {
        enabledBackend: 'backend-3',
        backends: [
          { name: 'backend-3', type: 'builtin', dpCert: { rotation: { expiration: '2e' } } },
        ],
      },
    }),
    v214,
    [{ field: 'mtls.dpcert.rotation.expiration', message: 'has to be a valid format' }],
  ],
  [
    'dpCert without a rotation',
    mesh({ mtls: { backends: [{ ...builtinCa, dpCert: {} }] } }),
    v214,
    [{ field: 'mtls.dpcert.rotation.expiration', message: 'has to be a valid format' }],
  ],
  // 2.13 moved the rotation check into the loop over backend names (kumahq/kuma#15037).
  [
    'rotation checked after enabledBackend (2.6)',
    mesh({
      mtls: { enabledBackend: 'x', backends: [{ ...builtinCa, dpCert: { rotation: {} } }] },
    }),
    v26,
    [
      { field: 'mtls.enabledBackend', message: 'has to be set to one of the backends in the mesh' },
      { field: 'mtls.dpcert.rotation.expiration', message: 'has to be a valid format' },
    ],
  ],
  [
    'rotation checked before enabledBackend (2.13+)',
    mesh({
      mtls: { enabledBackend: 'x', backends: [{ ...builtinCa, dpCert: { rotation: {} } }] },
    }),
    v214,
    [
      { field: 'mtls.dpcert.rotation.expiration', message: 'has to be a valid format' },
      { field: 'mtls.enabledBackend', message: 'has to be set to one of the backends in the mesh' },
    ],
  ],
  [
    'logging backend with empty name',
    mesh({ logging: { backends: [{ type: 'tcp', conf: { address: 'kibana:1234' } }] } }),
    v214,
    [{ field: 'logging.backends[0].name', message: 'cannot be empty' }],
  ],
  [
    'multiple logging backends of the same name',
    mesh({
      logging: {
        backends: [
          { name: 'backend-1', type: 'tcp', conf: { address: 'kibana:1234' } },
          { name: 'backend-1', type: 'file', conf: { path: '/path/to/file' } },
        ],
        defaultBackend: 'backend-1',
      },
    }),
    v214,
    [
      {
        field: 'logging.backends[1].name',
        message: '"backend-1" name is already used for another backend',
      },
    ],
  ],
  [
    'tcp logging address is empty',
    mesh({ logging: { backends: [{ name: 'backend-1', type: 'tcp', conf: {} }] } }),
    v214,
    [{ field: 'logging.backends[0].config.address', message: 'cannot be empty' }],
  ],
  [
    'tcp logging address is invalid',
    mesh({
      logging: {
        backends: [{ name: 'backend-1', type: 'tcp', conf: { address: 'wrong-format:234:234' } }],
      },
    }),
    v214,
    [{ field: 'logging.backends[0].config.address', message: 'has to be in format of HOST:PORT' }],
  ],
  [
    'tcp logging address without a host',
    mesh({ logging: { backends: [{ name: 'b', type: 'tcp', conf: { address: ':1234' } }] } }),
    v214,
    [{ field: 'logging.backends[0].config.address', message: 'has to be in format of HOST:PORT' }],
  ],
  [
    'file logging path is empty',
    mesh({ logging: { backends: [{ name: 'backend-1', type: 'file', conf: { path: null } }] } }),
    v214,
    [{ field: 'logging.backends[0].config.path', message: 'cannot be empty' }],
  ],
  [
    'logging default backend has to be set to one of the backends',
    mesh({
      logging: {
        backends: [{ name: 'backend-1', type: 'file', conf: { path: '/path' } }],
        defaultBackend: 'non-existing-backend',
      },
    }),
    v214,
    [
      {
        field: 'logging.defaultBackend',
        message: 'has to be set to one of the logging backend in mesh',
      },
    ],
  ],
  [
    'a logging conf of the wrong shape',
    mesh({ logging: { backends: [{ name: 'a', type: 'tcp', conf: { address: 5 } }] } }),
    v214,
    [
      {
        field: 'logging.backends[0].config',
        message:
          'could not parse config: json: cannot unmarshal number into Go value of type string',
      },
    ],
  ],
  [
    'tracing backend with empty name',
    mesh({
      tracing: {
        backends: [{ type: 'zipkin', conf: { url: 'http://zipkin.local:9411/v2/spans' } }],
      },
    }),
    v214,
    [{ field: 'tracing.backends[0].name', message: 'cannot be empty' }],
  ],
  [
    'multiple tracing backend with the same name',
    mesh({
      tracing: {
        backends: [
          { name: 'zipkin-us', type: 'zipkin', conf: { url: 'http://zipkin.local:9411/v2/spans' } },
          { name: 'zipkin-us', type: 'zipkin', conf: { url: 'http://zipkin.local:9411/v2/spans' } },
        ],
      },
    }),
    v214,
    [
      {
        field: 'tracing.backends[1].name',
        message: '"zipkin-us" name is already used for another backend',
      },
    ],
  ],
  [
    'tracing with invalid sampling',
    mesh({
      tracing: {
        backends: [
          {
            name: 'zipkin-us',
            sampling: 100.1,
            type: 'zipkin',
            conf: { url: 'http://zipkin-us.local:9411/v2/spans' },
          },
        ],
      },
    }),
    v214,
    [{ field: 'tracing.backends[0].sampling', message: 'has to be in [0.0 - 100.0] range' }],
  ],
  [
    'tracing with zipkin without url',
    zipkin({ url: '' }),
    v214,
    [{ field: 'tracing.backends[0].config.url', message: 'cannot be empty' }],
  ],
  [
    'tracing with zipkin with invalid url',
    zipkin({ url: 'invalid-url' }),
    v214,
    [{ field: 'tracing.backends[0].config.url', message: 'invalid URL' }],
  ],
  [
    'tracing with zipkin with valid url but without port',
    zipkin({ url: 'http://zipkin-us.local/v2/spans' }),
    v214,
    [{ field: 'tracing.backends[0].config.url', message: 'port has to be explicitly specified' }],
  ],
  [
    'an http zipkin URL with two colons (2.13.3+, Go 1.26 rules)',
    zipkin({ url: 'http://a:b:80/x' }),
    v214,
    [{ field: 'tracing.backends[0].config.url', message: 'invalid URL' }],
  ],
  [
    'tracing with zipkin with invalid apiVersion',
    zipkin({ url: 'http://zipkin-us.local:9411/v2/spans', apiVersion: 'invalid' }),
    v214,
    [
      {
        field: 'tracing.backends[0].config.apiVersion',
        message: 'has invalid value. Allowed values: httpJsonV1, httpJson, httpProto',
      },
    ],
  ],
  [
    'tracing default backend has to be set to one of the backends',
    mesh({
      tracing: {
        defaultBackend: 'non-existent',
        backends: [
          { name: 'zipkin-us', type: 'zipkin', conf: { url: 'http://zipkin.local:9411/v2/spans' } },
        ],
      },
    }),
    v214,
    [
      {
        field: 'tracing.defaultBackend',
        message: 'has to be set to one of the tracing backend in mesh',
      },
    ],
  ],
  [
    'datadog without address and port',
    mesh({ tracing: { backends: [{ name: 'dd', type: 'datadog' }] } }),
    v214,
    [
      { field: 'tracing.backends[0].config.address', message: 'cannot be empty' },
      { field: 'tracing.backends[0].config.port', message: 'port must be in the range [1, 65535]' },
    ],
  ],
  [
    // jsonpb reads a quoted number by stripping the quotes from Go's JSON text, where `<` is
    // escaped.
    'a datadog port that is not a number',
    mesh({ tracing: { backends: [{ name: 'dd', type: 'datadog', conf: { port: '<' } }] } }),
    v214,
    [
      {
        field: 'tracing.backends[0].config',
        message: "could not parse config: invalid character '\\\\' looking for beginning of value",
      },
    ],
  ],
  [
    'multiple metrics backends of the same name',
    mesh({
      metrics: {
        enabledBackend: 'backend-1',
        backends: [
          { name: 'backend-1', type: 'prometheus' },
          { name: 'backend-1', type: 'prometheus' },
        ],
      },
    }),
    v214,
    [
      {
        field: 'metrics.backends[1].name',
        message: '"backend-1" name is already used for another backend',
      },
    ],
  ],
  [
    'metrics enabledBackend of unknown name',
    mesh({
      metrics: {
        enabledBackend: 'backend-2',
        backends: [{ name: 'backend-1', type: 'prometheus' }],
      },
    }),
    v214,
    [
      {
        field: 'metrics.enabledBackend',
        message: 'has to be set to one of the backends in the mesh',
      },
    ],
  ],
  [
    'unknown backend types',
    mesh({
      metrics: { backends: [{ name: 'backend-1', type: 'xxx' }] },
      logging: { backends: [{ name: 'backend-1', type: 'xxx' }] },
      tracing: { backends: [{ name: 'backend-1', type: 'xxx' }] },
    }),
    v214,
    [
      {
        field: 'logging.backends[0].type',
        message: 'unknown backend type. Available backends: "tcp", "file"',
      },
      {
        field: 'tracing.backends[0].type',
        message: 'unknown backend type. Available backends: "zipkin", "datadog"',
      },
      {
        field: 'metrics.backends[0].type',
        message: 'unknown backend type. Available backends: "prometheus"',
      },
    ],
  ],
  [
    'constraints dataplaneProxy with invalid tags',
    mesh({
      constraints: {
        dataplaneProxy: {
          requirements: [{}, { tags: { '': '' } }, { tags: { '!@#$': '!@#$' } }],
          restrictions: [{}, { tags: { '': '' } }, { tags: { '!@#$': '!@#$' } }],
        },
      },
    }),
    v214,
    (['requirements', 'restrictions'] as const).flatMap((list) => [
      {
        field: `constraints.dataplaneProxy.${list}[0].tags`,
        message: 'must have at least one tag',
      },
      {
        field: `constraints.dataplaneProxy.${list}[1].tags`,
        message: 'tag name must be non-empty',
      },
      {
        field: `constraints.dataplaneProxy.${list}[1].tags[""]`,
        message: 'tag value must be non-empty',
      },
      {
        field: `constraints.dataplaneProxy.${list}[2].tags["!@#$"]`,
        message:
          'tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores',
      },
      {
        field: `constraints.dataplaneProxy.${list}[2].tags["!@#$"]`,
        message:
          'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"',
      },
    ]),
  ],
  [
    'multiple errors',
    mesh({
      mtls: { enabledBackend: 'invalid-backend' },
      logging: {
        backends: [
          { type: 'file', conf: { path: '/path' } },
          { name: 'tcp-1', type: 'file', conf: { address: 'invalid-address' } },
          { name: 'tcp-1', type: 'tcp' },
        ],
        defaultBackend: 'invalid-backend',
      },
    }),
    v214,
    [
      { field: 'mtls.enabledBackend', message: 'has to be set to one of the backends in the mesh' },
      { field: 'logging.backends[0].name', message: 'cannot be empty' },
      { field: 'logging.backends[1].config.path', message: 'cannot be empty' },
      { field: 'logging.backends[2].config.address', message: 'cannot be empty' },
      {
        field: 'logging.backends[2].name',
        message: '"tcp-1" name is already used for another backend',
      },
      {
        field: 'logging.defaultBackend',
        message: 'has to be set to one of the logging backend in mesh',
      },
    ],
  ],
  [
    'metrics aggregate configuration contains duplicate entries',
    mesh({
      metrics: {
        backends: [
          {
            name: 'backend-1',
            type: 'prometheus',
            conf: {
              aggregate: [
                { name: 'app', path: '/stats/', port: 123 },
                { name: 'app', path: '/stats' },
                { name: 'sidecar', port: 12345 },
                { name: 'sidecar' },
              ],
            },
          },
          {
            name: 'backend-2',
            type: 'prometheus',
            conf: {
              aggregate: [
                { name: 'app', path: '/stats/', port: 123 },
                { name: 'app', path: '/stats' },
              ],
            },
          },
        ],
      },
    }),
    v214,
    [
      {
        field: 'metrics.backends[0].conf.aggregate[1].name',
        message: 'duplicate entry: app, values have to be unique',
      },
      {
        field: 'metrics.backends[0].conf.aggregate[3].name',
        message: 'duplicate entry: sidecar, values have to be unique',
      },
      {
        field: 'metrics.backends[1].conf.aggregate[1].name',
        message: 'duplicate entry: app, values have to be unique',
      },
    ],
  ],
  ...(
    [
      ['skipMTLS and tls configuration', { skipMTLS: true, tls: { mode: 'providedTLS' } }],
      ['skipMTLS false and providedTLS', { skipMTLS: false, tls: { mode: 'providedTLS' } }],
      ['not skipMTLS and disabled', { skipMTLS: false, tls: { mode: 'disabled' } }],
      ['skipMTLS and activeMTLSBackend', { skipMTLS: true, tls: {} }],
    ] as const
  ).map(
    ([description, conf]): Case => [
      `metrics contains ${description}`,
      prometheus(conf),
      v214,
      [
        {
          field: 'metrics.backends[0].conf',
          message: 'skipMTLS and tls configuration cannot be defined together',
        },
      ],
    ],
  ),
  [
    'an unknown prometheus TLS mode name',
    prometheus({ tls: { mode: 'x<' } }),
    v214,
    [
      {
        field: 'metrics.backends[0].conf',
        message:
          'could not parse config: unknown value "\\"x\\\\u003c\\"" for enum kuma.mesh.v1alpha1.PrometheusTlsConfig.Mode',
      },
    ],
  ],
  [
    'an envoy filterRegex Go cannot compile',
    prometheus({ envoy: { filterRegex: '((' } }),
    v214,
    [
      {
        field: 'metrics.backends[0].conf.envoy.filterRegex',
        message: "provided regexp isn't correct: error parsing regexp: missing closing ): `((`",
      },
    ],
  ],
];

describe('validateMesh', () => {
  it.each(valid)('valid: %s', (_description, m, ctx, expected) => {
    expect(validateMesh(m, ctx)).toEqual(expected);
  });

  it.each(invalid)('invalid: %s', (_description, m, ctx, expected) => {
    expect(validateMesh(m, ctx)).toEqual(expected);
  });

  it.each([
    [mesh(), false],
    [mesh({ mtls: { backends: [builtinCa] } }), false],
    [mesh({ mtls: { enabledBackend: 'ca-1', backends: [builtinCa] } }), true],
    [undefined, false],
  ] as const)('isMtlsEnabled(%j) is %s', (m, expected) => {
    expect(isMtlsEnabled(m)).toBe(expected);
  });
});

/** Go's `regexp/syntax` error texts (`error parsing regexp: <code>: \`<expr>\``). */
describe('goRegexpError', () => {
  it.each([
    ['^server[0-9]+', undefined],
    ['', undefined],
    ['\\p{Greek}', undefined],
    ['\\p{greek}', undefined],
    ['\\pL', undefined],
    ['\\P{^Greek}', undefined],
    ['(?i)a*', undefined],
    ['(?P<name>a)', undefined],
    ['\\Q(\\E', undefined],
    ['a{1000}', undefined],
    ['((', 'missing closing ): `((`'],
    ['a)', 'unexpected ): `a)`'],
    ['[a', 'missing closing ]: `[a`'],
    ['[z-a]', 'invalid character class range: `z-a`'],
    ['[[:foo:]]', 'invalid character class range: `[:foo:]`'],
    ['\\p{Old_Italic}', 'invalid character class range: `\\p{Old_Italic}`'],
    ['\\p{Greek', 'invalid character class range: `\\p{Greek`'],
    ['a**', 'invalid nested repetition operator: `**`'],
    ['x{2}{3}', 'invalid nested repetition operator: `{2}{3}`'],
    ['*', 'missing argument to repetition operator: `*`'],
    ['(|*)', 'missing argument to repetition operator: `*`'],
    ['a{1001}', 'invalid repeat count: `{1001}`'],
    ['(a{100}){100}', 'invalid repeat count: `{100}`'],
    ['\\8', 'invalid escape sequence: `\\8`'],
    ['\\C', 'invalid escape sequence: `\\C`'],
    ['\\x{110000}', 'invalid escape sequence: `\\x{110000`'],
    ['a\\', 'trailing backslash at end of expression: ``'],
    ['(?i', 'invalid or unsupported Perl syntax: `(?i`'],
    ['(?P=x)', 'invalid or unsupported Perl syntax: `(?P`'],
    ['(?P<a-b>x)', 'invalid named capture: `(?P<a-b>`'],
    ['(?P<n>a', 'missing closing ): `(?P<n>a`'],
  ])('%s', (pattern, code) => {
    expect(goRegexpError(pattern)).toBe(code && `error parsing regexp: ${code}`);
  });
});

describe('splitHostPort (net.SplitHostPort)', () => {
  it.each([
    ['kibana:1234', { host: 'kibana', port: '1234' }],
    ['[::1]:80', { host: '::1', port: '80' }],
    [':80', { host: '', port: '80' }],
    ['a:', { host: 'a', port: '' }],
    ['kibana', undefined],
    ['wrong-format:234:234', undefined],
    ['[::1]80', undefined],
    ['a]:80', undefined],
  ])('%s', (address, expected) => {
    expect(splitHostPort(address)).toEqual(expected);
  });
});

describe('requestUriPort (url.ParseRequestURI, URL.Port)', () => {
  it.each([
    ['http://zipkin.local:9411/v2/spans', v214, '9411'],
    ['http://zipkin-us.local/v2/spans', v214, ''],
    ['http://[::1]:80/', v214, '80'],
    ['http:opaque', v214, ''],
    ['/path', v214, ''],
    ['invalid-url', v214, undefined],
    [':80', v214, undefined],
    ['http://h:80/%zz', v214, undefined],
    ['http://[1.2.3.4]:80/', v214, undefined],
    ['http://a:b:80/x', v214, undefined],
    ['http://a:b:80/x', v('2.13.2'), '80'],
    ['http://a:b:80/x', v('2.13.3'), undefined],
  ])('%s (%o)', (url, ctx, expected) => {
    expect(requestUriPort(url, ctx.version)).toBe(expected);
  });
});

describe('mesh manager checks', () => {
  it.each([
    ['a builtin CA', 'builtin', v214, []],
    [
      'a provided CA without conf',
      'provided',
      v214,
      [
        { field: 'mtls.backends[0].conf.cert', message: 'has to be defined' },
        { field: 'mtls.backends[0].conf.key', message: 'has to be defined' },
      ],
    ],
    [
      'a CA type no plugin serves',
      'vault',
      v26,
      [
        {
          field: 'mtls.backends[0].type',
          message: 'could not find installed plugin for this type',
        },
      ],
    ],
  ] as const)('create with %s', (_description, type, ctx, expected) => {
    const m = mesh({ mtls: { backends: [{ name: 'ca-1', type }] } });
    expect(validateMeshCreate(m, 'default', ctx)).toEqual(expected);
  });

  it('refuses a builtin backend whose secret name is not a DNS name', () => {
    expect(
      validateMeshCreate(
        mesh({ mtls: { backends: [{ name: 'A_B', type: 'builtin' }] } }),
        'm',
        v214,
      ),
    ).toEqual([
      {
        field: 'mtls.backends[0].conf.mtls.backends.name',
        message: '"A_B" name must be valid dns name',
      },
    ]);
  });

  it('checks provided data sources', () => {
    const provided = mesh({
      mtls: {
        backends: [{ name: 'ca-1', type: 'provided', conf: { cert: {}, key: { secret: '' } } }],
      },
    });
    expect(validateMeshCreate(provided, 'm', v214)).toEqual([
      {
        field: 'mtls.backends[0].conf.cert',
        message: 'data source has to be chosen. Available sources: secret, file, inline',
      },
      { field: 'mtls.backends[0].conf.key.secret', message: 'cannot be empty' },
    ]);
  });

  it('skips the plugin checks with skipValidation, but not the plugin lookup', () => {
    const skipped = (type: string) =>
      mesh({ mtls: { skipValidation: true, backends: [{ name: 'ca-1', type }] } });
    expect(validateMeshCreate(skipped('provided'), 'm', v214)).toEqual([]);
    expect(validateMeshCreate(skipped('nope'), 'm', v214)).toEqual([
      { field: 'mtls.backends[0].type', message: 'could not find installed plugin for this type' },
    ]);
  });

  it('refuses mesh names longer than 63 characters on create', () => {
    expect(validateMeshCreate(mesh(), 'a'.repeat(64), v214)).toEqual([
      { field: 'name', message: 'cannot be longer than 63 characters' },
    ]);
  });

  it('refuses changing the enabled CA while mTLS is on', () => {
    const enabled = (name: string) =>
      mesh({ mtls: { enabledBackend: name, backends: [{ name, type: 'builtin' }] } });
    expect(validateMeshUpdate(enabled('ca-1'), enabled('ca-2'), 'm', v214)).toEqual([
      {
        field: 'mtls.enabledBackend',
        message:
          'Changing CA when mTLS is enabled is forbidden. Disable mTLS first and then change the CA',
      },
    ]);
    expect(validateMeshUpdate(mesh(), enabled('ca-2'), 'm', v214)).toEqual([]);
  });

  it.each([
    [v26, true, 'Could not create a resource'],
    [v26, false, 'Could not update a resource'],
    [v214, true, 'Failed to create a resource'],
    [v214, false, 'Failed to update a resource'],
  ])('titles its 400 for %o (create: %s) as %s', (ctx, creating, title) => {
    expect(storeErrorTitle(ctx, creating)).toBe(title);
  });
});

describe('withMeshDefaults (mesh.Default)', () => {
  // What kuma-cp 2.6.15 and 2.14.3 served back for these Prometheus backends.
  const served = (conf: Record<string, unknown>) => ({
    path: '/metrics',
    port: 5670,
    tags: { 'kuma.io/service': 'dataplane-metrics' },
    tls: {},
    ...conf,
  });
  it.each([
    ['no conf', undefined, served({})],
    [
      'skipMTLS, a quoted port, an aggregate',
      { skipMTLS: true, port: '1234', aggregate: [{ name: 'a', port: 1, path: '/x' }] },
      served({
        aggregate: [{ name: 'a', path: '/x', port: 1 }],
        port: 1234,
        skipMTLS: true,
        tls: { mode: 'disabled' },
      }),
    ],
    [
      'tags of its own, the active mode spelt out',
      { skipMTLS: false, tls: { mode: 'activeMTLSBackend' }, tags: { b: '1', a: '2' } },
      served({ skipMTLS: false, tags: { a: '2', b: '1' } }),
    ],
    ['provided TLS', { tls: { mode: 'providedTLS' } }, served({ tls: { mode: 'providedTLS' } })],
    ['zero values', { port: 0, path: '', tags: {} }, served({})],
  ])('%s', (_description, conf, expected) => {
    const m = mesh({
      metrics: {
        enabledBackend: 'p',
        backends: [{ name: 'p', type: 'prometheus', ...(conf ? { conf } : {}) }],
      },
    } as Partial<Mesh>);
    const [backend] = (withMeshDefaults(m, v214).metrics as { backends: { conf: object }[] })
      .backends;
    expect(backend).toEqual({ name: 'p', type: 'prometheus', conf: expected });
    // A Struct prints with sorted keys.
    const keys = Object.keys(backend?.conf ?? {});
    expect(keys).toEqual([...keys].sort());
  });

  it('leaves a Mesh without Prometheus backends as it is', () => {
    const m = mesh({ mtls: { backends: [builtinCa] } } as Partial<Mesh>);
    expect(withMeshDefaults(m, v26)).toBe(m);
  });
});
