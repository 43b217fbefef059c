/**
 * The names of a mesh's Secrets (`GET /meshes/{mesh}/secrets`), for the TLS certificate picker and
 * the missing-secret finding. kuma-cp answers the list with every secret's base64 `data` (private
 * keys included); the parser keeps names only, at once, so no key material ever reaches the query
 * cache, a render or a log.
 *
 * Secrets are admin-only in Kuma (`AdminOnly` resource access): a non-admin token gets 403. An
 * unknown mesh is a 404. Both are answers, not failures: the picker falls back to free text and
 * the diagnosis skips the check.
 */
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { KumaApiError, pathOf } from '../client';
import { listOf } from '../schemas';
import type { KumaApi } from './api';
import { secretKeys } from './keys';

/** Only `name`: `z.object` drops every other key (`data` above all) while parsing. */
const secretNameSchema = z.object({ name: z.string() });

/** A list body of secrets → the names, sorted; nothing else of the body survives. */
export function secretNamesOf(items: readonly { name: string }[]): string[] {
  return [...new Set(items.map((item) => item.name))].sort();
}

/** Parses one list page as kuma-cp sends it into names only (throws on a body that is no list). */
export function parseSecretList(body: unknown): { names: string[]; total: number } {
  const parsed = listOf(secretNameSchema).parse(body);
  return { names: secretNamesOf(parsed.items), total: parsed.total };
}

export type SecretNames =
  | { readable: true; mesh: string; names: string[] }
  | { readable: false; mesh: string; status: number; reason: string };

/** Why the names cannot be offered, in one line, for a refusal the control plane answered. */
export function unreadableReason(status: number, mesh: string): string {
  if (status === 401)
    return 'the control plane did not accept the token, so secrets cannot be listed';
  if (status === 403) {
    return 'listing secrets needs an admin token (Kuma keeps secrets admin-only)';
  }
  return `the control plane has no mesh ${mesh} to list secrets of`;
}

const UNREADABLE = new Set([401, 403, 404]);

/**
 * The secret names of `mesh`, every page. 401/403/404 become `readable: false` with the reason;
 * other failures (network, time-out, 5xx) stay errors, so they retry and show as such.
 */
export async function readSecretNames(
  api: KumaApi,
  mesh: string,
  signal?: AbortSignal,
): Promise<SecretNames> {
  try {
    const items = await api.client.getAll(
      pathOf('meshes', mesh, 'secrets'),
      listOf(secretNameSchema),
      { signal },
    );
    return { readable: true, mesh, names: secretNamesOf(items) };
  } catch (error) {
    if (error instanceof KumaApiError && error.kind === 'http' && UNREADABLE.has(error.status)) {
      return {
        readable: false,
        mesh,
        status: error.status,
        reason: unreadableReason(error.status, mesh),
      };
    }
    throw error;
  }
}

export function secretNamesQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: secretKeys.names(api, mesh),
    queryFn: ({ signal }) => readSecretNames(api, mesh, signal),
    // A refusal does not change by asking again right away.
    retry: (count, error) =>
      !(error instanceof KumaApiError && UNREADABLE.has(error.status)) && count < 2,
  });
}

/** Whether a MeshGateway terminates TLS with a certificate from a mesh secret. */
export function namesCertificateSecret(gateway: {
  conf?: { listeners?: { tls?: { mode?: string; certificates?: { secret?: string }[] } }[] };
}): boolean {
  return (gateway.conf?.listeners ?? []).some(
    (listener) =>
      (listener?.tls?.mode ?? 'TERMINATE') === 'TERMINATE' &&
      (listener?.tls?.certificates ?? []).some((certificate) => Boolean(certificate?.secret)),
  );
}

/** The names for a snapshot: undefined while unknown or unreadable (no finding then). */
export function readableSecretNames(result: SecretNames | undefined): string[] | undefined {
  return result?.readable ? result.names : undefined;
}
