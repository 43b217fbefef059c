import { describe, expect, it } from 'vitest';
import { resourceTypesFor } from '../../src/kuma/resource-types';
import type { Labels } from '../../src/kuma/types';
import { parseKumaVersion } from '../../src/kuma/version';
import {
  globalToZone,
  hashedName,
  sentToGlobal,
  sentToZones,
  typesSentToGlobal,
  typesSentToZones,
  zoneToGlobal,
} from './kds';
import type { StoredResource } from './store';

const V2_14 = parseKumaVersion('2.14.3');
const V2_6 = parseKumaVersion('2.6.15');

function type(name: string, version = V2_14) {
  const found = resourceTypesFor(version).find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

describe('hashedName', () => {
  // Names read off a real 2.14.3 and 2.6.15 global/zone pair.
  it.each([
    ['default', 'backend-1', ['zone-1'], 'backend-1-66xx8vw7fxxw7bb8'],
    ['default', 'edge-gateway-1', ['zone-1'], 'edge-gateway-1-6cw5565c8xfcc68b'],
    ['payments', 'checkout', ['zone-1'], 'checkout-46zwf5w5w5f44x42'],
    ['default', 'edge-gateway', [], 'edge-gateway-x7d7z4729b7688d4'],
    ['default', 'mesh-timeout-all-default', [], 'mesh-timeout-all-default-bv8z44b7bzb99xc7'],
    ['', 'synced-kube-mesh-service', [], 'synced-kube-mesh-service-8xc5x6c9f588fzz9'],
  ])('%s/%s %j → %s', (mesh, name, extras, hashed) => {
    expect(hashedName(mesh, name, extras)).toBe(hashed);
  });

  it('cuts a long name to leave room for the suffix within 253 bytes', () => {
    const hashed = hashedName('default', 'x'.repeat(300));
    expect(hashed).toHaveLength(253);
    expect(hashed).toMatch(/^x{236}-[bcdfghjklmnpqrstvwxz2456789]{16}$/);
  });
});

const dataplaneOnZone: StoredResource = {
  type: 'Dataplane',
  mesh: 'default',
  name: 'backend-1',
  creationTime: '2026-12-03T07:47:21Z',
  modificationTime: '2026-12-03T07:47:21Z',
  labels: {
    'kuma.io/env': 'universal',
    'kuma.io/mesh': 'default',
    'kuma.io/origin': 'zone',
    'kuma.io/proxy-type': 'sidecar',
    'kuma.io/zone': 'zone-1',
  },
  networking: { address: '10.1.0.4' },
};

describe('zoneToGlobal', () => {
  it.each<{ what: string; resource: StoredResource; name: string; labels: Labels }>([
    {
      what: '2.14: a dataplane keeps its labels and gains its display name',
      resource: dataplaneOnZone,
      name: 'backend-1-66xx8vw7fxxw7bb8',
      labels: {
        'kuma.io/display-name': 'backend-1',
        'kuma.io/env': 'universal',
        'kuma.io/mesh': 'default',
        'kuma.io/origin': 'zone',
        'kuma.io/proxy-type': 'sidecar',
        'kuma.io/zone': 'zone-1',
      },
    },
    {
      what: '2.6: only the origin label on the zone; the zone label comes with the sync',
      resource: { ...dataplaneOnZone, labels: { 'kuma.io/origin': 'zone' } },
      name: 'backend-1-66xx8vw7fxxw7bb8',
      labels: {
        'kuma.io/display-name': 'backend-1',
        'kuma.io/origin': 'zone',
        'kuma.io/zone': 'zone-1',
      },
    },
    {
      what: 'a display name set already wins over the name',
      resource: {
        ...dataplaneOnZone,
        type: 'MeshService',
        mesh: 'payments',
        name: 'checkout',
        labels: { 'kuma.io/display-name': 'checkout', 'kuma.io/origin': 'zone' },
      },
      name: 'checkout-46zwf5w5w5f44x42',
      labels: {
        'kuma.io/display-name': 'checkout',
        'kuma.io/origin': 'zone',
        'kuma.io/zone': 'zone-1',
      },
    },
  ])('$what', ({ resource, name, labels }) => {
    const synced = zoneToGlobal(resource, 'zone-1');
    expect(synced.name).toBe(name);
    expect(synced.labels).toEqual(labels);
    // Times are the receiver's own.
    expect(synced).not.toHaveProperty('creationTime');
  });
});

describe('globalToZone', () => {
  const gateway: StoredResource = {
    type: 'MeshGateway',
    mesh: 'default',
    name: 'edge-gateway',
    labels: { 'kuma.io/mesh': 'default' },
  };
  it.each([
    {
      what: 'a mesh-scoped resource is hashed',
      version: V2_14,
      resource: gateway,
      name: 'edge-gateway-x7d7z4729b7688d4',
      labels: {
        'kuma.io/display-name': 'edge-gateway',
        'kuma.io/mesh': 'default',
        'kuma.io/origin': 'global',
      },
    },
    {
      what: 'a Mesh keeps its name',
      version: V2_14,
      resource: { type: 'Mesh', name: 'default' },
      name: 'default',
      labels: { 'kuma.io/origin': 'global' },
    },
    {
      what: 'a Secret keeps its name (the zone looks it up by it)',
      version: V2_6,
      resource: { type: 'Secret', mesh: 'default', name: 'default.ca-builtin-cert-ca-1' },
      name: 'default.ca-builtin-cert-ca-1',
      labels: { 'kuma.io/origin': 'global' },
    },
    {
      what: '2.6 hashes mesh-scoped resources only',
      version: V2_6,
      resource: { type: 'GlobalSecret', name: 'zone-ingress-token-signing-key-1' },
      name: 'zone-ingress-token-signing-key-1',
      labels: { 'kuma.io/origin': 'global' },
    },
  ])('$what', ({ version, resource, name, labels }) => {
    const synced = globalToZone(version, type(resource.type, version), resource as StoredResource);
    expect(synced.name).toBe(name);
    expect(synced.labels).toEqual(labels);
  });

  it('drops a new-style resource’s status', () => {
    const synced = globalToZone(V2_14, type('MeshHTTPRoute'), {
      type: 'MeshHTTPRoute',
      mesh: 'default',
      name: 'r',
      spec: {},
      status: { x: 1 },
    });
    expect(synced).not.toHaveProperty('status');
  });
});

describe('what travels', () => {
  it.each([
    // No origin label: written on whichever control plane holds it, so it travels from there.
    ['MeshGateway', undefined, true, true],
    ['MeshGateway', 'zone', false, true],
    ['MeshHTTPRoute', 'global', true, false],
    ['Dataplane', 'zone', false, true],
    ['Zone', undefined, false, false],
    ['Secret', 'zone', false, false],
  ])('%s with origin %s: to zones %s, to global %s', (name, origin, toZones, toGlobal) => {
    const resource = {
      type: name,
      name: 'x',
      ...(origin ? { labels: { 'kuma.io/origin': origin } } : {}),
    } as StoredResource;
    expect(sentToZones(type(name), resource)).toBe(toZones);
    expect(sentToGlobal(type(name), resource)).toBe(toGlobal);
  });

  it.each([
    [V2_14, 45, 31],
    [V2_6, 35, 21],
  ])('%o: the global streams %i types to a zone, the zone %i back', (version, down, up) => {
    expect(typesSentToZones(version)).toHaveLength(down);
    expect(typesSentToGlobal(version)).toHaveLength(up);
    expect(typesSentToZones(version)).toEqual(expect.arrayContaining(['Config', 'Mesh']));
    expect(typesSentToGlobal(version)).toEqual(
      expect.arrayContaining(['Dataplane', 'DataplaneInsight']),
    );
  });
});
