import type { DataplaneRef, GatewayNode, ListenerSummary } from '../../topology/types';

/** `HTTP :80 *`, as a gateway node lists its listeners. */
export function listenerText(listener: ListenerSummary): string {
  const port = listener.port === undefined ? '' : ` :${listener.port}`;
  return `${listener.protocol}${port} ${listener.hostname || '*'}`;
}

export function onlineCount(refs: readonly DataplaneRef[]): { online: number; total: number } {
  return { online: refs.filter((ref) => ref.status === 'online').length, total: refs.length };
}

const segment = encodeURIComponent;

export function meshHref(mesh: string): string {
  return `/meshes/${segment(mesh)}`;
}

/** The gateway's own screen: a MeshGateway's detail, or a delegated gateway's service. */
export function gatewayHref(gateway: Pick<GatewayNode, 'mesh' | 'name' | 'gatewayKind'>): string {
  return gateway.gatewayKind === 'builtin'
    ? `/meshes/${segment(gateway.mesh)}/gateways/${segment(gateway.name)}`
    : `/meshes/${segment(gateway.mesh)}/delegated-gateways/${segment(gateway.name)}`;
}

export function dataplaneHref(dataplane: Pick<DataplaneRef, 'mesh' | 'name'>): string {
  return `/meshes/${segment(dataplane.mesh)}/dataplanes/${segment(dataplane.name)}`;
}

/** The dataplane list narrowed to one service, as the mesh overview links it. */
export function serviceDataplanesHref(mesh: string, service: string): string {
  return `/dataplanes?${new URLSearchParams({ mesh, q: `service:${service}` }).toString()}`;
}
