/**
 * The demo control plane and the SPA share one definition of the wire: every response the SPA
 * reads, from every scenario and control-plane mode, parses with the schema the SPA reads it
 * with. A field the demo drops or a type it misspells fails here, not as an empty screen.
 */
import { describe, expect, it } from 'vitest';
import { cp } from '../../demo-cp/src/contract/harness';
import { SCENARIOS } from '../../demo-cp/src/options';
import {
  inspectRulesSchema,
  meshHttpRouteSchema,
  meshServiceSchema,
  meshTcpRouteSchema,
  meshTrafficPermissionSchema,
} from './policy-schemas';
import {
  configSchema,
  dataplaneOverviewSchema,
  dataplaneSchema,
  indexSchema,
  listOf,
  meshGatewaySchema,
  meshInsightSchema,
  meshSchema,
  resourcesSchema,
  serviceInsightSchema,
  zoneOverviewSchema,
} from './schemas';

type Schema = { safeParse: (body: unknown) => { success: boolean; error?: unknown } };

/** What the SPA's queries read across meshes, with the schema each is parsed with. */
const GLOBAL_READS: [string, Schema][] = [
  ['/', indexSchema],
  ['/config', configSchema],
  ['/_resources', resourcesSchema],
  ['/meshes', listOf(meshSchema)],
  ['/mesh-insights', listOf(meshInsightSchema)],
  ['/dataplanes/_overview?gateway=true', listOf(dataplaneOverviewSchema)],
  ['/meshhttproutes', listOf(meshHttpRouteSchema)],
  ['/meshtcproutes', listOf(meshTcpRouteSchema)],
  ['/meshtrafficpermissions', listOf(meshTrafficPermissionSchema)],
];

/** What they read per mesh. */
function meshReads(mesh: string): [string, Schema][] {
  const base = `/meshes/${encodeURIComponent(mesh)}`;
  return [
    [base, meshSchema],
    [`/mesh-insights/${encodeURIComponent(mesh)}`, meshInsightSchema],
    [`${base}/dataplanes/_overview`, listOf(dataplaneOverviewSchema)],
    [`${base}/dataplanes`, listOf(dataplaneSchema)],
    [`${base}/service-insights`, listOf(serviceInsightSchema)],
    [`${base}/meshservices`, listOf(meshServiceSchema)],
    [`${base}/meshgateways`, listOf(meshGatewaySchema)],
  ];
}

function expectParses(path: string, schema: Schema, body: unknown): void {
  const parsed = schema.safeParse(body);
  expect(parsed.success, `${path}: ${JSON.stringify(parsed.error)?.slice(0, 500)}`).toBe(true);
}

const MODES = ['standalone', 'global', 'zone'] as const;

describe.each(SCENARIOS.filter((scenario) => scenario !== 'large'))('scenario %s', (scenario) => {
  it.each(MODES)('every read of a %s control plane parses', async (mode) => {
    const client = cp({ scenario, mode });
    await client.tick(2);
    const meshes = listOf(meshSchema).parse(await client.json('/meshes?size=1000')).items;
    const reads = [...GLOBAL_READS, ...meshes.flatMap((mesh) => meshReads(mesh.name))];
    for (const [path, schema] of reads) {
      const reply = await client.get(path);
      // A kind this release or mode lacks answers 404; the queries ask the capabilities first.
      if (reply.status === 404) continue;
      expect(reply.status, path).toBe(200);
      expectParses(path, schema, reply.body);
    }
    // Each built-in gateway's `_rules` and each dataplane, one by one.
    for (const mesh of meshes) {
      const base = `/meshes/${encodeURIComponent(mesh.name)}`;
      const gateways = await client.get(`${base}/meshgateways`);
      if (gateways.status !== 200) continue;
      for (const gateway of listOf(meshGatewaySchema).parse(gateways.body).items) {
        const path = `${base}/meshgateways/${encodeURIComponent(gateway.name)}/_rules`;
        const reply = await client.get(path);
        if (reply.status === 200) expectParses(path, inspectRulesSchema, reply.body);
      }
      const overviews = listOf(dataplaneOverviewSchema).parse(
        await client.json(`${base}/dataplanes/_overview?size=5`),
      ).items;
      for (const overview of overviews) {
        const path = `${base}/dataplanes/${encodeURIComponent(overview.name)}/_overview`;
        expectParses(path, dataplaneOverviewSchema, await client.json(path));
      }
    }
    const zones = await client.get('/zones/_overview');
    if (zones.status === 200)
      expectParses('/zones/_overview', listOf(zoneOverviewSchema), zones.body);
  });
});
