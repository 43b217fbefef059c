/**
 * The embedded demo control plane's thread: `server/demo-backend.ts` starts it in a Worker so its
 * ticks (seconds of simulation at 50,000 dataplanes) never hold up the dashboard's own files.
 * Requests and responses cross as messages with their bodies transferred, not copied.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { StateFileError } from '../demo-cp/src/persistence';
import { type RunningDemo, startDemo } from '../demo-cp/src/start';
import type {
  DemoRequestMessage,
  DemoWorkerData,
  FromDemoWorker,
  ToDemoWorker,
} from './demo-protocol';

function send(message: FromDemoWorker, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

async function answer(demo: RunningDemo, message: DemoRequestMessage): Promise<void> {
  try {
    const hasBody =
      message.body !== undefined && message.method !== 'GET' && message.method !== 'HEAD';
    const request = new Request(message.url, {
      method: message.method,
      headers: message.headers,
      ...(hasBody ? { body: message.body } : {}),
    });
    const response = await demo.fetch(request);
    const body = await response.arrayBuffer();
    send(
      {
        type: 'response',
        id: message.id,
        status: response.status,
        headers: [...response.headers],
        body,
      },
      [body],
    );
  } catch (error) {
    send({ type: 'response-failed', id: message.id, message: (error as Error).message });
  }
}

/**
 * The simulation is background work: on a busy machine the server's thread (index.html, the
 * forwarding of every answer) goes first. Linux sets a nice value per thread; elsewhere it would
 * be the whole process's, so it is left alone. Measured at 50,000 dataplanes under a client's
 * load (`bench/demo-cp-large.ts`, three alternating runs each): index.html median 12-13 ms
 * against 18-22, the API's medians the same or lower. V8's platform threads, which collect the
 * demo's garbage beside it, stay the process's: `server/node-flags.ts` keeps one of them.
 */
const DEMO_THREAD_NICE = 10;

function yieldToTheServer(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(DEMO_THREAD_NICE);
  } catch {
    // Not allowed here: the demo runs at the server's priority, as before.
  }
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('demo-worker.ts runs in a worker thread');
  yieldToTheServer();
  const { options } = workerData as DemoWorkerData;
  let demo: RunningDemo;
  try {
    demo = await startDemo(options);
  } catch (error) {
    send({
      type: 'failed',
      stateFile: error instanceof StateFileError,
      message: (error as Error).message,
    });
    return;
  }
  const inFlight = new Set<Promise<void>>();
  port.on('message', (message: ToDemoWorker) => {
    if (message.type === 'request') {
      const done = answer(demo, message).finally(() => inFlight.delete(done));
      inFlight.add(done);
      return;
    }
    // Stop: no more ticks, let the answers in flight (a write being persisted) finish, then let
    // the thread end on its own.
    demo.stop();
    void Promise.allSettled([...inFlight]).then(() => port.close());
  });
  send({ type: 'ready', restoredWrites: demo.restoredWrites });
  void demo.firstTick.then(() => send({ type: 'first-tick-done' }));
}

void main();
