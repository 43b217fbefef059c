/**
 * Mesh-wide diagnosis (gateway-semantics.md §6.2): every rule over every mesh of a control-plane
 * snapshot. Pure: no I/O, no clock; the same snapshot always gives the same findings, with ids
 * that stay stable across refreshes so the UI can diff them.
 */
import type { ControlPlaneSnapshot } from '../kuma/snapshot';
import { sortFindings } from './finding';
import { buildMeshModel, type MeshModel } from './model';
import { missingTrafficPermission, noHealthyBackend, unresolvableBackend } from './rules/backends';
import { configRejected } from './rules/config';
import { crossMeshUnreachable } from './rules/cross-mesh';
import { delegatedNotMeshed } from './rules/delegated';
import { noCapacity, shadowedGateway, unboundGatewayDataplane } from './rules/gateways';
import { gatewayNotBuilt } from './rules/generation';
import { legacyRoutesOverridden } from './rules/legacy-routes';
import { hostShadowed, listenerWithoutRoutes, routeHostnamesNeverMatch } from './rules/listeners';
import { mtlsOff } from './rules/mtls';
import { routeOnSomeInstances } from './rules/partial-attachment';
import { tlsMissingSecret, tlsSni } from './rules/tls';
import type { DiagnosisRule, Finding } from './types';

/** The rules in §6.2 order, with the item each implements. */
export const DIAGNOSIS_RULES: readonly {
  rule: DiagnosisRule;
  item: number;
  check: (model: MeshModel) => Finding[];
}[] = [
  { rule: 'no-capacity', item: 1, check: noCapacity },
  { rule: 'shadowed-gateway', item: 2, check: shadowedGateway },
  { rule: 'unbound-gateway-dataplane', item: 2, check: unboundGatewayDataplane },
  // Item 3's consequence on kuma-cp 2.6–2.14: one HTTP port without a route breaks the gateway.
  { rule: 'gateway-not-built', item: 3, check: gatewayNotBuilt },
  { rule: 'listener-without-routes', item: 3, check: listenerWithoutRoutes },
  { rule: 'route-on-some-instances', item: 3, check: routeOnSomeInstances },
  { rule: 'host-shadowed', item: 4, check: hostShadowed },
  { rule: 'route-hostnames-never-match', item: 5, check: routeHostnamesNeverMatch },
  { rule: 'unresolvable-backend', item: 6, check: unresolvableBackend },
  { rule: 'no-healthy-backend', item: 7, check: noHealthyBackend },
  { rule: 'missing-traffic-permission', item: 8, check: missingTrafficPermission },
  { rule: 'mtls-off', item: 9, check: mtlsOff },
  { rule: 'tls-sni', item: 10, check: tlsSni },
  { rule: 'tls-missing-secret', item: 10, check: tlsMissingSecret },
  { rule: 'config-rejected', item: 11, check: configRejected },
  { rule: 'legacy-routes-overridden', item: 12, check: legacyRoutesOverridden },
  { rule: 'delegated-not-meshed', item: 13, check: delegatedNotMeshed },
  { rule: 'cross-mesh-unreachable', item: 14, check: crossMeshUnreachable },
];

/** Findings of one mesh (the snapshot's other meshes matter for cross-mesh rules). */
export function diagnoseMesh(snapshot: ControlPlaneSnapshot, mesh: string): Finding[] {
  const meshSnapshot = (snapshot?.meshes ?? []).find((candidate) => candidate?.mesh?.name === mesh);
  if (!meshSnapshot) return [];
  const model = buildMeshModel(snapshot, meshSnapshot);
  return sortFindings(DIAGNOSIS_RULES.flatMap(({ check }) => check(model)));
}

/** Findings of every mesh, sorted by severity (errors first), then mesh, then title. */
export function diagnose(snapshot: ControlPlaneSnapshot): Finding[] {
  const names = [
    ...new Set((snapshot?.meshes ?? []).map((mesh) => mesh?.mesh?.name).filter(Boolean)),
  ] as string[];
  return sortFindings(names.flatMap((name) => diagnoseMesh(snapshot, name)));
}
