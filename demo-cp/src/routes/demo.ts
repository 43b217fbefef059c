import type { Hono } from 'hono';
import { z } from 'zod';
import { json } from '../http';
import { SCENARIOS, type ScenarioName } from '../options';
import { loadScenario } from '../scenarios';
import { NO_FAULTS, proxyKey, type World } from '../world';

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

function demoError(status: number, detail: string): Response {
  return json({ type: '/std-errors', status, title: 'Demo control', detail }, status);
}

async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return {};
  return JSON.parse(text);
}

/**
 * Test controls under `/_demo/*`, a prefix Kuma never uses: reset to a scenario, advance the
 * clock, inject faults into the Kuma API, and pin a proxy's state.
 */
export function registerDemoRoutes(app: Hono, world: World, onReset: () => Promise<void>): void {
  app.post('/_demo/reset', async (c) => {
    const scenario = c.req.query('scenario') ?? world.options.scenario;
    if (!(SCENARIOS as readonly string[]).includes(scenario)) {
      return demoError(400, `unknown scenario "${scenario}"; one of ${SCENARIOS.join(', ')}`);
    }
    loadScenario(world, scenario as ScenarioName);
    world.faults = { ...NO_FAULTS };
    await onReset();
    return json({ scenario, ticks: world.ticks });
  });
  app.post('/_demo/tick', (c) => {
    const count = Number(c.req.query('count') ?? '1');
    if (!Number.isInteger(count) || count < 1 || count > 1000) {
      return demoError(400, 'count must be an integer from 1 to 1000');
    }
    for (let i = 0; i < count; i++) world.tick();
    return json({ ticks: world.ticks, time: world.timestamp() });
  });
  app.get('/_demo/faults', () => json(world.faults));
  app.put('/_demo/faults', async (c) => {
    let body: unknown;
    try {
      body = await jsonBody(c.req.raw);
    } catch {
      return demoError(400, 'body is not JSON');
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
    } catch {
      return demoError(400, 'body is not JSON');
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
