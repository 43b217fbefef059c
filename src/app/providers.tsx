import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { KumaApiError, type KumaClient } from '../kuma/client';
import { ClientProvider, ControlPlaneProvider } from '../ui/api-context';
import { SettingsProvider } from '../ui/settings';
import type { TokenStore } from '../ui/token';

/** Worth one quick retry: not a refusal, a time-out or the server saying the control plane is unreachable. */
export function isBlip(error: unknown): boolean {
  if (!(error instanceof KumaApiError)) return true;
  if (error.kind === 'timeout') return false;
  return (
    !(error.status >= 400 && error.status < 500) && error.status !== 502 && error.status !== 504
  );
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refresh that fails is retried on the next tick of the refresh interval; one quick
        // retry smooths over a blip (a refused connection, a reset) without hiding an outage
        // behind long back-offs. A time-out or the server's 502/504 is no blip: retried, a 20 s
        // hang took another 20 s to show as one.
        retry: (failureCount, error) => failureCount < 1 && isBlip(error),
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
  client,
  children,
}: {
  queryClient: QueryClient;
  tokens: TokenStore;
  /** The client the route loaders share; one of its own otherwise. */
  client?: KumaClient;
  children: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <SettingsProvider>
        <ClientProvider tokens={tokens} client={client}>
          <ControlPlaneProvider>{children}</ControlPlaneProvider>
        </ClientProvider>
      </SettingsProvider>
    </QueryClientProvider>
  );
}
