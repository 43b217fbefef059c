import { describe, expect, it } from 'vitest';
import type { GatewayList } from '../../kuma/queries/gateways';
import type { MeshGateway } from '../../kuma/types';
import {
  edgeFrontsKey,
  type FrontableGateway,
  frontableGateways,
  isFronted,
  loadEdgeFronts,
  resolveEdgeFronts,
  saveEdgeFronts,
  setEdgeFront,
} from './edge-fronts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const PUBLIC: FrontableGateway = { id: 'gateway:builtin:a/public', byDefault: true };
const CROSS: FrontableGateway = { id: 'gateway:builtin:a/cross', byDefault: false };
const KONG: FrontableGateway = { id: 'gateway:delegated:b/kong', byDefault: true };

describe('edge-fronts storage', () => {
  it('keeps choices per control plane', () => {
    const storage = memoryStorage();
    saveEdgeFronts(storage, 'cp-1', { [PUBLIC.id]: false });
    expect(loadEdgeFronts(storage, 'cp-1')).toEqual({ [PUBLIC.id]: false });
    expect(loadEdgeFronts(storage, 'cp-2')).toEqual({});
    expect([...storage.items.keys()]).toEqual([edgeFrontsKey('cp-1')]);
  });

  it('removes the entry when no choice is left', () => {
    const storage = memoryStorage({ [edgeFrontsKey('cp')]: '{"x":true}' });
    saveEdgeFronts(storage, 'cp', {});
    expect(storage.items.size).toBe(0);
  });

  it.each(['not json', '[1,2]', 'null', '"text"', '{"a":"yes","b":true}'])(
    'reads %s as no (or only valid) choices',
    (stored) => {
      const storage = memoryStorage({ [edgeFrontsKey('cp')]: stored });
      const loaded = loadEdgeFronts(storage, 'cp');
      expect(Object.values(loaded).every((value) => typeof value === 'boolean')).toBe(true);
    },
  );

  it('works without storage and survives a throwing one', () => {
    expect(loadEdgeFronts(undefined, 'cp')).toEqual({});
    const throwing = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {},
    };
    expect(loadEdgeFronts(throwing, 'cp')).toEqual({});
    expect(() => saveEdgeFronts(throwing, 'cp', { a: true })).not.toThrow();
  });
});

describe('frontableGateways', () => {
  it('fronts built-in gateways with a listener that is not cross-mesh only, and delegated ones', () => {
    const gateway = (name: string, crossMesh: boolean[]): MeshGateway => ({
      type: 'MeshGateway',
      mesh: 'a',
      name,
      conf: { listeners: crossMesh.map((cross, i) => ({ port: 80 + i, crossMesh: cross })) },
    });
    const list: GatewayList = {
      builtin: [
        { gateway: gateway('public', [true, false]), instances: [] },
        { gateway: gateway('cross', [true]), instances: [] },
      ],
      delegated: [{ mesh: 'b', service: 'kong', dataplanes: [] }],
      proxies: [],
    };
    expect(frontableGateways(list)).toEqual([PUBLIC, CROSS, KONG]);
    expect(frontableGateways(undefined)).toEqual([]);
  });
});

describe('choosing what the edge fronts', () => {
  it('starts at the default: no set, the model decides', () => {
    expect(resolveEdgeFronts([PUBLIC, CROSS, KONG], {})).toBeUndefined();
    expect(isFronted(PUBLIC, {})).toBe(true);
    expect(isFronted(CROSS, {})).toBe(false);
  });

  it('keeps only departures from the default', () => {
    let overrides = setEdgeFront({}, PUBLIC, false);
    expect(overrides).toEqual({ [PUBLIC.id]: false });
    overrides = setEdgeFront(overrides, CROSS, true);
    expect(overrides).toEqual({ [PUBLIC.id]: false, [CROSS.id]: true });
    overrides = setEdgeFront(overrides, PUBLIC, true);
    expect(overrides).toEqual({ [CROSS.id]: true });
  });

  it('resolves choices into the full set of fronted gateways', () => {
    const fronts = resolveEdgeFronts([PUBLIC, CROSS, KONG], {
      [PUBLIC.id]: false,
      [CROSS.id]: true,
    });
    expect(fronts && [...fronts]).toEqual([CROSS.id, KONG.id]);
  });

  it('ignores choices about gateways that are gone', () => {
    expect(resolveEdgeFronts([PUBLIC, KONG], { 'gateway:builtin:gone/x': false })).toBeUndefined();
  });
});
