/**
 * Wire types of the Kuma control-plane REST API (2.6 – 2.14, 3.x), as the API sends them.
 *
 * Legacy resources (Mesh, Dataplane, MeshGateway, insights) are flat protojson objects: zero
 * values are dropped (a delegated gateway has no `type`), 64-bit counters are strings.
 * New-style resources (MeshHTTPRoute, MeshTCPRoute, MeshTrafficPermission, MeshService) nest
 * their payload under `spec` / `status`.
 * @see https://kuma.io/docs/2.14.x/reference/http-api/
 */

export type Tags = Record<string, string>;
export type Labels = Record<string, string>;

/** Fields every stored resource carries. */
export interface ResourceMeta {
  type: string;
  mesh?: string;
  name: string;
  creationTime?: string;
  modificationTime?: string;
  labels?: Labels;
  /** Kuma Resource Identifier, from 2.14. */
  kri?: string;
}

export interface ListResponse<T> {
  total: number;
  items: T[];
  next: string | null;
}

/** Kuma's error body (AIP-193), identical in 2.6 and 2.14. */
export interface KumaErrorBody {
  type: string;
  status: number;
  title: string;
  detail: string;
  instance?: string;
  invalid_parameters?: InvalidParameter[];
  /** Deprecated mirror of `detail`. */
  details?: string;
  /** Deprecated mirror of `invalid_parameters`. */
  causes?: { field: string; message: string }[];
}

export interface InvalidParameter {
  field: string;
  reason: string;
  rule?: string;
  choices?: string[];
}

// ---------------------------------------------------------------- system

export interface IndexResponse {
  hostname: string;
  product: string;
  version: string;
  instanceId: string;
  clusterId: string;
  gui?: string;
  basedOnKuma?: string;
  /** 2.6 – 2.8 only: deprecated copy of `product`. */
  tagline?: string;
}

export type Environment = 'universal' | 'kubernetes';
export type CpMode = 'standalone' | 'zone' | 'global';

