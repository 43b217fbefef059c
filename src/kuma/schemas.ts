import { z } from 'zod/mini';
import {
  backendRefTarget,
  counter,
  known,
  meshMetaOf,
  metaOf,
  object,
  port,
  stringMap,
} from './schema-parts';

/**
 * The Kuma control plane's REST API (2.6 – 2.14, 3.x) as the dashboard reads it: one schema per
 * resource (policies in `./policy-schemas`), and the wire types in `./types` are inferred from these, so what a screen may rely
 * on is exactly what the response was checked for. Unknown fields pass (`looseObject`: newer
 * releases add fields), and a field some release or resource leaves out is optional.
 *
 * Legacy resources (Mesh, Dataplane, MeshGateway, insights) are flat protojson objects: zero
 * values are dropped (a delegated gateway has no `type`), 64-bit counters are strings.
 * New-style resources (MeshHTTPRoute, MeshTCPRoute, MeshTrafficPermission, MeshService) nest
 * their payload under `spec` / `status`. Values Kuma documents as enums stay strings here: a
 * response from a newer release may carry one this dashboard does not know, and one unknown
 * value must not fail the whole list. The PUT side (protojson's and Go's decoding, as kuma-cp
 * rejects a body) is `src/kuma/validation/wire`.
 * @see https://kuma.io/docs/2.14.x/reference/http-api/
 */

// ---------------------------------------------------------------- system

export const indexSchema = object({
  product: z.string(),
  version: z.string(),
  hostname: z.optional(z.string()),
  instanceId: z.optional(z.string()),
  clusterId: z.optional(z.string()),
  gui: z.optional(z.string()),
  basedOnKuma: z.optional(z.string()),
  /** 2.6 – 2.8 only: deprecated copy of `product`. */
  tagline: z.optional(z.string()),
});

/** The subset of `GET /config` a dashboard reads; the real body is the whole kuma-cp config. */
export const configSchema = object({
  environment: z.enum(['universal', 'kubernetes']),
  mode: z.enum(['standalone', 'zone', 'global']),
  store: z.optional(object({ type: z.optional(z.string()) })),
  apiServer: z.optional(
    object({
      readOnly: z.optional(z.boolean()),
      http: z.optional(object({ port: z.optional(z.number()) })),
    }),
  ),
  multizone: z.optional(
    object({
      zone: z.optional(
        object({ name: z.optional(z.string()), globalAddress: z.optional(z.string()) }),
      ),
    }),
  ),
});

const policyFlags = object({
  hasToTargetRef: z.boolean(),
  hasFromTargetRef: z.boolean(),
  hasRulesTargetRef: z.optional(z.boolean()),
  isTargetRef: z.boolean(),
  isFromAsRules: z.optional(z.boolean()),
});

/** One type of `GET /_resources`. */
export const resourceTypeSchema = object({
  name: z.string(),
  path: z.string(),
  readOnly: z.boolean(),
  scope: z.string(),
  singularDisplayName: z.optional(z.string()),
  pluralDisplayName: z.optional(z.string()),
  shortName: z.optional(z.string()),
  includeInFederation: z.optional(z.boolean()),
  policy: z.optional(policyFlags),
});

export const resourcesSchema = object({ resources: z.array(resourceTypeSchema) });

// ---------------------------------------------------------------- mesh

export const meshSchema = object({
  ...metaOf('Mesh'),
  mtls: z.optional(
    object({
      enabledBackend: z.optional(z.string()),
      backends: z.optional(
        z.array(
          object({
            name: z.string(),
            type: z.string(),
            dpCert: z.optional(z.unknown()),
            conf: z.optional(z.unknown()),
            mode: z.optional(z.string()),
            rootChain: z.optional(z.unknown()),
          }),
        ),
      ),
      skipValidation: z.optional(z.boolean()),
    }),
  ),
  /** 2.9+. */
  meshServices: z.optional(
    object({ mode: known(['Disabled', 'Everywhere', 'ReachableBackends', 'Exclusive']) }),
  ),
  networking: z.optional(
    object({ outbound: z.optional(object({ passthrough: z.optional(z.boolean()) })) }),
  ),
  routing: z.optional(z.unknown()),
  constraints: z.optional(z.unknown()),
  logging: z.optional(z.unknown()),
  metrics: z.optional(z.unknown()),
  tracing: z.optional(z.unknown()),
  skipCreatingInitialPolicies: z.optional(z.array(z.string())),
});

