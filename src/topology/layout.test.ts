import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../demo-cp/src/options';
import { loadScenario } from '../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../demo-cp/src/snapshot';
import { World } from '../../demo-cp/src/world';
import { buildTopology } from './build-topology';
import {
  type ElkEngine,
  type LayoutJob,
  layoutElkGraph,
  layoutJobTree,
  layoutTopology,
  placed,
  rehearsalGraphs,
  toElkGraph,
} from './layout';
import { collapseMeshes } from './view';

function docsTopology() {
  const world = new World({ ...DEFAULT_OPTIONS, scenario: 'docs-builtin', startTime: 0 });
  loadScenario(world, 'docs-builtin');
  world.tick();
  return buildTopology(controlPlaneSnapshot(world));
}

function largeTopology(meshes: number) {
  const world = new World({
    ...DEFAULT_OPTIONS,
    scenario: 'large',
    large: { meshes, services: meshes * 5, dataplanes: meshes * 10 },
    startTime: 0,
  });
  loadScenario(world, 'large');
  world.tick();
  return buildTopology(controlPlaneSnapshot(world));
}

const LAYERING = 'elk.layered.layering.strategy';

function recordingEngine() {
  const elk = new ELK();
  const graphs: string[] = [];
  const engine: ElkEngine = {
    layout(graph) {
      graphs.push(graph.id);
      return elk.layout(graph);
    },
  };
  return { engine, graphs };
}

/** Every job of the tree, inner ones before the job that needs their sizes. */
function flatten(job: LayoutJob): LayoutJob[] {
  return [...job.inner.flatMap(flatten), job];
}

function membersOf(node: ElkNode): Set<string> {
  const members = new Set<string>();
  const walk = (current: ElkNode) => {
    for (const child of current.children ?? []) {
      members.add(child.id);
      walk(child);
    }
  };
  walk(node);
  return members;
}

describe('layoutJobTree', () => {
  it('one flat job per compound with the edges among its own children', () => {
    const graph = docsTopology();
    const whole = toElkGraph(graph);
    const jobs = flatten(layoutJobTree(whole));
    const compounds = graph.nodes
      .filter((node) => graph.nodes.some((child) => child.parent === node.id))
      .map((node) => node.id);
    expect(compounds.some((id) => id.startsWith('group:'))).toBe(true);
    expect(jobs.map((job) => job.id).sort()).toEqual([...compounds, 'root'].sort());
    expect(jobs.at(-1)?.id).toBe('root');
    const byId = new Map<string, ElkNode>();
    const index = (node: ElkNode) => {
      byId.set(node.id, node);
      for (const child of node.children ?? []) index(child);
    };
    index(whole);
    let lifted = 0;
    for (const job of jobs) {
      const sizes = new Map(job.inner.map((inner) => [inner.id, { width: 500, height: 300 }]));
      const sent = job.graph(sizes);
      const own = new Set(sent.children?.map((child) => child.id));
      // Flat: compound children are boxes of their inner job's size.
      expect(sent.children?.every((child) => child.children === undefined)).toBe(true);
      for (const inner of job.inner) {
        expect(sent.children?.find((child) => child.id === inner.id)).toMatchObject({
          width: 500,
          height: 300,
        });
      }
      expect(own).toEqual(new Set(byId.get(job.id)?.children?.map((child) => child.id)));
      const ids = sent.edges?.map((edge) => edge.id) ?? [];
      expect(new Set(ids).size).toBe(ids.length);
      for (const edge of sent.edges ?? []) {
        expect(own.has(edge.sources[0] ?? '')).toBe(true);
        expect(own.has(edge.targets[0] ?? '')).toBe(true);
        expect(edge.sources[0]).not.toBe(edge.targets[0]);
        if (edge.id.includes('>') && !whole.edges?.some((e) => e.id === edge.id)) lifted++;
      }
      expect(sent.layoutOptions?.['elk.direction']).toBe('RIGHT');
      const padding = byId.get(job.id)?.layoutOptions?.['elk.padding'];
      expect(sent.layoutOptions?.['elk.padding']).toBe(padding);
    }
    // Edges into a compound's members became one edge to its box.
    expect(lifted).toBeGreaterThan(0);
    // Every original edge between two distinct members is in exactly one job, or lifted.
    for (const edge of whole.edges ?? []) {
      const holders = jobs.filter((job) => {
        const members = membersOf(job.graph(new Map()));
        return (
          members.has(edge.sources[0] ?? '') &&
          members.has(edge.targets[0] ?? '') &&
          job.graph(new Map()).edges?.some((e) => e.id === edge.id)
        );
      });
      expect(holders.length).toBeLessThanOrEqual(1);
    }
  });

  it('a collapsed topology is a single job', () => {
    const graph = docsTopology();
    const meshes = graph.nodes.filter((node) => node.kind === 'mesh').map((node) => node.id);
    const folded = collapseMeshes(graph, new Set(meshes.map((id) => id.replace(/^mesh:/, ''))));
    const job = layoutJobTree(toElkGraph(folded));
    expect(job.inner).toEqual([]);
    expect(job.graph(new Map()).children?.length).toBe(folded.nodes.length);
  });
});

