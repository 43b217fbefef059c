// Over 400 lines: rules 6–8 share one walk over a gateway's backends and the evidence each finding cites.
/**
 * §6.2 rules 6–8, for every backend a gateway sends traffic to (built-in: the backendRefs of the
 * rules its listeners keep; delegated: the outbounds of its proxies): refs that do not resolve,
 * services without a healthy endpoint, and MeshTrafficPermissions that keep the gateway out.
 */
import type { BackendRef } from '../../kuma/types';
import { gatewayId, sidecarId } from '../../topology/types';
import {
  describeBackendRef,
  meshServicesMode,
  type ResolvedBackend,
  SERVICE_TAG,
} from '../../traffic/backends';
import { NO_HEALTHY_UPSTREAM_MESSAGE, RBAC_DENIED_MESSAGE } from '../../traffic/evaluate-request';
import {
  describeTargetRef,
  evaluatePermission,
  type PermissionDecision,
  type PermissionTarget,
} from '../../traffic/permissions';
import { makeFinding, percent, quoteList, routeFormKind } from '../finding';
import type { BackendUsage, MeshModel } from '../model';
import type { Finding, FixAction, ResourceRef, Severity } from '../types';

function gatewayNode(model: MeshModel, usage: BackendUsage): string {
  return gatewayId(model.name, usage.gateway.kind, usage.gateway.name);
}

function gatewayResource(model: MeshModel, usage: BackendUsage): ResourceRef {
  return usage.gateway.kind === 'builtin'
    ? { type: 'MeshGateway', mesh: model.name, name: usage.gateway.name }
    : { type: 'DelegatedGateway', mesh: model.name, name: usage.gateway.name };
}

function gatewayLabel(usage: BackendUsage): string {
  return usage.gateway.kind === 'builtin'
    ? `MeshGateway "${usage.gateway.name}"`
    : `delegated gateway "${usage.gateway.name}"`;
}

/** "rule 2 (PathPrefix /pay) of MeshHTTPRoute "edge-routes" on listeners #0, #1 of MeshGateway "edge-gateway" (100% of its requests)". */
function usageSentence(usage: BackendUsage): string {
  const listeners =
    usage.listenerIndexes.length > 0
      ? ` on listener${usage.listenerIndexes.length === 1 ? '' : 's'} ${usage.listenerIndexes
          .map((index) => `#${index}`)
          .join(', ')}`
      : '';
  const share = usage.share < 1 ? ` (${percent(usage.share)} of its requests)` : '';
  return `${usage.where}${listeners} of ${gatewayLabel(usage)}${share}`;
}

function isTcp(usage: BackendUsage): boolean {
  return usage.via.type === 'MeshTCPRoute';
}

/** The `kuma.io/service` whose sidecars serve the backend (the topology's sidecar node). */
function serviceTag(resolved: ResolvedBackend): string {
  return resolved.meshService?.spec?.selector?.dataplaneTags?.[SERVICE_TAG] ?? resolved.service;
}

function backendSubject(model: MeshModel, resolved: ResolvedBackend): ResourceRef {
  if (resolved.meshService) {
    return {
      type: 'MeshService',
      mesh: resolved.meshService.mesh ?? model.name,
      name: resolved.meshService.name,
    };
  }
  if (resolved.kind === 'external') {
    return { type: 'MeshExternalService', mesh: model.name, name: resolved.service };
  }
  if (resolved.kind === 'multi-zone') {
    return { type: 'MeshMultiZoneService', mesh: model.name, name: resolved.service };
  }
  // A `kuma.io/service` tag value: its ServiceInsight, as the traffic trace names it.
  return { type: 'ServiceInsight', mesh: model.name, name: resolved.service };
}

function refQualifier(ref: BackendRef): string {
  const port =
    ref.port !== undefined ? `:${ref.port}` : ref.sectionName ? `:${ref.sectionName}` : '';
  const namespace = ref.namespace ? `.${ref.namespace}` : '';
  return `${ref.kind ?? 'MeshService'}/${ref.name ?? JSON.stringify(ref.labels ?? {})}${namespace}${port}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

