import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, type DemoOptions } from './options';
import { StateFileError } from './persistence';
import { startDemo } from './start';

const gateway = {
  type: 'MeshGateway',
  mesh: 'default',
  name: 'kept-gateway',
  selectors: [{ match: { 'kuma.io/service': 'kept-gateway' } }],
  conf: { listeners: [{ port: 8088, protocol: 'HTTP' }] },
};

async function options(statePath: string): Promise<DemoOptions> {
  return { ...DEFAULT_OPTIONS, scenario: 'mixed', statePath, startTime: 0 };
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
