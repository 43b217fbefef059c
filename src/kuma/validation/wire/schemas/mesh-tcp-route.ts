/**
 * The OpenAPI schema kuma-cp checks a MeshTCPRoute body against on PUT.
 */
import type { KumaVersion } from '../../../version';
import type { StructuralSchema } from '../structural';

export function meshTcpRouteSchema(_version: KumaVersion): StructuralSchema | undefined {
  return undefined;
}
