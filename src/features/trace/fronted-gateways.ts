import type { GatewayList } from '../../kuma/queries/gateways';
import { gatewayId } from '../../topology/types';
import { type EdgeFrontOverrides, frontableGateways, isFronted } from '../topology';
import type { GatewayCandidate } from './run-trace';

/**
 * The gateways of `mesh` the edge Kong Gateway fronts: the model's default unless the user
 * changed it on the topology (`overrides`, kept per control plane).
 */
export function frontedGateways(
  gateways: GatewayList | undefined,
  mesh: string,
  overrides: EdgeFrontOverrides = {},
): GatewayCandidate[] {
  if (!gateways) return [];
  const frontable = new Map(frontableGateways(gateways).map((gateway) => [gateway.id, gateway]));
  const candidates: GatewayCandidate[] = [
    ...gateways.builtin
      .filter((entry) => entry.gateway.mesh === mesh)
      .map((entry) => ({ kind: 'builtin' as const, name: entry.gateway.name })),
    ...gateways.delegated
      .filter((entry) => entry.mesh === mesh)
      .map((entry) => ({ kind: 'delegated' as const, name: entry.service })),
  ];
  return candidates.filter((candidate) =>
    isFronted(frontable.get(gatewayId(mesh, candidate.kind, candidate.name)), overrides),
  );
}
