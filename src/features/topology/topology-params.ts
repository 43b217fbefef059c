import { naturalCompare } from '../../lib/natural-compare';
import { formatCount } from '../../lib/plural';
import type { TopologyFilter } from '../../topology/view';
import type { MeshChoices } from './topology-queries';

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

export type TopologyTab = 'interactive' | 'mermaid';

/** `?tab=mermaid`, else the interactive canvas. */
export function readTab(params: URLSearchParams): TopologyTab {
  return params.get('tab') === 'mermaid' ? 'mermaid' : 'interactive';
}

/**
 * The meshes drawn in full or folded against the default: the user's own choices, plus the
 * meshes picked with `?mesh=` on the mermaid tab (it draws them in full whatever the canvas
 * shows) and a traced request's mesh, which are never folded.
 */
export function meshChoicesOf(
  params: Pick<TopologyParams, 'meshes' | 'expand' | 'collapse'>,
  tab: TopologyTab,
  tracedMesh: string | undefined,
): MeshChoices {
  const inFull = [...(tab === 'mermaid' ? params.meshes : []), ...(tracedMesh ? [tracedMesh] : [])];
  return {
    expand: splitList([...params.expand, ...inFull].join(',')),
    collapse: params.collapse.filter((mesh) => !inFull.includes(mesh)),
  };
}

/** What `filterTopology` needs from the URL state. */
export function filterOf(
  params: Pick<TopologyParams, 'meshes' | 'kind' | 'health' | 'q'>,
): TopologyFilter {
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

/**
 * How many services "Expand all" draws at most: about 1,250 nodes (a service, its sidecar and a
 * share of gateways and groups each), which the canvas pans at full frame rate and ELK lays out
 * in a second or two. The default large scenario (500 services in 10 meshes) fits whole; at
 * 5,000 services in 100 meshes the rest stays collapsed, to expand one by one or filter.
 */
export const EXPAND_ALL_SERVICE_BUDGET = 600;

export interface ExpandAllPlan {
  /** The meshes to expand, in the order they were taken. */
  expand: string[];
  /** Services in them, and in every mesh. */
  services: number;
  totalServices: number;
  totalMeshes: number;
  /** Whether some meshes were left collapsed. */
  capped: boolean;
}

/**
 * The meshes "Expand all" expands: those the user picked first (filtered, holding the
 * selection, already expanded), then the rest by name, while their services fit in `budget`
 * (the first one always, however big). Stops at the first that does not fit, so what is left
 * out is a plain "from mesh X on" rather than a scatter.
 */
export function planExpandAll(
  meshes: readonly { mesh: string; services: number }[],
  first: readonly string[] = [],
  budget: number = EXPAND_ALL_SERVICE_BUDGET,
): ExpandAllPlan {
  const rank = new Map(first.map((mesh, index) => [mesh, index]));
  const ordered = [...meshes].sort((a, b) => {
    const ra = rank.get(a.mesh) ?? Number.POSITIVE_INFINITY;
    const rb = rank.get(b.mesh) ?? Number.POSITIVE_INFINITY;
    if (ra !== rb) return ra - rb;
    return naturalCompare(a.mesh, b.mesh);
  });
  const expand: string[] = [];
  let services = 0;
  for (const entry of ordered) {
    if (expand.length > 0 && services + entry.services > budget) break;
    expand.push(entry.mesh);
    services += entry.services;
  }
  const totalServices = meshes.reduce((sum, entry) => sum + entry.services, 0);
  return {
    expand,
    services,
    totalServices,
    totalMeshes: meshes.length,
    capped: expand.length < meshes.length,
  };
}

/** What the screen says after a capped "Expand all". */
export function expandAllNote(plan: ExpandAllPlan): string | undefined {
  if (!plan.capped) return undefined;
  const n = formatCount;
  return `Expanded ${n(plan.expand.length)} of ${n(plan.totalMeshes)} meshes (${n(plan.services)} of ${n(plan.totalServices)} services): expand others one by one or filter.`;
}

/** `expand` / `collapse` lists that draw exactly `meshes` in full and fold the others. */
export function expandOnly(
  allMeshes: readonly string[],
  meshes: readonly string[],
  defaultCollapsed: boolean,
): { expand: string[]; collapse: string[] } {
  const chosen = new Set(meshes);
  return defaultCollapsed
    ? { expand: allMeshes.filter((mesh) => chosen.has(mesh)), collapse: [] }
    : { expand: [], collapse: allMeshes.filter((mesh) => !chosen.has(mesh)) };
}
