import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../demo-cp/src/options';
import { loadScenario } from '../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../demo-cp/src/snapshot';
import { World } from '../../demo-cp/src/world';
import { layoutGraph } from '../../src/features/topology/layout-graph';
import { buildTopology } from '../../src/topology/build-topology';
import { type LayoutJob, layoutJobTree, toElkGraph } from '../../src/topology/layout';
import { checkLayoutInput, DEFAULT_LAYOUT_LIMITS } from './layout-input';

describe('checkLayoutInput', () => {
  it('accepts every graph the dashboard sends (options, nesting, ids)', () => {
    for (const scenario of ['docs-builtin', 'mixed', 'hostile'] as const) {
      const world = new World({ ...DEFAULT_OPTIONS, scenario, startTime: 0 });
      loadScenario(world, scenario);
      world.tick();
      const graph = toElkGraph(layoutGraph(buildTopology(controlPlaneSnapshot(world))));
      const jobs: LayoutJob[] = [];
      const walk = (job: LayoutJob) => {
        jobs.push(job);
        job.inner.forEach(walk);
      };
      walk(layoutJobTree(graph));
      const sizes = new Map(jobs.map((job) => [job.id, { width: 100, height: 100 }]));
      for (const sent of jobs.map((job) => job.graph(sizes))) {
        const checked = checkLayoutInput(JSON.stringify(sent), DEFAULT_LAYOUT_LIMITS);
        expect(checked, `${scenario}: ${sent.id}`).toMatchObject({ ok: true });
      }
    }
  });

  it('counts nodes at every depth and edges at every level', () => {
    const checked = checkLayoutInput(
      JSON.stringify({
        id: 'r',
        children: [
          {
            id: 'g',
            children: [{ id: 'a' }, { id: 'b' }],
            edges: [{ id: 'e1', sources: ['a'], targets: ['b'] }],
          },
        ],
        edges: [{ id: 'e2', sources: ['b'], targets: ['a'] }],
      }),
      DEFAULT_LAYOUT_LIMITS,
    );
    expect(checked).toMatchObject({ ok: true, nodes: 3, edges: 2 });
  });

  it('refuses a body nested past any sane depth without overflowing the stack', () => {
    const depth = 100_000;
    const text = `${'{"id":"n","children":['.repeat(depth)}{"id":"leaf"}${']}'.repeat(depth)}`;
    const checked = checkLayoutInput(text, DEFAULT_LAYOUT_LIMITS);
    expect(checked).toMatchObject({ ok: false });
  });
});
