// Over 400 lines: every backendRef kind's resolution beside the others, sharing one endpoint lookup, so their differences read side by side.
/**
 * Resolving route `backendRefs` to endpoints (gateway-semantics.md §1.6, §6.2 rules 6–7; facts
 * from kumahq/kuma `api/common/v1alpha1/targetref.go` `ReferencesRealObject`).
 *
 *  - `kind: MeshService` WITH `port` (or `sectionName`) refers to a real MeshService resource; its
 *    endpoints are the Dataplanes its selector picks. It cannot resolve when the resource or the
 *    port is missing, or when MeshServices are disabled in the mesh.
 *  - `kind: MeshService` WITHOUT port (and `MeshServiceSubset`) is a legacy `kuma.io/service` tag
 *    value; its endpoints are Dataplane inbounds with that tag. It cannot resolve in an
 *    `Exclusive` mesh, nor when no inbound and no ServiceInsight knows the service.
 *  - An endpoint is healthy when its Dataplane is connected and the inbound is ready.
 */

import { isConnected } from '../kuma/dataplane-status';
import { displayNameOf } from '../kuma/display-name';
import type { MeshSnapshot } from '../kuma/snapshot';
import type {
  BackendRef,
  DataplaneInbound,
  DataplaneOverview,
  Labels,
  MeshService,
  MeshServicesMode,
  Tags,
} from '../kuma/types';
import { SERVICE_TAG } from '../kuma/validation/tags';
import { counted, plural } from '../lib/plural';
import { tagSelectorMatches } from './gateway-binding';

// The one definition lives with the tag validators; re-exported for the traffic modules.
export { SERVICE_TAG };

export type BackendKind = 'legacy' | 'mesh-service' | 'external' | 'multi-zone' | 'unsupported';
export type BackendStatus = 'healthy' | 'unhealthy' | 'unresolved' | 'unknown';

export interface BackendEndpoint {
  mesh: string;
  dataplane: string;
  /** Connected to the control plane. */
  online: boolean;
  /** The inbound serving the backend is ready (not `NotReady`, health not `false`). */
  ready: boolean;
  healthy: boolean;
  inboundTags: Tags;
  labels: Labels;
}

export interface ResolvedBackend {
  ref: BackendRef;
  kind: BackendKind;
  /** What to call the backend: the service tag value or the MeshService name. */
  service: string;
  resolved: boolean;
  status: BackendStatus;
  meshService?: MeshService;
  /** The resource the resolution used, for the trace. */
  resource?: { type: string; mesh: string; name: string };
  endpoints: BackendEndpoint[];
  healthyEndpoints: number;
  totalEndpoints: number;
  /** Where the endpoint counts come from. */
  countsFrom: 'dataplanes' | 'mesh-service-status' | 'service-insight' | 'none';
  /** How the ref resolved (or why not), naming the resource. */
  summary: string;
  /** Endpoint health in one sentence. */
  healthSummary: string;
}

export function meshServicesMode(mesh: MeshSnapshot): MeshServicesMode {
  return mesh.mesh?.meshServices?.mode ?? 'Disabled';
}

/** A ref to a real resource (not a `kuma.io/service` tag value). */
export function isRealResourceRef(ref: BackendRef): boolean {
  switch (ref.kind) {
    case 'MeshService':
      return ref.port !== undefined || Boolean(ref.sectionName);
    case 'MeshExternalService':
    case 'MeshMultiZoneService':
      return true;
    default:
      return false;
  }
}

export function describeBackendRef(ref: BackendRef): string {
  const name = ref.name ?? (ref.labels ? JSON.stringify(ref.labels) : '(no name)');
  const namespace = ref.namespace ? `/${ref.namespace}` : '';
  const port =
    ref.port !== undefined ? `:${ref.port}` : ref.sectionName ? `:${ref.sectionName}` : '';
  const tags = ref.tags && Object.keys(ref.tags).length > 0 ? ` ${JSON.stringify(ref.tags)}` : '';
  return `${ref.kind ?? 'MeshService'} ${name}${namespace}${port}${tags}`;
}

