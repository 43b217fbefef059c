import { queryOptions } from '@tanstack/react-query';
import { pathOf } from '../client';
import { dataplaneOverviewSchema, listOf } from '../schemas';
import type { DataplaneOverview } from '../types';
import type { KumaApi } from './api';
import { type GatewayList, gatewayListOf } from './gateways';
import { gatewayKeys } from './keys';

/** The gateway proxies of one mesh, to bring `gatewayListQuery`'s list up to date mesh by mesh. */
export function meshGatewayProxiesQuery(api: KumaApi, mesh: string) {
  return queryOptions({
    queryKey: gatewayKeys.proxiesOf(api, mesh),
    queryFn: ({ signal }) =>
      api.client.getAll(
        pathOf('meshes', mesh, 'dataplanes', '_overview'),
        listOf(dataplaneOverviewSchema),
        { signal, query: { gateway: 'true' } },
      ),
  });
}

/**
 * The list with the gateway proxies of some meshes replaced by fresh ones. Each mesh's proxies
 * take the place its old ones had (a mesh new to the list goes last), so the order stays the
 * list's own.
 */
export function withMeshProxies(
  list: GatewayList,
  fresh: ReadonlyMap<string, readonly DataplaneOverview[]>,
): GatewayList {
  const proxies: DataplaneOverview[] = [];
  const placed = new Set<string>();
  for (const proxy of list.proxies) {
    const replacement = fresh.get(proxy.mesh);
    if (!replacement) proxies.push(proxy);
    else if (!placed.has(proxy.mesh)) {
      placed.add(proxy.mesh);
      proxies.push(...replacement);
    }
  }
  for (const [mesh, replacement] of fresh) if (!placed.has(mesh)) proxies.push(...replacement);
  return gatewayListOf(
    list.builtin.map((entry) => entry.gateway),
    proxies,
  );
}

/** A proxy's fields besides its insight (which changes with its connection) are the same. */
function sameBesidesInsight(a: DataplaneOverview, b: DataplaneOverview): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('dataplaneInsight');
  for (const key of keys)
    if (a[key as keyof DataplaneOverview] !== b[key as keyof DataplaneOverview]) return false;
  return true;
}

/**
 * Whether two gateway lists differ at most in their proxies' insights: the same MeshGateways and
 * the same proxies, in the same order, connected or not. It compares by identity below the
 * proxy, which the query cache's structural sharing keeps for every part that did not change;
 * a part that is equal but new only makes the answer `false` (a rebuild), never a wrong `true`.
 */
export function sameGatewaysBesidesStatus(a: GatewayList, b: GatewayList): boolean {
  if (a === b) return true;
  if (a.builtin.length !== b.builtin.length || a.proxies.length !== b.proxies.length) return false;
  return (
    a.builtin.every((entry, index) => entry.gateway === b.builtin[index]?.gateway) &&
    a.proxies.every((proxy, index) => {
      const other = b.proxies[index];
      return other !== undefined && sameBesidesInsight(proxy, other);
    })
  );
}
