import type { GatewayList } from '../../kuma/queries/gateways';
import type { DataplaneCounts, Mesh, MeshInsight } from '../../kuma/types';

export interface MeshRow {
  name: string;
  mtls: string | undefined;
  dataplanes: Required<DataplaneCounts>;
  builtinGateways: number;
  delegatedGateways: number;
}

function counts(value: DataplaneCounts | undefined): Required<DataplaneCounts> {
  return {
    total: value?.total ?? 0,
    online: value?.online ?? 0,
    offline: value?.offline ?? 0,
    partiallyDegraded: value?.partiallyDegraded ?? 0,
  };
}

/** One row per mesh, joining the mesh, its insight and the gateways found in it. */
export function meshRows(
  meshes: { mesh: Mesh; insight?: MeshInsight }[],
  gateways: GatewayList | undefined,
): MeshRow[] {
  return meshes.map(({ mesh, insight }) => ({
    name: mesh.name,
    mtls: mesh.mtls?.enabledBackend,
    dataplanes: counts(insight?.dataplanes),
    builtinGateways:
      gateways?.builtin.filter((entry) => entry.gateway.mesh === mesh.name).length ?? 0,
    delegatedGateways: gateways?.delegated.filter((entry) => entry.mesh === mesh.name).length ?? 0,
  }));
}
