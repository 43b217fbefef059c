/** Above this many drawn nodes the minimap starts shown (a small graph fits the screen). */
const SHOWN_ABOVE_NODES = 60;

/**
 * Up to this many the minimap starts shown. React Flow's minimap draws every node again on each
 * viewport change: at 1,235 nodes (every mesh expanded at 50,000 dataplanes) it took the p95
 * frame while panning from 33 to 83–117 ms, so there it starts hidden (the control shows it).
 */
const SHOWN_UP_TO_NODES = 500;

/** Whether the minimap starts shown for a graph of `drawnNodes` nodes (the user's choice wins). */
export function minimapByDefault(drawnNodes: number): boolean {
  return drawnNodes > SHOWN_ABOVE_NODES && drawnNodes <= SHOWN_UP_TO_NODES;
}
