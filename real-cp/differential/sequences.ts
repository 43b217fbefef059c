/**
 * The request sequences of the differential suite: every read the dashboard makes, on the
 * seeded `mixed` scenario, and PUT / DELETE of Kuma's own test cases and of generated bodies.
 */
import { isAtLeast, parseKumaVersion } from '../../src/kuma/version';
import type { Write } from '../seed';
import type { Sequence, Step } from './compare';
import { generatedBodies } from './generated';
import { caseBody, type KumaCase, VALIDATOR_TEST_FILES } from './kuma-cases';

export const get = (path: string, label = path): Step => ({ method: 'GET', path, label });

function segment(value: string): string {
  return encodeURIComponent(value);
}

/** Lists with every query parameter Kuma gives meaning to, and the malformed ones. */
export function listVariants(path: string): Step[] {
  return [
    '',
    '?size=1',
    '?size=1&offset=1',
    '?size=2&offset=2',
    '?size=1000',
    '?size=1001',
    '?size=abc',
    '?size=0',
    '?size=-1',
    '?offset=abc',
    '?offset=-1',
    '?offset=999',
    '?name=a',
    '?name=zzz-none',
    '?filter[labels.kuma.io/origin]=zone',
    '?filter[labels.team]=none',
    '?filter[spec.x]=1',
  ].map((query) => get(`${path}${query}`));
}

export function dataplaneFilters(path: string): Step[] {
  return [
    '?gateway=true',
    '?gateway=false',
    '?gateway=builtin',
    '?gateway=delegated',
    '?gateway=BUILTIN',
    '?gateway=other',
    '?tag=kuma.io/service:front',
    '?tag=kuma.io/service:*',
    '?tag=kuma.io/service',
    '?tag=kuma.io/protocol:http&tag=kuma.io/service:back',
    '?tag=version:v2',
    '?name=1&gateway=false',
  ].map((query) => get(`${path}${query}`));
}

export interface SeededWorld {
  meshes: string[];
  /** `[mesh, name]` per resource kind. */
  byKind: Map<string, [string, string][]>;
}

export function seededWorld(writes: readonly Write[]): SeededWorld {
  const byKind = new Map<string, [string, string][]>();
  const meshes: string[] = [];
  for (const { body } of writes) {
    const kind = String(body.type);
    if (kind === 'Mesh') meshes.push(String(body.name));
    else {
      const list = byKind.get(kind) ?? [];
      list.push([String(body.mesh), String(body.name)]);
      byKind.set(kind, list);
    }
  }
  return { meshes, byKind };
}

const MISSING_MESH = 'no-such-mesh';

