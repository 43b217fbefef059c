import { describe, expect, it } from 'vitest';
import type { DataplaneInsight, DiscoverySubscription } from '../../kuma/types';
import { currentSubscription, proxyVersions, subscriptionRows } from './subscriptions';

function subscription(overrides: Partial<DiscoverySubscription>): DiscoverySubscription {
  return { id: 'sub', controlPlaneInstanceId: 'cp-1', ...overrides };
}

const old = subscription({
  id: 'old',
  controlPlaneInstanceId: 'cp-old',
  connectTime: '2026-10-01T00:00:00Z',
  disconnectTime: '2026-10-02T00:00:00Z',
  version: { kumaDp: { version: '2.13.0' }, envoy: { version: '1.33.0' } },
});
const live = subscription({
  id: 'live',
  connectTime: '2026-10-02T00:00:05Z',
  status: {
    lastUpdateTime: '2026-10-02T00:01:00Z',
    total: { responsesSent: '12', responsesAcknowledged: '11', responsesRejected: '1' },
    cds: { responsesSent: '3', responsesAcknowledged: '3' },
  },
  version: { kumaDp: { version: '2.14.3' }, envoy: { version: '1.34.1' } },
  generation: 4,
});

describe('currentSubscription', () => {
  it.each<[string, DataplaneInsight | undefined, string | undefined]>([
    ['no insight', undefined, undefined],
    ['no subscriptions', {}, undefined],
    ['the connected one over history', { subscriptions: [old, live] }, 'live'],
    ['whatever the order', { subscriptions: [live, old] }, 'live'],
    ['the last connected when all are closed', { subscriptions: [old] }, 'old'],
    [
      'the latest of closed ones',
      {
        subscriptions: [old, { ...old, id: 'newer', connectTime: '2026-10-05T00:00:00Z' }],
      },
      'newer',
    ],
    [
      'the most recently updated of two connected',
      {
        subscriptions: [
          live,
          { ...live, id: 'fresher', status: { lastUpdateTime: '2026-10-03T00:00:00Z' } },
        ],
      },
      'fresher',
    ],
  ])('%s', (_label, insight, expected) => {
    expect(currentSubscription(insight)?.id).toBe(expected);
  });
});

describe('proxyVersions', () => {
  it('reads the current subscription', () => {
    expect(proxyVersions({ subscriptions: [old, live] })).toEqual({
      kumaDp: '2.14.3',
      envoy: '1.34.1',
    });
  });

  it('is empty without subscriptions', () => {
    expect(proxyVersions(undefined)).toEqual({ kumaDp: undefined, envoy: undefined });
  });
});

describe('subscriptionRows', () => {
  it('puts connected streams first and formats string counters', () => {
    const rows = subscriptionRows({ subscriptions: [old, live] });
    expect(rows.map((row) => [row.key, row.connected])).toEqual([
      ['live', true],
      ['old', false],
    ]);
    expect(rows[0]).toMatchObject({
      controlPlane: 'cp-1',
      connectTime: '2026-10-02 00:00:05 UTC',
      disconnectTime: undefined,
      total: { sent: '12', acknowledged: '11', rejected: '1' },
      kumaDp: '2.14.3',
      envoy: '1.34.1',
      generation: 4,
    });
    expect(rows[0]?.byType[0]).toEqual({
      type: 'cds',
      counts: { sent: '3', acknowledged: '3', rejected: '0' },
    });
    expect(rows[1]).toMatchObject({
      disconnectTime: '2026-10-02 00:00:00 UTC',
      total: { sent: '0', acknowledged: '0', rejected: '0' },
    });
  });

  it('survives junk in the insight', () => {
    const insight = {
      subscriptions: [null, { connectTime: 'soon', status: { total: 'x' } }],
    } as unknown as DataplaneInsight;
    expect(subscriptionRows(insight)).toEqual([
      expect.objectContaining({
        key: 'subscription-0',
        controlPlane: 'unknown',
        connected: true,
        connectTime: undefined,
      }),
    ]);
  });
});
