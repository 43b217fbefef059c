import { describe, expect, it } from 'vitest';
import type { ZoneOverview } from '../../kuma/types';
import { zoneEnvironment, zoneRow, zoneRows, zoneStatus } from './zone-rows';

type Subscription = NonNullable<NonNullable<ZoneOverview['zoneInsight']>['subscriptions']>[number];

function zone(
  name: string,
  subscriptions: Partial<Subscription>[] | undefined,
  enabled?: boolean,
): ZoneOverview {
  return {
    type: 'ZoneOverview',
    name,
    zone: enabled === undefined ? {} : { enabled },
    zoneInsight:
      subscriptions === undefined
        ? {}
        : {
            subscriptions: subscriptions.map((entry, index) => ({
              id: `s${index}`,
              globalInstanceId: 'global',
              ...entry,
            })),
          },
  };
}

const config = (environment: unknown) => JSON.stringify({ environment, mode: 'zone' });

describe('zoneEnvironment', () => {
  it.each([
    [config('kubernetes'), 'kubernetes'],
    [config('universal'), 'universal'],
    [config(42), undefined],
    ['{"mode":"zone"}', undefined],
    ['not json', undefined],
    ['[1,2]', undefined],
    ['null', undefined],
    ['"kubernetes"', undefined],
    ['', undefined],
    [undefined, undefined],
    [{ environment: 'kubernetes' }, undefined],
  ])('%j → %s', (input, expected) => {
    expect(zoneEnvironment(input)).toBe(expected);
  });
});

describe('zoneStatus', () => {
  it.each<[string, ZoneOverview, string]>([
    ['never connected', zone('a', undefined), 'offline'],
    ['no subscriptions', zone('a', []), 'offline'],
    ['connected', zone('a', [{ connectTime: '2026-11-01T00:00:00Z' }]), 'online'],
    [
      'disconnected',
      zone('a', [{ connectTime: '2026-11-01T00:00:00Z', disconnectTime: '2026-11-01T01:00:00Z' }]),
      'offline',
    ],
    [
      'a live stream beside an old one',
      zone('a', [
        { connectTime: '2026-10-01T00:00:00Z', disconnectTime: '2026-10-02T00:00:00Z' },
        { connectTime: '2026-10-02T00:00:01Z' },
      ]),
      'online',
    ],
    ['no connect time', zone('a', [{}]), 'offline'],
  ])('%s', (_label, input, expected) => {
    expect(zoneStatus(input)).toBe(expected);
  });
});

describe('zoneRow', () => {
  it('reads version, environment and connection time from the live subscription', () => {
    const row = zoneRow(
      zone('east', [
        {
          connectTime: '2026-10-01T00:00:00Z',
          disconnectTime: '2026-10-02T00:00:00Z',
          config: config('universal'),
          version: { kumaCp: { version: '2.13.0' } },
        },
        {
          connectTime: '2026-10-02T00:00:01Z',
          config: config('kubernetes'),
          version: { kumaCp: { version: '2.14.3' } },
        },
      ]),
    );
    expect(row).toEqual({
      name: 'east',
      status: 'online',
      enabled: true,
      neverConnected: false,
      version: '2.14.3',
      environment: 'kubernetes',
      connectedSince: '2026-10-02 00:00:01 UTC',
      disconnectedAt: undefined,
    });
  });

  it('describes an offline zone by its last stream', () => {
    expect(
      zoneRow(
        zone(
          'west',
          [
            {
              connectTime: '2026-10-01T00:00:00Z',
              disconnectTime: '2026-10-02T00:00:00Z',
              config: 'broken {',
            },
          ],
          false,
        ),
      ),
    ).toMatchObject({
      status: 'offline',
      enabled: false,
      environment: undefined,
      connectedSince: undefined,
      disconnectedAt: '2026-10-02 00:00:00 UTC',
    });
  });

  it('falls back to another subscription for the environment', () => {
    expect(
      zoneRow(
        zone('x', [
          { connectTime: '2026-10-01T00:00:00Z', config: config('universal') },
          { connectTime: '2026-10-03T00:00:00Z', disconnectTime: '2026-10-04T00:00:00Z' },
        ]),
      ).environment,
    ).toBe('universal');
  });

  it('marks a zone that never connected', () => {
    expect(zoneRow(zone('new', undefined))).toMatchObject({
      neverConnected: true,
      status: 'offline',
      version: undefined,
    });
  });

  it('sorts zones by name', () => {
    expect(zoneRows([zone('b', []), zone('a', [])]).map((row) => row.name)).toEqual(['a', 'b']);
  });
});
