import { describe, expect, it } from 'vitest';
import {
  dataplaneHref,
  gatewayHref,
  listenerText,
  meshHref,
  onlineCount,
  serviceDataplanesHref,
} from './describe';

describe('listenerText', () => {
  it.each([
    [
      { index: 0, port: 80, protocol: 'HTTP', hostname: '*', crossMesh: false, routes: 1 },
      'HTTP :80 *',
    ],
    [
      {
        index: 1,
        port: 443,
        protocol: 'HTTPS',
        hostname: 'shop.example.com',
        crossMesh: false,
        routes: 0,
      },
      'HTTPS :443 shop.example.com',
    ],
    [{ index: 2, protocol: 'NONE', hostname: '', crossMesh: false, routes: 0 }, 'NONE *'],
  ])('%j → %s', (listener, text) => {
    expect(listenerText(listener)).toBe(text);
  });
});

describe('links', () => {
  it('goes to a built-in gateway by name and a delegated one by service', () => {
    expect(gatewayHref({ mesh: 'team-1', name: 'gw', gatewayKind: 'builtin' })).toBe(
      '/meshes/team-1/gateways/gw',
    );
    expect(gatewayHref({ mesh: 'team-1', name: 'kong', gatewayKind: 'delegated' })).toBe(
      '/meshes/team-1/delegated-gateways/kong',
    );
  });

  it('encodes names', () => {
    expect(dataplaneHref({ mesh: 'a b', name: 'x/y?z' })).toBe(
      '/meshes/a%20b/dataplanes/x%2Fy%3Fz',
    );
    expect(meshHref('<img src=x>')).toBe('/meshes/%3Cimg%20src%3Dx%3E');
    expect(serviceDataplanesHref('default', 'front end')).toBe(
      '/dataplanes?mesh=default&q=service%3Afront+end',
    );
  });
});

describe('onlineCount', () => {
  it('counts online dataplanes only', () => {
    expect(
      onlineCount([
        { mesh: 'm', name: 'a', displayName: 'a', status: 'online' },
        { mesh: 'm', name: 'b', displayName: 'b', status: 'partially_degraded' },
        { mesh: 'm', name: 'c', displayName: 'c', status: 'offline' },
      ]),
    ).toEqual({ online: 1, total: 3 });
  });
});
