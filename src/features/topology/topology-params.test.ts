import { describe, expect, it } from 'vitest';
import {
  applyTopologyParams,
  EXPAND_ALL_SERVICE_BUDGET,
  expandAllNote,
  expandOnly,
  filterOf,
  meshChoicesOf,
  planExpandAll,
  readTab,
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

describe('meshChoicesOf: what the URL draws in full or folds', () => {
  it.each([
    // [query, traced mesh, expected]
    ['', undefined, { expand: [], collapse: [] }],
    ['expand=a&collapse=b', undefined, { expand: ['a'], collapse: ['b'] }],
    // The canvas filters by ?mesh= without expanding; mermaid draws the picked meshes in full.
    ['mesh=a,b&collapse=b', undefined, { expand: [], collapse: ['b'] }],
    ['tab=mermaid&mesh=a,b&collapse=b', undefined, { expand: ['a', 'b'], collapse: [] }],
    ['tab=mermaid&mesh=a&expand=a', undefined, { expand: ['a'], collapse: [] }],
    // A traced request's mesh is drawn in full on both tabs.
    ['collapse=t,u', 't', { expand: ['t'], collapse: ['u'] }],
  ] as const)('?%s, traced mesh %s', (query, traced, expected) => {
    const search = new URLSearchParams(query);
    expect(meshChoicesOf(readTopologyParams(search), readTab(search), traced)).toEqual(expected);
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

describe('planExpandAll', () => {
  const meshes = (count: number, services: number) =>
    Array.from({ length: count }, (_, index) => ({
      mesh: `mesh-${String(index + 1).padStart(2, '0')}`,
      services,
    }));

  it.each([
    // The default large scenario: 500 services in 10 meshes, all drawn.
    { count: 10, services: 50, first: [], expanded: 10, drawn: 500, capped: false },
    // 5,000 services in 100 meshes: 12 meshes, 600 services.
    { count: 100, services: 50, first: [], expanded: 12, drawn: 600, capped: true },
    // One mesh bigger than the budget is still expanded, alone.
    { count: 3, services: 700, first: [], expanded: 1, drawn: 700, capped: true },
    { count: 0, services: 0, first: [], expanded: 0, drawn: 0, capped: false },
  ])(
    '$count meshes of $services services: $expanded expanded',
    ({ count, services, first, expanded, drawn, capped }) => {
      const plan = planExpandAll(meshes(count, services), first);
      expect(plan.expand).toHaveLength(expanded);
      expect(plan.services).toBe(drawn);
      expect(plan.totalServices).toBe(count * services);
      expect(plan.capped).toBe(capped);
      expect(plan.services <= EXPAND_ALL_SERVICE_BUDGET || plan.expand.length === 1).toBe(true);
    },
  );

  it('takes the meshes the user picked first, then the rest by name (naturally)', () => {
    const plan = planExpandAll(
      [
        { mesh: 'mesh-10', services: 100 },
        { mesh: 'mesh-9', services: 100 },
        { mesh: 'mesh-2', services: 100 },
        { mesh: 'zeta', services: 100 },
      ],
      ['zeta'],
      300,
    );
    expect(plan.expand).toEqual(['zeta', 'mesh-2', 'mesh-9']);
  });

  it.each([
    [planExpandAll(meshes(10, 50)), undefined],
    [
      planExpandAll(meshes(100, 50)),
      'Expanded 12 of 100 meshes (600 of 5,000 services): expand others one by one or filter.',
    ],
  ])('says what it left out: %#', (plan, note) => {
    expect(expandAllNote(plan)).toBe(note);
  });
});

describe('expandOnly', () => {
  it.each([
    [true, { expand: ['b'], collapse: [] }],
    [false, { expand: [], collapse: ['a', 'c'] }],
  ])('default collapsed %s', (defaultCollapsed, expected) => {
    expect(expandOnly(['a', 'b', 'c'], ['b'], defaultCollapsed)).toEqual(expected);
  });
});
