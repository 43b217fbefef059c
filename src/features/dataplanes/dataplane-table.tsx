import { measureElement, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { Link } from 'react-router';
import { dataplanePath, servicePath } from '../../lib/paths';
import { useNow } from '../../ui/live';
import { SortableTh } from '../../ui/sortable-header';
import { Pill, StatusBadge } from '../../ui/status-badge';
import type { ListColumn, SortableHeader } from '../../ui/use-sorted-rows';
import { certificateLabel, type DataplaneRow, KIND_LABELS, STATUS_RANK } from './dataplane-rows';
import '../../ui/lists.css';
import './dataplanes.css';

/** Above this many rows only the visible ones are mounted. */
export const VIRTUALIZE_ABOVE = 100;
const ROW_ESTIMATE = 60;
/** The scroller's height when layout reports none yet (first paint, or no layout engine). */
const FALLBACK_VIEWPORT = 760;

interface Column extends ListColumn<DataplaneRow> {
  width: string;
  cell: (row: DataplaneRow, now: number) => React.ReactNode;
}

function millis(value: string | undefined): number | undefined {
  const parsed = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

const COLUMNS: Column[] = [
  {
    id: 'name',
    label: 'Name',
    width: '16%',
    sortValue: (row) => row.displayName,
    cell: (row) => (
      // A dataplane synced from its zone keeps its stored (hashed) name in the path and tooltip.
      <Link to={dataplanePath(row)} title={row.displayName === row.name ? undefined : row.name}>
        {row.displayName}
      </Link>
    ),
  },
  { id: 'mesh', label: 'Mesh', width: '9%', sortValue: (row) => row.mesh, cell: (row) => row.mesh },
  {
    id: 'kind',
    label: 'Kind',
    width: '10%',
    sortValue: (row) => KIND_LABELS[row.kind],
    cell: (row) =>
      row.kind === 'standard' ? (
        KIND_LABELS.standard
      ) : (
        <Pill tone="info">{KIND_LABELS[row.kind]}</Pill>
      ),
  },
  {
    id: 'services',
    label: 'Services',
    width: '13%',
    sortValue: (row) => row.services.join(', ') || undefined,
    cell: (row) =>
      row.services.length === 0 ? (
        <span className="muted">none</span>
      ) : (
        <ul className="dp-plain-list">
          {row.services.map((service) => (
            <li key={service}>
              <Link to={servicePath(row.mesh, service)}>{service}</Link>
            </li>
          ))}
        </ul>
      ),
  },
  {
    id: 'address',
    label: 'Address',
    width: '10%',
    sortValue: (row) => row.address,
    cell: (row) => row.address ?? '—',
  },
  {
    id: 'status',
    label: 'Status',
    width: '9%',
    // Worst first when descending: offline, then degraded, then online.
    sortValue: (row) => STATUS_RANK[row.status],
    descFirst: true,
    cell: (row) => <StatusBadge status={row.status} />,
  },
  {
    id: 'zone',
    label: 'Zone',
    width: '8%',
    sortValue: (row) => row.zone,
    cell: (row) => row.zone ?? '—',
  },
  {
    id: 'version',
    label: 'kuma-dp',
    width: '8%',
    sortValue: (row) => row.kumaDpVersion,
    cell: (row) => row.kumaDpVersion ?? <span className="muted">unknown</span>,
  },
  {
    id: 'certificate',
    label: 'Certificate expiry',
    width: '12%',
    sortValue: (row) => millis(row.certificateExpiry),
    cell: (row, now) => {
      const certificate = certificateLabel(row.certificateExpiry, now);
      if (certificate.state === 'none') return <span className="muted">{certificate.text}</span>;
      if (certificate.state === 'expired')
        return <Pill tone="danger">expired {certificate.text}</Pill>;
      return certificate.text;
    },
  },
];

/** The list's columns; the Zone column only where proxies run in zones. */
export function dataplaneColumns(showZone: boolean): Column[] {
  return showZone ? COLUMNS : COLUMNS.filter((column) => column.id !== 'zone');
}

export const DATAPLANE_SORTABLE = COLUMNS.filter((column) => column.sortValue).map(
  (column) => column.id,
);

function Header({ columns, headers }: { columns: Column[]; headers: SortableHeader[] }) {
  return (
    <>
      <colgroup>
        {columns.map((column) => (
          <col key={column.id} style={{ width: column.width }} />
        ))}
      </colgroup>
      <thead>
        <tr aria-rowindex={1}>
          {headers.map((header) => (
            <SortableTh key={header.id} header={header} />
          ))}
        </tr>
      </thead>
    </>
  );
}

function Cells({ row, columns, now }: { row: DataplaneRow; columns: Column[]; now: number }) {
  return (
    <>
      {columns.map((column) => (
        <td key={column.id}>{column.cell(row, now)}</td>
      ))}
    </>
  );
}

interface TableProps {
  rows: DataplaneRow[];
  columns: Column[];
  headers: SortableHeader[];
  now: number;
}

function PlainTable({ rows, columns, headers, now }: TableProps) {
  return (
    <div className="table-wrap">
      <table
        className="table table--fixed"
        data-testid="dataplane-table"
        aria-rowcount={rows.length + 1}
      >
        <Header columns={columns} headers={headers} />
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.key} aria-rowindex={index + 2} data-testid="dataplane-row">
              <Cells row={row} columns={columns} now={now} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A real table in a fixed-height scroller: only the rows in view (plus overscan) are mounted,
 * spacer rows keep the scroll height, and aria-rowcount / aria-rowindex tell screen readers
 * where each mounted row sits in the whole page.
 */
function VirtualTable({ rows, columns, headers, now }: TableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 12,
    // A viewport measured at 0 px would mount no row at all: assume a screenful until measured.
    observeElementRect: (instance, callback) =>
      observeElementRect(instance, (rect) =>
        callback(rect.height > 0 ? rect : { width: rect.width, height: FALLBACK_VIEWPORT }),
      ),
    // Likewise a row measured at 0 px (not laid out) keeps its estimate.
    measureElement: (element, entry, instance) =>
      measureElement(element, entry, instance) || ROW_ESTIMATE,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <section
      ref={scrollRef}
      className="table-wrap dp-scroll"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      tabIndex={0}
      aria-label={`Dataplanes, ${rows.length} rows; scroll to see more`}
      data-testid="dataplane-scroll"
    >
      <table
        className="table table--fixed"
        data-testid="dataplane-table"
        aria-rowcount={rows.length + 1}
      >
        <Header columns={columns} headers={headers} />
        <tbody>
          {before > 0 && (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row has no content and never takes focus
            <tr className="dp-spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: before }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <tr
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                data-testid="dataplane-row"
              >
                <Cells row={row} columns={columns} now={now} />
              </tr>
            );
          })}
          {after > 0 && (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row has no content and never takes focus
            <tr className="dp-spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: after }} />
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

/**
 * `rows` already sorted and paged; `headers` from `useSortedRows` over the same columns (without
 * them the headers are plain text, for tables that do not sort).
 */
export function DataplaneTable({
  rows,
  showZone,
  headers: sortable,
}: {
  rows: DataplaneRow[];
  showZone: boolean;
  headers?: SortableHeader[];
}) {
  const now = useNow(60_000);
  const columns = dataplaneColumns(showZone);
  const headers =
    sortable ??
    columns.map(
      (column): SortableHeader => ({
        id: column.id,
        label: column.label,
        sortable: false,
        direction: false,
        next: false,
        toggle: () => undefined,
      }),
    );
  return rows.length > VIRTUALIZE_ABOVE ? (
    <VirtualTable rows={rows} columns={columns} headers={headers} now={now} />
  ) : (
    <PlainTable rows={rows} columns={columns} headers={headers} now={now} />
  );
}
