import { createDemoApp } from '../../demo-cp/src/app';
import { DEFAULT_OPTIONS, type DemoOptions } from '../../demo-cp/src/options';
import { loadScenario } from '../../demo-cp/src/scenarios';
import { World } from '../../demo-cp/src/world';

export interface DemoBackend {
  world: World;
  /** A `fetch` that sends `/api/*` to the demo control plane's app, as the server does. */
  fetch: typeof fetch;
  requests: string[];
}

/**
 * The demo control plane itself behind the SPA's `fetch` in component tests: one fake for the
 * whole project, never a second set of hand-written handlers.
 */
export function demoBackend(options: Partial<DemoOptions> = {}): DemoBackend {
  const world = new World({
    ...DEFAULT_OPTIONS,
    seed: 11,
    startTime: Date.parse('2026-11-01T00:00:00Z'),
    ...options,
  });
  loadScenario(world, world.options.scenario);
  const app = createDemoApp(world);
  world.tick();
  const requests: string[] = [];
  const fetchDemo = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://dashboard.test',
    );
    if (!url.pathname.startsWith('/api/'))
      throw new TypeError(`unexpected request outside /api: ${url.pathname}`);
    const path = `${url.pathname.slice('/api'.length)}${url.search}`;
    requests.push(`${init?.method ?? 'GET'} ${path}`);
    const { signal: _signal, ...rest } = init ?? {};
    return app.fetch(new Request(`http://cp.test${path}`, rest));
  }) as typeof fetch;
  return { world, fetch: fetchDemo, requests };
}
