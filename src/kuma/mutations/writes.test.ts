// Over 400 lines: the save modelled step by step (interleavings, property runs) and against the demo control plane, one story.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoBackend } from '../../test/demo-backend';
import { KumaClient } from '../client';
import { parseKumaVersion } from '../version';
import { changedSinceBase, type Resource, versionOf } from './resource-version';
import { type AfterWrite, judgeAfterWrite, storedFormOf } from './write-echo';
import {
  type SaveOptions,
  saveItems,
  settleWindowMs,
  type WriteItem,
  withWriteLock,
} from './writes';

const caps = { version: parseKumaVersion('2.14.3'), environment: 'universal' as const };

/** A MeshGateway as the form sends it, its first listener's connection limit set to `limit`. */
function gateway(limit: number, extra: Record<string, unknown> = {}): Resource {
  return {
    type: 'MeshGateway',
    mesh: 'default',
    name: 'edge',
    selectors: [{ match: { 'kuma.io/service': 'edge' } }],
    conf: {
      listeners: [
        { port: 8080, protocol: 'HTTP', tags: {}, resources: { connectionLimit: limit } },
      ],
    },
    ...extra,
  } as Resource;
}

/** `resource` as kuma-cp serves it after storing it: its stored form, times, computed labels. */
function served(resource: Resource, time: string, labels: Record<string, string> = {}): Resource {
  const form = storedFormOf(caps, resource);
  return {
    ...form,
    creationTime: '2026-01-01T00:00:00Z',
    modificationTime: time,
    labels: { ...form.labels, 'kuma.io/mesh': 'default', 'kuma.io/origin': 'zone', ...labels },
    kri: 'kri_mgw_default_default__edge_',
  } as Resource;
}

describe('the check before a write', () => {
  const base = versionOf(served(gateway(100), 't0'));
  it.each([
    ['unchanged since the form opened', base, served(gateway(100), 't0'), false],
    ['changed by someone else', base, served(gateway(200), 't1'), true],
    [
      'saved again with the same content (kuma-cp moves the time)',
      base,
      served(gateway(100), 't1'),
      false,
    ],
    ['deleted since the form opened', base, undefined, true],
    ['created by someone else while we create it', undefined, served(gateway(200), 't1'), true],
    ['still absent while we create it', undefined, undefined, false],
  ] as const)('%s', (_case, formBase, current, conflict) => {
    expect(changedSinceBase(formBase, current)).toBe(conflict);
  });
});

describe('the re-read right after our write', () => {
  const ours = storedFormOf(caps, gateway(111));
  it.each<[string, Resource | undefined, AfterWrite]>([
    [
      'our write landed (served back with times, kri and computed labels)',
      served(gateway(111), 't1'),
      'kept',
    ],
    ['theirs landed after ours: their content is stored', served(gateway(222), 't2'), 'replaced'],
    ['theirs landed before ours: ours is what stayed', served(gateway(111), 't2'), 'kept'],
    [
      'theirs landed after ours with identical content: nothing of ours is lost',
      served(gateway(111), 't3'),
      'kept',
    ],
    ['theirs added a label we did not send', served(gateway(111), 't2', { team: 'b' }), 'replaced'],
    ['deleted right after our write', undefined, 'deleted'],
  ])('%s', (_case, reread, verdict) => {
    expect(judgeAfterWrite(ours, reread)).toBe(verdict);
  });

  it("reads our body as kuma-cp does: an empty map we sent is not someone else's change", () => {
    // The form sends `tags: {}`; protojson serves the listener without it.
    expect(storedFormOf(caps, gateway(1))).not.toHaveProperty('conf.listeners.0.tags');
    expect(judgeAfterWrite(storedFormOf(caps, gateway(1)), served(gateway(1), 't1'))).toBe('kept');
  });

  it("leaves out what kuma-cp's dataplane manager adds to a Dataplane, and nothing else", () => {
    const dataplane = {
      type: 'Dataplane',
      mesh: 'default',
      name: 'edge-1',
      networking: {
        address: '10.0.0.1',
        gateway: { type: 'DELEGATED', tags: { 'kuma.io/service': 'edge' } },
      },
    } as unknown as Resource;
    const ours = storedFormOf(caps, dataplane);
    const stamped = structuredClone(ours) as Resource & {
      networking: { gateway: { tags: Record<string, string> } };
    };
    stamped.networking.gateway.tags['kuma.io/zone'] = 'default';
    const withProxyType = { ...stamped, labels: { 'kuma.io/proxy-type': 'sidecar' } };
    expect(judgeAfterWrite(ours, withProxyType)).toBe('kept');
    const changed = structuredClone(stamped);
    changed.networking.gateway.tags['kuma.io/service'] = 'other';
    expect(judgeAfterWrite(ours, changed)).toBe('replaced');
  });

  // kuma-cp 2.14.3 stores a delegated Dataplane sent with `gateway: {}` with the tags map its
  // dataplane manager created for the zone tag (seen in real-cp/forms/write-echo.test.ts).
  const bare = (networking: Record<string, unknown>) =>
    ({ type: 'Dataplane', mesh: 'default', name: 'edge-2', networking }) as unknown as Resource;
  it.each<[string, Record<string, unknown>, Record<string, unknown>, AfterWrite]>([
    [
      'a gateway sent without tags, served with the zone tag in a new map',
      { address: 'kong.local', gateway: {} },
      { address: 'kong.local', gateway: { tags: { 'kuma.io/zone': 'default' } } },
      'kept',
    ],
    [
      'a gateway sent without tags, served with another tag as well',
      { address: 'kong.local', gateway: {} },
      { address: 'kong.local', gateway: { tags: { 'kuma.io/zone': 'default', team: 'b' } } },
      'replaced',
    ],
    [
      'a gateway sent with the zone tag itself, served without it',
      { address: 'kong.local', gateway: { tags: { 'kuma.io/zone': 'east' } } },
      { address: 'kong.local', gateway: { tags: {} } },
      'replaced',
    ],
    [
      'an inbound sent without tags (MeshServices not exclusive), served with the zone tag',
      { address: '10.0.0.1', inbound: [{ port: 8080 }] },
      { address: '10.0.0.1', inbound: [{ port: 8080, tags: { 'kuma.io/zone': 'default' } }] },
      'kept',
    ],
    [
      'a gateway served with an empty tags map that kuma-cp did not make',
      { address: 'kong.local', gateway: {} },
      { address: 'kong.local', gateway: { tags: {}, type: 'BUILTIN' } },
      'replaced',
    ],
  ])('%s', (_case, sent, stored, verdict) => {
    expect(judgeAfterWrite(bare(sent), bare(stored))).toBe(verdict);
  });
});

