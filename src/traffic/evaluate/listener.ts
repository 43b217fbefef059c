/**
 * Listener stage of a built-in gateway trace (gateway-semantics.md §1.5): which listener serves
 * the request, and what turns it away before any route is looked at.
 */
import type { ControlPlaneSnapshot, MeshSnapshot } from '../../kuma/snapshot';
import type { MeshGateway } from '../../kuma/types';
import { isMtlsEnabled } from '../../mesh-model/identity';
import { isWildcardHostname, normalizeRequestHost } from '../hostnames';
import { describeListener, type IndexedListener, selectListener } from '../listener-selection';
import { findMesh, gatewayResource, listenerOf, type Stage, type Trace } from './trace';
import {
  type GatewayRequest,
  MAX_REQUEST_HEADERS_BYTES,
  requestHeadersSize,
  type TraceResult,
} from './types';

function crossMeshCheck(
  trace: Trace,
  snapshot: ControlPlaneSnapshot,
  mesh: MeshSnapshot,
  gateway: MeshGateway,
  entry: IndexedListener,
  request: GatewayRequest,
): TraceResult | undefined {
  const meshName = mesh.mesh?.name ?? gateway.mesh;
  const resource = gatewayResource(gateway, meshName);
  const address = isWildcardHostname(entry.hostname)
    ? `internal.${gateway.name}.${meshName}.mesh:${entry.port}`
    : `${entry.hostname}:${entry.port}`;
  if (!isMtlsEnabled(mesh.mesh)) {
    return trace.fail(
      {
        kind: 'listener',
        outcome: 'fail',
        resource,
        summary: `${describeListener(entry)} is cross-mesh, but mTLS is off in mesh "${meshName}": config generation fails with "mTLS must be enabled for crossMesh-enabled MeshGateways".`,
      },
      'connection-refused',
      0,
      'Connection refused: the cross-mesh listener is never generated without mTLS.',
    );
  }
  if (!request.from) {
    const summary = `${describeListener(entry)} is cross-mesh: it accepts only mesh proxies over mTLS (ALPN "kuma"), reachable as ${address}. A client outside the mesh ${
      request.scheme === 'http'
        ? 'sending plain HTTP has its connection closed'
        : 'has no mesh certificate, so the handshake fails'
    }.`;
    return trace.fail(
      { kind: 'listener', outcome: 'fail', resource, summary },
      request.scheme === 'http' ? 'connection-reset' : 'tls-failure',
      0,
      request.scheme === 'http'
        ? 'Connection reset: the cross-mesh listener only speaks mTLS.'
        : 'TLS handshake failed: the cross-mesh listener requires a mesh client certificate.',
    );
  }
  const callerMesh = findMesh(snapshot, request.from.mesh);
  if (!isMtlsEnabled(callerMesh?.mesh)) {
    return trace.fail(
      {
        kind: 'listener',
        outcome: 'fail',
        resource,
        summary: `${describeListener(entry)} is cross-mesh, but the caller's mesh "${request.from.mesh}" ${callerMesh ? 'has mTLS off' : 'is not in the snapshot'}; every mesh in cross-mesh traffic needs mTLS.`,
      },
      'tls-failure',
      0,
      'TLS handshake failed: the caller has no mesh certificate.',
    );
  }
  trace.add({
    kind: 'listener',
    outcome: 'pass',
    resource,
    summary: `${describeListener(entry)} is cross-mesh and reachable from mesh "${request.from.mesh}" as ${address}; MeshTrafficPermission cannot restrict cross-mesh callers.`,
    detail:
      'Without transparent proxy the caller needs an outbound with tags {kuma.io/service: <gateway service>, kuma.io/mesh: <gateway mesh>}.',
  });
  return undefined;
}

export interface ListenerFound {
  entry: IndexedListener;
  /** The listener's protocol: HTTP, HTTPS, TCP or TLS. */
  protocol: string;
  /** The request's host, normalised. */
  host: string;
}

/**
 * Listener stage: the listener that takes the request's port and host (SNI for TLS), the
 * cross-mesh, TLS and protocol checks, and Envoy's limit on the request head.
 */
