import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { KumaApiError } from '../kuma/client';
import { ClientProvider, ControlPlaneGate } from './api-context';
import { SettingsProvider } from './settings';
import type { TokenStore } from './token';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refresh that fails is retried on the next tick of the refresh interval; one quick
        // retry smooths over a blip without hiding an outage behind long back-offs.
        retry: (failureCount, error) =>
          failureCount < 1 &&
          !(error instanceof KumaApiError && error.status >= 400 && error.status < 500),
        retryDelay: 500,
        staleTime: 1_000,
        refetchOnWindowFocus: true,
      },
    },
  });
}

export function AppProviders({
  queryClient,
  tokens,
  baseUrl,
  children,
}: {
  queryClient: QueryClient;
  tokens: TokenStore;
  baseUrl?: string;
  children: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <SettingsProvider>
        <ClientProvider tokens={tokens} baseUrl={baseUrl}>
          <ControlPlaneGate tokens={tokens}>{children}</ControlPlaneGate>
        </ClientProvider>
      </SettingsProvider>
    </QueryClientProvider>
  );
}