/** The subset of `GET /config` a dashboard reads; the real body is the whole kuma-cp config. */
export interface ControlPlaneConfig {
  environment: Environment;
  mode: CpMode;
  store?: { type?: string; [k: string]: unknown };
  apiServer?: {
    readOnly?: boolean;
    http?: { port?: number; [k: string]: unknown };
    [k: string]: unknown;
  };
  multizone?: {
    zone?: { name?: string; globalAddress?: string; [k: string]: unknown };
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export interface ResourceTypeDescription {
  name: string;
  scope: 'Global' | 'Mesh';
  readOnly: boolean;
  path: string;
  singularDisplayName: string;
  pluralDisplayName: string;
  shortName: string;
  includeInFederation: boolean;
  policy?: {
    hasToTargetRef: boolean;
    hasFromTargetRef: boolean;
    hasRulesTargetRef?: boolean;
    isTargetRef: boolean;
    isFromAsRules?: boolean;
  };
}

export interface BaseStatus {
  online: number;
  total: number;
}
export interface FullStatus extends BaseStatus {
  offline: number;
  partiallyDegraded: number;
}

export interface GlobalInsight {
  type: 'GlobalInsight';
  createdAt: string;
  services: {
    total: number;
    internal: FullStatus;
    external: { total: number };
    gatewayBuiltin: FullStatus;
    gatewayDelegated: FullStatus;
  };
  zones: { controlPlanes: BaseStatus; zoneEgresses: BaseStatus; zoneIngresses: BaseStatus };
  dataplanes: { standard: FullStatus; gatewayBuiltin: FullStatus; gatewayDelegated: FullStatus };
  policies: { total: number };
  meshes: { total: number };
  resources: Record<string, { total: number }>;
}

// ---------------------------------------------------------------- mesh

export type MeshServicesMode = 'Disabled' | 'Everywhere' | 'ReachableBackends' | 'Exclusive';

export interface Mesh extends ResourceMeta {
  type: 'Mesh';
  mtls?: {
    enabledBackend?: string;
    backends?: { name: string; type: string; [k: string]: unknown }[];
    skipValidation?: boolean;
  };
  meshServices?: { mode?: MeshServicesMode };
  networking?: { outbound?: { passthrough?: boolean } };
  [k: string]: unknown;
}

export interface DataplaneCounts {
  total?: number;
  online?: number;
  offline?: number;
  partiallyDegraded?: number;
}

export interface MeshInsight {
  type: 'MeshInsight';
  name: string;
  creationTime: string;
  modificationTime: string;
  lastSync?: string;
  dataplanes: DataplaneCounts;
  dataplanesByType: {
    standard?: DataplaneCounts;
    gateway?: DataplaneCounts;
    gatewayBuiltin?: DataplaneCounts;
    gatewayDelegated?: DataplaneCounts;
  };
  policies?: Record<string, { total: number }>;
  resources?: Record<string, { total: number }>;
  dpVersions?: {
    kumaDp?: Record<string, DataplaneCounts>;
    envoy?: Record<string, DataplaneCounts>;
  };
  mTLS?: {
    issuedBackends?: Record<string, DataplaneCounts>;
    supportedBackends?: Record<string, DataplaneCounts>;
  };
  services?: { total?: number; internal?: number; external?: number };
}

// ---------------------------------------------------------------- dataplane

export type GatewayType = 'BUILTIN' | 'DELEGATED';

export interface DataplaneInbound {
  port: number;
  servicePort?: number;
  serviceAddress?: string;
  address?: string;
  name?: string;
  tags?: Tags;
  health?: { ready?: boolean };
  state?: 'Ready' | 'NotReady' | 'Ignored';
  [k: string]: unknown;
}

export interface BackendRefTarget {
  kind: string;
  name?: string;
  namespace?: string;
  port?: number;
  sectionName?: string;
  labels?: Labels;
}

export interface DataplaneOutbound {
  port: number;
  address?: string;
  tags?: Tags;
  backendRef?: BackendRefTarget;
  [k: string]: unknown;
}

export interface DataplaneNetworking {
  address?: string;
  advertisedAddress?: string;
  /** Absent `type` means DELEGATED: protojson drops the zero value. */
  gateway?: { type?: GatewayType; tags?: Tags };
  inbound?: DataplaneInbound[];
  outbound?: DataplaneOutbound[];
  /** 2.14 zone-proxy listeners. */
  listeners?: unknown[];
  admin?: { port?: number };
  transparentProxying?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface Dataplane extends ResourceMeta {
  type: 'Dataplane';
  mesh: string;
  networking: DataplaneNetworking;
  probes?: unknown;
  metrics?: unknown;
  [k: string]: unknown;
}

/** Counters are uint64, so protojson sends them as strings. */
export type Counter = string | number;

export interface DiscoveryServiceStats {
  responsesSent?: Counter;
  responsesAcknowledged?: Counter;
  responsesRejected?: Counter;
}

export interface DiscoverySubscription {
  id: string;
  controlPlaneInstanceId: string;
  connectTime?: string;
  disconnectTime?: string;
  status?: {
    lastUpdateTime?: string;
    total?: DiscoveryServiceStats;
    cds?: DiscoveryServiceStats;
    eds?: DiscoveryServiceStats;
    lds?: DiscoveryServiceStats;
    rds?: DiscoveryServiceStats;
  };
  version?: {
    kumaDp?: {
      version?: string;
      gitTag?: string;
      gitCommit?: string;
      buildDate?: string;
      kumaCpCompatible?: boolean;
    };
    envoy?: { version?: string; build?: string; kumaDpCompatible?: boolean };
  };
  generation?: number;
}

export interface DataplaneInsight {
  subscriptions?: DiscoverySubscription[];
  mTLS?: {
    certificateExpirationTime?: string;
    lastCertificateRegeneration?: string;
    certificateRegenerations?: number;
    issuedBackend?: string;
    supportedBackends?: string[];
  };
  metadata?: Record<string, unknown>;
}

export interface DataplaneOverview extends ResourceMeta {
  type: 'DataplaneOverview';
  mesh: string;
  dataplane: { networking: DataplaneNetworking; [k: string]: unknown };
  dataplaneInsight?: DataplaneInsight;
}

// ---------------------------------------------------------------- built-in gateway

export type ListenerProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'TLS';
export type TlsMode = 'TERMINATE' | 'PASSTHROUGH';

export interface DataSource {
  secret?: string;
  inline?: string;
  inlineString?: string;
  file?: string;
}

export interface MeshGatewayListener {
  port?: number;
  protocol?: ListenerProtocol | 'NONE';
  hostname?: string;
  tls?: { mode?: TlsMode | 'NONE'; certificates?: DataSource[]; options?: Record<string, never> };
  tags?: Tags;
  crossMesh?: boolean;
  resources?: { connectionLimit?: number };
}

export interface MeshGateway extends ResourceMeta {
  type: 'MeshGateway';
  mesh: string;
  selectors?: { match?: Tags }[];
  tags?: Tags;
  conf?: { listeners?: MeshGatewayListener[] };
}

/** `GET /meshes/{mesh}/meshgateways/{name}/dataplanes` (2.6 – 2.14). */
export interface GatewayDataplanesResponse {
  total: number;
  items: { dataplane: { mesh: string; name: string } }[];
}

// ---------------------------------------------------------------- policies (new style)

export interface TargetRef {
  kind: string;
  name?: string;
  namespace?: string;
  mesh?: string;
  tags?: Tags;
  labels?: Labels;
  sectionName?: string;
  proxyTypes?: string[];
}

export interface BackendRef extends BackendRefTarget {
  weight?: number;
  tags?: Tags;
}

export interface HttpPathMatch {
  type: 'Exact' | 'PathPrefix' | 'RegularExpression';
  value: string;
}

export interface HttpHeaderMatch {
  type?: 'Exact' | 'Present' | 'RegularExpression' | 'Absent' | 'Prefix';
  name: string;
  value?: string;
}

export interface HttpQueryMatch {
  type: 'Exact' | 'RegularExpression';
  name: string;
  value: string;
}

export interface HttpRouteMatch {
  path?: HttpPathMatch;
  method?: string;
  headers?: HttpHeaderMatch[];
  queryParams?: HttpQueryMatch[];
}

export interface HeaderModifier {
  set?: { name: string; value: string }[];
  add?: { name: string; value: string }[];
  remove?: string[];
}

export interface PathModifier {
  type: 'ReplaceFullPath' | 'ReplacePrefixMatch';
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}

export interface HttpRouteFilter {
  type:
    | 'RequestHeaderModifier'
    | 'ResponseHeaderModifier'
    | 'RequestRedirect'
    | 'URLRewrite'
    | 'RequestMirror';
  requestHeaderModifier?: HeaderModifier;
  responseHeaderModifier?: HeaderModifier;
  requestRedirect?: {
    scheme?: string;
    hostname?: string;
    path?: PathModifier;
    port?: number;
    statusCode?: number;
  };
  urlRewrite?: { hostname?: string; path?: PathModifier; hostToBackendHostname?: boolean };
  requestMirror?: { backendRef: BackendRef; percentage?: string | number };
}

export interface HttpRouteRule {
  matches?: HttpRouteMatch[];
  default: { filters?: HttpRouteFilter[]; backendRefs?: BackendRef[] };
}

export interface MeshHTTPRouteSpec {
  targetRef?: TargetRef;
  to?: { targetRef: TargetRef; hostnames?: string[]; rules?: HttpRouteRule[] }[];
}

export interface TcpRouteRule {
  default: { backendRefs?: BackendRef[] };
}

export interface MeshTCPRouteSpec {
  targetRef?: TargetRef;
  to?: { targetRef: TargetRef; rules?: TcpRouteRule[] }[];
}

export type TrafficAction = 'Allow' | 'Deny' | 'AllowWithShadowDeny';

export interface MeshTrafficPermissionSpec {
  targetRef?: TargetRef;
  from?: { targetRef: TargetRef; default?: { action?: TrafficAction } }[];
}

export interface MeshServiceSpec {
  selector?: {
    dataplaneTags?: Tags;
    dataplaneRef?: { name: string };
    dataplaneLabels?: { matchLabels?: Record<string, string> };
  };
  ports?: { port: number; targetPort?: number | string; appProtocol?: string; name?: string }[];
  state?: 'Available' | 'Unavailable';
  identities?: { type: string; value: string }[];
}

export interface MeshServiceStatus {
  vips?: { ip: string }[];
  addresses?: { hostname: string; origin?: string }[];
  tls?: { status?: string };
  dataplaneProxies?: { connected?: number; healthy?: number; total?: number };
}

export interface PolicyResource<Spec, Status = unknown> extends ResourceMeta {
  mesh: string;
  spec: Spec;
  status?: Status;
}

export type MeshHTTPRoute = PolicyResource<MeshHTTPRouteSpec> & { type: 'MeshHTTPRoute' };
export type MeshTCPRoute = PolicyResource<MeshTCPRouteSpec> & { type: 'MeshTCPRoute' };
export type MeshTrafficPermission = PolicyResource<MeshTrafficPermissionSpec> & {
  type: 'MeshTrafficPermission';
};
export type MeshService = PolicyResource<MeshServiceSpec, MeshServiceStatus> & {
  type: 'MeshService';
};

// ---------------------------------------------------------------- services, zones

export type ServiceType = 'internal' | 'external' | 'gateway_builtin' | 'gateway_delegated';
export type ServiceStatus = 'online' | 'offline' | 'partially_degraded' | 'not_available';

export interface ServiceInsight {
  type: 'ServiceInsight';
  mesh: string;
  name: string;
  creationTime: string;
  modificationTime: string;
  status: ServiceStatus;
  dataplanes: { total?: number; online?: number; offline?: number };
  serviceType?: ServiceType;
  addressPort?: string;
}

export interface Zone extends ResourceMeta {
  type: 'Zone';
  enabled?: boolean;
}

export interface ZoneOverview extends ResourceMeta {
  type: 'ZoneOverview';
  zone: { enabled?: boolean };
  zoneInsight?: {
    subscriptions?: {
      id: string;
      globalInstanceId: string;
      connectTime?: string;
      disconnectTime?: string;
      status?: { lastUpdateTime?: string; total?: DiscoveryServiceStats };
      /** The zone CP's `/config`, as a JSON string. */
      config?: string;
      version?: {
        kumaCp?: { version?: string; gitTag?: string; kumaCpGlobalCompatible?: boolean };
      };
      generation?: number;
    }[];
  };
}

// ---------------------------------------------------------------- inspect

/** A resource as `_rules` names it; `labels` from 2.8. */
export interface InspectRulesMeta {
  type: string;
  mesh: string;
  name: string;
  labels?: Labels;
}

/** One tag of a rule's subset: `key=value`, or `key!=value` when `not`. */
export interface InspectRuleMatcher {
  key: string;
  value: string;
  not: boolean;
}

/** A conf for the proxies (or clients) its matchers select, and the policies merged into it. */
export interface InspectRule {
  conf: unknown;
  matchers: InspectRuleMatcher[];
  origin: InspectRulesMeta[];
}

/** A policy entry behind a conf: the policy and the index of the entry in its list. */
export interface InspectRuleOrigin {
  resourceMeta?: InspectRulesMeta;
  ruleIndex?: number;
}

/** An inbound (a gateway listener's port), with the proxy's tags; `name` from 2.10. */
export interface InspectRulesInbound {
  name?: string;
  port: number;
  tags: Tags;
}

/** `GET …/_rules`: per policy type, the rules that reach a proxy (or a MeshGateway's proxies). */
export interface InspectRulesResponse {
  resource: InspectRulesMeta;
  /** The matches of the MeshHTTPRoute rules involved, by the hash `toRules` matchers use. */
  httpMatches: { hash: string; match: HttpRouteMatch[] | null }[];
  rules: {
    type: string;
    /** Single-item policies (MeshTrace, MeshMetric, MeshProxyPatch, …). */
    proxyRule?: { conf: unknown; origin: InspectRulesMeta[] };
    /** By tags (hidden in meshes with `meshServices.mode: Exclusive`, 2.9+). */
    toRules?: InspectRule[];
    /** By the real resource configured (the Mesh, a MeshService, …), 2.9+. */
    toResourceRules?: {
      conf: unknown[];
      origin: InspectRuleOrigin[];
      resourceMeta: InspectRulesMeta;
      resourceSectionName?: string;
    }[];
    fromRules?: { inbound: InspectRulesInbound; rules: InspectRule[] }[];
    /** 2.10+. */
    inboundRules?: {
      inbound: InspectRulesInbound;
      rules: { conf: unknown[]; match?: unknown; origin: InspectRuleOrigin[] }[];
    }[];
    warnings: string[];
  }[];
}
