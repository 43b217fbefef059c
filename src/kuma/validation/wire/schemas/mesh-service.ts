/**
 * The OpenAPI schema kuma-cp checks a MeshService body against on PUT.
 */
import type { KumaVersion } from '../../../version';
import type { StructuralSchema } from '../structural';

export function meshServiceSchema(_version: KumaVersion): StructuralSchema | undefined {
  return undefined;
}
