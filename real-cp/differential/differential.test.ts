/**
 * The differential contract suite: the same requests to the demo control plane and to the real
 * kuma-cp of the same version, responses compared after normalising clocks and generated ids.
 * Prints a table of differences by kind and version; fails on any difference not explained in
 * `real-cp/known-differences.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTarget, demoTarget, httpTarget } from '../api-target';
import { type RunningKumaCp, startKumaCp } from '../control-plane';
import { realVersions } from '../real-versions';
import { scenarioWrites, seed, settle } from '../seed';
import { kumaRelease } from '../versions';
import { runSequence, type Sequence, type StepOutcome } from './compare';
import { loadKumaCases } from './kuma-cases';
import { permissionSequences } from './permission-sequences';
import {
  describeUnexplained,
  formatTable,
  type ReportRow,
  reportRows,
  unexplainedDifferences,
  writeDetails,
} from './report';
import {
  caseSequences,
  cleanUpAccepted,
  generatedSequences,
  hostnameSequences,
  readSequences,
  seededWorld,
} from './sequences';
import { targetedSequences } from './targeted-sequences';

const GENERATED_PER_KIND = Number(process.env.GENERATED_PER_KIND ?? 40);
const GENERATED_SEED = Number(process.env.GENERATED_SEED ?? 20261203);
/** `DIFF_KINDS=Mesh,Dataplane` narrows the run to report rows that name one of them. */
const KIND_FILTER = process.env.DIFF_KINDS?.split(',').filter(Boolean);

function selected(sequences: Sequence[]): Sequence[] {
  if (!KIND_FILTER) return sequences;
  return sequences.filter((sequence) =>
    KIND_FILTER.some((kind) => new RegExp(`\\b${kind}\\b`).test(sequence.kind)),
  );
}

const allRows: ReportRow[] = [];

afterAll(() => {
  if (allRows.length > 0) console.log(`\nDifferences, demo vs kuma-cp:\n${formatTable(allRows)}\n`);
});

describe.each(realVersions())('kuma-cp %s', (version) => {
  let cp: RunningKumaCp;
  let real: ApiTarget;
  let demo: ApiTarget;
  const outcomes: StepOutcome[] = [];
  const writes = scenarioWrites('mixed', version);

  beforeAll(async () => {
    cp = await startKumaCp({ version, log: (line) => console.log(line) });
    real = httpTarget('kuma-cp', cp.url);
    demo = demoTarget({ version });
  });

  afterAll(async () => {
    await cp?.stop();
    if (outcomes.length === 0) return;
    allRows.push(...reportRows(version, outcomes));
    console.log(`details: ${writeDetails(version, outcomes)}`);
  });

  /** `after`: follow-up steps per reply; by default, delete what either side kept. */
  async function compare(sequences: Sequence[], after = cleanUpAccepted): Promise<void> {
    const found: StepOutcome[] = [];
    for (const sequence of selected(sequences)) {
      found.push(...(await runSequence(version, sequence, demo, real, after)));
    }
    outcomes.push(...found);
    const unexplained = unexplainedDifferences(found);
    expect(unexplained.length, describeUnexplained(unexplained)).toBe(0);
  }

  it('the mixed scenario is accepted the same way and every read the dashboard makes matches', async () => {
    await seed(real, writes);
    await seed(demo, writes);
    await settle(cp.url);
    // The demo's controllers (MeshService status, VIPs) catch up on a tick, as kuma-cp's on intervals.
    await demo.call('POST', '/_demo/tick');
    await compare(readSequences(version, seededWorld(writes)));
  });

  it("Kuma's own validator test cases get the same answers", async () => {
    await compare(caseSequences(loadKumaCases(kumaRelease(version))));
  });

  it('what the resource managers and the JSON readers do with targeted bodies matches', async () => {
    // These sequences clean up themselves, reading back what they wrote first.
    await compare(targetedSequences(version), () => []);
  });

  it('MeshTrafficPermissions as the form writes them: created, edited, refused, deleted', async () => {
    // These sequences clean up themselves, reading back what they wrote first.
    await compare(permissionSequences(), () => []);
  });

  it('hostnames: one rule for listeners, none for routes, as kuma-cp has it', async () => {
    await compare(hostnameSequences(version));
  });

  it('generated bodies get the same answers', async () => {
    await compare(generatedSequences(writes, GENERATED_PER_KIND, GENERATED_SEED));
  });
});
