import { useId } from 'react';
import { useSearchDraft } from './use-search-draft';
import './lists.css';

/**
 * A text filter over a list read whole: what is typed reaches the URL (`?q=`) after a short
 * pause or on Enter, and a URL changed from elsewhere shows up in the box.
 */
export function ListFilter({
  label,
  placeholder,
  value,
  onChange,
  children,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (q: string) => void;
  children?: React.ReactNode;
}) {
  const { draft, setDraft, commit } = useSearchDraft(value, onChange);
  const id = useId();
  return (
    <search>
      <form
        className="list-toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          commit();
        }}
      >
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <input
          id={id}
          type="search"
          value={draft}
          placeholder={placeholder}
          onChange={(event) => setDraft(event.target.value)}
          data-testid="list-filter"
        />
        {children}
      </form>
    </search>
  );
}
