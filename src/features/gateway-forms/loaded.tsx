import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { KumaApiError } from '../../kuma/client';
import { useKumaApi } from '../../ui/api-context';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';

export function NoBuiltinGateways() {
  const { caps } = useKumaApi();
  return (
    <EmptyState title="Built-in gateways do not exist on this control plane.">
      <p className="muted">
        {caps.product} {caps.displayVersion} removed MeshGateway (Kuma 3.0): create a{' '}
        <Link to="/gateways/new?kind=delegated">delegated gateway</Link> instead.
      </p>
    </EmptyState>
  );
}

/** Loading, not found and error states of what a form is opened on. */
export function Loaded<T>({
  query,
  what,
  children,
}: {
  query: { isPending: boolean; data: T | undefined; error: unknown; refetch: () => unknown };
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingState label={`Loading ${what}…`} />;
  if (query.data === undefined) {
    if (query.error instanceof KumaApiError && query.error.status === 404) {
      return (
        <EmptyState title={`No ${what}.`}>
          <p className="muted">It may have been deleted, or the address is wrong.</p>
          <p>
            <Link to="/gateways">All gateways</Link>
          </p>
        </EmptyState>
      );
    }
    return (
      <ErrorState
        title={`Cannot read ${what}`}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  return <>{children(query.data)}</>;
}