function severityFor(usages: readonly BackendUsage[]): Severity {
  return usages.some((usage) => usage.primary) ? 'error' : 'warning';
}

function knownServices(model: MeshModel): string[] {
  const services = new Set<string>();
  for (const dataplane of model.mesh.dataplanes ?? []) {
    for (const inbound of dataplane.dataplane?.networking?.inbound ?? []) {
      const service = inbound?.tags?.[SERVICE_TAG];
      if (service) services.add(service);
    }
  }
  return [...services].sort();
}

function unresolvedFix(model: MeshModel, resolved: ResolvedBackend): string {
  const mode = meshServicesMode(model.mesh);
  const ref = resolved.ref;
  if (resolved.kind === 'unsupported') {
    return `Use a supported backendRef kind (MeshService, MeshServiceSubset, MeshExternalService, MeshMultiZoneService) instead of "${ref.kind}".`;
  }
  if (resolved.kind === 'mesh-service') {
    if (mode === 'Disabled') {
      return `Either drop the port to reference the kuma.io/service tag "${ref.name ?? ''}", or enable MeshServices on mesh "${model.name}" (meshServices.mode: Everywhere, ReachableBackends or Exclusive).`;
    }
    const names = (model.mesh.meshServices ?? []).map((service) => service.name);
    return `Point the ref at an existing MeshService and port${names.length > 0 ? ` (MeshServices in the mesh: ${names.join(', ')})` : ''}, or create MeshService "${ref.name ?? ''}".`;
  }
  if (mode === 'Exclusive') {
    const service = (model.mesh.meshServices ?? []).find(
      (candidate) => candidate.name === ref.name,
    );
    const port = service?.spec?.ports?.[0]?.port;
    return `Reference the MeshService resource with its port (kind: MeshService, name: ${ref.name ?? '<name>'}, port: ${port ?? '<port>'}): mesh "${model.name}" runs meshServices.mode: Exclusive.`;
  }
  const services = knownServices(model);
  return `Fix the service name${services.length > 0 ? ` (kuma.io/service values in the mesh: ${services.join(', ')})` : ''}, or deploy "${ref.name ?? ''}" into mesh "${model.name}".`;
}

export function unresolvableBackend(model: MeshModel): Finding[] {
  const failing = model.usages.filter((usage) => !model.resolve(usage.ref).resolved);
  const groups = groupBy(
    failing,
    (usage) =>
      `${usage.via.type}|${usage.via.name}|${usage.gateway.name}|${refQualifier(usage.ref)}`,
  );
  const findings: Finding[] = [];
  for (const usages of groups.values()) {
    const first = usages[0];
    if (!first) continue;
    const resolved = model.resolve(first.ref);
    const builtin = first.gateway.kind === 'builtin';
    const subject: ResourceRef = builtin
      ? first.via
      : { type: 'DelegatedGateway', mesh: model.name, name: first.gateway.name };
    const label = describeBackendRef(first.ref);
    findings.push(
      makeFinding({
        rule: 'unresolvable-backend',
        severity: severityFor(usages),
        mesh: model.name,
        subject,
        qualifier: refQualifier(first.ref),
        related: [gatewayResource(model, first), ...(builtin ? [] : [first.via])],
        nodeIds: [gatewayNode(model, first)],
        title: builtin
          ? `${first.via.type} "${first.via.name}" sends traffic to ${label}, which does not resolve`
          : `Delegated gateway "${first.gateway.name}" has an outbound to ${label}, which does not resolve`,
        symptom: builtin
          ? isTcp(first)
            ? 'Connections are closed: the backend does not resolve, so the gateway has no cluster to proxy to.'
            : `5xx (503) for requests matching ${usages.map((usage) => usage.where).join('; ')}: the destination becomes kuma.io/unresolved-backend.`
          : "The delegated gateway's calls through this outbound fail: no cluster is generated for it.",
        evidence: [
          resolved.summary,
          `meshServices.mode of mesh "${model.name}" is ${meshServicesMode(model.mesh)}.`,
          ...usages.map((usage) => `Used by ${usageSentence(usage)}.`),
        ],
        fix: unresolvedFix(model, resolved),
        ...(builtin
          ? {
              fixAction: {
                kind: 'edit-route' as const,
                mesh: model.name,
                name: first.via.name,
                routeKind: routeFormKind(first.via.type),
                gateway: first.gateway.name,
              },
            }
          : {}),
      }),
    );
  }
  return findings;
}

