/**
 * The multi-zone differential suite: a real global kuma-cp with one zone ("zone-1") connected
 * over KDS, against two demo control planes (`--mode global`, `--mode zone`) federated the
 * demo's way. Both pairs get the same writes, each where it belongs: meshes, gateways and
 * policies on the global, dataplanes and MeshServices on the zone. Then every read the
 * dashboard makes of either side, and the Zone writes, are compared after normalisation.
 * Prints the table of differences; fails on any not explained in `real-cp/known-differences.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { federate } from '../../demo-cp/src/federation';
import { type ApiTarget, demoTarget, httpTarget } from '../api-target';
import { type MultiZone, startMultiZone } from '../control-plane';
import { realVersions } from '../real-versions';
import { scenarioWrites, seed, settle } from '../seed';
import { runSequence, type Sequence, type StepOutcome } from './compare';
import {
  cleanUpRefusals,
  globalReadSequences,
  namesOn,
  splitWrites,
  zoneReadSequences,
  zoneSideWriteSequences,
  zoneWriteSequences,
} from './multizone-sequences';
import {
  describeUnexplained,
  formatTable,
  type ReportRow,
  reportRows,
  unexplainedDifferences,
  writeDetails,
} from './report';
import { cleanUpAccepted } from './sequences';

const ZONE = 'zone-1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `done` holds (KDS syncs every second); gives up quietly, the diff then says what. */
async function until(done: () => Promise<boolean>, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await done()) return;
    await sleep(500);
  }
}

async function total(target: ApiTarget, path: string): Promise<number> {
  const reply = await target.call('GET', path);
  return (reply.body as { total?: number } | undefined)?.total ?? -1;
}

const allRows: ReportRow[] = [];

afterAll(() => {
  if (allRows.length > 0) {
    console.log(`\nDifferences, demo vs kuma-cp (multi-zone):\n${formatTable(allRows)}\n`);
  }
});

describe.each(realVersions())('kuma-cp %s, global and zone', (version) => {
  let pair: MultiZone;
  let realGlobal: ApiTarget;
  let realZone: ApiTarget;
  const demoGlobal = demoTarget({ version, mode: 'global', scenario: 'fresh', label: 'demo' });
  const demoZone = demoTarget({ version, mode: 'zone', zone: ZONE, scenario: 'empty' });
  const outcomes: StepOutcome[] = [];
  const writes = splitWrites(version, scenarioWrites('mixed', version));

  beforeAll(async () => {
    pair = await startMultiZone({ version, zoneName: ZONE, log: (line) => console.log(line) });
    realGlobal = httpTarget('kuma-cp global', pair.global.url);
    realZone = httpTarget('kuma-cp zone', pair.zone.url);
    federate(demoGlobal.world, demoZone.world);

    // The global's writes, then KDS brings the meshes to the zone before its dataplanes.
    await seed(realGlobal, writes.global);
    await seed(demoGlobal, writes.global);
    const meshes = writes.global.filter((write) => write.body.type === 'Mesh').length;
    await until(async () => (await total(realZone, '/meshes')) >= meshes);
    federate(demoGlobal.world, demoZone.world);

    await seed(realZone, writes.zone);
    await seed(demoZone, writes.zone);
    const dataplanes = writes.zone.filter((write) => write.body.type === 'Dataplane').length;
    await until(async () => (await total(realGlobal, '/dataplanes')) >= dataplanes);
    federate(demoGlobal.world, demoZone.world);
    await settle(pair.global.url);
    await settle(pair.zone.url);
    // The demo's controllers (MeshService status, VIPs) run on its tick, as kuma-cp's on theirs.
    demoGlobal.world.tick();
    demoZone.world.tick();
  });

  afterAll(async () => {
    await pair?.stop();
    if (outcomes.length === 0) return;
    allRows.push(...reportRows(version, outcomes));
    console.log(`details: ${writeDetails(`${version}-multizone`, outcomes)}`);
  });

  async function compare(
    sequences: Sequence[],
    demo: ApiTarget,
    real: ApiTarget,
    after?: Parameters<typeof runSequence>[4],
  ): Promise<void> {
    const found: StepOutcome[] = [];
    for (const sequence of sequences) {
      found.push(...(await runSequence(version, sequence, demo, real, after)));
    }
    outcomes.push(...found);
    const unexplained = unexplainedDifferences(found);
    expect(unexplained.length, describeUnexplained(unexplained)).toBe(0);
  }

  it('the global shows the zone, its dataplanes under their synced names, and its own writes', async () => {
    await compare(
      globalReadSequences(version, ZONE, await namesOn(realGlobal)),
      demoGlobal,
      realGlobal,
    );
  });

  it('the zone shows what the global sent it, and its own dataplanes', async () => {
    await compare(zoneReadSequences(version, ZONE, await namesOn(realZone)), demoZone, realZone);
  });

  it('Zone writes on the global get the same answers', async () => {
    await compare(zoneWriteSequences(ZONE), demoGlobal, realGlobal, cleanUpRefusals);
  });

  it('writes on the zone get the same answers', async () => {
    await compare(zoneSideWriteSequences(ZONE), demoZone, realZone, cleanUpAccepted);
  });
});
