import { measureElement, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { Link } from 'react-router';
import { useNow } from '../../app/live';
import { Pill, StatusBadge } from '../../ui/status-badge';
import { certificateLabel, type DataplaneRow, KIND_LABELS } from './dataplane-rows';
import { dataplanePath } from './format';
import './dataplanes.css';

/** Above this many rows only the visible ones are mounted. */
export const VIRTUALIZE_ABOVE = 100;
const ROW_ESTIMATE = 60;
/** The scroller's height when layout reports none yet (first paint, or no layout engine). */
const FALLBACK_VIEWPORT = 760;

interface Column {
  id: string;
  label: string;
  width: string;
  cell: (row: DataplaneRow, now: number) => React.ReactNode;
}

const COLUMNS: Column[] = [
  {
    id: 'name',
    label: 'Name',
    width: '16%',
    cell: (row) => (
      // A dataplane synced from its zone keeps its stored (hashed) name in the path and tooltip.
      <Link
        to={dataplanePath(row.mesh, row.name)}
        title={row.displayName === row.name ? undefined : row.name}
      >
        {row.displayName}
      </Link>
    ),
  },
  { id: 'mesh', label: 'Mesh', width: '9%', cell: (row) => row.mesh },
  {
    id: 'kind',
    label: 'Kind',
    width: '10%',
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
    cell: (row) =>
      row.services.length === 0 ? (
        <span className="muted">none</span>
      ) : (
        <ul className="dp-plain-list">
          {row.services.map((service) => (
            <li key={service}>{service}</li>
          ))}
        </ul>
      ),
  },
  { id: 'address', label: 'Address', width: '10%', cell: (row) => row.address ?? '—' },
  {
    id: 'status',
    label: 'Status',
    width: '9%',
    cell: (row) => <StatusBadge status={row.status} />,
  },
  { id: 'zone', label: 'Zone', width: '8%', cell: (row) => row.zone ?? '—' },
  {
    id: 'version',
    label: 'kuma-dp',
    width: '8%',
    cell: (row) => row.kumaDpVersion ?? <span className="muted">unknown</span>,
  },
  {
    id: 'certificate',
    label: 'Certificate expiry',
    width: '12%',
    cell: (row, now) => {
      const certificate = certificateLabel(row.certificateExpiry, now);
      if (certificate.state === 'none') return <span className="muted">{certificate.text}</span>;
      if (certificate.state === 'expired')
        return <Pill tone="danger">expired {certificate.text}</Pill>;
      return certificate.text;
    },
  },
];

function Header({ columns }: { columns: Column[] }) {
  return (
    <>
      <colgroup>
        {columns.map((column) => (
          <col key={column.id} style={{ width: column.width }} />
        ))}
      </colgroup>
      <thead>
        <tr aria-rowindex={1}>
          {columns.map((column) => (
            <th key={column.id} scope="col">
              {column.label}
            </th>
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

function PlainTable({
  rows,
  columns,
  now,
}: {
  rows: DataplaneRow[];
  columns: Column[];
  now: number;
}) {
  return (
    <div className="table-wrap">
      <table
        className="table dp-table"
        data-testid="dataplane-table"
        aria-rowcount={rows.length + 1}
      >
        <Header columns={columns} />
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
function VirtualTable({
  rows,
  columns,
  now,
}: {
  rows: DataplaneRow[];
  columns: Column[];
  now: number;
}) {
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
        className="table dp-table"
        data-testid="dataplane-table"
        aria-rowcount={rows.length + 1}
      >
        <Header columns={columns} />
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

export function DataplaneTable({ rows, showZone }: { rows: DataplaneRow[]; showZone: boolean }) {
  const now = useNow(60_000);
  const columns = showZone ? COLUMNS : COLUMNS.filter((column) => column.id !== 'zone');
  return rows.length > VIRTUALIZE_ABOVE ? (
    <VirtualTable rows={rows} columns={columns} now={now} />
  ) : (
    <PlainTable rows={rows} columns={columns} now={now} />
  );
}
