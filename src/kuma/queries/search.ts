import { queryOptions } from '@tanstack/react-query';
import { meshServiceSchema } from '../policy-schemas';
import {
  dataplaneSchema,
  listOf,
  meshGatewaySchema,
  meshSchema,
  serviceInsightSchema,
} from '../schemas';
import type {
  Dataplane,
  ListResponse,
  Mesh,
  MeshGateway,
  MeshService,
  ServiceInsight,
} from '../types';
import type { KumaApi } from './api';
import { searchKeys } from './keys';

/** Per kind, how many matches one search asks for: a search never lists a kind whole. */
export const SEARCH_LIMIT = 8;

/** One kind's answer: the first matches and how many there are, or why it failed. */
export type SearchPart<T> =
  | { ok: true; items: T[]; total: number }
  | { ok: false; error: unknown }
  | undefined;

export interface GlobalSearchAnswer {
  meshes: SearchPart<Mesh>;
  /** MeshGateways (built-in gateways); undefined where the control plane has none (3.x). */
  builtinGateways: SearchPart<MeshGateway>;
  /** Gateway dataplanes whose `kuma.io/service` contains the text: delegated gateways. */
  delegatedGateways: SearchPart<Dataplane>;
  serviceInsights: SearchPart<ServiceInsight>;
  meshServices: SearchPart<MeshService>;
  dataplanes: SearchPart<Dataplane>;
}

/**
 * What the control plane's `name` filter is given: Kuma matches names as case-sensitive
 * substrings and names are lower-case (RFC 1123), so the text is trimmed and lower-cased.
 */
export function searchText(text: string): string {
  return text.trim().toLowerCase();
}

async function part<T>(
  signal: AbortSignal,
  read: () => Promise<ListResponse<T>>,
): Promise<SearchPart<T>> {
  try {
    const list = await read();
    return { ok: true, items: list.items.slice(0, SEARCH_LIMIT), total: list.total };
  } catch (error) {
    // One kind failing (an endpoint a release lacks, a 403) leaves the others' answers.
    if (signal.aborted) throw error;
    return { ok: false, error };
  }
}

/**
 * The global search: up to six list requests of `SEARCH_LIMIT` items each, filtered by the
 * control plane (`name=`, and the `kuma.io/service` tag for delegated gateways), across every
 * mesh at once. Its cost does not grow with the number of meshes, services or dataplanes.
 */
export function globalSearchQuery(api: KumaApi, text: string) {
  const name = searchText(text);
  return queryOptions({
    queryKey: searchKeys.text(api, name),
    enabled: name !== '',
    staleTime: 10_000,
    queryFn: async ({ signal }): Promise<GlobalSearchAnswer> => {
      const size = SEARCH_LIMIT;
      const [
        meshes,
        builtinGateways,
        delegatedGateways,
        serviceInsights,
        meshServices,
        dataplanes,
      ] = await Promise.all([
        part(signal, () =>
          api.client.get('/meshes', listOf(meshSchema), { signal, query: { name, size } }),
        ),
        api.caps.builtinGateways
          ? part(signal, () =>
              api.client.get('/meshgateways', listOf(meshGatewaySchema), {
                signal,
                query: { name, size },
              }),
            )
          : Promise.resolve(undefined),
        part(signal, () =>
          api.client.get('/dataplanes', listOf(dataplaneSchema), {
            signal,
            query: { gateway: 'delegated', tag: [`kuma.io/service:${name}`], size },
          }),
        ),
        api.caps.serviceInsights
          ? part(signal, () =>
              api.client.get('/service-insights', listOf(serviceInsightSchema), {
                signal,
                query: { name, size },
              }),
            )
          : Promise.resolve(undefined),
        api.caps.meshServices
          ? part(signal, () =>
              api.client.get('/meshservices', listOf(meshServiceSchema), {
                signal,
                query: { name, size },
              }),
            )
          : Promise.resolve(undefined),
        part(signal, () =>
          api.client.get('/dataplanes', listOf(dataplaneSchema), {
            signal,
            query: { name, size },
          }),
        ),
      ]);
      return {
        meshes,
        builtinGateways,
        delegatedGateways,
        serviceInsights,
        meshServices,
        dataplanes,
      };
    },
  });
}
