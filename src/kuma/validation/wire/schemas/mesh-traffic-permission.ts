/**
 * The OpenAPI schema kuma-cp checks a MeshTrafficPermission body against on PUT.
 */
import type { KumaVersion } from '../../../version';
import type { StructuralSchema } from '../structural';

export function meshTrafficPermissionSchema(_version: KumaVersion): StructuralSchema | undefined {
  return undefined;
}
