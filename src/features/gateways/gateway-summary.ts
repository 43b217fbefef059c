/**
 * Data shaping for the gateway screens: listener summaries, instance health, zones and the rows
 * of the gateway list. Pure functions, so the components stay thin and the rules are testable.
 */

import { dataplaneStatus, isConnectedSubscription } from '../../kuma/dataplane-status';
import { displayNameOf } from '../../kuma/display-name';
import type { DelegatedGateway, GatewayList } from '../../kuma/queries/gateways';
import type {
  DataplaneInsight,
  DataplaneOverview,
  DataSource,
  MeshGateway,
  MeshGatewayListener,
} from '../../kuma/types';
import { builtinGatewayPath, delegatedGatewayPath } from '../../lib/paths';
import { isWildcardHostname, normalizeHostname } from '../../traffic/hostnames';

export type GatewayKind = 'builtin' | 'delegated';

export const KIND_LABELS: Record<GatewayKind, string> = {
  builtin: 'built-in',
  delegated: 'delegated',
};

export const ZONE_TAG = 'kuma.io/zone';

/** `?kind=` from the URL: anything but `builtin` / `delegated` means no kind filter. */
export function parseKind(value: string | null | undefined): GatewayKind | undefined {
  return value === 'builtin' || value === 'delegated' ? value : undefined;
}

// ---------------------------------------------------------------- listeners

export interface ListenerSummary {
  protocol: string;
  port?: number;
  /** `*` when the listener has no hostname. */
  hostname: string;
  crossMesh: boolean;
  /** `HTTP :80 *`, `HTTPS :443 shop.example.com`. */
  text: string;
}

export function summarizeListener(listener: MeshGatewayListener | undefined): ListenerSummary {
  const protocol = listener?.protocol && listener.protocol !== 'NONE' ? listener.protocol : '?';
  const port = listener?.port;
  const hostname = normalizeHostname(listener?.hostname);
  return {
    protocol,
    port,
    hostname,
    crossMesh: Boolean(listener?.crossMesh),
    text: `${protocol} :${port ?? '?'} ${hostname}`,
  };
}

export function summarizeListeners(gateway: Pick<MeshGateway, 'conf'>): ListenerSummary[] {
  return (gateway.conf?.listeners ?? []).map(summarizeListener);
}

/**
 * Where clients in any mesh reach a cross-mesh listener (gateway-semantics.md §3): its hostname
 * when concrete, else the name the control plane generates, `internal.<gateway>.<mesh>.mesh`.
 */
export function crossMeshAddress(
  gateway: Pick<MeshGateway, 'name' | 'mesh'>,
  listener: Pick<MeshGatewayListener, 'hostname' | 'port'>,
): string {
  const hostname = normalizeHostname(listener.hostname);
  const host = isWildcardHostname(hostname)
    ? `internal.${gateway.name}.${gateway.mesh}.mesh`
    : hostname;
  return `${host}:${listener.port ?? '?'}`;
}

/** Where a listener's certificates come from; inline contents are never repeated. */
export function certificateSource(source: DataSource | undefined): string {
  if (source?.secret) return `secret ${source.secret}`;
  if (source?.file) return `file ${source.file}`;
  if (source?.inline || source?.inlineString) return 'inline certificate (contents not shown)';
  return 'empty certificate source';
}

// ---------------------------------------------------------------- instances

export type HealthStatus = 'online' | 'offline' | 'partially_degraded' | 'unknown';

export interface InstanceHealth {
  online: number;
  total: number;
  /** All online, none online, some online, or no instance at all. */
  status: HealthStatus;
}

export function instanceHealth(dataplanes: readonly DataplaneOverview[]): InstanceHealth {
  const total = dataplanes.length;
  const online = dataplanes.filter(
    (dataplane) =>
      dataplaneStatus(dataplane.dataplane.networking, dataplane.dataplaneInsight) === 'online',
  ).length;
  const status: HealthStatus =
    total === 0
      ? 'unknown'
      : online === total
        ? 'online'
        : online === 0
          ? 'offline'
          : 'partially_degraded';
  return { online, total, status };
}

/** The zone a gateway proxy runs in (its `kuma.io/zone` gateway tag), if any. */
export function zoneOf(dataplane: DataplaneOverview): string | undefined {
  return dataplane.dataplane.networking.gateway?.tags?.[ZONE_TAG] || undefined;
}

export function zonesOf(dataplanes: readonly DataplaneOverview[]): string[] {
  const zones = new Set<string>();
  for (const dataplane of dataplanes) {
    const zone = zoneOf(dataplane);
    if (zone) zones.add(zone);
  }
  return [...zones].sort();
}

/** When the proxy's current xDS stream opened; undefined when it is not connected. */
export function connectedSince(insight: DataplaneInsight | undefined): string | undefined {
  const times = (insight?.subscriptions ?? [])
    .filter(isConnectedSubscription)
    .map((subscription) => subscription.connectTime)
    .filter((time): time is string => Boolean(time))
    .sort();
  return times[times.length - 1];
}

