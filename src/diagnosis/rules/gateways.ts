/**
 * §6.2 rules 1–2: a MeshGateway nothing serves (no capacity, or every proxy offline), a
 * MeshGateway whose Dataplanes picked another MeshGateway (shadowed), and BUILTIN Dataplanes that
 * match no MeshGateway at all (a gateway without listeners).
 */
import type { DataplaneOverview, MeshGateway } from '../../kuma/types';
import { counted, plural } from '../../lib/plural';
import { gatewayId, meshId } from '../../topology/types';
import {
  bindGatewayDataplane,
  type GatewayCandidate,
  gatewayTagsOf,
  stolenInstances,
  unboundGatewayDataplanes,
} from '../../traffic/gateway-binding';
import { count, formatTags, makeFinding } from '../finding';
import type { MeshModel } from '../model';
import type { Finding } from '../types';

function selectorsOf(gateway: MeshGateway): string {
  const selectors = (gateway.selectors ?? []).map((selector) => formatTags(selector?.match));
  return selectors.length > 0 ? selectors.join(', ') : '(none)';
}

function ports(gateway: MeshGateway): string {
  const values = [
    ...new Set((gateway.conf?.listeners ?? []).map((listener) => listener?.port)),
  ].filter((port): port is number => port !== undefined);
  return values.length > 0 ? values.sort((a, b) => a - b).join(', ') : '(none)';
}

/** "port 80", "ports 80, 443". */
function portsText(gateway: MeshGateway): string {
  const count = new Set(
    (gateway.conf?.listeners ?? []).flatMap((listener) =>
      listener?.port === undefined ? [] : [listener.port],
    ),
  ).size;
  return `${plural(count, 'port', 'ports')} ${ports(gateway)}`;
}

function lastSeen(dataplane: DataplaneOverview): string {
  const last = dataplane.dataplaneInsight?.subscriptions?.at(-1);
  if (!last) return 'never connected to the control plane';
  if (last.disconnectTime) return `disconnected since ${last.disconnectTime}`;
  return 'no open xDS stream';
}

const capacityFix =
  'On Kubernetes, check that a MeshGatewayInstance exists in the right mesh (label kuma.io/mesh) and that its generated service tag (<name>_<namespace>_svc, 2.7+) equals the selector; kubectl describe meshgatewayinstance shows the Ready condition. On Universal, start kuma-dp with a BUILTIN Dataplane whose networking.gateway.tags match the selector.';

export function noCapacity(model: MeshModel): Finding[] {
  const findings: Finding[] = [];
  for (const { gateway, instances } of model.builtin) {
    // A gateway whose Dataplanes all picked another MeshGateway is reported as shadowed.
    if (instances.length === 0 && stolenInstances(model.mesh, gateway).length > 0) continue;
    if (instances.some((instance) => instance.online)) continue;
    const subject = { type: 'MeshGateway', mesh: model.name, name: gateway.name };
    const nodeIds = [gatewayId(model.name, 'builtin', gateway.name)];
    const unchecked =
      'Could not check: MeshGatewayInstance status and pod events (Kubernetes API data, not in the control-plane snapshot).';
    if (instances.length === 0) {
      const builtin = model.mesh.dataplanes.filter(
        (dataplane) => dataplane.dataplane?.networking?.gateway?.type === 'BUILTIN',
      );
      findings.push(
        makeFinding({
          rule: 'no-capacity',
          severity: 'error',
          mesh: model.name,
          subject,
          nodeIds,
          title: `MeshGateway "${gateway.name}" has no gateway Dataplane`,
          symptom: `Connection refused or a timeout at the load balancer: nothing listens on ${portsText(gateway)}.`,
          evidence: [
            `MeshGateway "${gateway.name}" selects BUILTIN Dataplanes with ${selectorsOf(gateway)}, and no BUILTIN gateway Dataplane in mesh "${model.name}" matches.`,
            builtin.length > 0
              ? `BUILTIN Dataplanes in the mesh: ${builtin
                  .map((dataplane) => `${dataplane.name} ${formatTags(gatewayTagsOf(dataplane))}`)
                  .join(', ')}.`
              : `Mesh "${model.name}" has no BUILTIN gateway Dataplane at all.`,
            unchecked,
          ],
          fix: capacityFix,
          fixAction: { kind: 'start-dataplane', mesh: model.name },
        }),
      );
      continue;
    }
    findings.push(
      makeFinding({
        rule: 'no-capacity',
        severity: 'error',
        mesh: model.name,
        subject,
        related: instances.map((instance) => ({
          type: 'Dataplane',
          mesh: instance.mesh,
          name: instance.name,
        })),
        nodeIds,
        title: `All ${count(instances.length, 'instance')} of MeshGateway "${gateway.name}" are offline`,
        symptom: `Connection refused or a timeout at the load balancer on ${portsText(gateway)}.`,
        evidence: [
          ...instances.map(
            (instance) =>
              `Dataplane ${instance.name} serves MeshGateway "${gateway.name}" but is offline: ${lastSeen(instance.dataplane)}.`,
          ),
          'A gateway Dataplane is online while the last of its dataplaneInsight.subscriptions has a connectTime and no disconnectTime.',
          unchecked,
        ],
        fix: `Restart the gateway proxies (kuma-dp) and check their logs for the control-plane connection. ${capacityFix}`,
        fixAction: {
          kind: 'start-dataplane',
          mesh: model.name,
          name: instances[0]?.name ?? gateway.name,
        },
      }),
    );
  }
  return findings;
}

