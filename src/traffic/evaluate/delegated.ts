/**
 * Delegated gateways (Kong beside a sidecar) and plain service calls: Kuma knows nothing of
 * Kong's routing, so a request through a delegated gateway is traced as a call from its
 * Dataplane's sidecar to the service it targets.
 */
import { isConnected } from '../../kuma/dataplane-status';
import type { ControlPlaneSnapshot, MeshSnapshot } from '../../kuma/snapshot';
import type { BackendRef, DataplaneOutbound, DataplaneOverview } from '../../kuma/types';
import { SERVICE_TAG } from '../../mesh-model/identity';
import { buildGatewayModel } from '../../mesh-model/mesh-model';
import { describeBackendRef, meshServicesMode } from '../backends';
import { normalizeRequestHost } from '../hostnames';
import { sourceIdentityFromDataplane } from '../permissions';
import { evaluateBackends } from './backends';
import { dataplaneResource, findMesh, missingMesh, Trace } from './trace';
import type { GatewayRequest, TraceResult } from './types';

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

export function evaluateDelegated(
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
