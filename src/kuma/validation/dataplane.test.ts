import { describe, expect, it } from 'vitest';
import type { Dataplane, DataplaneNetworking } from '../types';
import { parseKumaVersion } from '../version';
import type { ValidationContext } from './context';
import { dataplaneKind, validateDataplane } from './dataplane';
import type { Violation } from './violations';

const v = (raw: string): ValidationContext => ({ version: parseKumaVersion(raw) });
const v26 = v('2.6.15');
const v27 = v('2.7.0');
const v28 = v('2.8.0');
const v211 = v('2.11.0');
const v213 = v('2.13.5');
const v2141 = v('2.14.1');
const v214 = v('2.14.3');

function dataplane(networking: DataplaneNetworking | undefined, extra: Partial<Dataplane> = {}) {
  return { type: 'Dataplane', mesh: 'default', name: 'dp-1', networking, ...extra } as Dataplane;
}

const builtin = (net: Partial<DataplaneNetworking> = {}, extra: Partial<Dataplane> = {}) =>
  dataplane(
    {
      address: '10.0.0.10',
      gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': 'edge' } },
      ...net,
    },
    extra,
  );

const delegated = (net: Partial<DataplaneNetworking> = {}, extra: Partial<Dataplane> = {}) =>
  dataplane(
    {
      address: '192.168.0.1',
      gateway: { tags: { 'kuma.io/service': 'kong' } },
      outbound: [{ port: 3333, tags: { 'kuma.io/service': 'redis' } }],
      ...net,
    },
    extra,
  );

const sidecar = (net: Partial<DataplaneNetworking> = {}, extra: Partial<Dataplane> = {}) =>
  dataplane(
    {
      address: '192.168.0.1',
      inbound: [{ port: 8080, tags: { 'kuma.io/service': 'backend', version: '1' } }],
      outbound: [{ port: 3333, tags: { 'kuma.io/service': 'redis' } }],
      ...net,
    },
    extra,
  );

const probes = {
  port: 9000,
  endpoints: [{ inboundPort: 8088, inboundPath: '/healthz', path: '/8080/healthz' }],
};

type Case = [
  rule: string,
  description: string,
  dp: Dataplane,
  ctx: ValidationContext,
  expected: Violation[],
];

const valid: Case[] = [
  ['D1', 'networking present', builtin(), v214, []],
  ['D2', 'delegated gateway without inbound', delegated(), v214, []],
  ['D3', 'delegated gateway without listeners (2.14)', delegated({ listeners: [] }), v214, []],
  ['D3', 'listeners are not checked before 2.14', delegated({ listeners: [{}] }), v213, []],
  ['D4', 'builtin gateway without inbound', builtin(), v214, []],
  ['D5', 'builtin gateway without outbound', builtin(), v214, []],
  ['D6', 'listeners are not checked before 2.14', builtin({ listeners: [{}] }), v213, []],
  ['D7', 'builtin gateway without probes', builtin(), v214, []],
  [
    'D8',
    '2.14: a builtin gateway without tags',
    builtin({ gateway: { type: 'BUILTIN' } }),
    v214,
    [],
  ],
  [
    'D9',
    'kuma.io/protocol tcp',
    delegated({ gateway: { tags: { 'kuma.io/service': 'kong', 'kuma.io/protocol': 'tcp' } } }),
    v214,
    [],
  ],
  [
    'D10',
    'tag values with . - _ :',
    delegated({
      gateway: {
        tags: { 'kuma.io/service': 'kong', 'kuma.io/valid': 'abc.0123-789.under_score:90' },
      },
    }),
    v214,
    [],
  ],
  ['D11', 'domain name address', builtin({ address: 'example.com' }), v214, []],
  ['D11', 'IPv6 address', builtin({ address: '0:0:0:0:0:FFFF:C0A8:0001' }), v214, []],
  ['D11', 'IPv6 loopback', builtin({ address: '::1' }), v214, []],
  [
    'D12',
    'outbound port 65535',
    delegated({ outbound: [{ port: 65535, tags: { 'kuma.io/service': 'x' } }] }),
    v214,
    [],
  ],
  [
    'D14',
    'outbound with a backendRef only',
    delegated({
      outbound: [{ port: 3333, backendRef: { kind: 'MeshService', name: 'redis', port: 6379 } }],
    }),
    v214,
    [],
  ],
  [
    'D15',
    'backendRef selecting by labels',
    delegated({
      outbound: [
        {
          port: 3333,
          backendRef: {
            kind: 'MeshService',
            labels: { 'kuma.io/display-name': 'redis' },
            port: 8080,
          },
        },
      ],
    }),
    v214,
    [],
  ],
  [
    'D15',
    'MeshExternalService needs no port',
    delegated({
      outbound: [{ port: 3333, backendRef: { kind: 'MeshExternalService', name: 'x' } }],
    }),
    v214,
    [],
  ],
  [
    'D16',
    'admin port equal to ports on other interfaces',
    sidecar({
      admin: { port: 8080 },
      inbound: [
        {
          port: 8080,
          servicePort: 7777,
          address: '192.168.0.1',
          tags: { 'kuma.io/service': 'backend' },
        },
      ],
      outbound: [{ port: 3333, address: '192.168.0.1', tags: { 'kuma.io/service': 'redis' } }],
    }),
    v214,
    [],
  ],
  ['sidecar', 'inbound and outbound', sidecar(), v214, []],
  [
    'sidecar',
    'full inbound and outbound',
    sidecar({
      inbound: [
        {
          port: 8080,
          servicePort: 7777,
          address: '127.0.0.1',
          tags: { 'kuma.io/service': 'backend', 'kuma.io/protocol': 'HTTP' },
        },
      ],
      outbound: [{ port: 3333, address: '127.0.0.1', tags: { 'kuma.io/service': 'redis' } }],
    }),
    v214,
    [],
  ],
  ['sidecar', 'probes', sidecar({}, { probes }), v214, []],
  ['sidecar', '2.14: an inbound without tags', sidecar({ inbound: [{ port: 8080 }] }), v214, []],
  ['sidecar', '2.14: an outbound-only proxy', sidecar({ inbound: [] }), v214, []],
];