export function listenerStage(
  trace: Trace,
  snapshot: ControlPlaneSnapshot,
  mesh: MeshSnapshot,
  gateway: MeshGateway,
  request: GatewayRequest,
): Stage<ListenerFound> {
  const meshName = mesh.mesh?.name ?? gateway.mesh ?? '';
  const host = normalizeRequestHost(request.host);
  const selection = selectListener(gateway, request.port, host);
  const resource = gatewayResource(gateway, meshName);
  if (selection.onPort.length === 0) {
    return trace.fail(
      { kind: 'listener', outcome: 'fail', resource, summary: selection.reason },
      'connection-refused',
      0,
      `Connection refused: nothing listens on port ${request.port}.`,
    );
  }
  // Cross-mesh filter chains take only TLS with ALPN "kuma": a plain client is turned away
  // before any host is looked at.
  if (!request.from && selection.onPort.every((entry) => entry.listener.crossMesh)) {
    const entry = selection.selected ?? (selection.onPort[0] as IndexedListener);
    trace.listener = listenerOf(entry);
    const failed = crossMeshCheck(trace, snapshot, mesh, gateway, entry, request);
    if (failed) return failed;
  }
  const protocol = (selection.selected ?? selection.onPort[0])?.protocol ?? '';
  if (protocol === 'HTTPS' || protocol === 'TLS') {
    if (request.scheme === 'http') {
      const first = selection.selected ?? (selection.onPort[0] as IndexedListener);
      trace.listener = listenerOf(first);
      return trace.fail(
        {
          kind: 'listener',
          outcome: 'fail',
          resource,
          summary: `Port ${request.port} is served by ${describeListener(first)}, which expects TLS; a plain HTTP request finds no filter chain and the connection is closed.`,
        },
        'connection-reset',
        0,
        `Connection reset: port ${request.port} speaks ${protocol}, use https.`,
      );
    }
    if (!selection.selected) {
      return trace.fail(
        {
          kind: 'listener',
          outcome: 'fail',
          resource,
          summary: `SNI "${host}" matches no listener hostname on port ${request.port} (${selection.onPort
            .map((e) => e.hostname)
            .join(', ')}), so the TLS handshake fails before any HTTP exchange.`,
        },
        'tls-failure',
        0,
        `TLS handshake failed: no certificate for "${host}" on port ${request.port}.`,
      );
    }
    const tls = selection.selected.listener.tls;
    const terminate = (tls?.mode ?? 'TERMINATE') === 'TERMINATE';
    if (!tls || (terminate && (tls.certificates ?? []).length === 0)) {
      trace.listener = listenerOf(selection.selected);
      return trace.fail(
        {
          kind: 'listener',
          outcome: 'fail',
          resource,
          summary: `${describeListener(selection.selected)} has ${tls ? 'no certificates' : 'no tls block'}, so Kuma cannot build its TLS filter chain and the handshake fails.`,
          detail:
            'Check the tls section of the listener and that the certificate secret exists in the mesh.',
        },
        'tls-failure',
        0,
        'TLS handshake failed: the listener has no usable certificate.',
      );
    }
  } else if (protocol === 'HTTP' && request.scheme === 'https') {
    const first = selection.selected ?? (selection.onPort[0] as IndexedListener);
    trace.listener = listenerOf(first);
    return trace.fail(
      {
        kind: 'listener',
        outcome: 'fail',
        resource,
        summary: `Port ${request.port} is served by ${describeListener(first)}, which speaks plain HTTP; the client's TLS handshake fails.`,
      },
      'tls-failure',
      0,
      `TLS handshake failed: port ${request.port} speaks plain HTTP, use http.`,
    );
  } else if (protocol !== 'HTTP' && protocol !== 'TCP') {
    const first = selection.onPort[0] as IndexedListener;
    return trace.fail(
      {
        kind: 'listener',
        outcome: 'fail',
        resource,
        summary: `${describeListener(first)} has no valid protocol (HTTP, HTTPS, TCP or TLS), so Kuma rejects it.`,
      },
      'connection-refused',
      0,
      `Connection refused: no valid listener on port ${request.port}.`,
    );
  }
  // TCP listeners do not look at the host.
  const entry =
    protocol === 'TCP'
      ? (selection.selected ?? (selection.onPort[0] as IndexedListener))
      : selection.selected;
  if (!entry) {
    return trace.fail(
      {
        kind: 'listener',
        outcome: 'fail',
        resource,
        summary: `${selection.reason} Envoy finds no virtual host for it.`,
      },
      'no-route',
      404,
      `404 Not Found: no listener on port ${request.port} accepts host "${host}".`,
    );
  }
  trace.listener = listenerOf(entry);
  if (entry.listener.crossMesh) {
    const failed = crossMeshCheck(trace, snapshot, mesh, gateway, entry, request);
    if (failed) return failed;
  } else {
    trace.add({
      kind: 'listener',
      outcome: selection.shadowed.length > 0 ? 'warn' : 'pass',
      resource,
      summary:
        protocol === 'TCP'
          ? `Port ${request.port} is served by ${describeListener(entry)}.`
          : selection.reason,
    });
  }

  if (protocol === 'HTTP' || protocol === 'HTTPS') {
    const headerBytes = requestHeadersSize(request);
    if (headerBytes > MAX_REQUEST_HEADERS_BYTES) {
      return trace.fail(
        {
          kind: 'listener',
          outcome: 'fail',
          resource,
          summary: `The request's headers and path take ${headerBytes > MAX_REQUEST_HEADERS_BYTES * 4 ? 'far ' : ''}more than ${MAX_REQUEST_HEADERS_BYTES / 1024} KiB, Envoy's default max_request_headers_kb, which Kuma does not change; Envoy refuses it before looking at any route.`,
          detail: 'Shorten the path, the query string or the headers.',
        },
        'headers-too-large',
        431,
        '431 Request Header Fields Too Large.',
      );
    }
  }
  return { next: { entry, protocol, host } };
}
