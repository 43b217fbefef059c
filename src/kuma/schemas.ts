import { z } from 'zod/mini';

/**
 * The Kuma control plane's REST API (2.6 – 2.14, 3.x) as the dashboard reads it: one schema per
 * resource, and the wire types in `./types` are inferred from these, so what a screen may rely
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

const object = z.looseObject;
const stringMap = z.record(z.string(), z.string());
/** uint64 counters: protojson sends them as strings. */
const counter = z.union([z.string(), z.number()]);
const port = z.int();

/**
 * A field Kuma documents as one of `values`. One this dashboard does not know (a newer release's)
 * parses as absent rather than failing the whole list, so the type can promise the known values.
 */
function known<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z.optional(z.catch(z.optional(z.enum(values)), undefined));
}

/** Fields every stored resource carries; `type` is the resource's own. */
function metaOf<const Type extends string>(type: Type) {
  return {
    type: z.literal(type),
    name: z.string(),
    creationTime: z.optional(z.string()),
    modificationTime: z.optional(z.string()),
    labels: z.optional(stringMap),
    /** Kuma Resource Identifier, from 2.14. */
    kri: z.optional(z.string()),
  };
}

/** The same for a resource of a mesh: the API always names its mesh. */
function meshMetaOf<const Type extends string>(type: Type) {
  return { ...metaOf(type), mesh: z.string() };
}

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

const backendRefTarget = object({
  kind: z.string(),
  name: z.optional(z.string()),
  namespace: z.optional(z.string()),
  port: z.optional(port),
  sectionName: z.optional(z.string()),
  labels: z.optional(stringMap),
});

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

// ---------------------------------------------------------------- policies (new style)

export const targetRefSchema = object({
  kind: z.string(),
  name: z.optional(z.string()),
  namespace: z.optional(z.string()),
  mesh: z.optional(z.string()),
  tags: z.optional(stringMap),
  labels: z.optional(stringMap),
  sectionName: z.optional(z.string()),
  proxyTypes: z.optional(z.array(z.string())),
});

export const backendRefSchema = object({
  ...backendRefTarget.shape,
  tags: z.optional(stringMap),
  weight: z.optional(z.int()),
});

const headerModifier = object({
  set: z.optional(z.array(object({ name: z.string(), value: z.string() }))),
  add: z.optional(z.array(object({ name: z.string(), value: z.string() }))),
  remove: z.optional(z.array(z.string())),
});

const pathModifier = object({
  /** ReplaceFullPath or ReplacePrefixMatch. */
  type: z.string(),
  replaceFullPath: z.optional(z.string()),
  replacePrefixMatch: z.optional(z.string()),
});

export const httpRouteFilterSchema = object({
  /** RequestHeaderModifier, ResponseHeaderModifier, RequestRedirect, URLRewrite, RequestMirror. */
  type: z.string(),
  requestHeaderModifier: z.optional(headerModifier),
  responseHeaderModifier: z.optional(headerModifier),
  requestRedirect: z.optional(
    object({
      scheme: z.optional(z.string()),
      hostname: z.optional(z.string()),
      path: z.optional(pathModifier),
      port: z.optional(port),
      statusCode: z.optional(z.int()),
    }),
  ),
  urlRewrite: z.optional(
    object({
      hostname: z.optional(z.string()),
      path: z.optional(pathModifier),
      hostToBackendHostname: z.optional(z.boolean()),
    }),
  ),
  requestMirror: z.optional(
    object({ backendRef: backendRefSchema, percentage: z.optional(counter) }),
  ),
});

export const httpRouteMatchSchema = object({
  /** `type`: Exact, PathPrefix or RegularExpression. */
  path: z.optional(object({ type: z.string(), value: z.string() })),
  method: z.optional(z.string()),
  headers: z.optional(
    z.array(
      object({ type: z.optional(z.string()), name: z.string(), value: z.optional(z.string()) }),
    ),
  ),
  queryParams: z.optional(
    z.array(object({ type: z.string(), name: z.string(), value: z.string() })),
  ),
});

export const httpRouteRuleSchema = object({
  matches: z.optional(z.array(httpRouteMatchSchema)),
  default: object({
    filters: z.optional(z.array(httpRouteFilterSchema)),
    backendRefs: z.optional(z.array(backendRefSchema)),
  }),
});

/** A new-style policy: its payload under `spec`, the control plane's view under `status`. */
function policyOf<const Type extends string, Spec extends z.ZodMiniType>(type: Type, spec: Spec) {
  return object({ ...meshMetaOf(type), spec, status: z.optional(z.unknown()) });
}

export const meshHttpRouteSpecSchema = object({
  targetRef: z.optional(targetRefSchema),
  to: z.optional(
    z.array(
      object({
        targetRef: targetRefSchema,
        hostnames: z.optional(z.array(z.string())),
        rules: z.optional(z.array(httpRouteRuleSchema)),
      }),
    ),
  ),
});

export const meshHttpRouteSchema = policyOf('MeshHTTPRoute', meshHttpRouteSpecSchema);

const tcpRule = object({
  default: object({ backendRefs: z.optional(z.array(backendRefSchema)) }),
});

