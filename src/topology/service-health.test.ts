import { describe, expect, it } from 'vitest';
import type { MeshService, ServiceInsight } from '../kuma/types';
import {
  countsFromMeshServices,
  countsFromServiceInsights,
  countsSourceOf,
  type ServiceCounts,
  sidecarOnline,
  structureSignature,
  withServiceHealth,
} from './service-health';
import type { DataplaneRef, ServiceNode, SidecarNode, TopologyGraph } from './types';

function insight(
  name: string,
  dataplanes: ServiceInsight['dataplanes'],
  extra: Partial<ServiceInsight> = {},
): ServiceInsight {
  return {
    type: 'ServiceInsight',
    mesh: 'm',
    name,
    creationTime: '',
    modificationTime: '',
    status: 'online',
    dataplanes,
    ...extra,
  };
}

function meshService(
  name: string,
  proxies: { connected?: number; healthy?: number; total?: number } | undefined,
  tag?: string,
): MeshService {
  return {
    type: 'MeshService',
    mesh: 'm',
    name,
    spec: tag ? { selector: { dataplaneTags: { 'kuma.io/service': tag } } } : {},
    ...(proxies ? { status: { dataplaneProxies: proxies } } : {}),
  };
}

const counts = (
  total: number,
  online: number,
  offline: number,
  health: ServiceCounts['health'],
): ServiceCounts => ({ total, online, offline, health });

describe('countsSourceOf', () => {
  it.each([
    [{ serviceInsights: true }, undefined, 'service-insights'],
    [{ serviceInsights: true }, { mode: 'Everywhere' as const }, 'service-insights'],
    [{ serviceInsights: true }, { mode: 'Exclusive' as const }, 'mesh-services'],
    [{ serviceInsights: false }, undefined, 'mesh-services'],
  ])('caps %o, meshServices %o → %s', (caps, meshServices, expected) => {
    expect(countsSourceOf(meshServices ? { meshServices } : {}, caps)).toBe(expected);
  });
});

describe('countsFromServiceInsights', () => {
  it.each([
    ['all online', insight('a', { total: 3, online: 3 }), counts(3, 3, 0, 'online')],
    [
      'Kuma says partially degraded',
      insight('a', { total: 3, online: 2, offline: 1 }, { status: 'partially_degraded' }),
      counts(3, 2, 1, 'degraded'),
    ],
    [
      'all offline',
      insight('a', { total: 2, offline: 2 }, { status: 'offline' }),
      counts(2, 0, 2, 'offline'),
    ],
    ['not available', insight('a', {}, { status: 'not_available' }), counts(0, 0, 0, 'unknown')],
  ])('%s', (_, entry, expected) => {
    expect(countsFromServiceInsights([entry]).get('a')).toEqual(expected);
  });

  it('leaves gateway services out (their proxies come with the gateway list)', () => {
    const result = countsFromServiceInsights([
      insight('gw', { total: 2, online: 2 }, { serviceType: 'gateway_builtin' }),
      insight('kong', { total: 2, online: 2 }, { serviceType: 'gateway_delegated' }),
      insight('web', { total: 1, online: 1 }, { serviceType: 'internal' }),
    ]);
    expect([...result.keys()]).toEqual(['web']);
  });
});

describe('countsFromMeshServices', () => {
  it.each([
    ['all healthy', { connected: 3, healthy: 3, total: 3 }, counts(3, 3, 0, 'online')],
    ['one not healthy', { connected: 3, healthy: 2, total: 3 }, counts(3, 2, 0, 'degraded')],
    ['none connected', { connected: 0, healthy: 0, total: 2 }, counts(2, 0, 2, 'offline')],
    ['no proxies', { total: 0 }, counts(0, 0, 0, 'unknown')],
  ])('%s', (_, proxies, expected) => {
    expect(countsFromMeshServices([meshService('a', proxies)]).get('a')).toEqual(expected);
  });

  it('keys a MeshService by the kuma.io/service it selects, else by its name', () => {
    const result = countsFromMeshServices([
      meshService('redis', { total: 1, healthy: 1, connected: 1 }, 'redis_kuma-demo_svc_6379'),
      meshService('web', { total: 1, healthy: 1, connected: 1 }),
      meshService('no-status', undefined),
    ]);
    expect([...result.keys()]).toEqual(['redis_kuma-demo_svc_6379', 'web']);
  });
});

