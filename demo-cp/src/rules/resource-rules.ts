/**
 * `toResourceRules` (2.9+): `to` entries resolved to the real resources they name (the Mesh, a
 * MeshService and its ports, a MeshExternalService, a MeshMultiZoneService, a MeshHTTPRoute),
 * and for each such resource the merge of every entry that applies to it.
 */
import type { RulesFeatures } from './features';
import { type ConfShape, mergeConfs } from './merge';
import {
  compareStrings,
  DISPLAY_NAME_LABEL,
  displayName,
  labelsOf,
  type MeshResources,
  NAMESPACE_LABEL,
  type Origin,
  type Policy,
  resourceKey,
  type StoredObject,
  type TargetRef,
  ZONE_LABEL,
} from './model';
import {
  compareByDisplayNameDescending,
  compareByPolicyAttributes,
  compareKinds,
} from './policy-order';
import type { RuleItem } from './subset-rules';

export interface ResourceRule {
  resourceType: string;
  resource: StoredObject;
  sectionName: string;
  conf: unknown[];
  origins: Origin[];
}

/** Kinds a `to` entry may name that resolve to stored resources. */
const RESOLVABLE = new Set([
  'Mesh',
  'MeshService',
  'MeshExternalService',
  'MeshMultiZoneService',
  'MeshHTTPRoute',
]);
const DESTINATIONS = new Set(['MeshService', 'MeshExternalService', 'MeshMultiZoneService']);

/** A KRI without its section: type, mesh, zone, namespace and display name. */
function identity(type: string, resource: StoredObject): string {
  const labels = labelsOf(resource);
  return [
    type,
    resource.mesh ?? '',
    labels[ZONE_LABEL] ?? '',
    labels[NAMESPACE_LABEL] ?? '',
    displayName(resource),
  ].join('\u0000');
}

interface Port {
  name: string;
  value: number;
}

function portsOf(type: string, resource: StoredObject): Port[] {
  const spec = (resource.spec ?? {}) as Record<string, unknown>;
  if (type === 'MeshExternalService') {
    const match = (spec.match ?? {}) as { port?: number };
    return [{ name: String(match.port ?? 0), value: match.port ?? 0 }];
  }
  const ports = Array.isArray(spec.ports) ? (spec.ports as { port?: number; name?: string }[]) : [];
  return ports.map((port) => ({
    // A MeshService port's name is its number unless named (even as ""); a
    // MeshMultiZoneService falls back to the number for an empty name too.
    name:
      type === 'MeshService'
        ? (port.name ?? String(port.port ?? 0))
        : port.name || String(port.port ?? 0),
    value: port.port ?? 0,
  }));
}

interface Resolved {
  type: string;
  resource: StoredObject;
  sectionName: string;
}

/** `backend_kuma-demo_svc_8080`: the old Kubernetes service name, as name, namespace, port. */
function parseKubernetesService(
  name: string,
): { name: string; namespace: string; port: number } | undefined {
  const segments = name.split('_');
  if (segments.length === 3) return { name: segments[0]!, namespace: segments[1]!, port: 0 };
  if (segments.length !== 4) return undefined;
  const port = segments[3]!;
  // strconv.ParseInt: an optional sign, then decimal digits fitting 32 bits.
  if (!/^[+-]?\d+$/.test(port) || Math.abs(Number(port)) > 2 ** 31) return undefined;
  return { name: segments[0]!, namespace: segments[1]!, port: Number(port) };
}

function typedList(type: string, resources: MeshResources): StoredObject[] {
  return type === 'Mesh' ? [resources.mesh] : resources.list(type);
}

