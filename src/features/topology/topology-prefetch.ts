import type { QueryClient } from '@tanstack/react-query';
import type { KumaApi } from '../../kuma/queries/api';
import { meshChoicesOf, readTab, readTopologyParams } from './topology-params';
import { prefetchTopology } from './topology-queries';
import { loadDiagnosis, loadViewCode } from './view-code';

/**
 * The route's head start (a `ScreenPrefetch`): the view's code at once, the data the URL's view
 * draws first, asked for with the capabilities, and the diagnosis rules once a mesh is to be
 * drawn in full. A module of its own, light beside the page's, so that the route loads it ahead
 * of the page's chunks. A traced request's mesh (`?trace=`, from the Trace page) is left to the
 * page: reading it would bring the trace feature's chunks along.
 */
export async function prefetchTopologyScreen(
  queryClient: QueryClient,
  api: Promise<KumaApi>,
  search: URLSearchParams,
): Promise<void> {
  const tab = readTab(search);
  // After the first requests have left: the view's dozen chunks, asked for first, held the
  // browser's six connections while the data requests waited (0.1-0.25 s on a busy machine).
  const loadView = () => setTimeout(() => loadViewCode(tab), 0);
  api.then(loadView, loadView);
  const choices = meshChoicesOf(readTopologyParams(search), tab, undefined);
  const { expanded } = await prefetchTopology(queryClient, await api, choices);
  // Badges of the meshes drawn in full: their rules load beside those meshes' data.
  if (tab === 'interactive' && expanded.length > 0) loadDiagnosis().catch(() => undefined);
}
