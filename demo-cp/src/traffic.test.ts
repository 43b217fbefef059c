/**
 * The simulation reuses evaluations across ticks while nothing they read has changed. This
 * runs it beside the reference (every call evaluated every tick on a full snapshot) and wants
 * the same Envoy counters on every proxy, tick after tick, through churn, pins and writes.
 */
import { describe, expect, it } from 'vitest';
import type { Dataplane } from '../../src/kuma/types';
import { createDemoApp, type DemoApp } from './app';
import { DEFAULT_OPTIONS, type DemoOptions, type ScenarioName } from './options';
import { loadScenario } from './scenarios';
import { World } from './world';

function demo(options: Partial<DemoOptions>, reuseEvaluations: boolean, churn: number): DemoApp {
  const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, tickMs: 1000, ...options });
  loadScenario(world, options.scenario ?? 'mixed');
  world.churn = churn;
  return createDemoApp(world, { traffic: { reuseEvaluations } });
}

function counters(app: DemoApp) {
  return app.world
    .dataplanes()
    .map((dataplane) => app.traffic.snapshot(app.world.servedDataplane(dataplane as Dataplane)));
}

const put = (app: DemoApp, path: string, body: unknown) =>
  app.fetch(
    new Request(`http://demo.local${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

const CASES: [string, Partial<DemoOptions> & { scenario: ScenarioName }, number][] = [
  ['mixed', { scenario: 'mixed' }, 0.2],
  ['docs-builtin', { scenario: 'docs-builtin' }, 0.3],
  ['docs-delegated', { scenario: 'docs-delegated' }, 0.3],
  ['mixed on a global', { scenario: 'mixed', mode: 'global' }, 0.2],
  ['mixed on 2.6', { scenario: 'mixed', kumaVersion: '2.6.15' }, 0.2],
  [
    'large, 3 meshes',
    { scenario: 'large', large: { meshes: 3, services: 36, dataplanes: 180 } },
    0.1,
  ],
];

describe('reused evaluations', () => {
  it.each(CASES)(
    'count what evaluating every tick counts: %s',
    { timeout: 60_000 },
    async (_, options, churn) => {
      const cached = demo(options, true, churn);
      const reference = demo(options, false, churn);
      const mesh = cached.world.meshes()[0]?.name ?? 'default';
      const victim = cached.world.dataplanes(mesh)[0]?.name;
      let compared = 0;
      for (let tick = 1; tick <= 24; tick++) {
        for (const app of [cached, reference]) {
          if (tick === 8 && victim) {
            await put(app, `/_demo/proxies/${mesh}/${victim}`, { connected: false });
          }
          if (tick === 12) {
            // A write: every cached evaluation is stale now.
            await put(app, `/meshes/${mesh}/meshtrafficpermissions/deny-all`, {
              type: 'MeshTrafficPermission',
              mesh,
              name: 'deny-all',
              spec: {
                targetRef: { kind: 'Mesh' },
                from: [{ targetRef: { kind: 'Mesh' }, default: { action: 'Deny' } }],
              },
            });
          }
          if (tick === 16 && victim) {
            await put(app, `/_demo/proxies/${mesh}/${victim}`, { release: true });
          }
          app.world.tick();
        }
        if (tick % 3 === 0) {
          expect(counters(cached)).toEqual(counters(reference));
          compared += 1;
        }
      }
      // The runs did send traffic, so equal counters are not two empty sets.
      const requests = counters(reference)
        .flatMap((snapshot) => snapshot?.clusters ?? [])
        .reduce((sum, cluster) => sum + cluster.counters.rqTotal, 0);
      expect(requests).toBeGreaterThan(0);
      expect(compared).toBe(8);
    },
  );
});
