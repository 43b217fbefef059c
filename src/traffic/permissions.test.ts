import { describe, expect, it } from 'vitest';
import type { MeshTrafficPermission, TrafficAction } from '../kuma/types';
import {
  evaluatePermission,
  fromMatches,
  type PermissionTarget,
  sourceIdentityFromDataplane,
  sourceIdentityFromTags,
  topLevelSelects,
} from './permissions';
import {
  builtinGatewayDp,
  meshResource,
  meshSnapshot,
  sidecarDp,
  trafficPermission,
} from './test-fixtures';

const gatewaySource = sourceIdentityFromDataplane(
  builtinGatewayDp('edge-gateway-1', { 'kuma.io/service': 'edge-gateway', env: 'prod' }),
);
const backend: PermissionTarget = {
  mesh: 'default',
  tags: { 'kuma.io/service': 'backend', version: 'v1' },
  dataplane: { name: 'backend-1', labels: { app: 'backend' } },
};

function allow(action: TrafficAction = 'Allow') {
  return { default: { action } };
}

function mtp(
  name: string,
  targetRef: MeshTrafficPermission['spec']['targetRef'],
  from: MeshTrafficPermission['spec']['from'],
) {
  return trafficPermission(name, { targetRef, from });
}

function decide(policies: MeshTrafficPermission[], mtls = true) {
  return evaluatePermission(
    meshSnapshot({ mesh: meshResource('default', { mtls }), trafficPermissions: policies }),
    gatewaySource,
    backend,
  );
}

const fromGateway = { kind: 'MeshSubset', tags: { 'kuma.io/service': 'edge-gateway' } };

describe('evaluatePermission', () => {
  it.each([
    { name: 'mTLS off: no RBAC', mtls: false, policies: [], allowed: true, by: undefined },
    {
      name: 'mTLS off ignores a deny-all',
      mtls: false,
      policies: [
        mtp('deny-all', { kind: 'Mesh' }, [{ targetRef: { kind: 'Mesh' }, ...allow('Deny') }]),
      ],
      allowed: true,
      by: undefined,
    },
    {
      name: 'mTLS on and no policy: denied',
      mtls: true,
      policies: [],
      allowed: false,
      by: undefined,
    },
    {
      name: 'the docs allow-edge-gateway policy',
      mtls: true,
      policies: [
        mtp('allow-edge-gateway', { kind: 'Mesh' }, [{ targetRef: fromGateway, ...allow() }]),
      ],
      allowed: true,
      by: 'allow-edge-gateway',
    },
    {
      name: 'a policy for another caller does not help',
      mtls: true,
      policies: [
        mtp('allow-web', { kind: 'Mesh' }, [
          { targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'web' } }, ...allow() },
        ]),
      ],
      allowed: false,
      by: undefined,
    },
    {
      name: 'a policy for another destination does not help',
      mtls: true,
      policies: [
        mtp('allow-to-web', { kind: 'MeshService', name: 'web' }, [
          { targetRef: { kind: 'Mesh' }, ...allow() },
        ]),
      ],
      allowed: false,
      by: undefined,
    },
    {
      name: 'a more specific top-level targetRef wins (MeshService deny over Mesh allow)',
      mtls: true,
      policies: [
        mtp('allow-all', { kind: 'Mesh' }, [{ targetRef: { kind: 'Mesh' }, ...allow() }]),
        mtp('lock-backend', { kind: 'MeshService', name: 'backend' }, [
          { targetRef: { kind: 'Mesh' }, ...allow('Deny') },
        ]),
      ],
      allowed: false,
      by: 'lock-backend',
    },
    {
      name: 'MeshSubset top-level beats Mesh top-level',
      mtls: true,
      policies: [
        mtp('a-deny', { kind: 'Mesh' }, [{ targetRef: fromGateway, ...allow('Deny') }]),
        mtp('z-allow-v1', { kind: 'MeshSubset', tags: { version: 'v1' } }, [
          { targetRef: { kind: 'Mesh' }, ...allow() },
        ]),
      ],
      allowed: true,
      by: 'z-allow-v1',
    },
    {
      name: 'equal top-level kind: the name that sorts first wins (allow-gateway over deny-all)',
      mtls: true,
      policies: [
        mtp('deny-all', { kind: 'Mesh' }, [{ targetRef: { kind: 'Mesh' }, ...allow('Deny') }]),
        mtp('allow-gateway', { kind: 'Mesh' }, [{ targetRef: fromGateway, ...allow() }]),
      ],
      allowed: true,
      by: 'allow-gateway',
    },
    {
      name: 'equal top-level kind: the name that sorts first wins (deny-all over zz-allow-gateway)',
      mtls: true,
      policies: [
        mtp('zz-allow-gateway', { kind: 'Mesh' }, [{ targetRef: fromGateway, ...allow() }]),
        mtp('deny-all', { kind: 'Mesh' }, [{ targetRef: { kind: 'Mesh' }, ...allow('Deny') }]),
      ],
      allowed: false,
      by: 'deny-all',
    },
    {
      name: 'inside one policy a later from[] entry overrides an earlier one',
      mtls: true,
      policies: [
        mtp('mixed', { kind: 'Mesh' }, [
          { targetRef: { kind: 'MeshSubset', tags: { env: 'prod' } }, ...allow() },
          {
            targetRef: {
              kind: 'MeshSubset',
              tags: { env: 'prod', 'kuma.io/service': 'edge-gateway' },
            },
            ...allow('Deny'),
          },
        ]),
      ],
      allowed: false,
      by: 'mixed',
    },
    {
      name: 'AllowWithShadowDeny allows',
      mtls: true,
      policies: [
        mtp('shadow', { kind: 'Mesh' }, [
          { targetRef: { kind: 'Mesh' }, ...allow('AllowWithShadowDeny') },
        ]),
      ],
      allowed: true,
      by: 'shadow',
    },
    {
      name: 'from MeshService matches the caller kuma.io/service',
      mtls: true,
      policies: [
        mtp('svc', { kind: 'MeshService', name: 'backend' }, [
          { targetRef: { kind: 'MeshService', name: 'edge-gateway' }, ...allow() },
        ]),
      ],
      allowed: true,
      by: 'svc',
    },
    {
      name: 'a from[] entry without action does not override',
      mtls: true,
      policies: [
        mtp('b-allow', { kind: 'Mesh' }, [{ targetRef: { kind: 'Mesh' }, ...allow() }]),
        mtp('a-empty', { kind: 'Mesh' }, [{ targetRef: { kind: 'Mesh' } }]),
      ],
      allowed: true,
      by: 'b-allow',
    },
    {
      name: 'proxyTypes Gateway does not apply to sidecars',
      mtls: true,
      policies: [
        mtp('gw-only', { kind: 'Mesh', proxyTypes: ['Gateway'] }, [
          { targetRef: { kind: 'Mesh' }, ...allow() },
        ]),
      ],
      allowed: false,
      by: undefined,
    },
    {
      name: 'a missing top-level targetRef means Mesh',
      mtls: true,
      policies: [mtp('no-target', undefined, [{ targetRef: { kind: 'Mesh' }, ...allow() }])],
      allowed: true,
      by: 'no-target',
    },
  ] as {
    name: string;
    mtls: boolean;
    policies: MeshTrafficPermission[];
    allowed: boolean;
    by?: string;
  }[])('$name', ({ mtls, policies, allowed, by }) => {
    const decision = decide(policies, mtls);
    expect(decision.allowed).toBe(allowed);
    expect(decision.decidedBy?.policy.name).toBe(by);
    expect(decision.reason).toMatch(/\./);
  });

  it('mentions RBAC in the reason of a default deny', () => {
    expect(decide([]).reason).toContain('RBAC: access denied');
  });
});

