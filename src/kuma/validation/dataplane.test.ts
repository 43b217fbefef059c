import { describe, expect, it } from 'vitest';
import type { Dataplane, DataplaneNetworking } from '../types';
import { parseKumaVersion } from '../version';
import type { ValidationContext } from './context';
import { dataplaneKind, validateDataplane } from './dataplane';
import type { Violation } from './violations';

const v = (raw: string): ValidationContext => ({ version: parseKumaVersion(raw) });
const v213 = v('2.13.5');
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
    'D13',
    'legacy outbound "service" field',
    delegated({ outbound: [{ port: 3333, service: 'redis' }] }),
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
    'admin port equal to an inbound port on loopback',
    sidecar({ admin: { port: 8080 } }),
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
    [
      {
        field: 'networking.inbound[0].tags',
        message: 'mandatory tag "kuma.io/service" is missing',
      },
    ],
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

describe('validateDataplane', () => {
  it.each(valid)('%s valid: %s', (_rule, _description, dp, ctx, expected) => {
    expect(validateDataplane(dp, ctx)).toEqual(expected);
  });

  it.each(invalid)('%s invalid: %s', (_rule, _description, dp, ctx, expected) => {
    expect(validateDataplane(dp, ctx)).toEqual(expected);
  });

  it('reports the admin port first, then per-kind checks, gateway tags and networking', () => {
    const dp = builtin({
      address: '',
      admin: { port: 9901 },
      inbound: [{ port: 9901, tags: { 'kuma.io/service': 'x' } }],
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
    [{ address: '1.2.3.4' }, 'standard'],
  ] as const)('dataplaneKind(%j) is %s', (networking, kind) => {
    expect(dataplaneKind(dataplane(networking as DataplaneNetworking))).toBe(kind);
  });
});
