// Over 400 lines: one table of kuma-cp's resource types (a row per type), read top to bottom.
import { isAtLeast, type KumaVersion } from './version';

/**
 * kuma-cp's resource types as `GET /_resources` describes them, and where each may be written:
 * measured on kuma-cp 2.6.15 and 2.14.3 (standalone, global and federated zone), with the first
 * release of each newer type from Kuma's source. The demo control plane serves this table; the
 * dashboard reads which kinds it may write from it, because `/_resources`' own `readOnly` says
 * neither that a global control plane refuses Dataplanes nor that a federated zone accepts them.
 */

export interface PolicyFlags {
  hasToTargetRef: boolean;
  hasFromTargetRef: boolean;
  hasRulesTargetRef: boolean;
  isTargetRef: boolean;
  isFromAsRules: boolean;
}

export interface KumaResourceType {
  name: string;
  /** The URL segment: `/meshes/{mesh}/<path>` or `/<path>`. */
  path: string;
  scope: 'Mesh' | 'Global';
  singular: string;
  plural: string;
  /** Since 2.10 in `/_resources`; also the type's code in `kri` identifiers. */
  shortName?: string;
  /** New-style resources carry their payload under `spec` (and `status`). */
  newStyle?: boolean;
  /** Computed by the control plane (insights): never written through the API. */
  systemManaged?: boolean;
  /** Writable on a global control plane. */
  providedByGlobal?: boolean;
  /** Writable on a zone control plane federated with a global one. */
  providedByZone?: boolean;
  includeInFederation?: boolean;
  policy?: PolicyFlags;
  since?: [number, number];
  /** How 2.6 differs (the change landed somewhere between 2.6 and 2.14; 2.7 is assumed). */
  in2_6?: Partial<
    Pick<KumaResourceType, 'path' | 'singular' | 'plural' | 'policy' | 'providedByZone'>
  >;
}

type PolicyFlag = 'to' | 'from' | 'rules' | 'targetRef' | 'fromAsRules';

function policy(...flags: PolicyFlag[]): PolicyFlags {
  return {
    hasToTargetRef: flags.includes('to'),
    hasFromTargetRef: flags.includes('from'),
    hasRulesTargetRef: flags.includes('rules'),
    isTargetRef: flags.includes('targetRef'),
    isFromAsRules: flags.includes('fromAsRules'),
  };
}

type Row = Omit<KumaResourceType, 'scope'> & { scope?: 'Global' };