export const meshTcpRouteSpecSchema = object({
  targetRef: z.optional(targetRefSchema),
  to: z.optional(
    z.array(object({ targetRef: targetRefSchema, rules: z.optional(z.array(tcpRule)) })),
  ),
});

export const meshTcpRouteSchema = policyOf('MeshTCPRoute', meshTcpRouteSpecSchema);

export const meshTrafficPermissionSpecSchema = object({
  targetRef: z.optional(targetRefSchema),
  from: z.optional(
    z.array(
      object({
        targetRef: targetRefSchema,
        default: z.optional(object({ action: known(['Allow', 'Deny', 'AllowWithShadowDeny']) })),
      }),
    ),
  ),
  /** 2.12+. */
  rules: z.optional(z.array(z.unknown())),
});

export const meshTrafficPermissionSchema = policyOf(
  'MeshTrafficPermission',
  meshTrafficPermissionSpecSchema,
);

export const meshServiceSpecSchema = object({
  selector: z.optional(
    object({
      dataplaneTags: z.optional(stringMap),
      dataplaneRef: z.optional(object({ name: z.string() })),
      dataplaneLabels: z.optional(object({ matchLabels: z.optional(stringMap) })),
    }),
  ),
  ports: z.optional(
    z.array(
      object({
        port,
        targetPort: z.optional(z.union([z.int(), z.string()])),
        appProtocol: z.optional(z.string()),
        name: z.optional(z.string()),
      }),
    ),
  ),
  /** Available or Unavailable. */
  state: z.optional(z.string()),
  identities: z.optional(z.array(object({ type: z.string(), value: z.string() }))),
});

export const meshServiceStatusSchema = object({
  vips: z.optional(z.array(object({ ip: z.string() }))),
  addresses: z.optional(z.array(object({ hostname: z.string(), origin: z.optional(z.string()) }))),
  tls: z.optional(object({ status: z.optional(z.string()) })),
  dataplaneProxies: z.optional(
    object({
      connected: z.optional(z.number()),
      healthy: z.optional(z.number()),
      total: z.optional(z.number()),
    }),
  ),
});

export const meshServiceSchema = object({
  ...meshMetaOf('MeshService'),
  spec: meshServiceSpecSchema,
  status: z.optional(meshServiceStatusSchema),
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

// ---------------------------------------------------------------- inspect

/** A resource as `_rules` names it; `labels` from 2.8. */
const inspectRulesMeta = object({
  type: z.string(),
  mesh: z.optional(z.string()),
  name: z.string(),
  labels: z.optional(stringMap),
});

/** One tag of a rule's subset: `key=value`, or `key!=value` when `not`. */
const inspectRuleMatcher = object({ key: z.string(), value: z.string(), not: z.boolean() });

/** A conf for the proxies (or clients) its matchers select, and the policies merged into it. */
const inspectRule = object({
  conf: z.unknown(),
  matchers: z.array(inspectRuleMatcher),
  origin: z.array(inspectRulesMeta),
});

/** A policy entry behind a conf: the policy and the index of the entry in its list. */
const inspectRuleOrigin = object({
  resourceMeta: z.optional(inspectRulesMeta),
  ruleIndex: z.optional(z.number()),
});

/** An inbound (a gateway listener's port), with the proxy's tags; `name` from 2.10. */
const inspectRulesInbound = object({
  name: z.optional(z.string()),
  port: z.number(),
  tags: stringMap,
});

/** `GET …/_rules`: per policy type, the rules that reach a proxy (or a MeshGateway's proxies). */
export const inspectRulesSchema = object({
  resource: inspectRulesMeta,
  /** The matches of the MeshHTTPRoute rules involved, by the hash `toRules` matchers use. */
  httpMatches: z.array(
    object({ hash: z.string(), match: z.optional(z.nullable(z.array(httpRouteMatchSchema))) }),
  ),
  rules: z.array(
    object({
      type: z.string(),
      /** Single-item policies (MeshTrace, MeshMetric, MeshProxyPatch, …). */
      proxyRule: z.optional(object({ conf: z.unknown(), origin: z.array(inspectRulesMeta) })),
      /** By tags (hidden in meshes with `meshServices.mode: Exclusive`, 2.9+). */
      toRules: z.optional(z.array(inspectRule)),
      /** By the real resource configured (the Mesh, a MeshService, …), 2.9+. */
      toResourceRules: z.optional(
        z.array(
          object({
            conf: z.array(z.unknown()),
            origin: z.array(inspectRuleOrigin),
            resourceMeta: inspectRulesMeta,
            resourceSectionName: z.optional(z.string()),
          }),
        ),
      ),
      fromRules: z.optional(
        z.array(object({ inbound: inspectRulesInbound, rules: z.array(inspectRule) })),
      ),
      /** 2.10+. */
      inboundRules: z.optional(
        z.array(
          object({
            inbound: inspectRulesInbound,
            rules: z.array(
              object({
                conf: z.array(z.unknown()),
                match: z.optional(z.unknown()),
                origin: z.array(inspectRuleOrigin),
              }),
            ),
          }),
        ),
      ),
      warnings: z.optional(z.array(z.string())),
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
