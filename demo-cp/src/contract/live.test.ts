/**
 * Contract: the live side of the demo — determinism, ticks, and the `/_demo/*` test controls
 * (faults, reset, pinned proxies).
 */
import { describe, expect, it, vi } from 'vitest';
import { DOWN_HEADER } from '../app';
import { cp, documentedStatus, expectKumaError, type Json, type ListBody } from './harness';

describe('determinism', () => {
  it('the same seed and the same ticks give identical overviews', async () => {
    const a = cp({ seed: 11 });
    const b = cp({ seed: 11 });
    const initial = (await a.get('/meshes/default/dataplanes/_overview')).text;
    await a.tick(7);
    await b.tick(7);
    const bodyA = (await a.get('/meshes/default/dataplanes/_overview')).text;
    const bodyB = (await b.get('/meshes/default/dataplanes/_overview')).text;
    expect(bodyA).toBe(bodyB);
    // The ticks did something, so equality is not trivial.
    expect(bodyA).not.toBe(initial);
  });

  it('a different seed gives a different history', async () => {
    const a = cp({ seed: 11 });
    const b = cp({ seed: 12 });
    await a.tick(7);
    await b.tick(7);
    const subscriptions = async (client: typeof a) =>
      (await client.json<ListBody<Json>>('/dataplanes/_overview?size=1000')).items.map((item) =>
        item.dataplaneInsight?.subscriptions?.map((s: Json) => s.id),
      );
    expect(await subscriptions(a)).not.toEqual(await subscriptions(b));
  });
});

describe('ticks', () => {
  it('advance subscriptions: generation, lastUpdateTime and counters', async () => {
    const client = cp();
    await client.put('/_demo/proxies/default/frontend-1', { connected: true });
    const read = async () => {
      const overview = await client.json<Json>('/meshes/default/dataplanes/frontend-1/_overview');
      return overview.dataplaneInsight.subscriptions.at(-1) as Json;
    };
    const before = await read();
    await client.tick(3);
    const after = await read();
    expect(after.id).toBe(before.id);
    expect(after.generation).toBeGreaterThan(before.generation ?? 0);
    expect(Date.parse(after.status.lastUpdateTime)).toBeGreaterThan(
      Date.parse(before.status.lastUpdateTime),
    );
    expect(after.status.total.responsesSent).toMatch(/^\d+$/);
  });

  it('POST /_demo/tick reports the clock and refuses a bad count', async () => {
    const client = cp();
    const reply = await client.call('POST', '/_demo/tick?count=4');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ticks: 4, time: '2026-11-01T00:00:08.000Z' });
    expect((await client.call('POST', '/_demo/tick?count=0')).status).toBe(400);
    expect((await client.call('POST', '/_demo/tick?count=x')).status).toBe(400);
  });

  it('keeps at most two subscriptions per proxy while it reconnects', async () => {
    const client = cp();
    for (let i = 0; i < 3; i++) {
      await client.put('/_demo/proxies/default/orders-1', { connected: false });
      await client.tick();
      await client.put('/_demo/proxies/default/orders-1', { connected: true });
      await client.tick();
    }
    const overview = await client.json<Json>('/meshes/default/dataplanes/orders-1/_overview');
    const subscriptions = overview.dataplaneInsight.subscriptions as Json[];
    expect(subscriptions).toHaveLength(2);
    expect(typeof subscriptions[0]?.disconnectTime).toBe('string');
    expect(subscriptions[1]?.disconnectTime).toBeUndefined();
  });
});

describe('PUT /_demo/proxies/{mesh}/{name}', () => {
  it('pins a proxy offline: its subscription closes and the insights count it offline', async () => {
    const client = cp();
    await client.put('/_demo/proxies/default/frontend-2', { connected: true });
    await client.put('/_demo/proxies/default/frontend-1', { connected: true });
    const pinned = await client.put('/_demo/proxies/default/frontend-1', { connected: false });
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({ pinned: true, connected: false });
    await client.tick(5);
    const overview = await client.json<Json>('/meshes/default/dataplanes/frontend-1/_overview');
    expect(documentedStatus(overview as never)).toBe('offline');
    for (const subscription of overview.dataplaneInsight.subscriptions) {
      expect(typeof subscription.disconnectTime).toBe('string');
    }
    const service = await client.json<Json>('/meshes/default/service-insights/frontend');
    expect(service).toMatchObject({
      status: 'partially_degraded',
      dataplanes: { total: 2, online: 1, offline: 1 },
    });
    const all = await client.json<ListBody<Json>>('/meshes/default/dataplanes/_overview');
    const offline = all.items.filter((item) => documentedStatus(item as never) === 'offline');
    expect(offline.map((item) => item.name)).toContain('frontend-1');
    const insight = await client.json<Json>('/mesh-insights/default');
    expect(insight.dataplanes.offline).toBe(offline.length);
    // Envoy admin needs a connected proxy.
    expect((await client.get('/meshes/default/dataplanes/frontend-1/stats')).status).toBe(400);
  });

  it('pins inbound readiness: some not ready is partially degraded', async () => {
    const client = cp();
    await client.put('/_demo/proxies/legacy/search-1', {
      connected: true,
      inboundsReady: [true, false],
    });
    await client.tick(2);
    const overview = await client.json<Json>('/meshes/legacy/dataplanes/search-1/_overview');
    expect(overview.dataplane.networking.inbound.map((i: Json) => i.health.ready)).toEqual([
      true,
      false,
    ]);
    expect(documentedStatus(overview as never)).toBe('partially_degraded');
  });

  it('404s an unknown proxy and 400s a bad body', async () => {
    const client = cp();
    expect((await client.put('/_demo/proxies/default/nope', { connected: false })).status).toBe(
      404,
    );
    expect((await client.put('/_demo/proxies/default/frontend-1', { online: false })).status).toBe(
      400,
    );
  });
});

