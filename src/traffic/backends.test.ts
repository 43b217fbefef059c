import { describe, expect, it } from 'vitest';
import type { BackendRef, MeshServicesMode } from '../kuma/types';
import { backendShares, isRealResourceRef, resolveBackendRef } from './backends';
import { meshResource, meshService, meshSnapshot, sidecarDp } from './test-fixtures';

function mesh(mode?: MeshServicesMode) {
  return meshSnapshot({
    mesh: meshResource('default', { mode }),
    dataplanes: [
      sidecarDp('backend-1', [{ service: 'backend', tags: { version: 'v1' }, port: 8080 }]),
      sidecarDp('backend-2', [{ service: 'backend', tags: { version: 'v2' }, port: 8080 }], {
        online: false,
      }),
      sidecarDp('backend-3', [
        { service: 'backend', tags: { version: 'v2' }, port: 8080, ready: false },
      ]),
      sidecarDp('web-1', [{ service: 'web', tags: { app: 'web' }, port: 5000 }], {
        labels: { app: 'web' },
      }),
    ],
    meshServices: [
      meshService('web', {
        selector: { dataplaneTags: { app: 'web' } },
        ports: [{ port: 80, targetPort: 5000, name: 'http' }],
      }),
      meshService('remote', {
        selector: { dataplaneTags: { app: 'remote' } },
        ports: [{ port: 80 }],
      }),
      meshService('idle', { selector: { dataplaneTags: { app: 'idle' } }, ports: [{ port: 80 }] }),
    ],
    serviceInsights: [
      {
        type: 'ServiceInsight',
        mesh: 'default',
        name: 'elsewhere',
        creationTime: '',
        modificationTime: '',
        status: 'online',
        dataplanes: { total: 2, online: 2 },
      },
      {
        type: 'ServiceInsight',
        mesh: 'default',
        name: 'gone',
        creationTime: '',
        modificationTime: '',
        status: 'offline',
        dataplanes: { total: 1, offline: 1 },
      },
    ],
  });
}

const withRemoteStatus = () => {
  const snapshot = mesh('Everywhere');
  const remote = snapshot.meshServices.find((ms) => ms.name === 'remote');
  if (remote) remote.status = { dataplaneProxies: { connected: 3, healthy: 2, total: 3 } };
  return snapshot;
};

describe('isRealResourceRef: a port (or sectionName) means a real MeshService', () => {
  it.each([
    { ref: { kind: 'MeshService', name: 'web', port: 80 }, expected: true },
    { ref: { kind: 'MeshService', name: 'web', sectionName: 'http' }, expected: true },
    { ref: { kind: 'MeshService', name: 'backend' }, expected: false },
    {
      ref: { kind: 'MeshServiceSubset', name: 'backend', tags: { version: 'v1' } },
      expected: false,
    },
    { ref: { kind: 'MeshMultiZoneService', name: 'x', port: 80 }, expected: true },
  ])('$ref → $expected', ({ ref, expected }) => {
    expect(isRealResourceRef(ref)).toBe(expected);
  });
});

