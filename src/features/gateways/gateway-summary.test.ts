import { describe, expect, it } from 'vitest';
import type { GatewayList } from '../../kuma/queries/gateways';
import type { DataplaneInsight, DataSource, MeshGatewayListener } from '../../kuma/types';
import {
  builtinGatewayDp,
  CONNECTED,
  DISCONNECTED,
  delegatedGatewayDp,
  meshGateway,
} from '../../traffic/test-fixtures';
import {
  certificateSource,
  connectedSince,
  crossMeshAddress,
  filterGatewayRows,
  formatTimestamp,
  gatewayRows,
  instanceHealth,
  meshChoices,
  parseKind,
  REDACTED,
  redactInlineCertificates,
  summarizeListener,
  zonesOf,
} from './gateway-summary';

describe('summarizeListener', () => {
  it.each<[MeshGatewayListener, string]>([
    [{ port: 80, protocol: 'HTTP', hostname: '*' }, 'HTTP :80 *'],
    [{ port: 80, protocol: 'HTTP' }, 'HTTP :80 *'],
    [{ port: 443, protocol: 'HTTPS', hostname: 'shop.example.com' }, 'HTTPS :443 shop.example.com'],
    [
      { port: 8443, protocol: 'HTTPS', hostname: 'Shop.Example.COM.' },
      'HTTPS :8443 shop.example.com',
    ],
    [{ port: 6379, protocol: 'TCP' }, 'TCP :6379 *'],
    [{ protocol: 'NONE' }, '? :? *'],
    [{}, '? :? *'],
  ])('%j → %s', (listener, text) => {
    expect(summarizeListener(listener).text).toBe(text);
  });

  it('flags cross-mesh listeners', () => {
    expect(summarizeListener({ port: 9080, protocol: 'HTTP', crossMesh: true }).crossMesh).toBe(
      true,
    );
    expect(summarizeListener({ port: 80, protocol: 'HTTP' }).crossMesh).toBe(false);
  });
});

describe('crossMeshAddress', () => {
  const gateway = { name: 'edge-gateway', mesh: 'default' };
  it.each<[string | undefined, number | undefined, string]>([
    ['edge.mesh', 9080, 'edge.mesh:9080'],
    ['API.Team-A.mesh', 8080, 'api.team-a.mesh:8080'],
    [undefined, 8080, 'internal.edge-gateway.default.mesh:8080'],
    ['', 8080, 'internal.edge-gateway.default.mesh:8080'],
    ['*', 8080, 'internal.edge-gateway.default.mesh:8080'],
    ['*.example.com', 8080, 'internal.edge-gateway.default.mesh:8080'],
    ['edge.mesh', undefined, 'edge.mesh:?'],
  ])('hostname %j port %j → %s', (hostname, port, address) => {
    expect(crossMeshAddress(gateway, { hostname, port })).toBe(address);
  });
});

describe('certificateSource never repeats certificate contents', () => {
  it.each<[DataSource | undefined, string]>([
    [{ secret: 'shop-example-com-cert' }, 'secret shop-example-com-cert'],
    [{ file: '/etc/certs/shop.pem' }, 'file /etc/certs/shop.pem'],
    [{ inline: 'LS0tLS1CRUdJTi...' }, 'inline certificate (contents not shown)'],
    [{ inlineString: '-----BEGIN PRIVATE KEY-----' }, 'inline certificate (contents not shown)'],
    [{}, 'empty certificate source'],
    [undefined, 'empty certificate source'],
  ])('%j → %s', (source, text) => {
    expect(certificateSource(source)).toBe(text);
  });
});

describe('instanceHealth', () => {
  const on = (name: string) => builtinGatewayDp(name, { 'kuma.io/service': 'gw' });
  const off = (name: string) =>
    builtinGatewayDp(name, { 'kuma.io/service': 'gw' }, { online: false });
  it.each([
    ['no instance', [], { online: 0, total: 0, status: 'unknown' }],
    ['all online', [on('a'), on('b')], { online: 2, total: 2, status: 'online' }],
    ['all offline', [off('a')], { online: 0, total: 1, status: 'offline' }],
    ['some online', [on('a'), off('b')], { online: 1, total: 2, status: 'partially_degraded' }],
  ])('%s', (_label, dataplanes, expected) => {
    expect(instanceHealth(dataplanes)).toEqual(expected);
  });
});

