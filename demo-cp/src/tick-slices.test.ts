/**
 * The timer's ticks run in slices so requests are answered in between; a tick in slices must
 * leave the world exactly where a tick at once does.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Dataplane } from '../../src/kuma/types';
import { createDemoApp, type DemoApp } from './app';
import { DEFAULT_OPTIONS, type DemoOptions } from './options';
import { loadScenario } from './scenarios';
import { TrafficSimulator } from './traffic';
import { World } from './world';

function demo(options: Partial<DemoOptions> = {}): DemoApp {
  const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, tickMs: 1000, ...options });
  loadScenario(world, options.scenario ?? 'mixed');
  return createDemoApp(world);
}

async function state(app: DemoApp) {
  const overview = await (
    await app.fetch(new Request('http://demo.local/dataplanes/_overview?size=1000'))
  ).text();
  const counters = app.world
    .dataplanes()
    .map((dataplane) => app.traffic.snapshot(app.world.servedDataplane(dataplane as Dataplane)));
  return { overview, counters };
}

const LARGE = { scenario: 'large', large: { meshes: 3, services: 30, dataplanes: 150 } } as const;

describe('a tick in slices', () => {
  it.each([
    ['mixed', {}],
    ['large', LARGE],
  ] as const)('leaves %s where ticks at once do', async (_, options) => {
    const sliced = demo(options);
    const atOnce = demo(options);
    for (let i = 0; i < 5; i++) {
      await sliced.world.tickInSlices(0);
      atOnce.world.tick();
    }
    expect(sliced.world.ticks).toBe(5);
    expect(await state(sliced)).toEqual(await state(atOnce));
  });

  it('answers a request between slices, and a tick meanwhile finishes it first', async () => {
    const sliced = demo(LARGE);
    const atOnce = demo(LARGE);
    const running = sliced.world.tickInSlices(0);
    // The first slice has run: the clock moved, the traffic has not all been counted yet.
    expect(sliced.world.ticks).toBe(1);
    const response = await sliced.fetch(new Request('http://demo.local/mesh-insights'));
    expect(response.status).toBe(200);
    sliced.world.tick();
    await running;
    atOnce.world.tick();
    atOnce.world.tick();
    expect(sliced.world.ticks).toBe(2);
    expect(await state(sliced)).toEqual(await state(atOnce));
  });

  it('makes the mesh insights a dashboard reads before the traffic, its longest part', async () => {
    const sliced = demo(LARGE);
    const insights = () => sliced.fetch(new Request('http://demo.local/mesh-insights'));
    // Asked for: the next ticks make them ahead.
    expect((await insights()).status).toBe(200);
    const dataplaneReads = vi.spyOn(sliced.world, 'dataplanes');
    let readsForRequest: number | undefined;
    const original = TrafficSimulator.prototype.stepSlices;
    const spy = vi.spyOn(TrafficSimulator.prototype, 'stepSlices').mockImplementation(function (
      this: TrafficSimulator,
    ) {
      // The traffic step begins: the request is answered synchronously, from what is made.
      const before = dataplaneReads.mock.calls.length;
      void insights();
      readsForRequest = dataplaneReads.mock.calls.length - before;
      return original.call(this);
    });
    try {
      await sliced.world.tickInSlices(0);
    } finally {
      spy.mockRestore();
    }
    expect(readsForRequest).toBe(0);
  });
});
