/**
 * Requests each gateway sends to the service, as the topology measures them: two samples of each
 * gateway proxy's Envoy counters (`gatewayRates`), the outbound cluster named after the service.
 */
import { trafficKey } from '../../topology/build-topology';
import type { EdgeTraffic } from '../../topology/types';
import type { ServiceIdentity } from './service-identity';
import type { GatewaySummary } from './service-model';

/** At most this many gateway proxies are sampled for one service page. */
export const MAX_SAMPLED_PROXIES = 8;

/** The key `gatewayRates` groups a gateway's proxies under. */
export function gatewayRateKey(gateway: Pick<GatewaySummary, 'kind' | 'name'>): string {
  return `${gateway.kind}:${gateway.name}`;
}

export interface GatewayTraffic {
  gateway: Pick<GatewaySummary, 'kind' | 'name' | 'displayName'>;
  /** Undefined until two samples exist, or when no request went to the service in between. */
  traffic?: EdgeTraffic;
}

/** Per gateway in front of the service, its measured rate to it (every name it goes by). */
export function serviceTraffic(
  rates: ReadonlyMap<string, EdgeTraffic>,
  gateways: readonly GatewaySummary[],
  identity: Pick<ServiceIdentity, 'names'>,
): GatewayTraffic[] {
  return gateways.map((gateway) => {
    const parts = identity.names
      .map((name) => rates.get(trafficKey(gatewayRateKey(gateway), name)))
      .filter((rate): rate is EdgeTraffic => rate !== undefined);
    const base = { kind: gateway.kind, name: gateway.name, displayName: gateway.displayName };
    if (parts.length === 0) return { gateway: base };
    const requestsPerSecond = parts.reduce((sum, part) => sum + part.requestsPerSecond, 0);
    const errors = parts.reduce((sum, part) => sum + part.requestsPerSecond * part.errorShare, 0);
    return {
      gateway: base,
      traffic: {
        requestsPerSecond,
        errorShare: requestsPerSecond > 0 ? errors / requestsPerSecond : 0,
      },
    };
  });
}