/**
 * Two (or more) savers modelled step by step against one store: each checks, PUTs, then
 * re-reads, using the same decisions as the form. Whatever the interleaving, a saver that ends
 * "Saved" had its content stored when it re-read; the only silent loss left is a re-read that
 * runs before another saver's PUT lands, which the settle window (and, in one browser, the lock)
 * is there to prevent.
 */
describe('savers interleaved against one store', () => {
  type Kind = 'check' | 'put' | 'reread';
  type Step = { saver: number; kind: Kind };
  type Ending = 'saved' | 'conflict-before' | 'conflict-after';
  const STEPS: readonly Kind[] = ['check', 'put', 'reread'];

  function run(schedule: readonly Step[], limits: readonly number[]) {
    let stored: Resource | undefined = served(gateway(100), 't0');
    const base = versionOf(stored);
    const endings: (Ending | undefined)[] = limits.map(() => undefined);
    let clock = 0;
    schedule.forEach(({ saver, kind }) => {
      if (endings[saver] !== undefined) return;
      const ours = gateway(limits[saver] as number);
      if (kind === 'check' && changedSinceBase(base, stored)) endings[saver] = 'conflict-before';
      if (kind === 'put') stored = served(ours, `t${++clock}`);
      if (kind === 'reread') {
        const verdict = judgeAfterWrite(storedFormOf(caps, ours), stored);
        endings[saver] = verdict === 'kept' ? 'saved' : 'conflict-after';
      }
    });
    return { endings: endings as Ending[], stored };
  }

  /** Every way to interleave the savers' steps, each saver's own steps in order. */
  function interleavings(savers: number): Step[][] {
    const out: Step[][] = [];
    const walk = (next: number[], schedule: Step[]) => {
      if (next.every((i) => i === STEPS.length)) out.push(schedule);
      next.forEach((i, saver) => {
        if (i === STEPS.length) return;
        const advanced = [...next];
        advanced[saver] = i + 1;
        walk(advanced, [...schedule, { saver, kind: STEPS[i] as Kind }]);
      });
    };
    walk(
      Array.from({ length: savers }, () => 0),
      [],
    );
    return out;
  }

  const position = (schedule: readonly Step[], saver: number, kind: Kind) =>
    schedule.findIndex((step) => step.saver === saver && step.kind === kind);

  /** A saver said Saved though its content is not what stays. */
  function silentLosses(schedule: readonly Step[], limits: readonly number[]): number[] {
    const { endings, stored } = run(schedule, limits);
    const finalLimit = (
      stored as unknown as { conf: { listeners: { resources: { connectionLimit: number } }[] } }
    ).conf.listeners[0]?.resources.connectionLimit;
    return endings.flatMap((ending, saver) =>
      ending === 'saved' && limits[saver] !== finalLimit ? [saver] : [],
    );
  }

  it('two savers, all 20 interleavings: a silent loss only where a re-read ran before the other PUT', () => {
    const all = interleavings(2);
    expect(all).toHaveLength(20);
    const lossy = all.filter((schedule) => silentLosses(schedule, [111, 222]).length > 0);
    for (const schedule of lossy) {
      const [loser] = silentLosses(schedule, [111, 222]) as [number];
      expect(position(schedule, loser, 'reread')).toBeLessThan(
        position(schedule, 1 - loser, 'put'),
      );
    }
    // Re-reads after both PUTs (what the settle window waits for): no silent loss at all.
    const settled = all.filter(
      (schedule) =>
        Math.min(position(schedule, 0, 'reread'), position(schedule, 1, 'reread')) >
        Math.max(position(schedule, 0, 'put'), position(schedule, 1, 'put')),
    );
    expect(settled.length).toBeGreaterThan(0);
    for (const schedule of settled) expect(silentLosses(schedule, [111, 222])).toEqual([]);
    // Without any window, 4 of the 20 interleavings lose a change silently: the loser checked,
    // wrote and re-read, all between the winner's check and the winner's PUT.
    expect(lossy).toHaveLength(4);
  });

  it('savers taking turns (the Web Lock): one saves, every other one is asked before writing', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 5 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
            ),
          ),
        ([n, order]) => {
          const schedule = order.flatMap((saver) => STEPS.map((kind) => ({ saver, kind })));
          const limits = Array.from({ length: n }, (_, i) => 101 + i);
          const { endings } = run(schedule, limits);
          expect(endings[order[0] as number]).toBe('saved');
          expect(endings.filter((ending) => ending === 'saved')).toHaveLength(1);
          expect(endings.filter((ending) => ending === 'conflict-before')).toHaveLength(n - 1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any number of savers in any order: "Saved" is said only of content stored at its re-read', () => {
    const schedules = fc.integer({ min: 2, max: 4 }).chain((n) =>
      fc
        .array(fc.integer({ min: 0, max: n - 1 }), { minLength: 3 * n, maxLength: 3 * n })
        .map((picks) => {
          // Turns picks into a schedule where each saver's steps stay in order.
          const next = Array.from({ length: n }, () => 0);
          const schedule: Step[] = [];
          for (const pick of picks) {
            const saver = [pick, ...next.keys()].find((s) => (next[s] as number) < STEPS.length);
            if (saver === undefined) break;
            schedule.push({ saver, kind: STEPS[next[saver] as number] as Kind });
            next[saver] = (next[saver] as number) + 1;
          }
          return { n, schedule };
        }),
    );
    fc.assert(
      fc.property(schedules, ({ n, schedule }) => {
        const limits = Array.from({ length: n }, (_, i) => 101 + i);
        for (const loser of silentLosses(schedule, limits)) {
          const reread = position(schedule, loser, 'reread');
          const laterPut = schedule.some((step, at) => step.kind === 'put' && at > reread);
          expect(laterPut).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a save against the demo control plane', () => {
  /** The first listener's connection limit of a stored MeshGateway. */
  const limitOf = (resource: unknown) =>
    (resource as { conf: { listeners: { resources?: { connectionLimit?: number } }[] } }).conf
      .listeners[0]?.resources?.connectionLimit;
  const PATH = '/meshes/default/meshgateways/edge-gateway';

  function setUp() {
    const backend = demoBackend();
    const client = new KumaClient({
      baseUrl: '/api',
      getToken: () => undefined,
      fetch: backend.fetch,
    });
    const stored = backend.world.store.get('MeshGateway', 'default', 'edge-gateway') as Resource;
    const edited = (limit: number) => {
      const {
        creationTime: _c,
        modificationTime: _m,
        kri: _k,
        labels: _l,
        ...rest
      } = structuredClone(stored) as Resource & { conf: { listeners: { resources?: object }[] } };
      const resource = rest as Resource & { conf: { listeners: { resources?: object }[] } };
      (resource.conf.listeners[0] as { resources?: object }).resources = { connectionLimit: limit };
      return resource as Resource;
    };
    const item = (limit: number): WriteItem => ({
      resource: edited(limit),
      label: 'MeshGateway edge-gateway',
      path: PATH,
      base: versionOf(stored),
      toField: (path) => path,
    });
    const someoneWrites = (limit: number) =>
      backend.world.writeAsApi('MeshGateway', edited(limit) as never);
    const writes = () => backend.requests.filter((request) => !request.startsWith('GET '));
    return { backend, client, item, someoneWrites, writes };
  }

  const options = (extra: Partial<SaveOptions> = {}): SaveOptions => ({
    identity: 'test',
    caps,
    locks: undefined,
    sleep: async () => {},
    ...extra,
  });

  it('checks, writes, waits the settle window, re-reads, and keeps what stayed as the next base', async () => {
    const { client, item, backend } = setUp();
    const waits: number[] = [];
    let t = 0;
    const result = await saveItems(
      client,
      [item(111)],
      options({
        sleep: async (ms) => {
          waits.push(ms);
        },
        now: () => (t += 40),
      }),
    );
    expect(result.conflicts).toEqual([]);
    expect(result.outcome?.written).toHaveLength(1);
    expect(backend.requests).toEqual([`GET ${PATH}`, `PUT ${PATH}`, `GET ${PATH}`]);
    expect(waits).toEqual([settleWindowMs(40)]);
    const now = backend.world.store.get('MeshGateway', 'default', 'edge-gateway') as Resource;
    expect(result.kept[PATH]).toEqual(versionOf(now));
  });

  it('reports a write that landed right after ours as a conflict, with what is stored now', async () => {
    const { client, item, someoneWrites } = setUp();
    const result = await saveItems(
      client,
      [item(111)],
      options({ sleep: async () => void someoneWrites(222) }),
    );
    expect(result.conflicts).toHaveLength(1);
    const [conflict] = result.conflicts;
    expect(conflict?.when).toBe('after');
    expect(limitOf(conflict?.current)).toBe(222);
    expect(result.kept).toEqual({});
  });

  it('writes nothing when the check finds a change since the form was opened', async () => {
    const { client, item, someoneWrites, writes } = setUp();
    someoneWrites(222);
    const result = await saveItems(client, [item(111)], options());
    expect(result.conflicts.map((c) => c.when)).toEqual(['before']);
    expect(result.outcome).toBeUndefined();
    expect(writes()).toEqual([]);
  });

  it("turns kuma-cp's 409 into a conflict with what is stored now", async () => {
    const { backend, item } = setUp();
    const client = new KumaClient({
      baseUrl: '/api',
      getToken: () => undefined,
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) =>
        init?.method === 'PUT'
          ? new Response(
              JSON.stringify({
                title: 'Conflict',
                detail: 'resource conflict: type="MeshGateway" name="edge-gateway" mesh="default"',
              }),
              { status: 409 },
            )
          : backend.fetch(input, init)) as typeof fetch,
    });
    const result = await saveItems(client, [item(111)], options());
    expect(result.conflicts.map((c) => [c.when, c.current?.name])).toEqual([
      ['refused', 'edge-gateway'],
    ]);
  });

  it('two saves at once in one browser take turns: the second one is asked, the first one saved', async () => {
    const { client, item, backend } = setUp();
    // A lock manager with the Web Locks API's contract for one name: callbacks run one at a time.
    let queue: Promise<unknown> = Promise.resolve();
    const locks = {
      request<T>(_name: string, callback: () => Promise<T>): Promise<T> {
        const run = queue.then(callback);
        queue = run.catch(() => undefined);
        return run;
      },
    };
    const [first, second] = await Promise.all([
      saveItems(client, [item(111)], options({ locks })),
      saveItems(client, [item(222)], options({ locks })),
    ]);
    expect(first.conflicts).toEqual([]);
    expect(second.conflicts.map((c) => c.when)).toEqual(['before']);
    expect(limitOf(backend.world.store.get('MeshGateway', 'default', 'edge-gateway'))).toBe(111);
  });

  it('without taking turns the same two saves both write, and the one replaced is reported', async () => {
    const { client, item } = setUp();
    const results = await Promise.all([
      saveItems(client, [item(111)], options()),
      saveItems(client, [item(222)], options()),
    ]);
    // Both checks ran before either PUT; both re-reads after both PUTs (the settle window).
    expect(results.map((r) => r.outcome?.written.length)).toEqual([1, 1]);
    expect(results.map((r) => r.conflicts.map((c) => c.when))).toEqual([['after'], []]);
  });

  it('says the save was acknowledged but not confirmed when the re-read fails', async () => {
    const { backend, item } = setUp();
    let gets = 0;
    const client = new KumaClient({
      baseUrl: '/api',
      getToken: () => undefined,
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) =>
        (init?.method ?? 'GET') === 'GET' && ++gets === 2
          ? new Response('upstream down', { status: 502 })
          : backend.fetch(input, init)) as typeof fetch,
    });
    const result = await saveItems(client, [item(111)], options());
    expect(result.conflicts).toEqual([]);
    expect(result.outcome?.written).toHaveLength(1);
    expect(result.unverified).toMatch(/upstream down|502/);
  });
});

describe('helpers', () => {
  it.each([
    [0, 250],
    [100, 250],
    [300, 600],
    [5000, 2000],
  ])('settle window after a check + PUT of %i ms: %i ms', (elapsed, window) => {
    expect(settleWindowMs(elapsed)).toBe(window);
  });

  it('runs the task at once where the browser has no Web Locks', async () => {
    expect(await withWriteLock('x', async () => 7, undefined)).toBe(7);
  });
});
