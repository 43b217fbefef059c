import type { MeshEntry } from '../../kuma/queries/meshes';
import type { MeshInsight } from '../../kuma/types';

/**
 * The gateway list (every gateway proxy with its insight, about 2 KB each: 767 KB per refresh at
 * 400 proxies) is read again only where the meshes' insights, read on every refresh anyway, say
 * it changed: per mesh, its gateway proxies by type and status, and its MeshGateways. A mesh
 * whose proxies changed has them read again alone; the whole list only when MeshGateways came or
 * went, meshes did, or too many meshes changed at once. What the counts cannot see (a proxy's
 * tags edited, one replaced by another in the same state) waits for the backstop: the whole list
 * once every GATEWAY_BACKSTOP_MS.
 */
export const GATEWAY_BACKSTOP_MS = 60_000;

/**
 * Above this many meshes changed in one refresh, the whole list is read instead: one request
 * rather than that many, each queued behind the refresh's others. The demo's 400 gateway proxies
 * in 100 meshes change in 7 to 20 meshes per 5 s refresh; each mesh's read is about 8 KB.
 */
export const MAX_MESH_REREADS = 32;

/** What one mesh's insight says about its gateways: its proxies, and its MeshGateways. */
export interface GatewaySignature {
  proxies: string;
  gateways: string;
}

function countsKey(counts: NonNullable<MeshInsight['dataplanesByType']>['gateway']): string {
  // protojson leaves zeros out: a missing count is 0.
  const { total = 0, online = 0, offline = 0, partiallyDegraded = 0 } = counts ?? {};
  return `${total}/${online}/${offline}/${partiallyDegraded}`;
}

/**
 * Each mesh's gateway signature, or undefined when some mesh has no insight yet (just created,
 * or none served): without one nothing can be told, and the list is read on every refresh.
 */
export function gatewaySignatures(
  entries: readonly MeshEntry[],
): ReadonlyMap<string, GatewaySignature> | undefined {
  const signatures = new Map<string, GatewaySignature>();
  for (const { mesh, insight } of entries) {
    if (!insight) return undefined;
    const byType = insight.dataplanesByType;
    const meshGateways = insight.resources?.MeshGateway ?? insight.policies?.MeshGateway;
    signatures.set(mesh.name, {
      proxies: [byType?.gateway, byType?.gatewayBuiltin, byType?.gatewayDelegated]
        .map(countsKey)
        .join(' '),
      gateways: String(meshGateways?.total ?? 0),
    });
  }
  return signatures;
}

/** What to read as the insights arrive: nothing, some meshes' proxies, or the whole list. */
export type GatewayRefresh =
  | { read: 'none' }
  | { read: 'meshes'; meshes: string[] }
  | { read: 'all' };

/**
 * `recorded`: the signatures the list was read to answer; `now`: the insights' latest. Meshes
 * whose proxy counts changed are read again one by one; MeshGateways created or deleted, a mesh
 * created or deleted, or more than MAX_MESH_REREADS meshes changed: the whole list.
 */
export function gatewayRefresh(
  recorded: ReadonlyMap<string, GatewaySignature>,
  now: ReadonlyMap<string, GatewaySignature>,
): GatewayRefresh {
  if (recorded.size !== now.size) return { read: 'all' };
  const meshes: string[] = [];
  for (const [mesh, signature] of now) {
    const before = recorded.get(mesh);
    if (!before || before.gateways !== signature.gateways) return { read: 'all' };
    if (before.proxies !== signature.proxies) meshes.push(mesh);
  }
  if (meshes.length === 0) return { read: 'none' };
  return meshes.length > MAX_MESH_REREADS ? { read: 'all' } : { read: 'meshes', meshes };
}
