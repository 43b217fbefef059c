import { z } from 'zod/mini';
import {
  backendRefTarget,
  counter,
  known,
  meshMetaOf,
  object,
  port,
  stringMap,
} from './schema-parts';

/**
 * New-style policies (MeshHTTPRoute, MeshTCPRoute, MeshTrafficPermission) and MeshService: their
 * payload under `spec`, the control plane's view under `status`; and what `_rules` answers.
 * Read like `./schemas`: unknown fields pass, what some release leaves out is optional.
 */

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

// ---------------------------------------------------------------- inspect

/**
 * `_rules` is built from Go structs, not protobuf: an empty slice or map may come as `null` or be
 * left out. Read as empty, so one such field never drops a gateway's whole rules.
 */
function list<Item extends z.ZodMiniType>(item: Item) {
  return z.pipe(
    z.optional(z.nullable(z.array(item))),
    z.transform((items) => items ?? []),
  );
}

const tagMap = z.pipe(
  z.optional(z.nullable(stringMap)),
  z.transform((tags) => tags ?? {}),
);

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
  matchers: list(inspectRuleMatcher),
  origin: list(inspectRulesMeta),
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
  tags: tagMap,
});

/** `GET …/_rules`: per policy type, the rules that reach a proxy (or a MeshGateway's proxies). */
export const inspectRulesSchema = object({
  resource: inspectRulesMeta,
  /** The matches of the MeshHTTPRoute rules involved, by the hash `toRules` matchers use. */
  httpMatches: list(
    object({ hash: z.string(), match: z.optional(z.nullable(z.array(httpRouteMatchSchema))) }),
  ),
  rules: list(
    object({
      type: z.string(),
      /** Single-item policies (MeshTrace, MeshMetric, MeshProxyPatch, …). */
      proxyRule: z.optional(object({ conf: z.unknown(), origin: list(inspectRulesMeta) })),
      /** By tags (hidden in meshes with `meshServices.mode: Exclusive`, 2.9+). */
      toRules: z.optional(list(inspectRule)),
      /** By the real resource configured (the Mesh, a MeshService, …), 2.9+. */
      toResourceRules: z.optional(
        list(
          object({
            conf: list(z.unknown()),
            origin: list(inspectRuleOrigin),
            resourceMeta: inspectRulesMeta,
            resourceSectionName: z.optional(z.string()),
          }),
        ),
      ),
      fromRules: z.optional(
        list(object({ inbound: inspectRulesInbound, rules: list(inspectRule) })),
      ),
      /** 2.10+. */
      inboundRules: z.optional(
        list(
          object({
            inbound: inspectRulesInbound,
            rules: list(
              object({
                conf: list(z.unknown()),
                match: z.optional(z.unknown()),
                origin: list(inspectRuleOrigin),
              }),
            ),
          }),
        ),
      ),
      warnings: list(z.string()),
    }),
  ),
});
