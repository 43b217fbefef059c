/**
 * Who a service is (a `kuma.io/service` tag value, a MeshService, or both, under every name a
 * backend ref or outbound may use) and the proxies that serve it: what is truly the service
 * page's own. Which gateways send it traffic comes from the mesh model (`service-model.ts`).
 */
import { type DataplaneStatus, dataplaneKind, dataplaneStatus } from '../../kuma/dataplane-status';
import { displayNameOf } from '../../kuma/display-name';
import type { MeshSnapshot } from '../../kuma/snapshot';
import type { DataplaneOverview, MeshService, ServiceInsight } from '../../kuma/types';
import {
  isInboundReady,
  type ResolvedBackend,
  resolveBackendRef,
  SERVICE_TAG,
} from '../../traffic/backends';

/** What names the service answers to, and the resources that describe it. */
export interface ServiceIdentity {
  mesh: string;
  /** The name in the address: a tag value or a MeshService's stored name. */
  name: string;
  /** The MeshService of that name (stored or display name), 2.9+. */
  meshService?: MeshService;
  insight?: ServiceInsight;
  /**
   * Every name a backend ref or outbound may use for it: the name, the MeshService's stored and
   * display names, and the `kuma.io/service` value its selector picks.
   */
  names: string[];
}

export interface ServiceDataplane {
  name: string;
  displayName: string;
  kind: 'standard' | 'builtin' | 'delegated';
  status: DataplaneStatus;
  zone?: string;
  /** The inbounds serving this service, `port (ready|not ready)`. */
  inbounds: { port?: number; ready: boolean }[];
}

function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

export function serviceIdentity(mesh: MeshSnapshot, name: string): ServiceIdentity {
  const meshName = mesh.mesh?.name ?? '';
  const meshService =
    (mesh.meshServices ?? []).find((service) => service.name === name) ??
    (mesh.meshServices ?? []).find((service) => displayNameOf(service) === name);
  const insight = (mesh.serviceInsights ?? []).find((entry) => entry.name === name);
  const names = new Set([name]);
  if (meshService) {
    names.add(meshService.name);
    names.add(displayNameOf(meshService));
    const tag = meshService.spec?.selector?.dataplaneTags?.[SERVICE_TAG];
    if (tag) names.add(tag);
  }
  return {
    mesh: meshName,
    name,
    ...(meshService ? { meshService } : {}),
    ...(insight ? { insight } : {}),
    names: [...names],
  };
}

/** Does a resolved backend (or a trace's backend report) stand for this service? */
export function isThisService(
  identity: ServiceIdentity,
  backend: Pick<ResolvedBackend, 'service' | 'resource'>,
): boolean {
  if (backend.resource?.type === 'MeshService') {
    return identity.meshService
      ? backend.resource.name === identity.meshService.name
      : backend.resource.name === identity.name;
  }
  return identity.names.includes(backend.service);
}

function servesTag(dataplane: DataplaneOverview, names: ReadonlySet<string>): boolean {
  const networking = dataplane.dataplane?.networking;
  if (!networking) return false;
  if (networking.gateway) return names.has(networking.gateway.tags?.[SERVICE_TAG] ?? '');
  return (networking.inbound ?? []).some((inbound) => names.has(inbound.tags?.[SERVICE_TAG] ?? ''));
}

/**
 * The proxies that serve the service: those with an inbound (or gateway tags) carrying one of
 * its tag values, and those its MeshService's selector picks on any of its ports.
 */
export function serviceDataplanes(
  mesh: MeshSnapshot,
  identity: ServiceIdentity,
): ServiceDataplane[] {
  const names = new Set(identity.names);
  const selected = new Set<string>();
  const service = identity.meshService;
  for (const port of service?.spec?.ports ?? []) {
    const resolved = resolveBackendRef(mesh, {
      kind: 'MeshService',
      name: service?.name,
      port: port.port,
    });
    for (const endpoint of resolved.endpoints) selected.add(endpoint.dataplane);
  }
  return (mesh.dataplanes ?? [])
    .filter((dataplane) => selected.has(dataplane.name) || servesTag(dataplane, names))
    .map((dataplane): ServiceDataplane => {
      const networking = dataplane.dataplane?.networking ?? {};
      const inbounds = (networking.inbound ?? [])
        .filter(
          (inbound) =>
            inbound.state !== 'Ignored' &&
            (selected.has(dataplane.name) || names.has(inbound.tags?.[SERVICE_TAG] ?? '')),
        )
        .map((inbound) => ({
          ...(inbound.port !== undefined ? { port: inbound.port } : {}),
          ready: isInboundReady(inbound),
        }));
      const zone =
        networking.gateway?.tags?.['kuma.io/zone'] ??
        networking.inbound?.[0]?.tags?.['kuma.io/zone'];
      return {
        name: dataplane.name,
        displayName: displayNameOf(dataplane),
        kind: dataplaneKind(networking),
        status: dataplaneStatus(networking, dataplane.dataplaneInsight),
        ...(zone ? { zone } : {}),
        inbounds,
      };
    })
    .sort((a, b) => compareText(a.displayName, b.displayName));
}
