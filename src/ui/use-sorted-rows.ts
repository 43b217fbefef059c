import {
  type ColumnDef,
  createSortedRowModel,
  type RowData,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  type Updater,
  useTable,
} from '@tanstack/react-table';
import { useMemo } from 'react';
import { compareSortValues, type ListSort, type SortValue } from './list-sort';

/** A list column as the screens describe it; TanStack Table does the sorting. */
export interface ListColumn<T> {
  id: string;
  label: string;
  /** The value the column sorts by; a column without one does not sort. */
  sortValue?: (row: T) => SortValue;
  /** Counts and dates are more useful largest / newest first. */
  descFirst?: boolean;
}

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
});

export interface SortableHeader {
  id: string;
  label: string;
  sortable: boolean;
  direction: 'asc' | 'desc' | false;
  /** Ascending, descending, then back to the control plane's own order. */
  toggle: () => void;
  /** The direction a click would give, for the button's name. */
  next: 'asc' | 'desc' | false;
}

function toSorting(sort: ListSort | undefined): SortingState {
  return sort ? [{ id: sort.id, desc: sort.desc }] : [];
}

/**
 * `rows` in the order `sort` asks (ties and unsorted keep the order they came in, which is the
 * control plane's), with the headers' state and toggles. The sort lives with the caller (the
 * URL); missing values stay last in both directions.
 */
export function useSortedRows<T extends RowData>(
  rows: readonly T[],
  columns: readonly ListColumn<T>[],
  sort: ListSort | undefined,
  onSort: (sort: ListSort | undefined) => void,
): { sorted: T[]; headers: SortableHeader[] } {
  const definitions = useMemo(
    () =>
      columns.map(
        (column): ColumnDef<typeof features, T> => ({
          id: column.id,
          header: column.label,
          accessorFn: (row: T) => column.sortValue?.(row),
          enableSorting: column.sortValue !== undefined,
          sortDescFirst: column.descFirst ?? false,
          sortUndefined: 'last',
          sortFn: (a, b, id) =>
            compareSortValues(a.getValue(id) as SortValue, b.getValue(id) as SortValue),
        }),
      ),
    [columns],
  );
  const sorting = useMemo(() => toSorting(sort), [sort]);
  const data = useMemo(() => [...rows], [rows]);
  const table = useTable({
    features,
    columns: definitions,
    data,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      onSort(first ? { id: first.id, desc: first.desc } : undefined);
    },
    enableMultiSort: false,
  });
  const sorted = table.getRowModel().rows.map((row) => row.original);
  const headers = (table.getHeaderGroups()[0]?.headers ?? []).map((header): SortableHeader => {
    const column = header.column;
    const source = columns.find((entry) => entry.id === column.id);
    return {
      id: column.id,
      label: source?.label ?? column.id,
      sortable: column.getCanSort(),
      direction: column.getIsSorted(),
      toggle: () => column.toggleSorting(undefined, false),
      next: column.getNextSortingOrder(),
    };
  });
  return { sorted, headers };
}
