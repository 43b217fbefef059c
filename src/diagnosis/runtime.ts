/** §4.6 checks (`meshGatewayRuntimeWarnings`), keyed by listener for the rules that report them. */
import type { Mesh, MeshGateway } from '../kuma/types';
import { meshGatewayRuntimeWarnings } from '../kuma/validation/runtime-warnings';

export const CROSS_MESH_MTLS_MESSAGE = 'mTLS must be enabled for crossMesh-enabled MeshGateways';
export const CROSS_MESH_PROTOCOL_MESSAGE = 'protocol is not supported with crossMesh';

export interface ListenerWarning {
  listenerIndex: number;
  field: string;
  message: string;
}

/** The runtime (config-generation) failures of a MeshGateway's listeners. */
export function listenerRuntimeWarnings(
  gateway: MeshGateway,
  mesh: Mesh | undefined,
): ListenerWarning[] {
  return meshGatewayRuntimeWarnings(gateway, mesh).flatMap((violation) => {
    const match = /^conf\.listeners\[(\d+)\]/.exec(violation.field);
    return match
      ? [{ listenerIndex: Number(match[1]), field: violation.field, message: violation.message }]
      : [];
  });
}
