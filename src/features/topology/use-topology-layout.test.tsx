import { act, renderHook, waitFor } from '@testing-library/react';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../../demo-cp/src/options';
import { loadScenario } from '../../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../../demo-cp/src/snapshot';
import { World } from '../../../demo-cp/src/world';
import { buildTopology } from '../../topology/build-topology';
import type { ElkEngine, LayoutRequestOptions } from '../../topology/layout';
import type { TopologyGraph } from '../../topology/types';
import { collapseMeshes, structureKey } from '../../topology/view';
import { createServerElkEngine, LAYOUT_LEVELS_URL } from './elk-engine';
import { sameData, type TopologyLayoutOptions, useTopologyLayout } from './use-topology-layout';

function docsWorld() {
  const world = new World({ ...DEFAULT_OPTIONS, scenario: 'docs-builtin', startTime: 0 });
  loadScenario(world, 'docs-builtin');
  world.tick();
  return world;
}

/**
 * Bundled ELK behind a counter. A topology layout is several engine calls (one per expanded
 * mesh, then the top level, whose graph id is `root`): `runs` counts layouts, `calls` requests.
 * With `gate`, every call waits for `release()`; `signals` are the abort signals it was given.
 */
function testEngine({ gate = false } = {}) {
  const elk = new ELK();
  let waiting: (() => void)[] = [];
  const engine = {
    calls: 0,
    runs: 0,
    signals: [] as AbortSignal[],
    graphs: [] as string[],
    release() {
      const current = waiting;
      waiting = [];
      for (const resolve of current) resolve();
    },
    async layout(graph: ElkNode, options?: LayoutRequestOptions) {
      engine.calls += 1;
      if (graph.id === 'root') engine.runs += 1;
      engine.graphs.push(graph.id);
      if (options?.signal) engine.signals.push(options.signal);
      if (gate) await new Promise<void>((resolve) => waiting.push(resolve));
      options?.signal?.throwIfAborted();
      return elk.layout(graph);
    },
  } satisfies ElkEngine & Record<string, unknown>;
  return engine;
}

const NONE: ReadonlySet<string> = new Set();

function positions(graph: ReturnType<typeof useTopologyLayout>) {
  return new Map(graph.flow?.nodes.map((node) => [node.id, { ...node.position }]));
}

interface Props {
  view: TopologyGraph;
  options?: TopologyLayoutOptions;
}

function render(engine: ElkEngine, initial: Props) {
  return renderHook(({ view, options }: Props) => useTopologyLayout(view, NONE, engine, options), {
    initialProps: initial,
  });
}

