/**
 * The request sequences of the multi-zone differential suite: every read the dashboard makes of
 * a global control plane and of a federated zone, and the Zone writes a global takes. Resource
 * names come from what the real control planes hold (KDS hashes them), so a demo that names a
 * synced resource differently answers 404 where kuma-cp answers 200.
 */
import { resourceTypesFor } from '../../src/kuma/resource-types';
import { isAtLeast, parseKumaVersion } from '../../src/kuma/version';
import type { ApiTarget } from '../api-target';
import type { Write } from '../seed';
import type { Sequence, Step } from './compare';
import { cleanUpAccepted, dataplaneFilters, get, listVariants } from './sequences';

const segment = encodeURIComponent;

/** Writes that belong on a zone (Dataplanes, MeshServices) and those for the global. */
export function splitWrites(
  version: string,
  writes: readonly Write[],
): { global: Write[]; zone: Write[] } {
  const types = resourceTypesFor(parseKumaVersion(version));
  const onZone = (kind: string) => {
    const type = types.find((candidate) => candidate.name === kind);
    return Boolean(type?.providedByZone && !type.providedByGlobal);
  };
  const global: Write[] = [];
  const zone: Write[] = [];
  for (const write of writes) {
    if (!onZone(String(write.body.type))) {
      global.push(write);
      continue;
    }
    // A federated zone takes new-style resources only when they say they originate there.
    const labels = (write.body.labels as Record<string, string> | undefined) ?? {};
    const body =
      write.body.type === 'Dataplane'
        ? write.body
        : { ...write.body, labels: { ...labels, 'kuma.io/origin': 'zone' } };
    zone.push({ ...write, body });
  }
  return { global, zone };
}

/** `[mesh, name]` of every resource of a kind a control plane lists. */
export type Names = Map<string, [string, string][]>;

const LISTED_KINDS: Record<string, string> = {
  Dataplane: 'dataplanes',
  MeshService: 'meshservices',
  MeshGateway: 'meshgateways',
  MeshHTTPRoute: 'meshhttproutes',
  MeshTCPRoute: 'meshtcproutes',
  MeshTrafficPermission: 'meshtrafficpermissions',
};

/** What a control plane holds, by kind, read from its lists. */
export async function namesOn(target: ApiTarget): Promise<{ meshes: string[]; byKind: Names }> {
  const byKind: Names = new Map();
  for (const [kind, path] of Object.entries(LISTED_KINDS)) {
    const reply = await target.call('GET', `/${path}?size=1000`);
    const items = (reply.body as { items?: { mesh: string; name: string }[] } | undefined)?.items;
    byKind.set(
      kind,
      (items ?? []).map((item) => [item.mesh, item.name]),
    );
  }
  const meshes = await target.call('GET', '/meshes?size=1000');
  const items = (meshes.body as { items?: { name: string }[] } | undefined)?.items ?? [];
  return { meshes: items.map((item) => item.name), byKind };
}

const MISSING = 'no-such-mesh';

/** Where the Zone bodies a global control plane refuses are sent. */
const REFUSALS = '/zones/zone-c';

function zoneReads(zone: string): Step[] {
  return [
    ...listVariants('/zones'),
    ...listVariants('/zones/_overview'),
    get('/zones+insights'),
    get(`/zones/${zone}`),
    get(`/zones/${zone}/_overview`),
    get(`/zones+insights/${zone}`),
    get('/zones/no-such-zone'),
    get('/zones/no-such-zone/_overview'),
  ];
}

function policyReads(meshes: string[], names: Names, kinds: string[]): Step[] {
  return kinds.flatMap((kind) => {
    const path = LISTED_KINDS[kind]!;
    return [
      ...listVariants(`/${path}`),
      ...meshes.map((mesh) => get(`/meshes/${segment(mesh)}/${path}`)),
      get(`/meshes/${MISSING}/${path}`),
      ...(names.get(kind) ?? []).flatMap(([mesh, name]) => {
        const one = `/meshes/${segment(mesh)}/${path}/${segment(name)}`;
        return [get(one), get(`${one}?format=kubernetes`)];
      }),
    ];
  });
}

