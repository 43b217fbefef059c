/**
 * The kinds of resource the dashboard names: kuma-cp's own types it reads or writes, and the
 * pseudo-kinds the dashboard derives from them. Plain strings drifted (a typo compiled); a union
 * makes the compiler list the cases a switch forgets.
 */

/** kuma-cp resource types the dashboard reads or writes, as `type` in their bodies. */
export const WIRE_KINDS = [
  'Mesh',
  'MeshInsight',
  'MeshGateway',
  'MeshGatewayInstance',
  'MeshHTTPRoute',
  'MeshTCPRoute',
  'MeshTrafficPermission',
  'MeshService',
  'Dataplane',
  'DataplaneOverview',
  'ServiceInsight',
  'Secret',
  'Zone',
  'ZoneOverview',
] as const;

export type WireKind = (typeof WIRE_KINDS)[number];

/**
 * What Kuma has no resource for but the dashboard shows as one: a delegated gateway is the
 * gateway dataplanes sharing one `kuma.io/service` (its "name" is that service).
 */
export type DerivedKind = 'DelegatedGateway';

/** Any kind a finding, a trace step, a link or a cache key names. */
export type ResourceKind = WireKind | DerivedKind;

/** The kinds a gateway form stores and compares against (what it writes with PUT). */
export type WritableKind = Extract<
  WireKind,
  'Mesh' | 'MeshGateway' | 'MeshHTTPRoute' | 'MeshTCPRoute' | 'MeshTrafficPermission' | 'Dataplane'
>;

const KINDS: ReadonlySet<string> = new Set<string>([...WIRE_KINDS, 'DelegatedGateway']);

/** Narrows a string from the wire or a URL to a kind the dashboard knows. */
export function isResourceKind(value: string): value is ResourceKind {
  return KINDS.has(value);
}
