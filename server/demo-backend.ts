/**
 * The embedded demo control plane in a worker thread. `npm start`'s event loop then only serves
 * the SPA's files and forwards `/api/*`: a tick of the large scenario runs beside it, never in
 * front of index.html. To the server it is a `fetch` like any other backend.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DOWN_HEADER } from '../demo-cp/src/app';
import { kumaError } from '../demo-cp/src/errors';
import {
  BodyTooLargeError,
  MAX_API_BODY_BYTES,
  MAX_DEMO_BODY_BYTES,
  readLimitedBody,
} from '../demo-cp/src/http';
import type { DemoOptions } from '../demo-cp/src/options';
import { StateFileError } from '../demo-cp/src/persistence';
import type { DemoWorkerData, FromDemoWorker, ToDemoWorker } from './demo-protocol';

export interface DemoWorker {
  fetch: (request: Request) => Promise<Response>;
  /** Stops the ticks; the thread ends once the answers in flight are sent. */
  stop: () => void;
  restoredWrites: number;
  /** Settles when the demo's first tick has run (see `RunningDemo.firstTick`). */
  firstTick: Promise<void>;
}

/** How long a stopped worker may take to finish its answers before it is terminated. */
const STOP_GRACE_MS = 5000;

/**
 * tsx's ESM hooks for the worker: hooks registered on the main thread do not reach workers, and
 * the demo's sources are TypeScript.
 */
function tsxApiUrl(): string {
  const resolve = (import.meta as { resolve?: (specifier: string) => string }).resolve;
  if (typeof resolve === 'function') return resolve('tsx/esm/api');
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return new URL('dist/esm/api/index.mjs', pathToFileURL(packageJson)).href;
}

/** Loads the TypeScript entry once tsx is registered in the worker. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then((tsx) => { tsx.register(); return import(workerData.entry); })
  .catch((error) => { setImmediate(() => { throw error; }); });
`;

/** What the demo answers once its thread is gone: the server turns it into its 502. */
function unreachable(): Response {
  return new Response('demo control plane is not running', {
    status: 503,
    headers: { [DOWN_HEADER]: 'down' },
  });
}

const NO_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function startDemoWorker(options: DemoOptions): Promise<DemoWorker> {
  const data: DemoWorkerData & { tsxApi: string; entry: string } = {
    options,
    tsxApi: tsxApiUrl(),
    entry: new URL('./demo-worker.ts', import.meta.url).href,
  };
  // V8 flags (`SERVER_NODE_FLAGS`) are the process's; the worker takes no other options.
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: data, execArgv: [] });
  const pending = new Map<number, { resolve: (response: Response) => void }>();
  let nextId = 1;
  let running = true;
  let firstTickDone = () => {};
  const firstTick = new Promise<void>((resolve) => {
    firstTickDone = resolve;
  });

  const settleAll = () => {
    running = false;
    for (const { resolve } of pending.values()) resolve(unreachable());
    pending.clear();
  };

  return new Promise((resolveStart, rejectStart) => {
    let started = false;
    worker.on('message', (message: FromDemoWorker) => {
      if (message.type === 'ready') {
        started = true;
        resolveStart({ fetch, stop, restoredWrites: message.restoredWrites, firstTick });
      } else if (message.type === 'first-tick-done') {
        firstTickDone();
      } else if (message.type === 'failed') {
        running = false;
        rejectStart(
          message.stateFile ? new StateFileError(message.message) : new Error(message.message),
        );
        void worker.terminate();
      } else if (message.type === 'response') {
        const entry = pending.get(message.id);
        pending.delete(message.id);
        const empty = message.body.byteLength === 0 || NO_BODY_STATUSES.has(message.status);
        entry?.resolve(
          new Response(empty ? null : message.body, {
            status: message.status,
            headers: message.headers,
          }),
        );
      } else {
        const entry = pending.get(message.id);
        pending.delete(message.id);
        entry?.resolve(
          new Response(
            JSON.stringify({
              status: 500,
              title: 'Internal Server Error',
              detail: message.message,
            }),
            {
              status: 500,
              headers: { 'content-type': 'application/json' },
            },
          ),
        );
      }
    });
    worker.on('error', (error) => {
      settleAll();
      if (!started) rejectStart(error);
      else console.error('demo-cp worker failed:', error);
    });
    worker.on('exit', (code) => {
      settleAll();
      if (!started) rejectStart(new Error(`the demo control plane's worker exited (${code})`));
    });

    async function fetch(request: Request): Promise<Response> {
      if (!running) return unreachable();
      let body: ArrayBuffer | undefined;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const demoControl = new URL(request.url).pathname.startsWith('/_demo/');
        try {
          // Streamed up to the route's limit, so a huge body is refused here, not buffered
          // whole first to be refused in the worker.
          const limit = demoControl ? MAX_DEMO_BODY_BYTES : MAX_API_BODY_BYTES;
          body = new Uint8Array(await readLimitedBody(request, limit)).buffer;
        } catch (error) {
          if (!(error instanceof BodyTooLargeError)) throw error;
          const title = demoControl ? 'Demo control' : 'Request Entity Too Large';
          return new Response(JSON.stringify(kumaError(413, title, error.message)), {
            status: 413,
            headers: { 'content-type': 'application/json' },
          });
        }
      }
      const id = nextId++;
      const message: ToDemoWorker = {
        type: 'request',
        id,
        method: request.method,
        url: request.url,
        headers: [...request.headers],
        ...(body ? { body } : {}),
      };
      return new Promise<Response>((resolve) => {
        pending.set(id, { resolve });
        worker.postMessage(message, body ? [body] : []);
      });
    }

    function stop(): void {
      if (!running) return;
      running = false;
      worker.postMessage({ type: 'stop' } satisfies ToDemoWorker);
      // A stopped demo must not keep the process alive.
      worker.unref();
      setTimeout(() => void worker.terminate(), STOP_GRACE_MS).unref();
    }
  });
}
