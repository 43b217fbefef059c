import { act, renderHook, waitFor } from '@testing-library/react';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_OPTIONS } from '../../../demo-cp/src/options';
import { loadScenario } from '../../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../../demo-cp/src/snapshot';
import { World } from '../../../demo-cp/src/world';
import { buildTopology } from '../../topology/build-topology';
import type { ElkEngine } from '../../topology/layout';
import type { TopologyGraph } from '../../topology/types';
import { collapseMeshes, structureKey } from '../../topology/view';
import { useTopologyLayout } from './use-topology-layout';

function docsWorld() {
  const world = new World({ ...DEFAULT_OPTIONS, scenario: 'docs-builtin', startTime: 0 });
  loadScenario(world, 'docs-builtin');
  world.tick();
  return world;
}

function countingEngine() {
  const elk = new ELK();
  const engine: ElkEngine & { calls: number } = {
    calls: 0,
    layout(graph) {
      engine.calls += 1;
      return elk.layout(graph);
    },
  };
  return engine;
}

const NONE: ReadonlySet<string> = new Set();

function positions(graph: ReturnType<typeof useTopologyLayout>) {
  return new Map(graph.flow?.nodes.map((node) => [node.id, { ...node.position }]));
}

describe('useTopologyLayout', () => {
  it('keeps every position when a dataplane goes offline, and shows the new health', async () => {
    const world = docsWorld();
    const before = buildTopology(controlPlaneSnapshot(world));
    const engine = countingEngine();
    const { result, rerender } = renderHook(
      ({ view }: { view: TopologyGraph }) => useTopologyLayout(view, NONE, engine),
      { initialProps: { view: before } },
    );
    await waitFor(() => expect(result.current.flow).toBeDefined(), { timeout: 20_000 });
    const laidOut = positions(result.current);
    expect(laidOut.size).toBe(before.nodes.length);
    const untouched = result.current.flow?.nodes.find(
      (node) => node.id === 'service:team-2/portal',
    );

    world.pin('team-1', 'frontend-1', { connected: false });
    world.tick();
    const after = buildTopology(controlPlaneSnapshot(world));
    const sidecar = 'sidecar:team-1/frontend';
    expect(after.nodes.find((node) => node.id === sidecar)).toMatchObject({ health: 'offline' });
    expect(structureKey(after)).toBe(structureKey(before));

    rerender({ view: after });
    const patched = result.current.flow?.nodes.find((node) => node.id === sidecar);
    expect(patched?.data.node).toMatchObject({ health: 'offline' });
    expect(positions(result.current)).toEqual(laidOut);
    expect(result.current.pending).toBe(false);
    // Unchanged nodes keep their objects, so React Flow does not redraw them.
    expect(result.current.flow?.nodes.find((node) => node.id === 'service:team-2/portal')).toBe(
      untouched,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(engine.calls).toBe(1);
  }, 30_000);

  it('lays out again when the structure changes, keeping the last layout meanwhile', async () => {
    const world = docsWorld();
    const full = buildTopology(controlPlaneSnapshot(world));
    let release: () => void = () => {};
    const elk = new ELK();
    const layout = vi.fn<ElkEngine['layout']>(async (graph) => {
      const result = await elk.layout(graph);
      if (layout.mock.calls.length > 1) {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      }
      return result;
    });
    const engine: ElkEngine = { layout };
    const { result, rerender } = renderHook(
      ({ view }: { view: TopologyGraph }) => useTopologyLayout(view, NONE, engine),
      { initialProps: { view: full } },
    );
    await waitFor(() => expect(result.current.flow).toBeDefined(), { timeout: 20_000 });
    const firstKey = result.current.flow?.key;

    const collapsed = collapseMeshes(full, new Set(['team-1']));
    rerender({ view: collapsed });
    expect(result.current.pending).toBe(true);
    expect(result.current.flow?.key).toBe(firstKey);
    expect(result.current.flow?.nodes.some((node) => node.id === 'service:team-1/frontend')).toBe(
      true,
    );

    await waitFor(() => expect(layout).toHaveBeenCalledTimes(2), { timeout: 20_000 });
    await act(async () => {
      // let the second layout finish
      await new Promise((resolve) => setTimeout(resolve, 0));
      release();
    });
    await waitFor(() => expect(result.current.pending).toBe(false), { timeout: 20_000 });
    const summary = result.current.flow?.nodes.find((node) => node.id === 'mesh:team-1');
    expect(summary?.type).toBe('meshSummary');
    expect(result.current.flow?.nodes.some((node) => node.id === 'service:team-1/frontend')).toBe(
      false,
    );

    // Back to the first structure: its layout is remembered, no third run.
    rerender({ view: full });
    await waitFor(() => expect(result.current.flow?.key).toBe(firstKey));
    expect(layout).toHaveBeenCalledTimes(2);
  }, 30_000);

  it('reports a failed layout and can try again', async () => {
    const world = docsWorld();
    const view = buildTopology(controlPlaneSnapshot(world));
    const elk = new ELK();
    let fail = true;
    const engine: ElkEngine = {
      layout: (graph) => (fail ? Promise.reject(new Error('worker crashed')) : elk.layout(graph)),
    };
    const { result } = renderHook(() => useTopologyLayout(view, NONE, engine));
    await waitFor(() => expect(result.current.error).toBeInstanceOf(Error));
    expect(result.current.pending).toBe(false);
    fail = false;
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.flow).toBeDefined(), { timeout: 20_000 });
    expect(result.current.error).toBeUndefined();
  }, 30_000);
});