const ROWS: readonly Row[] = [
  {
    name: 'CircuitBreaker',
    path: 'circuit-breakers',
    singular: 'Circuit Breaker',
    plural: 'Circuit Breakers',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    policy: policy(),
  },
  {
    name: 'Dataplane',
    path: 'dataplanes',
    singular: 'Dataplane',
    plural: 'Dataplanes',
    shortName: 'dp',
    providedByGlobal: false,
    providedByZone: true,
  },
  {
    name: 'DataplaneInsight',
    path: 'dataplane-insights',
    singular: 'Dataplane Insight',
    plural: 'Dataplane Insights',
    systemManaged: true,
  },
  {
    name: 'ExternalService',
    path: 'external-services',
    singular: 'External Service',
    plural: 'External Services',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
  },
  {
    name: 'FaultInjection',
    path: 'fault-injections',
    singular: 'Fault Injection',
    plural: 'Fault Injections',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    policy: policy(),
  },
  {
    name: 'GlobalSecret',
    path: 'globalsecrets',
    scope: 'Global',
    singular: 'Global Secret',
    plural: 'Global Secrets',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    in2_6: { path: 'global-secrets', singular: '', plural: '', providedByZone: false },
  },
  {
    name: 'HealthCheck',
    path: 'health-checks',
    singular: 'Health Check',
    plural: 'Health Checks',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    policy: policy(),
  },
  {
    name: 'HostnameGenerator',
    newStyle: true,
    path: 'hostnamegenerators',
    scope: 'Global',
    singular: 'Hostname Generator',
    plural: 'Hostname Generators',
    shortName: 'hg',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    since: [2, 8],
  },
  {
    name: 'Mesh',
    path: 'meshes',
    scope: 'Global',
    singular: 'Mesh',
    plural: 'Meshes',
    shortName: 'm',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
  },
  {
    name: 'MeshAccessLog',
    newStyle: true,
    path: 'meshaccesslogs',
    singular: 'Mesh Access Log',
    plural: 'Mesh Access Logs',
    shortName: 'mal',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('to', 'from', 'rules', 'targetRef', 'fromAsRules'),
  },
  {
    name: 'MeshCircuitBreaker',
    newStyle: true,
    path: 'meshcircuitbreakers',
    singular: 'Mesh Circuit Breaker',
    plural: 'Mesh Circuit Breakers',
    shortName: 'mcb',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('to', 'from', 'rules', 'targetRef', 'fromAsRules'),
  },
  {
    name: 'MeshExternalService',
    newStyle: true,
    path: 'meshexternalservices',
    singular: 'Mesh External Service',
    plural: 'Mesh External Services',
    shortName: 'extsvc',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    since: [2, 8],
  },
  {
    name: 'MeshFaultInjection',
    newStyle: true,
    path: 'meshfaultinjections',
    singular: 'Mesh Fault Injection',
    plural: 'Mesh Fault Injections',
    shortName: 'mfi',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('to', 'from', 'rules', 'targetRef'),
  },
  {
    name: 'MeshGateway',
    path: 'meshgateways',
    singular: 'Mesh Gateway',
    plural: 'Mesh Gateways',
    shortName: 'mgw',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    in2_6: { policy: policy() },
  },
  {
    name: 'MeshGatewayRoute',
    path: 'meshgatewayroutes',
    singular: 'Mesh Gateway Route',
    plural: 'Mesh Gateway Routes',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    policy: policy(),
  },
  {
    name: 'MeshHTTPRoute',
    newStyle: true,
    path: 'meshhttproutes',
    singular: 'Mesh HTTP Route',
    plural: 'Mesh HTTP Routes',
    shortName: 'mhttpr',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('to', 'targetRef'),
  },
  {
    name: 'MeshHealthCheck',
    newStyle: true,
    path: 'meshhealthchecks',
    singular: 'Mesh Health Check',
    plural: 'Mesh Health Checks',
    shortName: 'mhc',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('to', 'targetRef'),
  },
  {
    name: 'MeshIdentity',
    newStyle: true,
    path: 'meshidentities',
    singular: 'Mesh Identity',
    plural: 'Mesh Identities',
    shortName: 'mid',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    since: [2, 12],
  },
  {
    name: 'MeshInsight',
    path: 'mesh-insights',
    scope: 'Global',
    singular: 'Mesh Insight',
    plural: 'Mesh Insights',
    systemManaged: true,
  },
  {
    name: 'MeshLoadBalancingStrategy',
    newStyle: true,
    path: 'meshloadbalancingstrategies',
    singular: 'Mesh Load Balancing Strategy',
    plural: 'Mesh Load Balancing Strategies',
    shortName: 'mlbs',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('to', 'targetRef'),
  },
  {
    name: 'MeshMetric',
    newStyle: true,
    path: 'meshmetrics',
    singular: 'Mesh Metric',
    plural: 'Mesh Metrics',
    shortName: 'mm',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('targetRef'),
  },
  {
    name: 'MeshMultiZoneService',
    newStyle: true,
    path: 'meshmultizoneservices',
    singular: 'Mesh Multi Zone Service',
    plural: 'Mesh Multi Zone Services',
    shortName: 'mzsvc',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    since: [2, 9],
  },
  {
    name: 'MeshOpenTelemetryBackend',
    newStyle: true,
    path: 'meshopentelemetrybackends',
    singular: 'Mesh OpenTelemetry Backend',
    plural: 'Mesh OpenTelemetry Backends',
    shortName: 'motb',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    since: [2, 14],
  },
  {
    name: 'MeshPassthrough',
    newStyle: true,
    path: 'meshpassthroughs',
    singular: 'Mesh Passthrough',
    plural: 'Mesh Passthroughs',
    shortName: 'mp',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('targetRef'),
    since: [2, 8],
  },
  {
    name: 'MeshProxyPatch',
    newStyle: true,
    path: 'meshproxypatches',
    singular: 'Mesh Proxy Patch',
    plural: 'Mesh Proxy Patches',
    shortName: 'mpp',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('targetRef'),
  },
  {
    name: 'MeshRateLimit',
    newStyle: true,
    path: 'meshratelimits',
    singular: 'Mesh Rate Limit',
    plural: 'Mesh Rate Limits',
    shortName: 'mrl',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('to', 'from', 'rules', 'targetRef', 'fromAsRules'),
  },
  {
    name: 'MeshRetry',
    newStyle: true,
    path: 'meshretries',
    singular: 'Mesh Retry',
    plural: 'Mesh Retries',
    shortName: 'mr',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('to', 'targetRef'),
  },
  {
    name: 'MeshService',
    newStyle: true,
    path: 'meshservices',
    singular: 'Mesh Service',
    plural: 'Mesh Services',
    shortName: 'msvc',
    providedByGlobal: false,
    providedByZone: true,
    since: [2, 7],
  },
  {
    name: 'MeshTCPRoute',
    newStyle: true,
    path: 'meshtcproutes',
    singular: 'Mesh TCP Route',
    plural: 'Mesh TCP Routes',
    shortName: 'mtcpr',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('to', 'targetRef'),
  },
  {
    name: 'MeshTLS',
    newStyle: true,
    path: 'meshtlses',
    singular: 'Mesh TLS',
    plural: 'Mesh TLSes',
    shortName: 'mtls',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('from', 'rules', 'targetRef', 'fromAsRules'),
    since: [2, 9],
  },
  {
    name: 'MeshTimeout',
    newStyle: true,
    path: 'meshtimeouts',
    singular: 'Mesh Timeout',
    plural: 'Mesh Timeouts',
    shortName: 'mt',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('to', 'from', 'rules', 'targetRef', 'fromAsRules'),
  },
  {
    name: 'MeshTrace',
    newStyle: true,
    path: 'meshtraces',
    singular: 'Mesh Trace',
    plural: 'Mesh Traces',
    shortName: 'mtr',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('targetRef'),
  },
  {
    name: 'MeshTrafficPermission',
    newStyle: true,
    path: 'meshtrafficpermissions',
    singular: 'Mesh Traffic Permission',
    plural: 'Mesh Traffic Permissions',
    shortName: 'mtp',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    policy: policy('from', 'rules', 'targetRef'),
  },
  {
    name: 'MeshTrust',
    newStyle: true,
    path: 'meshtrusts',
    singular: 'Mesh Trust',
    plural: 'Mesh Trusts',
    shortName: 'mtrust',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    since: [2, 12],
  },
  {
    name: 'MeshZoneAddress',
    newStyle: true,
    path: 'meshzoneaddresses',
    singular: 'Mesh Zone Address',
    plural: 'Mesh Zone Addresses',
    shortName: 'mza',
    providedByGlobal: false,
    providedByZone: true,
    since: [2, 14],
  },
  {
    name: 'ProxyTemplate',
    path: 'proxytemplates',
    singular: 'Proxy Template',
    plural: 'Proxy Templates',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    policy: policy(),
  },
  {
    name: 'RateLimit',
    path: 'rate-limits',
    singular: 'Rate Limit',
    plural: 'Rate Limits',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    policy: policy(),
  },
  {
    name: 'Retry',
    path: 'retries',
    singular: 'Retry',
    plural: 'Retries',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    policy: policy(),
  },
  {
    name: 'Secret',
    path: 'secrets',
    singular: 'Secret',
    plural: 'Secrets',
    providedByGlobal: true,
    providedByZone: true,
    includeInFederation: true,
    in2_6: { providedByZone: false },
  },
  {
    name: 'ServiceInsight',
    path: 'service-insights',
    singular: 'Service Insight',
    plural: 'Service Insights',
    systemManaged: true,
  },
  {
    name: 'Timeout',
    path: 'timeouts',
    singular: 'Timeout',
    plural: 'Timeouts',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    policy: policy(),
  },
  {
    name: 'TrafficLog',
    path: 'traffic-logs',
    singular: 'Traffic Log',
    plural: 'Traffic Logs',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    policy: policy(),
  },
  {
    name: 'TrafficPermission',
    path: 'traffic-permissions',
    singular: 'Traffic Permission',
    plural: 'Traffic Permissions',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    policy: policy(),
  },
  {
    name: 'TrafficRoute',
    path: 'traffic-routes',
    singular: 'Traffic Route',
    plural: 'Traffic Routes',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    policy: policy(),
  },
  {
    name: 'TrafficTrace',
    path: 'traffic-traces',
    singular: 'Traffic Trace',
    plural: 'Traffic Traces',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    policy: policy(),
  },
  {
    name: 'VirtualOutbound',
    path: 'virtual-outbounds',
    singular: 'Virtual Outbound',
    plural: 'Virtual Outbounds',
    providedByGlobal: true,
    providedByZone: false,
    includeInFederation: true,
    policy: policy(),
  },
  {
    name: 'Workload',
    newStyle: true,
    path: 'workloads',
    singular: 'Workload',
    plural: 'Workloads',
    shortName: 'wl',
    providedByGlobal: false,
    providedByZone: true,
    since: [2, 13],
  },
  {
    name: 'Zone',
    path: 'zones',
    scope: 'Global',
    singular: 'Zone',
    plural: 'Zones',
    shortName: 'z',
    providedByGlobal: true,
    providedByZone: true,
  },
  {
    name: 'ZoneEgress',
    path: 'zoneegresses',
    scope: 'Global',
    singular: 'Zone Egress',
    plural: 'Zone Egresses',
    shortName: 'ze',
    providedByGlobal: false,
    providedByZone: true,
  },
  {
    name: 'ZoneEgressInsight',
    path: 'zoneegressinsights',
    scope: 'Global',
    singular: 'Zone Egress Insight',
    plural: 'Zone Egress Insights',
    systemManaged: true,
  },
  {
    name: 'ZoneIngress',
    path: 'zoneingresses',
    scope: 'Global',
    singular: 'Zone Ingress',
    plural: 'Zone Ingresses',
    shortName: 'zi',
    providedByGlobal: false,
    providedByZone: true,
    in2_6: { path: 'zone-ingresses' },
  },
  {
    name: 'ZoneIngressInsight',
    path: 'zone-ingress-insights',
    scope: 'Global',
    singular: 'Zone Ingress Insight',
    plural: 'Zone Ingress Insights',
    systemManaged: true,
  },
  {
    name: 'ZoneInsight',
    path: 'zone-insights',
    scope: 'Global',
    singular: 'Zone Insight',
    plural: 'Zone Insights',
    systemManaged: true,
  },
];