function endpointSentence(resolved: ResolvedBackend): string[] {
  if (resolved.endpoints.length === 0) return [];
  return [
    `Endpoints: ${resolved.endpoints
      .map(
        (endpoint) =>
          `${endpoint.dataplane} (${endpoint.online ? 'online' : 'offline'}${endpoint.ready ? '' : ', inbound not ready'})`,
      )
      .join(', ')}.`,
  ];
}

export function noHealthyBackend(model: MeshModel): Finding[] {
  const failing = model.usages.filter((usage) => model.resolve(usage.ref).status === 'unhealthy');
  const groups = groupBy(failing, (usage) => {
    const subject = backendSubject(model, model.resolve(usage.ref));
    return `${subject.type}|${subject.name}`;
  });
  const findings: Finding[] = [];
  for (const usages of groups.values()) {
    const first = usages[0];
    if (!first) continue;
    const resolved = model.resolve(first.ref);
    const subject = backendSubject(model, resolved);
    const service = serviceTag(resolved);
    const offline = resolved.endpoints.filter((endpoint) => !endpoint.online);
    const toStart = offline[0] ?? resolved.endpoints[0];
    const meshService = resolved.meshService;
    findings.push(
      makeFinding({
        rule: 'no-healthy-backend',
        severity: severityFor(usages),
        mesh: model.name,
        subject,
        related: [
          ...usages.map((usage) => gatewayResource(model, usage)),
          ...usages.map((usage) => usage.via),
          ...resolved.endpoints.map((endpoint) => ({
            type: 'Dataplane',
            mesh: endpoint.mesh,
            name: endpoint.dataplane,
          })),
        ],
        nodeIds: [
          ...usages.map((usage) => gatewayNode(model, usage)),
          sidecarId(model.name, service),
        ],
        title: `${subject.type === 'ServiceInsight' ? 'Service' : subject.type} "${subject.name}" has no healthy endpoint`,
        symptom: usages.every(isTcp)
          ? `Connections routed to ${subject.name} are closed: no healthy endpoint.`
          : `503 "${NO_HEALTHY_UPSTREAM_MESSAGE}" for requests routed to ${subject.name} (${usages
              .map((usage) => usage.where)
              .join('; ')}).`,
        evidence: [
          resolved.healthSummary,
          ...endpointSentence(resolved),
          ...(meshService
            ? [
                `MeshService "${meshService.name}": spec.state ${meshService.spec?.state ?? '(unset)'}, status.dataplaneProxies ${JSON.stringify(meshService.status?.dataplaneProxies ?? {})}.`,
              ]
            : []),
          ...usages.map((usage) => `Used by ${usageSentence(usage)}.`),
          'Could not check: Envoy endpoint health flags (GET /meshes/{mesh}/dataplanes/{gateway}/clusters) and, for a backend in another zone, its zone ingress.',
        ],
        fix:
          offline.length > 0
            ? `Start or reconnect the proxies of ${subject.name} (${offline.map((endpoint) => endpoint.dataplane).join(', ')} ${offline.length === 1 ? 'is' : 'are'} offline) and check their readiness probes.`
            : resolved.totalEndpoints === 0
              ? `Deploy ${subject.name} with a sidecar in mesh "${model.name}"${meshService ? ', or fix the MeshService selector' : ''}.`
              : `Fix the readiness of ${subject.name}'s inbounds (probes or the application itself).`,
        fixAction: {
          kind: 'start-dataplane',
          mesh: model.name,
          ...(toStart ? { name: toStart.dataplane } : {}),
        },
      }),
    );
  }
  return findings;
}

