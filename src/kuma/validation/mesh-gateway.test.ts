import { describe, expect, it } from 'vitest';
import type { MeshGateway, MeshGatewayListener } from '../types';
import { parseKumaVersion } from '../version';
import type { ValidationContext } from './context';
import { validateMeshGateway } from './mesh-gateway';
import type { Violation } from './violations';

const ctx: ValidationContext = { version: parseKumaVersion('2.14.3') };

function gateway(overrides: Partial<MeshGateway> = {}): MeshGateway {
  return {
    type: 'MeshGateway',
    mesh: 'default',
    name: 'edge-gateway',
    selectors: [{ match: { 'kuma.io/service': 'edge-gateway' } }],
    conf: { listeners: [{ port: 8080, protocol: 'HTTP' }] },
    ...overrides,
  };
}

function withListeners(...listeners: MeshGatewayListener[]): MeshGateway {
  return gateway({ conf: { listeners } });
}

const cert = (secret: string) => ({ secret });
const terminate = { mode: 'TERMINATE' as const, certificates: [cert('foo-cert')] };
/** 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253 characters of valid DNS labels. */
const host253 = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;

type Case = [rule: string, description: string, gw: MeshGateway, expected: Violation[]];

const valid: Case[] = [
  ['G1', 'one selector', gateway(), []],
  ['G2', 'selector with a tag', gateway(), []],
  [
    'G3',
    'service tag may be "*"',
    gateway({ selectors: [{ match: { 'kuma.io/service': '*', env: 'prod' } }] }),
    [],
  ],
  [
    'G4',
    'crossMesh with one selector',
    withListeners({ port: 8080, protocol: 'HTTP', crossMesh: true }),
    [],
  ],
  [
    'G4',
    'two selectors without crossMesh',
    gateway({
      selectors: [{ match: { 'kuma.io/service': 'a' } }, { match: { 'kuma.io/service': 'b' } }],
    }),
    [],
  ],
  ['G5', 'non-empty tag names', gateway({ tags: { team: 'edge' } }), []],
  ['G6', 'tag names with . - _ : /', gateway({ tags: { 'a.b-c_d:e/f': 'x' } }), []],
  ['G7', 'non-empty tag values', gateway({ tags: { team: 'edge' } }), []],
  ['G8', 'selector values may hold "/" or be "*"', gateway({ tags: { a: 'x/y', b: '*' } }), []],
  [
    'G9',
    'unreserved gateway and listener tags',
    withListeners({ port: 8080, protocol: 'HTTP', tags: { listener: 'http' } }),
    [],
  ],
  ['G10', 'conf present', gateway(), []],
  ['G11', 'one listener', gateway(), []],
  ['G12', '253 characters', withListeners({ port: 80, protocol: 'HTTP', hostname: host253 }), []],
  [
    'G13',
    'wildcard domain',
    withListeners({ port: 80, protocol: 'HTTP', hostname: '*.example.com' }),
    [],
  ],
  [
    'G14',
    'exact domain',
    withListeners({ port: 80, protocol: 'HTTP', hostname: 'foo.example.com' }),
    [],
  ],
  ['G14', '"*"', withListeners({ port: 80, protocol: 'HTTP', hostname: '*' }), []],
  [
    'G14',
    'IP-looking hostname',
    withListeners({ port: 80, protocol: 'HTTP', hostname: '10.0.0.1' }),
    [],
  ],
  ['G15', 'port 1', withListeners({ port: 1, protocol: 'TCP' }), []],
  ['G15', 'port 65535', withListeners({ port: 65535, protocol: 'TCP' }), []],
  [
    'G16',
    'every protocol',
    withListeners(
      { port: 1, protocol: 'HTTP' },
      { port: 2, protocol: 'TCP' },
      { port: 3, protocol: 'TLS', tls: { mode: 'PASSTHROUGH' } },
      { port: 4, protocol: 'HTTPS', tls: terminate },
    ),
    [],
  ],
  ['G17', 'crossMesh on HTTP', withListeners({ port: 80, protocol: 'HTTP', crossMesh: true }), []],
  ['G18', 'HTTPS with tls', withListeners({ port: 443, protocol: 'HTTPS', tls: terminate }), []],
  [
    'G19',
    'PASSTHROUGH on a TLS listener',
    withListeners({ port: 443, protocol: 'TLS', tls: { mode: 'PASSTHROUGH' } }),
    [],
  ],
  ['G20', 'mode TERMINATE', withListeners({ port: 443, protocol: 'TLS', tls: terminate }), []],
  [
    'G21',
    'TERMINATE with one certificate',
    withListeners({ port: 443, protocol: 'HTTPS', tls: terminate }),
    [],
  ],
  [
    'G22',
    'TERMINATE with an RSA and an ECDSA certificate',
    withListeners({
      port: 443,
      protocol: 'HTTPS',
      tls: { mode: 'TERMINATE', certificates: [cert('rsa'), cert('ecdsa')] },
    }),
    [],
  ],
  [
    'G23',
    'crossMesh with an empty tls block',
    withListeners({ port: 80, protocol: 'HTTP', crossMesh: true, tls: {} }),
    [],
  ],
  [
    'G24',
    'same port, same protocol, different hostnames',
    withListeners(
      { port: 8080, protocol: 'HTTP', hostname: '*.example.com' },
      { port: 8080, protocol: 'HTTP', hostname: 'foo.example.com' },
    ),
    [],
  ],
  [
    'G25',
    'same hostname on different ports',
    withListeners(
      { port: 8080, protocol: 'HTTP', hostname: 'foo.example.com' },
      { port: 8081, protocol: 'HTTP', hostname: 'foo.example.com' },
    ),
    [],
  ],
  [
    'G26',
    'one shared connectionLimit on a port',
    withListeners(
      { port: 8080, protocol: 'HTTP', hostname: 'a.com', resources: { connectionLimit: 100 } },
      { port: 8080, protocol: 'HTTP', hostname: 'b.com', resources: { connectionLimit: 100 } },
      { port: 8080, protocol: 'HTTP', hostname: 'c.com' },
    ),
    [],
  ],
];

