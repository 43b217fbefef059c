import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { KumaClient } from '../kuma/client';
import { API_BASE_URL } from '../kuma/first-requests';
import type { KumaApi } from '../kuma/queries/api';
import { controlPlaneQuery } from '../kuma/queries/control-plane';
import { nextRetryAt, secondsUntil } from '../lib/startup-retry';
import { useNow } from './live';
import { useSettings } from './settings';
import { ErrorState, LoadingState } from './states';
import type { TokenStore } from './token';

const ClientContext = createContext<KumaClient | undefined>(undefined);

/** The control plane's capabilities once read, and how reading them goes until then. */
interface ControlPlaneStatus {
  api: KumaApi | undefined;
  error: unknown;
  isFetching: boolean;
  /** When the next automatic attempt starts, while the last one failed. */
  retryAt: number | undefined;
  retry: () => void;
}

const StatusContext = createContext<ControlPlaneStatus | undefined>(undefined);

/** The app's one client (`client`, or one on `API_BASE_URL` with the stored token). */
export function ClientProvider({
  tokens,
  client: given,
  children,
}: {
  tokens: TokenStore;
  client?: KumaClient | undefined;
  children: ReactNode;
}) {
  const client = useMemo(
    () => given ?? new KumaClient({ baseUrl: API_BASE_URL, getToken: tokens.get }),
    [given, tokens],
  );
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useKumaClient(): KumaClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useKumaClient outside ClientProvider');
  return client;
}

/**
 * Reads the control plane's capabilities (every screen and query needs them: query keys are
 * rooted at the control plane's identity) and, while that fails, tries again one refresh
 * interval after each failure, so the app comes up by itself when the control plane returns.
 * It renders its children whatever happens: the shell stays, `ControlPlaneGate` holds screens.
 */
export function ControlPlaneProvider({ children }: { children: ReactNode }) {
  const client = useKumaClient();
  const { refreshMs } = useSettings();
  const query = useQuery(controlPlaneQuery(client));
  const { refetch } = query;
  const api = useMemo(
    () => (query.data ? { client, caps: query.data } : undefined),
    [client, query.data],
  );
  const retryAt = nextRetryAt(
    {
      hasData: api !== undefined,
      isError: query.isError,
      isFetching: query.isFetching,
      errorUpdatedAt: query.errorUpdatedAt,
    },
    refreshMs,
  );
  useEffect(() => {
    if (retryAt === undefined) return;
    // Not react-query's refetchInterval: the countdown must know when the attempt starts.
    const timer = setTimeout(() => void refetch(), Math.max(0, retryAt - Date.now()));
    return () => clearTimeout(timer);
  }, [retryAt, refetch]);
  const status = useMemo<ControlPlaneStatus>(
    () => ({
      api,
      error: query.error,
      isFetching: query.isFetching,
      retryAt,
      retry: () => void refetch(),
    }),
    [api, query.error, query.isFetching, retryAt, refetch],
  );
  return <StatusContext.Provider value={status}>{children}</StatusContext.Provider>;
}

function useControlPlaneStatus(): ControlPlaneStatus {
  const status = useContext(StatusContext);
  if (!status) throw new Error('useControlPlaneStatus outside ControlPlaneProvider');
  return status;
}

function RetryCountdown({ retryAt, fetching }: { retryAt: number | undefined; fetching: boolean }) {
  const now = useNow(1000, retryAt !== undefined);
  return (
    <p className="muted startup-failure__retry" data-testid="startup-retry" role="status">
      {fetching || retryAt === undefined
        ? 'Trying again now…'
        : `Trying again automatically in ${secondsUntil(retryAt, now)} s.`}
    </p>
  );
}

/**
 * Holds what needs the control plane's capabilities (the screens) until they are read; while
 * they cannot be, says why, with a retry button and the countdown to the next attempt. The
 * header and navigation around it stay usable.
 */
export function ControlPlaneGate({ children }: { children: ReactNode }) {
  const status = useControlPlaneStatus();
  if (status.api) return <>{children}</>;
  if (status.error) {
    return (
      <div className="startup-failure" data-testid="startup-failure">
        <ErrorState
          title="Cannot read the control plane"
          error={status.error}
          onRetry={status.retry}
        />
        <RetryCountdown retryAt={status.retryAt} fetching={status.isFetching} />
      </div>
    );
  }
  return <LoadingState label="Connecting to the control plane…" />;
}

/** The capabilities, or undefined until read: for the shell, which renders either way. */
export function useOptionalKumaApi(): KumaApi | undefined {
  return useControlPlaneStatus().api;
}

export function useKumaApi(): KumaApi {
  const api = useContext(StatusContext)?.api;
  if (!api) throw new Error('useKumaApi outside ControlPlaneGate');
  return api;
}
