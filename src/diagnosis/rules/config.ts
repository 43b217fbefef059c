/**
 * §6.2 rule 11: gateway proxies that rejected configuration (xDS NACKs). Envoy keeps the last
 * configuration it accepted, so the gateway serves stale config. The counters are uint64 and
 * arrive as strings; they count from the start of the subscription.
 */
import { isConnectedSubscription } from '../../kuma/dataplane-status';
import type { Counter, DiscoverySubscription } from '../../kuma/types';
import { delegatedGatewayService } from '../../mesh-model/identity';
import { gatewayId, meshId } from '../../topology/types';
import { bindGatewayDataplane, isBuiltinGatewayDataplane } from '../../traffic/gateway-binding';
import { makeFinding } from '../finding';
import type { MeshModel } from '../model';
import type { Finding, FixAction, ResourceRef } from '../types';

export function counterValue(value: Counter | undefined): number {
  const number = typeof value === 'number' ? value : Number.parseInt(value ?? '', 10);
  return Number.isFinite(number) ? number : 0;
}

const TYPES = ['cds', 'eds', 'lds', 'rds'] as const;

function rejected(subscription: DiscoverySubscription | undefined): number {
  const status = subscription?.status;
  if (!status) return 0;
  const total = counterValue(status.total?.responsesRejected);
  if (total > 0) return total;
  return TYPES.reduce((sum, type) => sum + counterValue(status[type]?.responsesRejected), 0);
}

export function configRejected(model: MeshModel): Finding[] {
  const findings: Finding[] = [];
  for (const dataplane of model.mesh.dataplanes ?? []) {
    const gateway = dataplane.dataplane?.networking?.gateway;
    if (!gateway) continue;
    const last = dataplane.dataplaneInsight?.subscriptions?.at(-1);
    const count = rejected(last);
    if (count === 0 || !last) continue;
    const builtin = isBuiltinGatewayDataplane(dataplane);
    const bound = builtin ? bindGatewayDataplane(model.mesh, dataplane).gateway : undefined;
    const service = delegatedGatewayService(dataplane);
    const connected = isConnectedSubscription(last);
    const status = last.status ?? {};
    const perType = TYPES.filter((type) => counterValue(status[type]?.responsesRejected) > 0).map(
      (type) => `${type.toUpperCase()} ${counterValue(status[type]?.responsesRejected)}`,
    );
    const related: ResourceRef[] = bound
      ? [{ type: 'MeshGateway', mesh: model.name, name: bound.name }]
      : builtin
        ? []
        : [{ type: 'DelegatedGateway', mesh: model.name, name: service }];
    const nodeIds = bound
      ? [gatewayId(model.name, 'builtin', bound.name)]
      : builtin
        ? [meshId(model.name)]
        : [gatewayId(model.name, 'delegated', service)];
    const fixAction: FixAction | undefined = bound
      ? { kind: 'edit-gateway', mesh: model.name, name: bound.name }
      : undefined;
    findings.push(
      makeFinding({
        rule: 'config-rejected',
        severity: connected ? 'error' : 'warning',
        mesh: model.name,
        subject: { type: 'Dataplane', mesh: dataplane.mesh ?? model.name, name: dataplane.name },
        related,
        nodeIds,
        title: `${builtin ? 'Gateway' : 'Delegated gateway'} proxy ${dataplane.name} rejected ${count} configuration update${count === 1 ? '' : 's'}`,
        symptom:
          'The gateway serves stale configuration: recent listener, route or backend changes do not take effect on this proxy.',
        evidence: [
          `The last xDS subscription of ${dataplane.name} (${last.id}, connected ${last.connectTime ?? 'at an unknown time'}${last.disconnectTime ? `, disconnected ${last.disconnectTime}` : ''}) reports responsesSent ${counterValue(status.total?.responsesSent)}, responsesAcknowledged ${counterValue(status.total?.responsesAcknowledged)}, responsesRejected ${count}${perType.length > 0 ? ` (${perType.join(', ')})` : ''}; last update ${status.lastUpdateTime ?? 'unknown'}.`,
          'The counters are cumulative for the subscription, so an older rejection may since have been followed by accepted updates.',
          `Could not check: the generated configuration and the generation errors (GET /meshes/${model.name}/dataplanes/${dataplane.name}/_config on the zone control plane, control-plane and kuma-dp logs).`,
        ],
        fix: bound
          ? `Read the NACK reason in the kuma-dp / Envoy logs of ${dataplane.name}, then fix the MeshGateway "${bound.name}" listeners or the routes and certificates they use (see §4.6: TLS modes, certificates, crossMesh).`
          : `Read the NACK reason in the kuma-dp / Envoy logs of ${dataplane.name} and fix the policies that target it.`,
        ...(fixAction ? { fixAction } : {}),
      }),
    );
  }
  return findings;
}
