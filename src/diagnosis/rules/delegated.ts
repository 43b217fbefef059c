/**
 * §6.2 rule 13: a delegated gateway that is not (or no longer) in the mesh. From the snapshot:
 * every proxy of the delegated gateway offline, or proxies with no outbound (and no transparent
 * proxying) so the gateway cannot send through its sidecar. Whether the Kong deployment has a
 * Dataplane at all, and the `service-upstream` annotation on backend Services, are Kubernetes
 * API data.
 */
import { isConnected } from '../../kuma/dataplane-status';
import type { DataplaneOverview } from '../../kuma/types';
import { gatewayId } from '../../topology/types';
import { count, makeFinding, worst } from '../finding';
import type { MeshModel } from '../model';
import type { Finding, Severity } from '../types';

const UNCHECKED =
  'Could not check: whether every Kong deployment has a Dataplane (pod annotation kuma.io/gateway: enabled plus sidecar injection), nor the ingress.kubernetes.io/service-upstream annotation on the backend Services; both are Kubernetes API data.';

function lastSeen(dataplane: DataplaneOverview): string {
  const last = dataplane.dataplaneInsight?.subscriptions?.at(-1);
  if (!last) return 'never connected';
  return last.disconnectTime ? `disconnected since ${last.disconnectTime}` : 'no open xDS stream';
}

export function delegatedNotMeshed(model: MeshModel): Finding[] {
  const findings: Finding[] = [];
  for (const group of model.delegated) {
    const levels: Severity[] = [];
    const evidence: string[] = [];
    const symptoms: string[] = [];
    const fixes: string[] = [];
    const online = group.dataplanes.filter((dataplane) => isConnected(dataplane.dataplaneInsight));
    if (online.length === 0) {
      levels.push('error');
      evidence.push(
        ...group.dataplanes.map(
          (dataplane) =>
            `Delegated gateway Dataplane ${dataplane.name} is offline: ${lastSeen(dataplane)}.`,
        ),
      );
      symptoms.push(
        'The gateway\'s calls into the mesh fail: connection refused on its sidecar\'s outbounds, or 502 "upstream prematurely closed" once mTLS is on.',
      );
      fixes.push(
        `Restart the kuma-dp sidecar beside the gateway (${group.dataplanes.map((dp) => dp.name).join(', ')}) and check its connection to the control plane.`,
      );
    }
    const withoutOutbounds = group.dataplanes.filter(
      (dataplane) => (dataplane.dataplane?.networking?.outbound ?? []).length === 0,
    );
    const blind = withoutOutbounds.filter(
      (dataplane) => !dataplane.dataplane?.networking?.transparentProxying,
    );
    if (blind.length > 0) {
      levels.push('warning');
      evidence.push(
        `${blind.map((dataplane) => dataplane.name).join(', ')} declare${blind.length === 1 ? 's' : ''} no outbound and no transparent proxying, so the gateway has no local port or .mesh name to send mesh traffic to.`,
      );
      symptoms.push(
        'The gateway likely sends to pod IPs directly, bypassing the mesh: no mesh load balancing, and 502 "upstream prematurely closed" once mTLS is on.',
      );
      fixes.push(
        "Declare outbounds on the delegated Dataplane (Universal) and point the gateway's upstreams at them, or enable transparent proxying and use .mesh names or Services with service-upstream (Kubernetes).",
      );
    } else if (withoutOutbounds.length > 0) {
      levels.push('info');
      evidence.push(
        `${withoutOutbounds.map((dataplane) => dataplane.name).join(', ')} declare${withoutOutbounds.length === 1 ? 's' : ''} no outbound; with transparent proxying the services the gateway calls are not in Kuma config.`,
      );
      symptoms.push('Which services the gateway calls cannot be seen from the control plane.');
      fixes.push(
        'Make sure the gateway sends to Service ClusterIPs or .mesh names (service-upstream), not pod IPs.',
      );
    }
    if (levels.length === 0) continue;
    findings.push(
      makeFinding({
        rule: 'delegated-not-meshed',
        severity: levels.reduce(worst),
        mesh: model.name,
        subject: { type: 'DelegatedGateway', mesh: model.name, name: group.service },
        related: group.dataplanes.map((dataplane) => ({
          type: 'Dataplane',
          mesh: dataplane.mesh ?? model.name,
          name: dataplane.name,
        })),
        nodeIds: [gatewayId(model.name, 'delegated', group.service)],
        title:
          online.length === 0
            ? `Delegated gateway "${group.service}": all ${count(group.dataplanes.length, 'proxy', 'proxies')} offline`
            : `Delegated gateway "${group.service}" may bypass the mesh`,
        symptom: symptoms.join(' '),
        evidence: [...evidence, UNCHECKED],
        fix: fixes.join(' '),
        ...(online.length === 0 && group.dataplanes[0]
          ? {
              fixAction: {
                kind: 'start-dataplane' as const,
                mesh: model.name,
                name: group.dataplanes[0].name,
              },
            }
          : {}),
      }),
    );
  }
  return findings;
}
