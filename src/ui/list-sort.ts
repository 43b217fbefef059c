/**
 * Sorting of list screens, as the URL holds it: `?sort=name` ascending, `?sort=-name`
 * descending, nothing for the order the control plane returns (by mesh, then name).
 */

export interface ListSort {
  id: string;
  desc: boolean;
}

/** The sort a `?sort=` value asks for, if it names a column that sorts; else none. */
export function parseSort(value: string | null | undefined, sortable: readonly string[]) {
  if (!value) return undefined;
  const desc = value.startsWith('-');
  const id = desc ? value.slice(1) : value;
  return sortable.includes(id) ? ({ id, desc } satisfies ListSort) : undefined;
}

export function formatSort(sort: ListSort | undefined): string {
  if (!sort) return '';
  return sort.desc ? `-${sort.id}` : sort.id;
}

/** What a header says to assistive technology (`aria-sort`). */
export function ariaSortOf(
  sort: ListSort | undefined,
  column: string,
): 'ascending' | 'descending' | undefined {
  if (sort?.id !== column) return undefined;
  return sort.desc ? 'descending' : 'ascending';
}

export type SortValue = string | number | undefined;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Ascending order of two cell values: numbers by value, text in natural order (`gw-2` before
 * `gw-10`, case ignored), so names with counters read as people expect. Missing values are
 * left to the caller, which keeps them last whatever the direction.
 */
export function compareSortValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a ?? ''), String(b ?? ''));
}