export const dataplaneCountsSchema = object({
  total: z.optional(z.number()),
  online: z.optional(z.number()),
  offline: z.optional(z.number()),
  partiallyDegraded: z.optional(z.number()),
});

const countsByName = z.record(z.string(), dataplaneCountsSchema);
const totals = z.record(z.string(), object({ total: z.number() }));

export const meshInsightSchema = object({
  ...metaOf('MeshInsight'),
  lastSync: z.optional(z.string()),
  dataplanes: z.optional(dataplaneCountsSchema),
  dataplanesByType: z.optional(
    object({
      standard: z.optional(dataplaneCountsSchema),
      gateway: z.optional(dataplaneCountsSchema),
      gatewayBuiltin: z.optional(dataplaneCountsSchema),
      gatewayDelegated: z.optional(dataplaneCountsSchema),
    }),
  ),
  policies: z.optional(totals),
  resources: z.optional(totals),
  dpVersions: z.optional(
    object({ kumaDp: z.optional(countsByName), envoy: z.optional(countsByName) }),
  ),
  mTLS: z.optional(
    object({
      issuedBackends: z.optional(countsByName),
      supportedBackends: z.optional(countsByName),
    }),
  ),
  services: z.optional(
    object({
      total: z.optional(z.number()),
      internal: z.optional(z.number()),
      external: z.optional(z.number()),
    }),
  ),
});

// ---------------------------------------------------------------- dataplane

export const dataplaneInboundSchema = object({
  /** Required by kuma-cp's validation, so every stored inbound has one. */
  port,
  servicePort: z.optional(port),
  serviceAddress: z.optional(z.string()),
  address: z.optional(z.string()),
  name: z.optional(z.string()),
  tags: z.optional(stringMap),
  health: z.optional(object({ ready: z.optional(z.boolean()) })),
  /** Ready, NotReady or Ignored. */
  state: z.optional(z.string()),
  serviceProbe: z.optional(z.unknown()),
});

export const dataplaneOutboundSchema = object({
  port: z.optional(port),
  address: z.optional(z.string()),
  tags: z.optional(stringMap),
  backendRef: z.optional(backendRefTarget),
});

export const dataplaneNetworkingSchema = object({
  address: z.optional(z.string()),
  advertisedAddress: z.optional(z.string()),
  /** Absent `type` means DELEGATED: protojson drops the zero value. */
  gateway: z.optional(object({ type: z.optional(z.string()), tags: z.optional(stringMap) })),
  inbound: z.optional(z.array(dataplaneInboundSchema)),
  outbound: z.optional(z.array(dataplaneOutboundSchema)),
  /** 2.14 zone-proxy listeners. */
  listeners: z.optional(z.array(z.unknown())),
  admin: z.optional(object({ port: z.optional(port) })),
  transparentProxying: z.optional(z.record(z.string(), z.unknown())),
});

export const dataplaneSchema = object({
  ...meshMetaOf('Dataplane'),
  networking: dataplaneNetworkingSchema,
  probes: z.optional(z.unknown()),
  metrics: z.optional(z.unknown()),
});

const discoveryStats = object({
  responsesSent: z.optional(counter),
  responsesAcknowledged: z.optional(counter),
  responsesRejected: z.optional(counter),
});

export const discoverySubscriptionSchema = object({
  id: z.string(),
  controlPlaneInstanceId: z.string(),
  connectTime: z.optional(z.string()),
  disconnectTime: z.optional(z.string()),
  status: z.optional(
    object({
      lastUpdateTime: z.optional(z.string()),
      total: z.optional(discoveryStats),
      cds: z.optional(discoveryStats),
      eds: z.optional(discoveryStats),
      lds: z.optional(discoveryStats),
      rds: z.optional(discoveryStats),
    }),
  ),
  version: z.optional(
    object({
      kumaDp: z.optional(
        object({
          version: z.optional(z.string()),
          gitTag: z.optional(z.string()),
          gitCommit: z.optional(z.string()),
          buildDate: z.optional(z.string()),
          kumaCpCompatible: z.optional(z.boolean()),
        }),
      ),
      envoy: z.optional(
        object({
          version: z.optional(z.string()),
          build: z.optional(z.string()),
          kumaDpCompatible: z.optional(z.boolean()),
        }),
      ),
    }),
  ),
  generation: z.optional(z.number()),
});

