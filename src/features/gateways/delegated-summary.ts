/**
 * Data shaping for a delegated gateway: what its proxies can reach. Kuma knows nothing of the
 * proxy's (Kong's) own routes; what it manages is the outbound leg, declared as the Dataplanes'
 * outbounds (a `kuma.io/service` tag or, 2.9+, a MeshService `backendRef`).
 */
import type { DataplaneOutbound, DataplaneOverview } from '../../kuma/types';
import { describeBackendRef } from '../../traffic/backends';

export interface OutboundTarget {
  key: string;
  /** The service name (tag value or backendRef name), shown as text. */
  service: string;
  /** `kuma.io/service tag` or `MeshService checkout:8080`. */
  via: string;
  /** Local ports the proxy (e.g. Kong) sends to, as `127.0.0.1:10001`. */
  listeners: string[];
  /** Dataplanes of the gateway that declare this outbound. */
  dataplanes: string[];
}

function targetOf(outbound: DataplaneOutbound): { key: string; service: string; via: string } {
  if (outbound.backendRef) {
    const via = describeBackendRef(outbound.backendRef);
    return { key: `ref\u0000${via}`, service: outbound.backendRef.name ?? via, via };
  }
  const service = outbound.tags?.['kuma.io/service'];
  if (service) {
    const extra = Object.entries(outbound.tags ?? {})
      .filter(([key]) => key !== 'kuma.io/service')
      .map(([key, value]) => `${key}=${value}`);
    const via = ['kuma.io/service tag', ...extra].join(', ');
    return { key: `tag\u0000${service}\u0000${extra.join(',')}`, service, via };
  }
  return { key: `port\u0000${outbound.port}`, service: '(no service)', via: 'no tags' };
}

/** Outbounds of all the gateway's Dataplanes, one row per target, sorted by service. */
export function delegatedOutbounds(dataplanes: readonly DataplaneOverview[]): OutboundTarget[] {
  const byKey = new Map<string, OutboundTarget>();
  for (const dataplane of dataplanes) {
    for (const outbound of dataplane.dataplane.networking.outbound ?? []) {
      const { key, service, via } = targetOf(outbound);
      const target = byKey.get(key) ?? { key, service, via, listeners: [], dataplanes: [] };
      const listener = `${outbound.address ?? '127.0.0.1'}:${outbound.port}`;
      if (!target.listeners.includes(listener)) target.listeners.push(listener);
      if (!target.dataplanes.includes(dataplane.name)) target.dataplanes.push(dataplane.name);
      byKey.set(key, target);
    }
  }
  return [...byKey.values()].sort((a, b) =>
    a.service === b.service ? (a.via < b.via ? -1 : 1) : a.service < b.service ? -1 : 1,
  );
}
