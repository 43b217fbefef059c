/**
 * The demo scenarios' resources as the API writes that recreate them on any control plane: what a
 * platform team would `kumactl apply`, in dependency order, without what the server computes.
 */

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

export function scenarioWrites(scenario: ScenarioName, version: string): Write[] {
  const world = new World({ ...DEFAULT_OPTIONS, kumaVersion: version, scenario });
  loadScenario(world, scenario);
  const types = resourceTypes(world.personality);
  return WRITE_ORDER.flatMap((typeName) => {
    const type = types.find((candidate) => candidate.name === typeName);
    if (!type) return [];
    return world.store.list(typeName).map((resource) => ({
      path:
        type.scope === 'Global'
          ? `/${type.path}/${encodeURIComponent(resource.name)}`
          : `/meshes/${encodeURIComponent(resource.mesh ?? '')}/${type.path}/${encodeURIComponent(resource.name)}`,
      body: writableBody(resource),
    }));
  });
}

/** Applies the writes; any refusal is an error naming the resource and the server's answer. */
export async function seed(target: ApiTarget, writes: readonly Write[]): Promise<void> {
  for (const write of writes) {
    const reply = await target.call('PUT', write.path, write.body);
    if (reply.status !== 200 && reply.status !== 201) {
      throw new Error(
        `${target.label} refused PUT ${write.path} with ${reply.status}: ${reply.text.slice(0, 600)}`,
      );
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until a real kuma-cp's controllers have caught up with a burst of writes: MeshServices
 * have their VIPs and counts, insights are recomputed, mesh contexts rebuilt (all run on
 * intervals of about a second). Gives up quietly after 30 s; what differs then is reported.
 */
export async function settle(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  await sleep(2500);
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/meshservices`).catch(() => undefined);
    if (!response?.ok) return;
    const body = (await response.json()) as { items?: { status?: { vips?: unknown[] } }[] };
    if ((body.items ?? []).every((item) => (item.status?.vips?.length ?? 0) > 0)) {
      await sleep(1500);
      return;
    }
    await sleep(500);
  }
}
