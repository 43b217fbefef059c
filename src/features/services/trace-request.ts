/**
 * One-click traces from a gateway to a service: a request that takes a given rule, written as
 * the trace screen's URL parameters, and what the trace says about it (run here with the same
 * evaluator, so the page can show the verdict next to the link and never offer a request that
 * lands somewhere else without saying so).
 */
import type { ControlPlaneSnapshot } from '../../kuma/snapshot';
import type { HttpRouteMatch } from '../../kuma/types';
import { tracePath } from '../../lib/paths';
import { evaluateGatewayRequest, type Verdict } from '../../traffic/evaluate-request';
import {
  gatewayChoice,
  gatewayRequest,
  parseTarget,
  type TraceInput,
  traceToParams,
} from '../trace';
import type { ServiceIdentity } from './service-identity';
import type { BuiltinEntry, DelegatedEntry } from './service-model';

/** A host a listener or virtual host accepts: wildcards get a label, `*` an example domain. */
export function exampleHost(hostname: string): string {
  if (hostname === '' || hostname === '*') return 'example.com';
  return hostname.startsWith('*.') ? `www.${hostname.slice(2)}` : hostname;
}

/** A path, query and header lines that satisfy a match; regexes are not inverted (`/`). */
export function requestFor(match: HttpRouteMatch | undefined): {
  path: string;
  query: string;
  headers: string[];
  method: string;
} {
  const path = match?.path;
  const value = path?.type === 'RegularExpression' ? '/' : path?.value || '/';
  const query = (match?.queryParams ?? [])
    .filter((param) => param.type !== 'RegularExpression')
    .map((param) => `${encodeURIComponent(param.name)}=${encodeURIComponent(param.value ?? '')}`)
    .join('&');
  const headers = (match?.headers ?? []).flatMap((header) => {
    switch (header.type ?? 'Exact') {
      case 'Exact':
      case 'Prefix':
        return [`${header.name}: ${header.value ?? ''}`];
      case 'Present':
        return [`${header.name}: 1`];
      default:
        return [];
    }
  });
  return { path: value, query, headers, method: (match?.method ?? 'GET').toUpperCase() };
}

function defaultPort(scheme: string): number {
  return scheme === 'https' ? 443 : 80;
}

/** The trace form's input for a request through `entry`'s gateway, listener and rule. */
export function builtinTraceInput(mesh: string, entry: BuiltinEntry): TraceInput {
  const scheme = entry.listener.protocol === 'HTTPS' ? 'https' : 'http';
  const host = exampleHost(entry.virtualHost ?? entry.listener.hostname);
  const port =
    entry.listener.port === undefined || entry.listener.port === defaultPort(scheme)
      ? ''
      : `:${entry.listener.port}`;
  const request = requestFor(entry.matchSpec);
  return {
    mesh,
    gateway: `builtin:${entry.gateway}`,
    url: `${scheme}://${host}${port}${request.path}${request.query ? `?${request.query}` : ''}`,
    method: request.method,
    headers: request.headers.join('\n'),
  };
}

/**
 * Through a delegated gateway Kuma sees only the outbound leg; the trace picks the target from
 * the `x-kuma-service` header, so the request names it there.
 */
export function delegatedTraceInput(mesh: string, entry: DelegatedEntry): TraceInput {
  return {
    mesh,
    gateway: `delegated:${entry.gateway}`,
    url: 'http://example.com/',
    method: 'GET',
    headers: `x-kuma-service: ${entry.outboundService}`,
  };
}

/** The trace page with the request filled in; the trace runs as the page opens. */
export function traceRequestPath(input: TraceInput): string {
  const params = traceToParams(input);
  params.set('tab', 'trace');
  return tracePath(params);
}

export interface TracePreview {
  verdict: Verdict;
  /**
   * `service`: some backend the request was sent to is this service; `elsewhere`: it was sent
   * to other backends only; `stopped`: it failed before any backend (gateway, listener, route).
   */
  reaches: 'service' | 'elsewhere' | 'stopped';
}

/** What the trace screen will say about `input`; undefined when the input cannot be traced. */
export function previewTrace(
  snapshot: ControlPlaneSnapshot,
  input: TraceInput,
  identity: Pick<ServiceIdentity, 'names'>,
): TracePreview | undefined {
  const target = parseTarget(input);
  const choice = gatewayChoice(input.gateway);
  if (!target.ok || choice.kind === 'edge') return undefined;
  const result = evaluateGatewayRequest(
    snapshot,
    gatewayRequest(input.mesh, choice, target, input.method),
  );
  const reaches = result.backends.some((backend) => identity.names.includes(backend.service))
    ? 'service'
    : result.backends.length > 0
      ? 'elsewhere'
      : 'stopped';
  return { verdict: result.verdict, reaches };
}
