import { createDemoApp, type DemoApp } from './app';
import type { DemoOptions } from './options';
import { StatePersistence } from './persistence';
import { loadScenario } from './scenarios';
import { World } from './world';

export interface RunningDemo extends DemoApp {
  /** Stops the tick timer. */
  stop: () => void;
  restoredWrites: number;
  /**
   * Settles once the first tick has run (in slices when ticking on a timer): every proxy has
   * moved once and the simulation's caches are built. Until then the API answers between slices,
   * on a busy thread; at 50,000 dataplanes that lasts seconds.
   */
  firstTick: Promise<void>;
}

/**
 * Builds a demo control plane from its options: the scenario, the persisted writes on top, and
 * the tick timer. Shared by `npm run demo-cp` and the embedded one behind `npm start`.
 */
export async function startDemo(
  options: DemoOptions,
  { ticking = true } = {},
): Promise<RunningDemo> {
  const world = new World(options);
  loadScenario(world, options.scenario);
  const persistence = options.statePath
    ? new StatePersistence(options.statePath, world)
    : undefined;
  const restoredWrites = (await persistence?.load()) ?? 0;
  const demo = createDemoApp(world, {
    persist: async (changes) => persistence?.save(changes),
    onReset: async () => persistence?.clear(),
  });
  // A first tick so counters and insights have something to show straight away. With a timer it
  // runs in slices, as the timer's ticks do (see tickInSlices): at 50,000 dataplanes it evaluates
  // every call once, seconds the API need not wait for.
  const timed = ticking && options.tickMs > 0;
  let firstTick = Promise.resolve();
  if (timed) firstTick = world.tickInSlices();
  else world.tick();
  // A tick still running when the timer fires (slower than --tick-ms) is not hurried through at
  // once: that tick is skipped, and the simulated clock runs slower than the wall clock.
  const timer = timed
    ? setInterval(() => {
        if (!world.tickRunning) void world.tickInSlices();
      }, options.tickMs)
    : undefined;
  timer?.unref();
  return {
    ...demo,
    restoredWrites,
    firstTick,
    stop: () => {
      clearInterval(timer);
      world.finishTick();
    },
  };
}
