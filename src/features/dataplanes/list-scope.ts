import type { Page } from '../../kuma/queries/api';

/**
 * Kuma pages dataplane lists in its own order (by mesh, then name) and sorts on nothing else.
 * A sorted list of at most this many matches is read whole (one request of this size per
 * refresh, ~1 MB at most) and sorted across every page; a longer one is sorted within the
 * page shown, and the screen says which.
 */
export const SORT_WHOLE_AT_MOST = 500;

export type SortScope = 'whole' | 'page';

/**
 * What a sort covers, from the last total the control plane reported for this search:
 * unsorted or unknown totals read one page as before, so an unsorted list costs the same.
 */
export function sortScope(sorted: boolean, knownTotal: number | undefined): SortScope {
  return sorted && knownTotal !== undefined && knownTotal <= SORT_WHOLE_AT_MOST ? 'whole' : 'page';
}

/** The page to ask the control plane for: the URL's, or the first `SORT_WHOLE_AT_MOST`. */
export function serverPage(scope: SortScope, page: Page): Page {
  return scope === 'whole' ? { page: 1, size: SORT_WHOLE_AT_MOST } : page;
}

/** Whether an answer holds every match, so sorting it orders them all. */
export function holdsAll(answer: { total: number; items: readonly unknown[] }): boolean {
  return answer.items.length >= answer.total;
}
