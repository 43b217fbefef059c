import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_OPTIONS, type DemoOptions } from './options';
import { StateFileError, StatePersistence, tempPathOf } from './persistence';
import { loadScenario } from './scenarios';
import { type RunningDemo, startDemo } from './start';
import { World } from './world';

const gateway = {
  type: 'MeshGateway',
  mesh: 'default',
  name: 'kept-gateway',
  selectors: [{ match: { 'kuma.io/service': 'kept-gateway' } }],
  conf: { listeners: [{ port: 8088, protocol: 'HTTP' }] },
};

async function options(statePath: string, kumaVersion = '2.14.3'): Promise<DemoOptions> {
  return { ...DEFAULT_OPTIONS, scenario: 'mixed', statePath, startTime: 0, kumaVersion };
}

const dataplane = {
  type: 'Dataplane',
  mesh: 'default',
  name: 'kept-dp',
  networking: {
    address: '10.1.9.9',
    gateway: { tags: { 'kuma.io/service': 'kong' } },
    outbound: [{ port: 10001, tags: { 'kuma.io/service': 'frontend' } }],
  },
};

function call(method: string, path: string): Request {
  return new Request(`http://cp.test${path}`, { method });
}

/** Every stored resource, as the store holds it (what a restart must bring back exactly). */
function storeDump(world: World) {
  return JSON.parse(
    JSON.stringify(
      world.store
        .types()
        .sort()
        .map((type) => [type, world.store.list(type)]),
    ),
  ) as unknown;
}

