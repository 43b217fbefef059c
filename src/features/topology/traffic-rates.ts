import {
  type ClusterTraffic,
  clusterTraffic,
  parseEnvoyStatsText,
  trafficRate,
} from '../../kuma/envoy-stats';
import { trafficKey } from '../../topology/build-topology';
import type { EdgeTraffic } from '../../topology/types';

export interface StatsSample {
  at: number;
  clusters: ClusterTraffic[];
}

export function sampleOf(text: string, at: number): StatsSample {
  return {
    at,
    clusters: clusterTraffic(parseEnvoyStatsText(text)).filter(
      (cluster) => cluster.direction === 'outbound',
    ),
  };
}

/**
 * Request rates per `gateway node -> service` from two samples of each gateway proxy's Envoy
 * counters (they are cumulative); a proxy's instances add up.
 */
export function gatewayRates(
  samples: readonly { gatewayNodeId: string; previous?: StatsSample; current?: StatsSample }[],
): Map<string, EdgeTraffic> {
  const rates = new Map<string, EdgeTraffic>();
  for (const { gatewayNodeId, previous, current } of samples) {
    if (!previous || !current || current.at <= previous.at) continue;
    const elapsed = (current.at - previous.at) / 1000;
    for (const cluster of current.clusters) {
      const before = previous.clusters.find((candidate) => candidate.cluster === cluster.cluster);
      if (!before) continue;
      const rate = trafficRate(before, cluster, elapsed);
      if (!rate) continue;
      const key = trafficKey(gatewayNodeId, cluster.cluster);
      const existing = rates.get(key);
      if (!existing) {
        rates.set(key, rate);
        continue;
      }
      const requestsPerSecond = existing.requestsPerSecond + rate.requestsPerSecond;
      const errors =
        existing.requestsPerSecond * existing.errorShare + rate.requestsPerSecond * rate.errorShare;
      rates.set(key, {
        requestsPerSecond,
        errorShare: requestsPerSecond > 0 ? errors / requestsPerSecond : 0,
      });
    }
  }
  return rates;
}