export const dataplaneInsightSchema = object({
  subscriptions: z.optional(z.array(discoverySubscriptionSchema)),
  mTLS: z.optional(
    object({
      certificateExpirationTime: z.optional(z.string()),
      lastCertificateRegeneration: z.optional(z.string()),
      certificateRegenerations: z.optional(z.number()),
      issuedBackend: z.optional(z.string()),
      supportedBackends: z.optional(z.array(z.string())),
    }),
  ),
  metadata: z.optional(z.record(z.string(), z.unknown())),
});

export const dataplaneOverviewSchema = object({
  ...meshMetaOf('DataplaneOverview'),
  dataplane: object({ networking: dataplaneNetworkingSchema }),
  dataplaneInsight: z.optional(dataplaneInsightSchema),
});

// ---------------------------------------------------------------- built-in gateway

export const dataSourceSchema = object({
  secret: z.optional(z.string()),
  inline: z.optional(z.string()),
  inlineString: z.optional(z.string()),
  file: z.optional(z.string()),
});

export const meshGatewayListenerSchema = object({
  port: z.optional(port),
  /** HTTP, HTTPS, TCP or TLS. */
  protocol: z.optional(z.string()),
  hostname: z.optional(z.string()),
  tls: z.optional(
    object({
      /** TERMINATE or PASSTHROUGH. */
      mode: z.optional(z.string()),
      certificates: z.optional(z.array(dataSourceSchema)),
      options: z.optional(object({})),
    }),
  ),
  tags: z.optional(stringMap),
  crossMesh: z.optional(z.boolean()),
  resources: z.optional(object({ connectionLimit: z.optional(port) })),
});

export const meshGatewaySchema = object({
  ...meshMetaOf('MeshGateway'),
  selectors: z.optional(z.array(object({ match: z.optional(stringMap) }))),
  tags: z.optional(stringMap),
  conf: z.optional(object({ listeners: z.optional(z.array(meshGatewayListenerSchema)) })),
});

// ---------------------------------------------------------------- services, zones

export const serviceInsightSchema = object({
  ...meshMetaOf('ServiceInsight'),
  status: known(['online', 'offline', 'partially_degraded', 'not_available']),
  dataplanes: z.optional(dataplaneCountsSchema),
  serviceType: known(['internal', 'external', 'gateway_builtin', 'gateway_delegated']),
  addressPort: z.optional(z.string()),
});

export const zoneOverviewSchema = object({
  ...metaOf('ZoneOverview'),
  zone: z.optional(object({ enabled: z.optional(z.boolean()) })),
  zoneInsight: z.optional(
    object({
      subscriptions: z.optional(
        z.array(
          object({
            id: z.optional(z.string()),
            globalInstanceId: z.optional(z.string()),
            connectTime: z.optional(z.string()),
            disconnectTime: z.optional(z.string()),
            status: z.optional(
              object({
                lastUpdateTime: z.optional(z.string()),
                total: z.optional(z.record(z.string(), counter)),
              }),
            ),
            /** The zone CP's `/config`, as a JSON string. */
            config: z.optional(z.string()),
            version: z.optional(
              object({
                kumaCp: z.optional(
                  object({
                    version: z.optional(z.string()),
                    gitTag: z.optional(z.string()),
                    kumaCpGlobalCompatible: z.optional(z.boolean()),
                  }),
                ),
              }),
            ),
            generation: z.optional(z.number()),
          }),
        ),
      ),
    }),
  ),
});

/** A page of a list: `next` is absent or null on the last. */
export function listOf<Item extends z.ZodMiniType>(item: Item) {
  return object({
    total: z.number(),
    items: z.array(item),
    next: z.optional(z.nullable(z.string())),
  });
}

/** Anything JSON (config dumps, Kubernetes-shaped resources). */
export const anyJsonSchema = z.unknown();
