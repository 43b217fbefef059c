import { z } from 'zod/mini';
import { kumaSchemas } from './schemas';
import type {
  ControlPlaneConfig,
  Dataplane,
  DataplaneOverview,
  IndexResponse,
  InspectRulesResponse,
  ListResponse,
  Mesh,
  MeshGateway,
  MeshHTTPRoute,
  MeshInsight,
  MeshService,
  MeshTCPRoute,
  MeshTrafficPermission,
  ResourceTypeDescription,
  ServiceInsight,
  ZoneOverview,
} from './types';

/**
 * What the dashboard accepts from any control plane version: the fields it reads are checked,
 * unknown ones pass, optional ones may be absent. Each schema is typed as the wire type it
 * guards, so screens work with `src/kuma/types.ts` and never with zod's inferred shapes.
 */
const loose = kumaSchemas('loose');
const counter = z.union([z.string(), z.number()]);

function typed<T>(schema: z.ZodMiniType): z.ZodMiniType<T> {
  return schema as z.ZodMiniType<T>;
}

export function listOf<T>(item: z.ZodMiniType<T>): z.ZodMiniType<ListResponse<T>> {
  return typed<ListResponse<T>>(
    z.looseObject({
      total: z.number(),
      items: z.array(item),
      next: z.optional(z.nullable(z.string())),
    }),
  );
}

export const indexSchema = typed<IndexResponse>(
  z.looseObject({ product: z.string(), version: z.string(), hostname: z.optional(z.string()) }),
);

export const configSchema = typed<ControlPlaneConfig>(
  z.looseObject({
    environment: z.enum(['universal', 'kubernetes']),
    mode: z.enum(['standalone', 'zone', 'global']),
    apiServer: z.optional(z.looseObject({ readOnly: z.optional(z.boolean()) })),
  }),
);

export const resourcesSchema = typed<{ resources: ResourceTypeDescription[] }>(
  z.looseObject({
    resources: z.array(
      z.looseObject({
        name: z.string(),
        path: z.string(),
        readOnly: z.boolean(),
        scope: z.string(),
      }),
    ),
  }),
);

const dataplaneCounts = z.looseObject({
  total: z.optional(z.number()),
  online: z.optional(z.number()),
  offline: z.optional(z.number()),
  partiallyDegraded: z.optional(z.number()),
});

export const meshInsightSchema = typed<MeshInsight>(
  z.looseObject({
    name: z.string(),
    dataplanes: z.optional(dataplaneCounts),
    dataplanesByType: z.optional(z.record(z.string(), dataplaneCounts)),
  }),
);

export const serviceInsightSchema = typed<ServiceInsight>(
  z.looseObject({
    name: z.string(),
    status: z.optional(z.string()),
    dataplanes: z.optional(dataplaneCounts),
    serviceType: z.optional(z.string()),
  }),
);

export const zoneOverviewSchema = typed<ZoneOverview>(
  z.looseObject({
    name: z.string(),
    zone: z.optional(z.looseObject({ enabled: z.optional(z.boolean()) })),
    zoneInsight: z.optional(
      z.looseObject({
        subscriptions: z.optional(
          z.array(
            z.looseObject({
              connectTime: z.optional(z.string()),
              disconnectTime: z.optional(z.string()),
              config: z.optional(z.string()),
              status: z.optional(
                z.looseObject({ total: z.optional(z.record(z.string(), counter)) }),
              ),
            }),
          ),
        ),
      }),
    ),
  }),
);

export const meshSchema = typed<Mesh>(loose.mesh);
export const dataplaneSchema = typed<Dataplane>(loose.dataplane);
export const dataplaneOverviewSchema = typed<DataplaneOverview>(loose.dataplaneOverview);
export const meshGatewaySchema = typed<MeshGateway>(loose.meshGateway);
export const meshHttpRouteSchema = typed<MeshHTTPRoute>(loose.meshHttpRoute);
export const meshTcpRouteSchema = typed<MeshTCPRoute>(loose.meshTcpRoute);
export const meshTrafficPermissionSchema = typed<MeshTrafficPermission>(
  loose.meshTrafficPermission,
);
export const meshServiceSchema = typed<MeshService>(loose.meshService);

export const inspectRulesSchema = typed<InspectRulesResponse>(
  z.looseObject({
    resource: z.looseObject({ type: z.string(), name: z.string() }),
    httpMatches: z.array(z.looseObject({ hash: z.string() })),
    rules: z.array(z.looseObject({ type: z.string() })),
  }),
);

/** Anything JSON (config dumps, Kubernetes-shaped resources). */
export const anyJsonSchema = typed<unknown>(z.unknown());
