import { describe, expect, it } from 'vitest';
import type { DataplaneOverview, MeshService } from '../../kuma/types';
import { meshServicesForModel, topologyDetail } from './assemble-snapshot';

function dataplane(
  mesh: string,
  name: string,
  gateway?: 'BUILTIN' | 'DELEGATED',
): DataplaneOverview {
  return {
    type: 'DataplaneOverview',
    mesh,
    name,
    dataplane: {
      networking: {
        address: '10.0.0.1',
        ...(gateway
          ? {
              gateway: {
                tags: { 'kuma.io/service': name },
                ...(gateway === 'BUILTIN' ? { type: 'BUILTIN' } : {}),
              },
            }
          : { inbound: [{ port: 80, tags: { 'kuma.io/service': name } }] }),
      },
    },
  } as DataplaneOverview;
}

const policies = { httpRoutes: [], tcpRoutes: [], trafficPermissions: [], meshServices: [] };

describe('topologyDetail', () => {
  it.each([
    [
      'sidecars from the structure, gateway proxies of this mesh from the gateway list',
      [dataplane('a', 'web-1')],
      [dataplane('a', 'gw-1', 'BUILTIN'), dataplane('b', 'gw-2', 'DELEGATED')],
      ['web-1', 'gw-1'],
    ],
    [
      'gateway proxies in the structure are not drawn twice',
      [dataplane('a', 'web-1'), dataplane('a', 'gw-1', 'BUILTIN')],
      [dataplane('a', 'gw-1', 'BUILTIN')],
      ['web-1', 'gw-1'],
    ],
    ['no structure yet', [], [dataplane('a', 'kong-1', 'DELEGATED')], ['kong-1']],
  ])('%s', (_, structure, proxies, names) => {
    const detail = topologyDetail('a', structure, proxies, policies);
    expect(detail.dataplanes.map((entry) => entry.name)).toEqual(names);
    expect(detail.httpRoutes).toBe(policies.httpRoutes);
  });
});

describe('meshServicesForModel', () => {
  const service = (status?: MeshService['status']): MeshService => ({
    type: 'MeshService',
    mesh: 'a',
    name: 'web',
    spec: { ports: [{ port: 80 }] },
    ...(status ? { status } : {}),
  });
  it.each([
    [
      'drops the proxy counts',
      service({ vips: [{ ip: '1.1.1.1' }], dataplaneProxies: { total: 2 } }),
      { vips: [{ ip: '1.1.1.1' }] },
    ],
    [
      'keeps a status without counts',
      service({ vips: [{ ip: '1.1.1.1' }] }),
      { vips: [{ ip: '1.1.1.1' }] },
    ],
    ['keeps no status', service(), undefined],
  ])('%s', (_, input, status) => {
    const [output] = meshServicesForModel([input]);
    expect(output?.status).toEqual(status);
    expect(output?.spec).toBe(input.spec);
  });
});
