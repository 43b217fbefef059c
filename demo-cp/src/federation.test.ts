import { describe, expect, it } from 'vitest';
import type { Labels } from '../../src/kuma/types';
import { federate, storeFromZone } from './federation';
import { DEFAULT_OPTIONS, type DemoOptions } from './options';
import { resourceType } from './personality';
import { loadScenario } from './scenarios';
import { World } from './world';

const START = Date.parse('2026-11-01T00:00:00Z');

function world(options: Partial<DemoOptions>): World {
  const created = new World({
    ...DEFAULT_OPTIONS,
    simulateProxies: false,
    startTime: START,
    ...options,
  });
  loadScenario(created, options.scenario ?? 'empty');
  return created;
}

function pair(version: string) {
  const global = world({ kumaVersion: version, mode: 'global', scenario: 'fresh' });
  const zone = world({ kumaVersion: version, mode: 'zone', zone: 'zone-1', scenario: 'empty' });
  return { global, zone };
}

const gateway = {
  type: 'MeshGateway',
  mesh: 'default',
  name: 'edge',
  selectors: [{ match: { 'kuma.io/service': 'edge' } }],
  conf: { listeners: [{ port: 80, protocol: 'HTTP' }] },
};

const dataplane = {
  type: 'Dataplane',
  mesh: 'default',
  name: 'web-1',
  networking: {
    address: '10.0.0.1',
    inbound: [{ port: 8080, tags: { 'kuma.io/service': 'web' } }],
  },
};

describe('federate', () => {
  it.each(['2.14.3', '2.6.15'])(
    '%s: meshes and gateways go down, dataplanes come up',
    (version) => {
      const { global, zone } = pair(version);
      global.writeAsApi('MeshGateway', { ...gateway });
      federate(global, zone);
      // The zone learned the mesh (name kept) and the gateway (hashed).
      expect(zone.store.get('Mesh', undefined, 'default')?.labels).toEqual({
        'kuma.io/origin': 'global',
      });
      const synced = zone.store.list('MeshGateway', 'default');
      expect(synced.map((item) => item.name)).toEqual(['edge-5c75xw87847wvc4c']);
      expect(synced[0]?.labels?.['kuma.io/display-name']).toBe('edge');

      zone.writeAsApi('Dataplane', { ...dataplane });
      federate(global, zone);
      const [onGlobal] = global.store.list('Dataplane', 'default');
      expect(onGlobal?.name).toMatch(/^web-1-[bcdfghjklmnpqrstvwxz2456789]{16}$/);
      expect(onGlobal?.labels).toMatchObject({
        'kuma.io/display-name': 'web-1',
        'kuma.io/origin': 'zone',
        'kuma.io/zone': 'zone-1',
      });
      // The zone's dataplane manager tagged the inbound before the sync.
      const tagged = onGlobal as unknown as { networking: { inbound: { tags: Labels }[] } };
      expect(tagged.networking.inbound[0]?.tags['kuma.io/zone']).toBe('zone-1');
    },
  );

  it('makes the zone known to the global, enabled and connected; the zone has its own Zone', () => {
    const { global, zone } = pair('2.14.3');
    federate(global, zone);
    expect(global.zones.map((state) => [state.name, state.enabled, state.link?.connected])).toEqual(
      [['zone-1', true, true]],
    );
    expect(zone.zones.map((state) => [state.name, state.enabled])).toEqual([['zone-1', undefined]]);
    expect(zone.zones[0]?.link?.globalInstanceId).toBe(global.instanceId);
  });

  it('deletes on the other side what is gone at the source, and counts the responses', () => {
    const { global, zone } = pair('2.14.3');
    global.writeAsApi('MeshGateway', { ...gateway });
    zone.writeAsApi('Dataplane', { ...dataplane });
    federate(global, zone);
    federate(global, zone);
    const sent = () => global.zones[0]?.link?.sent.MeshGateway;
    expect(sent()).toBe(2);
    global.remove(resourceType(global.personality, 'MeshGateway'), 'default', 'edge');
    zone.remove(resourceType(zone.personality, 'Dataplane'), 'default', 'web-1');
    federate(global, zone);
    expect(zone.store.list('MeshGateway')).toEqual([]);
    expect(global.store.list('Dataplane')).toEqual([]);
    expect(sent()).toBe(3);
  });

  it('storeFromZone: writing a synced dataplane again under its stored name changes nothing', () => {
    const { global } = pair('2.14.3');
    const name = storeFromZone(global, 'zone-east', 'Dataplane', { ...dataplane });
    const stored = global.store.get('Dataplane', 'default', name);
    expect(storeFromZone(global, 'zone-east', 'Dataplane', { ...stored! })).toBe(name);
    expect(global.store.list('Dataplane')).toHaveLength(1);
    expect(global.store.get('Dataplane', 'default', name)).toBe(stored);
  });
});

describe('scenarios in multi-zone modes', () => {
  it('a global shows each zone’s dataplanes under hashed names, with the name they were given', () => {
    const global = world({ mode: 'global', scenario: 'mixed' });
    expect(global.zones.map((state) => state.name)).toEqual(['zone-east', 'zone-west']);
    const dataplanes = global.dataplanes();
    expect(dataplanes.length).toBeGreaterThan(0);
    for (const item of dataplanes) {
      const display = item.labels?.['kuma.io/display-name'] ?? '';
      expect(item.name.startsWith(`${display}-`), item.name).toBe(true);
      expect(['zone-east', 'zone-west']).toContain(item.labels?.['kuma.io/zone']);
    }
    // Gateways and policies were written on the global: their own names.
    expect(global.store.list('MeshGateway').map((item) => item.name)).toContain('edge-gateway');
  });

  it('a zone shows the global’s gateways hashed and its own dataplanes as written', () => {
    const zone = world({ mode: 'zone', zone: 'zone-east', scenario: 'mixed' });
    expect(
      zone.store.list('MeshGateway').map((item) => item.labels?.['kuma.io/display-name']),
    ).toEqual(['edge-gateway', 'legacy-gateway']);
    expect(zone.dataplanes('default').map((item) => item.name)).toContain('frontend-1');
    // A fresh global's default policies came down too, hashed, and no zone-made defaults.
    expect(
      zone.store.list('MeshTimeout', 'default').map((item) => item.labels?.['kuma.io/origin']),
    ).toEqual(['global', 'global']);
  });

  it('a fresh global has no zones yet', () => {
    expect(world({ mode: 'global', scenario: 'fresh' }).zones).toEqual([]);
  });
});
