import type { GatewayList } from '../../kuma/queries/gateways';
import { gatewayId } from '../../topology/types';

/**
 * Which gateways the edge Kong Gateway fronts. Kuma cannot see the edge, so the user declares
 * it: by default it fronts every gateway with a listener that is not cross-mesh only; the user
 * can change that per gateway. Only the changes are kept (gateway node id → fronted), per
 * control plane, so gateways created later start at the default.
 */
export type EdgeFrontOverrides = Readonly<Record<string, boolean>>;

export interface FrontableGateway {
  id: string;
  /** Fronted when the user said nothing. */
  byDefault: boolean;
}

const KEY_PREFIX = 'kuma-dashboard:topology:edge-fronts:';

export function edgeFrontsKey(identity: string): string {
  return `${KEY_PREFIX}${identity}`;
}

/** The browser's localStorage, when the page may use it. */
export function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

type ReadStorage = Pick<Storage, 'getItem'>;
type WriteStorage = Pick<Storage, 'setItem' | 'removeItem'>;

/** The stored choices; anything unreadable counts as none. */
export function loadEdgeFronts(
  storage: ReadStorage | undefined,
  identity: string,
): EdgeFrontOverrides {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(edgeFrontsKey(identity)) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const overrides: Record<string, boolean> = {};
    for (const [id, value] of Object.entries(parsed)) {
      if (typeof value === 'boolean') overrides[id] = value;
    }
    return overrides;
  } catch {
    return {};
  }
}

export function saveEdgeFronts(
  storage: WriteStorage | undefined,
  identity: string,
  overrides: EdgeFrontOverrides,
): void {
  try {
    if (Object.keys(overrides).length === 0) storage?.removeItem(edgeFrontsKey(identity));
    else storage?.setItem(edgeFrontsKey(identity), JSON.stringify(overrides));
  } catch {
    // Storage may be full or blocked: the choice still holds until the page reloads.
  }
}

/** Every gateway of the control plane, with the edge's default for it (the model's rule). */
export function frontableGateways(list: GatewayList | undefined): FrontableGateway[] {
  if (!list) return [];
  return [
    ...list.builtin.map(({ gateway }) => ({
      id: gatewayId(gateway.mesh, 'builtin', gateway.name),
      byDefault: (gateway.conf?.listeners ?? []).some((listener) => !listener?.crossMesh),
    })),
    ...list.delegated.map((entry) => ({
      id: gatewayId(entry.mesh, 'delegated', entry.service),
      byDefault: true,
    })),
  ];
}

export function isFronted(
  gateway: FrontableGateway | undefined,
  overrides: EdgeFrontOverrides,
): boolean {
  if (!gateway) return false;
  return overrides[gateway.id] ?? gateway.byDefault;
}

/** The choices after the user ticks or unticks one gateway; back at the default drops it. */
export function setEdgeFront(
  overrides: EdgeFrontOverrides,
  gateway: FrontableGateway,
  fronted: boolean,
): EdgeFrontOverrides {
  const { [gateway.id]: _previous, ...rest } = overrides;
  return fronted === gateway.byDefault ? rest : { ...rest, [gateway.id]: fronted };
}

/**
 * `edgeFronts` for `useTopology`: undefined while nothing was changed (the model's default),
 * else the full set of fronted gateway ids. Choices for gateways that no longer exist are
 * ignored (and kept, should the gateway come back).
 */
export function resolveEdgeFronts(
  gateways: readonly FrontableGateway[],
  overrides: EdgeFrontOverrides,
): ReadonlySet<string> | undefined {
  if (!gateways.some((gateway) => gateway.id in overrides)) return undefined;
  return new Set(gateways.filter((gateway) => isFronted(gateway, overrides)).map(({ id }) => id));
}
