/**
 * Which listener of a MeshGateway serves a (port, host) pair (gateway-semantics.md §1.5 rule 2,
 * §6.2 rule 4). Listeners sharing a port are processed from most exact hostname to least exact,
 * and a host served by a more exact listener is removed from the less exact ones: a request for
 * `foo.example.com` lands on the `foo.example.com` listener whenever one exists, even when only
 * the `*.example.com` listener has routes (the docs' "isolated listeners" example, a 404).
 */
import type { MeshGateway, MeshGatewayListener } from '../kuma/types';
import { counted } from '../lib/plural';
import {
  compareHostnameExactness,
  hostnameContains,
  hostnameMatches,
  normalizeHostname,
  normalizeRequestHost,
  sortByExactness,
} from './hostnames';

export interface IndexedListener {
  listener: MeshGatewayListener;
  /** Position in `conf.listeners`. */
  index: number;
  port?: number;
  /** `HTTP`, `HTTPS`, `TCP`, `TLS`, or what the resource says (`NONE`, empty). */
  protocol: string;
  /** Normalised hostname: `*` when empty. */
  hostname: string;
}

export function indexedListeners(
  gateway: Pick<MeshGateway, 'conf'> | undefined,
): IndexedListener[] {
  return (gateway?.conf?.listeners ?? []).map((listener, index) => ({
    listener: listener ?? {},
    index,
    port: listener?.port,
    protocol: listener?.protocol ?? '',
    hostname: normalizeHostname(listener?.hostname),
  }));
}

export function listenersOnPort(
  gateway: Pick<MeshGateway, 'conf'> | undefined,
  port: number,
): IndexedListener[] {
  return indexedListeners(gateway).filter((entry) => entry.port === port);
}

/** "listener #1 (HTTPS :8443, hostname foo.example.com)". */
export function describeListener(entry: IndexedListener): string {
  const protocol = entry.protocol || 'no protocol';
  const port = entry.port === undefined ? 'no port' : `:${entry.port}`;
  return `listener #${entry.index} (${protocol} ${port}, hostname ${entry.hostname})`;
}

export interface ListenerSelection {
  port: number;
  host: string;
  /** All listeners bound to the port, in declaration order. */
  onPort: IndexedListener[];
  /** Listeners on the port whose hostname accepts the host, most exact first. */
  matching: IndexedListener[];
  /** The listener that serves the host: the most exact of `matching`. */
  selected?: IndexedListener;
  /** Less exact listeners that also accept the host but lose it to `selected`. */
  shadowed: IndexedListener[];
  /** One sentence for the trace. */
  reason: string;
}

export function selectListener(
  gateway: Pick<MeshGateway, 'conf'> | undefined,
  port: number,
  host: string,
): ListenerSelection {
  const normalizedHost = normalizeRequestHost(host);
  const onPort = listenersOnPort(gateway, port);
  const matching = sortByExactness(
    onPort.filter((entry) => hostnameMatches(entry.hostname, normalizedHost)),
    (entry) => entry.hostname,
  );
  const [selected, ...shadowed] = matching;
  let reason: string;
  if (onPort.length === 0) {
    const ports = [...new Set(indexedListeners(gateway).map((entry) => entry.port))]
      .filter((value): value is number => value !== undefined)
      .sort((a, b) => a - b);
    reason =
      ports.length > 0
        ? `No listener is bound to port ${port}; the gateway listens on ${ports.join(', ')}.`
        : `The gateway has no listeners, so nothing is bound to port ${port}.`;
  } else if (!selected) {
    reason = `${counted(onPort.length, 'listener')} on port ${port} (${onPort
      .map((entry) => entry.hostname)
      .join(', ')}) but none accepts host "${normalizedHost || '(empty)'}".`;
  } else if (shadowed.length > 0) {
    reason = `Host "${normalizedHost}" goes to ${describeListener(selected)}, the most exact of ${matching.length} matching listeners; ${shadowed
      .map(describeListener)
      .join(', ')} ${shadowed.length === 1 ? 'loses' : 'lose'} this host to it.`;
  } else {
    reason = `Host "${normalizedHost}" matches ${describeListener(selected)}.`;
  }
  return { port, host: normalizedHost, onPort, matching, selected, shadowed, reason };
}

/**
 * Hostnames of listeners on the same port that are more exact than `entry` and lie inside its
 * hostname: those hosts are removed from `entry` (Kuma's "observed hostnames").
 */
export function hostnamesTakenByMoreExactListeners(
  entry: IndexedListener,
  onPort: readonly IndexedListener[],
): string[] {
  return onPort
    .filter(
      (other) =>
        other !== entry &&
        other.hostname !== entry.hostname &&
        compareHostnameExactness(other.hostname, entry.hostname) < 0 &&
        hostnameContains(entry.hostname, other.hostname),
    )
    .map((other) => other.hostname);
}

/** The more exact listener on the same port that owns `hostname`, if any. */
export function ownerOfHostname(
  hostname: string,
  entry: IndexedListener,
  onPort: readonly IndexedListener[],
): IndexedListener | undefined {
  const normalized = normalizeHostname(hostname);
  return sortByExactness(
    onPort.filter(
      (other) =>
        other !== entry &&
        other.hostname !== entry.hostname &&
        compareHostnameExactness(other.hostname, entry.hostname) < 0 &&
        hostnameContains(other.hostname, normalized),
    ),
    (other) => other.hostname,
  )[0];
}