/** The same resources asked for by the name someone gave them, where KDS renamed them. */
function byDisplayName(names: Names, kinds: string[]): Step[] {
  return kinds.flatMap((kind) =>
    (names.get(kind) ?? []).slice(0, 2).flatMap(([mesh, name]) => {
      const given = name.replace(/-[bcdfghjklmnpqrstvwxz2456789]{16}$/, '');
      return given === name
        ? []
        : [get(`/meshes/${segment(mesh)}/${LISTED_KINDS[kind]}/${segment(given)}`)];
    }),
  );
}

/** What the dashboard reads of a global control plane with one zone, `zone`. */
export function globalReadSequences(
  version: string,
  zone: string,
  held: { meshes: string[]; byKind: Names },
): Sequence[] {
  const v = parseKumaVersion(version);
  const { meshes, byKind } = held;
  const dataplanes = byKind.get('Dataplane') ?? [];
  const zoneFilters = ['?tag=kuma.io/zone:zone-1', '?tag=kuma.io/zone:zone', '?tag=kuma.io/zone:x'];
  const sequences: Sequence[] = [
    {
      kind: 'global: system',
      steps: [get('/'), get('/config'), get('/_resources'), get('/policies')],
    },
    { kind: 'global: zones', steps: zoneReads(zone) },
    {
      kind: 'global: meshes',
      steps: [
        ...listVariants('/meshes'),
        ...meshes.map((mesh) => get(`/meshes/${segment(mesh)}`)),
        get('/mesh-insights'),
        ...meshes.map((mesh) => get(`/mesh-insights/${segment(mesh)}`)),
      ],
    },
    {
      kind: 'global: dataplanes',
      steps: [
        ...listVariants('/dataplanes'),
        ...listVariants('/dataplanes/_overview'),
        ...dataplaneFilters('/dataplanes/_overview'),
        ...zoneFilters.map((query) => get(`/dataplanes/_overview${query}`)),
        ...meshes.flatMap((mesh) => [
          get(`/meshes/${segment(mesh)}/dataplanes/_overview`),
          get(`/meshes/${segment(mesh)}/dataplanes+insights?size=5`),
          // The dashboard's per-zone count of a mesh's dataplanes.
          get(`/meshes/${segment(mesh)}/dataplanes?size=1&tag=kuma.io/zone:${zone}`),
          ...dataplaneFilters(`/meshes/${segment(mesh)}/dataplanes/_overview`),
        ]),
        ...dataplanes.flatMap(([mesh, name]) => [
          get(`/meshes/${segment(mesh)}/dataplanes/${segment(name)}`),
          get(`/meshes/${segment(mesh)}/dataplanes/${segment(name)}/_overview`),
          get(`/meshes/${segment(mesh)}/dataplanes+insights/${segment(name)}`),
          get(`/meshes/${segment(mesh)}/dataplanes/${segment(name)}?format=kubernetes`),
        ]),
        ...byDisplayName(byKind, ['Dataplane']),
      ],
    },
    {
      kind: 'global: services',
      steps: [
        ...(isAtLeast(v, 2, 9) ? policyReads(meshes, byKind, ['MeshService']) : []),
        ...(isAtLeast(v, 2, 9) ? byDisplayName(byKind, ['MeshService']) : []),
        ...(v.major < 3
          ? meshes.map((mesh) => get(`/meshes/${segment(mesh)}/service-insights`))
          : []),
      ],
    },
    {
      kind: 'global: gateways and policies',
      steps: [
        ...policyReads(meshes, byKind, [
          ...(v.major < 3 ? ['MeshGateway'] : []),
          'MeshHTTPRoute',
          'MeshTCPRoute',
          'MeshTrafficPermission',
        ]),
        ...(byKind.get('MeshGateway') ?? []).map(([mesh, name]) =>
          get(`/meshes/${segment(mesh)}/meshgateways/${segment(name)}/dataplanes`),
        ),
      ],
    },
  ];
  return sequences;
}

