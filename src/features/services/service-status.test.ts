import { describe, expect, it } from 'vitest';
import type { ServiceInsight } from '../../kuma/types';
import type { ServiceDataplane } from './service-identity';
import { serviceStatus } from './service-status';

const dp = (status: ServiceDataplane['status']): ServiceDataplane => ({
  name: status,
  displayName: status,
  kind: 'standard',
  status,
  inbounds: [],
});
const insight = (status: ServiceInsight['status']): ServiceInsight => ({
  type: 'ServiceInsight',
  mesh: 'default',
  name: 'web',
  creationTime: '',
  modificationTime: '',
  status,
  dataplanes: {},
});

describe('serviceStatus', () => {
  it.each<[string, ServiceInsight | undefined, ServiceDataplane[], string]>([
    ['the insight wins over the proxies', insight('offline'), [dp('online')], 'offline'],
    ['not_available reads as offline', insight('not_available'), [], 'offline'],
    ['degraded insight', insight('partially_degraded'), [], 'partially_degraded'],
    ['no insight, no proxy', undefined, [], 'unknown'],
    ['every proxy online', undefined, [dp('online'), dp('online')], 'online'],
    ['every proxy offline', undefined, [dp('offline'), dp('offline')], 'offline'],
    ['some online', undefined, [dp('online'), dp('offline')], 'partially_degraded'],
    ['a degraded proxy', undefined, [dp('online'), dp('partially_degraded')], 'partially_degraded'],
  ])('%s', (_label, serviceInsight, dataplanes, expected) => {
    expect(
      serviceStatus({
        identity: {
          mesh: 'default',
          name: 'web',
          names: ['web'],
          ...(serviceInsight ? { insight: serviceInsight } : {}),
        },
        dataplanes,
      }),
    ).toBe(expected);
  });
});
