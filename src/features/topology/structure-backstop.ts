/**
 * The structure of an expanded mesh (its dataplane list) is refetched when the aggregates'
 * signature changes. What the signature cannot see (an outbound edited, a dataplane replaced
 * by one with the same service, every count the same) is caught by this backstop: a structure
 * older than STRUCTURE_BACKSTOP_MS is fetched again, one mesh at a time and at most one per
 * refresh, oldest first. A fixed per-mesh interval would instead refetch every expanded mesh's
 * dataplanes together each period (all 50,000 at "expand all"); this way a refresh carries at
 * most one mesh's list, and with N meshes expanded each is revalidated every
 * max(STRUCTURE_BACKSTOP_MS, N refreshes).
 *
 * A minute: call edges and sidecar lists change with deployments, which people expect to see
 * within about that; statuses and counts do not wait for it (they come from the aggregates on
 * every refresh).
 */
export const STRUCTURE_BACKSTOP_MS = 60_000;

export interface StructureState {
  /** When its own data arrived (0: none yet, or only a predecessor's shown as placeholder). */
  fetchedAt: number;
  fetching: boolean;
}

/** The index of the structure to refetch now, or undefined. */
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
