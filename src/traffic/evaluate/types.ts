/**
 * The shapes of a traced request: the request, the typed steps each stage writes, the verdict
 * and the result. Every stage under `src/traffic/evaluate/` reads and writes these; the public
 * entry points are in `src/traffic/evaluate-request.ts`.
 */
import type { BackendRef, MeshGatewayListener } from '../../kuma/types';
import type { BackendStatus } from '../backends';
import type { MatchedRule } from '../route-matching';

export const NO_ROUTES_MESSAGE = 'This is a Kuma MeshGateway. No routes match this MeshGateway!';
export const RBAC_DENIED_MESSAGE = 'RBAC: access denied';
export const NO_HEALTHY_UPSTREAM_MESSAGE = 'no healthy upstream';

/**
 * Envoy's default `max_request_headers_kb` (60 KiB), which Kuma leaves as it is for gateway
 * listeners (no `max_request_headers_kb` in kumahq/kuma 2.6.15 or 2.14.3): a larger request
 * head gets 431 before any route is looked at. It also bounds what route regexes are matched
 * against.
 */
export const MAX_REQUEST_HEADERS_BYTES = 60 * 1024;

/**
 * About the size Envoy counts against MAX_REQUEST_HEADERS_BYTES: names and values of every
 * header, with `:method`, `:path` and `:authority` for the request line and Host (UTF-8 bytes;
 * Envoy's exact count may differ by a few bytes).
 */
export function requestHeadersSize(
  request: Pick<GatewayRequest, 'method' | 'path' | 'host' | 'headers'>,
): number {
  const encoder = new TextEncoder();
  const bytes = (text: string) => encoder.encode(text).length;
  let size = bytes(`:method${request.method}:path${request.path}:authority${request.host}`);
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (name.toLowerCase() === 'host') continue;
    size += bytes(name) + bytes(String(value));
    if (size > MAX_REQUEST_HEADERS_BYTES) break;
  }
  return size;
}

export interface GatewayRequest {
  /** A MeshGateway (built-in) or the `kuma.io/service` of a delegated gateway. */
  gateway: { mesh: string; name: string } | { mesh: string; delegatedService: string };
  scheme: 'http' | 'https';
  /** Host header, and SNI for https. */
  host: string;
  port: number;
  /** Path, optionally with a query string. */
  path: string;
  method: string;
  headers: Record<string, string>;
  /**
   * The calling Dataplane when the client is a mesh proxy. Only cross-mesh listeners care: they
   * accept nothing but mesh proxies over mTLS.
   */
  from?: { mesh: string; dataplane: string };
}

export type StepKind =
  | 'gateway'
  | 'instances'
  /** What kuma-cp can generate for the gateway's proxies. */
  | 'configuration'
  | 'listener'
  | 'route'
  | 'rule'
  | 'backend'
  | 'endpoints'
  | 'permission';

/** One step of a trace; `kind` says which stage wrote it. */
interface StepOf<K extends StepKind> {
  kind: K;
  outcome: 'pass' | 'fail' | 'warn';
  resource?: { type: string; mesh: string; name: string };
  summary: string;
  detail?: string;
}

/** The steps of a trace, discriminated by the stage that wrote them. */
export type TraceStep = { [K in StepKind]: StepOf<K> }[StepKind];

export type VerdictKind =
  | 'ok'
  | 'no-route'
  | 'no-healthy-upstream'
  | 'rbac-denied'
  | 'unresolved-backend'
  | 'connection-refused'
  | 'connection-reset'
  | 'tls-failure'
  /** Envoy's HTTP codec refuses the request before routing (431). */
  | 'headers-too-large'
  /**
   * The dashboard stopped: a route regex is beyond what one evaluation may spend (`re2.ts`),
   * so what Envoy answers is not known. Status 0: no answer is predicted.
   */
  | 'not-evaluated';

export interface Verdict {
  /** HTTP status; 0 when the connection fails before any HTTP response. */
  status: number;
  kind: VerdictKind;
  /** Index into `steps` of the step that decided a failure. */
  failingStep?: number;
  message: string;
}

export type BackendOutcome = 'ok' | 'unresolved-backend' | 'no-healthy-upstream' | 'rbac-denied';

export interface BackendReport {
  ref: BackendRef;
  weight: number;
  /** Fraction of requests (0–1) sent to this backend. */
  share: number;
  service: string;
  status: BackendStatus;
  healthyEndpoints: number;
  totalEndpoints: number;
  dataplanes: { mesh: string; name: string; online: boolean }[];
  /** Undefined when the backend did not get as far as a permission check. */
  permission?: {
    allowed: boolean;
    mtls: boolean;
    reason: string;
    policy?: string;
    /** `rules`: decided by a policy's `rules[]` (2.12+), where a new `from[]` policy has no say. */
    via?: 'from' | 'rules';
    /** The caller's `kuma.io/service`: whom a MeshTrafficPermission must allow. */
    caller?: string;
  };
  outcome: BackendOutcome;
}

export interface TraceResult {
  steps: TraceStep[];
  verdict: Verdict;
  listener?: MeshGatewayListener & { index: number };
  rule?: MatchedRule;
  /** The MeshTCPRoute carrying the connection, on TCP/TLS listeners. */
  tcpRoute?: { type: 'MeshTCPRoute'; mesh: string; name: string };
  backends: BackendReport[];
}
