import { describe, expect, it } from 'vitest';
import type { MeshTrafficPermission, TargetRef, TrafficAction } from '../kuma/types';
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

describe('evaluatePermission with rules[] (2.12+)', () => {
  // The gateway's mesh-mTLS certificate: spiffe://default/edge-gateway, kuma://env/prod,
  // kuma://kuma.io/service/edge-gateway; the SNI it sends to backend: backend{mesh=default}.
  function rules(name: string, targetRef: TargetRef | undefined, rule: Record<string, unknown>) {
    return trafficPermission(name, { targetRef, rules: [{ default: rule }] } as never);
  }
  const allowFromGateway = (targetRef?: TargetRef) =>
    rules('rules-allow', targetRef ?? { kind: 'Mesh' }, {
      allow: [{ spiffeID: { type: 'Prefix', value: 'spiffe://default/edge-gateway' } }],
    });
  const denyAllFrom = mtp('deny-from', { kind: 'MeshService', name: 'backend' }, [
    { targetRef: { kind: 'Mesh' }, ...allow('Deny') },
  ]);

  it.each([
    {
      name: 'a rules[] allow: allowed by it',
      policies: [allowFromGateway()],
      allowed: true,
      by: 'rules-allow',
      via: 'rules',
    },
    {
      name: 'rules[] on the destination replace every from[], even a more specific Deny',
      policies: [allowFromGateway(), denyAllFrom],
      allowed: true,
      by: 'rules-allow',
      via: 'rules',
    },
    {
      name: 'rules[] that do not select the destination leave from[] in charge',
      policies: [allowFromGateway({ kind: 'MeshService', name: 'other' }), denyAllFrom],
      allowed: false,
      by: 'deny-from',
      via: 'from',
    },
    {
      name: 'rules[] selecting the destination but not matching the caller: default deny, from[] ignored',
      policies: [
        rules(
          'rules-other',
          { kind: 'Mesh' },
          {
            allow: [{ spiffeID: { type: 'Prefix', value: 'spiffe://default/web' } }],
          },
        ),
        mtp('allow-from', { kind: 'Mesh' }, [{ targetRef: { kind: 'Mesh' }, ...allow() }]),
      ],
      allowed: false,
      by: undefined,
      via: 'rules',
    },
    {
      name: "an Exact SPIFFE ID equal to the gateway's does not match its mesh certificate",
      policies: [
        rules(
          'rules-exact',
          { kind: 'Mesh' },
          {
            allow: [{ spiffeID: { type: 'Exact', value: 'spiffe://default/edge-gateway' } }],
          },
        ),
      ],
      allowed: false,
      by: undefined,
      via: 'rules',
    },
    {
      name: 'a deny in one policy beats an allow in another, whatever their order',
      policies: [
        allowFromGateway(),
        rules(
          'a-deny',
          { kind: 'Mesh' },
          {
            deny: [{ sni: { type: 'Exact', value: 'backend{mesh=default}' } }],
          },
        ),
      ],
      allowed: false,
      by: 'a-deny',
      via: 'rules',
    },
    {
      name: 'AllowWithShadowDeny allows',
      policies: [
        rules(
          'shadow',
          { kind: 'Mesh' },
          {
            allowWithShadowDeny: [{ spiffeID: { type: 'Prefix', value: 'spiffe://default/' } }],
          },
        ),
      ],
      allowed: true,
      by: 'shadow',
      via: 'rules',
    },
  ] as {
    name: string;
    policies: MeshTrafficPermission[];
    allowed: boolean;
    by?: string;
    via: 'from' | 'rules';
  }[])('$name', ({ policies, allowed, by, via }) => {
    const decision = decide(policies);
    expect(decision.allowed).toBe(allowed);
    expect(decision.decidedBy?.policy.name).toBe(by);
    expect(decision.via).toBe(via);
  });

  it('says why an Exact SPIFFE ID of the caller does not match', () => {
    const decision = decide([
      rules(
        'rules-exact',
        { kind: 'Mesh' },
        {
          allow: [{ spiffeID: { type: 'Exact', value: 'spiffe://default/edge-gateway' } }],
        },
      ),
    ]);
    expect(decision.reason).toContain('use Prefix');
  });

  it('names the from[] it ignores', () => {
    expect(decide([allowFromGateway(), denyAllFrom]).reason).toContain('"deny-from"');
  });

  it('mTLS off: rules[] have no effect either', () => {
    expect(
      decide(
        [
          rules(
            'deny',
            { kind: 'Mesh' },
            { deny: [{ spiffeID: { type: 'Prefix', value: 'spiffe://' } }] },
          ),
        ],
        false,
      ).allowed,
    ).toBe(true);
  });
});
