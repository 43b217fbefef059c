/**
 * Whether what we wrote is what stayed: the re-read right after a PUT compared with our body as
 * kuma-cp stores it. What kuma-cp itself adds on store (computed labels, the dataplane manager's
 * zone tags and inbound health) is not someone else's write and is left out.
 */
import type { Capabilities } from '../capabilities';
import { admitResource, isAdmittedKind } from '../validation';
import { canonicalJson, normalizeStored, type Resource } from './resource-version';

/**
 * The resource as kuma-cp will serve it back after storing `resource`: read the way kuma-cp
 * reads a body (Go's JSON decoding, protojson for the legacy kinds: empty maps and zero values
 * dropped, keys in its order). Kinds the shared validation does not know are taken as sent.
 */
export function storedFormOf(
  caps: Pick<Capabilities, 'version' | 'environment'>,
  resource: Resource,
): Resource {
  if (!isAdmittedKind(resource.type)) return resource;
  const admission = admitResource(resource.type, resource, {
    version: caps.version,
    environment: caps.environment,
  });
  return admission.verdict === 'accepted' ? (admission.resource as unknown as Resource) : resource;
}

interface DataplaneTags {
  networking?: {
    gateway?: { tags?: Record<string, string> };
    inbound?: { tags?: Record<string, string>; state?: unknown; health?: unknown }[];
  };
}

/**
 * Labels kuma-cp computes when it stores a resource (`AllComputedLabels` of
 * pkg/core/resources/labels/compute.go, v2.14.3); 2.6 adds `kuma.io/origin` on zones.
 */
const COMPUTED_LABELS = new Set([
  'kuma.io/mesh',
  'kuma.io/origin',
  'kuma.io/zone',
  'kuma.io/env',
  'k8s.kuma.io/namespace',
  'kuma.io/policy-role',
  'kuma.io/proxy-type',
  'kuma.io/listener-zoneingress',
  'kuma.io/listener-zoneegress',
  'k8s.kuma.io/service-account',
]);

/** `stored`'s labels without the computed ones the form did not send itself. */
export function withoutComputedLabels(stored: Resource, ours: Resource): Resource {
  if (!stored.labels) return stored;
  const sent = ours.labels ?? {};
  const labels = Object.fromEntries(
    Object.entries(stored.labels).filter(([key]) => key in sent || !COMPUTED_LABELS.has(key)),
  );
  const { labels: _labels, ...rest } = stored;
  return Object.keys(labels).length > 0 ? { ...rest, labels } : rest;
}

/**
 * `stored` without what kuma-cp's dataplane manager adds to a Dataplane it stores and the form
 * did not send (`setInboundsClusterTag`, `setGatewayClusterTag` and `setHealth` of
 * pkg/core/managers/apis/dataplane/dataplane_manager.go, v2.14.3): the `kuma.io/zone` tag on
 * inbounds and the gateway - in a `tags` map it creates when the body had none, so a gateway sent
 * as `{}` is served as `{tags: {kuma.io/zone: …}}` - and an inbound's `state` / `health` (NotReady
 * until its first probe). Anything else is compared as it is.
 */
function withoutManagerAdditions(stored: Resource, ours: Resource): Resource {
  if (stored.type !== 'Dataplane') return stored;
  const copy = structuredClone(stored) as Resource & DataplaneTags;
  const sent = (ours as Resource & DataplaneTags).networking;
  const dropZone = (
    holder: { tags?: Record<string, string> } | undefined,
    sentHolder: { tags?: Record<string, string> } | undefined,
  ) => {
    const tags = holder?.tags;
    if (!holder || !tags || (sentHolder?.tags && 'kuma.io/zone' in sentHolder.tags)) return;
    delete tags['kuma.io/zone'];
    // The map kuma-cp made only to hold the zone tag was not in our body.
    if (Object.keys(tags).length === 0 && sentHolder?.tags === undefined) delete holder.tags;
  };
  dropZone(copy.networking?.gateway, sent?.gateway);
  copy.networking?.inbound?.forEach((inbound, i) => {
    const sentInbound = sent?.inbound?.[i];
    dropZone(inbound, sentInbound);
    if (!sentInbound || !('state' in sentInbound)) delete inbound.state;
    if (!sentInbound || !('health' in sentInbound)) delete inbound.health;
  });
  return copy;
}

/**
 * Whether `stored` (read back right after our PUT) holds what we wrote: `ours` is the stored
 * form of our body (`storedFormOf`). Server fields, computed labels and the dataplane manager's
 * additions are left out on both sides.
 */
export function holdsOurs(stored: Resource, ours: Resource): boolean {
  return (
    canonicalJson(
      normalizeStored(withoutComputedLabels(withoutManagerAdditions(stored, ours), ours)),
    ) === canonicalJson(normalizeStored(ours))
  );
}

/** What the re-read right after our PUT says: ours stayed, or someone else's write followed. */
export type AfterWrite = 'kept' | 'replaced' | 'deleted';

export function judgeAfterWrite(ours: Resource, reread: Resource | undefined): AfterWrite {
  if (reread === undefined) return 'deleted';
  return holdsOurs(reread, ours) ? 'kept' : 'replaced';
}
