import { describe, expect, it } from 'vitest';
import {
  dataplanePath,
  gatewayPath,
  meshPath,
  serviceDataplanesPath,
  servicePath,
  serviceRefPath,
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
  ])('%s', (path, expected) => {
    expect(path).toBe(expected);
  });
});