const invalid: Case[] = [
  [
    'D1',
    'networking missing',
    dataplane(undefined),
    v214,
    [{ field: 'networking', message: 'must be defined' }],
  ],
  [
    'D2',
    'delegated gateway with inbound',
    delegated({
      inbound: [{ port: 8080, servicePort: 7777, tags: { 'kuma.io/service': 'backend' } }],
    }),
    v214,
    [{ field: 'networking.inbound', message: 'inbound cannot be defined for delegated gateways' }],
  ],
  [
    'D3',
    'delegated gateway with listeners (2.14)',
    delegated({ listeners: [{}] }),
    v214,
    [
      {
        field: 'networking.listeners',
        message: 'listeners cannot be defined for delegated gateways',
      },
    ],
  ],
  [
    'D4',
    'builtin gateway with inbound',
    builtin({ inbound: [{ port: 3333, tags: { 'kuma.io/service': 'kong' } }] }),
    v214,
    [{ field: 'networking.inbound', message: 'inbound cannot be defined for builtin gateways' }],
  ],
  [
    'D5',
    'builtin gateway with outbound',
    builtin({ outbound: [{ port: 3333, tags: { 'kuma.io/service': 'kong' } }] }),
    v214,
    [{ field: 'networking.outbound', message: 'outbound cannot be defined for builtin gateways' }],
  ],
  [
    'D6',
    'builtin gateway with listeners (2.14)',
    builtin({ listeners: [{}] }),
    v214,
    [
      {
        field: 'networking.listeners',
        message: 'listeners cannot be defined for builtin gateways',
      },
    ],
  ],
  [
    'D7',
    'builtin gateway with probes',
    builtin({}, { probes: { ...probes, port: 0 } }),
    v214,
    [{ field: 'networking.probes', message: 'probes cannot be defined for builtin gateways' }],
  ],
  [
    'D8',
    'builtin gateway tags without the service tag',
    builtin({ gateway: { type: 'BUILTIN', tags: { foo: 'bar' } } }),
    v214,
    [{ field: 'networking.gateway.tags', message: 'mandatory tag "kuma.io/service" is missing' }],
  ],
  [
    'D8',
    '2.13: a builtin gateway without tags',
    builtin({ gateway: { type: 'BUILTIN' } }),
    v213,
    [{ field: 'networking.gateway.tags', message: 'mandatory tag "kuma.io/service" is missing' }],
  ],
  [
    'D8',
    'delegated gateway tags without the service tag',
    delegated({ gateway: { tags: { version: 'v1' } } }),
    v213,
    [{ field: 'networking.gateway.tags', message: 'mandatory tag "kuma.io/service" is missing' }],
  ],
  [
    'D9',
    'kuma.io/protocol http',
    delegated({ gateway: { tags: { 'kuma.io/service': 'backend', 'kuma.io/protocol': 'http' } } }),
    v214,
    [
      {
        field: 'networking.gateway.tags["kuma.io/protocol"]',
        message: 'other values than tcp are not allowed, provided value "http"',
      },
    ],
  ],
  [
    'D10',
    'gateway tag value with "/"',
    builtin({ gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': 'edge', version: 'a/b' } } }),
    v214,
    [
      {
        field: 'networking.gateway.tags["version"]',
        message: 'tag value must consist of alphanumeric characters, dots, dashes and underscores',
      },
    ],
  ],
  [
    'D10',
    'gateway tag value "*"',
    builtin({ gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': '*' } } }),
    v214,
    [
      {
        field: 'networking.gateway.tags["kuma.io/service"]',
        message: 'tag value must consist of alphanumeric characters, dots, dashes and underscores',
      },
    ],
  ],
  [
    'D10',
    'empty gateway tag value',
    delegated({ gateway: { tags: { 'kuma.io/service': 'backend', version: '' } } }),
    v214,
    [{ field: 'networking.gateway.tags["version"]', message: 'tag value must be non-empty' }],
  ],
  [
    'D11',
    'empty address',
    builtin({ address: '' }),
    v214,
    [{ field: 'networking.address', message: "address can't be empty" }],
  ],
  [
    'D11',
    'address 0.0.0.0',
    builtin({ address: '0.0.0.0' }),
    v214,
    [{ field: 'networking.address', message: 'must not be 0.0.0.0 or ::' }],
  ],
  [
    'D11',
    'address ::',
    builtin({ address: '::' }),
    v214,
    [{ field: 'networking.address', message: 'must not be 0.0.0.0 or ::' }],
  ],
  [
    'D11',
    'address that is neither IP nor DNS name',
    builtin({ address: '..>_<..' }),
    v214,
    [{ field: 'networking.address', message: 'address has to be valid IP address or domain name' }],
  ],
  [
    'D12',
    'outbound ports out of range',
    delegated({
      outbound: [
        { tags: { 'kuma.io/service': 'redis' } } as never,
        { port: 65536, tags: { 'kuma.io/service': 'elastic' } },
      ],
    }),
    v214,
    [
      { field: 'networking.outbound[0].port', message: 'port must be in the range [1, 65535]' },
      { field: 'networking.outbound[1].port', message: 'port must be in the range [1, 65535]' },
    ],
  ],
  [
    'D13',
    'outbound without tags',
    delegated({ outbound: [{ port: 3333 }] }),
    v214,
    [
      {
        field: 'networking.outbound[0].tags',
        message: 'mandatory tag "kuma.io/service" is missing',
      },
    ],
  ],
  [
    'D13',
    'outbound tags without the service tag',
    delegated({ outbound: [{ port: 3333, tags: { version: 'v1' } }] }),
    v214,
    [
      {
        field: 'networking.outbound[0].tags',
        message: 'mandatory tag "kuma.io/service" is missing',
      },
    ],
  ],
  [
    'D14',
    'outbound with both backendRef and tags',
    delegated({
      outbound: [
        {
          port: 3333,
          tags: { 'kuma.io/service': 'redis' },
          backendRef: { kind: 'MeshService', name: 'redis', port: 6379 },
        },
      ],
    }),
    v214,
    [
      {
        field: 'networking.outbound[0].backendRef',
        message: 'both backendRef and tags/service cannot be defined',
      },
    ],
  ],
  [
    'D15',
    'backendRef without name or labels',
    delegated({ outbound: [{ port: 3333, backendRef: { kind: 'MeshService', port: 80 } }] }),
    v214,
    [
      {
        field: 'networking.outbound[0].backendRef',
        message: "either 'name' or 'labels' should be specified",
      },
    ],
  ],
  [
    'D15',
    'backendRef of an unknown kind, without port',
    delegated({ outbound: [{ port: 3333, backendRef: { kind: 'Mesh', name: 'x' } }] }),
    v214,
    [
      {
        field: 'networking.outbound[0].backendRef.kind',
        message:
          'invalid value. Available values are: MeshExternalService,MeshMultiZoneService,MeshService',
      },
      {
        field: 'networking.outbound[0].backendRef.port',
        message: 'port must be in the range [1, 65535]',
      },
    ],
  ],
  [
    'D16',
    'admin port equal to an inbound on loopback',
    sidecar({
      admin: { port: 8080 },
      inbound: [{ port: 8080, address: '127.0.0.1', tags: { 'kuma.io/service': 'backend' } }],
    }),
    v214,
    [{ field: 'networking.admin.port', message: 'must differ from inbound' }],
  ],
  [
    'D16',
    "admin port equal to a servicePort on the Dataplane's loopback address",
    sidecar({
      address: '127.0.0.1',
      admin: { port: 7777 },
      inbound: [{ port: 8080, servicePort: 7777, tags: { 'kuma.io/service': 'backend' } }],
    }),
    v214,
    [{ field: 'networking.admin.port', message: 'must differ from inbound' }],
  ],
  [
    'D16',
    'admin port equal to an outbound port',
    delegated({ admin: { port: 3333 } }),
    v214,
    [{ field: 'networking.admin.port', message: 'must differ from outbound' }],
  ],
  [
    'D16',
    'admin port equal to an inbound listening on 0.0.0.0',
    sidecar({
      admin: { port: 9901 },
      inbound: [
        { port: 9901, servicePort: 8080, address: '0.0.0.0', tags: { 'kuma.io/service': 'b' } },
      ],
    }),
    v214,
    [{ field: 'networking.admin.port', message: 'must differ from inbound' }],
  ],
  [
    'sidecar',
    'no inbound and no gateway (≤2.13)',
    sidecar({ inbound: [] }),
    v213,
    [{ field: 'networking', message: 'has to contain at least one inbound interface or gateway' }],
  ],
  [
    'sidecar',
    'empty networking (≤2.13)',
    dataplane({}),
    v213,
    [
      { field: 'networking', message: 'has to contain at least one inbound interface or gateway' },
      { field: 'networking.address', message: "address can't be empty" },
    ],
  ],
  [
    'sidecar',
    'empty networking (2.14)',
    dataplane({}),
    v214,
    [{ field: 'networking.address', message: "address can't be empty" }],
  ],
  [
    'sidecar',
    'inbound ports out of range',
    sidecar({
      inbound: [
        { tags: { 'kuma.io/service': 'backend' } } as never,
        { port: 65536, tags: { 'kuma.io/service': 'sub-backend' } },
      ],
    }),
    v214,
    [
      { field: 'networking.inbound[0].port', message: 'port must be in the range [1, 65535]' },
      { field: 'networking.inbound[1].port', message: 'port must be in the range [1, 65535]' },
    ],
  ],
  [
    'sidecar',
    'inbound servicePort out of range',
    sidecar({
      inbound: [{ port: 1234, servicePort: 65536, tags: { 'kuma.io/service': 'backend' } }],
    }),
    v214,
    [
      {
        field: 'networking.inbound[0].servicePort',
        message: 'port must be in the range [1, 65535]',
      },
    ],
  ],
  [
    'sidecar',
    'inbound without the service tag (≤2.13)',
    sidecar({ inbound: [{ port: 1234, tags: { version: 'v1' } }] }),
    v213,
    [{ field: 'networking.inbound[0].tags["kuma.io/service"]', message: 'tag has to exist' }],
  ],
  [
    'sidecar',
    'inbound without tags (≤2.13)',
    sidecar({ inbound: [{ port: 1234 }] }),
    v213,
    [{ field: 'networking.inbound[0].tags["kuma.io/service"]', message: 'tag has to exist' }],
  ],
  [
    'sidecar',
    'inbound tags without the service tag (2.14)',
    sidecar({ inbound: [{ port: 1234, tags: { version: 'v1' } }] }),
    v214,
    [{ field: 'networking.inbound[0].tags["kuma.io/service"]', message: 'tag has to exist' }],
  ],
  [
    'sidecar',
    'inbound with an invalid address',
    sidecar({
      inbound: [{ port: 1234, address: 'invalid-address', tags: { 'kuma.io/service': 'b' } }],
    }),
    v214,
    [{ field: 'networking.inbound[0].address', message: 'address has to be valid IP address' }],
  ],
  [
    'sidecar',
    'inbound serviceAddress equal to the dataplane address and port',
    sidecar({
      inbound: [{ port: 1234, serviceAddress: '192.168.0.1', tags: { 'kuma.io/service': 'b' } }],
    }),
    v214,
    [
      {
        field: 'networking.inbound[0].serviceAddress',
        message: 'serviceAddress and servicePort has to differ from address and port',
      },
    ],
  ],
  [
    'sidecar',
    'inbound kuma.io/protocol with an empty value',
    sidecar({
      inbound: [{ port: 1234, tags: { 'kuma.io/service': 'backend', 'kuma.io/protocol': '' } }],
    }),
    v214,
    [
      {
        field: 'networking.inbound[0].tags["kuma.io/protocol"]',
        message:
          'tag "kuma.io/protocol" has an invalid value "". Allowed values: grpc, http, http2, kafka, tcp',
      },
      {
        field: 'networking.inbound[0].tags["kuma.io/protocol"]',
        message: 'tag value must be non-empty',
      },
    ],
  ],
  [
    'sidecar',
    'inbound tag name with invalid characters',
    sidecar({
      inbound: [{ port: 1234, tags: { 'kuma.io/service': 'backend', 'inv@lidT/gN%me': 'value' } }],
    }),
    v214,
    [
      {
        field: 'networking.inbound[0].tags["inv@lidT/gN%me"]',
        message:
          'tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores',
      },
    ],
  ],
  [
    'sidecar',
    'outbound with an invalid address',
    sidecar({
      outbound: [{ port: 3333, address: 'invalid', tags: { 'kuma.io/service': 'elastic' } }],
    }),
    v214,
    [{ field: 'networking.outbound[0].address', message: 'address has to be valid IP address' }],
  ],
  [
    'sidecar',
    'probe paths that are not URL paths',
    sidecar(
      {},
      { probes: { port: 0, endpoints: [{ inboundPort: 8088, inboundPath: 'healthz', path: '' }] } },
    ),
    v214,
    [
      { field: 'probes.port', message: 'port must be in the range [1, 65535]' },
      { field: 'probes.endpoints[0].inboundPath', message: 'should be a valid URL Path' },
      { field: 'probes.endpoints[0].path', message: 'should be a valid URL Path' },
    ],
  ],
];

const at = (field: string, message: string): Violation => ({ field, message });
const PORT_RANGE = 'port must be in the range [1, 65535]';
const POSITIVE = 'must have a positive value';
const PROTOCOLS_HINT = 'Allowed values: grpc, http, http2, kafka, tcp';

/** Rules that differ between releases; the version each changed in comes from Kuma's git history. */
const releaseCases: Case[] = [
  [
    'protocol',
    'kuma.io/protocol tls is unknown before 2.8',
    sidecar({
      inbound: [{ port: 8080, tags: { 'kuma.io/service': 'b', 'kuma.io/protocol': 'tls' } }],
    }),
    v26,
    [
      at(
        'networking.inbound[0].tags["kuma.io/protocol"]',
        `tag "kuma.io/protocol" has an invalid value "tls". ${PROTOCOLS_HINT}`,
      ),
    ],
  ],
  [
    'protocol',
    'kuma.io/protocol TLS from 2.8',
    sidecar({
      inbound: [{ port: 8080, tags: { 'kuma.io/service': 'b', 'kuma.io/protocol': 'TLS' } }],
    }),
    v28,
    [],
  ],
  [
    'protocol',
    'kuma.io/protocol mysql is unknown before 2.10',
    sidecar({
      inbound: [{ port: 8080, tags: { 'kuma.io/service': 'b', 'kuma.io/protocol': 'mysql' } }],
    }),
    v28,
    [
      at(
        'networking.inbound[0].tags["kuma.io/protocol"]',
        `tag "kuma.io/protocol" has an invalid value "mysql". ${PROTOCOLS_HINT}`,
      ),
    ],
  ],
  [
    'protocol',
    'kuma.io/protocol MySQL from 2.10',
    sidecar({
      inbound: [{ port: 8080, tags: { 'kuma.io/service': 'b', 'kuma.io/protocol': 'MySQL' } }],
    }),
    v214,
    [],
  ],
  [
    'protocol',
    '2.14: the inbound protocol field',
    sidecar({ inbound: [{ port: 8080, protocol: 'foo', tags: { 'kuma.io/service': 'b' } }] }),
    v214,
    [at('networking.inbound[0].protocol', `has an invalid value "foo". ${PROTOCOLS_HINT}`)],
  ],
  [
    'protocol',
    'the inbound protocol field is not checked before 2.14',
    sidecar({ inbound: [{ port: 8080, protocol: 'foo', tags: { 'kuma.io/service': 'b' } }] }),
    v213,
    [],
  ],
  [
    'D9',
    'through 2.11 the gateway protocol is compared as written',
    delegated({ gateway: { tags: { 'kuma.io/service': 'kong', 'kuma.io/protocol': 'TCP' } } }),
    v211,
    [
      at(
        'networking.gateway.tags["kuma.io/protocol"]',
        'other values than tcp are not allowed, provided value "TCP"',
      ),
    ],
  ],
  [
    'D9',
    'from 2.12 the gateway protocol is case-insensitive',
    delegated({ gateway: { tags: { 'kuma.io/service': 'kong', 'kuma.io/protocol': 'TCP' } } }),
    v214,
    [],
  ],
  [
    'D9',
    'through 2.11 the provided value is not escaped',
    delegated({ gateway: { tags: { 'kuma.io/service': 'kong', 'kuma.io/protocol': 'a"b' } } }),
    v26,
    [
      at(
        'networking.gateway.tags["kuma.io/protocol"]',
        'other values than tcp are not allowed, provided value "a"b"',
      ),
      at(
        'networking.gateway.tags["kuma.io/protocol"]',
        'tag value must consist of alphanumeric characters, dots, dashes and underscores',
      ),
    ],
  ],
  [
    'D9',
    'from 2.12 the provided value is quoted',
    delegated({ gateway: { tags: { 'kuma.io/service': 'kong', 'kuma.io/protocol': 'a"b' } } }),
    v214,
    [
      at(
        'networking.gateway.tags["kuma.io/protocol"]',
        'other values than tcp are not allowed, provided value "a\\"b"',
      ),
      at(
        'networking.gateway.tags["kuma.io/protocol"]',
        'tag value must consist of alphanumeric characters, dots, dashes and underscores',
      ),
    ],
  ],
  [
    'D8',
    '2.14.1: a gateway without tags still needs the service tag',
    delegated({ gateway: {} }),
    v2141,
    [at('networking.gateway.tags', 'mandatory tag "kuma.io/service" is missing')],
  ],
  ['D8', '2.14.2: a gateway without tags', delegated({ gateway: {} }), v214, []],
  [
    'kind',
    'a gateway type that names no value makes a sidecar (≤2.13 needs an inbound)',
    dataplane({ address: '1.2.3.4', gateway: { type: 5 as never, tags: { foo: 'bar' } } }),
    v26,
    [at('networking', 'has to contain at least one inbound interface or gateway')],
  ],
  [
    'D15',
    '2.7: backendRef kinds, name and port',
    delegated({ outbound: [{ port: 3333, backendRef: { kind: 'MeshExternalService' } }] }),
    v27,
    [
      at(
        'networking.outbound[0].backendRef.kind',
        'invalid value. Available values are: MeshService',
      ),
      at('networking.outbound[0].backendRef.name', 'cannot be empty'),
      at('networking.outbound[0].backendRef.port', PORT_RANGE),
    ],
  ],
  [
    'D15',
    '2.8: MeshExternalService needs no port, labels do not replace the name',
    delegated({
      outbound: [{ port: 3333, backendRef: { kind: 'MeshExternalService', labels: { a: 'b' } } }],
    }),
    v28,
    [at('networking.outbound[0].backendRef.name', 'cannot be empty')],
  ],
  [
    'D15',
    '2.8: MeshMultiZoneService is not a backendRef kind yet',
    delegated({
      outbound: [{ port: 3333, backendRef: { kind: 'MeshMultiZoneService', name: 'x', port: 80 } }],
    }),
    v28,
    [
      at(
        'networking.outbound[0].backendRef.kind',
        'invalid value. Available values are: MeshExternalService,MeshService',
      ),
    ],
  ],
];

const serviceProbeCases: Case[] = [
  [
    'serviceProbe',
    'zero interval and unhealthy threshold',
    sidecar({
      inbound: [
        {
          port: 8080,
          serviceProbe: {
            timeout: '1s',
            interval: '0s',
            healthyThreshold: 5,
            unhealthyThreshold: 0,
          },
          tags: { 'kuma.io/service': 'backend', version: '1' },
        },
      ],
    }),
    v214,
    [
      at('networking.inbound[0].serviceProbe.interval', POSITIVE),
      at('networking.inbound[0].serviceProbe.unhealthyThreshold', POSITIVE),
    ],
  ],
  [
    'serviceProbe',
    'reported before the missing service tag',
    sidecar({
      inbound: [
        {
          port: 8080,
          serviceProbe: { timeout: '0s', healthyThreshold: 0 },
          tags: { version: '1' },
        },
      ],
    }),
    v26,
    [
      at('networking.inbound[0].serviceProbe.timeout', POSITIVE),
      at('networking.inbound[0].serviceProbe.healthyThreshold', POSITIVE),
      at('networking.inbound[0].tags["kuma.io/service"]', 'tag has to exist'),
    ],
  ],
  [
    'serviceProbe',
    'a negative interval is not zero',
    sidecar({
      inbound: [
        { port: 8080, serviceProbe: { interval: '-1s' }, tags: { 'kuma.io/service': 'b' } },
      ],
    }),
    v214,
    [],
  ],
  [
    'serviceProbe',
    'an empty probe',
    sidecar({ inbound: [{ port: 8080, serviceProbe: {}, tags: { 'kuma.io/service': 'b' } }] }),
    v214,
    [],
  ],
];

const prometheus = (conf: Record<string, unknown>) => ({ type: 'prometheus', conf });

const metricsCases: Case[] = [
  [
    'metrics',
    'unique aggregate entries',
    sidecar({}, { metrics: prometheus({ aggregate: [{ name: 'a', port: 1 }, { name: 'b' }] }) }),
    v214,
    [],
  ],
  [
    'metrics',
    'not supported metrics type',
    sidecar({}, { metrics: { type: 'custom-backend' } }),
    v26,
    [at('metrics.type', 'unknown backend type. Available backends: "prometheus"')],
  ],
  [
    'metrics',
    'duplicate aggregate names',
    sidecar(
      {},
      {
        metrics: prometheus({
          aggregate: [{ name: 'app' }, { name: 'app' }, { name: 'dup' }, { name: 'dup' }],
        }),
      },
    ),
    v214,
    [
      at('metrics.conf.aggregate[1].name', 'duplicate entry: app, values have to be unique'),
      at('metrics.conf.aggregate[3].name', 'duplicate entry: dup, values have to be unique'),
    ],
  ],
  [
    'metrics',
    'skipMTLS contradicting tls.mode',
    sidecar({}, { metrics: prometheus({ skipMTLS: true, tls: { mode: 'providedTLS' } }) }),
    v214,
    [at('metrics.conf', 'skipMTLS and tls configuration cannot be defined together')],
  ],
  [
    'metrics',
    'skipMTLS agreeing with tls.mode',
    sidecar({}, { metrics: prometheus({ skipMTLS: true, tls: { mode: 'disabled' } }) }),
    v214,
    [],
  ],
  [
    'metrics',
    'a filterRegex Go cannot compile',
    sidecar({}, { metrics: prometheus({ envoy: { filterRegex: '(' } }) }),
    v214,
    [
      at(
        'metrics.conf.envoy.filterRegex',
        "provided regexp isn't correct: error parsing regexp: missing closing ): `(`",
      ),
    ],
  ],
  [
    'metrics',
    'a conf field of the wrong type',
    sidecar({}, { metrics: prometheus({ port: 1.5 }) }),
    v214,
    [
      at(
        'metrics.conf',
        'could not parse config: json: cannot unmarshal number 1.5 into Go value of type uint32',
      ),
    ],
  ],
  [
    'metrics',
    'gateways do not check metrics',
    builtin({}, { metrics: { type: 'custom-backend' } }),
    v214,
    [],
  ],
];

const LISTENER = { type: 'ZoneIngress', address: '192.168.0.1', port: 10001, name: 'zi-main' };

const listenerCases: Case[] = [
  ['listeners', 'a listener next to an inbound', sidecar({ listeners: [LISTENER] }), v214, []],
  [
    'listeners',
    'missing type, address and port',
    sidecar({ listeners: [{}] }),
    v214,
    [
      at('networking.listeners[0].type', 'type must be ZoneIngress or ZoneEgress'),
      at('networking.listeners[0].address', "address can't be empty"),
      at('networking.listeners[0].port', PORT_RANGE),
    ],
  ],
  [
    'listeners',
    'an invalid address',
    sidecar({ listeners: [{ ...LISTENER, address: 'not-valid!' }] }),
    v214,
    [at('networking.listeners[0].address', 'address has to be valid IP address or domain name')],
  ],
  [
    'listeners',
    "a name equal to an unnamed inbound's port",
    sidecar({ listeners: [{ ...LISTENER, name: '8080' }] }),
    v214,
    [
      at(
        'networking.listeners[0].name',
        'name "8080" must be unique across inbounds and listeners',
      ),
    ],
  ],
  [
    'listeners',
    'the same address:port twice, with the same and with another type',
    sidecar({
      inbound: [],
      listeners: [
        LISTENER,
        { ...LISTENER, name: 'b' },
        { ...LISTENER, type: 'ZoneEgress', name: 'c' },
      ],
    }),
    v214,
    [
      at(
        'networking.listeners[1]',
        'address:port 192.168.0.1:10001 is already used by another listener',
      ),
      at(
        'networking.listeners[2]',
        'address:port 192.168.0.1:10001 is used by listeners of different types',
      ),
    ],
  ],
  [
    'listeners',
    "an address:port of an inbound (on the Dataplane's address)",
    sidecar({ listeners: [{ ...LISTENER, port: 8080 }] }),
    v214,
    [
      at(
        'networking.listeners[0]',
        'address:port 192.168.0.1:8080 collides with an inbound listener',
      ),
    ],
  ],
];

const reachableBackendsCases: Case[] = [
  [
    'reachableBackends',
    'kind, name, namespace and labels rules',
    sidecar({
      transparentProxying: {
        reachableBackends: {
          refs: [
            { kind: 'Something', name: 'first', labels: { 'kuma.io/test': 'test' } },
            { kind: 'MeshService', name: 'first$-.kuma' },
            { kind: 'MeshService' },
            { kind: 'MeshService', namespace: 'xyz' },
            { kind: 'MeshService', name: 'a'.repeat(254) },
          ],
        },
      },
    }),
    v214,
    [
      at(
        'networking.transparentProxing.reachableBackends.refs[0].kind',
        'invalid value. Available values are: MeshExternalService,MeshMultiZoneService,MeshService',
      ),
      at(
        'networking.transparentProxing.reachableBackends.refs[0].labels',
        'labels cannot be defined when name is specified',
      ),
      at(
        'networking.transparentProxing.reachableBackends.refs[1].name',
        "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      ),
      at(
        'networking.transparentProxing.reachableBackends.refs[2].name',
        'name or labels are required',
      ),
      at(
        'networking.transparentProxing.reachableBackends.refs[3].name',
        'name is required, when namespace is defined',
      ),
      at(
        'networking.transparentProxing.reachableBackends.refs[4].name',
        'value length must less or equal 253',
      ),
    ],
  ],
  [
    'reachableBackends',
    'not checked before 2.9',
    sidecar({ transparentProxying: { reachableBackends: { refs: [{}] } } }),
    v28,
    [],
  ],
];

const probeEndpoint = (inboundPath: string) => ({
  probes: { port: 9000, endpoints: [{ inboundPort: 8080, inboundPath, path: '/ok' }] },
});

/** `url.ParseRequestURI`, as Go 1.26 parses; the colon rule follows the build's go.mod. */
const probePathCases: Case[] = [
  ['probes', 'an absolute URL', sidecar({}, probeEndpoint('http://[::1]:80/x?y')), v214, []],
  ['probes', 'an opaque URL is not unescaped', sidecar({}, probeEndpoint('mailto:x%zz')), v214, []],
  ['probes', 'a lone "*"', sidecar({}, probeEndpoint('*')), v214, []],
  [
    'probes',
    'a bad escape in the path',
    sidecar({}, probeEndpoint('/a%zz')),
    v214,
    [at('probes.endpoints[0].inboundPath', 'should be a valid URL Path')],
  ],
  [
    'probes',
    'an IPv4 address in brackets',
    sidecar({}, probeEndpoint('http://[1.2.3.4]/x')),
    v214,
    [at('probes.endpoints[0].inboundPath', 'should be a valid URL Path')],
  ],
  [
    'probes',
    '2.14 (go 1.26 module): two colons in an http host',
    sidecar({}, probeEndpoint('http://a:b:80/x')),
    v214,
    [at('probes.endpoints[0].inboundPath', 'should be a valid URL Path')],
  ],
  [
    'probes',
    '2.6 (go 1.22 module): two colons in an http host',
    sidecar({}, probeEndpoint('http://a:b:80/x')),
    v26,
    [],
  ],
];

describe('validateDataplane', () => {
  it.each(valid)('%s valid: %s', (_rule, _description, dp, ctx, expected) => {
    expect(validateDataplane(dp, ctx)).toEqual(expected);
  });

  it.each(invalid)('%s invalid: %s', (_rule, _description, dp, ctx, expected) => {
    expect(validateDataplane(dp, ctx)).toEqual(expected);
  });

  it.each([
    ...releaseCases,
    ...serviceProbeCases,
    ...metricsCases,
    ...listenerCases,
    ...reachableBackendsCases,
    ...probePathCases,
  ])('%s: %s', (_rule, _description, dp, ctx, expected) => {
    expect(validateDataplane(dp, ctx)).toEqual(expected);
  });

  it('reports the admin port first, then per-kind checks, gateway tags and networking', () => {
    const dp = builtin({
      address: '',
      admin: { port: 9901 },
      inbound: [{ port: 9901, address: '127.0.0.1', tags: { 'kuma.io/service': 'x' } }],
      gateway: { type: 'BUILTIN', tags: { foo: 'bar' } },
    });
    expect(validateDataplane(dp, v214)).toEqual([
      { field: 'networking.admin.port', message: 'must differ from inbound' },
      { field: 'networking.inbound', message: 'inbound cannot be defined for builtin gateways' },
      { field: 'networking.gateway.tags', message: 'mandatory tag "kuma.io/service" is missing' },
      { field: 'networking.address', message: "address can't be empty" },
    ]);
  });

  it.each([
    [{ address: '1.2.3.4', gateway: { type: 'BUILTIN' } }, 'builtin'],
    [{ address: '1.2.3.4', gateway: { type: 'DELEGATED' } }, 'delegated'],
    [{ address: '1.2.3.4', gateway: { tags: {} } }, 'delegated'],
    [{ address: '1.2.3.4', gateway: { type: 5 } }, 'standard'],
    [{ address: '1.2.3.4' }, 'standard'],
  ] as const)('dataplaneKind(%j) is %s', (networking, kind) => {
    expect(dataplaneKind(dataplane(networking as DataplaneNetworking))).toBe(kind);
  });
});