/** What the dashboard reads of a federated zone: its own dataplanes and what the global sent. */
export function zoneReadSequences(
  version: string,
  zone: string,
  held: { meshes: string[]; byKind: Names },
): Sequence[] {
  const v = parseKumaVersion(version);
  const { meshes, byKind } = held;
  const types = resourceTypesFor(v).map((type) => type.name);
  const synced = ['MeshGateway', 'MeshHTTPRoute', 'MeshTCPRoute', 'MeshTrafficPermission'].filter(
    (kind) => types.includes(kind),
  );
  return [
    {
      kind: 'zone: system',
      steps: [get('/'), get('/config'), get('/_resources'), get('/policies')],
    },
    { kind: 'zone: zones', steps: zoneReads(zone) },
    {
      kind: 'zone: meshes',
      steps: [...listVariants('/meshes'), ...meshes.map((mesh) => get(`/meshes/${segment(mesh)}`))],
    },
    {
      kind: 'zone: synced from global',
      steps: [...policyReads(meshes, byKind, synced), ...byDisplayName(byKind, synced)],
    },
    {
      kind: 'zone: dataplanes',
      steps: [
        ...listVariants('/dataplanes/_overview'),
        ...meshes.map((mesh) => get(`/meshes/${segment(mesh)}/dataplanes/_overview`)),
        ...(byKind.get('Dataplane') ?? []).flatMap(([mesh, name]) => [
          get(`/meshes/${segment(mesh)}/dataplanes/${segment(name)}`),
          get(`/meshes/${segment(mesh)}/dataplanes/${segment(name)}/_overview`),
        ]),
        ...(types.includes('MeshService') ? policyReads(meshes, byKind, ['MeshService']) : []),
      ],
    },
  ];
}

const put = (path: string, body: unknown, label: string): Step => ({
  method: 'PUT',
  path,
  body,
  label,
});
const del = (path: string, label = `DELETE ${path}`): Step => ({ method: 'DELETE', path, label });

/**
 * Zone writes on a global control plane: created, disabled, re-enabled, refused (names, types,
 * unknown fields, labels), read back, deleted; and the connected zone, which may be disabled
 * but not deleted. Every read in between shows what the write left.
 */
