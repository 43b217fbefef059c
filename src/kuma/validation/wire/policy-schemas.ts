/**
 * The OpenAPI schemas kuma-cp checks new-style resources against on PUT, per kind and release
 * (each kind's `rest.yaml` in 2.14, `schema.yaml` in 2.6).
 */
import type { KumaVersion } from '../../version';
import { meshHttpRouteSchema } from './schemas/mesh-http-route';
import { meshServiceSchema } from './schemas/mesh-service';
import { meshTcpRouteSchema } from './schemas/mesh-tcp-route';
import { meshTrafficPermissionSchema } from './schemas/mesh-traffic-permission';
import type { StructuralSchema } from './structural';

const SCHEMAS: Record<string, (version: KumaVersion) => StructuralSchema | undefined> = {
  MeshHTTPRoute: meshHttpRouteSchema,
  MeshTCPRoute: meshTcpRouteSchema,
  MeshTrafficPermission: meshTrafficPermissionSchema,
  MeshService: meshServiceSchema,
};

export function policySchema(kind: string, version: KumaVersion): StructuralSchema | undefined {
  return SCHEMAS[kind]?.(version);
}
