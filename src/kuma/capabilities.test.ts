import { describe, expect, it } from 'vitest';
import { deriveCapabilities } from './capabilities';
import type { ControlPlaneConfig, IndexResponse, ResourceTypeDescription } from './types';

const index: IndexResponse = {
  hostname: 'cp',
  product: 'Kuma',
  version: '2.14.3',
  instanceId: 'cp-1',
  clusterId: 'c-1',
  gui: '/gui',
};

/** `/_resources` as kuma-cp 2.14.3 answers it: `readOnly` is true for every type on a federated zone. */
function described(names: string[], readOnly: boolean): ResourceTypeDescription[] {
  return names.map((name) => ({
    name,
    scope: name === 'Mesh' ? 'Global' : 'Mesh',
    readOnly,
    path: name.toLowerCase(),
    singularDisplayName: name,
    pluralDisplayName: name,
    shortName: '',
    includeInFederation: true,
  }));
}

const KINDS = ['Mesh', 'Dataplane', 'MeshGateway', 'MeshHTTPRoute', 'MeshService'];

function config(mode: ControlPlaneConfig['mode'], globalAddress?: string): ControlPlaneConfig {
  return {
    environment: 'universal',
    mode,
    apiServer: { readOnly: false },
    multizone: { zone: { name: 'zone-1', ...(globalAddress ? { globalAddress } : {}) } },
  };
}

describe('deriveCapabilities: where writes go, as measured on kuma-cp 2.6.15 and 2.14.3', () => {
  it.each([
    {
      label: 'standalone (zone mode, no global address): everything',
      config: config('zone'),
      readOnlyInResources: false,
      writable: {
        Mesh: true,
        Dataplane: true,
        MeshGateway: true,
        MeshHTTPRoute: true,
        MeshService: true,
      },
      federatedZone: false,
    },
    {
      label: 'global: not Dataplanes nor MeshServices, although /_resources says writable',
      config: config('global'),
      readOnlyInResources: false,
      writable: {
        Mesh: true,
        Dataplane: false,
        MeshGateway: true,
        MeshHTTPRoute: true,
        MeshService: false,
      },
      federatedZone: false,
    },
    {
      label: 'federated zone: not Meshes, although /_resources says nothing is writable',
      config: config('zone', 'grpcs://global:5685'),
      readOnlyInResources: true,
      writable: {
        Mesh: false,
        Dataplane: true,
        MeshGateway: true,
        MeshHTTPRoute: true,
        MeshService: true,
      },
      federatedZone: true,
    },
  ])('$label', ({ config: cpConfig, readOnlyInResources, writable, federatedZone }) => {
    const caps = deriveCapabilities(index, cpConfig, described(KINDS, readOnlyInResources));
    expect(caps.writable).toEqual(writable);
    expect(caps.federatedZone).toBe(federatedZone);
    expect(caps.mode).toBe(
      cpConfig.mode === 'global' ? 'global' : federatedZone ? 'zone' : 'standalone',
    );
    expect(caps.readOnly).toBe(false);
  });

  it('Kubernetes: nothing is writable, and the reason says why', () => {
    const caps = deriveCapabilities(
      index,
      { ...config('zone'), environment: 'kubernetes', apiServer: { readOnly: true } },
      described(KINDS, true),
    );
    expect(Object.values(caps.writable).some(Boolean)).toBe(false);
    expect(caps.readOnly).toBe(true);
    expect(caps.readOnlyReason).toMatch(/kubectl/);
  });

  it('the rules are per release: a 2.6 federated zone takes no Secrets (kuma-cp 2.6 syncs them from the global)', () => {
    const caps = deriveCapabilities(
      { ...index, version: '2.6.15' },
      config('zone', 'grpcs://global:5685'),
      described(['Secret', 'GlobalSecret', 'Dataplane'], true),
    );
    expect(caps.writable).toEqual({ Secret: false, GlobalSecret: false, Dataplane: true });
  });

  it('a type the dashboard does not know keeps what /_resources says', () => {
    const caps = deriveCapabilities(index, config('zone'), described(['FutureKind'], true));
    expect(caps.writable.FutureKind).toBe(false);
  });
});
