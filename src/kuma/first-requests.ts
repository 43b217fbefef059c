/**
 * What the page asks the control plane for before anything else, in a module of its own (no
 * imports): the build reads it too, to have `index.html` ask for these while it is parsed.
 */

/** Where the dashboard's server forwards to the control plane. */
export const API_BASE_URL = '/api';

/** The reads that together give the control plane's capabilities, which every screen waits for. */
export const CAPABILITY_PATHS = ['/', '/config', '/_resources'] as const;

/** Items per page the client asks a list for (`KumaClient.getAll`): the most kuma-cp gives. */
export const PAGE_SIZE = 1000;

/** A list the page reads: its path under the API and its own filters. */
export interface ListRead {
  path: string;
  query?: Readonly<Record<string, string>>;
}

/**
 * The lists the topology screen reads first under every version of the control plane (its
 * MeshGateways, gone in 3.x, are left to the app): `index.html` asks for their first pages while
 * it is parsed. After the capabilities they left 0.3-0.9 s into a load, behind the app's start;
 * at 50,000 dataplanes the gateway list alone takes the control plane 0.1-0.5 s to answer.
 */
export const TOPOLOGY_FIRST_LISTS: readonly ListRead[] = [
  { path: '/meshes' },
  { path: '/mesh-insights' },
  { path: '/dataplanes/_overview', query: { gateway: 'true' } },
];

/** The URL of a list's first page, as the client asks for it. */
export function firstPageUrl({ path, query }: ListRead): string {
  const params = new URLSearchParams({ ...query, size: String(PAGE_SIZE), offset: '0' });
  return `${API_BASE_URL}${path}?${params}`;
}