describe('the top level', () => {
  it('fed by the edge gateway only: longest path, at the positions network simplex gives', async () => {
    const graph = largeTopology(30);
    const meshes = graph.nodes.filter((node) => node.kind === 'mesh');
    const folded = collapseMeshes(graph, new Set(meshes.map((node) => node.id.slice(5))));
    const sent = layoutJobTree(toElkGraph(folded)).graph(new Map());
    expect(sent.layoutOptions?.[LAYERING]).toBe('LONGEST_PATH');
    const { [LAYERING]: _layering, ...networkSimplex } = sent.layoutOptions ?? {};
    const elk = new ELK();
    const positions = (node: ElkNode) =>
      (node.children ?? []).map((child) => [child.id, child.x, child.y]);
    const longest = await elk.layout(structuredClone(sent));
    const simplex = await elk.layout({ ...structuredClone(sent), layoutOptions: networkSimplex });
    expect(positions(longest)).toEqual(positions(simplex));
    expect(
      new Set(
        positions(longest)
          .slice(2)
          .map(([, x]) => x),
      ).size,
    ).toBe(1);
  }, 30_000);

  it('with a link between two meshes: network simplex, whose layers keep a mesh by its feeder', () => {
    // docs-builtin: `BG1 <-.-> BG2` joins the two meshes at the top level.
    const root = layoutJobTree(toElkGraph(docsTopology()));
    const sent = root.graph(
      new Map(root.inner.map((job) => [job.id, { width: 400, height: 300 }])),
    );
    expect(sent.edges?.some((edge) => edge.sources[0]?.startsWith('mesh:'))).toBe(true);
    expect(sent.layoutOptions?.[LAYERING]).toBeUndefined();
    // Nor is it passed down to the meshes and call groups.
    for (const job of flatten(root).slice(0, -1))
      expect(job.graph(new Map()).layoutOptions?.[LAYERING]).toBeUndefined();
  });
});

describe('layoutTopology', () => {
  it('places every node, members inside their mesh box, meshes apart', async () => {
    const graph = docsTopology();
    const { engine, graphs } = recordingEngine();
    const layout = await layoutTopology(graph, engine);
    expect([...layout.keys()].sort()).toEqual(graph.nodes.map((node) => node.id).sort());
    // Compounds first, the top level last (it needs their sizes).
    expect(graphs.at(-1)).toBe('root');
    for (const node of graph.nodes) {
      const box = layout.get(node.id);
      const parent = node.parent ? layout.get(node.parent) : undefined;
      if (!box || !parent) continue;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(parent.width + 0.5);
      expect(box.y + box.height).toBeLessThanOrEqual(parent.height + 0.5);
    }
    const meshes = graph.nodes
      .filter((node) => node.kind === 'mesh')
      .map((node) => layout.get(node.id))
      .filter((box) => box !== undefined);
    expect(meshes.length).toBeGreaterThan(1);
    for (const [index, a] of meshes.entries()) {
      for (const b of meshes.slice(index + 1)) {
        const overlap =
          a.x < b.x + b.width &&
          b.x < a.x + a.width &&
          a.y < b.y + b.height &&
          b.y < a.y + a.height;
        expect(overlap).toBe(false);
      }
    }
  }, 30_000);

  it('hands the signal to every request', async () => {
    const graph = docsTopology();
    const elk = new ELK();
    const signals: (AbortSignal | undefined)[] = [];
    const engine: ElkEngine = {
      layout(elkGraph, options) {
        signals.push(options?.signal);
        return elk.layout(elkGraph);
      },
    };
    const controller = new AbortController();
    await layoutTopology(graph, engine, new Set(), controller.signal);
    expect(signals.length).toBeGreaterThan(1);
    expect(signals.every((signal) => signal === controller.signal)).toBe(true);
  }, 30_000);

  it('hands an engine that lays out levels itself the whole graph once, for the same places', async () => {
    const graph = docsTopology();
    const elk = new ELK();
    const perJob = await layoutTopology(graph, elk);
    const sent: ElkNode[] = [];
    const controller = new AbortController();
    const signals: (AbortSignal | undefined)[] = [];
    const engine: ElkEngine = {
      layout: () => Promise.reject(new Error('levels go in one call')),
      async layoutLevels(whole, options) {
        sent.push(whole);
        signals.push(options?.signal);
        const { layout, width, height } = await layoutElkGraph(structuredClone(whole), elk);
        return placed(whole, layout, { width, height });
      },
    };
    expect(await layoutTopology(graph, engine, new Set(), controller.signal)).toEqual(perJob);
    expect(sent).toEqual([toElkGraph(graph)]);
    expect(signals).toEqual([controller.signal]);
  }, 30_000);
});

describe('rehearsalGraphs', () => {
  it.each([2, 3])(
    'sends graphs with every set of options a drawn topology sends (%d meshes, one collapsed)',
    (meshes) => {
      const real = collapseMeshes(largeTopology(meshes), new Set(['mesh-02']));
      const optionsOf = (graphs: ElkNode[]) =>
        new Set(graphs.map((graph) => JSON.stringify(graph.layoutOptions)));
      const realOptions = optionsOf(
        flatten(layoutJobTree(toElkGraph(real))).map((job) => job.graph(new Map())),
      );
      const rehearsed = optionsOf(rehearsalGraphs());
      expect([...realOptions].filter((options) => !rehearsed.has(options))).toEqual([]);
    },
  );

  it('lays out flat graphs, each variant with sizes of its own (no cache answers them)', async () => {
    const elk = new ELK();
    const variants = [0, 1, 2].map((variant) => rehearsalGraphs(variant));
    for (const graph of variants.flat()) {
      expect(graph.children?.every((child) => child.children === undefined)).toBe(true);
      const laidOut = await elk.layout(graph);
      expect(laidOut.width).toBeGreaterThan(0);
    }
    const widths = variants.map((graphs) => graphs[0]?.children?.[0]?.width);
    expect(new Set(widths).size).toBe(3);
  });
});
