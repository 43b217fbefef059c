/**
 * What a MeshTrafficPermission being edited does to the traffic a fix is about: the mesh's
 * stored policies with this one added (or replacing its stored self) are evaluated by the same
 * code the trace and the findings use (`src/traffic/permissions.ts`). Pure.
 */
import type { MeshSnapshot } from '../../kuma/snapshot';
import type { Mesh, MeshTrafficPermission } from '../../kuma/types';
import type { PermissionFix } from '../../lib/fix-links';
import {
  evaluatePermission,
  type PermissionDecision,
  sourceIdentityFromTags,
} from '../../traffic/permissions';

export interface FixEffect {
  before: PermissionDecision;
  after: PermissionDecision;
}

export function fixEffect(
  mesh: Mesh,
  stored: readonly MeshTrafficPermission[],
  draft: MeshTrafficPermission,
  fix: PermissionFix,
): FixEffect {
  const source = sourceIdentityFromTags(
    fix.mesh,
    [{ 'kuma.io/service': fix.source }],
    `gateway ${fix.gateway} (kuma.io/service ${fix.source})`,
  );
  const target = {
    mesh: fix.mesh,
    tags: { 'kuma.io/service': fix.service },
    meshService: fix.service,
  };
  const others = stored.filter((policy) => policy.name !== draft.name);
  // Only the mesh and its policies matter to a permission decision.
  const snapshot = (trafficPermissions: MeshTrafficPermission[]): MeshSnapshot => ({
    mesh,
    gateways: [],
    dataplanes: [],
    httpRoutes: [],
    tcpRoutes: [],
    trafficPermissions,
    meshServices: [],
    serviceInsights: [],
  });
  return {
    before: evaluatePermission(snapshot([...stored]), source, target),
    after: evaluatePermission(snapshot([...others, draft]), source, target),
  };
}
