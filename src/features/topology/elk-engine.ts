import ELK, { type ELK as ElkApi } from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { ElkEngine } from '../../topology/layout';

let elk: ElkApi | undefined;

/**
 * elkjs in a Web Worker: layout never blocks the page, and the 1.5 MB engine loads only when the
 * interactive view first lays something out. One worker, reused for every layout.
 */
export const workerElkEngine: ElkEngine = {
  layout(graph) {
    elk ??= new ELK({ workerUrl: elkWorkerUrl });
    return elk.layout(graph);
  },
};

/**
 * Starts the worker and lets ELK warm up on a one-node graph while the API requests are in
 * flight: the first real layout then skips loading and compiling the engine (~200 ms).
 */
export function warmUpElk(): void {
  if (typeof Worker === 'undefined') return;
  try {
    void workerElkEngine
      .layout({ id: 'warm-up', children: [{ id: 'n', width: 1, height: 1 }] })
      .catch(() => {});
  } catch {
    // A browser that refuses the worker fails the real layout too, with a visible error there.
  }
}
