/**
 * A write is planned, made durable, then applied. These properties are what make that safe:
 * applying a plan leaves the world exactly where the write itself would have, and a plan whose
 * persistence fails leaves it exactly where it was (random source included, so later ticks agree).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from './options';
import { resourceType } from './personality';
import { loadScenario } from './scenarios';
import type { StoreChange, StoredResource } from './store';
import { World } from './world';
import { commitWrite, planWrite, WriteLock } from './write-transaction';

const MESHES = ['default', 'written-mesh'] as const;
const NAMES = ['a', 'b', 'c'] as const;

type Op =
  | { kind: 'mesh'; name: string; mtls: boolean }
  | { kind: 'gateway'; mesh: string; name: string; port: number }
  | { kind: 'dataplane'; mesh: string; name: string; inbounds: number }
  | { kind: 'delete'; type: 'Mesh' | 'MeshGateway' | 'Dataplane'; mesh: string; name: string }
  | { kind: 'tick' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('mesh' as const),
    name: fc.constantFrom(...MESHES),
    mtls: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('gateway' as const),
    mesh: fc.constantFrom(...MESHES),
    name: fc.constantFrom(...NAMES),
    port: fc.integer({ min: 8000, max: 8003 }),
  }),
  fc.record({
    kind: fc.constant('dataplane' as const),
    mesh: fc.constantFrom(...MESHES),
    name: fc.constantFrom(...NAMES),
    inbounds: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    type: fc.constantFrom('Mesh' as const, 'MeshGateway' as const, 'Dataplane' as const),
    mesh: fc.constantFrom(...MESHES),
    name: fc.constantFrom(...NAMES, ...MESHES),
  }),
  fc.constant({ kind: 'tick' as const }),
);

function world(): World {
  const made = new World({ ...DEFAULT_OPTIONS, scenario: 'mixed', startTime: 0 });
  loadScenario(made, 'mixed');
  return made;
}

/** A write as `world.write` / `world.remove` take it, and the proxies it may move. */
function writeOf(target: World, op: Exclude<Op, { kind: 'tick' }>): () => unknown {
  const of = (name: string) => resourceType(target.personality, name);
  if (op.kind === 'delete') {
    const mesh = op.type === 'Mesh' ? undefined : op.mesh;
    return () => target.remove(of(op.type), mesh, op.name);
  }
  let resource: StoredResource;
  if (op.kind === 'mesh') {
    resource = {
      type: 'Mesh',
      name: op.name,
      ...(op.mtls
        ? { mtls: { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin' }] } }
        : {}),
    } as StoredResource;
  } else if (op.kind === 'gateway') {
    resource = {
      type: 'MeshGateway',
      mesh: op.mesh,
      name: op.name,
      selectors: [{ match: { 'kuma.io/service': op.name } }],
      conf: { listeners: [{ port: op.port, protocol: 'HTTP' }] },
    } as StoredResource;
  } else {
    resource = {
      type: 'Dataplane',
      mesh: op.mesh,
      name: op.name,
      networking: {
        address: '10.9.0.1',
        inbound: Array.from({ length: op.inbounds }, (_, i) => ({
          port: 9000 + i,
          tags: { 'kuma.io/service': `svc-${i}` },
        })),
      },
    } as StoredResource;
  }
  const type = of(resource.type);
  return () => target.write(type, resource, target.store.get(type.name, resource.mesh, op.name));
}

/** Everything a write or a tick can change, minus counters that only ever go up. */
function dump(target: World) {
  const store = target.store
    .types()
    .sort()
    .map((type) => [type, target.store.list(type)]);
  const proxies = [...target.proxies.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, proxy]) => {
      const { stamp: _s, stateStamp: _t, stateText: _x, ...rest } = proxy;
      return [key, rest];
    });
  return JSON.parse(
    JSON.stringify({ store, proxies, random: target.random, ticks: target.ticks }),
  ) as unknown;
}

const failing = async () => {
  throw new Error('disk full');
};

describe('planned writes', { timeout: 120_000 }, () => {
  it('applied, leave the world as the write itself does (fast-check, 100 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        const direct = world();
        const planned = world();
        for (const op of ops) {
          if (op.kind === 'tick') {
            direct.tick();
            planned.tick();
            continue;
          }
          writeOf(direct, op)();
          let persisted: readonly StoreChange[] = [];
          await commitWrite(
            planned,
            async (changes) => {
              persisted = changes;
            },
            writeOf(planned, op),
          );
          // What was persisted is what the store now holds.
          for (const change of persisted) {
            expect(planned.store.get(change.type, change.mesh, change.name)).toBe(change.after);
          }
        }
        expect(dump(planned)).toEqual(dump(direct));
      }),
      { numRuns: 100 },
    );
  });

  it('refused by persistence, leave the world as it was (fast-check, 100 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { maxLength: 6 }),
        opArb.filter((op): op is Exclude<Op, { kind: 'tick' }> => op.kind !== 'tick'),
        async (before, refusedOp) => {
          const control = world();
          const subject = world();
          for (const op of before) {
            for (const target of [control, subject]) {
              if (op.kind === 'tick') target.tick();
              else writeOf(target, op)();
            }
          }
          const run = writeOf(subject, refusedOp);
          const planned = planWrite(subject, run);
          if (planned.changes.length > 0) {
            await expect(commitWrite(subject, failing, run)).rejects.toThrow('disk full');
          }
          expect(dump(subject)).toEqual(dump(control));
          // Same random source: the next ticks move both worlds alike.
          control.tick();
          subject.tick();
          expect(dump(subject)).toEqual(dump(control));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('undoes a write that throws half-way', () => {
    const target = world();
    const before = dump(target);
    const gateway = resourceType(target.personality, 'MeshGateway');
    expect(() =>
      planWrite(target, () => {
        target.write(gateway, {
          type: 'MeshGateway',
          mesh: 'default',
          name: 'half',
        } as StoredResource);
        throw new Error('half-way');
      }),
    ).toThrow('half-way');
    expect(dump(target)).toEqual(before);
  });
});

describe('WriteLock', () => {
  it('runs work one at a time, in order, past a failure', async () => {
    const lock = new WriteLock();
    const events: string[] = [];
    const step = (name: string, fail = false) =>
      lock.run(async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a'), step('b', true), step('c')]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });
});
