import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clearDraft,
  type DraftEntry,
  draftKey,
  draftsRevision,
  draftsToPrune,
  latestCreateDraft,
  listDrafts,
  loadDraft,
  MAX_DRAFT_AGE_MS,
  parseDraft,
  parseDraftKey,
  saveDraft,
  subscribeDrafts,
} from './drafts';

/** localStorage for the node environment: the real Storage interface over a Map. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

beforeEach(() => vi.stubGlobal('localStorage', memoryStorage()));
afterEach(() => vi.unstubAllGlobals());

const CP = 'Kuma|2.14.3|cluster|instance';

describe('parseDraftKey', () => {
  it.each([
    [draftKey(CP, 'payments', 'MeshGateway', undefined), { mesh: 'payments', type: 'MeshGateway' }],
    [
      draftKey(CP, 'default', 'MeshHTTPRoute', 'edge-routes'),
      { mesh: 'default', type: 'MeshHTTPRoute', name: 'edge-routes' },
    ],
    [draftKey('other|cp', 'default', 'MeshGateway', undefined), undefined],
    [`${draftKey(CP, 'default', 'MeshGateway', undefined)}:extra`, undefined],
    ['kuma-dashboard:draft:', undefined],
    ['unrelated', undefined],
    [
      draftKey(CP, 'default', 'MeshTrafficPermission', 'new:edge-gateway:orders'),
      {
        mesh: 'default',
        type: 'MeshTrafficPermission',
        fix: { source: 'edge-gateway', service: 'orders' },
      },
    ],
    [draftKey(CP, 'default', 'MeshTrafficPermission', 'new:edge-gateway:'), undefined],
    [draftKey(CP, 'default', 'MeshTrafficPermission', 'old:edge-gateway:orders'), undefined],
    [draftKey(CP, 'default', 'MeshTrafficPermission', 'new:a:b:c'), undefined],
  ])('%s', (key, expected) => {
    expect(parseDraftKey(CP, key)).toEqual(expected);
  });
});

describe('listDrafts', () => {
  it('lists this control plane’s drafts, newest first, with the typed name and the form address', () => {
    saveDraft(draftKey(CP, 'payments', 'MeshGateway', undefined), {
      savedAt: '2026-12-03T10:00:00.000Z',
      values: { name: ' pay-gw ' },
      at: '/gateways/new?mesh=payments&kind=builtin',
    });
    saveDraft(draftKey(CP, 'default', 'MeshGateway', 'edge-gateway'), {
      savedAt: '2026-12-03T11:00:00.000Z',
      values: { name: 'edge-gateway' },
      at: '/meshes/default/gateways/edge-gateway/edit',
    });
    saveDraft(draftKey('another-cp', 'default', 'MeshGateway', undefined), {
      savedAt: '2026-12-03T12:00:00.000Z',
      values: {},
    });
    localStorage.setItem(draftKey(CP, 'default', 'Dataplane', undefined), 'not json');
    saveDraft(draftKey(CP, 'default', 'MeshTCPRoute', undefined), {
      savedAt: '2026-12-03T09:00:00.000Z',
      values: { name: '' },
      // Only an address in this app is followed.
      at: 'https://elsewhere.example/',
    });
    expect(listDrafts(CP)).toEqual([
      {
        key: draftKey(CP, 'default', 'MeshGateway', 'edge-gateway'),
        mesh: 'default',
        type: 'MeshGateway',
        name: 'edge-gateway',
        savedAt: '2026-12-03T11:00:00.000Z',
        at: '/meshes/default/gateways/edge-gateway/edit',
      },
      {
        key: draftKey(CP, 'payments', 'MeshGateway', undefined),
        mesh: 'payments',
        type: 'MeshGateway',
        typedName: 'pay-gw',
        savedAt: '2026-12-03T10:00:00.000Z',
        at: '/gateways/new?mesh=payments&kind=builtin',
      },
      {
        key: draftKey(CP, 'default', 'MeshTCPRoute', undefined),
        mesh: 'default',
        type: 'MeshTCPRoute',
        savedAt: '2026-12-03T09:00:00.000Z',
      },
    ]);
  });

  it('lists a "Fix: allow" permission draft as a create, with what it allows', () => {
    saveDraft(draftKey(CP, 'default', 'MeshTrafficPermission', 'new:edge-gateway:orders'), {
      savedAt: '2026-12-03T10:00:00.000Z',
      values: { name: 'allow-edge-gateway-to-orders' },
      at: '/meshes/default/permissions/new?gateway=edge-gateway',
    });
    expect(listDrafts(CP)).toEqual([
      {
        key: draftKey(CP, 'default', 'MeshTrafficPermission', 'new:edge-gateway:orders'),
        mesh: 'default',
        type: 'MeshTrafficPermission',
        fix: { source: 'edge-gateway', service: 'orders' },
        typedName: 'allow-edge-gateway-to-orders',
        savedAt: '2026-12-03T10:00:00.000Z',
        at: '/meshes/default/permissions/new?gateway=edge-gateway',
      },
    ]);
  });

  it.each([
    ['not JSON', '{"savedAt":'],
    ['JSON null', 'null'],
    ['no values', '{"savedAt":"2026-12-03T10:00:00.000Z"}'],
    ['values not an object', '{"savedAt":"2026-12-03T10:00:00.000Z","values":"x"}'],
    ['no time', '{"values":{}}'],
    ['a time of the wrong type', '{"savedAt":5,"values":{}}'],
  ])('skips an entry that is %s, and still lists the others', (_case, text) => {
    saveDraft(draftKey(CP, 'default', 'MeshGateway', 'good'), {
      savedAt: '2026-12-03T10:00:00.000Z',
      values: {},
    });
    localStorage.setItem(draftKey(CP, 'default', 'MeshGateway', 'broken'), text);
    expect(listDrafts(CP).map((entry) => entry.name)).toEqual(['good']);
    expect(loadDraft(draftKey(CP, 'default', 'MeshGateway', 'broken'))).toBeUndefined();
  });

  it('follows only an address in this app', () => {
    const at = (value: string) => {
      saveDraft(draftKey(CP, 'default', 'MeshGateway', 'edge'), {
        savedAt: '2026-12-03T10:00:00.000Z',
        values: {},
        at: value,
      });
      return listDrafts(CP)[0]?.at;
    };
    expect(at('/gateways/new?mesh=default')).toBe('/gateways/new?mesh=default');
    expect(at('//elsewhere.example/')).toBeUndefined();
    expect(at('/\\elsewhere.example/')).toBeUndefined();
  });

  it('is empty without storage', () => {
    vi.stubGlobal('localStorage', undefined);
    expect(listDrafts(CP)).toEqual([]);
  });
});

describe('latestCreateDraft', () => {
  const entry = (mesh: string, type: string, name?: string): DraftEntry => ({
    key: `${mesh}:${type}:${name ?? 'new'}`,
    mesh,
    type,
    ...(name ? { name } : {}),
    savedAt: '',
  });
  const drafts = [
    entry('default', 'MeshGateway', 'edge'),
    entry('gone', 'MeshGateway'),
    entry('payments', 'Dataplane'),
    entry('payments', 'MeshGateway'),
  ];

  it.each([
    [['MeshGateway', 'Dataplane'], ['default', 'payments'], 'payments:Dataplane:new'],
    [['MeshGateway'], ['default', 'payments'], 'payments:MeshGateway:new'],
    [['MeshGateway'], ['default', 'payments', 'gone'], 'gone:MeshGateway:new'],
    [['MeshHTTPRoute'], ['default', 'payments'], undefined],
    [['MeshGateway'], ['default'], undefined],
  ])('%j in %j → %s', (types, meshes, key) => {
    expect(latestCreateDraft(drafts, types, meshes)?.key).toBe(key);
  });
});

describe('parseDraft', () => {
  it.each<[string, string | null, boolean]>([
    ['a draft', '{"savedAt":"2026-12-03T10:00:00.000Z","values":{"name":"a"}}', true],
    ['nothing', null, false],
    ['an empty string', '', false],
    ['an array', '[]', false],
    ['a number', '7', false],
  ])('%s', (_case, text, isDraft) => {
    expect(parseDraft(text) !== undefined).toBe(isDraft);
  });
});

describe('draftsToPrune: the store stays bounded', () => {
  const now = Date.parse('2026-12-03T12:00:00.000Z');
  const entry = (key: string, ageMs: number) => ({
    key,
    text: JSON.stringify({ savedAt: new Date(now - ageMs).toISOString(), values: {} }),
  });
  it.each<[string, { key: string; text: string | null }[], number, string[]]>([
    ['nothing to do within the bounds', [entry('a', 0), entry('b', 1000)], 5, []],
    ['the oldest beyond the count go', [entry('a', 3), entry('b', 1), entry('c', 2)], 2, ['a']],
    ['a draft older than the age limit goes', [entry('a', MAX_DRAFT_AGE_MS + 1)], 5, ['a']],
    ['a draft just within the age limit stays', [entry('a', MAX_DRAFT_AGE_MS)], 5, []],
    [
      'entries that are not drafts go first, and do not count',
      [{ key: 'x', text: 'garbage' }, { key: 'y', text: null }, entry('a', 0), entry('b', 1)],
      2,
      ['x', 'y'],
    ],
  ])('%s', (_case, entries, max, pruned) => {
    expect(draftsToPrune(entries, now, max)).toEqual(pruned);
  });

  it('saving a draft prunes the store', () => {
    const stale = draftKey(CP, 'default', 'MeshGateway', 'stale');
    localStorage.setItem(
      stale,
      JSON.stringify({ savedAt: '2020-01-01T00:00:00.000Z', values: { name: 'stale' } }),
    );
    localStorage.setItem('kuma-dashboard:settings', '{}');
    saveDraft(draftKey(CP, 'default', 'MeshGateway', 'fresh'), {
      savedAt: '2026-12-03T10:00:00.000Z',
      values: {},
    });
    expect(localStorage.getItem(stale)).toBeNull();
    // Only drafts are the drafts' business.
    expect(localStorage.getItem('kuma-dashboard:settings')).toBe('{}');
    expect(listDrafts(CP).map((draft) => draft.name)).toEqual(['fresh']);
  });
});

describe('subscribeDrafts', () => {
  it('tells this tab of a save and a discard, until unsubscribed', () => {
    const heard: number[] = [];
    const unsubscribe = subscribeDrafts(() => heard.push(draftsRevision()));
    const key = draftKey(CP, 'default', 'MeshGateway', 'edge');
    saveDraft(key, { savedAt: '2026-12-03T10:00:00.000Z', values: {} });
    clearDraft(key);
    unsubscribe();
    saveDraft(key, { savedAt: '2026-12-03T10:00:00.000Z', values: {} });
    expect(heard).toHaveLength(2);
    expect(heard[1]).toBeGreaterThan(heard[0] ?? Number.POSITIVE_INFINITY);
  });
});
