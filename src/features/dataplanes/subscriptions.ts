import { isConnectedSubscription } from '../../kuma/dataplane-status';
import type { DataplaneInsight, DiscoverySubscription } from '../../kuma/types';
import { formatCounter, formatTime } from './format';

export const XDS_TYPES = ['cds', 'eds', 'lds', 'rds'] as const;
export type XdsType = (typeof XDS_TYPES)[number];

export interface ResponseCounts {
  sent: string;
  acknowledged: string;
  rejected: string;
}

/** One xDS stream between the proxy and a control plane instance, ready to display. */
export interface SubscriptionRow {
  key: string;
  controlPlane: string;
  connected: boolean;
  connectTime?: string;
  disconnectTime?: string;
  lastUpdate?: string;
  total: ResponseCounts;
  byType: { type: XdsType; counts: ResponseCounts }[];
  kumaDp?: string;
  envoy?: string;
  generation?: number;
}

function counts(stats: unknown): ResponseCounts {
  const value = (typeof stats === 'object' && stats !== null ? stats : {}) as Record<
    string,
    unknown
  >;
  return {
    sent: formatCounter(value.responsesSent),
    acknowledged: formatCounter(value.responsesAcknowledged),
    rejected: formatCounter(value.responsesRejected),
  };
}

function millis(value: string | undefined): number {
  const parsed = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function subscriptionsOf(insight: DataplaneInsight | undefined): DiscoverySubscription[] {
  const list = insight?.subscriptions;
  return Array.isArray(list)
    ? list.filter((entry): entry is DiscoverySubscription => typeof entry === 'object' && !!entry)
    : [];
}

/**
 * The subscription that describes the proxy now: the connected one most recently updated, else
 * the one that connected last (the GUI's `connectedSubscription`, falling back to history).
 */
export function currentSubscription(
  insight: DataplaneInsight | undefined,
): DiscoverySubscription | undefined {
  const all = subscriptionsOf(insight);
  const connected = all
    .filter(isConnectedSubscription)
    .sort((a, b) => millis(b.status?.lastUpdateTime) - millis(a.status?.lastUpdateTime));
  if (connected[0]) return connected[0];
  return [...all].sort((a, b) => millis(b.connectTime) - millis(a.connectTime))[0];
}

/** kuma-dp and Envoy versions the proxy last reported. */
export function proxyVersions(insight: DataplaneInsight | undefined): {
  kumaDp?: string;
  envoy?: string;
} {
  const version = currentSubscription(insight)?.version;
  return { kumaDp: text(version?.kumaDp?.version), envoy: text(version?.envoy?.version) };
}

/** Every subscription, connected ones first, then the most recently connected. */
export function subscriptionRows(insight: DataplaneInsight | undefined): SubscriptionRow[] {
  return subscriptionsOf(insight)
    .map((subscription, index) => ({ subscription, index }))
    .sort(
      (a, b) =>
        Number(isConnectedSubscription(b.subscription)) -
          Number(isConnectedSubscription(a.subscription)) ||
        millis(b.subscription.connectTime) - millis(a.subscription.connectTime),
    )
    .map(({ subscription, index }) => ({
      key: text(subscription.id) ?? `subscription-${index}`,
      controlPlane: text(subscription.controlPlaneInstanceId) ?? 'unknown',
      connected: isConnectedSubscription(subscription),
      connectTime: formatTime(subscription.connectTime),
      disconnectTime: formatTime(subscription.disconnectTime),
      lastUpdate: formatTime(subscription.status?.lastUpdateTime),
      total: counts(subscription.status?.total),
      byType: XDS_TYPES.map((type) => ({ type, counts: counts(subscription.status?.[type]) })),
      kumaDp: text(subscription.version?.kumaDp?.version),
      envoy: text(subscription.version?.envoy?.version),
      generation: typeof subscription.generation === 'number' ? subscription.generation : undefined,
    }));
}
