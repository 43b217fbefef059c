/**
 * §6.2 rule 14: cross-mesh reachability (section 3). A cross-mesh listener needs HTTP, no `tls`
 * and a MeshGateway with exactly one selector; a wildcard or empty hostname is reachable only as
 * `internal.<gateway>.<mesh>.mesh`; a caller's explicit outbound to another mesh must name a
 * gateway with a cross-mesh listener. (mTLS is rule 9.)
 */

import { plural } from '../../lib/plural';
import { gatewayId, meshId } from '../../topology/types';
import { SERVICE_TAG } from '../../traffic/backends';
import { gatewayInstances, tagSelectorMatches } from '../../traffic/gateway-binding';
import { isWildcardHostname } from '../../traffic/hostnames';
import { describeListener } from '../../traffic/listener-selection';
import { formatTags, makeFinding, worst } from '../finding';
import type { MeshModel } from '../model';
import { CROSS_MESH_PROTOCOL_MESSAGE, listenerRuntimeWarnings } from '../runtime';
import type { Finding, Severity } from '../types';

function gatewaySide(model: MeshModel): Finding[] {
  const findings: Finding[] = [];
  for (const gateway of model.builtin) {
    const name = gateway.gateway.name;
    const selectors = gateway.gateway.selectors ?? [];
    const warnings = listenerRuntimeWarnings(gateway.gateway, model.mesh.mesh);
    const crossMesh = gateway.listeners.filter((listener) => listener.entry.listener.crossMesh);
    if (crossMesh.length === 0) continue;
    const subject = { type: 'MeshGateway', mesh: model.name, name };
    const nodeIds = [gatewayId(model.name, 'builtin', name)];
    if (selectors.length > 1) {
      findings.push(
        makeFinding({
          rule: 'cross-mesh-unreachable',
          severity: 'error',
          mesh: model.name,
          subject,
          qualifier: 'selectors',
          nodeIds,
          title: `MeshGateway "${name}" has a cross-mesh listener and ${selectors.length} selectors`,
          symptom:
            'The MeshGateway does not validate ("there can be at most one selector"): a change to it is rejected, and other meshes cannot rely on its cross-mesh listener.',
          evidence: [
            `${plural(crossMesh.length, 'Cross-mesh listener')}: ${crossMesh.map((listener) => describeListener(listener.entry)).join(', ')}.`,
            `Selectors: ${selectors.map((selector) => formatTags(selector?.match)).join(', ')}.`,
          ],
          fix: `Keep exactly one selector on MeshGateway "${name}", or move the cross-mesh listener to a MeshGateway of its own.`,
          fixAction: { kind: 'edit-gateway', mesh: model.name, name },
        }),
      );
    }
    for (const listener of crossMesh) {
      const { entry } = listener;
      const levels: Severity[] = [];
      const evidence: string[] = [];
      if (entry.protocol === 'HTTPS') {
        levels.push('error');
        evidence.push(
          `${describeListener(entry)} is HTTPS: the validator rejects it ("protocol is not supported with crossMesh").`,
        );
      } else if (
        warnings.some(
          (warning) =>
            warning.listenerIndex === entry.index &&
            warning.message === CROSS_MESH_PROTOCOL_MESSAGE,
        )
      ) {
        levels.push('warning');
        evidence.push(
          `${describeListener(entry)} is ${entry.protocol}: the validator accepts it, but cross-mesh listeners support HTTP only.`,
        );
      }
      if (entry.listener.tls) {
        levels.push('error');
        evidence.push(
          `${describeListener(entry)} has a tls block: it "must be empty with crossMesh" (the data path is mesh mTLS).`,
        );
      }
      const generated = `internal.${name}.${model.name}.mesh`;
      if (isWildcardHostname(entry.hostname)) {
        levels.push('info');
        evidence.push(
          `${describeListener(entry)} has a wildcard or empty hostname, so Kuma DNS publishes it as ${generated}:${entry.port}; clients in other meshes must call that name.`,
        );
      }
      if (levels.length === 0) continue;
      const severity = levels.reduce(worst);
      findings.push(
        makeFinding({
          rule: 'cross-mesh-unreachable',
          severity,
          mesh: model.name,
          subject,
          qualifier: `listener-${entry.index}`,
          nodeIds,
          title:
            severity === 'info'
              ? `Cross-mesh listener #${entry.index} of MeshGateway "${name}" is reachable only as ${generated}:${entry.port}`
              : `Cross-mesh listener #${entry.index} of MeshGateway "${name}" is misconfigured`,
          symptom:
            severity === 'info'
              ? `Clients in other meshes calling any other name for port ${entry.port} get no answer from this listener (DNS resolution fails).`
              : 'Clients in other meshes cannot reach the listener: the resource is rejected or the listener does not work across meshes.',
          evidence: [
            ...evidence,
            "Could not check: which clients call the listener (no declared client side; observe it in the callers' stats) and whether they use transparent proxy with Kuma DNS.",
          ],
          fix:
            severity === 'info'
              ? `Give listener #${entry.index} a concrete hostname (e.g. ${name}.mesh) for a stable address, or have clients call ${generated}:${entry.port}.`
              : `Make listener #${entry.index} an HTTP listener without tls, or drop crossMesh.`,
          fixAction: { kind: 'edit-gateway', mesh: model.name, name, listenerIndex: entry.index },
        }),
      );
    }
  }
  return findings;
}