function whyLost(own: GatewayCandidate | undefined, winner: GatewayCandidate | undefined): string {
  if (!own || !winner) return 'a better-ranked selector';
  const ownTotal = own.rank.exact + own.rank.wildcard;
  const winnerTotal = winner.rank.exact + winner.rank.wildcard;
  if (winnerTotal !== ownTotal) {
    return `its matching selector ${formatTags(winner.selector)} has ${counted(winnerTotal, 'tag')} against ${ownTotal} in ${formatTags(own.selector)}`;
  }
  if (winner.rank.exact !== own.rank.exact) {
    return `its matching selector ${formatTags(winner.selector)} has more exact (non-"*") values than ${formatTags(own.selector)}`;
  }
  const created = winner.gateway.creationTime ?? 'unknown';
  const ownCreated = own.gateway.creationTime ?? 'unknown';
  return created === ownCreated
    ? `both selectors rank the same and were created at the same time, so the name that sorts first wins`
    : `both selectors rank the same and "${winner.gateway.name}" was created later (${created} against ${ownCreated})`;
}

export function shadowedGateway(model: MeshModel): Finding[] {
  const findings: Finding[] = [];
  for (const { gateway, instances } of model.builtin) {
    const stolen = stolenInstances(model.mesh, gateway);
    if (stolen.length === 0) continue;
    const full = instances.length === 0;
    const winners = [...new Set(stolen.map(({ boundTo }) => boundTo.name))];
    findings.push(
      makeFinding({
        rule: 'shadowed-gateway',
        severity: 'warning',
        mesh: model.name,
        subject: { type: 'MeshGateway', mesh: model.name, name: gateway.name },
        related: [
          ...winners.map((name) => ({ type: 'MeshGateway', mesh: model.name, name })),
          ...stolen.map(({ instance }) => ({
            type: 'Dataplane',
            mesh: instance.mesh,
            name: instance.name,
          })),
        ],
        nodeIds: [
          gatewayId(model.name, 'builtin', gateway.name),
          ...winners.map((name) => gatewayId(model.name, 'builtin', name)),
        ],
        title: full
          ? `MeshGateway "${gateway.name}" is shadowed by ${winners.map((w) => `"${w}"`).join(', ')}`
          : `${count(stolen.length, 'Dataplane')} matching MeshGateway "${gateway.name}" serve another MeshGateway`,
        symptom: full
          ? `Changes to the listeners of "${gateway.name}" never apply: every Dataplane it selects serves ${winners.join(', ')} instead.`
          : `Some proxies matching "${gateway.name}" serve other listeners: requests reaching them see the listeners of ${winners.join(', ')}.`,
        evidence: [
          ...stolen.map(({ instance, boundTo }) => {
            const selection = bindGatewayDataplane(model.mesh, instance.dataplane);
            const own = selection.candidates.find((candidate) => candidate.gateway === gateway);
            const winner = selection.candidates.find((candidate) => candidate.gateway === boundTo);
            return `Dataplane ${instance.name} ${formatTags(instance.tags)} matches selector ${formatTags(own?.selector)} of "${gateway.name}" but serves MeshGateway "${boundTo.name}": ${whyLost(own, winner)}.`;
          }),
          'A gateway Dataplane serves exactly one MeshGateway: the one whose matching selector has the most tags, then the newest.',
        ],
        fix: `Give "${gateway.name}" and ${winners.map((w) => `"${w}"`).join(', ')} disjoint selectors (distinct kuma.io/service values), or merge their listeners into one MeshGateway.`,
        fixAction: { kind: 'edit-gateway', mesh: model.name, name: gateway.name },
      }),
    );
  }
  return findings;
}

export function unboundGatewayDataplane(model: MeshModel): Finding[] {
  const gateways = model.mesh.gateways ?? [];
  return unboundGatewayDataplanes(model.mesh).map((dataplane) => {
    const tags = gatewayTagsOf(dataplane);
    const only = gateways.length === 1 ? gateways[0]?.name : undefined;
    return makeFinding({
      rule: 'unbound-gateway-dataplane',
      severity: 'warning',
      mesh: model.name,
      subject: { type: 'Dataplane', mesh: dataplane.mesh ?? model.name, name: dataplane.name },
      related: gateways.map((gateway) => ({
        type: 'MeshGateway',
        mesh: model.name,
        name: gateway.name,
      })),
      nodeIds: [meshId(model.name)],
      title: `BUILTIN gateway Dataplane ${dataplane.name} matches no MeshGateway`,
      symptom:
        'The proxy runs without listeners: connections to it are refused, and the load balancer in front of it has no healthy target.',
      evidence: [
        `Dataplane ${dataplane.name} has networking.gateway.type BUILTIN and gateway tags ${formatTags(tags)}.`,
        gateways.length > 0
          ? `No selector of the MeshGateways in mesh "${model.name}" matches those tags: ${gateways
              .map((gateway) => `"${gateway.name}" ${selectorsOf(gateway)}`)
              .join('; ')}.`
          : `Mesh "${model.name}" has no MeshGateway.`,
      ],
      fix: `Create a MeshGateway in mesh "${model.name}" whose selector matches ${formatTags(tags)} (at least kuma.io/service: ${tags['kuma.io/service'] ?? '<service>'}), or fix the Dataplane's gateway tags.`,
      fixAction: only
        ? { kind: 'edit-gateway', mesh: model.name, name: only }
        : { kind: 'edit-gateway', mesh: model.name },
    });
  });
}