describe('zonesOf', () => {
  it('lists the distinct kuma.io/zone gateway tags, sorted', () => {
    const dps = [
      builtinGatewayDp('a', { 'kuma.io/service': 'gw', 'kuma.io/zone': 'zone-west' }),
      builtinGatewayDp('b', { 'kuma.io/service': 'gw', 'kuma.io/zone': 'zone-east' }),
      builtinGatewayDp('c', { 'kuma.io/service': 'gw', 'kuma.io/zone': 'zone-east' }),
      builtinGatewayDp('d', { 'kuma.io/service': 'gw' }),
    ];
    expect(zonesOf(dps)).toEqual(['zone-east', 'zone-west']);
    expect(zonesOf([])).toEqual([]);
  });
});

describe('connectedSince', () => {
  it.each<[string, DataplaneInsight | undefined, string | undefined]>([
    ['connected', CONNECTED, '2025-01-01T00:00:00Z'],
    ['disconnected', DISCONNECTED, undefined],
    ['no insight', undefined, undefined],
    [
      'the newest live stream',
      {
        subscriptions: [
          { id: '1', controlPlaneInstanceId: 'cp', connectTime: '2025-01-01T00:00:00Z' },
          { id: '2', controlPlaneInstanceId: 'cp', connectTime: '2025-01-02T00:00:00Z' },
        ],
      },
      '2025-01-02T00:00:00Z',
    ],
  ])('%s', (_label, insight, expected) => {
    expect(connectedSince(insight)).toBe(expected);
  });

  it('formats timestamps in UTC', () => {
    expect(formatTimestamp('2025-01-02T03:04:05.678Z')).toBe('2025-01-02 03:04:05 UTC');
    expect(formatTimestamp('not a date')).toBe('not a date');
    expect(formatTimestamp(undefined)).toBe('');
  });
});

function sampleList(): GatewayList {
  const edge = meshGateway('edge-gateway', [
    { port: 80, protocol: 'HTTP', hostname: '*' },
    { port: 443, protocol: 'HTTPS', hostname: 'shop.example.com' },
    { port: 9080, protocol: 'HTTP', hostname: 'edge.mesh', crossMesh: true },
  ]);
  const legacy = meshGateway('legacy-gateway', [{ port: 8080, protocol: 'HTTP' }], {
    mesh: 'legacy',
  });
  const list: Omit<GatewayList, 'proxies'> = {
    builtin: [
      {
        gateway: edge,
        instances: [
          builtinGatewayDp('edge-gateway-1', {
            'kuma.io/service': 'edge-gateway',
            'kuma.io/zone': 'zone-east',
          }),
          builtinGatewayDp(
            'edge-gateway-2',
            { 'kuma.io/service': 'edge-gateway', 'kuma.io/zone': 'zone-west' },
            { online: false },
          ),
        ],
      },
      { gateway: legacy, instances: [] },
    ],
    delegated: [
      {
        mesh: 'payments',
        service: 'kong-payments',
        dataplanes: [
          delegatedGatewayDp('kong-payments-1', 'kong-payments', [], { mesh: 'payments' }),
        ],
      },
    ],
  };
  return {
    ...list,
    proxies: [
      ...list.builtin.flatMap((entry) => entry.instances),
      ...list.delegated.flatMap((entry) => entry.dataplanes),
    ],
  };
}