export const KUMA_RESOURCE_TYPES: readonly KumaResourceType[] = ROWS.map((row) => ({
  ...row,
  scope: row.scope ?? 'Mesh',
}));

/** Types the 3.0 development line no longer has (built-in gateway, zone proxies, old policies). */
const REMOVED_IN_3 = new Set([
  'MeshGateway',
  'MeshGatewayRoute',
  'ZoneIngress',
  'ZoneEgress',
  'ZoneIngressInsight',
  'ZoneEgressInsight',
  'ServiceInsight',
  'CircuitBreaker',
  'FaultInjection',
  'HealthCheck',
  'RateLimit',
  'Retry',
  'Timeout',
  'TrafficLog',
  'TrafficPermission',
  'TrafficRoute',
  'TrafficTrace',
  'VirtualOutbound',
  'ProxyTemplate',
]);

/** The types a control plane of this version has, as that version describes them. */
export function resourceTypesFor(version: KumaVersion): KumaResourceType[] {
  return KUMA_RESOURCE_TYPES.flatMap((type) => {
    if (type.since && !isAtLeast(version, type.since[0], type.since[1])) return [];
    if (version.major >= 3 && REMOVED_IN_3.has(type.name)) return [];
    const { in2_6, ...rest } = type;
    return [!isAtLeast(version, 2, 7) && in2_6 ? { ...rest, ...in2_6 } : rest];
  });
}

export interface WriteRules {
  /** `apiServer.readOnly` (every Helm-installed Kubernetes control plane). */
  apiReadOnly: boolean;
  global: boolean;
  federatedZone: boolean;
}

/** Kuma's `IsReadOnly`: what a PUT or DELETE of this type gets on this control plane. */
export function isWritableType(type: KumaResourceType, rules: WriteRules): boolean {
  if (rules.apiReadOnly || type.systemManaged) return false;
  if (rules.global && !type.providedByGlobal) return false;
  if (rules.federatedZone && !type.providedByZone) return false;
  return true;
}
