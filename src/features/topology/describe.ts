import { counted } from '../../lib/plural';
import { crossMeshLinksDrawn, delegatedPeersDrawn } from '../../topology/build-topology';
import type {
  DataplaneRef,
  GatewayNode,
  ListenerSummary,
  TopologyGraph,
} from '../../topology/types';

/** `HTTP :80 *`, as a gateway node lists its listeners. */
export function listenerText(listener: ListenerSummary): string {
  const port = listener.port === undefined ? '' : ` :${listener.port}`;
  return `${listener.protocol}${port} ${listener.hostname || '*'}`;
}

export function onlineCount(refs: readonly DataplaneRef[]): { online: number; total: number } {
  return { online: refs.filter((ref) => ref.status === 'online').length, total: refs.length };
}

// The app's path builders under the names this feature has always used.
export {
  dataplanePath as dataplaneHref,
  gatewayPath as gatewayHref,
  meshPath as meshHref,
  serviceDataplanesPath as serviceDataplanesHref,
  servicePath as serviceHref,
} from '../../lib/paths';

function plural(count: number, one: string, many = `${one}s`): string {
  return counted(count, one, many);
}

/**
 * Links between meshes that `buildTopology` leaves out at scale (see PAIRWISE_MESH_LIMIT):
 * meshes with delegated gateways, and cross-mesh gateways with the mTLS meshes that reach them.
 */
export function undrawnMeshLinks(model: TopologyGraph): {
  /** Meshes whose delegated gateways reach each other, when those links are not drawn. */
  delegatedMeshes: ReadonlySet<string>;
  /** Cross-mesh gateways (node ids), when their links are not drawn. */
  crossMeshGateways: ReadonlySet<string>;
  /** Meshes with mTLS on: every one reaches the cross-mesh gateways of the others. */
  mtlsMeshes: ReadonlySet<string>;
} {
  const delegated = new Set<string>();
  const crossMesh = new Set<string>();
  const mtls = new Set<string>();
  for (const node of model.nodes) {
    if (node.kind === 'mesh' && node.mtls) mtls.add(node.mesh);
    if (node.kind !== 'gateway') continue;
    if (node.gatewayKind === 'delegated') delegated.add(node.mesh);
    else if (node.crossMesh) crossMesh.add(node.id);
  }
  const crossMeshGateways = new Set(
    model.nodes
      .filter((node) => crossMesh.has(node.id) && 'mesh' in node && mtls.has(node.mesh))
      .map((node) => node.id),
  );
  return {
    delegatedMeshes: delegatedPeersDrawn(delegated.size) ? new Set() : delegated,
    crossMeshGateways: crossMeshLinksDrawn(crossMeshGateways.size) ? new Set() : crossMeshGateways,
    mtlsMeshes: mtls,
  };
}

/** The legend's words for the links between meshes that are not drawn. */
export function undrawnLinkNotes(model: TopologyGraph): string[] {
  const { delegatedMeshes, crossMeshGateways } = undrawnMeshLinks(model);
  const notes: string[] = [];
  if (delegatedMeshes.size > 0)
    notes.push(
      `Delegated gateways of ${plural(delegatedMeshes.size, 'mesh', 'meshes')} reach each other over plain traffic, outside the meshes: not drawn.`,
    );
  if (crossMeshGateways.size > 0)
    notes.push(
      `${plural(crossMeshGateways.size, 'cross-mesh gateway')}, each reachable over mTLS from the other mTLS meshes: links not drawn.`,
    );
  return notes;
}

/** A gateway's side panel: the links to other meshes it has but the drawing leaves out. */
export function undrawnLinksOf(model: TopologyGraph, gateway: GatewayNode): string | undefined {
  const { delegatedMeshes, crossMeshGateways, mtlsMeshes } = undrawnMeshLinks(model);
  if (gateway.gatewayKind === 'delegated' && delegatedMeshes.has(gateway.mesh)) {
    const others = delegatedMeshes.size - 1;
    return `Reaches delegated gateways of ${plural(others, 'other mesh', 'other meshes')} over plain traffic, not drawn.`;
  }
  if (crossMeshGateways.has(gateway.id)) {
    const others = mtlsMeshes.size - (mtlsMeshes.has(gateway.mesh) ? 1 : 0);
    return `Reachable over mTLS from ${plural(others, 'other mesh', 'other meshes')}, not drawn.`;
  }
  return undefined;
}