export function isInboundReady(inbound: DataplaneInbound): boolean {
  if (inbound.state === 'NotReady') return false;
  return inbound.health?.ready !== false;
}

function activeInbounds(dataplane: DataplaneOverview): DataplaneInbound[] {
  const networking = dataplane.dataplane?.networking;
  if (!networking || networking.gateway) return [];
  return (networking.inbound ?? []).filter((inbound) => inbound && inbound.state !== 'Ignored');
}

/** Whether an inbound takes traffic: its Dataplane is online and the inbound ready. */
function isHealthy(online: boolean, inbound: DataplaneInbound): boolean {
  return online && isInboundReady(inbound);
}

function toEndpoint(
  dataplane: DataplaneOverview,
  inbound: DataplaneInbound,
  online: boolean,
): BackendEndpoint {
  return {
    mesh: dataplane.mesh,
    dataplane: dataplane.name,
    online,
    ready: isInboundReady(inbound),
    healthy: isHealthy(online, inbound),
    inboundTags: inbound.tags ?? {},
    labels: dataplane.labels ?? {},
  };
}

const dataplanesByService = new WeakMap<
  readonly DataplaneOverview[],
  Map<string, DataplaneOverview[]>
>();

/**
 * The Dataplanes of `all` with an active inbound tagged `kuma.io/service: service` (all of them
 * when no service is named). Indexed once per snapshot array: a mesh-wide evaluation resolves
 * hundreds of backends, and scanning every Dataplane for each made it quadratic.
 */
function dataplanesServing(
  all: readonly DataplaneOverview[],
  meshName: string,
  service: string | undefined,
): DataplaneOverview[] {
  const inMesh = (dataplane: DataplaneOverview) => !dataplane.mesh || dataplane.mesh === meshName;
  if (service === undefined) return all.filter(inMesh);
  let index = dataplanesByService.get(all);
  if (!index) {
    index = new Map();
    for (const dataplane of all) {
      for (const inbound of activeInbounds(dataplane)) {
        const name = inbound.tags?.[SERVICE_TAG];
        if (!name) continue;
        const list = index.get(name) ?? [];
        if (list.at(-1) !== dataplane) list.push(dataplane);
        index.set(name, list);
      }
    }
    dataplanesByService.set(all, index);
  }
  return (index.get(service) ?? []).filter(inMesh);
}

/**
 * One endpoint per Dataplane: the first inbound that qualifies, preferring a healthy one. Only
 * the endpoint kept is made: the demo resolves backends thousands of times per tick at 50,000
 * dataplanes, and the arrays and endpoints made for every candidate inbound were 8 of the
 * 120 MB of garbage per tick.
 */
function endpointsFrom(
  dataplanes: readonly DataplaneOverview[],
  accept: (inbound: DataplaneInbound, dataplane: DataplaneOverview) => boolean,
): BackendEndpoint[] {
  const endpoints: BackendEndpoint[] = [];
  for (const dataplane of dataplanes) {
    const online = isConnected(dataplane.dataplaneInsight);
    let chosen: DataplaneInbound | undefined;
    for (const inbound of activeInbounds(dataplane)) {
      if (!accept(inbound, dataplane)) continue;
      if (isHealthy(online, inbound)) {
        chosen = inbound;
        break;
      }
      chosen ??= inbound;
    }
    if (chosen) endpoints.push(toEndpoint(dataplane, chosen, online));
  }
  return endpoints;
}

function healthSentence(service: string, healthy: number, total: number, source: string): string {
  if (total === 0) return `No endpoint serves ${service}${source}.`;
  if (healthy === 0) {
    const which = total === 1 ? 'The only endpoint' : `None of the ${counted(total, 'endpoint')}`;
    return `${which} of ${service} is ${total === 1 ? 'not ' : ''}healthy (online with a ready inbound)${source}.`;
  }
  return `${healthy} of ${counted(total, 'endpoint')} of ${service} ${plural(healthy, 'is', 'are')} healthy${source}.`;
}

