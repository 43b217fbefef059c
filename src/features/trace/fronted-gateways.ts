import type { GatewayList } from '../../kuma/queries/gateways';
import type { GatewayCandidate } from './run-trace';

/** Gateways of a mesh the edge fronts by default: built-in ones with a non-cross-mesh listener, all delegated. */
export function frontedGateways(
  gateways: GatewayList | undefined,
  mesh: string,
): GatewayCandidate[] {
  if (!gateways) return [];
  return [
    ...gateways.builtin
      .filter(
        (entry) =>
          entry.gateway.mesh === mesh &&
          (entry.gateway.conf?.listeners ?? []).some((listener) => !listener.crossMesh),
      )
      .map((entry) => ({ kind: 'builtin' as const, name: entry.gateway.name })),
    ...gateways.delegated
      .filter((entry) => entry.mesh === mesh)
      .map((entry) => ({ kind: 'delegated' as const, name: entry.service })),
  ];
}
