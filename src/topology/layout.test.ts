import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../demo-cp/src/options';
import { loadScenario } from '../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../demo-cp/src/snapshot';
import { World } from '../../demo-cp/src/world';
import { buildTopology } from './build-topology';
import { type ElkEngine, layoutJobs, layoutTopology, toElkGraph } from './layout';
import { collapseMeshes } from './view';

function docsTopology() {
  const world = new World({ ...DEFAULT_OPTIONS, scenario: 'docs-builtin', startTime: 0 });
  loadScenario(world, 'docs-builtin');
  world.tick();
  return buildTopology(controlPlaneSnapshot(world));
}

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

describe('layoutJobs', () => {
  it('one job per expanded mesh with the edges inside it, the top level with boxes', () => {
    const graph = docsTopology();
    const meshes = graph.nodes.filter((node) => node.kind === 'mesh').map((node) => node.id);
    const whole = toElkGraph(graph);
    const { parts, root } = layoutJobs(whole);
    expect(parts.map((part) => part.id).sort()).toEqual([...meshes].sort());
    for (const part of parts) {
      // Only edges between two members of that mesh, and the mesh's padding as its own.
      const members = new Set<string>();
      const walk = (node: { id: string; children?: { id: string }[] }) => {
        for (const child of node.children ?? []) {
          members.add(child.id);
          walk(child);
        }
      };
      walk(part);
      expect(part.edges?.length).toBeGreaterThan(0);
      for (const edge of part.edges ?? []) {
        expect(members.has(edge.sources[0] ?? '')).toBe(true);
        expect(members.has(edge.targets[0] ?? '')).toBe(true);
      }
      expect(part.layoutOptions?.['elk.padding']).toMatch(/top=44/);
      expect(part.layoutOptions?.['elk.direction']).toBe('RIGHT');
    }
    const top = root(new Map(meshes.map((id) => [id, { width: 500, height: 300 }])));
    expect(top.children?.every((child) => child.children === undefined)).toBe(true);
    expect(top.children?.find((child) => child.id === meshes[0])).toMatchObject({
      width: 500,
      height: 300,
    });
    // Edges into a mesh become one edge to its box; none inside one.
    const ends = new Set(top.children?.map((child) => child.id));
    const ids = top.edges?.map((edge) => edge.id) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    for (const edge of top.edges ?? []) {
      expect(ends.has(edge.sources[0] ?? '')).toBe(true);
      expect(ends.has(edge.targets[0] ?? '')).toBe(true);
      expect(edge.sources[0]).not.toBe(edge.targets[0]);
    }
    expect(top.edges?.some((edge) => edge.targets[0] === meshes[0])).toBe(true);
  });

  it('a collapsed topology is a single job', () => {
    const graph = docsTopology();
    const meshes = graph.nodes.filter((node) => node.kind === 'mesh').map((node) => node.id);
    const folded = collapseMeshes(graph, new Set(meshes.map((id) => id.replace(/^mesh:/, ''))));
    const { parts, root } = layoutJobs(toElkGraph(folded));
    expect(parts).toEqual([]);
    expect(root(new Map()).children?.length).toBe(folded.nodes.length);
  });
});

describe('layoutTopology', () => {
  it('places every node, members inside their mesh box, meshes apart', async () => {
    const graph = docsTopology();
    const { engine, graphs } = recordingEngine();
    const layout = await layoutTopology(graph, engine);
    expect([...layout.keys()].sort()).toEqual(graph.nodes.map((node) => node.id).sort());
    // Parts first, the top level last (it needs their sizes).
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
});
