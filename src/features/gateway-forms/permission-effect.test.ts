import { describe, expect, it } from 'vitest';
import type { Mesh, MeshTrafficPermission } from '../../kuma/types';
import { permissionFormForFix, permissionFromForm } from './permission-convert';
import { fixEffect } from './permission-effect';

const mesh = {
  type: 'Mesh',
  name: 'default',
  mtls: { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin' }] },
} as Mesh;

const mtp = (name: string, spec: MeshTrafficPermission['spec']): MeshTrafficPermission => ({
  type: 'MeshTrafficPermission',
  mesh: 'default',
  name,
  spec,
});

const subset = (service: string) => ({ kind: 'MeshSubset', tags: { 'kuma.io/service': service } });

/** The `mixed` scenario's two policies: orders denies the gateway explicitly. */
const stored = [
  mtp('allow-edge-gateway', {
    targetRef: { kind: 'Mesh' },
    from: [{ targetRef: subset('edge-gateway'), default: { action: 'Allow' } }],
  }),
  mtp('orders-internal-only', {
    targetRef: subset('orders'),
    from: [
      { targetRef: subset('frontend'), default: { action: 'Allow' } },
      { targetRef: subset('edge-gateway'), default: { action: 'Deny' } },
    ],
  }),
];

const fix = { mesh: 'default', gateway: 'edge-gateway', source: 'edge-gateway', service: 'orders' };
const prefilled = permissionFromForm(permissionFormForFix(fix), { mesh: 'default' });

describe('fixEffect', () => {
  it('the pre-filled policy turns the deny into an allow (MeshService beats MeshSubset)', () => {
    const effect = fixEffect(mesh, stored, prefilled, fix);
    expect(effect.before.allowed).toBe(false);
    expect(effect.before.decidedBy?.policy.name).toBe('orders-internal-only');
    expect(effect.after.allowed).toBe(true);
    expect(effect.after.decidedBy?.policy.name).toBe('allow-edge-gateway-to-orders');
  });

  it('says when an edited policy still loses: a MeshSubset target named after the denier', () => {
    const weaker = {
      ...prefilled,
      name: 'zz-allow',
      spec: { ...prefilled.spec, targetRef: subset('orders') },
    };
    const effect = fixEffect(mesh, stored, weaker, fix);
    expect(effect.after.allowed).toBe(false);
    expect(effect.after.decidedBy?.policy.name).toBe('orders-internal-only');
  });

  it('replaces the stored copy of the policy being edited instead of counting it twice', () => {
    const relaxed = {
      ...(stored[1] as MeshTrafficPermission),
      spec: {
        targetRef: subset('orders'),
        from: [{ targetRef: subset('edge-gateway'), default: { action: 'Allow' as const } }],
      },
    };
    const effect = fixEffect(mesh, stored, relaxed, fix);
    expect(effect.before.allowed).toBe(false);
    expect(effect.after.allowed).toBe(true);
  });

  it('with mTLS off everything is allowed before and after', () => {
    const effect = fixEffect({ ...mesh, mtls: undefined }, stored, prefilled, fix);
    expect([effect.before.allowed, effect.after.allowed]).toEqual([true, true]);
  });
});
