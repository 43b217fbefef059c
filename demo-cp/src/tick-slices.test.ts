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

  describe('until it ends, what it has not made yet is the tick before’s', () => {
    const OVERVIEW = 'http://demo.local/dataplanes/_overview?size=1000';
    const read = async (app: DemoApp, url = OVERVIEW) => (await app.fetch(new Request(url))).text();

    /** Runs a tick in slices and holds it in a last listener: its proxies have all moved. */
    async function inLastSlices(app: DemoApp) {
      let inside = false;
      let released = false;
      app.world.onTick(function* () {
        inside = true;
        while (!released) yield;
      });
      const running = app.world.tickInSlices(0);
      while (!inside) await new Promise((resolve) => setImmediate(resolve));
      return {
        finish: async () => {
          released = true;
          await running;
        },
      };
    }

    it('serves the dataplanes as the tick before had them, then as this one left them', async () => {
      const sliced = demo(LARGE);
      const atOnce = demo(LARGE);
      const before = await read(sliced);
      const tick = await inLastSlices(sliced);
      expect(await read(sliced)).toBe(before);
      await tick.finish();
      atOnce.world.tick();
      const after = await read(sliced);
      // The tick changed them (xDS generations at least), so serving `before` meant something.
      expect(after).not.toBe(before);
      expect(after).toBe(await read(atOnce));
    });

    it.each([
      [
        'a write',
        async (app: DemoApp) => {
          const response = await app.fetch(
            new Request('http://demo.local/meshes/written-meanwhile', {
              method: 'PUT',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ type: 'Mesh', name: 'written-meanwhile' }),
            }),
          );
          expect(response.status).toBeLessThan(300);
        },
      ],
      [
        'a pinned proxy',
        async (app: DemoApp) => {
          const [dataplane] = app.world.dataplanes();
          if (!dataplane) throw new Error('the scenario has no dataplane');
          app.world.pin(dataplane.mesh, dataplane.name, { connected: false });
        },
      ],
    ])('serves the world as it is after %s meanwhile', async (_, change) => {
      const sliced = demo(LARGE);
      const before = await read(sliced);
      const tick = await inLastSlices(sliced);
      await change(sliced);
      const meanwhile = await read(sliced);
      expect(meanwhile).not.toBe(before);
      await tick.finish();
      expect(await read(sliced)).toBe(meanwhile);
    });

    it('still makes the insights its readers ask for: after it, they are made already', async () => {
      const sliced = demo(LARGE);
      const atOnce = demo(LARGE);
      const insights = (app: DemoApp) => read(app, 'http://demo.local/mesh-insights');
      await insights(sliced);
      await insights(atOnce);
      await sliced.world.tickInSlices(0);
      atOnce.world.tick();
      const dataplaneReads = vi.spyOn(sliced.world, 'dataplanes');
      const made = await insights(sliced);
      expect(dataplaneReads).not.toHaveBeenCalled();
      expect(made).toBe(await insights(atOnce));
    });
  });
});