function finish(
  base: Omit<
    ResolvedBackend,
    'status' | 'healthSummary' | 'healthyEndpoints' | 'totalEndpoints'
  > & {
    healthyEndpoints?: number;
    totalEndpoints?: number;
    sourceNote?: string;
  },
): ResolvedBackend {
  const { sourceNote, ...rest } = base;
  const healthy =
    base.healthyEndpoints ?? base.endpoints.filter((endpoint) => endpoint.healthy).length;
  const total = base.totalEndpoints ?? base.endpoints.length;
  return {
    ...rest,
    healthyEndpoints: healthy,
    totalEndpoints: total,
    status: healthy > 0 ? 'healthy' : 'unhealthy',
    healthSummary: healthSentence(base.service, healthy, total, sourceNote ?? ''),
  };
}

function unresolved(
  ref: BackendRef,
  kind: BackendKind,
  service: string,
  summary: string,
  resource?: ResolvedBackend['resource'],
): ResolvedBackend {
  return {
    ref,
    kind,
    service,
    resolved: false,
    status: 'unresolved',
    resource,
    endpoints: [],
    healthyEndpoints: 0,
    totalEndpoints: 0,
    countsFrom: 'none',
    summary,
    healthSummary:
      'The ref does not resolve, so Kuma routes to kuma.io/unresolved-backend and no endpoint receives the request.',
  };
}

const meshServiceDisplayName = (service: MeshService): string => displayNameOf(service);

export function findMeshService(mesh: MeshSnapshot, ref: BackendRef): MeshService | undefined {
  const services = mesh.meshServices ?? [];
  if (ref.labels && Object.keys(ref.labels).length > 0) {
    return services.find((service) => tagSelectorMatches(ref.labels, service.labels ?? {}));
  }
  if (!ref.name) return undefined;
  const exact = services.find(
    (service) =>
      service.name === ref.name ||
      (ref.namespace && service.name === `${ref.name}.${ref.namespace}`),
  );
  if (exact) return exact;
  return services.find(
    (service) =>
      meshServiceDisplayName(service) === ref.name &&
      (!ref.namespace || service.labels?.['k8s.kuma.io/namespace'] === ref.namespace),
  );
}

function inboundServesPort(inbound: DataplaneInbound, targetPort: number | string): boolean {
  if (typeof targetPort === 'number') {
    return inbound.port === targetPort || inbound.servicePort === targetPort;
  }
  return inbound.name === targetPort || String(inbound.port) === targetPort;
}

