import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { applyListParams, type ListParamChanges, readListParams } from './list-params';
import { type ListSort, parseSort } from './list-sort';

/**
 * A list screen's URL state (`q`, `mesh`, `page`, `size`, `sort`) and one way to change it:
 * replaced in history while typing, pushed for page and sort changes (Back undoes them).
 */
export function useListParams(sortable: readonly string[]) {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = readListParams(searchParams);
  const sort = useMemo(() => parseSort(params.sort, sortable), [params.sort, sortable]);
  const update = useCallback(
    (changes: ListParamChanges, push = false) =>
      setSearchParams((current) => applyListParams(current, changes), { replace: !push }),
    [setSearchParams],
  );
  return { params, sort, update };
}

export type { ListSort };
