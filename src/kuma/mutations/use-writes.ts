/**
 * The forms' writes as TanStack mutations: a guarded save (`saveItems`: the check, the PUTs, the
 * re-read) and a delete, each refreshing what a write makes stale (`keysAfterWrite`) once
 * something was written. The pure steps are in `writes.ts`.
 */
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { KumaApi } from '../queries/api';
import { formKeys, keysAfterWrite } from '../queries/keys';
import { deleteResources, type SaveResult, saveItems, type WriteItem } from './writes';

/** After a write: the gateway lists, details, routes, dataplanes, meshes and topology refetch. */
export async function refreshAfterWrite(queryClient: QueryClient, api: KumaApi): Promise<void> {
  await Promise.all(
    keysAfterWrite(api).map((queryKey) => queryClient.invalidateQueries({ queryKey })),
  );
}

export interface SaveVariables {
  items: readonly WriteItem[];
  /** Called when the check passed and the PUTs start (the form says "Writing…"). */
  onWriting?: () => void;
}

/**
 * The guarded save of a form's resources. It resolves with conflicts and refusals (they are
 * answers the form shows); it rejects only when the check before writing could not read.
 */
export function useSaveMutation(api: KumaApi) {
  const queryClient = useQueryClient();
  return useMutation<SaveResult, Error, SaveVariables>({
    mutationFn: ({ items, onWriting }) =>
      saveItems(api.client, items, {
        identity: api.caps.identity,
        caps: api.caps,
        ...(onWriting ? { onWriting } : {}),
      }),
    onSuccess: (result) => {
      // Lists, details and the topology refetch in the background.
      if (result.outcome && result.outcome.written.length > 0) {
        void refreshAfterWrite(queryClient, api);
      }
      // A create that lost to another creator: the name checks must ask again.
      if (result.conflicts.some((conflict) => !conflict.item.base && conflict.current)) {
        void queryClient.invalidateQueries({ queryKey: formKeys.nameChecks(api) });
      }
    },
  });
}

/** Deletes by REST path, in order (404 counts as deleted), then refreshes. */
export function useDeleteMutation(api: KumaApi) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (paths: readonly string[]) => deleteResources(api.client, paths),
    onSuccess: (result) => {
      if (result.deleted.length > 0) void refreshAfterWrite(queryClient, api);
    },
  });
}
