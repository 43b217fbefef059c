import { describe, expect, it } from 'vitest';
import {
  applyTopologyParams,
  filterOf,
  readTopologyParams,
  setAllMeshes,
  splitList,
  type TopologyParamChanges,
  toggleMesh,
} from './topology-params';

describe('readTopologyParams', () => {
  it.each([
    ['', { meshes: [], q: '', expand: [], collapse: [] }],
    [
      'mesh=team-1,team-2&kind=builtin&health=offline&q=front',
      { meshes: ['team-1', 'team-2'], kind: 'builtin', health: 'offline', q: 'front' },
    ],
    ['mesh=%20a%20,,a,b,', { meshes: ['a', 'b'] }],
    ['expand=a,b&collapse=c', { expand: ['a', 'b'], collapse: ['c'] }],
    ['selected=gateway%3Abuiltin%3Ateam-1%2Fgw', { selected: 'gateway:builtin:team-1/gw' }],
  ])('?%s', (query, expected) => {
    expect(readTopologyParams(new URLSearchParams(query))).toMatchObject(expected);
  });

  it.each(['kind=BUILTIN', 'kind=mesh', 'health=unknown', 'health='])(
    'ignores an unknown value: ?%s',
    (query) => {
      const params = readTopologyParams(new URLSearchParams(query));
      expect(params.kind).toBeUndefined();
      expect(params.health).toBeUndefined();
    },
  );
});

describe('filterOf', () => {
  it('gives an empty filter for no parameters', () => {
    expect(filterOf(readTopologyParams(new URLSearchParams('')))).toEqual({});
  });

  it('maps every parameter, trimming the text', () => {
    expect(
      filterOf(
        readTopologyParams(new URLSearchParams('mesh=a&kind=delegated&health=degraded&q=%20x%20')),
      ),
    ).toEqual({ meshes: ['a'], gatewayKind: 'delegated', health: 'degraded', text: 'x' });
  });
});

describe('applyTopologyParams', () => {
  it.each<[string, TopologyParamChanges, string]>([
    ['tab=mermaid', { meshes: ['a', 'b'] }, 'tab=mermaid&mesh=a%2Cb'],
    ['mesh=a', { meshes: [] }, ''],
    ['kind=builtin&q=x', { kind: undefined, q: '' }, ''],
    ['', { health: 'online', selected: 'client' }, 'health=online&selected=client'],
    ['expand=a', { expand: [], collapse: ['b', 'b'] }, 'collapse=b'],
  ])('?%s + %j → ?%s', (query, changes, expected) => {
    expect(applyTopologyParams(new URLSearchParams(query), changes).toString()).toBe(expected);
  });

  it('round-trips through readTopologyParams', () => {
    const url = applyTopologyParams(new URLSearchParams(), {
      meshes: ['m-1', 'm-2'],
      kind: 'delegated',
      expand: ['m-3'],
      selected: 'mesh:m-1',
    });
    expect(readTopologyParams(url)).toEqual({
      meshes: ['m-1', 'm-2'],
      kind: 'delegated',
      q: '',
      expand: ['m-3'],
      collapse: [],
      selected: 'mesh:m-1',
    });
  });
});

describe('toggleMesh', () => {
  it.each([
    // [expand, collapse, mesh, collapse?, defaultCollapsed, expected]
    [[], [], 'a', true, false, { expand: [], collapse: ['a'] }],
    [[], ['a'], 'a', false, false, { expand: [], collapse: [] }],
    [[], [], 'a', false, true, { expand: ['a'], collapse: [] }],
    [['a', 'b'], [], 'a', true, true, { expand: ['b'], collapse: [] }],
    [['a'], ['c'], 'c', true, false, { expand: ['a'], collapse: ['c'] }],
  ] as const)(
    'expand=%j collapse=%j, %s collapse=%s (default %s)',
    (expand, collapse, mesh, toCollapse, byDefault, expected) => {
      expect(toggleMesh({ expand, collapse }, mesh, toCollapse, byDefault)).toEqual(expected);
    },
  );
});

describe('setAllMeshes', () => {
  it('keeps the URL empty when the choice is the default', () => {
    expect(setAllMeshes(['a', 'b'], true, true)).toEqual({ expand: [], collapse: [] });
    expect(setAllMeshes(['a', 'b'], false, false)).toEqual({ expand: [], collapse: [] });
  });

  it('lists every mesh otherwise', () => {
    expect(setAllMeshes(['a', 'b'], true, false)).toEqual({ expand: [], collapse: ['a', 'b'] });
    expect(setAllMeshes(['a', 'b'], false, true)).toEqual({ expand: ['a', 'b'], collapse: [] });
  });
});

describe('splitList', () => {
  it.each([
    [null, []],
    ['', []],
    ['a', ['a']],
    ['a, b ,a', ['a', 'b']],
  ])('%j → %j', (value, expected) => {
    expect(splitList(value)).toEqual(expected);
  });
});
