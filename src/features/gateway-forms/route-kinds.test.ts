import { describe, expect, it } from 'vitest';
import type { Capabilities } from '../../kuma/capabilities';
import type { Mesh } from '../../kuma/types';
import { parseKumaVersion } from '../../kuma/version';
import { type BackendRefChoice, emptyBackend, formContext } from './model';
import { backendChoices, HTTP_ROUTE, TCP_ROUTE } from './route-kinds';

const caps = (meshServices: boolean) =>
  ({
    identity: 'cp',
    product: 'Kuma',
    version: parseKumaVersion('2.14.3'),
    environment: 'universal',
    mode: 'zone',
    meshServices,
  }) as Capabilities;

const mesh = (mode?: string) =>
  ({ type: 'Mesh', name: 'default', ...(mode ? { meshServices: { mode } } : {}) }) as Mesh;

describe('backendChoices', () => {
  it.each<[string, boolean, string | undefined, BackendRefChoice[], BackendRefChoice[]]>([
    ['no MeshServices on this control plane', false, 'Exclusive', [], ['service']],
    ['mode Disabled (the default)', true, undefined, [], ['service']],
    ['mode Everywhere', true, 'Everywhere', [], ['MeshService', 'service']],
    ['mode Exclusive', true, 'Exclusive', [], ['MeshService']],
    [
      'a stored backend of another kind stays offered',
      true,
      'Exclusive',
      ['MeshExternalService', 'MeshService'],
      ['MeshService', 'MeshExternalService'],
    ],
  ])('%s', (_case, meshServices, mode, current, expected) => {
    const ctx = formContext(caps(meshServices), 'default', mesh(mode));
    expect(backendChoices(caps(meshServices), ctx, current)).toEqual(expected);
  });
});

describe('the route kinds', () => {
  it.each([
    [HTTP_ROUTE, { type: 'MeshHTTPRoute' }, true],
    [HTTP_ROUTE, { type: 'MeshTCPRoute' }, false],
    [TCP_ROUTE, { type: 'MeshTCPRoute' }, true],
    [TCP_ROUTE, { type: 'MeshHTTPRoute' }, false],
    [TCP_ROUTE, undefined, false],
  ])('%#: tells its own kind of resource', (spec, resource, own) => {
    expect(spec.isRoute(resource)).toBe(own);
  });

  it('finds every backend of a route, wherever the kind keeps them', () => {
    const http = HTTP_ROUTE.empty('MeshService');
    http.entries[0]?.rules.push({ matches: [], backends: [emptyBackend('service')], filters: [] });
    expect(HTTP_ROUTE.backendsOf(http).map((backend) => backend.ref)).toEqual([
      'MeshService',
      'service',
    ]);
    expect(TCP_ROUTE.backendsOf(TCP_ROUTE.empty('service')).map((b) => b.ref)).toEqual(['service']);
  });
});
