import type { DataplaneStatus } from '../../kuma/dataplane-status';
import type { ServiceModel } from './service-model';

/**
 * The service's health in one word, as kuma-cp's ServiceInsight says it where there is one (the
 * GUI shows the same), else from its proxies: online when all are, offline when none is.
 */
export function serviceStatus(
  model: Pick<ServiceModel, 'identity' | 'dataplanes'>,
): DataplaneStatus | 'unknown' {
  const insight = model.identity.insight?.status;
  if (insight === 'online' || insight === 'offline' || insight === 'partially_degraded')
    return insight;
  if (insight === 'not_available') return 'offline';
  const { dataplanes } = model;
  if (dataplanes.length === 0) return 'unknown';
  const online = dataplanes.filter((dataplane) => dataplane.status === 'online').length;
  if (online === dataplanes.length) return 'online';
  if (dataplanes.every((dataplane) => dataplane.status === 'offline')) return 'offline';
  return 'partially_degraded';
}