describe('fault controls', () => {
  it('latencyMs delays Kuma API answers but not /_demo/*', async () => {
    const client = cp();
    expect((await client.put('/_demo/faults', { latencyMs: 80 })).status).toBe(200);
    vi.useFakeTimers();
    try {
      let answered = false;
      const meshes = client.get('/meshes').then((response) => {
        answered = true;
        return response;
      });
      // The demo's own controls answer while the API request still waits.
      expect((await client.get('/_demo/faults')).status).toBe(200);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(79);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await meshes).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('errorRate 1 with a status fails every Kuma API request with a Kuma error body', async () => {
    const client = cp();
    const set = await client.put('/_demo/faults', { errorRate: 1, status: 502 });
    expect(set.body).toMatchObject({ errorRate: 1, status: 502 });
    for (const path of ['/', '/meshes', '/meshes/default/dataplanes/_overview']) {
      expectKumaError(await client.get(path), { status: 502 });
    }
    expect((await client.put('/meshes/x', { type: 'Mesh', name: 'x' })).status).toBe(502);
    // The controls stay reachable.
    expect((await client.call('POST', '/_demo/tick')).status).toBe(200);
    expect((await client.del('/_demo/faults')).status).toBe(200);
    expect((await client.get('/meshes')).status).toBe(200);
    // The failed PUT never reached the store.
    expect((await client.get('/meshes/x')).status).toBe(404);
  });

  it('errorRate 0.5 fails some requests and passes others, deterministically', async () => {
    const run = async () => {
      const client = cp();
      await client.put('/_demo/faults', { errorRate: 0.5, status: 500 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await client.get('/meshes')).status);
      return statuses;
    };
    const statuses = await run();
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
    expect(await run()).toEqual(statuses);
  });

  it('malformed: invalid-json answers 200 with a body that is not JSON', async () => {
    const client = cp();
    await client.put('/_demo/faults', { malformed: 'invalid-json' });
    const reply = await client.get('/meshes');
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.text)).toThrow();
  });

  it('malformed: truncated answers 200 with JSON cut short', async () => {
    const client = cp();
    const whole = (await client.get('/meshes')).text;
    await client.put('/_demo/faults', { malformed: 'truncated' });
    const reply = await client.get('/meshes');
    expect(reply.status).toBe(200);
    expect(reply.text.length).toBeGreaterThan(0);
    expect(reply.text.length).toBeLessThan(whole.length);
    expect(whole.startsWith(reply.text)).toBe(true);
    expect(() => JSON.parse(reply.text)).toThrow();
    // /_demo/* answers stay whole.
    expect((await client.get('/_demo/faults')).body).toMatchObject({ malformed: 'truncated' });
  });

  it('down answers 503 with the marker header, and DELETE /_demo/faults restores', async () => {
    const client = cp();
    await client.put('/_demo/faults', { down: true });
    for (const path of ['/', '/config', '/meshes/default/dataplanes']) {
      const reply = await client.get(path);
      expect(reply.status).toBe(503);
      expect(reply.headers.get(DOWN_HEADER)).toBe('down');
    }
    const faults = await client.get('/_demo/faults');
    expect(faults.status).toBe(200);
    expect(faults.headers.get(DOWN_HEADER)).toBeNull();
    const cleared = await client.del('/_demo/faults');
    expect(cleared.body).toEqual({
      latencyMs: 0,
      errorRate: 0,
      status: 500,
      malformed: 'none',
      down: false,
    });
    expect((await client.get('/')).status).toBe(200);
  });

  it('a new fault set replaces the previous one, and bad settings are refused', async () => {
    const client = cp();
    await client.put('/_demo/faults', { down: true });
    await client.put('/_demo/faults', { latencyMs: 0 });
    expect((await client.get('/meshes')).status).toBe(200);
    for (const body of [{ errorRate: 2 }, { status: 200 }, { malformed: 'html' }, { slow: true }]) {
      expect((await client.put('/_demo/faults', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await client.put('/_demo/faults', '{not json')).status).toBe(400);
  });
});

describe('POST /_demo/reset', () => {
  it('?scenario=empty leaves no meshes and clears faults', async () => {
    const client = cp();
    await client.put('/_demo/faults', { errorRate: 1, status: 500 });
    const reply = await client.call('POST', '/_demo/reset?scenario=empty');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ scenario: 'empty', ticks: 0 });
    const meshes = await client.json<ListBody>('/meshes');
    expect(meshes).toEqual({ total: 0, items: [], next: null });
    expect((await client.json<ListBody>('/dataplanes')).total).toBe(0);
  });

  it('goes back to the start of a scenario, writes forgotten', async () => {
    const client = cp();
    const initial = (await client.get('/meshes/default/dataplanes/_overview')).text;
    await client.put('/meshes/extra', { type: 'Mesh', name: 'extra' });
    await client.tick(3);
    expect((await client.call('POST', '/_demo/reset?scenario=mixed')).status).toBe(200);
    expect((await client.get('/meshes/extra')).status).toBe(404);
    expect((await client.get('/meshes/default/dataplanes/_overview')).text).toBe(initial);
  });

  it('refuses an unknown scenario', async () => {
    expect((await cp().call('POST', '/_demo/reset?scenario=nope')).status).toBe(400);
  });
});
