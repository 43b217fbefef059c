import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type DraftEntry,
  draftKey,
  latestCreateDraft,
  listDrafts,
  parseDraftKey,
  saveDraft,
} from './drafts';

/** sessionStorage for the node environment: the real Storage interface over a Map. */
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

beforeEach(() => vi.stubGlobal('sessionStorage', memoryStorage()));
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
    sessionStorage.setItem(draftKey(CP, 'default', 'Dataplane', undefined), 'not json');
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

  it('is empty without storage', () => {
    vi.stubGlobal('sessionStorage', undefined);
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
