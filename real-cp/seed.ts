/**
 * The demo scenarios' resources as the API writes that recreate them on any control plane: what a
 * platform team would `kumactl apply`, in dependency order, without what the server computes.
 */

import { DEFAULT_MESH_POLICIES, signingKeyName } from '../demo-cp/src/mesh-defaults';
import { DEFAULT_OPTIONS, type ScenarioName } from '../demo-cp/src/options';
import { resourceTypes } from '../demo-cp/src/personality';
import { loadScenario } from '../demo-cp/src/scenarios';
import { World } from '../demo-cp/src/world';
import type { ApiTarget } from './api-target';

export interface Write {
  path: string;
  body: Record<string, unknown>;
}

/** Kinds in the order a control plane accepts them: meshes before what lives in them. */
const WRITE_ORDER = [
  'Mesh',
  'Secret',
  'MeshService',
  'Dataplane',
  'MeshGateway',
  'MeshHTTPRoute',
  'MeshTCPRoute',
  'MeshTrafficPermission',
];

/** Labels kuma-cp sets itself on the resources it stores. */
const COMPUTED_LABELS = ['kuma.io/env', 'kuma.io/mesh', 'kuma.io/origin', 'kuma.io/zone'];

function writableBody(resource: Record<string, unknown>): Record<string, unknown> {
  const { creationTime: _c, modificationTime: _m, kri: _k, status: _s, ...body } = resource;
  const labels = { ...((body.labels as Record<string, string> | undefined) ?? {}) };
  for (const key of COMPUTED_LABELS) delete labels[key];
  if (Object.keys(labels).length > 0) body.labels = labels;
  else delete body.labels;
  return body;
}

/**
 * What kuma-cp creates itself with every mesh: its signing key, its builtin CAs' certificate and
 * key, and the default policies. Writing the demo's stand-ins over them would break mTLS.
 */
function createdWithMesh(typeName: string, resource: { mesh?: string; name: string }): boolean {
  const mesh = resource.mesh ?? '';
  if (typeName === 'Secret') {
    return (
      resource.name === signingKeyName(mesh) || resource.name.startsWith(`${mesh}.ca-builtin-`)
    );
  }
  return DEFAULT_MESH_POLICIES.some(
    (policy) => policy.type === typeName && resource.name === `${policy.prefix}-${mesh}`,
  );
}

export function scenarioWrites(scenario: ScenarioName, version: string): Write[] {
  const world = new World({ ...DEFAULT_OPTIONS, kumaVersion: version, scenario });
  loadScenario(world, scenario);
  const types = resourceTypes(world.personality);
  return WRITE_ORDER.flatMap((typeName) => {
    const type = types.find((candidate) => candidate.name === typeName);
    if (!type) return [];
    const written = world.store
      .list(typeName)
      .filter((resource) => !createdWithMesh(typeName, resource));
    return written.map((resource) => ({
      path:
        type.scope === 'Global'
          ? `/${type.path}/${encodeURIComponent(resource.name)}`
          : `/meshes/${encodeURIComponent(resource.mesh ?? '')}/${type.path}/${encodeURIComponent(resource.name)}`,
      body: writableBody(resource),
    }));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long kuma-cp's store cache (`store.cache.expirationTime`) keeps a listed kind. */
const STORE_CACHE_MS = 1000;

/**
 * kuma-cp's MeshService status updater marks a service of an mTLS mesh TLS-ready for good if it
 * ever sees it selecting no dataplane (`buildTLS`). Services are written before their dataplanes
 * (in an Exclusive mesh kuma-cp would otherwise generate its own), so whether a 5 s tick falls in
 * between would decide the answer. Such meshes are written without mTLS first and get it last,
 * once kuma-cp's cached list of dataplanes has caught up (`pause`).
 */
function withMeshTlsLast(writes: readonly Write[]): (Write & { pause?: boolean })[] {
  const withServices = new Set(
    writes.filter((write) => write.body.type === 'MeshService').map((write) => write.body.mesh),
  );
  const deferred = writes.filter(
    (write) => write.body.type === 'Mesh' && write.body.mtls && withServices.has(write.body.name),
  );
  if (deferred.length === 0) return [...writes];
  const first = writes.map((write) => {
    if (!deferred.includes(write)) return write;
    const { mtls: _mtls, ...body } = write.body;
    return { ...write, body };
  });
  return [...first, ...deferred.map((write, index) => ({ ...write, pause: index === 0 }))];
}

/** Applies the writes; any refusal is an error naming the resource and the server's answer. */
export async function seed(target: ApiTarget, writes: readonly Write[]): Promise<void> {
  for (const write of withMeshTlsLast(writes)) {
    if (write.pause) await sleep(STORE_CACHE_MS + 250);
    const reply = await target.call('PUT', write.path, write.body);
    if (reply.status !== 200 && reply.status !== 201) {
      throw new Error(
        `${target.label} refused PUT ${write.path} with ${reply.status}: ${reply.text.slice(0, 600)}`,
      );
    }
  }
}

interface MeshServiceStatus {
  vips?: unknown[];
  tls?: { status?: string };
  addresses?: unknown[];
}

/** Whether the control plane has HostnameGenerators (2.9+), which give MeshServices addresses. */
async function generatesHostnames(baseUrl: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/hostnamegenerators`).catch(() => undefined);
  if (!response?.ok) return false;
  const body = (await response.json()) as { total?: number };
  return (body.total ?? 0) > 0;
}

/**
 * Waits until a real kuma-cp's controllers have caught up with a burst of writes: MeshServices
 * have their VIPs (the allocator runs about every second), their TLS status and counts (the
 * status updater, a few seconds later) and, where HostnameGenerators exist, their addresses
 * (the hostname generator, later still on a loaded machine); insights are recomputed, mesh
 * contexts rebuilt. Gives up quietly after 30 s; what differs then is reported.
 */
export async function settle(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  await sleep(2500);
  const needsAddresses = await generatesHostnames(baseUrl);
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/meshservices`).catch(() => undefined);
    if (!response?.ok) return;
    const body = (await response.json()) as { items?: { status?: MeshServiceStatus }[] };
    const settled = (status: MeshServiceStatus | undefined) =>
      (status?.vips?.length ?? 0) > 0 &&
      status?.tls?.status !== undefined &&
      (!needsAddresses || (status?.addresses?.length ?? 0) > 0);
    if ((body.items ?? []).every((item) => settled(item.status))) {
      await sleep(1500);
      return;
    }
    await sleep(500);
  }
}