/** Explicit outbounds of this mesh's proxies to a service of another mesh (`kuma.io/mesh` tag). */
function callerSide(model: MeshModel): Finding[] {
  const findings: Finding[] = [];
  for (const dataplane of model.mesh.dataplanes ?? []) {
    (dataplane.dataplane?.networking?.outbound ?? []).forEach((outbound, index) => {
      const target = outbound?.tags?.['kuma.io/mesh'];
      const service = outbound?.tags?.[SERVICE_TAG];
      if (!target || target === model.name || !service) return;
      const other = (model.snapshot.meshes ?? []).find((mesh) => mesh.mesh?.name === target);
      const gateways = (other?.gateways ?? []).filter(
        (gateway) =>
          gatewayInstances(other ?? model.mesh, gateway).some(
            (instance) => instance.tags[SERVICE_TAG] === service,
          ) ||
          (gateway.selectors ?? []).some((selector) =>
            tagSelectorMatches(selector?.match, { [SERVICE_TAG]: service }),
          ),
      );
      const crossMesh = gateways.filter((gateway) =>
        (gateway.conf?.listeners ?? []).some((listener) => listener?.crossMesh),
      );
      if (crossMesh.length > 0) return;
      const why = !other
        ? `mesh "${target}" is not in the snapshot`
        : gateways.length === 0
          ? `no MeshGateway in mesh "${target}" serves kuma.io/service ${service}`
          : `MeshGateway ${gateways.map((gateway) => `"${gateway.name}"`).join(', ')} in mesh "${target}" has no crossMesh listener`;
      findings.push(
        makeFinding({
          rule: 'cross-mesh-unreachable',
          severity: 'error',
          mesh: model.name,
          subject: { type: 'Dataplane', mesh: dataplane.mesh ?? model.name, name: dataplane.name },
          qualifier: `outbound-${index}`,
          related: gateways.map((gateway) => ({
            type: 'MeshGateway',
            mesh: target,
            name: gateway.name,
          })),
          nodeIds: [meshId(model.name), ...(other ? [meshId(target)] : [])],
          title: `Dataplane ${dataplane.name} calls ${service} in mesh "${target}", which is not a cross-mesh listener`,
          symptom: `Calls through the outbound on port ${outbound.port} fail: only cross-mesh listeners of built-in gateways are reachable from other meshes.`,
          evidence: [
            `Outbound #${index} of ${dataplane.name} has tags ${formatTags(outbound.tags)}.`,
            `${why.charAt(0).toUpperCase()}${why.slice(1)}.`,
          ],
          fix: `Point the outbound at the kuma.io/service of a MeshGateway in mesh "${target}" with a crossMesh HTTP listener, or add crossMesh: true to an HTTP listener of that gateway.`,
        }),
      );
    });
  }
  return findings;
}

export function crossMeshUnreachable(model: MeshModel): Finding[] {
  return [...gatewaySide(model), ...callerSide(model)];
}
