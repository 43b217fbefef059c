/**
 * Semantic zoom: what a node shows at the canvas's zoom, so that no text is drawn smaller than
 * READABLE_PX on screen. Less detail instead of smaller text:
 *
 * - `full` (zoom ≥ 1): everything (the smallest text in a node is 11 px).
 * - `names` (zoom ≥ NAMES_ZOOM): each node its name only (no listeners, captions, counts,
 *   tags, rate labels), drawn at COUNTER_SCALED_PX on screen whatever the zoom (`--topo-zoom`).
 * - `boxes`: boxes and their colours; only meshes keep their name, above everything.
 */
export type ZoomLevel = 'full' | 'names' | 'boxes';

/** The smallest text a user should have to read, in CSS pixels on screen. */
export const READABLE_PX = 11;

/** The smallest font in a node at zoom 1 (listeners, captions, tags): `full` needs zoom ≥ 1. */
export const SMALLEST_NODE_FONT_PX = 11;

/**
 * Below this, a service box (46 px high) is under 14 px on screen: its name no longer fits.
 */
export const NAMES_ZOOM = 0.3;

export function zoomLevel(zoom: number): ZoomLevel {
  if (zoom * SMALLEST_NODE_FONT_PX >= READABLE_PX) return 'full';
  if (zoom >= NAMES_ZOOM) return 'names';
  return 'boxes';
}

/**
 * Steps of `--topo-zoom` per doubling of the zoom: quarter steps (about 19%). Each change
 * restyles every node; at 1,235 nodes (Expand all at 50k) eighth steps kept the p95 frame on the
 * 33 ms line while zooming.
 */
const STEPS_PER_OCTAVE = 4;

/**
 * Where a step begins, in steps: a zoom takes the step a quarter of a step above it or below,
 * so the stepped zoom is between 2^(-3/16) (0.88) and 2^(1/16) (1.044) times the zoom.
 */
const STEP_BIAS = 0.25;

/**
 * Counter-scaled text: COUNTER_SCALED_PX / `--topo-zoom` in CSS, so READABLE_PX or a little
 * more on screen: the stepped zoom is at most 4.4% above the zoom, so 11.5 px stays ≥ 11 px
 * (and at most 13.1 px, where it is 12% below).
 */
export const COUNTER_SCALED_PX = 11.5;

/**
 * The zoom as the canvas writes it for CSS (`--topo-zoom`): in quarter steps of a power of two,
 * so it changes a few times per gesture rather than every frame (each change restyles every
 * node).
 */
export function zoomStep(zoom: number): number {
  return Math.floor(Math.log2(zoom) * STEPS_PER_OCTAVE + STEP_BIAS);
}

export function steppedZoom(step: number): number {
  return 2 ** (step / STEPS_PER_OCTAVE);
}
