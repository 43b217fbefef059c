import './lists.css';
import type { SortableHeader } from './use-sorted-rows';

const ARROWS = { asc: '▲', desc: '▼' } as const;

function nextText(header: SortableHeader): string {
  if (header.next === 'asc') return `Sort by ${header.label.toLowerCase()}, ascending`;
  if (header.next === 'desc') return `Sort by ${header.label.toLowerCase()}, descending`;
  return 'Back to the control plane’s order';
}

/**
 * A column header: a button when the column sorts (Enter and Space work as for any button), its
 * state in `aria-sort` on the cell, where screen readers look for it.
 */
export function SortableTh({ header }: { header: SortableHeader }) {
  if (!header.sortable) return <th scope="col">{header.label}</th>;
  const direction = header.direction;
  return (
    <th
      scope="col"
      aria-sort={
        direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined
      }
      data-sort={direction || undefined}
    >
      <button
        type="button"
        className="sort-button"
        onClick={header.toggle}
        title={nextText(header)}
        data-testid={`sort-${header.id}`}
      >
        {header.label}
        <span className="sort-button__arrow" aria-hidden="true">
          {direction ? ARROWS[direction] : '↕'}
        </span>
      </button>
    </th>
  );
}
