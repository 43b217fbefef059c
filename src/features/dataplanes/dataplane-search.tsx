import { useEffect, useId, useRef, useState } from 'react';

const DEBOUNCE_MS = 300;

/**
 * The search box: what is typed reaches the URL (`?q=`) after a short pause or on Enter, and a
 * URL changed from elsewhere (back button, a link) shows up in the box.
 */
export function DataplaneSearchBox({
  value,
  onSearch,
}: {
  value: string;
  onSearch: (q: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  const written = useRef(value);
  const helpId = useId();
  const inputId = useId();

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
      onSearch(draft);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, onSearch]);

  return (
    <search className="dp-search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          written.current = draft;
          onSearch(draft);
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          Search dataplanes
        </label>
        <input
          id={inputId}
          type="search"
          value={draft}
          placeholder="name, service:frontend, tag:version:v1, gateway:builtin, status:online…"
          aria-describedby={helpId}
          onChange={(event) => setDraft(event.target.value)}
          data-testid="dataplane-search"
        />
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <p id={helpId} className="dp-help muted">
        Terms: <code>name:web</code> <code>service:frontend</code> <code>tag:version:v1</code>{' '}
        <code>protocol:http</code> <code>gateway:builtin|delegated|false</code>{' '}
        <code>status:online|offline|degraded</code> <code>zone:east</code>. A bare word searches
        names.
      </p>
    </search>
  );
}
