/**
 * The first stages of a built-in gateway trace: the MeshGateway, the instances that serve it
 * (the mesh model's binding), and the configuration kuma-cp generates for the one the request
 * lands on.
 */
import type { MeshSnapshot } from '../../kuma/snapshot';
import type { MeshGateway } from '../../kuma/types';
import { counted, plural } from '../../lib/plural';
import { type BuiltinGatewayModel, buildGatewayModel } from '../../mesh-model/mesh-model';
import type { GatewayInstance } from '../gateway-binding';
import type { GatewayRouting } from '../gateway-config';
import { describeListener, type IndexedListener, indexedListeners } from '../listener-selection';
import { dataplaneResource, gatewayResource, listenerOf, type Stage, type Trace } from './trace';
import type { TraceResult } from './types';

/** Gateway stage: the MeshGateway the request names, from the mesh model. */
export function gatewayStage(
  trace: Trace,
  mesh: MeshSnapshot,
  ref: { mesh: string; name: string },
): Stage<BuiltinGatewayModel> {
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

  return { next: model };
}

export function instancesStep(
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

/**
 * Configuration stage: what kuma-cp generates for the instance the request lands on (its own
 * tags), and whether it can generate anything at all.
 */
export function configurationStage(
  trace: Trace,
  mesh: MeshSnapshot,
  model: BuiltinGatewayModel,
  instance: GatewayInstance,
): Stage<GatewayRouting> {
  const { gateway } = model;
  const meshName = mesh.mesh?.name ?? gateway.mesh ?? '';
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
  return { next: routing };
}
