import type { GatewayNode } from '../types';
import { meshId } from '../types';
import type { GraphBuilder } from './graph-builder';

/**
 * Links between meshes are drawn pair by pair only while this many meshes (or cross-mesh
 * gateways) take part: 4 meshes make at most 6 pairs, which covers the docs' pictures (2) and
 * stays readable. Beyond it every mesh would link to every other (5,000 links at 100 meshes,
 * drawn even collapsed), so the links are named in words instead and the edge count stays
 * linear in meshes.
 */
export const PAIRWISE_MESH_LIMIT = 4;

/** Whether delegated gateways of `meshes` meshes are linked pairwise (one link per mesh pair). */
export function delegatedPeersDrawn(meshes: number): boolean {
  return meshes <= PAIRWISE_MESH_LIMIT;
}

/**
 * Whether cross-mesh gateways get a link from every other mTLS mesh: with at most
 * PAIRWISE_MESH_LIMIT of them that is at most 4 × (meshes − 1) links, linear in meshes.
 */
export function crossMeshLinksDrawn(gateways: number): boolean {
  return gateways <= PAIRWISE_MESH_LIMIT;
}

/** A drawn mesh as the links between meshes see it, in name order. */
export interface DrawnMesh {
  name: string;
  mtls: boolean;
  builtin: readonly GatewayNode[];
  delegated: readonly GatewayNode[];
}

/**
 * Cross-mesh listeners: reachable over mTLS from every other mesh with mTLS on. One link per
 * (source mesh, cross-mesh gateway), from the mesh's only built-in gateway (the docs'
 * `BG1 <-.-> BG2`) or from the mesh itself: which of its gateways or services calls is not
 * configuration, and one link per gateway pair would grow with meshes × gateways.
 */
export function addCrossMeshLinks(graph: GraphBuilder, meshes: readonly DrawnMesh[]): void {
  const mtlsMeshes = meshes.filter((mesh) => mesh.mtls);
  const targets = mtlsMeshes.flatMap((mesh) => mesh.builtin.filter((node) => node.crossMesh));
  if (!crossMeshLinksDrawn(targets.length)) return;
  for (const target of targets) {
    for (const other of mtlsMeshes) {
      if (other.name === target.mesh) continue;
      const only = other.builtin.length === 1 ? other.builtin[0] : undefined;
      graph.edge({
        source: only ? only.id : meshId(other.name),
        target: target.id,
        kind: 'managed',
        origin: 'configured',
        relation: 'cross-mesh',
        bidirectional: false,
        via: [{ type: 'MeshGateway', mesh: target.mesh, name: target.name }],
      });
    }
  }
}

/**
 * Delegated gateways have no cross-mesh mode: traffic between them is plain, outside any mesh,
 * and Kuma neither manages nor sees it (the docs' `DG1 <--> DG2`). It is drawn once per mesh
 * pair, between the meshes' only delegated gateways (or the meshes themselves when they have
 * several), and only while few meshes take part; beyond that the legend and the gateway's
 * panel say it in words.
 */
export function addDelegatedPeerLinks(graph: GraphBuilder, meshes: readonly DrawnMesh[]): void {
  const delegatedMeshes = meshes.filter((mesh) => mesh.delegated.length > 0);
  if (!delegatedPeersDrawn(delegatedMeshes.length)) return;
  const endpoint = (mesh: DrawnMesh) => {
    const only = mesh.delegated.length === 1 ? mesh.delegated[0] : undefined;
    return only ? only.id : meshId(mesh.name);
  };
  for (let i = 0; i < delegatedMeshes.length; i++) {
    for (let j = i + 1; j < delegatedMeshes.length; j++) {
      const a = delegatedMeshes[i];
      const b = delegatedMeshes[j];
      if (!a || !b) continue;
      graph.edge({
        source: endpoint(a),
        target: endpoint(b),
        kind: 'unmanaged',
        origin: 'configured',
        relation: 'delegated-peers',
        bidirectional: true,
      });
    }
  }
}