describe('resolveBackendRef', () => {
  it.each([
    {
      name: 'legacy kuma.io/service: one healthy of three',
      snapshot: mesh(),
      ref: { kind: 'MeshService', name: 'backend' },
      status: 'healthy',
      healthy: 1,
      total: 3,
    },
    {
      name: 'MeshServiceSubset narrows by tags',
      snapshot: mesh(),
      ref: { kind: 'MeshServiceSubset', name: 'backend', tags: { version: 'v2' } },
      status: 'unhealthy',
      healthy: 0,
      total: 2,
    },
    {
      name: 'legacy service nobody serves nor knows',
      snapshot: mesh(),
      ref: { kind: 'MeshService', name: 'ghost' },
      status: 'unresolved',
      healthy: 0,
      total: 0,
    },
    {
      name: 'legacy service known only to a ServiceInsight',
      snapshot: mesh(),
      ref: { kind: 'MeshService', name: 'elsewhere' },
      status: 'healthy',
      healthy: 2,
      total: 2,
    },
    {
      name: 'legacy service whose ServiceInsight is offline',
      snapshot: mesh(),
      ref: { kind: 'MeshService', name: 'gone' },
      status: 'unhealthy',
      healthy: 0,
      total: 1,
    },
    {
      name: 'legacy ref in an Exclusive mesh',
      snapshot: mesh('Exclusive'),
      ref: { kind: 'MeshService', name: 'backend' },
      status: 'unresolved',
      healthy: 0,
      total: 0,
    },
    {
      name: 'real MeshService with its port',
      snapshot: mesh('Exclusive'),
      ref: { kind: 'MeshService', name: 'web', port: 80 },
      status: 'healthy',
      healthy: 1,
      total: 1,
    },
    {
      name: 'real MeshService by sectionName',
      snapshot: mesh('Everywhere'),
      ref: { kind: 'MeshService', name: 'web', sectionName: 'http' },
      status: 'healthy',
      healthy: 1,
      total: 1,
    },
    {
      name: 'real MeshService with a missing port',
      snapshot: mesh('Everywhere'),
      ref: { kind: 'MeshService', name: 'web', port: 8080 },
      status: 'unresolved',
      healthy: 0,
      total: 0,
    },
    {
      name: 'missing MeshService',
      snapshot: mesh('Everywhere'),
      ref: { kind: 'MeshService', name: 'nope', port: 80 },
      status: 'unresolved',
      healthy: 0,
      total: 0,
    },
    {
      name: 'MeshService whose Dataplanes live elsewhere: counts from its status',
      snapshot: withRemoteStatus(),
      ref: { kind: 'MeshService', name: 'remote', port: 80 },
      status: 'healthy',
      healthy: 2,
      total: 3,
    },
    {
      name: 'MeshService whose selector picks nothing',
      snapshot: mesh('Everywhere'),
      ref: { kind: 'MeshService', name: 'idle', port: 80 },
      status: 'unhealthy',
      healthy: 0,
      total: 0,
    },
    {
      name: 'MeshExternalService cannot be checked',
      snapshot: mesh('Everywhere'),
      ref: { kind: 'MeshExternalService', name: 'httpbin', port: 443 },
      status: 'unknown',
      healthy: 0,
      total: 0,
    },
  ] as {
    name: string;
    snapshot: ReturnType<typeof mesh>;
    ref: BackendRef;
    status: string;
    healthy: number;
    total: number;
  }[])('$name', ({ snapshot, ref, status, healthy, total }) => {
    const resolved = resolveBackendRef(snapshot, ref);
    expect(resolved.status).toBe(status);
    expect(resolved.healthyEndpoints).toBe(healthy);
    expect(resolved.totalEndpoints).toBe(total);
    expect(resolved.summary.length).toBeGreaterThan(10);
    expect(resolved.healthSummary.length).toBeGreaterThan(10);
  });

  it('says why a port ref fails when MeshServices are disabled', () => {
    const resolved = resolveBackendRef(mesh(), {
      kind: 'MeshService',
      name: 'frontend',
      port: 8080,
    });
    expect(resolved.status).toBe('unresolved');
    expect(resolved.summary).toContain('meshServices.mode: Disabled');
  });

  it('says why a legacy ref fails in Exclusive mode', () => {
    expect(
      resolveBackendRef(mesh('Exclusive'), { kind: 'MeshService', name: 'backend' }).summary,
    ).toContain('Exclusive');
  });

  it('lists endpoints with their online state', () => {
    const resolved = resolveBackendRef(mesh(), { kind: 'MeshService', name: 'backend' });
    expect(resolved.endpoints.map((e) => `${e.dataplane}:${e.online}:${e.ready}`)).toEqual([
      'backend-1:true:true',
      'backend-2:false:true',
      'backend-3:true:false',
    ]);
  });

  // Which inbound stands for a Dataplane with several of the service: a ready one when the
  // Dataplane is online, else the first; ignored inbounds never.
  it.each([
    { inbounds: [{ ready: false }, { ready: true }], online: true, expected: ['8081:true'] },
    { inbounds: [{ ready: true }, { ready: false }], online: true, expected: ['8080:true'] },
    { inbounds: [{ ready: false }, { ready: false }], online: true, expected: ['8080:false'] },
    { inbounds: [{ ready: false }, { ready: true }], online: false, expected: ['8080:false'] },
    {
      inbounds: [{ ready: true, state: 'Ignored' as const }, { ready: false }],
      online: true,
      expected: ['8081:false'],
    },
    { inbounds: [{ ready: true, state: 'Ignored' as const }], online: true, expected: [] },
  ])(
    'one endpoint per Dataplane: $inbounds online=$online → $expected',
    ({ inbounds, online, expected }) => {
      const dataplane = sidecarDp(
        'multi-1',
        inbounds.map(({ ready }) => ({ service: 'multi', ready })),
        { online },
      );
      inbounds.forEach(({ state }, index) => {
        const inbound = dataplane.dataplane.networking.inbound?.[index];
        if (inbound && state) inbound.state = state;
      });
      const resolved = resolveBackendRef(meshSnapshot({ dataplanes: [dataplane] }), {
        kind: 'MeshService',
        name: 'multi',
      });
      const port = (tags: Record<string, string>) =>
        dataplane.dataplane.networking.inbound?.find((inbound) => inbound.tags === tags)?.port;
      expect(
        resolved.endpoints.map((endpoint) => `${port(endpoint.inboundTags)}:${endpoint.healthy}`),
      ).toEqual(expected);
    },
  );
});

describe('backendShares', () => {
  it.each([
    { weights: [undefined], shares: [1] },
    { weights: [90, 10], shares: [0.9, 0.1] },
    { weights: [1, 1, 2], shares: [0.25, 0.25, 0.5] },
    { weights: [0, 5], shares: [0, 1] },
    { weights: [0, 0], shares: [0, 0] },
  ])('weights $weights → shares $shares', ({ weights, shares }) => {
    const refs = weights.map((weight, i) => ({ kind: 'MeshService', name: `s${i}`, weight }));
    expect(backendShares(refs).map((s) => s.share)).toEqual(shares);
  });
});