/** `resolve.TargetRef`: the resources (and sections) a `to` entry of `policy` names. */
export function resolveTargetRef(
  ref: TargetRef,
  policy: Policy,
  resources: MeshResources,
): Resolved[] {
  if (!RESOLVABLE.has(ref.kind)) return [];
  let byLabels: Record<string, string> | undefined;
  let byIdentity: string | undefined;
  let port = 0;
  const sectionName = ref.sectionName ?? '';
  if (Object.keys(ref.labels ?? {}).length > 0) {
    byLabels = ref.labels;
  } else if (ref.kind === 'Mesh') {
    byIdentity = ['Mesh', '', '', '', policy.mesh].join('\u0000');
  } else {
    const labels = labelsOf(policy);
    byIdentity = [
      ref.kind,
      policy.mesh,
      labels[ZONE_LABEL] ?? '',
      ref.namespace || (labels[NAMESPACE_LABEL] ?? ''),
      ref.name ?? '',
    ].join('\u0000');
  }
  if (ref.kind === 'MeshService' && sectionName === '') {
    const service = parseKubernetesService(ref.name ?? '');
    if (service) {
      byLabels = { [NAMESPACE_LABEL]: service.namespace, [DISPLAY_NAME_LABEL]: service.name };
      byIdentity = undefined;
      port = service.port;
    }
  }
  const candidates = typedList(ref.kind, resources);
  const found = byLabels
    ? candidates.filter((resource) =>
        Object.entries(byLabels).every(([key, value]) => labelsOf(resource)[key] === value),
      )
    : candidates.filter((resource) => identity(ref.kind, resource) === byIdentity).slice(0, 1);
  if (port === 0 && sectionName === '') {
    return found.map((resource) => ({ type: ref.kind, resource, sectionName: '' }));
  }
  return found.flatMap((resource) => {
    if (!DESTINATIONS.has(ref.kind)) return [{ type: ref.kind, resource, sectionName: '' }];
    const ports = portsOf(ref.kind, resource);
    const match =
      port !== 0
        ? ports.find((candidate) => candidate.value === port)
        : ports.find((candidate) => candidate.name === sectionName);
    return match ? [{ type: ref.kind, resource, sectionName: match.name }] : [];
  });
}

/** Whether an entry resolved to `item` also configures `other` (at `otherSection`). */
function isRelevant(item: Resolved, other: Resolved): boolean {
  switch (item.type) {
    case 'Mesh':
      return other.type === 'Mesh'
        ? item.resource.name === other.resource.name
        : item.resource.name === (other.resource.mesh ?? '');
    case 'MeshService':
    case 'MeshMultiZoneService': {
      if (other.type !== item.type) return false;
      const same = identity(item.type, item.resource) === identity(other.type, other.resource);
      return (
        (same && item.sectionName === other.sectionName) ||
        (same && item.sectionName === '' && other.sectionName !== '')
      );
    }
    case 'MeshExternalService':
    case 'MeshHTTPRoute':
      return (
        other.type === item.type &&
        identity(item.type, item.resource) === identity(other.type, other.resource)
      );
    default:
      return false;
  }
}

function compareToEntries(a: RuleItem, b: RuleItem): number {
  const byKind = compareKinds(a.targetRef.kind, b.targetRef.kind);
  if (byKind !== 0 || a.targetRef.kind !== 'MeshService') return byKind;
  return (a.targetRef.sectionName ? 1 : 0) - (b.targetRef.sectionName ? 1 : 0);
}

/** Each (policy, entry index) once, in merge order. */
function originsOf(items: readonly RuleItem[]): Origin[] {
  const seen = new Set<string>();
  const origins: Origin[] = [];
  for (const item of items) {
    const key = `${resourceKey(item.policy)}\u0000${item.ruleIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    origins.push({ resource: item.policy, ruleIndex: item.ruleIndex });
  }
  return origins;
}

export function buildResourceRules(
  entries: readonly RuleItem[],
  resources: MeshResources,
  shape: ConfShape,
  features: RulesFeatures,
): ResourceRule[] {
  const sorted = [...entries].sort(
    (a, b) =>
      compareByPolicyAttributes(a.policy, b.policy, features) ||
      compareToEntries(a, b) ||
      compareByDisplayNameDescending(a.policy, b.policy),
  );
  const resolved = sorted.flatMap((entry) =>
    resolveTargetRef(entry.targetRef, entry.policy, resources).map((target) => ({
      entry,
      target,
    })),
  );
  const targets = new Map<string, Resolved>();
  for (const { target } of resolved) {
    targets.set(`${identity(target.type, target.resource)}\u0000${target.sectionName}`, target);
  }
  const rules: ResourceRule[] = [];
  for (const target of targets.values()) {
    const relevant = resolved
      .filter((candidate) => isRelevant(candidate.target, target))
      .map((candidate) => candidate.entry);
    if (relevant.length === 0) continue;
    rules.push({
      resourceType: target.type,
      resource: target.resource,
      sectionName: target.sectionName,
      conf: mergeConfs(
        relevant.map((item) => item.conf),
        shape,
      ),
      origins: originsOf(relevant),
    });
  }
  return rules.sort((a, b) => compareStrings(a.resource.name, b.resource.name));
}