describe('gatewayRows', () => {
  it('joins both kinds into rows sorted by mesh and name', () => {
    const rows = gatewayRows(sampleList());
    expect(rows.map((row) => [row.mesh, row.name, row.kind])).toEqual([
      ['default', 'edge-gateway', 'builtin'],
      ['legacy', 'legacy-gateway', 'builtin'],
      ['payments', 'kong-payments', 'delegated'],
    ]);
    const [edge, legacy, kong] = rows;
    expect(edge?.href).toBe('/meshes/default/gateways/edge-gateway');
    expect(edge?.listeners.map((listener) => listener.text)).toEqual([
      'HTTP :80 *',
      'HTTPS :443 shop.example.com',
      'HTTP :9080 edge.mesh',
    ]);
    expect(edge?.health).toEqual({ online: 1, total: 2, status: 'partially_degraded' });
    expect(edge?.zones).toEqual(['zone-east', 'zone-west']);
    expect(legacy?.health.status).toBe('unknown');
    expect(kong?.href).toBe('/meshes/payments/delegated-gateways/kong-payments');
    expect(kong?.listeners).toEqual([]);
  });

  it('shows a gateway a global synced to this zone by its given name, links by its stored one', () => {
    const synced = {
      ...meshGateway('edge-gateway-x7d7z4729b7688d4', []),
      labels: { 'kuma.io/display-name': 'edge-gateway', 'kuma.io/origin': 'global' },
    };
    const list: GatewayList = {
      builtin: [{ gateway: synced, instances: [] }],
      delegated: [],
      proxies: [],
    };
    const [row] = gatewayRows(list);
    expect(row).toMatchObject({
      name: 'edge-gateway-x7d7z4729b7688d4',
      displayName: 'edge-gateway',
      href: '/meshes/default/gateways/edge-gateway-x7d7z4729b7688d4',
    });
    expect(filterGatewayRows([row!], { q: 'edge-gateway' })).toHaveLength(1);
  });

  it('encodes names in links', () => {
    const list: GatewayList = {
      builtin: [],
      delegated: [{ mesh: 'a/b', service: '<img src=x onerror=alert(1)>', dataplanes: [] }],
      proxies: [],
    };
    expect(gatewayRows(list)[0]?.href).toBe(
      '/meshes/a%2Fb/delegated-gateways/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    );
  });
});

describe('filterGatewayRows', () => {
  const rows = gatewayRows(sampleList());
  it.each([
    ['no filter', {}, ['edge-gateway', 'legacy-gateway', 'kong-payments']],
    ['mesh', { mesh: 'payments' }, ['kong-payments']],
    ['kind builtin', { kind: 'builtin' as const }, ['edge-gateway', 'legacy-gateway']],
    ['kind delegated', { kind: 'delegated' as const }, ['kong-payments']],
    ['mesh and kind', { mesh: 'default', kind: 'delegated' as const }, []],
    ['text on a name', { q: 'KONG' }, ['kong-payments']],
    ['text on a hostname', { q: 'shop.example' }, ['edge-gateway']],
    ['text on a zone', { q: 'zone-west' }, ['edge-gateway']],
    ['every word must match', { q: 'legacy 8080' }, ['legacy-gateway']],
    ['text matching nothing', { q: 'nothing-here' }, []],
    ['blank text', { q: '   ' }, ['edge-gateway', 'legacy-gateway', 'kong-payments']],
  ])('%s', (_label, filters, names) => {
    expect(filterGatewayRows(rows, filters).map((row) => row.name)).toEqual(names);
  });
});

describe('parseKind and meshChoices', () => {
  it.each([
    ['builtin', 'builtin'],
    ['delegated', 'delegated'],
    ['', undefined],
    ['BUILTIN', undefined],
    [null, undefined],
  ])('parseKind(%j) → %j', (value, kind) => {
    expect(parseKind(value)).toBe(kind);
  });

  it('offers known meshes, meshes with gateways and the selected one', () => {
    const rows = gatewayRows(sampleList());
    expect(meshChoices(['zeta', 'default'], rows, 'gone')).toEqual([
      'default',
      'gone',
      'legacy',
      'payments',
      'zeta',
    ]);
  });
});

describe('redactInlineCertificates', () => {
  const listeners = [
    {
      port: 443,
      protocol: 'HTTPS',
      tls: {
        mode: 'TERMINATE',
        certificates: [
          { secret: 'keep-me' },
          { inline: 'LS0tLS1CRUdJTi' },
          { inlineString: 'PEM' },
        ],
      },
    },
    { port: 80, protocol: 'HTTP' },
  ];

  type Listeners = typeof listeners;
  const universal = { type: 'MeshGateway', conf: { listeners } };
  const kubernetes = { kind: 'MeshGateway', spec: { conf: { listeners } } };

  it.each<[string, object, (value: never) => Listeners]>([
    ['Universal', universal, (value: typeof universal) => value.conf.listeners],
    ['Kubernetes', kubernetes, (value: typeof kubernetes) => value.spec.conf.listeners],
  ])('replaces inline data in the %s form and leaves the input alone', (_label, resource, pick) => {
    const { value, redacted } = redactInlineCertificates(resource);
    expect(redacted).toBe(2);
    expect(pick(value as never)[0]?.tls?.certificates).toEqual([
      { secret: 'keep-me' },
      { inline: REDACTED },
      { inlineString: REDACTED },
    ]);
    expect(pick(resource as never)[0]?.tls?.certificates[1]).toEqual({ inline: 'LS0tLS1CRUdJTi' });
  });

  it.each([null, undefined, 'text', {}, { conf: { listeners: 'nope' } }])(
    'copes with %j',
    (value) => {
      expect(redactInlineCertificates(value).redacted).toBe(0);
    },
  );
});