const invalid: Case[] = [
  [
    'G1',
    'no selectors',
    gateway({ selectors: [] }),
    [{ field: 'selectors', message: 'must have at least one element' }],
  ],
  [
    'G1',
    'selectors missing',
    gateway({ selectors: undefined }),
    [{ field: 'selectors', message: 'must have at least one element' }],
  ],
  [
    'G2',
    'empty match (also G3)',
    gateway({ selectors: [{ match: {} }] }),
    [
      { field: 'selectors[0].match', message: 'must have at least one tag' },
      { field: 'selectors[0].match', message: 'mandatory tag "kuma.io/service" is missing' },
    ],
  ],
  [
    'G3',
    'no service tag',
    gateway({ selectors: [{ match: { env: 'prod' } }] }),
    [{ field: 'selectors[0].match', message: 'mandatory tag "kuma.io/service" is missing' }],
  ],
  [
    'G4',
    'crossMesh with two selectors',
    {
      ...withListeners({ port: 8080, protocol: 'HTTP', crossMesh: true }),
      selectors: [
        { match: { 'kuma.io/service': 'gateway' } },
        { match: { 'kuma.io/service': 'other-gateway' } },
      ],
    },
    [{ field: 'selectors[1]', message: 'there can be at most one selector' }],
  ],
  [
    'G5',
    'empty tag name',
    gateway({ tags: { '': 'x' } }),
    [{ field: 'tags', message: 'tag name must be non-empty' }],
  ],
  [
    'G6',
    'tag name with a space',
    gateway({ tags: { 'bad key': 'x' } }),
    [
      {
        field: 'tags["bad key"]',
        message:
          'tag name must consist of alphanumeric characters, dots, dashes, slashes and underscores',
      },
    ],
  ],
  [
    'G7',
    'empty tag value',
    gateway({ tags: { team: '' } }),
    [{ field: 'tags["team"]', message: 'tag value must be non-empty' }],
  ],
  [
    'G8',
    'tag value with a space',
    gateway({ selectors: [{ match: { 'kuma.io/service': 'edge gateway' } }] }),
    [
      {
        field: 'selectors[0].match["kuma.io/service"]',
        message:
          'tag value must consist of alphanumeric characters, dots, dashes, slashes and underscores or be "*"',
      },
    ],
  ],
  [
    'G9',
    'kuma.io/service in gateway tags',
    gateway({ tags: { 'kuma.io/service': 'x' } }),
    [{ field: 'tags["kuma.io/service"]', message: 'tag name must not be "kuma.io/service"' }],
  ],
  [
    'G9',
    'kuma.io/zone and kuma.io/protocol in listener tags',
    withListeners({
      port: 8080,
      protocol: 'HTTP',
      tags: { 'kuma.io/zone': 'z', 'kuma.io/protocol': 'http' },
    }),
    [
      {
        field: 'conf.listeners[0].tags["kuma.io/protocol"]',
        message: 'tag name must not be "kuma.io/protocol"',
      },
      {
        field: 'conf.listeners[0].tags["kuma.io/zone"]',
        message: 'tag name must not be "kuma.io/zone"',
      },
    ],
  ],
  [
    'G9',
    'kuma.io/external-service-name in gateway tags',
    gateway({ tags: { 'kuma.io/external-service-name': 'x' } }),
    [
      {
        field: 'tags["kuma.io/external-service-name"]',
        message: 'tag name must not be "kuma.io/external-service-name"',
      },
    ],
  ],
  [
    'G10',
    'conf missing',
    gateway({ conf: undefined }),
    [{ field: 'conf', message: 'cannot be empty' }],
  ],
  [
    'G11',
    'no listeners',
    gateway({ conf: { listeners: [] } }),
    [{ field: 'conf.listeners', message: 'cannot be empty' }],
  ],
  [
    'G11',
    'listeners missing',
    gateway({ conf: {} }),
    [{ field: 'conf.listeners', message: 'cannot be empty' }],
  ],
  [
    'G12',
    '254 characters',
    withListeners({ port: 80, protocol: 'HTTP', hostname: `x${host253}` }),
    [{ field: 'conf.listeners[0].hostname', message: 'must be at most 253 characters' }],
  ],
  [
    'G13',
    'upper case after "*."',
    withListeners({ port: 80, protocol: 'HTTP', hostname: '*.Example.com' }),
    [{ field: 'conf.listeners[0].hostname', message: 'invalid wildcard domain' }],
  ],
  [
    'G13',
    'bare "*."',
    withListeners({ port: 80, protocol: 'HTTP', hostname: '*.' }),
    [{ field: 'conf.listeners[0].hostname', message: 'invalid wildcard domain' }],
  ],
  ...(['Foo.example.com', 'foo*.example.com', 'foo_bar.example.com', 'example.com.'] as const).map(
    (hostname): Case => [
      'G14',
      hostname,
      withListeners({ port: 80, protocol: 'HTTP', hostname }),
      [{ field: 'conf.listeners[0].hostname', message: 'invalid hostname' }],
    ],
  ),
  ...([0, 65536, undefined] as const).map(
    (port): Case => [
      'G15',
      `port ${port}`,
      withListeners({ port, protocol: 'TCP' }),
      [{ field: 'conf.listeners[0].port', message: 'port must be in the range [1, 65535]' }],
    ],
  ),
  ...(['NONE', undefined] as const).map(
    (protocol): Case => [
      'G16',
      `protocol ${protocol}`,
      withListeners({ port: 80, protocol }),
      [{ field: 'conf.listeners[0].protocol', message: 'cannot be empty' }],
    ],
  ),
  [
    'G17',
    'HTTPS with crossMesh',
    withListeners({ port: 99, protocol: 'HTTPS', hostname: 'foo.example.com', crossMesh: true }),
    [{ field: 'conf.listeners[0].protocol', message: 'protocol is not supported with crossMesh' }],
  ],
  [
    'G18',
    'HTTPS without tls',
    withListeners({ port: 443, protocol: 'HTTPS' }),
    [{ field: 'conf.listeners[0].tls', message: 'cannot be empty' }],
  ],
  [
    'G19',
    'HTTPS with PASSTHROUGH',
    withListeners({ port: 443, protocol: 'HTTPS', tls: { mode: 'PASSTHROUGH' } }),
    [{ field: 'conf.listeners[0].tls.mode', message: 'mode is not supported on HTTPS listeners' }],
  ],
  [
    'G20',
    'TLS with an empty tls block',
    withListeners({ port: 443, protocol: 'TLS', tls: {} }),
    [{ field: 'conf.listeners[0].tls.mode', message: 'cannot be empty' }],
  ],
  [
    'G20',
    'HTTPS with mode NONE',
    withListeners({
      port: 443,
      protocol: 'HTTPS',
      tls: { mode: 'NONE', certificates: [cert('c')] },
    }),
    [{ field: 'conf.listeners[0].tls.mode', message: 'cannot be empty' }],
  ],
  [
    'G21',
    'TERMINATE without certificates',
    withListeners({ port: 443, protocol: 'HTTPS', tls: { mode: 'TERMINATE' } }),
    [
      {
        field: 'conf.listeners[0].tls.certificates',
        message: 'cannot be empty in TLS termination mode',
      },
    ],
  ],
  [
    'G22',
    'TERMINATE with three certificates',
    withListeners({
      port: 443,
      protocol: 'HTTPS',
      tls: { mode: 'TERMINATE', certificates: [cert('a'), cert('b'), cert('c')] },
    }),
    [
      {
        field: 'conf.listeners[0].tls.certificates',
        message: 'cannot have more than 2 certificates',
      },
    ],
  ],
  [
    'G23',
    'crossMesh with TLS settings',
    withListeners({ port: 80, protocol: 'HTTP', crossMesh: true, tls: terminate }),
    [{ field: 'conf.listeners[0].tls', message: 'must be empty with crossMesh' }],
  ],
  [
    'G23',
    'crossMesh with only a certificate',
    withListeners({
      port: 80,
      protocol: 'HTTP',
      crossMesh: true,
      tls: { certificates: [cert('c')] },
    }),
    [{ field: 'conf.listeners[0].tls', message: 'must be empty with crossMesh' }],
  ],
  [
    'G24',
    'TCP and HTTP on one port',
    withListeners(
      { port: 443, protocol: 'TCP', hostname: 'www-1.example.com' },
      { port: 443, protocol: 'HTTP', hostname: 'www-2.example.com' },
      { port: 80, protocol: 'HTTP' },
    ),
    [
      {
        field: 'conf.listeners[0]',
        message: 'protocol conflicts with other listeners on this port',
      },
      {
        field: 'conf.listeners[1]',
        message: 'protocol conflicts with other listeners on this port',
      },
    ],
  ],
  [
    'G25',
    'two listeners without hostname on one port',
    withListeners({ port: 8080, protocol: 'HTTP' }, { port: 8080, protocol: 'HTTP' }),
    [
      { field: 'conf.listeners[0]', message: 'multiple listeners for hostname on this port' },
      { field: 'conf.listeners[1]', message: 'multiple listeners for hostname on this port' },
    ],
  ],
  [
    'G25',
    'empty hostname and "*" are the same',
    withListeners(
      { port: 8080, protocol: 'HTTP', hostname: 'a.com' },
      { port: 8080, protocol: 'HTTP', hostname: '*' },
      { port: 8080, protocol: 'HTTP' },
    ),
    [
      { field: 'conf.listeners[1]', message: 'multiple listeners for hostname on this port' },
      { field: 'conf.listeners[2]', message: 'multiple listeners for hostname on this port' },
    ],
  ],
  [
    'G26',
    'two connection limits on one port',
    withListeners(
      { port: 8080, protocol: 'HTTP', hostname: 'a.com', resources: { connectionLimit: 10 } },
      { port: 8080, protocol: 'HTTP', hostname: 'b.com' },
      { port: 8080, protocol: 'HTTP', hostname: 'c.com', resources: { connectionLimit: 20 } },
    ),
    [
      {
        field: 'conf.listeners[0].resources.connectionLimit',
        message: 'conflicting values for this port',
      },
      {
        field: 'conf.listeners[2].resources.connectionLimit',
        message: 'conflicting values for this port',
      },
    ],
  ],
];

