import { prepareMermaid } from './mermaid-render';
import type { TopologyTab } from './topology-params';

// The canvas chunk (React Flow) loads only for the interactive tab, but as soon as the route is
// entered (its prefetch) or the page renders that tab, not once the data has arrived. It is not
// a `lazy` component: React holds a Suspense boundary's fallback for 300 ms once shown, and the
// canvas chunk is usually in before the data, so nothing should suspend. The mermaid tab never
// loads it.
export type CanvasModule = typeof import('./topology-canvas');
let loaded: CanvasModule | undefined;

/** `load` run once: every caller gets its promise, and a failed one is tried again next time. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => {
    promise ??= load().catch((error: unknown) => {
      promise = undefined;
      throw error;
    });
    return promise;
  };
}

export const loadCanvas = once(async (): Promise<CanvasModule> => {
  loaded = await import('./topology-canvas');
  return loaded;
});

/** The canvas module if it has loaded. */
export function canvasLoaded(): CanvasModule | undefined {
  return loaded;
}

/**
 * The diagnosis rules, for badges on meshes drawn in full: loaded once, by the route's prefetch
 * as soon as the mesh list says a mesh will be drawn in full, or by the page on first need. Left
 * to the page, its five chunks were asked for only once the meshes' data had arrived, and the
 * first layout waited for them (0.1-0.15 s on a busy 2-core machine).
 */
export const loadDiagnosis = once(() => import('../../diagnosis'));

/**
 * The code of the tab shown, loaded while the page waits for its data, not once the view mounts
 * with it: mermaid also warms up ("Only mesh-X" clicked as the meshes showed waited for the
 * warm-up at 100 meshes).
 */
export function loadViewCode(tab: TopologyTab): void {
  if (tab === 'interactive') loadCanvas().catch(() => undefined);
  else prepareMermaid();
}
