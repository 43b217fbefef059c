import type { TopologyFilter } from '../../topology/view';

export const GATEWAY_KINDS = ['builtin', 'delegated'] as const;
export type GatewayKindFilter = (typeof GATEWAY_KINDS)[number];

export const HEALTH_FILTERS = ['online', 'degraded', 'offline'] as const;
export type HealthFilter = (typeof HEALTH_FILTERS)[number];

/** The topology screen's view state, as the URL holds it. */
export interface TopologyParams {
  /** `?mesh=a,b`: only these meshes; empty for all. */
  meshes: string[];
  /** `?kind=builtin|delegated` */
  kind?: GatewayKindFilter;
  /** `?health=online|degraded|offline` */
  health?: HealthFilter;
  /** `?q=` free text. */
  q: string;
  /** `?expand=a,b`: meshes drawn in full although the default collapses them. */
  expand: string[];
  /** `?collapse=c`: meshes folded into a summary node although the default draws them. */
  collapse: string[];
  /** `?selected=<node id>`: what the side panel shows. */
  selected?: string;
}

export interface TopologyParamChanges {
  meshes?: readonly string[];
  kind?: GatewayKindFilter | undefined;
  health?: HealthFilter | undefined;
  q?: string;
  expand?: readonly string[];
  collapse?: readonly string[];
  selected?: string | undefined;
}

/** A comma list from the URL: trimmed, without empties or repeats, in the order given. */
export function splitList(value: string | null | undefined): string[] {
  if (!value) return [];
  return [
    ...new Set(
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

export function readTopologyParams(params: URLSearchParams): TopologyParams {
  const kind = oneOf(params.get('kind'), GATEWAY_KINDS);
  const health = oneOf(params.get('health'), HEALTH_FILTERS);
  const selected = params.get('selected') || undefined;
  return {
    meshes: splitList(params.get('mesh')),
    ...(kind ? { kind } : {}),
    ...(health ? { health } : {}),
    q: params.get('q') ?? '',
    expand: splitList(params.get('expand')),
    collapse: splitList(params.get('collapse')),
    ...(selected ? { selected } : {}),
  };
}

/** What `filterTopology` needs from the URL state. */
export function filterOf(params: TopologyParams): TopologyFilter {
  const text = params.q.trim();
  return {
    ...(params.meshes.length > 0 ? { meshes: params.meshes } : {}),
    ...(params.kind ? { gatewayKind: params.kind } : {}),
    ...(params.health ? { health: params.health } : {}),
    ...(text ? { text } : {}),
  };
}

export function hasActiveFilter(params: TopologyParams): boolean {
  return Boolean(params.meshes.length || params.kind || params.health || params.q.trim());
}

const KEYS: Record<keyof TopologyParamChanges, string> = {
  meshes: 'mesh',
  kind: 'kind',
  health: 'health',
  q: 'q',
  expand: 'expand',
  collapse: 'collapse',
  selected: 'selected',
};

/** The URL after some changes; empty values are dropped, other parameters (`?tab=`) kept. */
export function applyTopologyParams(
  current: URLSearchParams,
  changes: TopologyParamChanges,
): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [name, value] of Object.entries(changes) as [
    keyof TopologyParamChanges,
    string | readonly string[] | undefined,
  ][]) {
    const key = KEYS[name];
    const text = Array.isArray(value) ? splitList(value.join(',')).join(',') : (value ?? '');
    if (text === '') next.delete(key);
    else next.set(key, text as string);
  }
  return next;
}

/**
 * The `expand` / `collapse` lists after the user collapses or expands one mesh: each list only
 * holds departures from the default, so a mesh back at its default leaves both lists.
 */
export function toggleMesh(
  state: { expand: readonly string[]; collapse: readonly string[] },
  mesh: string,
  collapse: boolean,
  defaultCollapsed: boolean,
): { expand: string[]; collapse: string[] } {
  const expand = state.expand.filter((name) => name !== mesh);
  const collapsed = state.collapse.filter((name) => name !== mesh);
  if (collapse && !defaultCollapsed) collapsed.push(mesh);
  if (!collapse && defaultCollapsed) expand.push(mesh);
  return { expand, collapse: collapsed };
}

/** Collapse or expand every mesh at once. */
export function setAllMeshes(
  meshes: readonly string[],
  collapse: boolean,
  defaultCollapsed: boolean,
): { expand: string[]; collapse: string[] } {
  if (collapse === defaultCollapsed) return { expand: [], collapse: [] };
  return collapse ? { expand: [], collapse: [...meshes] } : { expand: [...meshes], collapse: [] };
}