/** What the dashboard reads, grouped the way the report prints them. */
export function readSequences(version: string, world: SeededWorld): Sequence[] {
  const v = parseKumaVersion(version);
  const builtin = v.major < 3;
  const meshServices = isAtLeast(v, 2, 9);
  const of = (kind: string) => world.byKind.get(kind) ?? [];
  const sequences: Sequence[] = [
    {
      kind: 'reads: system',
      steps: [get('/'), get('/config'), get('/_resources'), get('/who-am-i'), get('/policies')],
    },
    {
      kind: 'reads: meshes',
      steps: [
        ...listVariants('/meshes'),
        ...world.meshes.map((mesh) => get(`/meshes/${segment(mesh)}`)),
        get(`/meshes/${MISSING_MESH}`),
        get('/mesh-insights'),
        ...world.meshes.map((mesh) => get(`/mesh-insights/${segment(mesh)}`)),
      ],
    },
    {
      kind: 'reads: dataplanes',
      steps: [
        ...listVariants('/dataplanes'),
        ...listVariants('/dataplanes/_overview'),
        ...dataplaneFilters('/dataplanes/_overview'),
        get('/dataplanes+insights'),
        ...world.meshes.flatMap((mesh) => [
          get(`/meshes/${segment(mesh)}/dataplanes`),
          get(`/meshes/${segment(mesh)}/dataplanes/_overview`),
          get(`/meshes/${segment(mesh)}/dataplanes+insights?size=5`),
          ...dataplaneFilters(`/meshes/${segment(mesh)}/dataplanes/_overview`),
        ]),
        ...of('Dataplane').flatMap(([mesh, name]) => [
          get(`/meshes/${segment(mesh)}/dataplanes/${segment(name)}`),
          get(`/meshes/${segment(mesh)}/dataplanes/${segment(name)}/_overview`),
          get(`/meshes/${segment(mesh)}/dataplanes+insights/${segment(name)}`),
        ]),
        get(`/meshes/${MISSING_MESH}/dataplanes`),
        get(`/meshes/${MISSING_MESH}/dataplanes/_overview`),
        get('/meshes/default/dataplanes/no-such-dataplane'),
        get('/meshes/default/dataplanes/no-such-dataplane/_overview'),
      ],
    },
    {
      kind: 'reads: policies and services',
      steps: [
        ...['meshhttproutes', 'meshtcproutes', 'meshtrafficpermissions']
          .concat(meshServices ? ['meshservices'] : [])
          .flatMap((path) => [
            ...listVariants(`/${path}`),
            ...world.meshes.map((mesh) => get(`/meshes/${segment(mesh)}/${path}`)),
            get(`/meshes/${MISSING_MESH}/${path}`),
            get(`/meshes/default/${path}/no-such-resource`),
          ]),
        // ServiceInsights, as the mesh page and the topology read them, and across meshes as
        // the global search does (gone in 3.0).
        ...(builtin
          ? [
              ...world.meshes.map((mesh) => get(`/meshes/${segment(mesh)}/service-insights`)),
              ...listVariants('/service-insights'),
            ]
          : []),
        ...['MeshHTTPRoute', 'MeshTCPRoute', 'MeshTrafficPermission', 'MeshService'].flatMap(
          (kind) =>
            of(kind).flatMap(([mesh, name]) => {
              const path = `/meshes/${segment(mesh)}/${kind.toLowerCase()}s/${segment(name)}`;
              return [get(path), get(`${path}?format=kubernetes`), get(`${path}?format=bogus`)];
            }),
        ),
      ],
    },
  ];
  // The TLS certificate picker and the missing-secret finding list a mesh's secrets (names only
  // on the dashboard's side; the wire body is compared whole, generated key material aside).
  sequences.push({
    kind: 'reads: secrets',
    steps: [
      ...world.meshes.map((mesh) => get(`/meshes/${segment(mesh)}/secrets`)),
      ...['?size=1', '?size=1&offset=1', '?size=2&offset=2', '?offset=999', '?size=0'].map(
        (query) => get(`/meshes/default/secrets${query}`),
      ),
      get(`/meshes/${MISSING_MESH}/secrets`),
      get('/meshes/default/secrets/no-such-secret'),
      ...of('Secret').map(([mesh, name]) =>
        get(`/meshes/${segment(mesh)}/secrets/${segment(name)}`),
      ),
    ],
  });
  if (builtin) {
    sequences.push({
      kind: 'reads: gateways',
      steps: [
        ...listVariants('/meshgateways'),
        ...world.meshes.map((mesh) => get(`/meshes/${segment(mesh)}/meshgateways`)),
        get(`/meshes/${MISSING_MESH}/meshgateways`),
        ...of('MeshGateway').flatMap(([mesh, name]) => {
          const path = `/meshes/${segment(mesh)}/meshgateways/${segment(name)}`;
          return [
            get(path),
            get(`${path}?format=kubernetes`),
            get(`${path}/dataplanes`),
            get(`${path}/_rules`),
          ];
        }),
        get('/meshes/default/meshgateways/no-such-gateway'),
        get('/meshes/default/meshgateways/no-such-gateway/dataplanes'),
        get('/meshes/default/meshgateways/no-such-gateway/_rules'),
      ],
    });
  }
  return sequences;
}

/** PUT each case; when the real kuma-cp kept it, DELETE it again (also compared). */
export function caseSequences(cases: readonly KumaCase[]): Sequence[] {
  const byKind = new Map<string, Step[]>();
  cases.forEach((kumaCase, index) => {
    const file = VALIDATOR_TEST_FILES.find((candidate) => candidate.kind === kumaCase.kind)!;
    const name = `case-${index}`;
    const body = caseBody(file, kumaCase.yaml, name);
    const steps = byKind.get(kumaCase.kind) ?? [];
    steps.push({
      method: 'PUT',
      path: resourcePath(kumaCase.kind, name),
      body,
      label: `Kuma test "${kumaCase.description}"`,
    });
    byKind.set(kumaCase.kind, steps);
  });
  return [...byKind].map(([kind, steps]) => ({ kind: `write: ${kind} (Kuma's tests)`, steps }));
}