/** `2026-11-01 10:00:00 UTC`: stable across time zones, unlike `toLocaleString`. */
export function formatTimestamp(value: string | undefined): string {
  if (!value) return '';
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) return value;
  return `${new Date(millis).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

// ---------------------------------------------------------------- list rows

export interface GatewayRow {
  key: string;
  kind: GatewayKind;
  mesh: string;
  /** The MeshGateway name, or the delegated gateway's `kuma.io/service`. */
  name: string;
  /** What to show: a MeshGateway synced by KDS (either direction) has a hashed `name`. */
  displayName: string;
  href: string;
  /** Built-in only; delegated gateways' listeners live in the proxy (Kong), not in Kuma. */
  listeners: ListenerSummary[];
  health: InstanceHealth;
  zones: string[];
}

function delegatedRow(gateway: DelegatedGateway): GatewayRow {
  return {
    key: `delegated\u0000${gateway.mesh}\u0000${gateway.service}`,
    kind: 'delegated',
    mesh: gateway.mesh,
    name: gateway.service,
    displayName: gateway.service,
    href: delegatedGatewayPath(gateway.mesh, gateway.service),
    listeners: [],
    health: instanceHealth(gateway.dataplanes),
    zones: zonesOf(gateway.dataplanes),
  };
}

function compareRows(a: GatewayRow, b: GatewayRow): number {
  if (a.mesh !== b.mesh) return a.mesh < b.mesh ? -1 : 1;
  if (a.displayName !== b.displayName) return a.displayName < b.displayName ? -1 : 1;
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
}

/** Every gateway of every mesh, both kinds, sorted by mesh then name. */
export function gatewayRows(list: GatewayList): GatewayRow[] {
  const builtin = list.builtin.map(
    ({ gateway, instances }): GatewayRow => ({
      key: `builtin\u0000${gateway.mesh}\u0000${gateway.name}`,
      kind: 'builtin',
      mesh: gateway.mesh,
      name: gateway.name,
      displayName: displayNameOf(gateway),
      href: builtinGatewayPath(gateway.mesh, gateway.name),
      listeners: summarizeListeners(gateway),
      health: instanceHealth(instances),
      zones: zonesOf(instances),
    }),
  );
  return [...builtin, ...list.delegated.map(delegatedRow)].sort(compareRows);
}

export interface GatewayFilters {
  mesh?: string;
  kind?: GatewayKind;
  /** Free text: matched against name, mesh, kind, listener summaries and zones. */
  q?: string;
}

function searchText(row: GatewayRow): string {
  return [
    row.name,
    row.displayName,
    row.mesh,
    KIND_LABELS[row.kind],
    row.kind,
    ...row.listeners.map((listener) => listener.text),
    ...row.zones,
  ]
    .join('\n')
    .toLowerCase();
}

export function filterGatewayRows(
  rows: readonly GatewayRow[],
  filters: GatewayFilters,
): GatewayRow[] {
  const words = (filters.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (filters.mesh && row.mesh !== filters.mesh) return false;
    if (filters.kind && row.kind !== filters.kind) return false;
    if (words.length === 0) return true;
    const text = searchText(row);
    return words.every((word) => text.includes(word));
  });
}

/** Meshes for the filter select: known meshes, those with gateways, and the one in the URL. */
export function meshChoices(
  known: readonly string[],
  rows: readonly GatewayRow[],
  selected?: string,
): string[] {
  const names = new Set([...known, ...rows.map((row) => row.mesh)]);
  if (selected) names.add(selected);
  return [...names].sort();
}

// ---------------------------------------------------------------- YAML

export const REDACTED = '(redacted by the dashboard)';

/**
 * A copy of a MeshGateway (Universal, or Kubernetes with `spec`) whose inline certificate data
 * (PEM private keys) is replaced by a placeholder; `redacted` counts the replaced values.
 */
export function redactInlineCertificates<T>(resource: T): { value: T; redacted: number } {
  if (typeof resource !== 'object' || resource === null) return { value: resource, redacted: 0 };
  const copy = structuredClone(resource) as Record<string, unknown>;
  const spec = (copy.spec ?? copy) as { conf?: { listeners?: unknown } };
  const listeners = Array.isArray(spec?.conf?.listeners) ? spec.conf.listeners : [];
  let redacted = 0;
  for (const listener of listeners as { tls?: { certificates?: unknown } }[]) {
    const certificates = listener?.tls?.certificates;
    if (!Array.isArray(certificates)) continue;
    for (const source of certificates as Record<string, unknown>[]) {
      for (const key of ['inline', 'inlineString']) {
        if (source && typeof source === 'object' && source[key] !== undefined) {
          source[key] = REDACTED;
          redacted++;
        }
      }
    }
  }
  return { value: copy as T, redacted };
}
