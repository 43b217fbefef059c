import {
  type DataplaneKind,
  type DataplaneStatus,
  dataplaneKind,
  dataplaneServices,
  dataplaneStatus,
  dataplaneTags,
} from '../../kuma/dataplane-status';
import { displayNameOf } from '../../kuma/display-name';
import type { DataplaneNetworking, DataplaneOverview } from '../../kuma/types';
import { formatTime } from './format';
import { proxyVersions } from './subscriptions';

export const KIND_LABELS: Record<DataplaneKind, string> = {
  standard: 'standard',
  builtin: 'built-in gateway',
  delegated: 'delegated gateway',
};

export const STATUS_LABELS: Record<DataplaneStatus, string> = {
  online: 'online',
  offline: 'offline',
  partially_degraded: 'partially degraded',
};

/** Sort rank of a status: online first ascending, offline first descending. */
export const STATUS_RANK: Record<DataplaneStatus, number> = {
  online: 0,
  partially_degraded: 1,
  offline: 2,
};

export type CertificateState = 'none' | 'valid' | 'expired';

/** One dataplane as the list shows it. */
export interface DataplaneRow {
  /** `mesh/name`: unique across meshes. */
  key: string;
  mesh: string;
  /** The stored name, which API paths take. */
  name: string;
  /** The name to show: the one it was given on its zone, when multi-zone KDS renamed it. */
  displayName: string;
  kind: DataplaneKind;
  services: string[];
  address?: string;
  status: DataplaneStatus;
  zone?: string;
  kumaDpVersion?: string;
  /** Raw expiry time of the proxy's mTLS certificate (only when mTLS issued one). */
  certificateExpiry?: string;
  mtlsBackend?: string;
}

const ZONE_TAG = 'kuma.io/zone';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function networkingOf(overview: Pick<DataplaneOverview, 'dataplane'>): DataplaneNetworking {
  return overview.dataplane?.networking ?? {};
}

/** The zone a proxy runs in: its `kuma.io/zone` tag, or the label newer versions set. */
export function zoneOf(
  overview: Pick<DataplaneOverview, 'dataplane' | 'labels'>,
): string | undefined {
  for (const tags of dataplaneTags(networkingOf(overview))) {
    const zone = text(tags[ZONE_TAG]);
    if (zone) return zone;
  }
  return text(overview.labels?.[ZONE_TAG]);
}

export function dataplaneRow(overview: DataplaneOverview): DataplaneRow {
  const networking = networkingOf(overview);
  const insight = overview.dataplaneInsight;
  const mtls = insight?.mTLS;
  return {
    key: `${overview.mesh}/${overview.name}`,
    mesh: overview.mesh,
    name: overview.name,
    displayName: displayNameOf(overview),
    kind: dataplaneKind(networking),
    services: dataplaneServices(networking),
    address: text(networking.advertisedAddress) ?? text(networking.address),
    status: dataplaneStatus(networking, insight),
    zone: zoneOf(overview),
    kumaDpVersion: proxyVersions(insight).kumaDp,
    certificateExpiry: text(mtls?.certificateExpirationTime),
    mtlsBackend: text(mtls?.issuedBackend),
  };
}

/**
 * Kuma's API cannot filter on status server-side: the status term narrows the page that was
 * loaded, never the total.
 */
export function filterByStatus<Row extends { status: DataplaneStatus }>(
  rows: readonly Row[],
  status: DataplaneStatus | undefined,
): Row[] {
  return status ? rows.filter((row) => row.status === status) : [...rows];
}

/** Whether a certificate with this expiry is still valid at `now` (ms since epoch). */
export function certificateState(expiry: string | undefined, now: number): CertificateState {
  const millis = expiry ? Date.parse(expiry) : Number.NaN;
  if (Number.isNaN(millis)) return 'none';
  return millis <= now ? 'expired' : 'valid';
}

/** A certificate expiry ready to show, with its state at `now`. */
export function certificateLabel(
  expiry: string | undefined,
  now: number,
): { state: CertificateState; text: string } {
  const state = certificateState(expiry, now);
  // No certificate may mean mTLS is off, or that no proxy has connected to receive one.
  return { state, text: state === 'none' ? 'none issued' : (formatTime(expiry) ?? 'unknown') };
}
