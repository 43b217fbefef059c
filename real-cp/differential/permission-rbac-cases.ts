/**
 * MeshTrafficPermission sets for the RBAC differential (permission-rbac.test.ts): each set gets a
 * mesh of its own with mTLS on, one destination Dataplane (an HTTP and a TCP inbound) and is
 * judged for a few callers. `rules` sets need kuma-cp 2.12+ (before, the field is refused).
 */
export interface PermissionSet {
  name: string;
  /** Needs `spec.rules` (2.12+). */
  rules?: boolean;
  /** Policy name → spec. */
  policies: Record<string, Record<string, unknown>>;
}

/** Callers: `kuma.io/service` plus other tags, as their certificates carry them. */
export const CALLERS: Record<string, Record<string, string>> = {
  'edge-gateway': { 'kuma.io/service': 'edge-gateway', env: 'prod' },
  'edge-gateway-2': { 'kuma.io/service': 'edge-gateway-2' },
  web: { 'kuma.io/service': 'web', env: 'dev' },
};

/** The destination: one Dataplane, two inbounds. */
export const DESTINATION: {
  name: string;
  address: string;
  labels: Record<string, string>;
  inbounds: { port: number; tags: Record<string, string> }[];
} = {
  name: 'backend-1',
  address: '10.0.0.1',
  labels: { app: 'backend' },
  inbounds: [
    {
      port: 8080,
      tags: { 'kuma.io/service': 'backend', version: 'v1', 'kuma.io/protocol': 'http' },
    },
    { port: 9090, tags: { 'kuma.io/service': 'db', 'kuma.io/protocol': 'tcp' } },
  ],
};

const from = (targetRef: Record<string, unknown>, action: string) => ({
  targetRef,
  default: { action },
});
const gatewaySubset = { kind: 'MeshSubset', tags: { 'kuma.io/service': 'edge-gateway' } };
const rule = (lists: Record<string, unknown[]>) => ({ default: lists });
const spiffe = (type: string, value: string) => ({ spiffeID: { type, value } });

/** `{mesh}` in a set stands for its mesh's name (SPIFFE IDs are `spiffe://<mesh>/<service>`). */
export function permissionSets(): PermissionSet[] {
  const sets: PermissionSet[] = [
    { name: 'no policy', policies: {} },
    {
      name: 'from: Mesh allows everyone',
      policies: {
        'allow-all': { targetRef: { kind: 'Mesh' }, from: [from({ kind: 'Mesh' }, 'Allow')] },
      },
    },
    {
      name: 'from: MeshService Deny beats a Mesh Allow',
      policies: {
        'allow-all': { targetRef: { kind: 'Mesh' }, from: [from({ kind: 'Mesh' }, 'Allow')] },
        'deny-gw': {
          targetRef: { kind: 'MeshService', name: 'backend' },
          from: [from(gatewaySubset, 'Deny')],
        },
      },
    },
    {
      name: 'from: same kind, the name sorting first wins; later from[] entry wins',
      policies: {
        'a-allow': {
          targetRef: { kind: 'Mesh' },
          from: [
            from({ kind: 'Mesh' }, 'Deny'),
            from({ kind: 'MeshService', name: 'edge-gateway' }, 'Allow'),
          ],
        },
        'b-deny': { targetRef: { kind: 'Mesh' }, from: [from({ kind: 'Mesh' }, 'Deny')] },
      },
    },
    {
      name: 'from: MeshSubset on a caller tag, AllowWithShadowDeny on a subset',
      policies: {
        'prod-only': {
          targetRef: { kind: 'MeshSubset', tags: { version: 'v1' } },
          from: [from({ kind: 'MeshSubset', tags: { env: 'prod' } }, 'AllowWithShadowDeny')],
        },
      },
    },
  ];
  const rulesSets: PermissionSet[] = [
    {
      name: 'rules: Prefix allow of the gateway',
      rules: true,
      policies: {
        'rules-prefix': {
          targetRef: { kind: 'Mesh' },
          rules: [rule({ allow: [spiffe('Prefix', 'spiffe://{mesh}/edge-gateway')] })],
        },
      },
    },
    {
      name: "rules: Exact allow of the gateway's SPIFFE ID",
      rules: true,
      policies: {
        'rules-exact': {
          targetRef: { kind: 'Mesh' },
          rules: [rule({ allow: [spiffe('Exact', 'spiffe://{mesh}/edge-gateway')] })],
        },
      },
    },
    {
      name: 'rules replace from[]: rules allow web only, a from[] allows everyone',
      rules: true,
      policies: {
        'rules-web': {
          targetRef: { kind: 'Mesh' },
          rules: [rule({ allow: [spiffe('Prefix', 'spiffe://{mesh}/web')] })],
        },
        'from-all': { targetRef: { kind: 'Mesh' }, from: [from({ kind: 'Mesh' }, 'Allow')] },
      },
    },
    {
      name: 'rules: a deny in one policy beats an allow in another',
      rules: true,
      policies: {
        'a-allow-mesh': {
          targetRef: { kind: 'Mesh' },
          rules: [rule({ allow: [spiffe('Prefix', 'spiffe://{mesh}')] })],
        },
        'b-deny-edge': {
          targetRef: { kind: 'Mesh' },
          rules: [rule({ deny: [spiffe('Prefix', 'spiffe://{mesh}/edge-gateway-2')] })],
        },
      },
    },
    {
      name: 'rules: AllowWithShadowDeny, and an SNI deny that is not what the gateway sends',
      rules: true,
      policies: {
        shadow: {
          targetRef: { kind: 'Mesh' },
          rules: [
            rule({
              allowWithShadowDeny: [spiffe('Prefix', 'spiffe://{mesh}/edge')],
              deny: [{ sni: { type: 'Exact', value: 'backend.svc.mesh.local' } }],
            }),
          ],
        },
      },
    },
    {
      name: 'rules on another service only: from[] decides here',
      rules: true,
      policies: {
        'rules-other': {
          targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'other' } },
          rules: [rule({ deny: [spiffe('Prefix', 'spiffe://{mesh}')] })],
        },
        'from-gw': { targetRef: { kind: 'Mesh' }, from: [from(gatewaySubset, 'Allow')] },
      },
    },
    {
      name: 'rules on the HTTP inbound only (MeshSubset version v1): the TCP inbound keeps from[]',
      rules: true,
      policies: {
        'rules-v1': {
          targetRef: { kind: 'MeshSubset', tags: { version: 'v1' } },
          rules: [rule({ allow: [spiffe('Prefix', 'spiffe://{mesh}/web')] })],
        },
        'from-gw': { targetRef: { kind: 'Mesh' }, from: [from(gatewaySubset, 'Allow')] },
      },
    },
  ];
  return [...sets, ...rulesSets];
}

/** The set's policies for the mesh it is written to. */
export function policiesIn(set: PermissionSet, mesh: string): PermissionSet['policies'] {
  return JSON.parse(JSON.stringify(set.policies).replaceAll('{mesh}', mesh));
}
