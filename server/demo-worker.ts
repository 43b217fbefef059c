/**
 * The embedded demo control plane's thread: `server/demo-backend.ts` starts it in a Worker so its
 * ticks (seconds of simulation at 50,000 dataplanes) never hold up the dashboard's own files.
 * Requests and responses cross as messages with their bodies transferred, not copied.
 */
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

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('demo-worker.ts runs in a worker thread');
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
