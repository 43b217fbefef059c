import type { Hono } from 'hono';
import { z } from 'zod';
import { BodyTooLargeError, json, MAX_DEMO_BODY_BYTES, readLimitedText } from '../http';
import { SCENARIOS, type ScenarioName } from '../options';
import { loadScenario } from '../scenarios';
import { NO_FAULTS, proxyKey, type World } from '../world';
import { writeLock } from '../write-transaction';

const faultsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  status: z.number().int().min(400).max(599).optional(),
  malformed: z.enum(['none', 'invalid-json', 'truncated']).optional(),
  down: z.boolean().optional(),
});

const proxySchema = z.strictObject({
  connected: z.boolean().optional(),
  /** Index → ready; unnamed inbounds keep churning. */
  inboundsReady: z.array(z.boolean()).optional(),
  /** Stop pinning: the proxy churns again. */
  release: z.boolean().optional(),
});

/** Largest `count` of one `POST /_demo/tick`: 200 s of simulated time at the default 2 s. */
export const MAX_TICKS_PER_REQUEST = 100;

function demoError(status: number, detail: string): Response {
  return json({ type: '/std-errors', status, title: 'Demo control', detail }, status);
}

class NotJson extends Error {}

/** A control's JSON body, streamed up to `MAX_DEMO_BODY_BYTES`; empty is `{}`. */
async function jsonBody(request: Request): Promise<unknown> {
  const text = await readLimitedText(request, MAX_DEMO_BODY_BYTES);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new NotJson('body is not JSON');
  }
}

/** A body the control could not take: 413 past the limit, 400 when not JSON. */
function bodyError(error: unknown): Response {
  if (error instanceof BodyTooLargeError) return demoError(413, error.message);
  if (error instanceof NotJson) return demoError(400, error.message);
  throw error;
}

/** Waits, answering requests meanwhile, until the tick running in slices (the timer's) ends. */
async function tickFinished(world: World): Promise<void> {
  while (world.tickRunning) await new Promise((resolve) => setTimeout(resolve, 1));
}

/**
 * Test controls under `/_demo/*`, a prefix Kuma never uses: reset to a scenario, advance the
 * clock, inject faults into the Kuma API, and pin a proxy's state.
 */
export function registerDemoRoutes(app: Hono, world: World, onReset: () => Promise<void>): void {
  // Batches of ticks one after another; each tick in slices, so requests are answered between.
  let ticking: Promise<unknown> = Promise.resolve();
  app.post('/_demo/reset', async (c) => {
    const scenario = c.req.query('scenario') ?? world.options.scenario;
    if (!(SCENARIOS as readonly string[]).includes(scenario)) {
      return demoError(400, `unknown scenario "${scenario}"; one of ${SCENARIOS.join(', ')}`);
    }
    // The state file is emptied first: if that fails, nothing was reset (a 500), and a reset
    // that answered is one a restart keeps. Under the write lock, so no API write straddles it.
    return writeLock(world).run(async () => {
      try {
        await onReset();
      } catch (error) {
        console.error('demo-cp: reset not applied:', (error as Error).message);
        return demoError(500, 'the reset was not applied: the state file could not be emptied');
      }
      loadScenario(world, scenario as ScenarioName);
      world.faults = { ...NO_FAULTS };
      return json({ scenario, ticks: world.ticks });
    });
  });
  app.post('/_demo/tick', async (c) => {
    const countText = c.req.query('count') ?? '1';
    const count = /^\d+$/.test(countText) ? Number(countText) : Number.NaN;
    if (!Number.isInteger(count) || count < 1 || count > MAX_TICKS_PER_REQUEST) {
      return demoError(
        400,
        `count must be an integer from 1 to ${MAX_TICKS_PER_REQUEST} (the most ticks one request may run)`,
      );
    }
    const batch = ticking.then(async () => {
      for (let i = 0; i < count; i++) {
        // A timer tick still running is let finish in its slices, not hurried through at once.
        await tickFinished(world);
        await world.tickInSlices();
        // A small world's tick is one slice that never yields: requests get a turn per tick.
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    ticking = batch.catch(() => {});
    await batch;
    return json({ ticks: world.ticks, time: world.timestamp() });
  });
  app.get('/_demo/faults', () => json(world.faults));
  app.put('/_demo/faults', async (c) => {
    let body: unknown;
    try {
      body = await jsonBody(c.req.raw);
    } catch (error) {
      return bodyError(error);
    }
    const parsed = faultsSchema.safeParse(body);
    if (!parsed.success)
      return demoError(
        400,
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    world.faults = { ...NO_FAULTS, ...parsed.data };
    return json(world.faults);
  });
  app.delete('/_demo/faults', () => {
    world.faults = { ...NO_FAULTS };
    return json(world.faults);
  });
  app.put('/_demo/proxies/:mesh/:name', async (c) => {
    const proxy = world.proxies.get(proxyKey(c.req.param('mesh'), c.req.param('name')));
    if (!proxy) return demoError(404, 'no such proxy');
    let body: unknown;
    try {
      body = await jsonBody(c.req.raw);
    } catch (error) {
      return bodyError(error);
    }
    const parsed = proxySchema.safeParse(body);
    if (!parsed.success)
      return demoError(
        400,
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    if (parsed.data.release) {
      delete proxy.pin;
      return json({ pinned: false });
    }
    const notReady = parsed.data.inboundsReady
      ?.map((ready, index) => (ready ? -1 : index))
      .filter((index) => index >= 0);
    world.pin(proxy.mesh, proxy.name, {
      ...(parsed.data.connected === undefined ? {} : { connected: parsed.data.connected }),
      ...(notReady ? { notReadyInbounds: notReady } : {}),
    });
    return json({ pinned: true, connected: proxy.connected, inboundReady: proxy.inboundReady });
  });
}