function resolveMeshService(mesh: MeshSnapshot, ref: BackendRef): ResolvedBackend {
  const meshName = mesh.mesh?.name ?? '';
  const label = describeBackendRef(ref);
  const service = findMeshService(mesh, ref);
  const mode = meshServicesMode(mesh);
  if (!service) {
    const why =
      mode === 'Disabled'
        ? ` MeshServices are disabled in mesh "${meshName}" (meshServices.mode: Disabled), so a ref with a port can never resolve; drop the port to use the kuma.io/service tag, or enable MeshServices.`
        : '';
    return unresolved(
      ref,
      'mesh-service',
      ref.name ?? label,
      `${label} refers to a MeshService resource (it has a port), but mesh "${meshName}" has no MeshService "${ref.name ?? ''}".${why}`,
    );
  }
  const resource = { type: 'MeshService', mesh: service.mesh ?? meshName, name: service.name };
  const name = meshServiceDisplayName(service);
  const ports = service.spec?.ports ?? [];
  const port = ports.find(
    (candidate) =>
      (ref.port !== undefined && candidate.port === ref.port) ||
      (ref.sectionName !== undefined &&
        (candidate.name === ref.sectionName || String(candidate.port) === ref.sectionName)),
  );
  if (!port) {
    return unresolved(
      ref,
      'mesh-service',
      name,
      `MeshService "${service.name}" has no port ${ref.port ?? ref.sectionName} (it exposes ${
        ports.map((p) => (p.name ? `${p.port}/${p.name}` : String(p.port))).join(', ') || 'no ports'
      }).`,
      resource,
    );
  }
  const selector = service.spec?.selector;
  const targetPort = port.targetPort ?? port.port;
  let selected: BackendEndpoint[] = [];
  let portNote = '';
  if (selector?.dataplaneTags || selector?.dataplaneRef) {
    const inSelector = (inbound: DataplaneInbound, dataplane: DataplaneOverview): boolean => {
      if (selector.dataplaneRef) return dataplane.name === selector.dataplaneRef.name;
      return tagSelectorMatches(selector.dataplaneTags, inbound.tags ?? {});
    };
    const dataplanes = selector.dataplaneRef
      ? dataplanesServing(mesh.dataplanes ?? [], meshName, undefined)
      : dataplanesServing(mesh.dataplanes ?? [], meshName, selector.dataplaneTags?.[SERVICE_TAG]);
    selected = endpointsFrom(
      dataplanes,
      (inbound, dp) => inSelector(inbound, dp) && inboundServesPort(inbound, targetPort),
    );
    if (selected.length === 0) {
      const anyPort = endpointsFrom(dataplanes, inSelector);
      if (anyPort.length > 0) {
        selected = anyPort;
        portNote = ` (no selected inbound declares target port ${targetPort}; counting the selected Dataplanes' inbounds)`;
      }
    }
  }
  const summary = `${label} resolves to MeshService "${service.name}" port ${port.port}${port.name ? ` (${port.name})` : ''}.`;
  if (selected.length > 0) {
    return finish({
      ref,
      kind: 'mesh-service',
      service: name,
      resolved: true,
      meshService: service,
      resource,
      endpoints: selected,
      countsFrom: 'dataplanes',
      summary,
      sourceNote: portNote,
    });
  }
  const proxies = service.status?.dataplaneProxies;
  if (proxies && (proxies.total ?? 0) > 0) {
    const healthy = service.spec?.state === 'Unavailable' ? 0 : (proxies.healthy ?? 0);
    return finish({
      ref,
      kind: 'mesh-service',
      service: name,
      resolved: true,
      meshService: service,
      resource,
      endpoints: [],
      healthyEndpoints: healthy,
      totalEndpoints: proxies.total ?? 0,
      countsFrom: 'mesh-service-status',
      summary,
      sourceNote:
        ' (from the MeshService status; its Dataplanes are not in this snapshot, e.g. another zone)',
    });
  }
  return finish({
    ref,
    kind: 'mesh-service',
    service: name,
    resolved: true,
    meshService: service,
    resource,
    endpoints: [],
    countsFrom: 'none',
    summary,
    sourceNote:
      service.spec?.state === 'Unavailable'
        ? ' (the MeshService state is Unavailable)'
        : ' (its selector picks no Dataplane)',
  });
}

