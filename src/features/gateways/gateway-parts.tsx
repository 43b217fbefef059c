import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { dataplaneStatus } from '../../kuma/dataplane-status';
import { displayNameOf, storedNameIfRenamed } from '../../kuma/display-name';
import type { DataplaneOverview } from '../../kuma/types';
import { dataplanePath } from '../../lib/paths';
import { CodeBlock } from '../../ui/code-block';
import { ErrorState, LoadingState } from '../../ui/states';
import { StatusBadge } from '../../ui/status-badge';
import { TagList } from '../../ui/tags';
import { connectedSince, formatTimestamp, type InstanceHealth, zoneOf } from './gateway-summary';
import './gateways.css';

/** A StatusBadge for a group of proxies, with "n / m online". */
export function HealthSummary({ health }: { health: InstanceHealth }) {
  return (
    <span className="gw-health">
      <StatusBadge status={health.status} />
      <span>
        {health.online} / {health.total} online
      </span>
    </span>
  );
}

/**
 * YAML of `value`, in a CodeBlock with copy. The `yaml` package loads on demand so it stays out
 * of the first bundle.
 */
export function YamlBlock({ value, label }: { value: unknown; label: string }) {
  const [state, setState] = useState<{ text?: string; error?: unknown }>({});
  useEffect(() => {
    let cancelled = false;
    import('yaml')
      .then(({ stringify }) => {
        if (!cancelled) setState({ text: stringify(value, { aliasDuplicateObjects: false }) });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ error });
      });
    return () => {
      cancelled = true;
    };
  }, [value]);
  if (state.error) return <ErrorState title="Cannot render YAML" error={state.error} />;
  if (state.text === undefined) return <LoadingState label="Rendering YAML…" />;
  return <CodeBlock text={state.text} label={label} />;
}

/** The proxies of a gateway: name (link), address, status, zone, connection, gateway tags. */
export function InstancesTable({
  dataplanes,
  testId,
}: {
  dataplanes: readonly DataplaneOverview[];
  testId: string;
}) {
  const showZone = dataplanes.some((dataplane) => zoneOf(dataplane));
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Dataplane</th>
            <th scope="col">Address</th>
            <th scope="col">Status</th>
            {showZone && <th scope="col">Zone</th>}
            <th scope="col">Connected since</th>
            <th scope="col">Gateway tags</th>
          </tr>
        </thead>
        <tbody>
          {dataplanes.map((dataplane) => {
            const networking = dataplane.dataplane.networking;
            const since = connectedSince(dataplane.dataplaneInsight);
            return (
              <tr key={`${dataplane.mesh}\u0000${dataplane.name}`}>
                <td>
                  <Link to={dataplanePath(dataplane)} title={storedNameIfRenamed(dataplane)}>
                    {displayNameOf(dataplane)}
                  </Link>
                </td>
                <td>
                  <code>{networking.advertisedAddress ?? networking.address ?? '—'}</code>
                </td>
                <td>
                  <StatusBadge status={dataplaneStatus(networking, dataplane.dataplaneInsight)} />
                </td>
                {showZone && <td>{zoneOf(dataplane) ?? <span className="muted">—</span>}</td>}
                <td>
                  {since ? (
                    <time dateTime={since}>{formatTimestamp(since)}</time>
                  ) : (
                    <span className="muted">not connected</span>
                  )}
                </td>
                <td>
                  <TagList tags={networking.gateway?.tags} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
