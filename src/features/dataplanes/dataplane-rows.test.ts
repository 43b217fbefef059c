import { describe, expect, it } from 'vitest';
import type { DataplaneNetworking, DataplaneOverview } from '../../kuma/types';
import {
  certificateLabel,
  certificateState,
  dataplaneRow,
  filterByStatus,
  zoneOf,
} from './dataplane-rows';

const CONNECTED = {
  subscriptions: [
    {
      id: 's',
      controlPlaneInstanceId: 'cp',
      connectTime: '2026-11-01T00:00:00Z',
      version: { kumaDp: { version: '2.14.3' } },
    },
  ],
};

function overview(
  name: string,
  networking: DataplaneNetworking,
  extra: Partial<DataplaneOverview> = {},
): DataplaneOverview {
  return {
    type: 'DataplaneOverview',
    mesh: 'default',
    name,
    dataplane: { networking },
    dataplaneInsight: CONNECTED,
    ...extra,
  };
}

describe('dataplaneRow', () => {
  it.each<[string, DataplaneOverview, Partial<ReturnType<typeof dataplaneRow>>]>([
    [
      'a sidecar',
      overview('web-1', {
        address: '10.0.0.1',
        inbound: [
          { port: 1, tags: { 'kuma.io/service': 'web', 'kuma.io/zone': 'east' } },
          { port: 2, tags: { 'kuma.io/service': 'web-admin' } },
        ],
      }),
      {
        key: 'default/web-1',
        kind: 'standard',
        services: ['web', 'web-admin'],
        address: '10.0.0.1',
        status: 'online',
        zone: 'east',
        kumaDpVersion: '2.14.3',
      },
    ],
    [
      'a built-in gateway',
      overview('edge-1', {
        address: '10.0.0.2',
        gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': 'edge' } },
      }),
      { kind: 'builtin', services: ['edge'], status: 'online' },
    ],
    [
      'a delegated gateway: no type on the wire',
      overview('kong-1', { gateway: { tags: { 'kuma.io/service': 'kong' } } }),
      { kind: 'delegated', services: ['kong'], address: undefined },
    ],
    [
      'the advertised address over the private one',
      overview('nat-1', { address: '10.0.0.3', advertisedAddress: '203.0.113.7', inbound: [] }),
      { address: '203.0.113.7', status: 'offline' },
    ],
    [
      'a proxy that never connected',
      overview(
        'new-1',
        { inbound: [{ port: 1, tags: { 'kuma.io/service': 'new' } }] },
        { dataplaneInsight: undefined },
      ),
      { status: 'offline', kumaDpVersion: undefined, certificateExpiry: undefined },
    ],
    [
      'a degraded sidecar with mTLS',
      overview(
        'half-1',
        {
          inbound: [
            { port: 1, tags: { 'kuma.io/service': 'half' }, health: { ready: true } },
            { port: 2, tags: { 'kuma.io/service': 'half' }, health: { ready: false } },
          ],
        },
        {
          dataplaneInsight: {
            ...CONNECTED,
            mTLS: { certificateExpirationTime: '2026-11-02T00:00:00Z', issuedBackend: 'ca-1' },
          },
        },
      ),
      {
        status: 'partially_degraded',
        services: ['half'],
        certificateExpiry: '2026-11-02T00:00:00Z',
        mtlsBackend: 'ca-1',
      },
    ],
    [
      'a resource with no networking at all',
      { ...overview('bare', {}), dataplane: {} as DataplaneOverview['dataplane'] },
      { kind: 'standard', services: [], status: 'offline' },
    ],
  ])('%s', (_label, input, expected) => {
    expect(dataplaneRow(input)).toMatchObject(expected);
  });

  it.each<[string, Partial<DataplaneOverview>, { name: string; displayName: string }]>([
    ['no labels', {}, { name: 'web-1', displayName: 'web-1' }],
    [
      'synced from its zone to the global control plane',
      {
        name: 'web-1-66xx8vw7fxxw7bb8',
        labels: { 'kuma.io/display-name': 'web-1', 'kuma.io/zone': 'east' },
      },
      { name: 'web-1-66xx8vw7fxxw7bb8', displayName: 'web-1' },
    ],
  ])('names: %s', (_label, extra, expected) => {
    expect(dataplaneRow(overview('web-1', {}, extra))).toMatchObject({
      ...expected,
      // Links go to the stored name.
      key: `default/${expected.name}`,
    });
  });

  it('keeps hostile names as plain data', () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(dataplaneRow(overview(name, {})).name).toBe(name);
  });
});

describe('zoneOf', () => {
  it.each<[string, DataplaneOverview, string | undefined]>([
    ['no zone', overview('a', { inbound: [{ port: 1, tags: {} }] }), undefined],
    ['a gateway tag', overview('b', { gateway: { tags: { 'kuma.io/zone': 'west' } } }), 'west'],
    [
      'the label newer versions set',
      overview('c', {}, { labels: { 'kuma.io/zone': 'north' } }),
      'north',
    ],
  ])('%s', (_label, input, expected) => {
    expect(zoneOf(input)).toBe(expected);
  });
});

describe('filterByStatus', () => {
  const rows = [
    { name: 'a', status: 'online' as const },
    { name: 'b', status: 'offline' as const },
    { name: 'c', status: 'partially_degraded' as const },
    { name: 'd', status: 'online' as const },
  ];
  it.each([
    [undefined, ['a', 'b', 'c', 'd']],
    ['online', ['a', 'd']],
    ['offline', ['b']],
    ['partially_degraded', ['c']],
  ] as const)('status %s', (status, expected) => {
    expect(filterByStatus(rows, status).map((row) => row.name)).toEqual(expected);
  });

  it('returns a copy, never the input', () => {
    expect(filterByStatus(rows, undefined)).not.toBe(rows);
  });
});

describe('certificates', () => {
  const now = Date.parse('2026-11-01T12:00:00Z');
  it.each([
    [undefined, 'none'],
    ['garbage', 'none'],
    ['2026-11-02T00:00:00Z', 'valid'],
    ['2026-11-01T12:00:00Z', 'expired'],
    ['2026-10-01T00:00:00Z', 'expired'],
  ] as const)('%s is %s', (expiry, expected) => {
    expect(certificateState(expiry, now)).toBe(expected);
  });

  it('labels the expiry for display', () => {
    expect(certificateLabel(undefined, now)).toEqual({ state: 'none', text: 'none issued' });
    expect(certificateLabel('2026-11-02T00:00:00Z', now)).toEqual({
      state: 'valid',
      text: '2026-11-02 00:00:00 UTC',
    });
  });
});
