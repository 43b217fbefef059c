import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOWN_HEADER } from '../demo-cp/src/app';
import { MAX_API_BODY_BYTES } from '../demo-cp/src/http';
import { DEFAULT_OPTIONS, type DemoOptions } from '../demo-cp/src/options';
import { StateFileError } from '../demo-cp/src/persistence';
import { startDemo } from '../demo-cp/src/start';
import { type DemoWorker, startDemoWorker } from './demo-backend';

// No timer tick during a test: both demos stay at the start-up tick.
const OPTIONS: DemoOptions = { ...DEFAULT_OPTIONS, startTime: 0, tickMs: 3_600_000 };

const running: DemoWorker[] = [];
afterEach(() => {
  for (const demo of running.splice(0)) demo.stop();
});

async function worker(options: DemoOptions = OPTIONS): Promise<DemoWorker> {
  const demo = await startDemoWorker(options);
  running.push(demo);
  return demo;
}

const request = (path: string, init?: RequestInit) =>
  new Request(`http://demo-cp.local${path}`, init);

describe('the demo control plane in a worker thread', { timeout: 30_000 }, () => {
  it.each([
    '/meshes',
    '/mesh-insights',
    '/meshes/default/dataplanes/_overview?size=5',
    '/meshes/default/service-insights',
    '/no-such-path',
  ])('answers %s as the demo in this thread does', async (path) => {
    const inThread = await startDemo(OPTIONS, { ticking: false });
    const inWorker = await worker();
    const [expected, actual] = await Promise.all([
      inThread.fetch(request(path)),
      inWorker.fetch(request(path)),
    ]);
    expect(actual.status).toBe(expected.status);
    expect(actual.headers.get('content-type')).toBe(expected.headers.get('content-type'));
    expect(await actual.text()).toBe(await expected.text());
  });

  it('takes request bodies: a write, then the resource as written', async () => {
    const demo = await worker();
    const gateway = {
      type: 'MeshGateway',
      mesh: 'default',
      name: 'from-a-test',
      selectors: [{ match: { 'kuma.io/service': 'from-a-test' } }],
      conf: { listeners: [{ port: 8099, protocol: 'HTTP' }] },
    };
    const written = await demo.fetch(
      request('/meshes/default/meshgateways/from-a-test', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(gateway),
      }),
    );
    expect(written.status).toBe(201);
    const read = await demo.fetch(request('/meshes/default/meshgateways/from-a-test'));
    expect(((await read.json()) as { conf: unknown }).conf).toEqual(gateway.conf);
  });

  it('refuses a huge streamed body with 413 before reading it whole, then still answers', async () => {
    const demo = await worker();
    const chunk = 64 * 1024;
    let pulled = 0;
    // 200 MB made as it is read: what the worker front end buffers is what gets pulled.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 200 * 1024 * 1024) return controller.close();
        pulled += chunk;
        controller.enqueue(new Uint8Array(chunk).fill(0x20));
      },
    });
    const refused = await demo.fetch(
      request('/meshes/default/meshgateways/huge', {
        method: 'PUT',
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { detail: string }).detail).toContain(
      `(${MAX_API_BODY_BYTES} bytes)`,
    );
    expect(pulled).toBeLessThanOrEqual(MAX_API_BODY_BYTES + 2 * chunk);
    expect((await demo.fetch(request('/meshes'))).status).toBe(200);
  });

  it('keeps the down marker the server turns into its 502', async () => {
    const demo = await worker();
    const faults = await demo.fetch(
      request('/_demo/faults', { method: 'PUT', body: JSON.stringify({ down: true }) }),
    );
    expect(faults.status).toBe(200);
    const down = await demo.fetch(request('/meshes'));
    expect(down.headers.get(DOWN_HEADER)).toBe('down');
  });

  it('reports a state file it cannot read as StateFileError, with its message', async () => {
    const statePath = join(await mkdtemp(join(tmpdir(), 'demo-worker-')), 'state.json');
    await writeFile(statePath, '{ not json');
    const options = { ...OPTIONS, statePath };
    const inThread = await startDemo(options, { ticking: false }).catch((error: unknown) => error);
    const inWorker = await startDemoWorker(options).catch((error: unknown) => error);
    expect(inThread).toBeInstanceOf(StateFileError);
    expect(inWorker).toBeInstanceOf(StateFileError);
    expect((inWorker as Error).message).toBe((inThread as Error).message);
  });

  it('once stopped, answers as a control plane that is not there', async () => {
    const demo = await startDemoWorker(OPTIONS);
    demo.stop();
    const response = await demo.fetch(request('/meshes'));
    expect(response.headers.get(DOWN_HEADER)).toBe('down');
  });
});

/** The nice value of each thread of this process (Linux: one /proc entry per thread). */
async function threadNiceValues(): Promise<number[]> {
  const tasks = await readdir('/proc/self/task');
  const stats = await Promise.all(
    tasks.map((task) => readFile(`/proc/self/task/${task}/stat`, 'utf8').catch(() => '')),
  );
  // Fields after the parenthesised command name; the nice value is the 19th field in all.
  return stats
    .filter(Boolean)
    .map((stat) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
}

describe('the demo thread yields to the server', { timeout: 30_000 }, () => {
  it.runIf(process.platform === 'linux')(
    'runs at nice 10, the server thread as it was',
    async () => {
      const niced = async () => (await threadNiceValues()).filter((nice) => nice === 10).length;
      // The workers of the tests before end on their own once stopped.
      await vi.waitFor(async () => expect(await niced()).toBe(0), { timeout: 10_000 });
      await worker();
      expect(await niced()).toBe(1);
      expect(getPriority()).toBe(0);
    },
  );
});
