import { describe, expect, it } from 'vitest';
import type { MeshLive } from '../../kuma/queries/topology';
import { selectAllPolicies } from './topology-live';

const route = (mesh: string, name: string) => ({ type: 'MeshHTTPRoute', mesh, name }) as never;

describe('selectAllPolicies', () => {
  it.each([
    { why: 'nothing read: no mesh', routes: [], meshes: [] },
    {
      why: 'routes land in their own mesh',
      routes: [route('a', 'r1'), route('b', 'r2'), route('a', 'r3')],
      meshes: ['a', 'b'],
    },
  ])('$why', ({ routes, meshes }) => {
    const data = {
      httpRoutes: routes,
      tcpRoutes: [],
      trafficPermissions: [],
      meshServices: [],
    } as unknown as Omit<MeshLive, 'serviceInsights'>;
    const byMesh = selectAllPolicies(data);
    expect(Object.keys(byMesh).sort()).toEqual(meshes);
    for (const mesh of meshes)
      expect(
        byMesh[mesh]?.policies.httpRoutes.every((r: { mesh: string }) => r.mesh === mesh),
      ).toBe(true);
  });
});