describe('topLevelSelects', () => {
  it.each([
    { ref: { kind: 'Mesh' }, expected: true },
    { ref: { kind: 'MeshSubset', tags: { version: 'v1' } }, expected: true },
    { ref: { kind: 'MeshSubset', tags: { version: 'v2' } }, expected: false },
    { ref: { kind: 'MeshService', name: 'backend' }, expected: true },
    {
      ref: { kind: 'MeshServiceSubset', name: 'backend', tags: { version: 'v1' } },
      expected: true,
    },
    {
      ref: { kind: 'MeshServiceSubset', name: 'backend', tags: { version: 'v2' } },
      expected: false,
    },
    { ref: { kind: 'Dataplane', labels: { app: 'backend' } }, expected: true },
    { ref: { kind: 'Dataplane', name: 'backend-2' }, expected: false },
    { ref: { kind: 'MeshGateway', name: 'edge' }, expected: false },
  ])('$ref → $expected', ({ ref, expected }) => {
    expect(topLevelSelects(ref, backend)).toBe(expected);
  });
});

describe('fromMatches with a multi-inbound caller', () => {
  const caller = sourceIdentityFromDataplane(
    sidecarDp('multi', [
      { service: 'web', tags: { team: 'a' } },
      { service: 'admin', tags: { team: 'b' } },
    ]),
  );
  it.each([
    { ref: { kind: 'MeshService', name: 'admin' }, expected: true },
    { ref: { kind: 'MeshSubset', tags: { team: 'b' } }, expected: true },
    { ref: { kind: 'MeshSubset', tags: { team: '*' } }, expected: true },
    { ref: { kind: 'MeshSubset', tags: { team: 'c' } }, expected: false },
    { ref: { kind: 'MeshServiceSubset', name: 'web', tags: { team: 'a' } }, expected: true },
    { ref: { kind: 'Mesh' }, expected: true },
    { ref: { kind: 'MeshGateway', name: 'x' }, expected: false },
  ])('$ref → $expected', ({ ref, expected }) => {
    expect(fromMatches(ref, caller)).toBe(expected);
  });

  it('collects every tag value', () => {
    expect(sourceIdentityFromTags('m', [{ a: '1' }, { a: '2' }], 'x').tags).toEqual({
      a: ['1', '2'],
    });
  });
});
