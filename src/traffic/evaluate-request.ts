/**
 * Traffic-path evaluation: where and why a request through a gateway fails. The dashboard's
 * debugger and the demo control plane's traffic simulation both call these functions, so a
 * prediction and the simulated status always agree.
 *
 * Built-in gateway: gateway → instances → listener → route → rule → backend → endpoints →
 * permission. Delegated gateway (Kong beside a sidecar): Kuma knows nothing of Kong's routing,
 * so the request is evaluated as a service call from the delegated Dataplane to the service it
 * targets. Connection-level failures carry status 0.
 */
import { isConnected } from '../kuma/dataplane-status';
import type { ControlPlaneSnapshot, MeshSnapshot } from '../kuma/snapshot';
import type {
  BackendRef,
  DataplaneOutbound,
  DataplaneOverview,
  MeshGateway,
  MeshGatewayListener,
  MeshTCPRoute,
} from '../kuma/types';
import { isMtlsEnabled } from '../mesh-model/identity';
import { type BuiltinGatewayModel, buildGatewayModel } from '../mesh-model/mesh-model';
import { counted, plural } from '../ui/plural';
import {
  type BackendStatus,
  backendShares,
  describeBackendRef,
  meshServicesMode,
  type ResolvedBackend,
  resolveBackendRef,
  SERVICE_TAG,
} from './backends';
import type { GatewayInstance } from './gateway-binding';
import { isWildcardHostname, normalizeRequestHost } from './hostnames';
import {
  describeListener,
  type IndexedListener,
  indexedListeners,
  selectListener,
} from './listener-selection';
import {
  evaluatePermission,
  type PermissionDecision,
  type SourceIdentity,
  sourceIdentityFromDataplane,
} from './permissions';
import { MatchBudget } from './re2';
import type { ListenerRoutes } from './route-attachment';
import {
  describeMatch,
  findMatchingEntry,
  type MatchedRule,
  parseRequest,
  selectVirtualHost,
  toMatchedRule,
} from './route-matching';

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

export interface TraceStep {
  kind: StepKind;
  outcome: 'pass' | 'fail' | 'warn';
  resource?: { type: string; mesh: string; name: string };
  summary: string;
  detail?: string;
}

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

// ---------------------------------------------------------------- helpers

class Trace {
  readonly steps: TraceStep[] = [];
  backends: BackendReport[] = [];
  listener?: MeshGatewayListener & { index: number };
  rule?: MatchedRule;
  tcpRoute?: TraceResult['tcpRoute'];

  add(step: TraceStep): number {
    const clean: TraceStep = { kind: step.kind, outcome: step.outcome, summary: step.summary };
    if (step.resource) clean.resource = step.resource;
    if (step.detail) clean.detail = step.detail;
    this.steps.push(clean);
    return this.steps.length - 1;
  }

  finish(verdict: Verdict): TraceResult {
    const result: TraceResult = { steps: this.steps, verdict, backends: this.backends };
    if (this.listener) result.listener = this.listener;
    if (this.rule) result.rule = this.rule;
    if (this.tcpRoute) result.tcpRoute = this.tcpRoute;
    return result;
  }

  fail(step: TraceStep, kind: VerdictKind, status: number, message: string): TraceResult {
    const failingStep = this.add({ ...step, outcome: 'fail' });
    return this.finish({ status, kind, failingStep, message });
  }
}

function findMesh(snapshot: ControlPlaneSnapshot, name: string): MeshSnapshot | undefined {
  return (snapshot?.meshes ?? []).find((mesh) => mesh?.mesh?.name === name);
}

function gatewayResource(gateway: MeshGateway, mesh: string) {
  return { type: 'MeshGateway', mesh: gateway.mesh ?? mesh, name: gateway.name };
}

/** The first TERMINATE certificate naming a secret the mesh lacks (only when names are known). */
function missingCertificateSecret(
  gateway: MeshGateway,
  mesh: MeshSnapshot,
): { entry: IndexedListener; secret: string; at: number } | undefined {
  const known = mesh.secretNames;
  if (!known) return undefined;
  const have = new Set(known);
  for (const entry of indexedListeners(gateway)) {
    if (entry.protocol !== 'HTTPS' && entry.protocol !== 'TLS') continue;
    if (entry.listener.crossMesh) continue;
    const tls = entry.listener.tls;
    if (!tls || (tls.mode ?? 'TERMINATE') !== 'TERMINATE') continue;
    const certificates = tls.certificates ?? [];
    for (let at = 0; at < certificates.length; at++) {
      const secret = certificates[at]?.secret;
      if (secret && !have.has(secret)) return { entry, secret, at };
    }
  }
  return undefined;
}

