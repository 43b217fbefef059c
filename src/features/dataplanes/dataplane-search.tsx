import { useId } from 'react';
import { useSearchDraft } from '../../ui/use-search-draft';

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
  const { draft, setDraft, commit } = useSearchDraft(value, onSearch);
  const helpId = useId();
  const inputId = useId();

  return (
    <search className="dp-search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          commit();
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