function put(path: string, body: unknown): Request {
  return new Request(`http://cp.test${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function tempState(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'demo-cp-state-')), 'state.json');
}

describe('--state FILE', () => {
  it('keeps created, updated and deleted resources across a restart', async () => {
    const statePath = await tempState();
    const first = await startDemo(await options(statePath), { ticking: false });
    expect(
      (await first.fetch(put('/meshes/default/meshgateways/kept-gateway', gateway))).status,
    ).toBe(201);
    const updated = { ...gateway, tags: { team: 'edge' } };
    expect(
      (await first.fetch(put('/meshes/default/meshgateways/kept-gateway', updated))).status,
    ).toBe(200);
    const removed = await first.fetch(
      new Request('http://cp.test/meshes/default/meshhttproutes/edge-routes', { method: 'DELETE' }),
    );
    expect(removed.status).toBe(200);
    // The write is on disk before the response: the file already holds it.
    const onDisk = JSON.parse(await readFile(statePath, 'utf8'));
    expect(onDisk.entries).toHaveLength(2);
    first.stop();

    const second = await startDemo(await options(statePath), { ticking: false });
    expect(second.restoredWrites).toBe(2);
    const kept = await second.fetch(
      new Request('http://cp.test/meshes/default/meshgateways/kept-gateway'),
    );
    expect(kept.status).toBe(200);
    expect((await kept.json()).tags).toEqual({ team: 'edge' });
    const gone = await second.fetch(
      new Request('http://cp.test/meshes/default/meshhttproutes/edge-routes'),
    );
    expect(gone.status).toBe(404);
    second.stop();
  });

  it('empties the journal on /_demo/reset', async () => {
    const statePath = await tempState();
    const demo = await startDemo(await options(statePath), { ticking: false });
    await demo.fetch(put('/meshes/default/meshgateways/kept-gateway', gateway));
    await demo.fetch(new Request('http://cp.test/_demo/reset', { method: 'POST' }));
    expect(JSON.parse(await readFile(statePath, 'utf8')).entries).toEqual([]);
    demo.stop();
  });

  it.each([
    ['not JSON', '{"format": "kuma-demo-cp-state/v1", "entr'],
    ['another format', '{"format": "something-else", "scenario": "mixed", "entries": []}'],
    [
      'entries of the wrong shape',
      '{"format": "kuma-demo-cp-state/v1", "scenario": "mixed", "entries": [{"type": 3}]}',
    ],
  ])('refuses to start on a corrupt file (%s) and leaves it untouched', async (_case, content) => {
    const statePath = await tempState();
    await writeFile(statePath, content);
    await expect(startDemo(await options(statePath), { ticking: false })).rejects.toThrow(
      StateFileError,
    );
    expect(await readFile(statePath, 'utf8')).toBe(content);
  });

  it('refuses a file written on another scenario', async () => {
    const statePath = await tempState();
    await writeFile(
      statePath,
      JSON.stringify({ format: 'kuma-demo-cp-state/v1', scenario: 'large', entries: [] }),
    );
    await expect(startDemo(await options(statePath), { ticking: false })).rejects.toThrow(
      /scenario "large"/,
    );
  });

  it('starts empty when the file does not exist yet', async () => {
    const demo = await startDemo(await options(await tempState()), { ticking: false });
    expect(demo.restoredWrites).toBe(0);
    demo.stop();
  });
});

describe('--state FILE: a write is kept and acknowledged, or refused and not applied', () => {
  const demos: RunningDemo[] = [];
  afterEach(() => {
    for (const demo of demos.splice(0)) demo.stop();
    vi.restoreAllMocks();
  });
  const start = async (statePath: string, kumaVersion?: string) => {
    const demo = await startDemo(await options(statePath, kumaVersion), { ticking: false });
    demos.push(demo);
    return demo;
  };

  /** Writes fail for real: a directory (not empty) where the file is renamed to. */
  async function breakDisk(statePath: string): Promise<() => Promise<void>> {
    await rename(statePath, `${statePath}.aside`).catch(() => {});
    await mkdir(statePath);
    await writeFile(join(statePath, 'occupied'), 'x');
    return async () => {
      await rm(statePath, { recursive: true });
      await rename(`${statePath}.aside`, statePath).catch(() => {});
    };
  }

  it('answers 500 to writes the state file refused, and applies none of them', async () => {
    const statePath = await tempState();
    const demo = await start(statePath);
    const path = '/meshes/default/meshgateways/kept-gateway';
    expect((await demo.fetch(put(path, gateway))).status).toBe(201);
    const before = storeDump(demo.world);
    const proxiesBefore = [...demo.world.proxies.keys()];
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const repair = await breakDisk(statePath);

    const update = await demo.fetch(put(path, { ...gateway, tags: { team: 'edge' } }));
    expect(update.status).toBe(500);
    expect(await update.json()).toMatchObject({
      title: 'Could not update a resource',
      detail: 'Internal Server Error',
    });
    expect((await demo.fetch(call('DELETE', path))).status).toBe(500);
    const created = await demo.fetch(put('/meshes/default/dataplanes/kept-dp', dataplane));
    expect(created.status).toBe(500);
    expect((await created.json()).title).toBe('Could not create a resource');
    expect(
      (await demo.fetch(put('/meshes/kept-mesh', { type: 'Mesh', name: 'kept-mesh' }))).status,
    ).toBe(500);
    expect(
      (await demo.fetch(call('DELETE', '/meshes/default/meshhttproutes/edge-routes'))).status,
    ).toBe(500);
    const reset = await demo.fetch(call('POST', '/_demo/reset'));
    expect(reset.status).toBe(500);
    expect((await reset.json()).detail).toMatch(/not applied/);

    // Nothing moved: the gateway as first written, no dataplane or proxy, no mesh, route kept.
    const kept = await demo.fetch(call('GET', path));
    expect(kept.status).toBe(200);
    expect((await kept.json()).tags).toBeUndefined();
    expect((await demo.fetch(call('GET', '/meshes/default/dataplanes/kept-dp'))).status).toBe(404);
    expect((await demo.fetch(call('GET', '/meshes/kept-mesh'))).status).toBe(404);
    expect(storeDump(demo.world)).toEqual(before);
    expect([...demo.world.proxies.keys()]).toEqual(proxiesBefore);
    expect(logged).toHaveBeenCalled();

    // The disk back, the next write is kept, and a restart has exactly the acknowledged ones.
    await repair();
    expect((await demo.fetch(put(path, { ...gateway, tags: { team: 'later' } }))).status).toBe(200);
    const restarted = await start(statePath);
    expect(restarted.restoredWrites).toBe(1);
    expect(storeDump(restarted.world)).toEqual(storeDump(demo.world));
  });

  it.each(['2.14.3', '2.6.15'])(
    "brings back exactly what was answered, a new mesh's defaults too (Kuma %s)",
    async (kumaVersion) => {
      const statePath = await tempState();
      const first = await start(statePath, kumaVersion);
      const writes: [Request, number][] = [
        [put('/meshes/kept-mesh', { type: 'Mesh', name: 'kept-mesh' }), 201],
        [put('/meshes/default/meshgateways/kept-gateway', gateway), 201],
        [put('/meshes/default/dataplanes/kept-dp', dataplane), 201],
        [call('DELETE', '/meshes/default/meshhttproutes/edge-routes'), 200],
      ];
      for (const [request, status] of writes)
        expect((await first.fetch(request)).status).toBe(status);
      // kuma-cp creates a new mesh's default policies; the file must hold them too.
      expect(first.world.store.list('MeshTimeout', 'kept-mesh').length).toBeGreaterThan(0);
      const second = await start(statePath, kumaVersion);
      expect(storeDump(second.world)).toEqual(storeDump(first.world));
      expect(second.world.proxies.has('default/kept-dp')).toBe(true);
    },
  );

  it('keeps every one of many concurrent writes, in a file that is never torn', async () => {
    const statePath = await tempState();
    const demo = await start(statePath);
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const name = `gw-${i % 10}`;
        return demo.fetch(
          put(`/meshes/default/meshgateways/${name}`, {
            ...gateway,
            name,
            selectors: [{ match: { 'kuma.io/service': name } }],
            tags: { round: String(Math.floor(i / 10)) },
          }),
        );
      }),
    );
    // One at a time in arrival order: the first of each name creates it, the others update it.
    expect(replies.map((reply) => reply.status)).toEqual([
      ...Array(10).fill(201),
      ...Array(20).fill(200),
    ]);
    const onDisk = JSON.parse(await readFile(statePath, 'utf8'));
    expect(onDisk.entries).toHaveLength(10);
    for (const entry of onDisk.entries) expect(entry.resource.tags).toEqual({ round: '2' });
    const restarted = await start(statePath);
    expect(storeDump(restarted.world)).toEqual(storeDump(demo.world));
  });

  it('ignores a temp file a crash left between write and rename', async () => {
    const statePath = await tempState();
    const first = await start(statePath);
    expect(
      (await first.fetch(put('/meshes/default/meshgateways/kept-gateway', gateway))).status,
    ).toBe(201);
    // A torn write of a later state, by this process id and by another one.
    await writeFile(tempPathOf(statePath), '{"format": "kuma-demo-cp-state/v1", "entr');
    await writeFile(join(statePath, '..', '.state.json.999999.tmp'), 'garbage');
    const second = await start(statePath);
    expect(second.restoredWrites).toBe(1);
    expect(storeDump(second.world)).toEqual(storeDump(first.world));
    // And the next write goes through the same temp path.
    expect(
      (await second.fetch(call('DELETE', '/meshes/default/meshgateways/kept-gateway'))).status,
    ).toBe(200);
    expect(JSON.parse(await readFile(statePath, 'utf8')).entries[0].resource).toBeNull();
  });
});

describe('--state FILE with bad entries stops start-up, naming the file and the entry', () => {
  let stored: Record<string, unknown>;
  beforeAll(async () => {
    const statePath = await tempState();
    const demo = await startDemo(await options(statePath), { ticking: false });
    await demo.fetch(put('/meshes/default/meshgateways/kept-gateway', gateway));
    demo.stop();
    stored = JSON.parse(await readFile(statePath, 'utf8')).entries[0].resource;
  });
  const entry = (resource: unknown, meta: Record<string, unknown> = {}) => ({
    type: 'MeshGateway',
    mesh: 'default',
    name: 'kept-gateway',
    resource,
    ...meta,
  });
  const file = (entries: unknown) =>
    JSON.stringify({ format: 'kuma-demo-cp-state/v1', scenario: 'mixed', entries });

  const cases: [string, () => unknown, RegExp][] = [
    ['an entry that is not an object', () => [entry(stored), 3], /entry 1 is not an object/],
    ['no type', () => [{ name: 'x', resource: null }], /entry 0 \(\? x\) has no type/],
    [
      'a type this Kuma does not know',
      () => [entry(null, { type: 'Gateway' })],
      /entry 0 \(Gateway default\/kept-gateway\) has a type Kuma 2\.14\.3 does not know/,
    ],
    [
      'no mesh for a mesh-scoped type',
      () => [entry(null, { mesh: undefined })],
      /entry 0 \(MeshGateway kept-gateway\) has no mesh/,
    ],
    [
      'a mesh for a global type',
      () => [{ type: 'Mesh', mesh: 'default', name: 'm', resource: null }],
      /entry 0 \(Mesh default\/m\) has a mesh/,
    ],
    [
      'no resource',
      () => [entry(undefined)],
      /entry 0 \(MeshGateway default\/kept-gateway\) has a resource that is neither/,
    ],
    [
      'the same resource twice',
      () => [entry(stored), entry(null)],
      /entry 1 \(MeshGateway default\/kept-gateway\) is the same resource as entry 0/,
    ],
    [
      'a resource of another type',
      () => [entry({ ...stored, type: 'MeshHTTPRoute' })],
      /entry 0 \(MeshGateway default\/kept-gateway\) is not valid: its resource has type "MeshHTTPRoute"/,
    ],
    [
      'a resource that fails validation',
      () => [
        entry(stored),
        entry({ ...stored, name: 'bad', conf: { listeners: [] } }, { name: 'bad' }),
      ],
      /entry 1 \(MeshGateway default\/bad\) is not valid: .*conf\.listeners/,
    ],
    [
      'a Dataplane without networking (was a raw TypeError)',
      () => [
        {
          type: 'Dataplane',
          mesh: 'default',
          name: 'dp',
          resource: {
            ...dataplane,
            name: 'dp',
            networking: undefined,
            creationTime: stored.creationTime,
            modificationTime: stored.modificationTime,
          },
        },
      ],
      /entry 0 \(Dataplane default\/dp\) is not valid/,
    ],
    [
      'no times',
      () => [entry({ ...stored, creationTime: 'yesterday' })],
      /entry 0 \(MeshGateway default\/kept-gateway\) is not valid: creationTime is not a time/,
    ],
    [
      'a mesh that is not there',
      () => [entry({ ...stored, mesh: 'nowhere', labels: undefined }, { mesh: 'nowhere' })],
      /entry 0 \(MeshGateway nowhere\/kept-gateway\) is in a mesh that does not exist/,
    ],
  ];

  it.each(cases)('%s', async (_case, entries, message) => {
    const statePath = await tempState();
    const content = file(entries());
    await writeFile(statePath, content);
    const failure = startDemo(await options(statePath), { ticking: false });
    await expect(failure).rejects.toThrow(StateFileError);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toThrow(statePath);
    expect(await readFile(statePath, 'utf8')).toBe(content);
  });

  it('loads nothing of a file with one bad entry after good ones', async () => {
    const statePath = await tempState();
    const good = { ...stored, name: 'good', selectors: [{ match: { 'kuma.io/service': 'good' } }] };
    await writeFile(
      statePath,
      file([
        entry(good, { name: 'good' }),
        { type: 'MeshHTTPRoute', mesh: 'default', name: 'edge-routes', resource: null },
        entry({ ...stored, conf: { listeners: [] } }),
      ]),
    );
    const world = new World(await options(statePath));
    loadScenario(world, 'mixed');
    const before = storeDump(world);
    await expect(new StatePersistence(statePath, world).load()).rejects.toThrow(/entry 2/);
    expect(storeDump(world)).toEqual(before);
  });
});
