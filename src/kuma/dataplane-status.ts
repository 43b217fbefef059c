import type {
  DataplaneInsight,
  DataplaneNetworking,
  DiscoverySubscription,
  GatewayType,
  Tags,
} from './types';

export type DataplaneStatus = 'online' | 'offline' | 'partially_degraded';
export type DataplaneKind = 'standard' | 'builtin' | 'delegated';

/** A subscription is live while it has a connect time and no disconnect time. */
export function isConnectedSubscription(subscription: DiscoverySubscription): boolean {
  return Boolean(subscription.connectTime) && !subscription.disconnectTime;
}

/** Connected to the control plane: some xDS stream is open (kuma `IsOnline`). */
export function isConnected(insight: DataplaneInsight | undefined): boolean {
  return (insight?.subscriptions ?? []).some(isConnectedSubscription);
}

export function gatewayType(networking: DataplaneNetworking): GatewayType | undefined {
  if (!networking.gateway) return undefined;
  // protojson drops the enum's zero value, so a delegated gateway arrives without `type`.
  return networking.gateway.type === 'BUILTIN' ? 'BUILTIN' : 'DELEGATED';
}

export function dataplaneKind(networking: DataplaneNetworking): DataplaneKind {
  const type = gatewayType(networking);
  if (type === 'BUILTIN') return 'builtin';
  if (type === 'DELEGATED') return 'delegated';
  return 'standard';
}

function isInboundReady(inbound: NonNullable<DataplaneNetworking['inbound']>[number]): boolean {
  if (inbound.state === 'NotReady') return false;
  if (inbound.health && inbound.health.ready === false) return false;
  return true;
}

/**
 * Status as kumactl and the GUI show it: a gateway is online while connected; a sidecar is
 * online when connected and every inbound is ready, partially degraded when only some are.
 */
export function dataplaneStatus(
  networking: DataplaneNetworking,
  insight: DataplaneInsight | undefined,
): DataplaneStatus {
  if (!isConnected(insight)) return 'offline';
  if (networking.gateway) return 'online';
  const inbounds = (networking.inbound ?? []).filter((inbound) => inbound.state !== 'Ignored');
  const ready = inbounds.filter(isInboundReady).length;
  if (inbounds.length === 0 || ready === 0) return 'offline';
  return ready === inbounds.length ? 'online' : 'partially_degraded';
}

/** The tags a proxy presents: its gateway tags, or the union of its inbound tags. */
export function dataplaneTags(networking: DataplaneNetworking): Tags[] {
  if (networking.gateway) return [networking.gateway.tags ?? {}];
  return (networking.inbound ?? []).map((inbound) => inbound.tags ?? {});
}

/** The `kuma.io/service` values a proxy serves (several when inbounds differ). */
export function dataplaneServices(networking: DataplaneNetworking): string[] {
  const services = new Set<string>();
  for (const tags of dataplaneTags(networking)) {
    const service = tags['kuma.io/service'];
    if (service) services.add(service);
  }
  return [...services];
}
