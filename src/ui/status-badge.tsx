import type { DataplaneStatus } from '../kuma/dataplane-status';

const LABELS: Record<DataplaneStatus | 'unknown', string> = {
  online: 'Online',
  offline: 'Offline',
  partially_degraded: 'Degraded',
  unknown: 'Unknown',
};

export function StatusBadge({ status }: { status: DataplaneStatus | 'unknown' }) {
  return (
    <span className={`badge badge--${status}`}>
      <span className="badge__dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}

export function Pill({
  children,
  tone = 'neutral',
}: {
  children: React.ReactNode;
  tone?: 'neutral' | 'info' | 'warning' | 'danger' | 'success';
}) {
  return <span className={`pill pill--${tone}`}>{children}</span>;
}