/** The destination proxies to check: healthy endpoints, else all, else the service tag alone. */
function permissionTargets(model: MeshModel, resolved: ResolvedBackend): PermissionTarget[] {
  const meshService = resolved.meshService?.name;
  const healthy = resolved.endpoints.filter((endpoint) => endpoint.healthy);
  const endpoints = healthy.length > 0 ? healthy : resolved.endpoints;
  if (endpoints.length > 0) {
    return endpoints.map((endpoint) => ({
      mesh: model.name,
      tags: endpoint.inboundTags,
      dataplane: { name: endpoint.dataplane, labels: endpoint.labels },
      meshService,
    }));
  }
  return [{ mesh: model.name, tags: { [SERVICE_TAG]: serviceTag(resolved) }, meshService }];
}

interface PermissionCheck {
  usage: BackendUsage;
  resolved: ResolvedBackend;
  decisions: PermissionDecision[];
}

/** Every resolved backend checked against the MTPs of `model.mesh` (as given: mTLS on or off). */
export function checkPermissions(model: MeshModel, mesh = model.mesh): PermissionCheck[] {
  const checks: PermissionCheck[] = [];
  for (const usage of model.usages) {
    const resolved = model.resolve(usage.ref);
    if (!resolved.resolved || resolved.status === 'unknown') continue;
    const decisions = permissionTargets(model, resolved).map((target) =>
      evaluatePermission(mesh, usage.identity, target),
    );
    checks.push({ usage, resolved, decisions });
  }
  return checks;
}

function policyRef(model: MeshModel, name: string, mesh?: string): ResourceRef {
  return { type: 'MeshTrafficPermission', mesh: mesh ?? model.name, name };
}

/**
 * With rules[] (2.12+) in charge, a new from[] policy is ignored: the fix edits the rules.
 * A mesh-mTLS certificate carries kuma:// URIs after its SPIFFE ID, so the match is a Prefix.
 */
function rulesFix(identity: string, mesh: string, denying: PermissionDecision): string {
  const by = denying.decidedBy;
  const match = `{spiffeID: {type: Prefix, value: spiffe://${mesh}/${identity}}}`;
  if (by?.rule) {
    return `MeshTrafficPermission "${by.policy.name}" rules[${by.fromIndex}].default.deny[${by.rule.matchIndex}] matches the gateway, and every deny is checked before any allow: remove or narrow that match.`;
  }
  const policy = denying.resource?.name;
  return `The rules[] of ${policy ? `MeshTrafficPermission "${policy}"` : 'the policies selecting the service'} decide for this service and none matches the gateway (a from[] policy would be ignored): add ${match} to an allow list of its rules[].`;
}

/** The form that fixes a denial: the rules[] policy in charge, else a new pre-filled policy. */
export function permissionFixAction(
  mesh: string,
  service: string,
  gateway: string,
  identity: string,
  denying: PermissionDecision | undefined,
): FixAction {
  if (denying?.via === 'rules' && denying.resource)
    return { kind: 'edit-permission', mesh, name: denying.resource.name };
  return { kind: 'new-permission', mesh, name: service, gateway, source: identity };
}

function permissionFix(
  mesh: string,
  service: string,
  meshService: string | undefined,
  identity: string,
  denying: PermissionDecision | undefined,
): string {
  const target = meshService
    ? `MeshService ${meshService}`
    : `MeshSubset {kuma.io/service: ${service}}`;
  const add = `add a MeshTrafficPermission with targetRef ${target} and from[] {targetRef: {kind: MeshSubset, tags: {kuma.io/service: ${identity}}}, default: {action: Allow}}`;
  const by = denying?.decidedBy;
  if (denying?.via === 'rules') return rulesFix(identity, mesh, denying);
  if (by) {
    return `MeshTrafficPermission "${by.policy.name}" from[${by.fromIndex}] (${describeTargetRef(by.policy.spec?.from?.[by.fromIndex]?.targetRef)}) denies the gateway: change that entry to Allow, or ${add}; a new policy wins only with a more specific top-level targetRef (MeshService beats MeshSubset and Mesh) or, at the same kind, a name that sorts before "${by.policy.name}".`;
  }
  return `Allow the gateway identity: ${add}.`;
}

