import { describe, expect, it } from 'vitest';
import { resolveBackendRef } from '../backends';
import { sourceIdentityFromTags } from '../permissions';
import { edgeExample, meshResource, sidecarDp, trafficPermission } from '../test-fixtures';
import { decidePermission, permissionTargets } from './permission';

const gateway = sourceIdentityFromTags('default', [{ 'kuma.io/service': 'edge-gateway' }], 'gw');
const stranger = sourceIdentityFromTags('default', [{ 'kuma.io/service': 'stranger' }], 'x');

function mesh(mtls: boolean, extraBackend = false) {
  const snapshot = edgeExample({ mtls });
  if (extraBackend) {
    snapshot.dataplanes.push(sidecarDp('backend-2', [{ service: 'backend', tags: { v: '2' } }]));
    snapshot.trafficPermissions.push(
      trafficPermission('deny-v2', {
        targetRef: { kind: 'MeshSubset', tags: { v: '2' } },
        from: [{ targetRef: { kind: 'Mesh' }, default: { action: 'Deny' } }],
      }),
    );
  }
  return snapshot;
}

describe('decidePermission', () => {
  it.each([
    ['mTLS off: everything passes', mesh(false), stranger, true, undefined],
    ['mTLS on, the gateway is allowed', mesh(true), gateway, true, undefined],
    ['mTLS on, another caller is denied', mesh(true), stranger, false, undefined],
    [
      'endpoints disagree: the majority decides, and the split is said',
      mesh(true, true),
      gateway,
      true,
      { allowed: 1, denied: 1 },
    ],
  ])('%s', (_label, snapshot, source, allowed, mixed) => {
    const resolved = resolveBackendRef(snapshot, { kind: 'MeshService', name: 'backend' });
    const verdict = decidePermission(snapshot, resolved, source);
    expect(verdict.allowed).toBe(allowed);
    expect(verdict.mixed).toEqual(mixed);
    expect(verdict.permission?.allowed).toBe(allowed);
  });
});

describe('permissionTargets', () => {
  it('judges each healthy endpoint, else the service by its tag', () => {
    const snapshot = edgeExample({ mtls: true });
    snapshot.mesh = meshResource('default', { mtls: true });
    const healthy = resolveBackendRef(snapshot, { kind: 'MeshService', name: 'backend' });
    expect(
      permissionTargets(healthy, 'default').map((t) => ('dataplane' in t ? t.dataplane.name : '')),
    ).toEqual(['backend-1']);
    const none = resolveBackendRef(snapshot, { kind: 'MeshService', name: 'nobody' });
    expect(permissionTargets(none, 'default')).toEqual([
      { mesh: 'default', tags: { 'kuma.io/service': 'nobody' }, meshService: undefined },
    ]);
  });
});
