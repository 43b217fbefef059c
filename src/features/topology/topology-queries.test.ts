import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { RequestOptions } from '../../kuma/client';
import type { KumaApi } from '../../kuma/queries/api';
import type { MeshEntry } from '../../kuma/queries/meshes';
import {
  COLLAPSE_ABOVE_DATAPLANES,
  CROSS_MESH_POLICIES_ABOVE,
  collapsedMeshesOf,
  prefetchMeshDetails,
  readsPoliciesAcrossMeshes,
} from './topology-queries';

function entry(name: string, dataplanes?: number): MeshEntry {
  return {
    mesh: { type: 'Mesh', name } as MeshEntry['mesh'],
    insight:
      dataplanes === undefined
        ? undefined
        : ({ name, dataplanes: { total: dataplanes } } as MeshEntry['insight']),
  };
}

describe('collapsedMeshesOf', () => {
  const small = [entry('a', 100), entry('b', COLLAPSE_ABOVE_DATAPLANES - 100)];
  const large = [entry('a', 200), entry('b', COLLAPSE_ABOVE_DATAPLANES - 199)];
  it.each([
    // [meshes, expand, collapse, folded, folded by default]
    ['at the limit', small, [], [], [], false],
    ['one dataplane over it', large, [], [], ['a', 'b'], true],
    ['without insights', [entry('a'), entry('b')], [], [], [], false],
    ['collapsed by choice', small, [], ['b'], ['b'], false],
    ['expanded by choice', large, ['b'], [], ['a'], true],
    ['both lists: collapse wins', large, ['a'], ['a'], ['a', 'b'], true],
    ['choices naming no mesh', small, ['x'], ['y'], [], false],
  ] as const)('%s', (_, entries, expand, collapse, folded, byDefault) => {
    const { collapsed, defaultCollapsed } = collapsedMeshesOf(entries, { expand, collapse });
    expect([...collapsed]).toEqual(folded);
    expect(defaultCollapsed).toBe(byDefault);
  });
});

describe('readsPoliciesAcrossMeshes', () => {
  const above = CROSS_MESH_POLICIES_ABOVE + 1;
  it.each([
    // [expanded, meshes, across]
    [0, 0, false],
    [1, 1, false], // one mesh: the same 4 requests either way, without other meshes' bytes
    [1, 2, false],
    [2, 2, true], // every mesh drawn: nothing read across meshes goes unused
    [2, 3, false],
    [CROSS_MESH_POLICIES_ABOVE, CROSS_MESH_POLICIES_ABOVE + 5, false],
    [above, above + 96, true],
    [above, Number.POSITIVE_INFINITY, true],
    [2, Number.POSITIVE_INFINITY, false], // the mesh list not in yet
  ])('%i of %d meshes expanded: %s', (expanded, meshes, across) => {
    expect(readsPoliciesAcrossMeshes(expanded, meshes)).toBe(across);
  });
});

describe('prefetchMeshDetails', () => {
  /** Every list the prefetch reads, with the priority it was asked with. */
  function recordingApi(asked: string[]): KumaApi {
    const getAll = async (path: string, _schema: unknown, options: RequestOptions = {}) => {
      asked.push(`${path} ${options.priority ?? 'normal'}`);
      return [];
    };
    return {
      caps: { identity: 'cp', serviceInsights: true, meshServices: true },
      client: { getAll },
    } as unknown as KumaApi;
  }

  it.each([
    ['a click', 'asked' as const, false],
    ['the screen', undefined, false],
    ['a click, policies across meshes', 'asked' as const, true],
  ])('asks for a mesh’s lists with the priority of %s', async (_, priority, acrossMeshes) => {
    const asked: string[] = [];
    const queryClient = new QueryClient();
    prefetchMeshDetails(
      queryClient,
      recordingApi(asked),
      ['a'],
      [entry('a', 500)],
      acrossMeshes,
      priority,
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    const lists = acrossMeshes
      ? ['/meshhttproutes', '/meshservices', '/meshtcproutes', '/meshtrafficpermissions']
      : [
          '/meshes/a/meshhttproutes',
          '/meshes/a/meshservices',
          '/meshes/a/meshtcproutes',
          '/meshes/a/meshtrafficpermissions',
        ];
    expect(asked.sort()).toEqual(
      ['/meshes/a/dataplanes/_overview', '/meshes/a/service-insights', ...lists]
        .sort()
        .map((path) => `${path} ${priority ?? 'normal'}`),
    );
  });
});
