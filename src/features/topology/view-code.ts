import { prepareMermaid } from './mermaid-render';
import type { TopologyTab } from './topology-params';

// The canvas chunk (React Flow) loads only for the interactive tab, but as soon as the route is
// entered (its prefetch) or the page renders that tab, not once the data has arrived. It is not
// a `lazy` component: React holds a Suspense boundary's fallback for 300 ms once shown, and the
// canvas chunk is usually in before the data, so nothing should suspend. The mermaid tab never
// loads it.
export type CanvasModule = typeof import('./topology-canvas');
let canvasModule: Promise<CanvasModule> | undefined;
let loaded: CanvasModule | undefined;

export function loadCanvas(): Promise<CanvasModule> {
  canvasModule ??= import('./topology-canvas').then(
    (module) => {
      loaded = module;
      return module;
    },
    (error: unknown) => {
      canvasModule = undefined;
      throw error;
    },
  );
  return canvasModule;
}

/** The canvas module if it has loaded. */
export function canvasLoaded(): CanvasModule | undefined {
  return loaded;
}

let diagnosisModule: Promise<typeof import('../../diagnosis')> | undefined;

/**
 * The diagnosis rules, for badges on meshes drawn in full: loaded once, by the route's prefetch
 * as soon as the mesh list says a mesh will be drawn in full, or by the page on first need. Left
 * to the page, its five chunks were asked for only once the meshes' data had arrived, and the
 * first layout waited for them (0.1-0.15 s on a busy 2-core machine).
 */
export function loadDiagnosis(): Promise<typeof import('../../diagnosis')> {
  diagnosisModule ??= import('../../diagnosis').catch((error: unknown) => {
    diagnosisModule = undefined;
    throw error;
  });
  return diagnosisModule;
}

/**
 * The code of the tab shown, loaded while the page waits for its data, not once the view mounts
 * with it: mermaid also warms up ("Only mesh-X" clicked as the meshes showed waited for the
 * warm-up at 100 meshes).
 */
export function loadViewCode(tab: TopologyTab): void {
  if (tab === 'interactive') loadCanvas().catch(() => undefined);
  else prepareMermaid();
}
