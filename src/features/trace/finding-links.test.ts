import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../traffic/evaluate-request';
import { tracePermissionFix } from './finding-links';

describe('tracePermissionFix', () => {
  const denied = 'mTLS is on and no MeshTrafficPermission selecting orders allows gateway x';
  const run = {
    gateway: { name: 'edge-gateway' },
    result: {
      backends: [
        { service: 'frontend', permission: { reason: 'Allowed by …', caller: 'edge-gateway' } },
        { service: 'orders', permission: { reason: denied, caller: 'edge-gateway' } },
      ],
    },
  };
  const step = (over: Partial<TraceStep>): TraceStep => ({
    kind: 'permission',
    outcome: 'fail',
    summary: denied,
    resource: { type: 'MeshTrafficPermission', mesh: 'default', name: 'orders-internal-only' },
    ...over,
  });

  it.each([
    ['a failing permission step', step({}), 'Fix: allow edge-gateway → orders'],
    [
      'a warning (some endpoints deny)',
      step({ outcome: 'warn' }),
      'Fix: allow edge-gateway → orders',
    ],
    ['a passing permission step', step({ outcome: 'pass' }), undefined],
    ['another kind of step', step({ kind: 'backend' }), undefined],
    ['a step no backend reports', step({ summary: 'something else' }), undefined],
  ] as const)('%s', (_name, input, label) => {
    expect(tracePermissionFix(run, input)?.label).toBe(label);
  });

  it('links to the pre-filled form of the step’s mesh', () => {
    expect(tracePermissionFix(run, step({}))?.href).toBe(
      '/meshes/default/permissions/new?gateway=edge-gateway&from=edge-gateway&to=orders',
    );
  });

  it('opens the deciding policy when its rules[] deny: a new from[] policy would be ignored', () => {
    const byRules = {
      ...run,
      result: {
        backends: [
          {
            service: 'orders',
            permission: { reason: denied, caller: 'edge-gateway', via: 'rules' as const },
          },
        ],
      },
    };
    expect(tracePermissionFix(byRules, step({}))).toEqual({
      href: '/meshes/default/permissions/orders-internal-only/edit',
      label: 'Fix: edit MeshTrafficPermission orders-internal-only',
    });
    const noPolicy = step({ resource: { type: 'Mesh', mesh: 'default', name: 'default' } });
    expect(tracePermissionFix(byRules, noPolicy)).toBeUndefined();
  });

  it('offers nothing without the caller’s identity', () => {
    const anonymous = {
      ...run,
      result: { backends: [{ service: 'orders', permission: { reason: denied } }] },
    };
    expect(tracePermissionFix(anonymous, step({}))).toBeUndefined();
  });
});
