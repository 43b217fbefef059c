import { describe, expect, it } from 'vitest';
import { createDemoApp } from '../../../demo-cp/src/app';
import { DEFAULT_OPTIONS } from '../../../demo-cp/src/options';
import { loadScenario } from '../../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../../demo-cp/src/snapshot';
import { World } from '../../../demo-cp/src/world';
import { clusterTraffic, listenerTraffic, parseEnvoyStatsText } from '../../kuma/envoy-stats';
import { runTrace } from './run-trace';
import { parseTarget } from './trace-input';

/**
 * What the debugger predicts for a request is what the demo control plane's simulated traffic
 * produced for the same request: read back through the API, from the gateway's Envoy counters.
 */
describe('trace predictions match the simulated traffic on mixed', () => {
  const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, seed: 5 });
  loadScenario(world, 'mixed');
  // A restart would zero the counters mid-test: keep the gateway proxy up.
  world.pin('default', 'edge-gateway-1', { connected: true });
  const app = createDemoApp(world);
  for (let i = 0; i < 4; i++) world.tick();
  const snapshot = controlPlaneSnapshot(world);

  async function stats() {
    const response = await app.fetch(
      new Request('http://cp.test/meshes/default/dataplanes/edge-gateway-1/stats'),
    );
    return parseEnvoyStatsText(await response.text());
  }

  it.each([
    ['http://www.example.com/', 'frontend', 200],
    ['http://www.example.com/orders', 'orders', 403],
    ['http://www.example.com/pay', 'payments', 503],
    ['https://shop.example.com/api', 'backend', 200],
  ])('%s', async (url, cluster, status) => {
    const run = runTrace(
      snapshot,
      'default',
      { kind: 'builtin', name: 'edge-gateway' },
      parseTarget({ url, headers: '' }),
      'GET',
      [],
    );
    expect(run.result?.verdict.status).toBe(status);
    const traffic = clusterTraffic(await stats()).find((entry) => entry.cluster === cluster);
    expect(traffic?.requests).toBeGreaterThan(0);
    // Every request the simulation sent to that backend got the predicted status.
    expect(traffic?.byCode).toEqual({ [status]: traffic?.requests });
  });

  it('http://admin.example.com:8081/ → 404, and the admin listener only ever answered 404 (no route)', async () => {
    const run = runTrace(
      snapshot,
      'default',
      { kind: 'builtin', name: 'edge-gateway' },
      parseTarget({ url: 'http://admin.example.com:8081/', headers: '' }),
      'GET',
      [],
    );
    expect(run.result?.verdict).toMatchObject({ status: 404, kind: 'no-route' });
    const admin = listenerTraffic(await stats()).find(
      (entry) => entry.statPrefix === 'edge-gateway_8081',
    );
    expect(admin?.requests).toBeGreaterThan(0);
    expect(admin).toMatchObject({
      responses2xx: 0,
      responses5xx: 0,
      noRoute: admin?.requests,
      responses4xx: admin?.requests,
    });
  });
});
