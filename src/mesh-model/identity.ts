/**
 * The few facts every consumer of the mesh model reads the same way: the `kuma.io/service` tag,
 * whether a mesh has mTLS, and which service a delegated gateway proxy belongs to. One
 * definition each, so topology, diagnosis, gateway pages, the trace and the demo cannot drift.
 */
import type { DataplaneOverview } from '../kuma/types';
import { isMtlsEnabled } from '../kuma/validation/mtls-enabled';
import { SERVICE_TAG } from '../kuma/validation/tags';

export { isMtlsEnabled, SERVICE_TAG };

/**
 * The service a delegated gateway Dataplane belongs to: its gateway `kuma.io/service` tag, else
 * its own name (kuma-cp's validator requires the tag, but a Dataplane read from an older or a
 * federated control plane may lack it, and the topology still has to draw it somewhere).
 */
export function delegatedGatewayService(
  dataplane: Pick<DataplaneOverview, 'name' | 'dataplane'>,
): string {
  return dataplane.dataplane?.networking?.gateway?.tags?.[SERVICE_TAG] ?? dataplane.name;
}
