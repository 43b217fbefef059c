/**
 * Wire types of the Kuma control-plane REST API (2.6 – 2.14, 3.x), inferred from the schemas that
 * check each response (`./schemas`): one definition per resource, so a type cannot promise a
 * field the parser never checked. Types here without a schema are bodies the dashboard builds or
 * reads without parsing (errors, the demo's global insight) and the documented values of fields
 * the API sends as plain strings.
 * @see https://kuma.io/docs/2.14.x/reference/http-api/
 */
import type { z } from 'zod/mini';
import type {
  backendRefSchema,
  httpRouteFilterSchema,
  httpRouteMatchSchema,
  httpRouteRuleSchema,
  inspectRulesSchema,
  meshHttpRouteSchema,
  meshHttpRouteSpecSchema,
  meshServiceSchema,
  meshServiceSpecSchema,
  meshServiceStatusSchema,
  meshTcpRouteSchema,
  meshTcpRouteSpecSchema,
  meshTrafficPermissionSchema,
  meshTrafficPermissionSpecSchema,
  targetRefSchema,
} from './policy-schemas';
import type {
  configSchema,
  dataplaneCountsSchema,
  dataplaneInboundSchema,
  dataplaneInsightSchema,
  dataplaneNetworkingSchema,
  dataplaneOutboundSchema,
  dataplaneOverviewSchema,
  dataplaneSchema,
  dataSourceSchema,
  discoverySubscriptionSchema,
  indexSchema,
  meshGatewayListenerSchema,
  meshGatewaySchema,
  meshInsightSchema,
  meshSchema,
  resourceTypeSchema,
  serviceInsightSchema,
  zoneOverviewSchema,
} from './schemas';

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
  next?: string | null;
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

export type IndexResponse = z.output<typeof indexSchema>;
export type ControlPlaneConfig = z.output<typeof configSchema>;
export type Environment = ControlPlaneConfig['environment'];
export type CpMode = ControlPlaneConfig['mode'];
export type ResourceTypeDescription = z.output<typeof resourceTypeSchema>;

export interface BaseStatus {
  online: number;
  total: number;
}
export interface FullStatus extends BaseStatus {
  offline: number;
  partiallyDegraded: number;
}

/** `GET /global-insight`: served by the demo, not read by the dashboard. */
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

export type Mesh = z.output<typeof meshSchema>;
export type MeshServicesMode = NonNullable<NonNullable<Mesh['meshServices']>['mode']>;
export type DataplaneCounts = z.output<typeof dataplaneCountsSchema>;
export type MeshInsight = z.output<typeof meshInsightSchema>;

// ---------------------------------------------------------------- dataplane

export type GatewayType = 'BUILTIN' | 'DELEGATED';
export type DataplaneInbound = z.output<typeof dataplaneInboundSchema>;
export type DataplaneOutbound = z.output<typeof dataplaneOutboundSchema>;
export type BackendRefTarget = NonNullable<DataplaneOutbound['backendRef']>;
export type DataplaneNetworking = z.output<typeof dataplaneNetworkingSchema>;
export type Dataplane = z.output<typeof dataplaneSchema>;

/** Counters are uint64, so protojson sends them as strings. */
export type Counter = string | number;

export type DiscoverySubscription = z.output<typeof discoverySubscriptionSchema>;
export type DiscoveryServiceStats = NonNullable<
  NonNullable<DiscoverySubscription['status']>['total']
>;
export type DataplaneInsight = z.output<typeof dataplaneInsightSchema>;
export type DataplaneOverview = z.output<typeof dataplaneOverviewSchema>;

// ---------------------------------------------------------------- built-in gateway

export type ListenerProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'TLS';
export type TlsMode = 'TERMINATE' | 'PASSTHROUGH';
export type DataSource = z.output<typeof dataSourceSchema>;
export type MeshGatewayListener = z.output<typeof meshGatewayListenerSchema>;
export type MeshGateway = z.output<typeof meshGatewaySchema>;

/** `GET /meshes/{mesh}/meshgateways/{name}/dataplanes` (2.6 – 2.14): served by the demo. */
export interface GatewayDataplanesResponse {
  total: number;
  items: { dataplane: { mesh: string; name: string } }[];
}

// ---------------------------------------------------------------- policies (new style)

export type TargetRef = z.output<typeof targetRefSchema>;
export type BackendRef = z.output<typeof backendRefSchema>;
export type HttpRouteMatch = z.output<typeof httpRouteMatchSchema>;
export type HttpPathMatch = NonNullable<HttpRouteMatch['path']>;
export type HttpHeaderMatch = NonNullable<HttpRouteMatch['headers']>[number];
export type HttpQueryMatch = NonNullable<HttpRouteMatch['queryParams']>[number];
export type HttpRouteFilter = z.output<typeof httpRouteFilterSchema>;
export type HeaderModifier = NonNullable<HttpRouteFilter['requestHeaderModifier']>;
export type PathModifier = NonNullable<NonNullable<HttpRouteFilter['urlRewrite']>['path']>;
export type HttpRouteRule = z.output<typeof httpRouteRuleSchema>;
export type MeshHTTPRouteSpec = z.output<typeof meshHttpRouteSpecSchema>;
export type TcpRouteRule = NonNullable<
  NonNullable<MeshTCPRouteSpec['to']>[number]['rules']
>[number];
export type MeshTCPRouteSpec = z.output<typeof meshTcpRouteSpecSchema>;
export type MeshTrafficPermissionSpec = z.output<typeof meshTrafficPermissionSpecSchema>;
export type TrafficAction = NonNullable<
  NonNullable<NonNullable<MeshTrafficPermissionSpec['from']>[number]['default']>['action']
>;
export type MeshServiceSpec = z.output<typeof meshServiceSpecSchema>;
export type MeshServiceStatus = z.output<typeof meshServiceStatusSchema>;

export type MeshHTTPRoute = z.output<typeof meshHttpRouteSchema>;
export type MeshTCPRoute = z.output<typeof meshTcpRouteSchema>;
export type MeshTrafficPermission = z.output<typeof meshTrafficPermissionSchema>;
export type MeshService = z.output<typeof meshServiceSchema>;

// ---------------------------------------------------------------- services, zones

export type ServiceInsight = z.output<typeof serviceInsightSchema>;
export type ServiceType = NonNullable<ServiceInsight['serviceType']>;
export type ServiceStatus = NonNullable<ServiceInsight['status']>;

/** A Zone as the demo stores it (the dashboard reads zones through `ZoneOverview`). */
export interface Zone extends ResourceMeta {
  type: 'Zone';
  enabled?: boolean;
}

export type ZoneOverview = z.output<typeof zoneOverviewSchema>;

// ---------------------------------------------------------------- inspect

export type InspectRulesResponse = z.output<typeof inspectRulesSchema>;
