import type { ListColumn } from '../../ui/use-sorted-rows';
import { type GatewayRow, KIND_LABELS } from './gateway-summary';

/**
 * The gateway list's columns and what each sorts by. The list is read whole (every
 * MeshGateway and gateway proxy), so a sort orders every page.
 */
export function gatewayColumns(showZones: boolean): ListColumn<GatewayRow>[] {
  return [
    { id: 'name', label: 'Gateway', sortValue: (row) => row.displayName },
    { id: 'mesh', label: 'Mesh', sortValue: (row) => row.mesh },
    { id: 'kind', label: 'Kind', sortValue: (row) => KIND_LABELS[row.kind] },
    {
      id: 'listeners',
      label: 'Listeners',
      // Delegated gateways' listeners live in the proxy, unknown to Kuma: last either way.
      sortValue: (row) => (row.kind === 'delegated' ? undefined : row.listeners.length),
      descFirst: true,
    },
    {
      id: 'instances',
      label: 'Instances',
      // Offline instances first when descending: the gateways that need a look.
      sortValue: (row) => row.health.total - row.health.online,
      descFirst: true,
    },
    ...(showZones
      ? [
          {
            id: 'zones',
            label: 'Zones',
            sortValue: (row: GatewayRow) => row.zones.join(', ') || undefined,
          },
        ]
      : []),
  ];
}

export const GATEWAY_SORTABLE = ['name', 'mesh', 'kind', 'listeners', 'instances', 'zones'];
