import type { EdgeTraffic, Health, TopologyEdge } from '../../topology/types';

/** Above this share of 4xx + 5xx responses an edge is drawn in the error colour. */
export const ERROR_SHARE_THRESHOLD = 0.05;

export type EdgeTone = 'managed' | 'unmanaged' | 'error';

export interface EdgeAppearance {
  tone: EdgeTone;
  /** Mesh-managed traffic is dashed, as in the docs; the rest is solid. */
  dashed: boolean;
  /** CSS colour (a theme variable). */
  color: string;
  arrowStart: boolean;
  arrowEnd: boolean;
  /** `12.5 rps · 3% errors` when traffic was observed, else undefined. */
  label?: string;
}

export const TONE_COLOR: Record<EdgeTone, string> = {
  managed: 'var(--managed)',
  unmanaged: 'var(--unmanaged)',
  error: 'var(--offline)',
};

export const HEALTH_COLOR: Record<Health, string> = {
  online: 'var(--online)',
  degraded: 'var(--degraded)',
  offline: 'var(--offline)',
  unknown: 'var(--muted)',
};

export const HEALTH_LABEL: Record<Health, string> = {
  online: 'Online',
  degraded: 'Degraded',
  offline: 'Offline',
  unknown: 'No dataplanes',
};

export function formatRate(requestsPerSecond: number): string {
  if (requestsPerSecond === 0) return '0 rps';
  if (requestsPerSecond < 0.1) return '<0.1 rps';
  return `${requestsPerSecond < 10 ? requestsPerSecond.toFixed(1) : Math.round(requestsPerSecond)} rps`;
}

export function formatErrorShare(errorShare: number): string {
  const percent = errorShare * 100;
  if (percent === 0) return '0%';
  if (percent < 1) return '<1%';
  return `${Math.round(percent)}%`;
}

export function trafficLabel(traffic: EdgeTraffic | undefined): string | undefined {
  if (!traffic) return undefined;
  const rate = formatRate(traffic.requestsPerSecond);
  return traffic.errorShare > 0 ? `${rate} · ${formatErrorShare(traffic.errorShare)} errors` : rate;
}

/** How an edge is drawn: dash by kind, colour by kind or errors, arrowheads by direction. */
export function edgeAppearance(edge: TopologyEdge): EdgeAppearance {
  const failing = (edge.traffic?.errorShare ?? 0) > ERROR_SHARE_THRESHOLD;
  const tone: EdgeTone = failing ? 'error' : edge.kind;
  // A service and its own sidecar share a pod: the docs draw an open line (`---`).
  const directed = edge.relation !== 'service-sidecar';
  const label = trafficLabel(edge.traffic);
  return {
    tone,
    dashed: edge.kind === 'managed',
    color: TONE_COLOR[tone],
    arrowStart: directed && edge.bidirectional,
    arrowEnd: directed,
    ...(label ? { label } : {}),
  };
}

export interface EdgeLegendItem {
  id: string;
  label: string;
  tone: EdgeTone;
  dashed: boolean;
}

export interface HealthLegendItem {
  health: Health;
  label: string;
  color: string;
}

/** What the legend shows: the two line kinds, the error colour, health colours, the rate label. */
export const LEGEND = {
  edges: [
    {
      id: 'managed',
      label: 'Mesh-managed (mTLS)',
      tone: 'managed',
      dashed: true,
    },
    { id: 'unmanaged', label: 'Unmanaged', tone: 'unmanaged', dashed: false },
    {
      id: 'errors',
      label: `> ${Math.round(ERROR_SHARE_THRESHOLD * 100)}% errors`,
      tone: 'error',
      dashed: false,
    },
  ] satisfies EdgeLegendItem[],
  health: (['online', 'degraded', 'offline', 'unknown'] as const).map(
    (health): HealthLegendItem => ({
      health,
      label: HEALTH_LABEL[health],
      color: HEALTH_COLOR[health],
    }),
  ),
} as const;

/** What the gateways pass on to the services behind them, summed over the drawing. */
export interface ObservedTraffic {
  /** `37 rps · 4% errors`, as an edge label reads. */
  label: string;
  requestsPerSecond: number;
  errorShare: number;
  /** Gateway links the figure adds up. */
  links: number;
}

/**
 * The observed-traffic chip's figures: the requests the gateways send to their services (the
 * ingress this dashboard is about), error share weighted by rate. Sidecar-to-sidecar links are
 * left out, as a request through a gateway would be counted again at each hop. Undefined while
 * no gateway link has two samples of counters yet.
 */
export function observedTraffic(edges: readonly TopologyEdge[]): ObservedTraffic | undefined {
  let requestsPerSecond = 0;
  let errors = 0;
  let links = 0;
  for (const edge of edges) {
    if (edge.relation !== 'gateway-service' || !edge.traffic) continue;
    requestsPerSecond += edge.traffic.requestsPerSecond;
    errors += edge.traffic.requestsPerSecond * edge.traffic.errorShare;
    links += 1;
  }
  if (links === 0) return undefined;
  const errorShare = requestsPerSecond > 0 ? errors / requestsPerSecond : 0;
  return {
    label: trafficLabel({ requestsPerSecond, errorShare }) ?? '',
    requestsPerSecond,
    errorShare,
    links,
  };
}
