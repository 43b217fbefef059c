import { describe, expect, it } from 'vitest';
import type { Capabilities } from '../capabilities';
import type { KumaApi } from './api';
import {
  dataplaneKeys,
  formKeys,
  gatewayKeys,
  keysAfterWrite,
  meshKeys,
  routeKeys,
  searchKeys,
  secretKeys,
  serviceKeys,
  topologyKeys,
  zoneKeys,
} from './keys';

function apiOf(identity: string): KumaApi {
  // Keys read the identity only; the client is never called.
  return { client: undefined as never, caps: { identity } as Capabilities };
}

const api = apiOf('cp-a');
const page = { page: 1, size: 50 };

/** Every key a factory builds, under the prefix that invalidates its resource. */
const cases: [string, readonly unknown[], readonly unknown[]][] = [
  ['mesh list', meshKeys.all(api), meshKeys.list(api)],
  ['mesh detail', meshKeys.all(api), meshKeys.detail(api, 'default')],
  ['gateway list', gatewayKeys.all(api), gatewayKeys.list(api)],
  ['gateways of a mesh', gatewayKeys.all(api), gatewayKeys.ofMesh(api, 'default')],
  ['built-in gateway', gatewayKeys.all(api), gatewayKeys.builtin(api, 'default', 'edge')],
  ['delegated gateway', gatewayKeys.all(api), gatewayKeys.delegated(api, 'default', 'kong')],
  ['gateway YAML', gatewayKeys.all(api), gatewayKeys.kubernetes(api, 'default', 'edge')],
  ['routes of a mesh', routeKeys.all(api), routeKeys.mesh(api, 'default')],
  [
    'dataplane list',
    dataplaneKeys.all(api),
    dataplaneKeys.list(api, undefined, { tags: [], ignored: [] }, page),
  ],
  ['dataplane detail', dataplaneKeys.all(api), dataplaneKeys.detail(api, 'default', 'dp-1')],
  ['dataplane stats', dataplaneKeys.all(api), dataplaneKeys.inspect(api, 'm', 'dp-1', 'stats')],
  ['dataplane resource', dataplaneKeys.all(api), dataplaneKeys.resource(api, 'm', 'dp-1')],
  ['services', serviceKeys.all(api), serviceKeys.mesh(api, 'default')],
  ['service insights', serviceKeys.mesh(api, 'default'), serviceKeys.insights(api, 'default')],
  ['topology live', topologyKeys.live(api, 'm'), topologyKeys.liveParts(api, 'm', true, false)],
  ['structure', topologyKeys.all(api), topologyKeys.structure(api, 'm')],
  ['topology policies', topologyKeys.all(api), topologyKeys.policies(api)],
  ['proxy stats', topologyKeys.all(api), topologyKeys.stats(api, 'm', 'gw-1')],
  ['zones', zoneKeys.all(api), zoneKeys.meshCounts(api, 'm', ['east'])],
  ['secret names', secretKeys.all(api), secretKeys.names(api, 'm')],
  ['search', searchKeys.all(api), searchKeys.text(api, 'web')],
  ['stored form', formKeys.all(api), formKeys.stored(api, 'MeshGateway', 'm', 'edge')],
  ['name check', formKeys.nameChecks(api), formKeys.nameCheck(api, '/meshes/m/meshgateways/x')],
  [
    'YAML mode’s stored copy',
    formKeys.all(api),
    formKeys.yamlCurrent(api, '/meshes/m/meshgateways/x'),
  ],
];

describe('query keys', () => {
  it.each(cases)('%s sits under its prefix', (_, prefix, key) => {
    expect(key.slice(0, prefix.length)).toEqual(prefix);
    expect(key.length).toBeGreaterThan(prefix.length);
  });

  it.each(cases)('%s differs between control planes', (_, __, key) => {
    expect(key[1]).toBe('cp-a');
  });

  it('a write refreshes every resource it can change, and nothing of another control plane', () => {
    const prefixes = keysAfterWrite(api);
    const refreshed = (key: readonly unknown[]) =>
      prefixes.some((prefix) => prefix.every((part, i) => key[i] === part));
    expect(refreshed(gatewayKeys.builtin(api, 'm', 'edge'))).toBe(true);
    expect(refreshed(routeKeys.mesh(api, 'm'))).toBe(true);
    expect(refreshed(dataplaneKeys.detail(api, 'm', 'dp'))).toBe(true);
    expect(refreshed(topologyKeys.structure(api, 'm'))).toBe(true);
    expect(refreshed(serviceKeys.insights(api, 'm'))).toBe(true);
    expect(refreshed(formKeys.stored(api, 'Dataplane', 'm', 'dp'))).toBe(true);
    // Secret names and searches do not change with a gateway write.
    expect(refreshed(secretKeys.names(api, 'm'))).toBe(false);
    expect(refreshed(gatewayKeys.list(apiOf('cp-b')))).toBe(false);
  });
});