function resolveLegacy(mesh: MeshSnapshot, ref: BackendRef): ResolvedBackend {
  const meshName = mesh.mesh?.name ?? '';
  const label = describeBackendRef(ref);
  const name = ref.name ?? '';
  if (!name) return unresolved(ref, 'legacy', label, `${label} names no service.`);
  if (meshServicesMode(mesh) === 'Exclusive') {
    return unresolved(
      ref,
      'legacy',
      name,
      `${label} is a kuma.io/service reference (no port), but mesh "${meshName}" runs meshServices.mode: Exclusive, where no clusters exist for kuma.io/service values; reference the MeshService with a port instead.`,
    );
  }
  const subset = ref.kind === 'MeshServiceSubset' ? (ref.tags ?? {}) : {};
  const dataplanes = dataplanesServing(mesh.dataplanes ?? [], meshName, name);
  const endpoints = endpointsFrom(dataplanes, (inbound) => {
    const tags = inbound.tags ?? {};
    return tags[SERVICE_TAG] === name && tagSelectorMatches(subset, tags);
  });
  const subsetNote = Object.keys(subset).length > 0 ? ` with tags ${JSON.stringify(subset)}` : '';
  if (endpoints.length > 0) {
    return finish({
      ref,
      kind: 'legacy',
      service: name,
      resolved: true,
      endpoints,
      countsFrom: 'dataplanes',
      summary: `${label} is the kuma.io/service tag "${name}"${subsetNote}, served by ${counted(endpoints.length, 'Dataplane inbound')}.`,
    });
  }
  const insight = (mesh.serviceInsights ?? []).find((entry) => entry.name === name);
  if (insight) {
    const online =
      insight.status === 'offline' || insight.status === 'not_available'
        ? 0
        : (insight.dataplanes?.online ?? 0);
    return finish({
      ref,
      kind: 'legacy',
      service: name,
      resolved: true,
      endpoints: [],
      healthyEndpoints: online,
      totalEndpoints: insight.dataplanes?.total ?? 0,
      countsFrom: 'service-insight',
      resource: { type: 'ServiceInsight', mesh: insight.mesh ?? meshName, name: insight.name },
      summary: `${label} is the kuma.io/service tag "${name}"; no Dataplane in this snapshot serves it, but ServiceInsight "${name}" knows it (status ${insight.status}).`,
      sourceNote: ' (from the ServiceInsight)',
    });
  }
  return unresolved(
    ref,
    'legacy',
    name,
    `${label} is the kuma.io/service tag "${name}"${subsetNote}, but no Dataplane inbound carries it and no ServiceInsight knows it.`,
  );
}

export function resolveBackendRef(mesh: MeshSnapshot, ref: BackendRef): ResolvedBackend {
  const safeRef: BackendRef = ref ?? { kind: 'MeshService' };
  const kind = safeRef.kind ?? 'MeshService';
  const label = describeBackendRef(safeRef);
  switch (kind) {
    case 'MeshService':
      return isRealResourceRef({ ...safeRef, kind })
        ? resolveMeshService(mesh, safeRef)
        : resolveLegacy(mesh, safeRef);
    case 'MeshServiceSubset':
      return resolveLegacy(mesh, safeRef);
    case 'MeshExternalService':
    case 'MeshMultiZoneService':
      return {
        ref: safeRef,
        kind: kind === 'MeshExternalService' ? 'external' : 'multi-zone',
        service: safeRef.name ?? label,
        resolved: true,
        status: 'unknown',
        endpoints: [],
        healthyEndpoints: 0,
        totalEndpoints: 0,
        countsFrom: 'none',
        summary: `${label}: ${kind} resources are not part of the snapshot, so the dashboard cannot check it and assumes it resolves.`,
        healthSummary: `Health of ${kind} "${safeRef.name ?? ''}" is unknown to the dashboard; assumed reachable.`,
      };
    default:
      return unresolved(
        safeRef,
        'unsupported',
        safeRef.name ?? label,
        `${label}: backendRef kind "${kind}" is not supported on a route.`,
      );
  }
}

export interface BackendShare {
  ref: BackendRef;
  weight: number;
  /** Fraction of requests (0–1) this backend receives. */
  share: number;
}

/** Weighted split: weight defaults to 1; a weight of 0 receives nothing. */
export function backendShares(refs: readonly BackendRef[]): BackendShare[] {
  const weights = refs.map((ref) => Math.max(0, Number(ref?.weight ?? 1) || 0));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return refs.map((ref, index) => {
    const weight = weights[index] ?? 0;
    return { ref, weight, share: total > 0 ? weight / total : 0 };
  });
}