describe('useTopologyLayout', () => {
  it('keeps every position when a dataplane goes offline, and shows the new health', async () => {
    const world = docsWorld();
    const before = buildTopology(controlPlaneSnapshot(world));
    const engine = testEngine();
    const { result, rerender } = render(engine, { view: before });
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
    expect(engine.runs).toBe(1);
    expect(result.current.layouts).toBe(1);
  }, 30_000);

  it('lays out again when the structure changes, keeping the last layout meanwhile', async () => {
    const world = docsWorld();
    const full = buildTopology(controlPlaneSnapshot(world));
    const engine = testEngine({ gate: true });
    const { result, rerender } = render(engine, { view: full });
    await waitFor(() => expect(engine.calls).toBeGreaterThan(0));
    // The mesh parts first, then the top level once their sizes are known.
    while (!result.current.flow) {
      await act(async () => {
        engine.release();
        await new Promise((resolve) => setTimeout(resolve, 10));
      });
    }
    const firstKey = result.current.flow?.key;

    const collapsed = collapseMeshes(full, new Set(['team-1']));
    rerender({ view: collapsed });
    expect(result.current.pending).toBe(true);
    expect(result.current.flow?.key).toBe(firstKey);
    expect(result.current.flow?.nodes.some((node) => node.id === 'service:team-1/frontend')).toBe(
      true,
    );
    while (result.current.pending) {
      await act(async () => {
        engine.release();
        await new Promise((resolve) => setTimeout(resolve, 10));
      });
    }
    const summary = result.current.flow?.nodes.find((node) => node.id === 'mesh:team-1');
    expect(summary?.type).toBe('meshSummary');
    expect(result.current.flow?.nodes.some((node) => node.id === 'service:team-1/frontend')).toBe(
      false,
    );
    expect(engine.runs).toBe(2);

    // Back to the first structure: its layout is remembered, no third run.
    rerender({ view: full });
    await waitFor(() => expect(result.current.flow?.key).toBe(firstKey));
    expect(engine.runs).toBe(2);
    expect(result.current.layouts).toBe(2);
  }, 30_000);

  it('aborts a layout a newer structure supersedes: one in flight, the newest drawn', async () => {
    const world = docsWorld();
    const full = buildTopology(controlPlaneSnapshot(world));
    const engine = testEngine({ gate: true });
    const { result, rerender } = render(engine, { view: full });
    await waitFor(() => expect(engine.signals.length).toBeGreaterThan(0));
    const firstSignals = [...engine.signals];

    const one = collapseMeshes(full, new Set(['team-1']));
    rerender({ view: one });
    // The first layout's requests were aborted the moment the structure changed.
    expect(firstSignals.every((signal) => signal.aborted)).toBe(true);
    const secondSignals = engine.signals.slice(firstSignals.length);
    expect(secondSignals.length).toBeGreaterThan(0);
    expect(secondSignals.some((signal) => signal.aborted)).toBe(false);

    const both = collapseMeshes(full, new Set(['team-1', 'team-2']));
    rerender({ view: both });
    expect(secondSignals.every((signal) => signal.aborted)).toBe(true);
    while (!result.current.flow) {
      await act(async () => {
        engine.release();
        await new Promise((resolve) => setTimeout(resolve, 10));
      });
    }
    expect(result.current.flow?.key).toBe(structureKey(both));
    expect(result.current.pending).toBe(false);
    // Three layouts started, two cancelled: only the last reached the top level.
    expect(result.current.layouts).toBe(3);
    expect(engine.runs).toBe(1);
    expect(engine.signals.filter((signal) => !signal.aborted).length).toBe(
      engine.signals.length - firstSignals.length - secondSignals.length,
    );
  }, 30_000);

  it('a superseding layout posts its whole graph anew, as the one it replaces is aborted', async () => {
    const world = docsWorld();
    const full = buildTopology(controlPlaneSnapshot(world));
    // The server, held: every request stays in flight, with the signal it was sent with.
    const sent: { url: string; body: ElkNode; signal: AbortSignal }[] = [];
    const held = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const signal = init?.signal as AbortSignal;
      sent.push({ url: String(input), body: JSON.parse(String(init?.body)), signal });
      return new Promise<Response>((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
    }) as typeof fetch;
    const { rerender, unmount } = render(createServerElkEngine(held), { view: full });
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.url).toBe(LAYOUT_LEVELS_URL);

    // team-2 collapsed: one request for the new graph. The jobs the two graphs share (team-1's)
    // are the server's to keep going for it (layout-route's grace for a job its request left).
    rerender({ view: collapseMeshes(full, new Set(['team-2'])) });
    await waitFor(() => expect(sent).toHaveLength(2));
    const [replaced, replacing] = sent;
    expect(replaced?.signal.aborted).toBe(true);
    expect(replacing?.signal.aborted).toBe(false);
    const inside = (body: ElkNode | undefined, mesh: string) =>
      JSON.stringify(body?.children?.find((child) => child.id === `mesh:${mesh}`));
    expect(inside(replacing?.body, 'team-1')).toBe(inside(replaced?.body, 'team-1'));
    expect(inside(replacing?.body, 'team-2')).not.toBe(inside(replaced?.body, 'team-2'));
    unmount();
    expect(replacing?.signal.aborted).toBe(true);
  });

  it('starts no layout while held, then one for the structure the data settled on', async () => {
    const world = docsWorld();
    const full = buildTopology(controlPlaneSnapshot(world));
    const collapsed = collapseMeshes(full, new Set(['team-1', 'team-2']));
    const engine = testEngine();
    const { result, rerender } = render(engine, { view: collapsed });
    await waitFor(() => expect(result.current.flow).toBeDefined(), { timeout: 20_000 });
    expect(engine.runs).toBe(1);

    // Meshes expanded, their details arriving one by one while the page holds the layout.
    const steps = [collapseMeshes(full, new Set(['team-2'])), collapseMeshes(full, new Set())];
    for (const view of steps) {
      rerender({ view, options: { hold: true } });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(engine.calls).toBe(1);
    expect(result.current.flow?.key).toBe(structureKey(collapsed));
    expect(result.current.pending).toBe(true);

    rerender({ view: full, options: { hold: false } });
    await waitFor(() => expect(result.current.pending).toBe(false), { timeout: 20_000 });
    expect(result.current.flow?.key).toBe(structureKey(full));
    expect(engine.runs).toBe(2);
    expect(result.current.layouts).toBe(2);
  }, 30_000);

  it('dims nodes and their edges without a layout or a moved node', async () => {
    const world = docsWorld();
    const view = buildTopology(controlPlaneSnapshot(world));
    const engine = testEngine();
    const { result, rerender } = render(engine, { view });
    await waitFor(() => expect(result.current.flow).toBeDefined(), { timeout: 20_000 });
    const laidOut = positions(result.current);
    const sidecar = 'sidecar:team-1/frontend';

    rerender({ view, options: { dimmed: new Set([sidecar]) } });
    const flow = result.current.flow;
    expect(flow?.nodes.find((node) => node.id === sidecar)?.data.dimmed).toBe(true);
    expect(flow?.nodes.filter((node) => node.data.dimmed).map((node) => node.id)).toEqual([
      sidecar,
    ]);
    const touching = flow?.edges.filter(
      (edge) => edge.source === sidecar || edge.target === sidecar,
    );
    expect(touching?.length).toBeGreaterThan(0);
    expect(touching?.every((edge) => edge.data?.dimmed)).toBe(true);
    expect(
      flow?.edges
        .filter((edge) => edge.source !== sidecar && edge.target !== sidecar)
        .some((edge) => edge.data?.dimmed),
    ).toBe(false);
    expect(positions(result.current)).toEqual(laidOut);

    rerender({ view, options: { dimmed: new Set() } });
    expect(result.current.flow?.nodes.some((node) => node.data.dimmed)).toBe(false);
    expect(positions(result.current)).toEqual(laidOut);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(result.current.pending).toBe(false);
    expect(engine.runs).toBe(1);
    expect(result.current.layouts).toBe(1);
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

describe('sameData', () => {
  it.each<[unknown, unknown, boolean]>([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'y' }] }, false],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1, b: 2 }, { a: 1 }, false],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, true],
    [[1, 2], [1, 2, 3], false],
    [[1, 2], { 0: 1, 1: 2 }, false],
    [{ 0: 1, 1: 2 }, [1, 2], false],
    [null, {}, false],
    [Number.NaN, Number.NaN, true],
    ['1', 1, false],
    [{ health: 'online' }, { health: 'offline' }, false],
  ])('%j vs %j → %s', (a, b, same) => {
    expect(sameData(a, b)).toBe(same);
  });
});
