import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { KumaClient } from '../kuma/client';
import type { KumaApi } from '../kuma/queries/api';
import { controlPlaneQuery } from '../kuma/queries/control-plane';
import { ErrorState, LoadingState } from '../ui/states';
import type { TokenStore } from './token';
import { TokenButton } from './token-dialog';

const ApiContext = createContext<KumaApi | undefined>(undefined);
const ClientContext = createContext<KumaClient | undefined>(undefined);

export function ClientProvider({
  tokens,
  baseUrl = '/api',
  children,
}: {
  tokens: TokenStore;
  baseUrl?: string;
  children: ReactNode;
}) {
  const client = useMemo(
    () => new KumaClient({ baseUrl, getToken: tokens.get }),
    [baseUrl, tokens],
  );
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useKumaClient(): KumaClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useKumaClient outside ClientProvider');
  return client;
}

/**
 * Reads the control plane's capabilities before anything else renders: every screen and query
 * needs them (query keys are rooted at the control plane's identity).
 */
export function ControlPlaneGate({
  tokens,
  children,
}: {
  tokens: TokenStore;
  children: ReactNode;
}) {
  const client = useKumaClient();
  const query = useQuery(controlPlaneQuery(client));
  const api = useMemo(
    () => (query.data ? { client, caps: query.data } : undefined),
    [client, query.data],
  );
  if (!api) {
    if (query.error) {
      return (
        <main className="page">
          <ErrorState
            title="Cannot read the control plane"
            error={query.error}
            onRetry={() => void query.refetch()}
          />
          <div className="gate-token">
            If the control plane wants a token: <TokenButton tokens={tokens} />
          </div>
        </main>
      );
    }
    return (
      <main className="page">
        <LoadingState label="Connecting to the control plane…" />
      </main>
    );
  }
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useKumaApi(): KumaApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useKumaApi outside ControlPlaneGate');
  return api;
}