export function zoneWriteSequences(zone: string): Sequence[] {
  const zoneBody = (name: string, extra: object = {}) => ({ type: 'Zone', name, ...extra });
  return [
    {
      kind: 'global: Zone writes',
      steps: [
        put('/zones/zone-a', zoneBody('zone-a'), 'a new zone'),
        get('/zones/zone-a'),
        get('/zones/zone-a/_overview'),
        get('/zones'),
        put('/zones/zone-a', zoneBody('zone-a', { enabled: false }), 'disabled'),
        get('/zones/zone-a'),
        get('/zones/_overview?name=zone-a'),
        put('/zones/zone-a', zoneBody('zone-a', { enabled: true }), 'enabled again'),
        get('/zones/zone-a'),
        put('/zones/zone-a', zoneBody('zone-a'), 'enabled left out'),
        get('/zones/zone-a'),
        put(
          '/zones/zone-b',
          zoneBody('zone-b', { unknown: 1, spec: { x: 1 }, enabled: null }),
          'unknown fields',
        ),
        get('/zones/zone-b'),
        put('/zones/zone-b', { name: 'zone-b', type: 'Zone', labels: { team: 'a' } }, 'labels'),
        get('/zones/zone-b'),
        get('/zones/zone-b/_overview'),
        get('/zones?filter[labels.team]=a'),
        put(REFUSALS, zoneBody('zone-c', { enabled: 'yes' }), 'enabled as a string'),
        put(REFUSALS, zoneBody('zone-c', { enabled: 1 }), 'enabled as a number'),
        put(REFUSALS, zoneBody('zone-c', { enabled: {} }), 'enabled as an object'),
        put(REFUSALS, { type: 'Mesh', name: 'zone-c' }, 'another type'),
        put(REFUSALS, { name: 'zone-c' }, 'no type'),
        put(REFUSALS, zoneBody('other'), 'another name'),
        put(REFUSALS, zoneBody('zone-c', { name: 5 }), 'name as a number'),
        put(REFUSALS, zoneBody('zone-c', { labels: { a: 1 } }), 'label as a number'),
        put(
          REFUSALS,
          zoneBody('zone-c', { labels: { 'kuma.io/origin': 'zone' } }),
          'zone origin on global',
        ),
        put(REFUSALS, zoneBody('zone-c', { labels: { 'a b': 'x' } }), 'bad label key'),
        put(REFUSALS, zoneBody('zone-c', { creationTime: 'bad' }), 'bad time'),
        put('/zones/Zone_C', zoneBody('Zone_C'), 'invalid name'),
        put(`/zones/${'z'.repeat(254)}`, zoneBody('z'.repeat(254)), 'name too long'),
        put(REFUSALS, 'null', 'null'),
        put(REFUSALS, '[]', 'an array'),
        put(REFUSALS, '"zone"', 'a string'),
        put(REFUSALS, '{"type":"Zone",', 'cut short'),
        put(REFUSALS, '', 'empty'),
        get(REFUSALS),
        put(`/zones/${zone}`, zoneBody(zone, { enabled: false }), 'the connected zone disabled'),
        get(`/zones/${zone}`),
        get(`/zones/${zone}/_overview`),
        put(`/zones/${zone}`, zoneBody(zone, { enabled: true }), 'and enabled again'),
        get(`/zones/${zone}`),
        del(`/zones/${zone}`, 'the connected zone'),
        del('/zones/zone-a'),
        del('/zones/zone-a', 'deleted twice'),
        del('/zones/zone-b'),
        del('/zones/no-such-zone'),
        get('/zones'),
        put('/meshes/default/dataplanes/dp-on-global', dataplane('dp-on-global'), 'a Dataplane'),
        del('/meshes/default/dataplanes/dp-on-global', 'a Dataplane'),
      ],
    },
  ];
}

/**
 * The refused bodies all go to one new zone: should either side keep one, it is deleted on both
 * (compared only when both kept it), so every case meets a zone that does not exist yet.
 */
export function cleanUpRefusals(
  step: Step,
  real: { status: number },
  demo: { status: number },
): Step[] {
  return step.path === REFUSALS ? cleanUpAccepted(step, real, demo) : [];
}

function dataplane(name: string) {
  return {
    type: 'Dataplane',
    mesh: 'default',
    name,
    networking: {
      address: '10.0.0.9',
      inbound: [{ port: 8080, tags: { 'kuma.io/service': 'web' } }],
    },
  };
}

/** A zone control plane's own Zone writes: what it takes, and the global kinds it refuses. */
export function zoneSideWriteSequences(zone: string): Sequence[] {
  return [
    {
      kind: 'zone: writes',
      steps: [
        put('/zones/zone-2', { type: 'Zone', name: 'zone-2' }, 'another zone on a zone'),
        get('/zones/zone-2'),
        get('/zones/zone-2/_overview'),
        del('/zones/zone-2'),
        del(`/zones/${zone}`, 'its own zone'),
        put('/meshes/zone-mesh', { type: 'Mesh', name: 'zone-mesh' }, 'a Mesh'),
        put(
          '/meshes/default/meshgateways/gw',
          {
            type: 'MeshGateway',
            mesh: 'default',
            name: 'gw',
            selectors: [{ match: { 'kuma.io/service': 'gw' } }],
            conf: { listeners: [{ port: 80, protocol: 'HTTP' }] },
          },
          'a MeshGateway',
        ),
      ],
    },
  ];
}