describe('structureSignature', () => {
  const base = new Map([
    ['a', counts(2, 2, 0, 'online')],
    ['b', counts(1, 1, 0, 'online')],
  ]);
  it.each([
    ['a status change', new Map([...base, ['a', counts(2, 0, 2, 'offline')]]), false],
    ['the same services listed in another order', new Map([...base].reverse()), false],
    ['a dataplane added to a service', new Map([...base, ['a', counts(3, 3, 0, 'online')]]), true],
    ['a new service', new Map([...base, ['c', counts(1, 1, 0, 'online')]]), true],
    ['a service gone', new Map([...base].slice(0, 1)), true],
    [
      'a dataplane moved to another service',
      new Map([...base, ['a', counts(1, 1, 0, 'online')], ['b', counts(2, 2, 0, 'online')]]),
      true,
    ],
  ] as const)('%s: changed %s', (_, next, changed) => {
    expect(structureSignature(next) !== structureSignature(base)).toBe(changed);
  });
});

function ref(name: string, status: DataplaneRef['status']): DataplaneRef {
  return { mesh: 'm', name, displayName: name, status };
}

function graphOf(refs: DataplaneRef[]): TopologyGraph {
  const service: ServiceNode = {
    id: 'service:m/a',
    kind: 'service',
    label: 'a',
    mesh: 'm',
    service: 'a',
    health: 'online',
  };
  const sidecar: SidecarNode = {
    id: 'sidecar:m/a',
    kind: 'sidecar',
    label: 'KUMA-DP',
    mesh: 'm',
    service: 'a',
    services: ['a'],
    dataplanes: refs,
    health: 'online',
    zones: [],
  };
  return { nodes: [service, sidecar], edges: [], zones: [] };
}

describe('withServiceHealth', () => {
  const twoOnline = [ref('a-1', 'online'), ref('a-2', 'online')];
  it.each([
    [
      'all went offline: health, counts and both listed statuses',
      counts(2, 0, 2, 'offline'),
      'offline',
      ['offline', 'offline'],
      { total: 2, online: 0 },
    ],
    [
      'one of two offline: which one is unknown, the list stays',
      counts(2, 1, 1, 'degraded'),
      'degraded',
      ['online', 'online'],
      { total: 2, online: 1 },
    ],
    [
      'a third dataplane the structure does not have yet: the list stays',
      counts(3, 0, 3, 'offline'),
      'offline',
      ['online', 'online'],
      { total: 3, online: 0 },
    ],
  ])('%s', (_, serviceCounts, health, statuses, sidecarCounts) => {
    const result = withServiceHealth(
      graphOf(twoOnline),
      new Map([['m', new Map([['a', serviceCounts]])]]),
    );
    const [service, sidecar] = result.nodes as [ServiceNode, SidecarNode];
    expect(service.health).toBe(health);
    expect(sidecar.health).toBe(health);
    expect(sidecar.dataplanes.map((entry) => entry.status)).toEqual(statuses);
    expect(sidecar.counts).toEqual(sidecarCounts);
    expect(sidecarOnline(sidecar)).toEqual(sidecarCounts);
  });

  it('gives the same graph back when there is nothing to change', () => {
    const graph = graphOf(twoOnline);
    expect(withServiceHealth(graph, new Map())).toBe(graph);
    expect(
      withServiceHealth(graph, new Map([['other', new Map([['a', counts(2, 0, 2, 'offline')]])]])),
    ).toBe(graph);
    const once = withServiceHealth(
      graph,
      new Map([['m', new Map([['a', counts(2, 2, 0, 'online')]])]]),
    );
    expect(
      withServiceHealth(once, new Map([['m', new Map([['a', counts(2, 2, 0, 'online')]])]])),
    ).toBe(once);
  });

  it('counts from the listed statuses where no aggregate was overlaid', () => {
    const [, sidecar] = graphOf([ref('a-1', 'online'), ref('a-2', 'offline')]).nodes as [
      ServiceNode,
      SidecarNode,
    ];
    expect(sidecarOnline(sidecar)).toEqual({ online: 1, total: 2 });
  });
});
