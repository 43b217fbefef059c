/**
 * The structure of an expanded mesh (its dataplane list) is fetched as the mesh is expanded,
 * alongside its first aggregates, and refetched when the aggregates' signature changes. What the signature cannot see (an outbound edited, a dataplane replaced
 * by one of the same service, every count the same) is caught by this backstop: at most one
 * structure per STRUCTURE_BACKSTOP_MS for the whole screen, the oldest, once it is older than
 * that. A per-mesh interval would refetch every expanded mesh's list each period (about 1 MB per
 * 500 dataplanes: all of them at "expand all"); this way the backstop adds one mesh's list a
 * minute, however many meshes are expanded, and with N meshes expanded each is revalidated every
 * N minutes. The blind spot is narrow: new services and dataplanes change the signature, and on
 * Kubernetes outbounds follow services.
 *
 * A minute: for one expanded mesh, edits show within about that; statuses and counts do not
 * wait for it (they come from the aggregates on every refresh).
 */
export const STRUCTURE_BACKSTOP_MS = 60_000;

export interface StructureState {
  /** When its data arrived (0: none yet). */
  fetchedAt: number;
  fetching: boolean;
}

/**
 * The index of the structure to refetch now, or undefined: none while one is being fetched or
 * within `spacingMs` of the previous backstop; else the oldest older than `maxAgeMs`.
 */
export function structureDue(
  states: readonly StructureState[],
  now: number,
  lastBackstopAt: number,
  spacingMs: number,
  maxAgeMs: number = STRUCTURE_BACKSTOP_MS,
): number | undefined {
  if (now - lastBackstopAt < spacingMs) return undefined;
  if (states.some((state) => state.fetching)) return undefined;
  let due: number | undefined;
  states.forEach((state, index) => {
    if (state.fetchedAt === 0 || now - state.fetchedAt < maxAgeMs) return;
    if (due === undefined || state.fetchedAt < (states[due]?.fetchedAt ?? 0)) due = index;
  });
  return due;
}

/** What to do with a mesh's structure as its aggregates arrive: see `structureStep`. */
export type StructureStep = 'keep' | 'record' | 'refetch';

/**
 * `recorded`: the aggregates' signature the cached structure was taken to answer (kept with it,
 * so a mesh expanded again or a page visited again compares with what it was); `signature`: the
 * aggregates' now. A structure no signature was recorded for yet was fetched with or after these
 * aggregates (on expanding, or by a refetch): it answers them. A different signature later means
 * the structure changed. Nothing to judge before both are in.
 */
export function structureStep(
  recorded: string | undefined,
  signature: string | undefined,
  hasData: boolean,
): StructureStep {
  if (signature === undefined || !hasData) return 'keep';
  if (recorded === undefined) return 'record';
  return recorded === signature ? 'keep' : 'refetch';
}
