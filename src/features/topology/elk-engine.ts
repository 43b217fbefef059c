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
