import {
  isWritableType,
  type KumaResourceType,
  resourceTypesFor,
} from '../../src/kuma/resource-types';
import type { CpMode, Environment, ResourceTypeDescription } from '../../src/kuma/types';
import { isAtLeast, type KumaVersion } from '../../src/kuma/version';

/** Which control plane the demo pretends to be. */
export interface Personality {
  version: KumaVersion;
  environment: Environment;
  /** `zone` means a zone federated with a global control plane; `standalone` is not federated. */
  mode: CpMode;
  zoneName: string;
}

export type ResourceType = KumaResourceType;

/** Per version object: the table is looked up for every stored resource (thousands at start). */
const typesByVersion = new WeakMap<KumaVersion, readonly ResourceType[]>();

export function resourceTypes(personality: Personality): readonly ResourceType[] {
  let types = typesByVersion.get(personality.version);
  if (!types) {
    types = resourceTypesFor(personality.version);
    typesByVersion.set(personality.version, types);
  }
  return types;
}

export function resourceType(personality: Personality, name: string): ResourceType {
  const type = resourceTypes(personality).find((candidate) => candidate.name === name);
  if (!type) throw new Error(`Kuma ${personality.version.raw} has no ${name} type`);
  return type;
}

export function isFederatedZone(personality: Personality): boolean {
  return personality.mode === 'zone';
}

/** Helm sets `apiServer.readOnly` on every Kubernetes control plane. */
export function isApiReadOnly(personality: Personality): boolean {
  return personality.environment === 'kubernetes';
}

/** Kuma's `IsReadOnly`: what a write of this type gets on this control plane. */
export function isReadOnly(personality: Personality, type: ResourceType): boolean {
  return !isWritableType(type, {
    apiReadOnly: isApiReadOnly(personality),
    global: personality.mode === 'global',
    federatedZone: isFederatedZone(personality),
  });
}

export function readOnlyMessage(personality: Personality): string {
  if (personality.mode === 'global') {
    return "On global control plane you can not modify dataplane resources with 'kumactl apply' or via the HTTP API. You can still use 'kumactl' or the HTTP API to modify them on the zone control plane.\n";
  }
  if (isFederatedZone(personality)) {
    return "On zone control plane you can only modify zone resources with 'kumactl apply' or via the HTTP API. You can still use 'kumactl' or the HTTP API to modify the rest of the resource on the global control plane.\n";
  }
  return "On Kubernetes you cannot change the state of Kuma resources with 'kumactl apply' or via the HTTP API. As a best practice, you should always be using 'kubectl apply' instead. You can still use 'kumactl' or the HTTP API to make read-only operations. On Universal this limitation does not apply.\n";
}

/**
 * `GET /_resources`' entry: its `readOnly` is `apiServer.readOnly || federated zone || computed
 * type`, not what a write gets (that is `isReadOnly`).
 */
export function describeType(
  personality: Personality,
  type: ResourceType,
): ResourceTypeDescription {
  const { version } = personality;
  const description: ResourceTypeDescription = {
    name: type.name,
    scope: type.scope,
    readOnly:
      isApiReadOnly(personality) || isFederatedZone(personality) || Boolean(type.systemManaged),
    path: type.path,
    singularDisplayName: type.singular,
    pluralDisplayName: type.plural,
    shortName: type.shortName ?? '',
    includeInFederation: Boolean(type.includeInFederation),
  };
  if (!isAtLeast(version, 2, 13)) {
    delete (description as Partial<ResourceTypeDescription>).shortName;
  }
  if (type.policy) {
    const { hasToTargetRef, hasFromTargetRef, hasRulesTargetRef, isTargetRef, isFromAsRules } =
      type.policy;
    description.policy = {
      hasFromTargetRef,
      ...(isAtLeast(version, 2, 14) ? { hasRulesTargetRef } : {}),
      hasToTargetRef,
      ...(isAtLeast(version, 2, 10) ? { isFromAsRules } : {}),
      isTargetRef,
    };
  }
  return description;
}

/**
 * `GET /policies`' entry: here `readOnly` is what a write gets, except that 2.6 marks every
 * policy read-only on a federated zone.
 */
export function describePolicy(personality: Personality, type: ResourceType) {
  const zone26 = !isAtLeast(personality.version, 2, 7) && isFederatedZone(personality);
  return {
    name: type.name,
    readOnly: zone26 || isReadOnly(personality, type),
    path: type.path,
    singularDisplayName: type.singular,
    pluralDisplayName: type.plural,
    isExperimental: false,
    isTargetRefBased: Boolean(type.policy?.isTargetRef),
    isInbound: Boolean(type.policy?.hasFromTargetRef),
    isOutbound: Boolean(type.policy?.hasToTargetRef),
  };
}

export function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