function dataplaneResource(dataplane: { mesh: string; name: string }) {
  return { type: 'Dataplane', mesh: dataplane.mesh, name: dataplane.name };
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

function listenerOf(entry: IndexedListener): MeshGatewayListener & { index: number } {
  return { ...entry.listener, index: entry.index };
}

function missingMesh(trace: Trace, mesh: string, snapshot: ControlPlaneSnapshot): TraceResult {
  const known = (snapshot?.meshes ?? []).map((m) => m?.mesh?.name).filter(Boolean);
  return trace.fail(
    {
      kind: 'gateway',
      outcome: 'fail',
      resource: { type: 'Mesh', mesh, name: mesh },
      summary: `Mesh "${mesh}" is not in the control-plane snapshot.`,
      detail:
        known.length > 0 ? `Known meshes: ${known.join(', ')}.` : 'The snapshot has no meshes.',
    },
    'connection-refused',
    0,
    `Mesh "${mesh}" does not exist, so nothing listens for this gateway.`,
  );
}

// ---------------------------------------------------------------- backends

function permissionTargets(backend: ResolvedBackend, mesh: string) {
  const healthy = backend.endpoints.filter((endpoint) => endpoint.healthy);
  const meshService = backend.meshService?.name;
  if (healthy.length > 0) {
    return healthy.map((endpoint) => ({
      mesh,
      tags: endpoint.inboundTags,
      dataplane: { name: endpoint.dataplane, labels: endpoint.labels },
      meshService,
    }));
  }
  const service =
    backend.kind === 'legacy'
      ? backend.service
      : (backend.meshService?.spec?.selector?.dataplaneTags?.[SERVICE_TAG] ?? backend.service);
  return [{ mesh, tags: { [SERVICE_TAG]: service }, meshService }];
}

interface BackendEvaluation {
  report: BackendReport;
  resolved: ResolvedBackend;
  permission?: PermissionDecision;
  /** Permission decisions disagree across endpoints. */
  mixed?: { allowed: number; denied: number };
}

function evaluateBackend(
  mesh: MeshSnapshot,
  ref: BackendRef,
  weight: number,
  share: number,
  source: SourceIdentity,
): BackendEvaluation {
  const meshName = mesh.mesh?.name ?? '';
  const resolved = resolveBackendRef(mesh, ref);
  const report: BackendReport = {
    ref,
    weight,
    share,
    service: resolved.service,
    status: resolved.status,
    healthyEndpoints: resolved.healthyEndpoints,
    totalEndpoints: resolved.totalEndpoints,
    dataplanes: resolved.endpoints.map((endpoint) => ({
      mesh: endpoint.mesh,
      name: endpoint.dataplane,
      online: endpoint.online,
    })),
    outcome: 'ok',
  };
  if (resolved.status === 'unresolved')
    return { report: { ...report, outcome: 'unresolved-backend' }, resolved };
  if (resolved.status === 'unhealthy')
    return { report: { ...report, outcome: 'no-healthy-upstream' }, resolved };
  if (resolved.status === 'unknown') return { report, resolved };
  const decisions = permissionTargets(resolved, meshName).map((target) =>
    evaluatePermission(mesh, source, target),
  );
  const allowed = decisions.filter((d) => d.allowed);
  const denied = decisions.filter((d) => !d.allowed);
  // Envoy spreads requests over the endpoints; the majority decides the prediction.
  const verdictAllowed = allowed.length >= denied.length;
  const permission = (verdictAllowed ? allowed[0] : denied[0]) ?? decisions[0];
  return {
    report: {
      ...report,
      outcome: verdictAllowed ? 'ok' : 'rbac-denied',
      permission: permission
        ? {
            allowed: verdictAllowed,
            mtls: permission.mtls,
            reason: permission.reason,
            policy: permission.decidedBy?.policy.name,
            ...(source.services[0] ? { caller: source.services[0] } : {}),
          }
        : undefined,
    },
    resolved,
    permission,
    mixed:
      allowed.length > 0 && denied.length > 0
        ? { allowed: allowed.length, denied: denied.length }
        : undefined,
  };
}

type Transport = 'http' | 'tcp';

/** The resource a backend step names: the MeshService, or the service (ServiceInsight) for tags. */
function backendResource(resolved: ResolvedBackend, mesh: string) {
  if (resolved.resource) return resolved.resource;
  if (resolved.kind === 'legacy') return { type: 'ServiceInsight', mesh, name: resolved.service };
  return undefined;
}

function failureVerdict(
  outcome: BackendOutcome,
  transport: Transport,
  evaluation: BackendEvaluation,
  failingStep: number,
): Verdict {
  const name = evaluation.report.service;
  if (transport === 'tcp') {
    const httpInbound = evaluation.resolved.endpoints.some((endpoint) =>
      ['http', 'http2', 'grpc'].includes(endpoint.inboundTags['kuma.io/protocol'] ?? ''),
    );
    if (outcome === 'rbac-denied' && httpInbound) {
      return { status: 403, kind: 'rbac-denied', failingStep, message: RBAC_DENIED_MESSAGE };
    }
    const why =
      outcome === 'unresolved-backend'
        ? `backend ${name} does not resolve`
        : outcome === 'no-healthy-upstream'
          ? `backend ${name} has no healthy endpoint`
          : `the MeshTrafficPermissions on ${name} deny the caller`;
    return {
      status: 0,
      kind: outcome === 'rbac-denied' ? 'rbac-denied' : 'connection-reset',
      failingStep,
      message: `Connection closed: ${why}.`,
    };
  }
  switch (outcome) {
    case 'unresolved-backend':
      return {
        status: 503,
        kind: 'unresolved-backend',
        failingStep,
        message: `Backend ${name} does not resolve (kuma.io/unresolved-backend), so the gateway has no cluster to send to.`,
      };
    case 'no-healthy-upstream':
      return {
        status: 503,
        kind: 'no-healthy-upstream',
        failingStep,
        message: NO_HEALTHY_UPSTREAM_MESSAGE,
      };
    default:
      return { status: 403, kind: 'rbac-denied', failingStep, message: RBAC_DENIED_MESSAGE };
  }
}

function outcomeSentence(outcome: BackendOutcome): string {
  switch (outcome) {
    case 'unresolved-backend':
      return '503 (unresolved backend)';
    case 'no-healthy-upstream':
      return `503 ${NO_HEALTHY_UPSTREAM_MESSAGE}`;
    case 'rbac-denied':
      return `403 ${RBAC_DENIED_MESSAGE}`;
    default:
      return 'success';
  }
}

/** Evaluate every weighted backend, add their steps, and return the verdict of the heaviest. */
function evaluateBackends(
  trace: Trace,
  mesh: MeshSnapshot,
  refs: readonly BackendRef[],
  source: SourceIdentity,
  transport: Transport,
  successMessage: (service: string) => string,
): Verdict {
  const meshName = mesh.mesh?.name ?? '';
  if (refs.length === 0) {
    const failingStep = trace.add({
      kind: 'backend',
      outcome: 'fail',
      summary: 'The matched rule has no backendRefs, so there is nowhere to send the request.',
      detail:
        'Kuma requires backendRefs on gateway rules unless a RequestRedirect filter is present.',
    });
    return transport === 'tcp'
      ? {
          status: 0,
          kind: 'connection-reset',
          failingStep,
          message: 'Connection closed: the route has no backend.',
        }
      : {
          status: 503,
          kind: 'unresolved-backend',
          failingStep,
          message: 'The matched rule has no backendRefs.',
        };
  }
  const shares = backendShares(refs);
  let primaryIndex = 0;
  shares.forEach((entry, index) => {
    if (entry.weight > (shares[primaryIndex]?.weight ?? 0)) primaryIndex = index;
  });
  const evaluations = shares.map((entry) =>
    evaluateBackend(mesh, entry.ref, entry.weight, entry.share, source),
  );
  trace.backends = evaluations.map((evaluation) => evaluation.report);
  const several = evaluations.length > 1;
  let primaryFailingStep: number | undefined;
  evaluations.forEach((evaluation, index) => {
    const { report, resolved, permission } = evaluation;
    const isPrimary = index === primaryIndex;
    const failOutcome = isPrimary ? 'fail' : 'warn';
    const shareNote = several
      ? ` It receives ${percent(report.share)} of the traffic (weight ${report.weight})${isPrimary ? ', the largest share, so it decides the verdict' : ''}.`
      : '';
    const backendStep = trace.add({
      kind: 'backend',
      outcome: resolved.resolved ? (resolved.status === 'unknown' ? 'warn' : 'pass') : failOutcome,
      resource: backendResource(resolved, meshName),
      summary: `${resolved.summary}${shareNote}`,
    });
    if (isPrimary && report.outcome === 'unresolved-backend') primaryFailingStep = backendStep;
    if (!resolved.resolved || resolved.status === 'unknown') return;
    const endpointsStep = trace.add({
      kind: 'endpoints',
      outcome: resolved.status === 'healthy' ? 'pass' : failOutcome,
      resource: backendResource(resolved, meshName),
      summary: resolved.healthSummary,
      detail:
        report.dataplanes.length > 0
          ? `Endpoints: ${resolved.endpoints
              .map(
                (e) =>
                  `${e.dataplane} (${e.online ? 'online' : 'offline'}${e.ready ? '' : ', inbound not ready'})`,
              )
              .join(', ')}.`
          : undefined,
    });
    if (isPrimary && report.outcome === 'no-healthy-upstream') primaryFailingStep = endpointsStep;
    if (resolved.status !== 'healthy' || !permission) return;
    const mixed = evaluation.mixed
      ? ` MeshTrafficPermissions differ across endpoints: ${evaluation.mixed.allowed} allow and ${evaluation.mixed.denied} deny the caller, so some requests get 403 ${RBAC_DENIED_MESSAGE}.`
      : '';
    const permissionStep = trace.add({
      kind: 'permission',
      outcome: report.outcome === 'rbac-denied' ? failOutcome : evaluation.mixed ? 'warn' : 'pass',
      resource: permission.resource ?? { type: 'Mesh', mesh: meshName, name: meshName },
      summary: permission.reason,
      detail: mixed ? mixed.trim() : undefined,
    });
    if (isPrimary && report.outcome === 'rbac-denied') primaryFailingStep = permissionStep;
  });
  const failingOthers = evaluations.filter(
    (evaluation, index) =>
      index !== primaryIndex && evaluation.report.outcome !== 'ok' && evaluation.report.share > 0,
  );
  if (failingOthers.length > 0) {
    trace.add({
      kind: 'backend',
      outcome: 'warn',
      summary: `Some requests fail: ${failingOthers
        .map(
          (e) =>
            `${e.report.service} (${percent(e.report.share)} of requests) gets ${outcomeSentence(e.report.outcome)}`,
        )
        .join('; ')}.`,
      detail:
        'Envoy picks a backend per request by weight, so these failures hit only that share of the traffic.',
    });
  }
  const primary = evaluations[primaryIndex];
  if (!primary) {
    return { status: 503, kind: 'unresolved-backend', message: 'No backend to evaluate.' };
  }
  if (primary.report.outcome !== 'ok') {
    return failureVerdict(
      primary.report.outcome,
      transport,
      primary,
      primaryFailingStep ?? trace.steps.length - 1,
    );
  }
  return {
    status: 200,
    kind: 'ok',
    message: successMessage(primary.report.service),
  };
}

// ---------------------------------------------------------------- built-in gateway

function instancesStep(
  trace: Trace,
  mesh: MeshSnapshot,
  model: BuiltinGatewayModel,
): { instance?: GatewayInstance; result?: TraceResult } {
  const { gateway, instances, stolen } = model;
  const meshName = mesh.mesh?.name ?? gateway.mesh;
  const stolenNote =
    stolen.length > 0
      ? ` ${stolen
          .map(
            ({ instance, boundTo }) =>
              `Dataplane ${instance.name} matches its selectors but serves MeshGateway "${boundTo.name}" (a better-ranked or newer selector).`,
          )
          .join(' ')}`
      : '';
  const selectors = (gateway.selectors ?? [])
    .map((selector) => JSON.stringify(selector?.match ?? {}))
    .join(', ');
  if (instances.length === 0) {
    return {
      result: trace.fail(
        {
          kind: 'instances',
          outcome: 'fail',
          resource: gatewayResource(gateway, meshName),
          summary: `No BUILTIN gateway Dataplane serves MeshGateway "${gateway.name}", so nothing listens on its ports.${stolenNote}`,
          detail: `Its selectors ${selectors || '(none)'} must match the tags of a Dataplane with networking.gateway.type BUILTIN. On Kubernetes, check the MeshGatewayInstance (service tag <name>_<namespace>_svc) and its mesh label; on Universal, start kuma-dp with a BUILTIN Dataplane.`,
        },
        'connection-refused',
        0,
        `Connection refused: MeshGateway "${gateway.name}" has no instances.`,
      ),
    };
  }
  const online = instances.filter((instance) => instance.online);
  const names = instances.map((i) => `${i.name} (${i.online ? 'online' : 'offline'})`).join(', ');
  if (online.length === 0) {
    return {
      result: trace.fail(
        {
          kind: 'instances',
          outcome: 'fail',
          resource: dataplaneResource(instances[0] as GatewayInstance),
          summary: `All ${counted(instances.length, 'instance')} of MeshGateway "${gateway.name}" are offline: ${names}.`,
          detail: `A gateway Dataplane is online while it has an open xDS stream to the control plane.${stolenNote}`,
        },
        'connection-refused',
        0,
        `Connection refused: no instance of MeshGateway "${gateway.name}" is online.`,
      ),
    };
  }
  const instance = online[0] as GatewayInstance;
  trace.add({
    kind: 'instances',
    outcome: online.length < instances.length || stolen.length > 0 ? 'warn' : 'pass',
    resource: dataplaneResource(instance),
    summary: `${online.length} of ${counted(instances.length, 'instance')} of MeshGateway "${gateway.name}" ${plural(online.length, 'is', 'are')} online: ${names}.${stolenNote}`,
  });
  return { instance };
}

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

function evaluateBuiltin(
  snapshot: ControlPlaneSnapshot,
  request: GatewayRequest,
  ref: { mesh: string; name: string },
): TraceResult {
  const trace = new Trace();
  const mesh = findMesh(snapshot, ref.mesh);
  if (!mesh) return missingMesh(trace, ref.mesh, snapshot);
  const meshName = mesh.mesh?.name ?? ref.mesh;
  const model = buildGatewayModel(mesh).builtinGateway(ref.name);
  const gateway = model?.gateway;
  if (!model || !gateway) {
    const others = (mesh.gateways ?? []).map((g) => g.name);
    return trace.fail(
      {
        kind: 'gateway',
        outcome: 'fail',
        resource: { type: 'MeshGateway', mesh: meshName, name: ref.name },
        summary: `MeshGateway "${ref.name}" does not exist in mesh "${meshName}".`,
        detail:
          others.length > 0
            ? `MeshGateways in this mesh: ${others.join(', ')}.`
            : 'This mesh has no MeshGateways (Kuma 3.x has no built-in gateways).',
      },
      'connection-refused',
      0,
      `Connection refused: MeshGateway "${ref.name}" does not exist.`,
    );
  }
  const listeners = gateway.conf?.listeners ?? [];
  trace.add({
    kind: 'gateway',
    outcome: 'pass',
    resource: gatewayResource(gateway, meshName),
    summary: `MeshGateway "${gateway.name}" in mesh "${meshName}" declares ${counted(listeners.length, 'listener')}.`,
  });

  const { instance, result } = instancesStep(trace, mesh, model);
  if (result || !instance)
    return result ?? trace.finish({ status: 0, kind: 'connection-refused', message: '' });
  // The request lands on this instance: what kuma-cp generates for its own tags.
  const routing = model.routingFor(instance);
  if (routing.failure) {
    return trace.fail(
      {
        kind: 'configuration',
        outcome: 'fail',
        resource: routing.failure.route ?? gatewayResource(gateway, meshName),
        summary: routing.failure.summary,
        detail: routing.failure.detail,
      },
      'connection-refused',
      0,
      `Connection refused: kuma-cp sends MeshGateway "${gateway.name}" no configuration (a proxy that ran before keeps its last one).`,
    );
  }

  // A certificate secret the mesh lacks fails the gateway's whole configuration in kuma-cp (its
  // filter chain generator cannot load the datasource). Judged only when the names were readable.
  const missing = missingCertificateSecret(gateway, mesh);
  if (missing) {
    trace.listener = listenerOf(missing.entry);
    return trace.fail(
      {
        kind: 'listener',
        outcome: 'fail',
        resource: gatewayResource(gateway, meshName),
        summary: `${describeListener(missing.entry)} of MeshGateway "${gateway.name}" names secret "${missing.secret}" (tls.certificates[${missing.at}]), which does not exist in mesh "${meshName}": kuma-cp cannot generate the gateway's configuration (could not load data: resource not found: type="Secret" name="${missing.secret}" mesh="${meshName}").`,
        detail: `Create secret "${missing.secret}" in mesh "${meshName}" (Universal: kumactl apply -f with type: Secret; Kubernetes: a Secret of type system.kuma.io/secret labelled kuma.io/mesh: ${meshName}), or pick an existing one in the gateway form.`,
      },
      'connection-refused',
      0,
      `Connection refused: kuma-cp sends MeshGateway "${gateway.name}" no configuration while secret "${missing.secret}" is missing (a proxy that ran before keeps its last one).`,
    );
  }

  // ---- listener
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

  // ---- routes
  const listenerRouting = routing.listeners.find(
    (candidate) => candidate.entry.index === entry.index,
  );
  const attachment = listenerRouting?.routes ?? {
    http: [],
    tcp: [],
    attachedHttp: [],
    attachedTcp: [],
  };
  const source = sourceIdentityFromDataplane(instance.dataplane);
  if (protocol === 'TCP' || protocol === 'TLS') {
    return continueTcp(trace, mesh, attachment, entry, source);
  }
  const wrongKind = attachment.tcp.map((a) => a.reason);
  const notAttached = attachment.http.filter((a) => !a.attached).map((a) => a.reason);
  const virtualHosts = listenerRouting?.virtualHosts ?? [];
  if (routing.routed && protocol === 'HTTPS' && virtualHosts.length === 0) {
    return trace.fail(
      {
        kind: 'route',
        outcome: 'fail',
        resource,
        summary: `No MeshHTTPRoute gives ${describeListener(entry)} a virtual host, so kuma-cp builds no TLS filter chain for "${host}" and the handshake fails.`,
        detail: [...notAttached, ...wrongKind].join(' ') || undefined,
      },
      'tls-failure',
      0,
      `TLS handshake failed: no filter chain for "${host}" on port ${request.port}.`,
    );
  }
  if (attachment.attachedHttp.length === 0) {
    const detail = [...notAttached, ...wrongKind];
    const why =
      detail.length > 0
        ? detail.join(' ')
        : `No MeshHTTPRoute targets MeshGateway "${gateway.name}" (targetRef kind MeshGateway, name ${gateway.name}).`;
    // Without any attached route kuma-cp builds the gateway the old way, with its own 404 page.
    return routing.routed
      ? trace.fail(
          {
            kind: 'route',
            outcome: 'fail',
            resource,
            summary: `No MeshHTTPRoute attaches to ${describeListener(entry)}, so port ${request.port} has no virtual host for "${host}" and Envoy answers its own empty 404.`,
            detail: why,
          },
          'no-route',
          404,
          `404 Not Found: no virtual host for "${host}" on port ${request.port}.`,
        )
      : trace.fail(
          {
            kind: 'route',
            outcome: 'fail',
            resource,
            summary: `No MeshHTTPRoute attaches to any listener of MeshGateway "${gateway.name}", so kuma-cp builds it without routes and it answers 404 "${NO_ROUTES_MESSAGE}".`,
            detail: why,
          },
          'no-route',
          404,
          NO_ROUTES_MESSAGE,
        );
  }
  const attachedReasons = attachment.http.filter((a) => a.attached).map((a) => a.reason);
  trace.add({
    kind: 'route',
    outcome: notAttached.length > 0 ? 'warn' : 'pass',
    resource: {
      type: 'MeshHTTPRoute',
      mesh: meshName,
      name: attachment.attachedHttp[attachment.attachedHttp.length - 1]?.name ?? '',
    },
    summary: attachedReasons.join(' '),
    detail: notAttached.length > 0 ? `Not attached: ${notAttached.join(' ')}` : undefined,
  });

  // ---- rule
  const virtualHost = selectVirtualHost(virtualHosts, host);
  if (!virtualHost) {
    return trace.fail(
      {
        kind: 'rule',
        outcome: 'fail',
        resource,
        summary:
          virtualHosts.length === 0
            ? `Every route hostname on ${describeListener(entry)} belongs to a more exact listener, so this listener gets no virtual host and Envoy answers its own empty 404.`
            : `Host "${host}" matches none of the route hostnames on ${describeListener(entry)} (${virtualHosts
                .map((vh) => vh.hostname)
                .join(', ')}).`,
      },
      'no-route',
      404,
      `404 Not Found: no virtual host for "${host}" on port ${request.port}.`,
    );
  }
  if (virtualHost.entries.length === 0) {
    return trace.fail(
      {
        kind: 'rule',
        outcome: 'fail',
        resource,
        summary: `Virtual host ${virtualHost.hostname} has no rules with matches, so the gateway answers 404 "${NO_ROUTES_MESSAGE}".`,
      },
      'no-route',
      404,
      NO_ROUTES_MESSAGE,
    );
  }
  const parsed = parseRequest(request);
  const {
    entry: winner,
    rejected,
    notEvaluated,
  } = findMatchingEntry(virtualHost, parsed, new MatchBudget());
  if (notEvaluated) {
    return trace.fail(
      {
        kind: 'rule',
        outcome: 'fail',
        resource: {
          type: 'MeshHTTPRoute',
          mesh: meshName,
          name: notEvaluated.entry.rule.origin.route.name,
        },
        summary: `The dashboard stopped at rule ${notEvaluated.entry.rule.origin.ruleIndex} of MeshHTTPRoute "${notEvaluated.entry.rule.origin.route.name}" (${describeMatch(notEvaluated.entry.match)}): ${notEvaluated.reason}.`,
        detail: `Envoy matches RE2 in linear time and would answer; the dashboard bounds the work of one trace so that a route or a request cannot stall it. ${rejected.length} rule(s) were ruled out before.`,
      },
      'not-evaluated',
      0,
      'Not evaluated: a route regex is too costly for the dashboard to match against this request.',
    );
  }
  if (!winner) {
    const tried = rejected
      .slice(0, 6)
      .map(
        (r) => `"${r.entry.rule.origin.route.name}" ${describeMatch(r.entry.match)}: ${r.reason}`,
      )
      .join('; ');
    return trace.fail(
      {
        kind: 'rule',
        outcome: 'fail',
        resource: {
          type: 'MeshHTTPRoute',
          mesh: meshName,
          name: rejected[0]?.entry.rule.origin.route.name ?? '',
        },
        summary: `No rule of virtual host ${virtualHost.hostname} matches ${parsed.method} ${parsed.path}; Envoy answers a plain 404.`,
        detail: tried ? `Rules tried in order: ${tried}.` : undefined,
      },
      'no-route',
      404,
      `404 Not Found: no rule matches ${parsed.method} ${parsed.path} on ${virtualHost.hostname}.`,
    );
  }
  const matched = toMatchedRule(winner, virtualHost.hostname);
  trace.rule = matched;
  const hostNote =
    matched.routeHostname === virtualHost.hostname
      ? ''
      : `; declared under route hostname ${matched.routeHostname} and merged into virtual host ${virtualHost.hostname}`;
  const overriddenNote =
    matched.overridden.length > 0
      ? ` It overrides identical matches in ${matched.overridden.map((o) => `"${o.route}"`).join(', ')} (on a gateway listener the route whose name sorts last wins).`
      : '';
  const earlier =
    rejected.length > 0
      ? `Rules tried first: ${rejected
          .slice(0, 6)
          .map(
            (r) =>
              `"${r.entry.rule.origin.route.name}" ${describeMatch(r.entry.match)}: ${r.reason}`,
          )
          .join('; ')}.`
      : undefined;
  trace.add({
    kind: 'rule',
    outcome: 'pass',
    resource: matched.route,
    summary: `${parsed.method} ${parsed.path} on ${host} matches rule ${matched.ruleIndex} of MeshHTTPRoute "${matched.route.name}" (${describeMatch(matched.match)}${hostNote}).${overriddenNote}`,
    detail: earlier,
  });
  const redirect = matched.filters.find((filter) => filter?.type === 'RequestRedirect');
  if (redirect) {
    const r = redirect.requestRedirect ?? {};
    const status = r.statusCode ?? 302;
    const target = `${r.scheme ?? request.scheme}://${r.hostname ?? host}${r.port ? `:${r.port}` : ''}`;
    return trace.finish({
      status,
      kind: 'ok',
      message: `${status} redirect to ${target} (RequestRedirect filter; no backend is called).`,
    });
  }

  // ---- backends
  const verdict = evaluateBackends(
    trace,
    mesh,
    matched.backendRefs,
    source,
    'http',
    (service) =>
      `200: ${parsed.method} ${parsed.path} reaches ${service} through MeshGateway "${gateway.name}".`,
  );
  return trace.finish(verdict);
}

function continueTcp(
  trace: Trace,
  mesh: MeshSnapshot,
  attachment: ListenerRoutes,
  entry: IndexedListener,
  source: SourceIdentity,
): TraceResult {
  const meshName = mesh.mesh?.name ?? '';
  const wrongKind = attachment.http.map((a) => a.reason);
  const notAttached = attachment.tcp.filter((a) => !a.attached).map((a) => a.reason);
  const effective = attachment.attachedTcp[attachment.attachedTcp.length - 1] as
    | MeshTCPRoute
    | undefined;
  if (!effective) {
    const detail = [...notAttached, ...wrongKind];
    return trace.fail(
      {
        kind: 'route',
        outcome: 'fail',
        resource: { type: 'MeshGateway', mesh: meshName, name: '' },
        summary: `No MeshTCPRoute attaches to ${describeListener(entry)}, so the gateway closes the connection.`,
        detail: detail.length > 0 ? detail.join(' ') : undefined,
      },
      'connection-reset',
      0,
      'Connection reset: no MeshTCPRoute serves this listener.',
    );
  }
  const others = attachment.attachedTcp
    .filter((route) => route !== effective)
    .map((route) => `"${route.name}"`);
  const to = [...(effective.spec?.to ?? [])]
    .reverse()
    .find((t) => (t?.targetRef?.kind ?? 'Mesh') === 'Mesh' && t.rules?.length);
  const refs = to?.rules?.[0]?.default?.backendRefs ?? [];
  const routeResource = {
    type: 'MeshTCPRoute' as const,
    mesh: effective.mesh ?? meshName,
    name: effective.name,
  };
  trace.tcpRoute = routeResource;
  trace.add({
    kind: 'route',
    outcome: notAttached.length > 0 || others.length > 0 ? 'warn' : 'pass',
    resource: routeResource,
    summary: `MeshTCPRoute "${effective.name}" carries connections on ${describeListener(entry)}.${
      others.length > 0
        ? ` It overrides ${others.join(', ')} (on a gateway listener the route whose name sorts last wins).`
        : ''
    }`,
    detail: notAttached.length > 0 ? `Not attached: ${notAttached.join(' ')}` : undefined,
  });
  const verdict = evaluateBackends(
    trace,
    mesh,
    refs,
    source,
    'tcp',
    (service) => `Connection proxied to ${service}; the response comes from the backend itself.`,
  );
  return trace.finish(verdict);
}

// ---------------------------------------------------------------- service calls and delegated gateways

function outboundService(outbound: DataplaneOutbound): string | undefined {
  return outbound?.tags?.[SERVICE_TAG] ?? outbound?.backendRef?.name;
}

function outboundRef(
  outbound: DataplaneOutbound | undefined,
  service: string,
  mesh: MeshSnapshot,
): BackendRef {
  if (outbound?.backendRef?.name === service && outbound.backendRef.kind === 'MeshService') {
    return { ...outbound.backendRef };
  }
  if (outbound?.tags?.[SERVICE_TAG] === service) return { kind: 'MeshService', name: service };
  const meshService = (mesh.meshServices ?? []).find((ms) => ms.name === service);
  const port = meshService?.spec?.ports?.[0]?.port;
  if (meshService && port !== undefined && meshServicesMode(mesh) !== 'Disabled') {
    return { kind: 'MeshService', name: service, port };
  }
  return { kind: 'MeshService', name: service };
}

function callService(
  trace: Trace,
  mesh: MeshSnapshot,
  caller: DataplaneOverview,
  service: string,
  outbound?: DataplaneOutbound,
): TraceResult {
  const ref = outboundRef(outbound, service, mesh);
  const source = sourceIdentityFromDataplane(caller);
  const verdict = evaluateBackends(
    trace,
    mesh,
    [ref],
    source,
    'http',
    (name) =>
      `200: ${caller.name} reaches ${name} through its sidecar (${describeBackendRef(ref)}).`,
  );
  return trace.finish(verdict);
}

export function evaluateServiceCall(
  snapshot: ControlPlaneSnapshot,
  from: { mesh: string; dataplane: string },
  to: { service: string },
): TraceResult {
  const trace = new Trace();
  const mesh = findMesh(snapshot, from.mesh);
  if (!mesh) return missingMesh(trace, from.mesh, snapshot);
  const caller = (mesh.dataplanes ?? []).find((dp) => dp?.name === from.dataplane);
  if (!caller) {
    return trace.fail(
      {
        kind: 'instances',
        outcome: 'fail',
        resource: { type: 'Dataplane', mesh: from.mesh, name: from.dataplane },
        summary: `Dataplane "${from.dataplane}" does not exist in mesh "${from.mesh}".`,
      },
      'connection-refused',
      0,
      `Dataplane "${from.dataplane}" not found, so there is no sidecar to send the request.`,
    );
  }
  const online = isConnected(caller.dataplaneInsight);
  trace.add({
    kind: 'instances',
    outcome: online ? 'pass' : 'warn',
    resource: dataplaneResource(caller),
    summary: online
      ? `Caller ${caller.name} is connected to the control plane.`
      : `Caller ${caller.name} is offline: its Envoy keeps the last configuration it received, which may be stale.`,
  });
  if (!to?.service) {
    return trace.fail(
      { kind: 'backend', outcome: 'fail', summary: 'No destination service was given.' },
      'unresolved-backend',
      503,
      'No destination service.',
    );
  }
  const outbound = (caller.dataplane?.networking?.outbound ?? []).find(
    (o) => outboundService(o) === to.service,
  );
  return callService(trace, mesh, caller, to.service, outbound);
}

function evaluateDelegated(
  snapshot: ControlPlaneSnapshot,
  request: GatewayRequest,
  ref: { mesh: string; delegatedService: string },
): TraceResult {
  const trace = new Trace();
  const mesh = findMesh(snapshot, ref.mesh);
  if (!mesh) return missingMesh(trace, ref.mesh, snapshot);
  const meshName = mesh.mesh?.name ?? ref.mesh;
  const dataplanes =
    buildGatewayModel(mesh).delegatedGateway(ref.delegatedService)?.dataplanes ?? [];
  const serviceResource = { type: 'Service', mesh: meshName, name: ref.delegatedService };
  if (dataplanes.length === 0) {
    return trace.fail(
      {
        kind: 'gateway',
        outcome: 'fail',
        resource: serviceResource,
        summary: `No delegated gateway Dataplane with kuma.io/service "${ref.delegatedService}" exists in mesh "${meshName}".`,
        detail:
          'On Kubernetes the gateway pod needs the annotation kuma.io/gateway: enabled and sidecar injection; on Universal a Dataplane with networking.gateway and no inbound.',
      },
      'connection-refused',
      0,
      `Connection refused: delegated gateway "${ref.delegatedService}" is not in the mesh.`,
    );
  }
  trace.add({
    kind: 'gateway',
    outcome: 'pass',
    resource: serviceResource,
    summary: `"${ref.delegatedService}" is a delegated gateway: Kuma manages only its outbound leg, so the request is traced as a call from its sidecar to the target service.`,
    detail: "Kong's listeners, TLS and routing are invisible to Kuma and are not checked.",
  });
  const online = dataplanes.filter((dp) => isConnected(dp.dataplaneInsight));
  const names = dataplanes
    .map((dp) => `${dp.name} (${isConnected(dp.dataplaneInsight) ? 'online' : 'offline'})`)
    .join(', ');
  if (online.length === 0) {
    return trace.fail(
      {
        kind: 'instances',
        outcome: 'fail',
        resource: dataplaneResource(dataplanes[0] as DataplaneOverview),
        summary: `All ${dataplanes.length} Dataplane(s) of delegated gateway "${ref.delegatedService}" are offline: ${names}.`,
      },
      'connection-refused',
      0,
      `Connection refused: no instance of delegated gateway "${ref.delegatedService}" is online.`,
    );
  }
  const caller = online[0] as DataplaneOverview;
  trace.add({
    kind: 'instances',
    outcome: online.length < dataplanes.length ? 'warn' : 'pass',
    resource: dataplaneResource(caller),
    summary: `${online.length} of ${dataplanes.length} Dataplane(s) of delegated gateway "${ref.delegatedService}" are online: ${names}.`,
  });
  // Target: the x-kuma-service header, else the outbound whose service name appears in the host (longest name wins).
  const header = Object.entries(request.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'x-kuma-service',
  )?.[1];
  const outbounds = caller.dataplane?.networking?.outbound ?? [];
  const host = normalizeRequestHost(request.host);
  const byHost = outbounds
    .map((outbound) => ({ outbound, service: outboundService(outbound) }))
    .filter((o): o is { outbound: DataplaneOutbound; service: string } =>
      Boolean(o.service && host.includes(o.service.toLowerCase())),
    )
    .sort((a, b) => b.service.length - a.service.length)[0];
  const service = header?.trim() || byHost?.service;
  if (!service) {
    return trace.fail(
      {
        kind: 'route',
        outcome: 'fail',
        resource: dataplaneResource(caller),
        summary: `Kuma cannot see Kong's routes: the request has no x-kuma-service header and no outbound of ${caller.name} (${
          outbounds.map(outboundService).filter(Boolean).join(', ') || 'none declared'
        }) appears in host "${host}".`,
      },
      'no-route',
      404,
      `404: no target service for host "${host}" through delegated gateway "${ref.delegatedService}".`,
    );
  }
  const outbound = outbounds.find((o) => outboundService(o) === service);
  trace.add({
    kind: 'route',
    outcome: 'pass',
    resource: dataplaneResource(caller),
    summary: header
      ? `The x-kuma-service header names ${service} as the target.`
      : `Host "${host}" names the outbound ${service} of ${caller.name}.`,
  });
  return callService(trace, mesh, caller, service, outbound);
}

/** Public entry point: trace one request through a built-in or delegated gateway. */
export function evaluateGatewayRequest(
  snapshot: ControlPlaneSnapshot,
  request: GatewayRequest,
): TraceResult {
  const gateway = request?.gateway;
  if (gateway && 'delegatedService' in gateway)
    return evaluateDelegated(snapshot, request, gateway);
  if (!gateway || !('name' in gateway)) {
    const trace = new Trace();
    return trace.fail(
      { kind: 'gateway', outcome: 'fail', summary: 'The request names no gateway.' },
      'connection-refused',
      0,
      'No gateway given.',
    );
  }
  return evaluateBuiltin(snapshot, request, gateway);
}
