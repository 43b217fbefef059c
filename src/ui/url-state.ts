import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * One piece of view state kept in the URL's query string, so filters, pages and tabs survive a
 * reload and can be shared; replaced in history for typing, pushed for navigation-like changes.
 */
export function useUrlState(
  key: string,
  fallback: string,
): [string, (value: string, push?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(key) ?? fallback;
  const setValue = useCallback(
    (next: string, push = false) => {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next === fallback || next === '') updated.delete(key);
          else updated.set(key, next);
          return updated;
        },
        { replace: !push },
      );
    },
    [key, fallback, setParams],
  );
  return [value, setValue];
}
