import type { ListSort } from './list-sort';
import type { SortableHeader } from './use-sorted-rows';

/**
 * Says what a sort covers, so nobody reads a sorted page as the top of the whole list: every
 * row (the list was read whole) or only the page shown (the control plane pages it).
 */
export function SortNote({
  sort,
  headers,
  scope,
  noun,
  count,
  children,
}: {
  sort: ListSort | undefined;
  headers: readonly SortableHeader[];
  scope: 'all' | 'page';
  /** Plural: `meshes`, `dataplanes`. */
  noun: string;
  /** Rows the sort ran over. */
  count: number;
  /** Why the sort covers what it does. */
  children?: React.ReactNode;
}) {
  if (!sort) return null;
  const label = headers.find((header) => header.id === sort.id)?.label ?? sort.id;
  return (
    <p className="sort-note muted" data-testid="sort-note" data-scope={scope}>
      Sorted by <strong>{label}</strong> {sort.desc ? 'descending' : 'ascending'}{' '}
      {scope === 'all' ? (
        <>
          across all {count} {noun}
        </>
      ) : (
        <>
          within the {count} {noun} of this page only
        </>
      )}
      {children ? <>: {children}</> : '.'}
    </p>
  );
}
