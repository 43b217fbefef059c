import { isWritableType, resourceTypesFor } from './resource-types';
import type {
  ControlPlaneConfig,
  CpMode,
  Environment,
  IndexResponse,
  ResourceTypeDescription,
} from './types';
import { hasBuiltinGateways, isAtLeast, type KumaVersion, parseKumaVersion } from './version';

/**
 * What the connected control plane can do, derived once from `GET /`, `/config` and
 * `/_resources`; every screen reads this instead of guessing from the version.
 */
export interface Capabilities {
  /** Distinguishes control planes in query keys, so cached data never crosses over. */
  identity: string;
  product: string;
  /** The Kuma version features are gated on (`basedOnKuma` for Kong Mesh). */
  version: KumaVersion;
  /** As the control plane reports it (e.g. Kong Mesh's own version). */
  displayVersion: string;
  environment: Environment;
  mode: CpMode;
  /** A zone federated with a global control plane. */
  federatedZone: boolean;
  zoneName?: string;
  /** No write works at all (Kubernetes, or `apiServer.readOnly`). */
  readOnly: boolean;
  readOnlyReason?: string;
  builtinGateways: boolean;
  meshServices: boolean;
  zones: boolean;
  /** `type=` on service-insights (2.7+); 2.6 clients filter on `serviceType` themselves. */
  serviceInsightTypeFilter: boolean;
  serviceInsights: boolean;
  labelFilters: boolean;
  writable: Record<string, boolean>;
  paths: Record<string, string>;
}

function readOnlyReason(config: ControlPlaneConfig): string | undefined {
  if (config.environment === 'kubernetes') {
    return 'On Kubernetes the control plane API is read-only: apply resources with kubectl.';
  }
  if (config.apiServer?.readOnly) return 'This control plane runs with apiServer.readOnly.';
  return undefined;
}

export function deriveCapabilities(
  index: IndexResponse,
  config: ControlPlaneConfig,
  resources: ResourceTypeDescription[],
): Capabilities {
  const version = parseKumaVersion(index.basedOnKuma ?? index.version);
  const byName = new Map(resources.map((resource) => [resource.name, resource]));
  const reason = readOnlyReason(config);
  const zone = config.multizone?.zone;
  const federatedZone = config.mode === 'zone' && Boolean(zone?.globalAddress);
  const rules = { apiReadOnly: Boolean(reason), global: config.mode === 'global', federatedZone };
  const writable: Record<string, boolean> = {};
  const paths: Record<string, string> = {};
  const knownTypes = resourceTypesFor(version);
  for (const resource of resources) {
    // `/_resources`' readOnly marks every type of a federated zone and none on a global control
    // plane; where writes really go is kuma-cp's per-type rule, known for the types we know.
    const known = knownTypes.find((type) => type.name === resource.name);
    writable[resource.name] = known ? isWritableType(known, rules) : !resource.readOnly && !reason;
    paths[resource.name] = resource.path;
  }
  return {
    identity: [index.product, index.version, index.clusterId ?? index.hostname, index.instanceId]
      .filter(Boolean)
      .join('|'),
    product: index.product,
    version,
    displayVersion: index.version,
    environment: config.environment,
    // kuma-cp reports a zone that belongs to no global as mode `zone` (`standalone` is its
    // deprecated name); for people, and for where writes go, it is standalone.
    mode: config.mode === 'zone' && !federatedZone ? 'standalone' : config.mode,
    federatedZone,
    zoneName: zone?.name || undefined,
    readOnly: Boolean(reason) || !Object.values(writable).some(Boolean),
    readOnlyReason: reason,
    builtinGateways: hasBuiltinGateways(version) && byName.has('MeshGateway'),
    meshServices: byName.has('MeshService'),
    zones: config.mode === 'global',
    serviceInsightTypeFilter: isAtLeast(version, 2, 7),
    serviceInsights: version.major < 3,
    labelFilters: isAtLeast(version, 2, 10),
    writable,
    paths,
  };
}