export function missingTrafficPermission(model: MeshModel): Finding[] {
  if (!model.mtls) return [];
  const checks = checkPermissions(model).filter((check) =>
    check.decisions.some((decision) => !decision.allowed),
  );
  const groups = groupBy(checks, (check) => {
    const subject = backendSubject(model, check.resolved);
    return `${check.usage.gateway.kind}|${check.usage.gateway.name}|${subject.type}|${subject.name}`;
  });
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const { usage, resolved } = first;
    const subject = backendSubject(model, resolved);
    const service = serviceTag(resolved);
    const decisions = group.flatMap((check) => check.decisions);
    const denied = decisions.filter((decision) => !decision.allowed);
    const allowed = decisions.filter((decision) => decision.allowed);
    const mixed = allowed.length > 0;
    const denying = denied.find((decision) => decision.decidedBy) ?? denied[0];
    const identity = usage.identity.services[0] ?? usage.gateway.name;
    const deciders = [
      ...new Set(
        decisions.flatMap((decision) =>
          decision.decidedBy ? [decision.decidedBy.policy.name] : [],
        ),
      ),
    ];
    const contributing = [
      ...new Set(decisions.flatMap((decision) => decision.contributions.map((c) => c.policy.name))),
    ];
    const usages = group.map((check) => check.usage);
    const allPolicies = (model.mesh.trafficPermissions ?? []).map((policy) => policy.name);
    findings.push(
      makeFinding({
        rule: 'missing-traffic-permission',
        severity: mixed ? 'warning' : severityFor(usages),
        mesh: model.name,
        subject,
        qualifier: `from-${usage.gateway.kind}-${usage.gateway.name}`,
        related: [
          gatewayResource(model, usage),
          ...deciders.map((name) => policyRef(model, name)),
          ...contributing.map((name) => policyRef(model, name)),
          ...usages.map((u) => u.via),
        ],
        nodeIds: [gatewayNode(model, usage), sidecarId(model.name, service)],
        title: `${gatewayLabel(usage).replace(/^./, (c) => c.toUpperCase())} is ${mixed ? 'denied by some endpoints of' : 'not allowed into'} ${subject.name}`,
        symptom: `403 "${RBAC_DENIED_MESSAGE}" for ${mixed ? 'part of the ' : ''}requests routed to ${subject.name} (${usages
          .map((u) => u.where)
          .join('; ')}).`,
        evidence: [
          `mTLS is on in mesh "${model.name}" (mtls.enabledBackend ${model.mesh.mesh?.mtls?.enabledBackend ?? ''}); the gateway calls ${subject.name} as ${usage.identity.label}.`,
          denying?.reason ?? '',
          ...(mixed
            ? [
                `MeshTrafficPermissions differ across the endpoints of ${subject.name}: ${allowed.length} allow and ${denied.length} deny the gateway.`,
              ]
            : []),
          deciders.length === 0 && allPolicies.length > 0
            ? `MeshTrafficPermissions in the mesh: ${quoteList(allPolicies)}; ${denying?.via === 'rules' ? 'the rules[] selecting' : 'none has a from[] entry matching the gateway on'} ${subject.name}${denying?.via === 'rules' ? ' match no identity of the gateway' : ''}.`
            : '',
          ...usages.map((u) => `Used by ${usageSentence(u)}.`),
          `Computed from the MeshTrafficPermissions in the snapshot. Could not check: the control plane's computed view (GET /meshes/${model.name}/dataplanes/<backend>/_rules) and MeshIdentity resources (2.12+).`,
        ],
        fix: permissionFix(model.name, service, resolved.meshService?.name, identity, denying),
        fixAction: permissionFixAction(
          model.name,
          subject.name,
          usage.gateway.name,
          identity,
          denying,
        ),
      }),
    );
  }
  return findings;
}
