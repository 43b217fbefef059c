import { describe, expect, it } from 'vitest';
import {
  dataplaneListPath,
  dataplanePath,
  editDelegatedDataplanePath,
  editGatewayPath,
  editPermissionPath,
  editRoutePath,
  gatewayListPath,
  gatewayPath,
  meshCheckPath,
  meshListPath,
  meshPath,
  newGatewayPath,
  newPermissionPath,
  newRoutePath,
  pathTo,
  permissionsPath,
  ROUTES,
  type RouteName,
  serviceDataplanesPath,
  servicePath,
  serviceRefPath,
  topologyPath,
  tracePath,
  zoneListPath,
} from './paths';

describe('servicePath', () => {
  it.each([
    ['default', 'frontend', '/meshes/default/services/frontend'],
    ['a b', 'x/y?z#w', '/meshes/a%20b/services/x%2Fy%3Fz%23w'],
    ['<img src=x>', '</script>', '/meshes/%3Cimg%20src%3Dx%3E/services/%3C%2Fscript%3E'],
    [
      'default',
      'ünïcødé-网关',
      '/meshes/default/services/%C3%BCn%C3%AFc%C3%B8d%C3%A9-%E7%BD%91%E5%85%B3',
    ],
  ])('%s / %s → %s', (mesh, service, path) => {
    expect(servicePath(mesh, service)).toBe(path);
    expect(serviceRefPath({ mesh, service })).toBe(path);
  });
});

describe('the other screens', () => {
  it.each([
    [meshPath('a b'), '/meshes/a%20b'],
    [
      gatewayPath({ mesh: 'default', name: 'edge/gw', gatewayKind: 'builtin' }),
      '/meshes/default/gateways/edge%2Fgw',
    ],
    [
      gatewayPath({ mesh: 'default', name: 'kong', gatewayKind: 'delegated' }),
      '/meshes/default/delegated-gateways/kong',
    ],
    [dataplanePath({ mesh: 'm', name: 'dp#1' }), '/meshes/m/dataplanes/dp%231'],
    [serviceDataplanesPath('m', 'web'), '/dataplanes?mesh=m&q=service%3Aweb'],
    [meshListPath(), '/meshes'],
    [meshListPath('web'), '/meshes?q=web'],
    [gatewayListPath(), '/gateways'],
    [gatewayListPath({ mesh: 'a b' }), '/gateways?mesh=a+b'],
    [newGatewayPath({ mesh: 'm', kind: undefined }), '/gateways/new?mesh=m'],
    [editGatewayPath('m', 'edge/1'), '/meshes/m/gateways/edge%2F1/edit'],
    [newRoutePath('m', 'edge'), '/meshes/m/gateways/edge/routes/new?kind=http'],
    [newRoutePath('m', 'edge', 'tcp'), '/meshes/m/gateways/edge/routes/new?kind=tcp'],
    [editRoutePath('m', 'edge', 'tcp', 'r#1'), '/meshes/m/gateways/edge/routes/tcp/r%231/edit'],
    [
      editDelegatedDataplanePath('m', 'kong', 'kong-1'),
      '/meshes/m/delegated-gateways/kong/dataplanes/kong-1/edit',
    ],
    [permissionsPath('m'), '/meshes/m/permissions'],
    [
      newPermissionPath('m', { from: 'edge', to: 'web' }),
      '/meshes/m/permissions/new?from=edge&to=web',
    ],
    [editPermissionPath('m', 'allow-all'), '/meshes/m/permissions/allow-all/edit'],
    [dataplaneListPath({ q: 'name:dp' }), '/dataplanes?q=name%3Adp'],
    [topologyPath({ mesh: 'm' }), '/topology?mesh=m'],
    [tracePath(new URLSearchParams([['url', 'http://x/']])), '/trace?url=http%3A%2F%2Fx%2F'],
    [meshCheckPath('m'), '/trace?tab=check&mesh=m'],
    [zoneListPath(), '/zones'],
  ])('%s', (path, expected) => {
    expect(path).toBe(expected);
  });
});

/** A value per parameter name, so every pattern can be filled. */
const SAMPLE: Record<string, string> = {
  mesh: 'm 1',
  name: 'n/1',
  service: 's?1',
  kind: 'http',
  route: 'r#1',
};

describe('pathTo', () => {
  const names = Object.keys(ROUTES) as RouteName[];

  it.each(names)('%s fills every parameter of its pattern', (route) => {
    const path = pathTo(route, SAMPLE as never);
    expect(path).not.toContain(':');
    // The route matches the path it builds: same number of segments, literals in place.
    const pattern = ROUTES[route].split('/');
    const segments = path.split('/');
    expect(segments).toHaveLength(pattern.length);
    pattern.forEach((part, i) => {
      if (part.startsWith(':'))
        expect(decodeURIComponent(segments[i] ?? '')).toBe(SAMPLE[part.slice(1)]);
      else expect(segments[i]).toBe(part);
    });
  });

  it('no two routes share a pattern', () => {
    expect(new Set(Object.values(ROUTES)).size).toBe(names.length);
  });
});