describe('validateMeshGateway', () => {
  it.each(valid)('%s valid: %s', (_rule, _description, gw, expected) => {
    expect(validateMeshGateway(gw, ctx)).toEqual(expected);
  });

  it.each(invalid)('%s invalid: %s', (_rule, _description, gw, expected) => {
    expect(validateMeshGateway(gw, ctx)).toEqual(expected);
  });

  it('reports listener checks before the same-port conflicts, as Kuma does', () => {
    const gw = withListeners(
      { hostname: 'www-1.example.com', port: 443, protocol: 'TCP' },
      { hostname: 'www-2.example.com', port: 443, protocol: 'HTTPS', tls: { mode: 'TERMINATE' } },
    );
    expect(validateMeshGateway(gw, ctx)).toEqual([
      {
        field: 'conf.listeners[1].tls.certificates',
        message: 'cannot be empty in TLS termination mode',
      },
      {
        field: 'conf.listeners[0]',
        message: 'protocol conflicts with other listeners on this port',
      },
      {
        field: 'conf.listeners[1]',
        message: 'protocol conflicts with other listeners on this port',
      },
    ]);
  });

  it('orders selectors, tags, then conf', () => {
    const gw = gateway({
      selectors: [{ match: {} }],
      tags: { 'kuma.io/service': 'x' },
      conf: { listeners: [] },
    });
    expect(validateMeshGateway(gw, ctx).map((v) => v.field)).toEqual([
      'selectors[0].match',
      'selectors[0].match',
      'tags["kuma.io/service"]',
      'conf.listeners',
    ]);
  });

  it('accepts the documented Universal example', () => {
    const gw = withListeners(
      { port: 8080, protocol: 'HTTP', hostname: '*.example.com', tags: { listener: 'http-wild' } },
      { port: 8080, protocol: 'HTTP', hostname: 'foo.example.com', tags: { listener: 'http-foo' } },
      {
        port: 8443,
        protocol: 'HTTPS',
        hostname: 'foo.example.com',
        tls: terminate,
        tags: { listener: 'https-foo' },
        resources: { connectionLimit: 10000 },
      },
      { port: 6379, protocol: 'TCP', tags: { listener: 'tcp-redis' } },
    );
    expect(validateMeshGateway({ ...gw, tags: { team: 'edge' } }, ctx)).toEqual([]);
  });

  it('does not throw on malformed input', () => {
    const broken = {
      type: 'MeshGateway',
      selectors: [null, 'x', { match: 'y' }],
      tags: [1, 2],
      conf: { listeners: [null, 7, { port: 'abc', tls: 'x', tags: null }] },
    } as unknown as MeshGateway;
    expect(() => validateMeshGateway(broken, ctx)).not.toThrow();
    expect(() => validateMeshGateway(null as unknown as MeshGateway, ctx)).not.toThrow();
  });
});
