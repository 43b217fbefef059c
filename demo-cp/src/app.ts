import { Hono } from 'hono';
import { errorResponse, kumaError, pageNotFound } from './errors';
import { handleError } from './http';
import { Random } from './random';
import { registerDemoRoutes } from './routes/demo';
import { registerInsightRoutes } from './routes/insights';
import { registerInspectRoutes } from './routes/inspect';
import { type Persist, registerResourceRoutes } from './routes/resources';
import { registerSystemRoutes } from './routes/system';
import { registerZoneRoutes } from './routes/zones';
import { type TrafficOptions, TrafficSimulator } from './traffic';
import type { World } from './world';

export const DOWN_HEADER = 'x-demo-fault';

export interface DemoAppOptions {
  /** Makes an accepted write's changes durable before they are applied and answered. */
  persist?: Persist;
  /** Called after `/_demo/reset`. */
  onReset?: () => Promise<void>;
  traffic?: TrafficOptions;
}

export interface DemoApp {
  world: World;
  traffic: TrafficSimulator;
  fetch: (request: Request) => Promise<Response>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Faults apply to Kuma's API only, never to `/_demo/*`, so a test can always turn them off.
 * `down` answers 503 with a marker header: a listening server drops the connection instead.
 */
function withFaults(world: World, handler: (request: Request) => Promise<Response>) {
  const random = new Random(world.options.seed ^ 0x5eed);
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/_demo/')) return handler(request);
    const token = world.options.token;
    if (token && pathname !== '/' && request.headers.get('authorization') !== `Bearer ${token}`) {
      return errorResponse(kumaError(401, 'Unauthenticated', 'Unauthenticated'));
    }
    const faults = world.faults;
    if (faults.down) {
      return new Response('control plane is down', {
        status: 503,
        headers: { [DOWN_HEADER]: 'down' },
      });
    }
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.errorRate > 0 && random.chance(faults.errorRate)) {
      return errorResponse(
        kumaError(faults.status, 'Injected failure', `demo fault: status ${faults.status}`),
      );
    }
    const response = await handler(request);
    if (faults.malformed === 'none') return response;
    const body = await response.text();
    const broken =
      faults.malformed === 'invalid-json'
        ? `<html>not json</html>${body.slice(0, 20)}`
        : body.slice(0, Math.floor(body.length / 2));
    return new Response(broken, { status: response.status, headers: response.headers });
  };
}

export function createDemoApp(world: World, options: DemoAppOptions = {}): DemoApp {
  const persist: Persist = options.persist ?? (async () => {});
  const traffic = new TrafficSimulator(world, options.traffic);
  const app = new Hono({ strict: false });
  app.onError((error) => handleError(error));
  app.notFound(() => pageNotFound());
  registerDemoRoutes(app, world, async () => {
    traffic.reset();
    await options.onReset?.();
  });
  registerSystemRoutes(app, world);
  registerInsightRoutes(app, world);
  // After the insights' own tick work: a tick makes them first, in a quarter of a second of
  // slices at 50,000 dataplanes, and then the traffic's second or so. The other way round, a
  // mesh-insights request in that second made all of them at once (0.4-0.7 s for 100 meshes).
  world.onTick(() => traffic.stepSlices());
  registerZoneRoutes(app, world);
  registerInspectRoutes(app, world, traffic);
  registerResourceRoutes(app, world, { persist });
  const handle = async (request: Request) => {
    try {
      return await app.fetch(request);
    } catch (error) {
      return handleError(error);
    }
  };
  return { world, traffic, fetch: withFaults(world, handle) };
}