const PATH_OF_KIND: Record<string, string> = {
  Mesh: 'meshes',
  MeshGateway: 'meshgateways',
  Dataplane: 'dataplanes',
  MeshHTTPRoute: 'meshhttproutes',
  MeshTCPRoute: 'meshtcproutes',
  MeshTrafficPermission: 'meshtrafficpermissions',
  MeshService: 'meshservices',
};

export function resourcePath(kind: string, name: string, mesh = 'default'): string {
  const path = PATH_OF_KIND[kind];
  if (!path) throw new Error(`no path for ${kind}`);
  return kind === 'Mesh'
    ? `/meshes/${segment(name)}`
    : `/meshes/${segment(mesh)}/${path}/${segment(name)}`;
}

/** Generated variants of one scenario resource per kind, written under a name of their own. */
export function generatedSequences(
  writes: readonly Write[],
  count: number,
  seed: number,
): Sequence[] {
  const sequences: Sequence[] = [];
  for (const kind of Object.keys(PATH_OF_KIND)) {
    const original = writes.find((write) => write.body.type === kind);
    if (!original) continue;
    const name = `generated-${kind.toLowerCase()}`;
    const seedBody = { ...original.body, name, ...(kind === 'Mesh' ? {} : { mesh: 'default' }) };
    const steps = generatedBodies(seedBody, count, seed).map(
      ({ label, body }): Step => ({
        method: 'PUT',
        path: resourcePath(kind, name),
        body,
        label,
      }),
    );
    sequences.push({ kind: `write: ${kind} (generated)`, steps });
  }
  return sequences;
}

const accepted = (status: number) => status === 200 || status === 201;

/**
 * After a PUT either side kept, delete it on both, so the next case starts from the same state.
 * The DELETE is compared only when both kept the resource.
 */
export function cleanUpAccepted(
  step: Step,
  real: { status: number },
  demo: { status: number },
): Step[] {
  if (step.method !== 'PUT' || (!accepted(real.status) && !accepted(demo.status))) return [];
  const compared = accepted(real.status) && accepted(demo.status);
  return [
    {
      method: 'DELETE',
      path: step.path,
      label: `clean up after ${step.label}`,
      ...(compared ? {} : { silent: true }),
    },
  ];
}

/**
 * Hostnames on a listener and on a route, the same names on both: kuma-cp refuses a listener
 * hostname `ValidateHostname` rejects, and stores any route hostname (MeshHTTPRoute
 * `spec.to[].hostnames` is not checked), so `*.foo.*.com` is a 400 on one and a 201 on the other.
 */
export const HOSTNAME_CASES = [
  '*.foo.*.com',
  'foo.*.com',
  '*.*.com',
  '*.example.com',
  'shop.example.com',
  '*',
  'Shop.Example.com',
  'shop.example.com:8080',
  '-shop.example.com',
  'bücher.example',
];

export function hostnameSequences(version: string): Sequence[] {
  // MeshGateway is gone in 3.x, and with it routes that target one.
  if (parseKumaVersion(version).major >= 3) return [];
  const listenerSteps = HOSTNAME_CASES.map(
    (hostname, i): Step => ({
      method: 'PUT',
      path: resourcePath('MeshGateway', `hostname-gw-${i}`),
      body: {
        type: 'MeshGateway',
        mesh: 'default',
        name: `hostname-gw-${i}`,
        selectors: [{ match: { 'kuma.io/service': `hostname-gw-${i}` } }],
        conf: { listeners: [{ port: 8080, protocol: 'HTTP', hostname }] },
      },
      label: `listener hostname ${JSON.stringify(hostname)}`,
    }),
  );
  const routeSteps = HOSTNAME_CASES.map(
    (hostname, i): Step => ({
      method: 'PUT',
      path: resourcePath('MeshHTTPRoute', `hostname-route-${i}`),
      body: {
        type: 'MeshHTTPRoute',
        mesh: 'default',
        name: `hostname-route-${i}`,
        spec: {
          targetRef: { kind: 'MeshGateway', name: 'hostname-gw-4' },
          to: [
            {
              targetRef: { kind: 'Mesh' },
              hostnames: [hostname],
              rules: [
                {
                  matches: [{ path: { type: 'PathPrefix', value: '/' } }],
                  default: { backendRefs: [{ kind: 'MeshService', name: 'backend' }] },
                },
              ],
            },
          ],
        },
      },
      label: `route hostname ${JSON.stringify(hostname)}`,
    }),
  );
  return [
    { kind: 'write: MeshGateway (hostnames)', steps: listenerSteps },
    { kind: 'write: MeshHTTPRoute (hostnames)', steps: routeSteps },
  ];
}
