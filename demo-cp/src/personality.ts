import type { CpMode, Environment, ResourceTypeDescription } from '../../src/kuma/types';
import { hasBuiltinGateways, isAtLeast, type KumaVersion } from '../../src/kuma/version';

/** Which control plane the demo pretends to be. */
export interface Personality {
  version: KumaVersion;
  environment: Environment;
  /** `zone` means a zone federated with a global control plane; `standalone` is not federated. */
  mode: CpMode;
  zoneName: string;
}

export type ResourceShape = 'legacy' | 'policy';

/** What the demo knows of a resource type, beyond the public `/_resources` descriptor. */
export interface ResourceType {
  name: string;
  path: string;
  scope: 'Global' | 'Mesh';
  shape: ResourceShape;
  shortName: string;
  singularDisplayName: string;
  pluralDisplayName: string;
  /** Written on the global control plane and synced down to zones. */
  providedByGlobal: boolean;
  /** Written on a zone and synced up to global. */
  providedByZone: boolean;
  hasInsights: boolean;
  isPolicy: boolean;
}

const ALL_TYPES: (ResourceType & { since?: [number, number]; builtinGateway?: boolean })[] = [
  {
    name: 'Mesh',
    path: 'meshes',
    scope: 'Global',
    shape: 'legacy',
    shortName: 'm',
    singularDisplayName: 'Mesh',
    pluralDisplayName: 'Meshes',
    providedByGlobal: true,
    providedByZone: false,
    hasInsights: true,
    isPolicy: false,
  },
  {
    name: 'Zone',
    path: 'zones',
    scope: 'Global',
    shape: 'legacy',
    shortName: 'z',
    singularDisplayName: 'Zone',
    pluralDisplayName: 'Zones',
    providedByGlobal: true,
    providedByZone: false,
    hasInsights: true,
    isPolicy: false,
  },
  {
    name: 'Dataplane',
    path: 'dataplanes',
    scope: 'Mesh',
    shape: 'legacy',
    shortName: 'dp',
    singularDisplayName: 'Dataplane',
    pluralDisplayName: 'Dataplanes',
    providedByGlobal: false,
    providedByZone: true,
    hasInsights: true,
    isPolicy: false,
  },
  {
    name: 'MeshGateway',
    path: 'meshgateways',
    scope: 'Mesh',
    shape: 'legacy',
    shortName: 'mgw',
    singularDisplayName: 'Mesh Gateway',
    pluralDisplayName: 'Mesh Gateways',
    providedByGlobal: true,
    providedByZone: true,
    hasInsights: false,
    isPolicy: false,
    builtinGateway: true,
  },
  {
    name: 'MeshGatewayRoute',
    path: 'meshgatewayroutes',
    scope: 'Mesh',
    shape: 'legacy',
    shortName: 'mgwr',
    singularDisplayName: 'Mesh Gateway Route',
    pluralDisplayName: 'Mesh Gateway Routes',
    providedByGlobal: true,
    providedByZone: false,
    hasInsights: false,
    isPolicy: false,
    builtinGateway: true,
  },
  {
    name: 'MeshHTTPRoute',
    path: 'meshhttproutes',
    scope: 'Mesh',
    shape: 'policy',
    shortName: 'mhttpr',
    singularDisplayName: 'Mesh HTTP Route',
    pluralDisplayName: 'Mesh HTTP Routes',
    providedByGlobal: true,
    providedByZone: true,
    hasInsights: false,
    isPolicy: true,
  },
  {
    name: 'MeshTCPRoute',
    path: 'meshtcproutes',
    scope: 'Mesh',
    shape: 'policy',
    shortName: 'mtcpr',
    singularDisplayName: 'Mesh TCP Route',
    pluralDisplayName: 'Mesh TCP Routes',
    providedByGlobal: true,
    providedByZone: true,
    hasInsights: false,
    isPolicy: true,
  },
  {
    name: 'MeshTrafficPermission',
    path: 'meshtrafficpermissions',
    scope: 'Mesh',
    shape: 'policy',
    shortName: 'mtp',
    singularDisplayName: 'Mesh Traffic Permission',
    pluralDisplayName: 'Mesh Traffic Permissions',
    providedByGlobal: true,
    providedByZone: true,
    hasInsights: false,
    isPolicy: true,
  },
  {
    name: 'MeshService',
    path: 'meshservices',
    scope: 'Mesh',
    shape: 'policy',
    shortName: 'msvc',
    singularDisplayName: 'Mesh Service',
    pluralDisplayName: 'Mesh Services',
    providedByGlobal: false,
    providedByZone: true,
    hasInsights: false,
    isPolicy: false,
    since: [2, 9],
  },
];

export function resourceTypes(personality: Personality): ResourceType[] {
  return ALL_TYPES.filter((type) => {
    if (type.builtinGateway && !hasBuiltinGateways(personality.version)) return false;
    if (type.since && !isAtLeast(personality.version, type.since[0], type.since[1])) return false;
    return true;
  });
}

export function isFederatedZone(personality: Personality): boolean {
  return personality.mode === 'zone';
}

/** Kuma's `IsReadOnly`: Kubernetes is always read-only; multi-zone writes where the type lives. */
export function isReadOnly(personality: Personality, type: ResourceType): boolean {
  if (personality.environment === 'kubernetes') return true;
  if (personality.mode === 'global') return !type.providedByGlobal;
  if (isFederatedZone(personality)) return !type.providedByZone;
  return false;
}

export function readOnlyMessage(personality: Personality): string {
  if (personality.environment === 'kubernetes') {
    return "On Kubernetes you cannot change the state of Kuma resources with 'kumactl apply' or via the HTTP API. As a best practice, you should always be using 'kubectl apply' instead. You can still use 'kumactl' or the HTTP API to make read-only operations. On Universal this limitation does not apply.\n";
  }
  if (personality.mode === 'global') {
    return "On global control plane you can not modify dataplane resources with 'kumactl apply' or via the HTTP API. You can still use 'kumactl' or the HTTP API to modify them on the zone control plane.\n";
  }
  return "On zone control plane you can only modify zone resources with 'kumactl apply' or via the HTTP API. You can still use 'kumactl' or the HTTP API to modify the rest of the resource on the global control plane.\n";
}

export function describeType(
  personality: Personality,
  type: ResourceType,
): ResourceTypeDescription {
  const description: ResourceTypeDescription = {
    name: type.name,
    scope: type.scope,
    readOnly: isReadOnly(personality, type),
    path: type.path,
    singularDisplayName: type.singularDisplayName,
    pluralDisplayName: type.pluralDisplayName,
    shortName: type.shortName,
    includeInFederation: type.providedByGlobal,
  };
  // `shortName` arrived in 2.10.
  if (!isAtLeast(personality.version, 2, 10)) {
    delete (description as Partial<ResourceTypeDescription>).shortName;
  }
  if (type.isPolicy) {
    description.policy = {
      hasToTargetRef: true,
      hasFromTargetRef: type.name === 'MeshTrafficPermission',
      isTargetRef: true,
    };
  }
  return description;
}
