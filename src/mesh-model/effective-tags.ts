/**
 * The Dataplane gateway tags a built-in gateway's listeners are judged with, when one answer is
 * wanted for the whole gateway.
 *
 * kuma-cp attaches routes per proxy: each gateway Dataplane's listener tags are its own
 * `networking.gateway.tags` merged with the MeshGateway's and the listener's tags
 * (kumahq/kuma v2.14.3 `pkg/plugins/runtime/gateway/generator.go`, `gatewayListenerInfoFromProxy`:
 * `mesh_proto.Merge(proxy.Dataplane…GetGateway().GetTags(), gateway.Spec.GetTags(),
 * listener.GetTags())`). So "the" tags of a gateway are those every instance satisfies:
 *
 * - a key every instance carries with the same value keeps that value;
 * - a key every instance carries with different values becomes `*` (a route asking for the key
 *   with `*` attaches on every instance; one asking for one value does not);
 * - a key some instance lacks is left out.
 *
 * Without instances, the first selector stands in for them, `*` included (any proxy it binds
 * carries those keys). Dataplane tag values never contain `*` (Kuma's ValidateTags), so `*`
 * here always means "any value".
 *
 * The first instance's tags (what topology and diagnosis took before) can show a route as
 * attached that most instances never get; dropping keys whose values differ (what the gateway
 * page took) loses routes that ask for such a key with `*`.
 */
import type { MeshGateway, Tags } from '../kuma/types';

export function effectiveInstanceTags(
  instanceTags: readonly Tags[],
  gateway: Pick<MeshGateway, 'selectors'>,
): Tags {
  if (instanceTags.length === 0) return { ...(gateway.selectors?.[0]?.match ?? {}) };
  const [first, ...rest] = instanceTags;
  const result: Tags = {};
  for (const [key, value] of Object.entries(first ?? {})) {
    if (!rest.every((tags) => Object.hasOwn(tags, key))) continue;
    result[key] = rest.every((tags) => tags[key] === value) ? value : '*';
  }
  return result;
}

/** A stable key for a tag set (instances sharing it share their routing). */
export function tagsKey(tags: Tags): string {
  return JSON.stringify(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
