/**
 * The OpenAPI schema kuma-cp checks a MeshHTTPRoute body against on PUT.
 */
import type { KumaVersion } from '../../../version';
import type { StructuralSchema } from '../structural';

export function meshHttpRouteSchema(_version: KumaVersion): StructuralSchema | undefined {
  return undefined;
}
