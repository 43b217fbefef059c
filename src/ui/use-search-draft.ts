import { useCallback, useEffect, useRef, useState } from 'react';

const DEBOUNCE_MS = 300;

/**
 * A search box's text: what is typed reaches `onSearch` (the URL) after a short pause, or at
 * once with `commit()` (Enter), and a value changed from elsewhere (back button, a link) replaces
 * what the box shows.
 */
export function useSearchDraft(value: string, onSearch: (text: string) => void) {
  const [draft, setDraft] = useState(value);
  const written = useRef(value);
  const search = useRef(onSearch);
  search.current = onSearch;

  useEffect(() => {
    if (value !== written.current) {
      written.current = value;
      setDraft(value);
    }
  }, [value]);

  useEffect(() => {
    if (draft === written.current) return;
    const timer = setTimeout(() => {
      written.current = draft;
      search.current(draft);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  const commit = useCallback(() => {
    written.current = draft;
    search.current(draft);
  }, [draft]);

  return { draft, setDraft, commit };
}
