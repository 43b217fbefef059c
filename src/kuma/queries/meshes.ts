import { queryOptions } from '@tanstack/react-query';
import { pathOf } from '../client';
import { listOf, meshInsightSchema, meshSchema } from '../schemas';
import type { Mesh, MeshInsight } from '../types';
import type { KumaApi } from './api';
import { meshKeys } from './keys';

/** A mesh as the mesh list holds it: the resource and its insight, if the control plane has one. */
export interface MeshEntry {
  mesh: Mesh;
  insight?: MeshInsight | undefined;
}

/** Every mesh with its insight: two requests whatever the number of dataplanes. */
export function meshListQuery(api: KumaApi) {
  return queryOptions({
    queryKey: meshKeys.list(api),
    queryFn: async ({ signal }): Promise<MeshEntry[]> => {
      const [meshes, insights] = await Promise.all([
        api.client.getAll('/meshes', listOf(meshSchema), { signal }),
        api.client.getAll('/mesh-insights', listOf(meshInsightSchema), { signal }),
      ]);
      const byName = new Map(insights.map((insight) => [insight.name, insight]));
      return meshes.map((mesh) => ({ mesh, insight: byName.get(mesh.name) }));
    },
  });
}

export function meshDetailQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: meshKeys.detail(api, mesh),
    queryFn: async ({ signal }) => {
      const [resource, insight] = await Promise.all([
        api.client.get(pathOf('meshes', mesh), meshSchema, { signal }),
        api.client.get(pathOf('mesh-insights', mesh), meshInsightSchema, { signal }),
      ]);
      return { mesh: resource, insight };
    },
  });
}
