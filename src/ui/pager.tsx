import './lists.css';
import { useId, useState } from 'react';
import { pageCount, parseJump } from './list-paging';
import { EmptyState } from './states';

export const PAGE_SIZES = [25, 50, 100, 500, 1000] as const;

/** Jump straight to a page: typed, then Enter or Go; text that is no page number is refused. */
function JumpToPage({
  page,
  pages,
  onPage,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();
  return (
    <form
      className="pager__jump"
      onSubmit={(event) => {
        event.preventDefault();
        const target = parseJump(text, pages);
        setInvalid(target === undefined);
        if (target === undefined) return;
        setText('');
        if (target !== page) onPage(target);
      }}
    >
      <label htmlFor={inputId}>Go to page</label>
      <input
        id={inputId}
        type="text"
        inputMode="numeric"
        size={4}
        value={text}
        placeholder={`1–${pages}`}
        aria-invalid={invalid || undefined}
        onChange={(event) => {
          setText(event.target.value);
          setInvalid(false);
        }}
        data-testid="jump-to-page"
      />
      <button type="submit" className="button button--small">
        Go
      </button>
    </form>
  );
}

/**
 * Pages of a list: `total` from Kuma's answer (server paging) or the rows loaded (lists read
 * whole), the page the URL asks for, and a box to jump to any page.
 */
export function Pager({
  page,
  size,
  total,
  onPage,
  onSize,
  label = 'Pages',
}: {
  page: number;
  size: number;
  total: number;
  onPage: (page: number) => void;
  onSize: (size: number) => void;
  label?: string;
}) {
  const pages = pageCount(total, size);
  const first = total === 0 ? 0 : Math.min(total, (page - 1) * size + 1);
  const last = Math.min(total, page * size);
  return (
    <nav className="pager" aria-label={label}>
      <span data-testid="pager-range">
        {first}–{last} of {total}
      </span>
      <button
        type="button"
        className="button button--small"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        Previous
      </button>
      <span data-testid="pager-page">
        Page {Math.min(page, pages)} of {pages}
      </span>
      <button
        type="button"
        className="button button--small"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        Next
      </button>
      {pages > 1 && <JumpToPage page={page} pages={pages} onPage={onPage} />}
      <label className="pager__size">
        Per page{' '}
        <select value={size} onChange={(event) => onSize(Number(event.target.value))}>
          {PAGE_SIZES.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}

/** A page number (from the URL) beyond what the list now holds, with the way back. */
export function PastLastPage({
  page,
  noun,
  onFirstPage,
}: {
  page: number;
  /** Singular: "mesh", "gateway". */
  noun: string;
  onFirstPage: () => void;
}) {
  return (
    <EmptyState title={`Page ${page} is past the last ${noun}.`}>
      <button type="button" className="button" onClick={onFirstPage}>
        Go to page 1
      </button>
    </EmptyState>
  );
}
