import type { ZoneOverview } from '../../kuma/types';
import { formatTime } from '../dataplanes';

type ZoneSubscription = NonNullable<
  NonNullable<ZoneOverview['zoneInsight']>['subscriptions']
>[number];

export type ZoneStatus = 'online' | 'offline';

export interface ZoneRow {
  name: string;
  status: ZoneStatus;
  /** `zone.enabled: false`: the global control plane refuses the zone's connection. */
  enabled: boolean;
  /** No zone control plane has ever connected. */
  neverConnected: boolean;
  version?: string;
  environment?: string;
  /** When the live connection started (only while online). */
  connectedSince?: string;
  /** When the zone was last seen, for an offline zone. */
  disconnectedAt?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function millis(value: unknown): number {
  const parsed = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
}

function subscriptionsOf(overview: ZoneOverview): ZoneSubscription[] {
  const list = overview.zoneInsight?.subscriptions;
  return Array.isArray(list)
    ? list.filter((entry): entry is ZoneSubscription => typeof entry === 'object' && !!entry)
    : [];
}

/** Online while a subscription has a connect time and no disconnect time (Kuma's rule). */
export function isZoneSubscriptionConnected(subscription: ZoneSubscription): boolean {
  return Boolean(subscription.connectTime) && !subscription.disconnectTime;
}

/** The live subscription, else the one that connected last. */
export function currentZoneSubscription(overview: ZoneOverview): ZoneSubscription | undefined {
  const all = subscriptionsOf(overview);
  const byConnectTime = [...all].sort((a, b) => millis(b.connectTime) - millis(a.connectTime));
  return byConnectTime.find(isZoneSubscriptionConnected) ?? byConnectTime[0];
}

export function zoneStatus(overview: ZoneOverview): ZoneStatus {
  return subscriptionsOf(overview).some(isZoneSubscriptionConnected) ? 'online' : 'offline';
}

/**
 * The zone CP's environment from `subscriptions[].config`, the zone's `/config` as a JSON
 * string. Anything that is not such a string (absent, not JSON, not an object) gives undefined.
 */
export function zoneEnvironment(config: unknown): string | undefined {
  if (typeof config !== 'string' || config.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(config);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  return text((parsed as Record<string, unknown>).environment);
}

export function zoneRow(overview: ZoneOverview): ZoneRow {
  const current = currentZoneSubscription(overview);
  const status = zoneStatus(overview);
  const environment =
    zoneEnvironment(current?.config) ??
    subscriptionsOf(overview)
      .map((subscription) => zoneEnvironment(subscription.config))
      .find(Boolean);
  return {
    name: overview.name,
    status,
    enabled: overview.zone?.enabled !== false,
    neverConnected: current === undefined,
    version: text(current?.version?.kumaCp?.version),
    environment,
    connectedSince: status === 'online' ? formatTime(current?.connectTime) : undefined,
    disconnectedAt: status === 'offline' ? formatTime(current?.disconnectTime) : undefined,
  };
}

/** Zones by name. */
export function zoneRows(overviews: readonly ZoneOverview[]): ZoneRow[] {
  return overviews.map(zoneRow).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
